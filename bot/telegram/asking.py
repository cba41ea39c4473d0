"""The one path a question takes in Telegram: flood guard, answer, send, and one log row."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Hashable

from telegram import Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError

from bot.answer.conversation import Topic, Turn, reply
from bot.answer.engine import Engine
from bot.answer.texts import say
from bot.knowledge.documents import clean_text
from bot.querylog.writer import new_query_id
from bot.telegram import texts
from bot.telegram.buttons import answer_keyboard
from bot.telegram.delivery import send_html, show_typing
from bot.telegram.markup import clean
from bot.telegram.render import answer_messages, notice
from bot.telegram.rows import Asked
from bot.telegram.runtime import Context, Runtime, runtime

_LOGGER = logging.getLogger(__name__)

TYPING_AFTER_SECONDS = 0.5
"""How long an answer may take before the chat shows "typing…": most come in a millisecond,
and showing it for those would cost a Bot API request a question for an indicator nobody sees."""


def tidy_question(text: str) -> str:
    """Return the question without control or direction marks, bad surrogates or outer space."""
    return clean(clean_text(text)).strip()


async def answer_question(
    update: Update, context: Context, question: str, *, reply_to: int | None = None
) -> None:
    """Answer ``question`` in the update's chat and log exactly one row with the outcome."""
    rt = runtime(context)
    chat = update.effective_chat
    if chat is None:
        return
    asked = Asked.from_update(update, new_query_id(), tidy_question(question))
    engine = rt.live.current
    outcome, reply, error = "error", "", None
    answer = None
    with rt.tracking():
        try:
            verdict = rt.flood.check(asked.user_id or chat.id, time.monotonic())
            if rt.closing:
                # Not answered now; the update stays in the inbox for the next start.
                rt.updates.keep(update.update_id)
                outcome, error = "failed", "the bot was shutting down"
            elif not verdict.allowed:
                outcome = "flood"
                if verdict.warn:
                    reply = texts.for_user(update, "slow_down", asked.question)
                    await send_html(context.bot, chat.id, [notice(reply)], reply_to=reply_to)
            else:
                follows = _context_key(update)
                topic = rt.contexts.get(follows, engine, time.monotonic()) if follows else None
                turn = await _answer_showing_typing(context, chat.id, engine, asked.question, topic)
                answer = turn.answer
                language = texts.language_of(update, asked.question)
                no_reply = notice(texts.for_user(update, "no_reply", asked.question))
                messages = answer_messages(answer, language) or [no_reply]
                keyboard = answer_keyboard(answer, asked.query_id, language)
                sent = await send_html(
                    context.bot, chat.id, messages, keyboard=keyboard, reply_to=reply_to
                )
                outcome = "answered" if answer.answered else "declined"
                if turn.topic is not None:
                    _keep_context(rt, update, [m.message_id for m in sent], turn, engine)
        except Forbidden as exc:
            outcome, error = "failed", f"forbidden: {exc.message}"
            _LOGGER.info("cannot write to chat (%s); not retrying", exc.message)
        except TelegramError as exc:
            outcome, error = "failed", f"{type(exc).__name__}: {exc.message}"
            _LOGGER.warning("could not send an answer: %s", error)
        except asyncio.CancelledError:
            outcome, error = "failed", "the bot shut down before the answer was sent"
            raise
        except Exception as exc:
            outcome, error = "error", f"{type(exc).__name__}: {exc}"
            _LOGGER.exception("answering failed")
            await _apologise(context, chat.id, reply_to, texts.language_of(update, question))
        finally:
            record = asked.record(outcome, engine.version, answer=answer, reply=reply, error=error)
            await rt.querylog.submit(record)


async def _answer_showing_typing(
    context: Context, chat_id: int, engine: Engine, question: str, topic: Topic | None
) -> Turn:
    """Answer off the event loop; show "typing…" only when the answer is slow to come."""
    examples = runtime(context).examples
    work = asyncio.ensure_future(asyncio.to_thread(reply, engine, question, topic, examples))
    try:
        done, _ = await asyncio.wait({work}, timeout=TYPING_AFTER_SECONDS)
        if not done:
            await show_typing(context.bot, chat_id)
        return await work
    finally:
        work.cancel()


def _context_key(update: Update) -> Hashable | None:
    """Where the context a question follows up on is kept, if it may follow up at all.

    In a private chat, the chat's last answer; in a group, the answer of the bot's that the
    question replies to. Other group questions stand alone.
    """
    chat, message = update.effective_chat, update.effective_message
    if chat is None or message is None:
        return None
    if chat.type == ChatType.PRIVATE:
        return ("chat", chat.id)
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.is_bot:
        return ("message", chat.id, replied.message_id)
    return None


def _keep_context(rt: Runtime, update: Update, sent: list[int], turn: Turn, engine: Engine) -> None:
    """Keep the context after ``turn``: for the private chat, or for each message of the answer."""
    chat = update.effective_chat
    if chat is None or turn.topic is None:
        return
    now = time.monotonic()
    if chat.type == ChatType.PRIVATE:
        rt.contexts.put(("chat", chat.id), turn.topic, engine, now)
        return
    for message_id in sent:
        rt.contexts.put(("message", chat.id, message_id), turn.topic, engine, now)


async def _apologise(context: Context, chat_id: int, reply_to: int | None, language: str) -> None:
    """Tell the user something went wrong; if even that fails, leave it to the logs."""
    try:
        apology = [notice(say("failed", language))]
        await send_html(context.bot, chat_id, apology, reply_to=reply_to)
    except TelegramError as exc:
        _LOGGER.warning("could not send the apology either: %s", exc.message)
