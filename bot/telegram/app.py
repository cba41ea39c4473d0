"""Running the Telegram bot: logging scrubbed of secrets, the application wired (bot, pacing,
handlers, life-cycle hooks), start-up checks and retries, polling or webhook, signals, shutdown."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.answer.conversation import Contexts, Examples
from bot.answer.engine import Engine, engine_from_settings
from bot.answer.live import LiveEngine, ReloadReport
from bot.answer.texts import say
from bot.knowledge.documents import KnowledgeError
from bot.knowledge.languages import ENGLISH, SUPPORTED
from bot.querylog.store import DEFAULT_BUSY_TIMEOUT_MS
from bot.querylog.writer import QueryLog, QueryLogError
from bot.search.indexing import Progress, no_progress
from bot.search.semantic import SemanticUnavailableError
from bot.settings import Settings
from bot.telegram import admin, handlers, texts
from bot.telegram.admin import reload_knowledge
from bot.telegram.inbox import Inbox, InboxFirstRequest, InboxProcessor, InboxQueue, inbox_path
from bot.telegram.messages import ADMIN_COMMANDS, USER_COMMANDS
from bot.telegram.runtime import (
    CONTEXTS_KEPT,
    RUNTIME_KEY,
    BotApp,
    Context,
    FloodGuard,
    Runtime,
    runtime,
)
from bot.telegram.sending import PacedRateLimiter

REDACTED = "[REDACTED]"

NOISY_LOGGERS = (
    "httpx",
    "httpcore",
    "telegram",
    "apscheduler",
    "tornado",
    "hpack",
    "aiosqlite",
)
"""Loggers that print request URLs (and so the token, which python-telegram-bot puts in them)."""


def redact(text: str, secrets: Iterable[str]) -> str:
    """Replace every secret in ``text`` (and the token's secret half) with ``[REDACTED]``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def _secret_parts(secrets: Iterable[str]) -> list[str]:
    """Each secret, and for a bot token also the part after the colon, longest first."""
    parts: set[str] = set()
    for secret in secrets:
        if len(secret) < 6:
            continue
        parts.add(secret)
        _, sep, tail = secret.partition(":")
        if sep and len(tail) >= 6:
            parts.add(tail)
    return sorted(parts, key=len, reverse=True)


def _one_line(record: logging.LogRecord) -> logging.LogRecord:
    """A copy of ``record`` with its exception as a short suffix instead of a traceback."""
    exc = record.exc_info[1] if record.exc_info else None
    summary = f" ({type(exc).__name__}: {exc})" if exc is not None else ""
    fields = {**record.__dict__, "msg": record.getMessage() + summary, "args": None}
    fields.update(exc_info=None, exc_text=None)
    return logging.makeLogRecord(fields)


class RedactingFormatter(logging.Formatter):
    """Formats like its inner formatter, then removes the secrets from the finished line.

    Errors that libraries log with a traceback (python-telegram-bot logs one for every failed
    poll) are shortened to one line; our own errors keep theirs.
    """

    def __init__(self, inner: logging.Formatter | None, secrets: Iterable[str]) -> None:
        super().__init__()
        self._inner = inner or logging.Formatter()
        self._secrets = _secret_parts(secrets)

    def format(self, record: logging.LogRecord) -> str:
        """Format ``record`` and scrub it."""
        if record.exc_info and record.name.split(".")[0] in NOISY_LOGGERS:
            record = _one_line(record)
        return redact(self._inner.format(record), self._secrets)


def configure_logging(secrets: Iterable[str], level: int = logging.INFO) -> None:
    """Log to stderr with timestamps; every handler of the root logger redacts ``secrets``."""
    secrets = list(secrets)
    root = logging.getLogger()
    if not root.handlers:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
        root.setLevel(level)
    for handler in root.handlers:
        inner = handler.formatter
        if isinstance(inner, RedactingFormatter):
            inner = inner._inner
        handler.setFormatter(RedactingFormatter(inner, secrets))
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)


