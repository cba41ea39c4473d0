"""Wiring the Telegram application: bot, pacing, handlers, and the hooks around its life."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
from datetime import timedelta

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.answer.conversation import Contexts, Examples
from bot.answer.live import LiveEngine
from bot.answer.texts import say
from bot.querylog.store import DEFAULT_BUSY_TIMEOUT_MS
from bot.querylog.writer import QueryLog
from bot.search.languages import ENGLISH, SUPPORTED
from bot.settings import Settings
from bot.telegram import admin, handlers
from bot.telegram.flood import FloodGuard
from bot.telegram.inbox import Inbox, InboxFirstRequest, InboxProcessor, InboxQueue, inbox_path
from bot.telegram.pacing import PacedRateLimiter
from bot.telegram.render import ADMIN_COMMANDS, USER_COMMANDS
from bot.telegram.runtime import (
    CONTEXTS_KEPT,
    RUNTIME_KEY,
    BotApp,
    Context,
    Runtime,
    runtime,
)

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
