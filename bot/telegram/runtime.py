"""What the handlers share: settings, the live engine, the query log and the flood guard."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeAlias

from telegram import User
from telegram.ext import Application, ContextTypes, ExtBot, JobQueue

from bot.answer.conversation import Contexts, Examples
from bot.answer.live import LiveEngine
from bot.querylog.writer import QueryLog
from bot.settings import Settings
from bot.telegram.flood import FloodGuard
from bot.telegram.inbox import InboxQueue

Context: TypeAlias = ContextTypes.DEFAULT_TYPE
BotApp: TypeAlias = Application[
    ExtBot[int], Context, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[Context]
]

RUNTIME_KEY = "accords.runtime"
# Conversation contexts kept at once: private chats and group answers together.
CONTEXTS_KEPT = 10_000


@dataclass
class Runtime:
    """Shared state of one running bot; the query log is opened in ``post_init``."""

    settings: Settings
    live: LiveEngine
    flood: FloodGuard
    updates: InboxQueue
    reload_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    log: QueryLog | None = None
    closing: bool = False
    stop_deadline: float | None = None
    """When the bot must be stopped (event loop time), once asked to stop."""
    inflight: set[asyncio.Task[object]] = field(default_factory=set)
    # What each private chat's last answer was about, and each of the bot's answers in groups.
    contexts: Contexts = field(default_factory=lambda: Contexts(15 * 60, CONTEXTS_KEPT))
    examples: Examples = field(default_factory=lambda: Examples(()))

    @property
    def querylog(self) -> QueryLog:
        """The open query log."""
        if self.log is None:
            raise RuntimeError("the query log is not open")
        return self.log

    def is_admin(self, user: User | None) -> bool:
        """True when ``user`` is one of ``BOT_ADMIN_IDS``."""
        return user is not None and user.id in self.settings.admin_ids

    @contextmanager
    def tracking(self) -> Iterator[None]:
        """Count the current task as an answer in flight until the block ends."""
        task = asyncio.current_task()
        if task is None:
            yield
            return
        self.inflight.add(task)
        try:
            yield
        finally:
            self.inflight.discard(task)


def runtime(context: Context) -> Runtime:
    """Return the runtime stored in the application's ``bot_data``."""
    found = context.bot_data.get(RUNTIME_KEY)
    if not isinstance(found, Runtime):
        raise RuntimeError("the bot runtime is missing from bot_data")
    return found
