"""Sending HTML messages: in order, keyboard under the last, plain text if Telegram rejects HTML."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence

from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, TelegramError

from bot.telegram.markup import to_plain

_LOGGER = logging.getLogger(__name__)
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def is_parse_error(exc: BadRequest) -> bool:
    """True when Telegram refused a message because of its HTML."""
    return "can't parse entities" in exc.message.lower()


async def send_html(
    bot: Bot,
    chat_id: int,
    messages: Sequence[str],
    *,
    keyboard: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> list[Message]:
    """Send ``messages`` in order; a message Telegram cannot parse goes again as plain text."""
    sent: list[Message] = []
    for index, html in enumerate(messages):
        markup = keyboard if index == len(messages) - 1 else None
        reply = (
            ReplyParameters(reply_to, allow_sending_without_reply=True)
            if reply_to is not None and index == 0
            else None
        )
        try:
            message = await bot.send_message(
                chat_id,
                html,
                parse_mode=ParseMode.HTML,
                reply_markup=markup,
                reply_parameters=reply,
                link_preview_options=_NO_PREVIEW,
            )
        except BadRequest as exc:
            if not is_parse_error(exc):
                raise
            _LOGGER.warning(
                "Telegram could not parse a message as HTML (%s); sending it plain", exc
            )
            message = await bot.send_message(
                chat_id,
                to_plain(html),
                parse_mode=None,
                reply_markup=markup,
                reply_parameters=reply,
                link_preview_options=_NO_PREVIEW,
            )
        sent.append(message)
    return sent


async def show_typing(bot: Bot, chat_id: int) -> None:
    """Show "typing…" in the chat; a failure only costs the indicator."""
    with contextlib.suppress(TelegramError):
        await bot.send_chat_action(chat_id, ChatAction.TYPING)
