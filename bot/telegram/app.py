"""Running the Telegram bot: start-up checks and retries, polling or webhook, signals, shutdown."""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from telegram.error import Conflict, InvalidToken, NetworkError, RetryAfter, TelegramError

from bot.answer.engine import Engine, build_engine
from bot.answer.live import LiveEngine, ReloadReport
from bot.knowledge.documents import KnowledgeError
from bot.querylog.writer import QueryLogError
from bot.search.indexing import Progress, no_progress
from bot.search.semantic import SemanticUnavailableError
from bot.settings import Settings
from bot.telegram import texts
from bot.telegram.admin import reload_knowledge
from bot.telegram.redact import configure_logging
from bot.telegram.runtime import BotApp, Runtime
from bot.telegram.wiring import app_runtime, build_application, post_init, post_shutdown

_LOGGER = logging.getLogger(__name__)

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
        return build_engine(
            settings.knowledge_dir,
            settings.min_confidence,
            settings.max_file_bytes,
            settings.index_cache_dir,
            settings.max_question_chars,
            progress=progress,
            semantic=settings.semantic,
        )

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
