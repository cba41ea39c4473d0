"""A fake Telegram Bot API server on loopback, a Telegram HTML checker, and Update factories."""

from __future__ import annotations

import asyncio
import contextlib
import html
import itertools
import json
import re
import sqlite3
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiohttp import web

TOKEN = "123456789:AAFakeTokenForTestsOnly-abcdefghijk"
BOT_ID = 123456789
BOT_USERNAME = "accords_test_bot"
MAX_UNITS = 4096

# --- Telegram HTML rules -------------------------------------------------------------------------

ALLOWED_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "ins",
        "s",
        "strike",
        "del",
        "span",
        "tg-spoiler",
        "a",
        "code",
        "pre",
        "blockquote",
        "tg-emoji",
    }
)
_TAG = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_ATTR = re.compile(r"([a-zA-Z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});")


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, as Telegram counts."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _attributes(raw: str) -> dict[str, str]:
    return {
        m.group(1).lower(): next((g for g in m.group(2, 3, 4) if g is not None), "")
        for m in _ATTR.finditer(raw)
    }


def _attribute_problem(name: str, attrs: dict[str, str]) -> str | None:
    """Why these attributes are not allowed on ``name``, or None."""
    allowed: dict[str, set[str]] = {
        "a": {"href"},
        "span": {"class"},
        "tg-emoji": {"emoji-id"},
        "code": {"class"},
        "blockquote": {"expandable"},
    }
    extra = set(attrs) - allowed.get(name, set())
    if extra:
        return f"attributes {sorted(extra)} not allowed on <{name}>"
    if name == "a" and not attrs.get("href"):
        return "<a> without href"
    if name == "span" and attrs.get("class") != "tg-spoiler":
        return '<span> without class="tg-spoiler"'
    if name == "tg-emoji" and not attrs.get("emoji-id", "").isdigit():
        return "<tg-emoji> without a numeric emoji-id"
    if name == "code" and "class" in attrs and not attrs["class"].startswith("language-"):
        return "<code> class must be language-…"
    return None


def html_problems(text: str) -> list[str]:
    """Every way ``text`` breaks Telegram's HTML parse mode rules or its length limit."""
    problems: list[str] = []
    if not text.strip():
        problems.append("empty message")
    if utf16_len(text) > MAX_UNITS:
        problems.append(f"too long: {utf16_len(text)} UTF-16 units")
    if re.search(r"[\ud800-\udfff]", text):
        problems.append("lone surrogate")
    stack: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            match = _TAG.match(text, i)
            if match is None:
                problems.append(f"bare '<' at {i}: {text[i : i + 20]!r}")
                i += 1
                continue
            closing, name, raw_attrs = match.group(1), match.group(2).lower(), match.group(3)
            if name not in ALLOWED_TAGS:
                problems.append(f"tag <{name}> not allowed")
            elif closing:
                if raw_attrs.strip():
                    problems.append(f"closing tag </{name}> with attributes")
                if not stack or stack[-1] != name:
                    problems.append(f"</{name}> does not close {stack[-1:] or 'anything'}")
                else:
                    stack.pop()
            else:
                problem = _attribute_problem(name, _attributes(raw_attrs))
                if problem:
                    problems.append(problem)
                if (
                    stack
                    and stack[-1] in {"code", "pre"}
                    and not (stack[-1] == "pre" and name == "code")
                ):
                    problems.append(f"<{name}> inside <{stack[-1]}>")
                if name == "a" and "a" in stack:
                    problems.append("<a> inside <a>")
                if name == "blockquote" and "blockquote" in stack:
                    problems.append("nested <blockquote>")
                stack.append(name)
            i = match.end()
        elif char == "&":
            match = _ENTITY.match(text, i)
            if match is None:
                problems.append(f"bare '&' at {i}: {text[i : i + 12]!r}")
                i += 1
            else:
                i = match.end()
        elif char == ">":
            problems.append(f"bare '>' at {i}")
            i += 1
        else:
            i += 1
    if stack:
        problems.append(f"unclosed tags {stack}")
    return problems


def html_to_text(text: str) -> str:
    """The text a user sees for an HTML message."""
    return html.unescape(re.sub(r"<[^>]*>", "", text))


# --- The fake server -----------------------------------------------------------------------------