_LOGGER = logging.getLogger(__name__)

PURGE_EVERY = timedelta(days=1)


def file_base_url(api_base_url: str) -> str:
    """Return the file download base for a Bot API base URL (``…/bot`` → ``…/file/bot``)."""
    head, sep, _ = api_base_url.rstrip("/").rpartition("/bot")
    return f"{head}/file/bot" if sep else api_base_url.rstrip("/") + "/file/bot"


def build_application(settings: Settings, live: LiveEngine, token: str) -> BotApp:
    """Wire the application: bot, pacing, concurrency, handlers and lifecycle hooks."""
    # Opt in to python-telegram-bot's timedelta durations: the int ones warn on every 429.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    limiter = PacedRateLimiter(
        overall_per_second=settings.send_rate_per_second,
        chat_interval=settings.chat_interval_seconds,
        max_retries=settings.send_retries,
        network_retries=settings.send_retries,
    )
    queue = InboxQueue(put_waits_for_disk=settings.mode == "webhook")
    timeout = settings.api_timeout_seconds
    # Long polling holds its one connection for up to the poll timeout.
    polls = InboxFirstRequest(
        queue,
        connection_pool_size=1,
        connect_timeout=timeout,
        read_timeout=settings.poll_timeout_seconds + timeout,
        write_timeout=timeout,
        pool_timeout=timeout,
    )
    app = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.api_base_url)
        .base_file_url(file_base_url(settings.api_base_url))
        .rate_limiter(limiter)
        .update_queue(queue)
        .concurrent_updates(InboxProcessor(settings.concurrent_updates, queue))
        # python-telegram-bot's own HTTPXRequest: one connection for each update being answered
        # and a few for typing indicators and button answers beside them.
        .connection_pool_size(settings.concurrent_updates + 8)
        .connect_timeout(timeout)
        .read_timeout(timeout)
        .write_timeout(timeout)
        .pool_timeout(timeout)
        .get_updates_request(polls)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    runtime = Runtime(
        settings=settings,
        live=live,
        flood=FloodGuard(per_minute=settings.flood_rate_per_minute, burst=settings.flood_burst),
        updates=queue,
        contexts=Contexts(settings.context_minutes * 60, CONTEXTS_KEPT),
        examples=Examples(settings.example_questions),
    )
    app.bot_data[RUNTIME_KEY] = runtime
    _add_handlers(app)
    return app


def _add_handlers(app: BotApp) -> None:
    """Register every handler, most specific first, and the one error handler."""
    messages = filters.UpdateType.MESSAGES
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    app.add_handlers(
        [
            CommandHandler("start", handlers.start),
            CommandHandler("help", handlers.help_command),
            CommandHandler("ask", handlers.ask),
            CommandHandler("sources", handlers.sources),
            CommandHandler("summary", handlers.summary),
            CommandHandler("reload", admin.reload_command),
            CommandHandler("stats", admin.stats_command),
            CommandHandler("unanswered", admin.unanswered_command),
            CommandHandler("export", admin.export_command),
            CallbackQueryHandler(handlers.on_button),
            MessageHandler(messages & filters.COMMAND, handlers.unknown_command),
            MessageHandler(messages & filters.Document.ALL, admin.document),
            MessageHandler(messages & private & filters.TEXT, handlers.private_text),
            MessageHandler(messages & groups & filters.TEXT, handlers.group_text),
            MessageHandler(messages & ~filters.StatusUpdate.ALL, handlers.not_text),
        ]
    )
    app.add_error_handler(handlers.on_error)


def app_runtime(app: BotApp) -> Runtime:
    """Return the runtime stored in the application's ``bot_data``."""
    found = app.bot_data[RUNTIME_KEY]
    assert isinstance(found, Runtime)
    return found


