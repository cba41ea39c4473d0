"""Handlers for inline button presses: Source, 👍 / 👎 and example questions."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.error import TelegramError

from bot.telegram import texts
from bot.telegram.asking import answer_question
from bot.telegram.callbacks import AskExample, Feedback, ShowSource, decode, doc_key
from bot.telegram.delivery import send_html
from bot.telegram.render import paragraph_messages
from bot.telegram.runtime import Context, runtime

_LOGGER = logging.getLogger(__name__)


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
