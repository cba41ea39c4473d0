"""Handlers for what users send: commands, questions, and everything else."""

from __future__ import annotations

import asyncio
import logging
import re

from telegram import CallbackQuery, Message, MessageEntity, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.answer.summaries import summary_question
from bot.telegram import texts
from bot.telegram.asking import answer_question, tidy_question
from bot.telegram.buttons import (
    AskExample,
    Feedback,
    ShowSource,
    decode,
    doc_key,
    examples_keyboard,
)
from bot.telegram.delivery import send_html
from bot.telegram.render import (
    documents_messages,
    help_messages,
    notice,
    paragraph_messages,
    start_messages,
)
from bot.telegram.runtime import Context, runtime

_LOGGER = logging.getLogger(__name__)
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

    def answerable() -> list[str]:
        # Offer only the examples this knowledge base answers; a blank keeps the others' indices.
        return [q if engine.answer(q).answered else "" for q in rt.settings.example_questions]

    # Off the event loop, as every answer is: a large knowledge base takes a while to search.
    examples = await asyncio.to_thread(answerable)
    language = texts.language_of(update)
    messages = start_messages(engine.kb.documents, [q for q in examples if q], language)
    await send_html(context.bot, chat.id, messages, keyboard=examples_keyboard(examples))


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
    question = summary_question(tidy_question(named))
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
        case AskExample(index):
            examples = runtime(context).settings.example_questions
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
