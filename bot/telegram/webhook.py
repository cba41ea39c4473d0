"""The webhook server: takes updates only with the right secret header (constant-time check)."""

from __future__ import annotations

import hmac
import json
import logging
import re
from http import HTTPStatus
from urllib.parse import urlsplit

import tornado.web
from telegram import Bot, Update
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from bot.telegram.inbox import InboxQueue

_LOGGER = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1_000_000


def webhook_path(url: str) -> str:
    """Return the path the webhook server listens on: the path of the public webhook URL."""
    path = urlsplit(url).path
    return path if path.startswith("/") else "/" + path


class _UpdateHandler(tornado.web.RequestHandler):
    """Takes one update per POST and hands it to the application's update queue."""

    def initialize(self, bot: Bot, queue: InboxQueue, secret: bytes) -> None:
        """Receive the bot, the update queue and the expected secret (tornado's hook)."""
        self._bot = bot
        self._queue = queue
        self._secret = secret

    async def post(self) -> None:
        """Check the secret, parse the update and queue it; 403 and nothing queued without it."""
        given = self.request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, self._secret):
            _LOGGER.warning(
                "webhook request without the right secret from %s", self.request.remote_ip
            )
            self._reply(HTTPStatus.FORBIDDEN)
            return
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            update = Update.de_json(data, self._bot)
        except (ValueError, TypeError, KeyError) as exc:
            _LOGGER.warning("webhook request with a malformed update: %s", exc)
            self._reply(HTTPStatus.BAD_REQUEST)
            return
        await self._queue.put(update)
        # A 200 tells Telegram to forget the update: only once the inbox holds it.
        await self._queue.written()
        self._reply(HTTPStatus.OK)

    def _reply(self, status: HTTPStatus) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"ok": status == HTTPStatus.OK}))


class WebhookServer:
    """An HTTP server on ``listen:port`` that feeds updates posted to ``path`` into ``queue``."""

    def __init__(self, bot: Bot, queue: InboxQueue, *, path: str, secret: str) -> None:
        handler_args = {
            "bot": bot,
            "queue": queue,
            "secret": secret.encode("utf-8", "surrogateescape"),
        }
        app = tornado.web.Application([(re.escape(path), _UpdateHandler, handler_args)])
        self._server = HTTPServer(app, max_body_size=MAX_UPDATE_BYTES)
        self.port = 0

    def start(self, listen: str, port: int) -> None:
        """Bind and start serving; ``port`` 0 picks a free port, kept in ``self.port``."""
        sockets = bind_sockets(port, listen)
        self.port = sockets[0].getsockname()[1]
        self._server.add_sockets(sockets)

    async def stop(self) -> None:
        """Stop accepting requests and close open connections."""
        self._server.stop()
        await self._server.close_all_connections()
