"""Sending to Telegram: outgoing pace (AIORateLimiter plus one message a second per chat, retries),
and HTML messages sent in order, keyboard under the last, plain text if Telegram rejects HTML."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
from telegram import Bot, InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError, TimedOut
from telegram.ext import AIORateLimiter
from typing_extensions import override

from bot.telegram.messages import to_plain

_LOGGER = logging.getLogger(__name__)

JSONDict = dict[str, Any]
Result = bool | JSONDict | list[JSONDict]
Callback = Callable[..., Coroutine[Any, Any, Result]]

UNPACED = frozenset({"sendChatAction"})
"""Calls that do not count as messages: sent at once, never queued behind answers."""

RESENT_ON_NETWORK_ERROR = frozenset(
    {"sendMessage", "editMessageText", "sendDocument", "answerCallbackQuery"}
)
"""Calls sent again when they surely did not take effect (``not_taken``), so no answer is lost."""


def not_taken(exc: NetworkError) -> bool:
    """True when the request that failed with ``exc`` cannot have taken effect at Telegram.

    Telegram refused it (a 5xx reply), or it never got there whole: no connection, no free
    connection, the body not written in time, the connection closed before any reply. A reply
    that did not come within the read timeout is the one case left out: Telegram may have taken
    the message and be late to confirm it, and sending it again would deliver it twice.
    """
    cause = exc.__cause__
    if not isinstance(cause, httpx.HTTPError):
        # python-telegram-bot raises a NetworkError of its own only for an error status.
        return not isinstance(exc, TimedOut)
    return not isinstance(cause, httpx.ReadTimeout)


_PRUNE_AT = 2048


@dataclass
class _ChatGate:
    """Orders sends to one chat and keeps them ``interval`` seconds apart."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    last: float = float("-inf")


class PacedRateLimiter(AIORateLimiter):
    """AIORateLimiter (overall and group limits, retries after 429) with a per-chat gap.

    Telegram asks bots to send at most about one message a second to one chat. The gate for a
    chat is taken before the overall limiter and held until Telegram has replied, and the next
    send to that chat waits ``chat_interval`` from that reply: so Telegram sees two messages to
    one chat at least ``chat_interval`` apart, however long the overall limiter or a busy event
    loop delays a request on its way. A send that surely did not take effect (``not_taken``) is
    retried ``network_retries`` times with growing pauses; one that may have is never resent.
    """

    def __init__(
        self,
        *,
        overall_per_second: float,
        chat_interval: float,
        max_retries: int,
        network_retries: int,
        network_backoff: float = 0.5,
    ) -> None:
        # One message per 1/rate seconds rather than `rate` per second: the same throughput, but
        # evenly spaced, so Telegram never sees a burst on top of a busy second.
        super().__init__(
            overall_max_rate=1, overall_time_period=1 / overall_per_second, max_retries=max_retries
        )
        self._chat_interval = chat_interval
        self._network_retries = network_retries
        self._network_backoff = network_backoff
        self._gates: dict[int | str, _ChatGate] = {}

    @override
    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Result:
        """Send one request, paced per chat and overall, retrying what is safe to retry."""
        if endpoint in UNPACED:
            return await callback(*args, **kwargs)

        async def send(call: Callback) -> Result:
            return await super(PacedRateLimiter, self).process_request(
                call, args, kwargs, endpoint, data, rate_limit_args
            )

        chat_id = data.get("chat_id")
        if not isinstance(chat_id, int | str) or self._chat_interval <= 0:
            return await self._with_retries(lambda: send(callback), endpoint)
        gate = self._gate(chat_id)
        async with gate.lock:
            loop = asyncio.get_running_loop()
            wait = gate.last + self._chat_interval - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await self._with_retries(lambda: send(callback), endpoint)
            finally:
                gate.last = loop.time()

    async def _with_retries(
        self, attempt_send: Callable[[], Awaitable[Result]], endpoint: str
    ) -> Result:
        """Run ``attempt_send``, again after network errors when ``endpoint`` is safe to resend."""
        retries = self._network_retries if endpoint in RESENT_ON_NETWORK_ERROR else 0
        attempt = 0
        while True:
            try:
                return await attempt_send()
            except BadRequest:
                raise
            except NetworkError as exc:
                if attempt >= retries or not not_taken(exc):
                    raise
                pause = self._network_backoff * 2**attempt
                attempt += 1
                _LOGGER.warning("%s failed (%s); retrying in %.1f s", endpoint, exc, pause)
                await asyncio.sleep(pause)

    def _gate(self, chat_id: int | str) -> _ChatGate:
        """Return the gate of ``chat_id``, forgetting idle gates once there are many."""
        if len(self._gates) >= _PRUNE_AT:
            now = asyncio.get_running_loop().time()
            for key, idle in list(self._gates.items()):
                if not idle.lock.locked() and now - idle.last > self._chat_interval:
                    del self._gates[key]
        return self._gates.setdefault(chat_id, _ChatGate())


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
