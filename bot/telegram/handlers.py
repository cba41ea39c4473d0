"""Handlers for what users send: commands, questions, and everything else; the one path a
question takes (flood guard, answer, send, one log row)."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Hashable

from telegram import CallbackQuery, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import Forbidden, TelegramError

from bot.answer.conversation import Topic, Turn, reply
from bot.answer.engine import Engine
from bot.answer.summaries import summary_question
from bot.answer.texts import say
from bot.knowledge.documents import clean_text
from bot.querylog.writer import new_query_id
from bot.telegram import texts
from bot.telegram.buttons import (
    AskExample,
    Feedback,
    ShowSource,
    answer_keyboard,
    decode,
    doc_key,
    examples_keyboard,
)
from bot.telegram.messages import (
    answer_messages,
    clean,
    documents_messages,
    help_messages,
    notice,
    paragraph_messages,
    start_messages,
)
from bot.telegram.runtime import Asked, Context, Runtime, runtime
from bot.telegram.sending import send_html, show_typing

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
                language = texts.language_of(update, asked.question)
                turn = await _answer_showing_typing(
                    context, chat.id, engine, asked.question, topic, language=language
                )
                answer = turn.answer
                no_reply = notice(texts.for_user(update, "no_reply", asked.question))
                messages = answer_messages(answer, language) or [no_reply]
                keyboard = answer_keyboard(answer, asked.query_id, language)
                sent = await send_html(
                    context.bot, chat.id, messages, keyboard=keyboard, reply_to=reply_to
                )
                outcome = "answered" if answer.answered else "declined"
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
    context: Context,
    chat_id: int,
    engine: Engine,
    question: str,
    topic: Topic | None,
    *,
    language: str,
) -> Turn:
    """Answer off the event loop, in ``language``; show "typing…" only when the answer is slow."""
    examples = runtime(context).examples
    work = asyncio.ensure_future(
        asyncio.to_thread(reply, engine, question, topic, examples, language)
    )
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
    if chat is None:
        return
    if turn.topic is None:
        # A new question left no topic: the private chat's earlier one is over too.
        if chat.type == ChatType.PRIVATE:
            rt.contexts.drop(("chat", chat.id))
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


_FIRST_WORD = re.compile(r"\S+\s?")


def _reply_to(message: Message, edited: bool) -> int | None:
    """Answers quote the question in groups, and for edited questions, so it is clear which."""
    private = message.chat.type == ChatType.PRIVATE
    return None if private and not edited else message.message_id


async def _say(update: Update, context: Context, text: str) -> None:
    """Reply with one short notice in the update's chat."""
    chat = update.effective_chat
    if chat is not None:
        message = update.effective_message
        reply_to = message.message_id if message and chat.type != ChatType.PRIVATE else None
        await send_html(context.bot, chat.id, [notice(text)], reply_to=reply_to)


async def start(update: Update, context: Context) -> None:
    """Greet the user, say what the bot knows and offer example questions as buttons."""
    chat = update.effective_chat
    if chat is None:
        return
    rt = runtime(context)
    engine = rt.live.current
    language = texts.language_of(update)
    # Off the event loop, as every answer is: a large knowledge base takes a while to search.
    examples = await asyncio.to_thread(rt.examples.of, engine, language)
    messages = start_messages(engine.kb.documents, examples, language)
    keyboard = examples_keyboard(examples, language)
    await send_html(context.bot, chat.id, messages, keyboard=keyboard)


async def help_command(update: Update, context: Context) -> None:
    """List every command; admins also see theirs."""
    chat = update.effective_chat
    if chat is None:
        return
    is_admin = runtime(context).is_admin(update.effective_user)
    await send_html(context.bot, chat.id, help_messages(is_admin, texts.language_of(update)))


async def sources(update: Update, context: Context) -> None:
    """List the documents with title, publisher and date."""
    chat = update.effective_chat
    if chat is None:
        return
    documents = runtime(context).live.current.kb.documents
    messages = documents_messages(documents, texts.language_of(update))
    await send_html(context.bot, chat.id, messages)


async def summary(update: Update, context: Context) -> None:
    """Summarise the sources, or the document named after the command."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    named = _FIRST_WORD.sub("", message.text, count=1)
    named = tidy_question(named)
    question = summary_question(named, texts.language_of(update, named))
    edited = update.edited_message is not None
    await answer_question(update, context, question, reply_to=_reply_to(message, edited))


async def ask(update: Update, context: Context) -> None:
    """Answer the question after /ask, or say how to use it."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    text = _FIRST_WORD.sub("", message.text, count=1)
    await _answer_text(update, context, message, text, texts.for_user(update, "ask_usage"))