@dataclass
class Fault:
    """One injected failure for one call of a method."""

    status: int
    description: str
    retry_after: int | None = None
    drop: bool = False
    late_by: float = 0.0
    """For a call that succeeds: seconds between doing it and saying so."""

    @classmethod
    def too_many(cls, retry_after: int = 1) -> Fault:
        """429 Too Many Requests with ``retry_after``."""
        return cls(429, f"Too Many Requests: retry after {retry_after}", retry_after)

    @classmethod
    def server_error(cls, status: int = 502) -> Fault:
        """A 5xx reply."""
        return cls(status, "Bad Gateway" if status == 502 else "Internal Server Error")

    @classmethod
    def dropped(cls) -> Fault:
        """The connection closes without a reply."""
        return cls(0, "", drop=True)

    @classmethod
    def late(cls, seconds: float) -> Fault:
        """The call is done (a message is stored and delivered), but confirmed ``seconds`` late."""
        return cls(200, "", late_by=seconds)

    @classmethod
    def conflict(cls) -> Fault:
        """409 from a second poller."""
        return cls(
            409,
            "Conflict: terminated by other getUpdates request; make sure that only one bot "
            "instance is running",
        )

    @classmethod
    def blocked(cls) -> Fault:
        """403 from a user who blocked the bot."""
        return cls(403, "Forbidden: bot was blocked by the user")

    @classmethod
    def unauthorized(cls) -> Fault:
        """401 for a bad token."""
        return cls(401, "Unauthorized")

    @classmethod
    def cant_parse(cls) -> Fault:
        """400 for HTML Telegram cannot parse."""
        return cls(400, 'Bad Request: can\'t parse entities: Unsupported start tag "x" at 0')


@dataclass
class Sent:
    """A message the bot sent or edited, as the fake recorded it."""

    method: str
    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    reply_to: int | None
    json: dict[str, Any]
    filename: str | None = None
    content: bytes | None = None

    @property
    def shown(self) -> str:
        """The text as the user sees it."""
        return html_to_text(self.text) if self.parse_mode == "HTML" else self.text

    def buttons(self) -> list[tuple[str, str]]:
        """(text, callback data) of every inline button under the message."""
        if not self.reply_markup:
            return []
        return [
            (b["text"], b.get("callback_data", ""))
            for row in self.reply_markup.get("inline_keyboard", [])
            for b in row
        ]


@dataclass
class _Bucket:
    """A token bucket used to enforce Telegram's rates."""

    capacity: float
    rate: float
    slack: float
    tokens: float = 0.0
    stamp: float = 0.0

    def ready(self, now: float) -> bool:
        """Refill for the time passed; True when a message may go now."""
        if self.stamp == 0.0:
            self.tokens, self.stamp = self.capacity, now
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return self.tokens >= 1.0 - self.slack

    def take(self) -> None:
        """Spend a token for a message that went."""
        self.tokens -= 1.0