async def post_init(app: BotApp) -> None:
    """Open the query log and the update inbox, schedule the log's purge, set the command menus."""
    rt = app_runtime(app)
    settings = rt.settings
    salt = settings.log_salt.get_secret_value() if settings.log_salt else None
    rt.log = await QueryLog.open(
        settings.db_path,
        salt=salt,
        raw_ids=settings.log_raw_ids,
        queue_size=settings.log_queue_size,
        retention_days=settings.retention_days,
    )
    await _open_inbox(app, rt)
    if app.job_queue is not None:
        app.job_queue.run_repeating(_purge, interval=PURGE_EVERY, first=timedelta(minutes=1))
    users = [BotCommand(name, text) for name, text in USER_COMMANDS]
    everyone = users + [BotCommand(name, text) for name, text in ADMIN_COMMANDS]
    menus: list[tuple[list[BotCommand], BotCommandScopeChat | None, str | None]] = [
        (users, None, None),
        *((_user_menu(code), None, code) for code in SUPPORTED if code != ENGLISH),
        *((everyone, BotCommandScopeChat(a), None) for a in settings.admin_ids),
    ]
    for commands, scope, language in menus:
        try:
            await app.bot.set_my_commands(commands, scope=scope, language_code=language)
        except TelegramError as exc:
            _LOGGER.warning("could not set a command menu: %s", exc.message)


def _user_menu(language: str) -> list[BotCommand]:
    """The users' command menu in ``language``, for users whose Telegram speaks it."""
    return [BotCommand(name, say(f"cmd_{name}", language)) for name, _ in USER_COMMANDS]


async def _open_inbox(app: BotApp, rt: Runtime) -> None:
    """Open the update inbox and queue what the last run left unhandled (it was killed)."""
    path = inbox_path(rt.settings.db_path)
    try:
        inbox = await Inbox.open(path)
        left = await inbox.pending()
    except (OSError, sqlite3.Error) as exc:
        _LOGGER.error("cannot open the update inbox at %s (%s); answering without it", path, exc)
        return
    rt.updates.inbox = inbox
    if left:
        _LOGGER.info("handling %d updates left from the last run", len(left))
    for body in left:
        update = Update.de_json(body, app.bot)
        if update is not None:
            await rt.updates.put(update)


async def _purge(context: Context) -> None:
    """Delete query log rows older than the retention period."""
    log = runtime(context).log
    if log is not None:
        removed = await log.purge()
        _LOGGER.info("purged %d query log rows past retention", removed)


async def post_shutdown(app: BotApp) -> None:
    """Close the query log, writing out everything still queued, and the update inbox."""
    rt = app_runtime(app)
    if rt.log is not None:
        if rt.stop_deadline is None:
            await rt.log.close()
        else:
            # A write blocked on a locked database returns only after the busy timeout.
            left = rt.stop_deadline - asyncio.get_running_loop().time()
            await rt.log.close(timeout=max(0.0, left - DEFAULT_BUSY_TIMEOUT_MS / 1000))
        rt.log = None
    if rt.updates.inbox is not None:
        await rt.updates.inbox.close()
        rt.updates.inbox = None


ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
_TOKEN_SHAPE = re.compile(r"[^\s/?#]+")


class StartError(Exception):
    """The bot cannot start; the message is one line for the operator."""


@dataclass
class Control:
    """How the outside asks a running bot to stop or reload: signal handlers and tests."""

    stopped: asyncio.Event = field(default_factory=asyncio.Event)
    running: asyncio.Event = field(default_factory=asyncio.Event)
    reloads: asyncio.Queue[None] = field(default_factory=asyncio.Queue)
    """Reload requests; ``reloads.join()`` waits until every one asked for is done."""
    exit_code: int = 0
    webhook_port: int = 0

    def stop(self, exit_code: int = 0) -> None:
        """Ask the bot to finish what it is doing and stop with ``exit_code``."""
        self.exit_code = max(self.exit_code, exit_code)
        self.stopped.set()

    def reload(self) -> None:
        """Ask the bot to reload its knowledge base."""
        self.reloads.put_nowait(None)