async def private_text(update: Update, context: Context) -> None:
    """Answer any text in a private chat as a question."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    empty = texts.for_user(update, "empty_question")
    await _answer_text(update, context, message, message.text, empty)


async def _answer_text(
    update: Update, context: Context, message: Message, text: str, when_empty: str
) -> None:
    """Answer ``text`` as a question, or reply ``when_empty`` when nothing is left of it."""
    question = tidy_question(text)
    if not question:
        await _say(update, context, when_empty)
        return
    edited = update.edited_message is not None
    await answer_question(update, context, question, reply_to=_reply_to(message, edited))


async def group_text(update: Update, context: Context) -> None:
    """Answer group text that mentions the bot or replies to it; ignore the rest."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    question = _addressed_question(message, context)
    if question is None:
        return
    if not question:
        await _say(update, context, texts.for_user(update, "group_empty"))
        return
    await answer_question(update, context, question, reply_to=message.message_id)


def _addressed_question(message: Message, context: Context) -> str | None:
    """The question in a group message meant for the bot (mentions removed), else None."""
    text = message.text or ""
    me = context.bot
    ours: list[MessageEntity] = []
    for entity in message.entities:
        if entity.type == MessageEntity.MENTION:
            if message.parse_entity(entity).lower() == f"@{me.username}".lower():
                ours.append(entity)
        elif entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == me.id:
            ours.append(entity)
    replied = message.reply_to_message
    to_us = replied is not None and replied.from_user is not None and replied.from_user.id == me.id
    if not ours and not to_us:
        return None
    return tidy_question(_without(text, ours))


def _without(text: str, entities: list[MessageEntity]) -> str:
    """Remove entities (offsets in UTF-16 units, as Telegram gives them) from ``text``."""
    units = text.encode("utf-16-le", "surrogatepass")
    for entity in sorted(entities, key=lambda e: e.offset, reverse=True):
        start, end = entity.offset * 2, (entity.offset + entity.length) * 2
        units = units[:start] + " ".encode("utf-16-le") + units[end:]
    return units.decode("utf-16-le", "surrogatepass")


async def unknown_command(update: Update, context: Context) -> None:
    """Point to /help for commands the bot does not know (in groups, only ones addressed to it)."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    if message.chat.type != ChatType.PRIVATE:
        command = message.text.split(maxsplit=1)[0]
        if not command.lower().endswith(f"@{context.bot.username}".lower()):
            return
    await _say(update, context, texts.for_user(update, "unknown_command"))


async def not_text(update: Update, context: Context) -> None:
    """Ask for text when someone sends a sticker, photo, voice note or the like."""
    message = update.effective_message
    if message is None:
        return
    if message.chat.type != ChatType.PRIVATE:
        replied = message.reply_to_message
        if replied is None or replied.from_user is None or replied.from_user.id != context.bot.id:
            return
    await _say(update, context, texts.for_user(update, "not_text"))


async def on_button(update: Update, context: Context) -> None:
    """Act on a button press; anything we did not make gets a polite answer."""
    query = update.callback_query
    if query is None:
        return
    action = decode(query.data)
    message = query.message if isinstance(query.message, Message) else None
    match action:
        case ShowSource():
            if message is None:
                await _ack(query, texts.for_user(update, "source_unavailable"))
                return
            await _show_source(update, query, context, action, message)
        case Feedback(query_id, value):
            await runtime(context).querylog.feedback(query_id, value)
            await _ack(query, texts.for_user(update, "feedback_thanks"))
        case AskExample(index, language):
            rt = runtime(context)
            examples = await asyncio.to_thread(rt.examples.of, rt.live.current, language)
            if message is None or not 0 <= index < len(examples):
                await _ack(query, texts.for_user(update, "stale_button"))
                return
            await _ack(query, texts.for_user(update, "example_asked"))
            await answer_question(update, context, examples[index])
        case None:
            _LOGGER.info("ignored a button press with unknown data")
            await _ack(query, texts.for_user(update, "stale_button"))


async def _show_source(
    update: Update, query: CallbackQuery, context: Context, action: ShowSource, message: Message
) -> None:
    """Send the whole cited paragraph, with its document title and date, under the answer."""
    kb = runtime(context).live.current.kb
    doc = next((d for d in kb.documents if doc_key(d.id) == action.doc_key), None)
    paragraph = kb.paragraph(doc.id, action.paragraph) if doc else None
    if doc is None or paragraph is None:
        await _ack(query, texts.for_user(update, "source_gone"))
        return
    await _ack(query)
    try:
        await send_html(
            context.bot,
            message.chat.id,
            paragraph_messages(
                doc.title,
                doc.published,
                paragraph.number,
                paragraph.text,
                url=doc.url,
                section=paragraph.section,
                language=texts.language_of(update),
            ),
            reply_to=message.message_id,
        )
    except TelegramError as exc:
        _LOGGER.warning("could not send a cited paragraph: %s", exc.message)


async def _ack(query: CallbackQuery, text: str | None = None) -> None:
    """Answer the button press (stops the spinner); a late or failed answer is only logged."""
    try:
        await query.answer(text)
    except TelegramError as exc:
        _LOGGER.info("could not answer a button press: %s", exc.message)


async def on_error(update: object, context: Context) -> None:
    """Log an error from any handler and tell the user that something went wrong."""
    _LOGGER.error("handling an update failed", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await _say(update, context, texts.for_user(update, "failed"))
        except TelegramError as exc:
            _LOGGER.warning("could not tell the user about the error: %s", exc.message)