@dataclass
class FakeBotApi:
    """A Bot API server on 127.0.0.1: records what the bot sends and feeds it updates."""

    token: str = TOKEN
    enforce_rates: bool = False
    overall_per_second: float = 30.0
    chat_per_second: float = 1.0
    sent: list[Sent] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    chat_actions: list[tuple[int, str]] = field(default_factory=list)
    callback_answers: list[dict[str, Any]] = field(default_factory=list)
    commands: list[dict[str, Any]] = field(default_factory=list)
    webhook: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    rate_limited: int = 0
    limited_by: list[str] = field(default_factory=list)
    faults_served: list[tuple[str, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._updates: list[dict[str, Any]] = []
        self._changed = asyncio.Condition()
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._message_ids = itertools.count(1)
        self._overall = _Bucket(self.overall_per_second, self.overall_per_second, 3.0)
        self._chats: dict[int, _Bucket] = {}
        self._runner: web.AppRunner | None = None
        self.port = 0
        self.confirmed_offset = 0
        self._closing = False
        self._methods: dict[str, Callable[[dict[str, Any]], Awaitable[Any]]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "sendDocument": self._send_document,
            "getFile": self._get_file,
            "answerCallbackQuery": self._answer_callback_query,
            "sendChatAction": self._send_chat_action,
            "setMyCommands": self._set_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "close": self._close,
            "logOut": self._log_out,
        }

    # Lifecycle.

    async def start(self) -> None:
        """Listen on a free loopback port."""
        app = web.Application(client_max_size=50_000_000)
        app.router.add_route("*", "/file/{prefix}/{path:.+}", self._file)
        app.router.add_route("*", "/{prefix}/{method}", self._call)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        """Stop the server; long polls still waiting return at once."""
        self._closing = True
        await self._notify()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """The value for ``BOT_API_BASE_URL``."""
        return f"http://127.0.0.1:{self.port}/bot"

    # What tests do.

    def push(self, *updates: dict[str, Any]) -> None:
        """Queue updates for getUpdates."""
        self._updates.extend(updates)
        asyncio.get_running_loop().create_task(self._notify())

    def fail(self, method: str, *faults: Fault) -> None:
        """Make the next calls of ``method`` fail, one fault a call."""
        self._faults[method].extend(faults)

    def add_file(self, file_id: str, content: bytes) -> None:
        """Make ``file_id`` downloadable through getFile."""
        self.files[file_id] = content

    async def wait_for(self, condition: Callable[[], bool], timeout: float = 20.0) -> None:
        """Wait until ``condition()`` holds; fail the test after ``timeout`` seconds."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(condition), timeout)

    async def wait_for_messages(
        self, count: int, chat_id: int | None = None, timeout: float = 20.0
    ) -> list[Sent]:
        """Wait until ``count`` messages went to ``chat_id`` (or anywhere) and return them all."""
        await self.wait_for(lambda: len(self.messages(chat_id)) >= count, timeout)
        return self.messages(chat_id)

    def messages(self, chat_id: int | None = None) -> list[Sent]:
        """Messages sent (not edits), to ``chat_id`` or anywhere."""
        return [
            s
            for s in self.sent
            if s.method in {"sendMessage", "sendDocument"}
            and (chat_id is None or s.chat_id == chat_id)
        ]

    def pending_updates(self) -> int:
        """Updates not yet confirmed by the bot."""
        return sum(1 for u in self._updates if u["update_id"] >= self.confirmed_offset)

    # The server.

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["prefix"] != f"bot{self.token}":
            return web.Response(status=401)
        file_id = request.match_info["path"].rsplit("/", 1)[-1]
        if file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    async def _params(self, request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            body = await request.json()
            return dict(body) if isinstance(body, dict) else {}
        form = await request.post()
        params: dict[str, Any] = {}
        for key, value in form.items():
            params[key] = value
        for key, value in request.query.items():
            params.setdefault(key, value)
        return params

    async def _call(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        self.calls.append(method)
        if request.match_info["prefix"] != f"bot{self.token}":
            return _error(401, "Unauthorized")
        params = await self._params(request)
        fault = self._next_fault(method)
        if fault is not None and fault.late_by:
            self.faults_served.append((method, fault.status))
            handler = self._methods[method]
            result = await handler(params)
            await self._notify()
            await asyncio.sleep(fault.late_by)
            return web.json_response({"ok": True, "result": result})
        if fault is not None:
            self.faults_served.append((method, fault.status))
            await self._notify()
            if fault.drop:
                assert request.transport is not None
                request.transport.close()
                raise asyncio.CancelledError
            return _error(fault.status, fault.description, fault.retry_after)
        handler = self._methods.get(method)
        if handler is None:
            return _error(404, f"Not Found: method {method} not found")
        try:
            result = await handler(params)
        except _ApiError as exc:
            return _error(exc.status, exc.description, exc.retry_after)
        finally:
            await self._notify()
        return web.json_response({"ok": True, "result": result})

    def _next_fault(self, method: str) -> Fault | None:
        queue = self._faults.get(method)
        return queue.popleft() if queue else None

    def _check_rate(self, chat_id: int) -> None:
        if not self.enforce_rates:
            return
        now = time.monotonic()
        chat = self._chats.setdefault(chat_id, _Bucket(1.0, self.chat_per_second, 0.25))
        chat_ok, overall_ok = chat.ready(now), self._overall.ready(now)
        if chat_ok and overall_ok:
            chat.take()
            self._overall.take()
        else:
            self.rate_limited += 1
            self.limited_by.append("chat" if not chat_ok else "overall")
            raise _ApiError(429, "Too Many Requests: retry after 1", 1)

    def _message(
        self, chat_id: int, text: str | None = None, **extra: Any
    ) -> tuple[int, dict[str, Any]]:
        message_id = next(self._message_ids)
        chat = (
            {"id": chat_id, "type": "private", "first_name": "User"}
            if chat_id > 0
            else {"id": chat_id, "type": "supergroup", "title": "Group"}
        )
        payload: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat,
            "from": bot_user(),
            **extra,
        }
        if text is not None:
            payload["text"] = text
        return message_id, payload

    def _record_text(self, method: str, params: dict[str, Any]) -> Sent:
        chat_id = int(params["chat_id"])
        text = str(params.get("text", ""))
        parse_mode = params.get("parse_mode") or None
        if parse_mode == "HTML":
            found = html_problems(text)
            if found:
                self.problems.extend(f"{method} to {chat_id}: {p}: {text[:200]!r}" for p in found)
                raise _ApiError(400, f"Bad Request: can't parse entities: {found[0]}")
        elif not text.strip():
            self.problems.append(f"{method} to {chat_id}: empty text")
            raise _ApiError(400, "Bad Request: message text is empty")
        elif utf16_len(text) > MAX_UNITS:
            self.problems.append(f"{method} to {chat_id}: plain text over {MAX_UNITS} units")
            raise _ApiError(400, "Bad Request: message is too long")
        self._check_rate(chat_id)
        markup = _json(params.get("reply_markup"))
        reply = _json(params.get("reply_parameters"))
        reply_to = int(reply["message_id"]) if isinstance(reply, dict) else None
        shown = html_to_text(text) if parse_mode == "HTML" else text
        extra: dict[str, Any] = {}
        if markup:
            extra["reply_markup"] = markup
        message_id, payload = self._message(chat_id, shown, **extra)
        if method == "editMessageText":
            message_id = int(params["message_id"])
            payload["message_id"] = message_id
            payload["edit_date"] = int(time.time())
        sent = Sent(method, chat_id, message_id, text, parse_mode, markup, reply_to, payload)
        self.sent.append(sent)
        return sent

    # Bot API methods.

    async def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        return {**bot_user(), "can_join_groups": True, "can_read_all_group_messages": False}

    async def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook.get("url"):
            raise _ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset") or 0)
        timeout = float(params.get("timeout") or 0)
        limit = int(params.get("limit") or 100)
        self.confirmed_offset = max(self.confirmed_offset, offset)

        def ready() -> list[dict[str, Any]]:
            # Like Telegram, forget what an earlier offset confirmed, even for a new poller.
            start = max(offset, self.confirmed_offset)
            return [u for u in self._updates if u["update_id"] >= start][:limit]

        if not ready() and timeout > 0:
            try:
                async with self._changed:
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: self._closing or bool(ready())), timeout
                    )
            except TimeoutError:
                pass
        return ready()

    async def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._record_text("sendMessage", params).json

    async def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._record_text("editMessageText", params).json

    async def _send_document(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        document = params["document"]
        content = document.file.read() if hasattr(document, "file") else str(document).encode()
        filename = getattr(document, "filename", None)
        caption = params.get("caption")
        if caption is not None and utf16_len(str(caption)) > 1024:
            self.problems.append("caption over 1024 units")
        self._check_rate(chat_id)
        doc = {
            "file_id": f"sent-{len(self.sent)}",
            "file_unique_id": f"u{len(self.sent)}",
            "file_name": filename,
            "file_size": len(content),
        }
        message_id, payload = self._message(chat_id, None, document=doc)
        if caption:
            payload["caption"] = caption
        sent = Sent(
            "sendDocument",
            chat_id,
            message_id,
            str(caption or ""),
            None,
            None,
            None,
            payload,
            filename,
            content,
        )
        self.sent.append(sent)
        return payload

    async def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params["file_id"])
        if file_id not in self.files:
            raise _ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"u-{file_id}",
            "file_size": len(self.files[file_id]),
            "file_path": f"documents/{file_id}",
        }

    async def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        self.callback_answers.append(dict(params))
        return True

    async def _send_chat_action(self, params: dict[str, Any]) -> bool:
        self.chat_actions.append((int(params["chat_id"]), str(params["action"])))
        return True

    async def _set_my_commands(self, params: dict[str, Any]) -> bool:
        self.commands.append(
            {
                "commands": _json(params["commands"]),
                "scope": _json(params.get("scope")),
                "language_code": params.get("language_code"),
            }
        )
        return True

    async def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        return True

    async def _set_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {
            "url": params.get("url", ""),
            "secret_token": params.get("secret_token"),
            "allowed_updates": _json(params.get("allowed_updates")),
        }
        return True

    async def _delete_webhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {}
        return True

    async def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": 0,
        }

    async def _close(self, params: dict[str, Any]) -> bool:
        return True

    async def _log_out(self, params: dict[str, Any]) -> bool:
        return True


class _ApiError(Exception):
    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after


def _error(status: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)


def _json(value: Any) -> Any:
    if value is None or isinstance(value, dict | list):
        return value
    try:
        return json.loads(str(value))
    except ValueError:
        return value


def bot_user() -> dict[str, Any]:
    """The bot as a Telegram User."""
    return {"id": BOT_ID, "is_bot": True, "first_name": "Accords", "username": BOT_USERNAME}


# --- Update factories ----------------------------------------------------------------------------


@dataclass
class Person:
    """A Telegram user who talks to the bot."""

    id: int
    first_name: str = "Ann"
    language_code: str | None = None

    def json(self) -> dict[str, Any]:
        """The user as Telegram sends it."""
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.language_code is not None:
            user["language_code"] = self.language_code
        return user

    def private_chat(self) -> dict[str, Any]:
        """The private chat with this user."""
        return {"id": self.id, "type": "private", "first_name": self.first_name}


ADMIN = Person(1001, "Admin")
USER = Person(2002, "Ann")


def group_chat(chat_id: int = -1001234567890, title: str = "Accords readers") -> dict[str, Any]:
    """A supergroup."""
    return {"id": chat_id, "type": "supergroup", "title": title}


class Updates:
    """Builds real Update JSON with increasing update and message ids."""

    def __init__(self) -> None:
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(10_000)

    def _update(self, **body: Any) -> dict[str, Any]:
        return {"update_id": next(self._update_ids), **body}

    def message(
        self,
        person: Person,
        *,
        chat: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
        **content: Any,
    ) -> dict[str, Any]:
        """A message update with any content (text, sticker, photo, …)."""
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat or person.private_chat(),
            "from": person.json(),
            **content,
        }
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return self._update(message=message)

    def text(
        self,
        person: Person,
        text: str,
        *,
        chat: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A text message; a leading /command gets its bot_command entity."""
        entities = _entities(text)
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        return self.message(person, chat=chat, reply_to=reply_to, **content)

    def edited(self, original: dict[str, Any], text: str) -> dict[str, Any]:
        """The same message, edited to ``text``."""
        message = dict(original["message"])
        message["text"] = text
        message["edit_date"] = int(time.time())
        entities = _entities(text)
        if entities:
            message["entities"] = entities
        else:
            message.pop("entities", None)
        return self._update(edited_message=message)

    def callback(self, person: Person, on: Sent, data: str) -> dict[str, Any]:
        """A press of a button with ``data`` under the bot's message ``on``."""
        return self._update(
            callback_query={
                "id": f"cq{next(self._message_ids)}",
                "from": person.json(),
                "chat_instance": "ci-1",
                "message": on.json,
                "data": data,
            }
        )

    def sticker(self, person: Person, chat: dict[str, Any] | None = None) -> dict[str, Any]:
        """A sticker."""
        sticker = {
            "file_id": "stk",
            "file_unique_id": "ustk",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return self.message(person, chat=chat, sticker=sticker)

    def photo(self, person: Person) -> dict[str, Any]:
        """A photo."""
        size = {"file_id": "ph", "file_unique_id": "uph", "width": 90, "height": 90}
        return self.message(person, photo=[size])

    def voice(self, person: Person) -> dict[str, Any]:
        """A voice note."""
        return self.message(person, voice={"file_id": "vc", "file_unique_id": "uvc", "duration": 2})

    def document(
        self,
        person: Person,
        file_id: str,
        file_name: str,
        size: int,
        chat: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A document (a file)."""
        doc = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": file_name,
            "mime_type": "text/markdown",
            "file_size": size,
        }
        return self.message(person, chat=chat, document=doc)


def _entities(text: str) -> list[dict[str, Any]]:
    """bot_command and @mention entities, with offsets in UTF-16 units as Telegram gives them."""
    entities = []
    for match in re.finditer(r"(?<!\S)(/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?|@[A-Za-z0-9_]{5,})", text):
        kind = "bot_command" if match.group().startswith("/") else "mention"
        if kind == "bot_command" and match.start() != 0:
            continue
        entities.append(
            {
                "type": kind,
                "offset": utf16_len(text[: match.start()]),
                "length": utf16_len(match.group()),
            }
        )
    return entities


def all_text(sent: Iterable[Sent]) -> str:
    """Every shown text, joined: handy for 'contains' assertions."""
    return "\n".join(s.shown for s in sent)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the database's write lock from another connection, as a stuck process would."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        conn.execute("COMMIT")
        conn.close()