def _token(settings: Settings) -> str:
    """Return the bot token, or raise ``StartError`` saying how to get one."""
    token = settings.token.get_secret_value().strip() if settings.token else ""
    if not token:
        raise StartError(texts.TOKEN_MISSING)
    if not _TOKEN_SHAPE.fullmatch(token):
        raise StartError(texts.TOKEN_MALFORMED)
    return token


async def _load_engine(settings: Settings, progress: Progress) -> LiveEngine:
    """Build the first engine off the event loop; a bad knowledge folder stops the start."""

    def build() -> Engine:
        return engine_from_settings(settings, progress)

    try:
        engine = await asyncio.to_thread(build)
    except SemanticUnavailableError as exc:
        raise StartError(str(exc)) from None
    except KnowledgeError as exc:
        problems = "; ".join(str(p) for p in exc.problems)
        raise StartError(f"the knowledge base cannot be loaded: {problems}") from None
    return LiveEngine(engine, build)


async def _pause(control: Control, seconds: float) -> bool:
    """Wait ``seconds`` unless asked to stop first; True when asked to stop."""
    try:
        await asyncio.wait_for(control.stopped.wait(), seconds)
    except TimeoutError:
        return False
    return True


def _retry_after(exc: RetryAfter) -> float:
    """Seconds Telegram asks us to wait (an int or a timedelta, depending on PTB_TIMEDELTA)."""
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


async def _connect(app: BotApp, settings: Settings, control: Control) -> bool:
    """Initialise the application (getMe), retrying an unreachable API a bounded number of times.

    Return False when asked to stop while waiting to retry.
    """
    attempts = settings.start_retries + 1
    delay = settings.start_backoff_seconds
    attempt = 0
    while True:
        attempt += 1
        try:
            await app.initialize()
            return True
        except InvalidToken:
            raise StartError(texts.TOKEN_REJECTED) from None
        except (NetworkError, RetryAfter) as exc:
            if attempt == attempts:
                raise StartError(
                    f"cannot reach the Telegram Bot API at {settings.api_base_url} "
                    f"after {attempts} attempts: {exc.message}"
                ) from None
            pause = _retry_after(exc) if isinstance(exc, RetryAfter) else delay
            _LOGGER.warning(
                "the Telegram Bot API is unreachable (%s); attempt %d of %d, retrying in %.1f s",
                exc.message,
                attempt,
                attempts,
                pause,
            )
            if await _pause(control, pause):
                return False
            delay = min(delay * 2, 60.0)
        except TelegramError as exc:
            raise StartError(f"Telegram refused to start the bot: {exc.message}") from None


def _polling_error_callback(control: Control) -> Callable[[TelegramError], None]:
    """Return the polling error hook: 409 stops the bot with exit code 1, the rest is retried."""

    def on_error(exc: TelegramError) -> None:
        if isinstance(exc, Conflict):
            if not control.stopped.is_set():
                _LOGGER.error(texts.CONFLICT)
            control.stop(exit_code=1)
        else:
            _LOGGER.warning("getting updates failed (%s); retrying", exc.message)

    return on_error


def webhook_path(url: str) -> str:
    """Return the path the webhook server listens on: the path of the public webhook URL."""
    path = urlsplit(url).path
    return path if path.startswith("/") else "/" + path


async def _start_receiving(app: BotApp, settings: Settings, control: Control) -> None:
    """Start polling, or python-telegram-bot's webhook server after ``setWebhook``."""
    assert app.updater is not None
    if settings.mode == "polling":
        await app.updater.start_polling(
            timeout=timedelta(seconds=settings.poll_timeout_seconds),
            bootstrap_retries=settings.start_retries,
            allowed_updates=ALLOWED_UPDATES,
            drop_pending_updates=False,
            error_callback=_polling_error_callback(control),
        )
        return
    url = settings.webhook_url or ""
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    try:
        # Its handler answers 403 to a request without the secret header, and 200 only once
        # the update queue took the update (the inbox has it on disk).
        await app.updater.start_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=webhook_path(url),
            webhook_url=url,
            secret_token=secret,
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=settings.start_retries,
            max_connections=40,
        )
    except OSError as exc:
        raise StartError(
            f"cannot listen on {settings.webhook_listen}:{settings.webhook_port}: "
            f"{exc.strerror or exc}"
        ) from None
    except TelegramError as exc:
        raise StartError(f"Telegram did not accept the webhook {url}: {exc.message}") from None
    control.webhook_port = settings.webhook_port


