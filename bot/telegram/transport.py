"""The Bot API over HTTP: python-telegram-bot's request interface on an aiohttp client session.

python-telegram-bot's own transport (httpx) spends about a millisecond of CPU on each call; the
same call through aiohttp costs a third of that, and a bot answering a question makes one such
call per reply. Status codes and bodies go back to python-telegram-bot unchanged, so its handling
of Telegram's errors (429 with retry_after, 400, 403, 409, 5xx) is the same as with httpx.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData
from typing_extensions import override


class AiohttpRequest(BaseRequest):
    """Sends Bot API requests over at most ``connections`` pooled keep-alive connections.

    A request that waits longer than ``pool_timeout`` for a free connection, ``connect_timeout``
    to connect, or ``read_timeout`` between two reads of the reply raises ``TimedOut``; any other
    failure to get a reply raises ``NetworkError``. ``before_each``, when given, is awaited before
    each request goes: a getUpdates call confirms the updates before it, so polling waits there
    until they are kept.
    """

    def __init__(
        self,
        *,
        connections: int,
        connect_timeout: float | None,
        read_timeout: float | None,
        pool_timeout: float | None,
        before_each: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._connections = connections
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._pool_timeout = pool_timeout
        self._before_each = before_each
        self._session: aiohttp.ClientSession | None = None
        self._open = False

    @property
    def read_timeout(self) -> float | None:
        """The read timeout of a request that does not set its own."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Allow requests; the session opens with the first one."""
        self._open = True

    async def shutdown(self) -> None:
        """Close the session and its connections."""
        self._open = False
        if self._session is not None:
            await self._session.close()
            self._session = None

    def _client(self) -> aiohttp.ClientSession:
        """The session, opened on first use: a bot that never polls opens none for polling."""
        if not self._open:
            raise RuntimeError("this AiohttpRequest is not initialized")
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._connections),
                headers={"User-Agent": self.USER_AGENT},
                # python-telegram-bot reads the status and body itself.
                raise_for_status=False,
                # As httpx does: HTTPS_PROXY and NO_PROXY from the environment are honoured.
                trust_env=True,
            )
        return self._session

    @override
    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Send one request; return the reply's status code and body."""
        session = self._client()
        if self._before_each is not None:
            await self._before_each()
        # aiohttp has no write timeout: a body is written within the read timeout's reach.
        timeout = aiohttp.ClientTimeout(
            connect=_given(pool_timeout, self._pool_timeout),
            sock_connect=_given(connect_timeout, self._connect_timeout),
            sock_read=_given(read_timeout, self._read_timeout),
        )
        try:
            async with session.request(
                method, url, data=_body(request_data), timeout=timeout
            ) as response:
                return response.status, await response.read()
        except TimeoutError as exc:
            raise TimedOut(f"the Bot API did not answer in time ({type(exc).__name__})") from exc
        except aiohttp.ClientError as exc:
            # The message is logged and shown to the operator: it must not carry the URL, which
            # holds the token.
            text = str(exc).replace(url, "the Bot API")
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {text}") from exc


def bot_api_requests(
    poll_timeout: float, before_polling: Callable[[], Awaitable[None]] | None = None
) -> tuple[AiohttpRequest, AiohttpRequest]:
    """Return the transports of one bot: for its Bot API calls, and for long polling.

    Long polling holds its one connection for up to ``poll_timeout`` seconds a call;
    ``before_polling`` is awaited before each getUpdates call.
    """
    calls = AiohttpRequest(connections=256, connect_timeout=10, read_timeout=15, pool_timeout=30)
    polls = AiohttpRequest(
        connections=1,
        connect_timeout=10,
        read_timeout=poll_timeout + 10,
        pool_timeout=1,
        before_each=before_polling,
    )
    return calls, polls


def _given(value: ODVInput[float], default: float | None) -> float | None:
    """A timeout passed for one call, or the default when the call left it unset."""
    return default if isinstance(value, DefaultValue) else value


def _body(request_data: RequestData | None) -> aiohttp.FormData | dict[str, str] | None:
    """The request body: form fields, or a multipart form when files are uploaded."""
    if request_data is None:
        return None
    fields = request_data.json_parameters
    files = request_data.multipart_data
    if not files:
        return fields
    form = aiohttp.FormData(fields)
    for name, (filename, content, mime_type) in files.items():
        form.add_field(name, content, filename=filename, content_type=mime_type)
    return form
