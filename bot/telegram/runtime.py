"""What the handlers share: settings, the live engine, the query log, the per-user flood guard
(a token bucket) and the query log rows for what people ask."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeAlias

from telegram import Update, User
from telegram.ext import Application, ContextTypes, ExtBot, JobQueue

from bot.answer.conversation import Contexts, Examples
from bot.answer.live import LiveEngine
from bot.answer.records import Answer
from bot.querylog.writer import QueryLog, QueryRecord
from bot.settings import Settings
from bot.telegram.inbox import InboxQueue

_PRUNE_AT = 10_000


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    warned: bool = False


@dataclass(frozen=True)
class Verdict:
    """Whether a question may be answered, and whether to tell the user to slow down."""

    allowed: bool
    warn: bool


@dataclass
class FloodGuard:
    """Token buckets per user: ``burst`` questions at once, refilled at ``per_minute``.

    Each question takes one token; a bucket holds at most ``burst`` tokens and gains
    ``per_minute / 60`` tokens a second. Over the limit, only the first refused question of a
    run is answered with a warning, so a flood does not turn into a flood of warnings.
    """

    per_minute: float
    burst: int
    _buckets: dict[int, _Bucket] = field(default_factory=dict)

    def check(self, user_id: int, now: float) -> Verdict:
        """Take a token for ``user_id`` at time ``now`` (seconds, monotonic)."""
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= _PRUNE_AT:
                self._prune(now)
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
        rate = self.per_minute / 60.0
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.stamp) * rate)
        bucket.stamp = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return Verdict(allowed=True, warn=False)
        warn = not bucket.warned
        bucket.warned = True
        return Verdict(allowed=False, warn=warn)

    def _prune(self, now: float) -> None:
        """Forget users whose buckets have refilled completely."""
        rate = self.per_minute / 60.0
        full = [
            uid
            for uid, b in self._buckets.items()
            if b.tokens + (now - b.stamp) * rate >= self.burst
        ]
        for uid in full:
            del self._buckets[uid]


@dataclass(frozen=True)
class Asked:
    """Who asked what, where and when: the parts of a row known before answering."""

    query_id: str
    update_id: int | None
    chat_type: str
    user_id: int | None
    chat_id: int | None
    question: str
    started: float

    @classmethod
    def from_update(cls, update: Update, query_id: str, question: str) -> Asked:
        """Describe the question carried by ``update``."""
        chat = update.effective_chat
        user = update.effective_user
        return cls(
            query_id=query_id,
            update_id=update.update_id,
            chat_type=chat.type if chat else "private",
            user_id=user.id if user else None,
            chat_id=chat.id if chat else None,
            question=question,
            started=time.monotonic(),
        )

    def record(
        self,
        outcome: str,
        kb_version: str,
        *,
        answer: Answer | None = None,
        reply: str = "",
        error: str | None = None,
    ) -> QueryRecord:
        """Return the finished row; ``outcome`` is one of the query log's outcomes."""
        return QueryRecord(
            query_id=self.query_id,
            time=datetime.now(UTC),
            channel="telegram",
            chat_type=self.chat_type,
            user_id=self.user_id,
            chat_id=self.chat_id,
            update_id=self.update_id,
            question=self.question,
            outcome=outcome,
            answered=answer.answered if answer else False,
            confidence=answer.confidence if answer else 0.0,
            answer=answer.text if answer else reply,
            citations=tuple((c.document, c.paragraph) for c in answer.citations) if answer else (),
            latency_ms=(time.monotonic() - self.started) * 1000.0,
            kb_version=kb_version,
            error=error,
            resolved=answer.resolved if answer else None,
            kind=answer.kind if answer else None,
        )


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