async def _reload_on_request(rt: Runtime, control: Control) -> None:
    """Reload the knowledge base each time one is asked for (SIGHUP)."""
    while True:
        await control.reloads.get()
        async with rt.reload_lock:
            result = await reload_knowledge(rt)
        if isinstance(result, ReloadReport):
            _LOGGER.info("reloaded: version %s, %d documents", result.version, result.documents)
        else:
            problems = "; ".join(str(p) for p in result)
            _LOGGER.error("reload failed, still answering from the old base: %s", problems)
        control.reloads.task_done()


async def _stop(app: BotApp, rt: Runtime, grace: float) -> None:
    """Stop taking updates, let answers in flight finish (up to ``grace`` seconds), then stop."""
    if app.updater is not None and app.updater.running:
        await app.updater.stop()
    stopping = asyncio.create_task(app.stop())
    done, _ = await asyncio.wait({stopping}, timeout=grace)
    if not done:
        rt.closing = True
        _LOGGER.warning(
            "%d answers still in flight after %.1f s; giving up on them", len(rt.inflight), grace
        )
        for task in list(rt.inflight):
            task.cancel()
    await stopping


async def serve(settings: Settings, control: Control, progress: Progress = no_progress) -> int:
    """Run the bot until ``control`` says stop and return the exit code.

    Raises ``StartError`` (one line for the operator) when the bot cannot start; ``progress``
    hears how far long index builds are.
    """
    token = _token(settings)
    problems = settings.run_problems()
    if problems:
        raise StartError("; ".join(problems))
    live = await _load_engine(settings, progress)
    app = build_application(settings, live, token)
    rt = app_runtime(app)
    connected = False
    try:
        connected = await _connect(app, settings, control)
    finally:
        if not connected:
            # Never initialised, so shutdown() would skip it: close getMe's connection here.
            await app.bot.request.shutdown()
    if not connected:
        return control.exit_code
    reloader: asyncio.Task[None] | None = None
    try:
        try:
            await post_init(app)
        except QueryLogError as exc:
            raise StartError(str(exc)) from None
        await app.start()
        await _start_receiving(app, settings, control)
        reloader = asyncio.create_task(_reload_on_request(rt, control))
        control.running.set()
        _LOGGER.info("@%s is answering (%s)", app.bot.username, settings.mode)
        await control.stopped.wait()
        _LOGGER.info("stopping")
        budget = settings.stop_timeout_seconds
        rt.stop_deadline = asyncio.get_running_loop().time() + budget
        # Half the budget at most for answers in flight: the rest is the query log's.
        await _stop(app, rt, min(settings.shutdown_grace_seconds, budget / 2))
    finally:
        if reloader is not None:
            reloader.cancel()
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
        await app.shutdown()
        await post_shutdown(app)
    return control.exit_code


async def _main(settings: Settings, progress: Progress) -> int:
    """Run ``serve`` with SIGTERM/SIGINT stopping the bot and SIGHUP reloading it."""
    control = Control()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(stop_signal, control.stop)
    loop.add_signal_handler(signal.SIGHUP, control.reload)
    return await serve(settings, control, progress)


def run_bot(settings: Settings, progress: Progress = no_progress) -> int:
    """Run the bot by polling or webhook until SIGTERM or SIGINT; return the exit code."""
    secrets = [
        secret.get_secret_value()
        for secret in (settings.token, settings.webhook_secret, settings.log_salt)
        if secret is not None
    ]
    configure_logging(secrets)
    try:
        return asyncio.run(_main(settings, progress))
    except StartError as exc:
        print(f"accords-bot: {exc}", file=sys.stderr)
        return 1
