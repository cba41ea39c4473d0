"""Updates received but not yet handled, kept on disk so that a crash loses none of them.

Telegram forgets an update once the bot has confirmed it (by polling past it, or by answering a
webhook request with 200), which python-telegram-bot does before the update is handled. So each
update is written to a small SQLite inbox, and crossed off once handled; at start, whatever is
still in the inbox (the bot was killed) is handled first. Writes are gathered and committed
together on the inbox's own thread; before updates are confirmed, the bot waits until they are
written (``InboxQueue.written``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import BaseUpdateProcessor

_LOGGER = logging.getLogger(__name__)
T = TypeVar("T")

_ADD = "INSERT OR REPLACE INTO pending (update_id, body) VALUES (?, ?)"
_DONE = "DELETE FROM pending WHERE update_id = ?"


def inbox_path(db_path: Path) -> Path:
    """Where the inbox lives: beside the query log."""
    return db_path.with_name(db_path.stem + "-inbox.sqlite3")


class Inbox:
    """A table of pending updates: ``add`` when received, ``done`` once handled.

    Both only queue the change; the changes are committed in order, as many as have gathered in
    one transaction, while the caller goes on. ``written`` waits for what was queued so far.
    """

    def __init__(self, conn: sqlite3.Connection, thread: ThreadPoolExecutor) -> None:
        self._conn = conn
        # Its own thread: the connection stays on one thread, in order, never queued behind
        # answers being computed in the default executor.
        self._thread = thread
        self._broken = False
        self._changes: list[tuple[str, tuple[Any, ...]]] = []
        self._writer: asyncio.Task[None] | None = None
        # Changes are counted as queued and as written; ``written`` waits for a count, not for
        # an idle writer, which a steady stream of changes would keep from ever idling.
        self._queued = 0
        self._written = 0
        self._progress = asyncio.Condition()

    async def _call(self, func: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._thread, func, *args)

    @classmethod
    async def open(cls, path: Path) -> Inbox:
        """Open (creating) the inbox at ``path``; raise ``OSError`` or ``sqlite3.Error``."""

        def connect() -> sqlite3.Connection:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            # WAL with NORMAL sync: a commit survives the process being killed (not power loss).
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA busy_timeout = 5000")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS pending (update_id INTEGER PRIMARY KEY, body TEXT)"
            )
            return conn

        thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="update-inbox")
        try:
            conn = await asyncio.get_running_loop().run_in_executor(thread, connect)
        except BaseException:
            thread.shutdown(wait=False)
            raise
        return cls(conn, thread)

    def add(self, update: Update) -> None:
        """Keep ``update`` until it is handled."""
        # ASCII escapes keep even a lone surrogate (which SQLite cannot store) in the JSON.
        body = json.dumps(update.to_dict(recursive=True), ensure_ascii=True)
        self._change(_ADD, (update.update_id, body))

    def done(self, update_id: int) -> None:
        """Forget a handled update."""
        self._change(_DONE, (update_id,))

    def _change(self, sql: str, params: tuple[Any, ...]) -> None:
        """Queue one change and make sure a writer is on its way."""
        if self._broken:
            return
        self._changes.append((sql, params))
        self._queued += 1
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(self._write())

    async def _write(self) -> None:
        """Commit the queued changes, a transaction for each lot, until none are left."""
        while self._changes and not self._broken:
            lot, self._changes = self._changes, []
            try:
                await self._call(self._commit, lot)
            except Exception as exc:
                # Whatever the failure, polling must not wait for writes that will never come.
                self._broken = True
                self._changes = []
                _LOGGER.error("the update inbox failed (%s); updates are no longer kept", exc)
            async with self._progress:
                self._written = self._queued if self._broken else self._written + len(lot)
                self._progress.notify_all()

    def _commit(self, lot: list[tuple[str, tuple[Any, ...]]]) -> None:
        """Apply ``lot`` in order in one transaction (on the inbox thread)."""
        try:
            self._conn.execute("BEGIN")
            for sql, params in lot:
                self._conn.execute(sql, params)
            self._conn.execute("COMMIT")
        except sqlite3.Error:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise

    async def written(self) -> None:
        """Wait until every change queued so far is committed (or the inbox has failed)."""
        target = self._queued
        async with self._progress:
            await self._progress.wait_for(lambda: self._written >= target)

    async def pending(self) -> list[dict[str, Any]]:
        """Every update not yet handled, oldest first."""
        await self.written()

        def read() -> list[dict[str, Any]]:
            rows = self._conn.execute("SELECT body FROM pending ORDER BY update_id").fetchall()
            return [json.loads(body) for (body,) in rows]

        return await self._call(read)

    async def close(self) -> None:
        """Write what is queued, then close the file and its thread."""
        await self.written()
        await self._call(self._conn.close)
        self._thread.shutdown(wait=True)


class InboxQueue(asyncio.Queue[object]):
    """The application's update queue: each update goes to the inbox first, and only once."""

    def __init__(self) -> None:
        super().__init__()
        self.inbox: Inbox | None = None
        self._queued: set[int] = set()
        self._kept: set[int] = set()

    async def put(self, item: object) -> None:
        """Keep an update in the inbox, then queue it; an update already queued is skipped."""
        if isinstance(item, Update):
            if item.update_id in self._queued:
                return
            self._queued.add(item.update_id)
            if self.inbox is not None:
                self.inbox.add(item)
        await super().put(item)

    async def written(self) -> None:
        """Wait until the updates queued so far are on disk: before Telegram is told it has them."""
        if self.inbox is not None:
            await self.inbox.written()

    def keep(self, update_id: int) -> None:
        """Leave ``update_id`` in the inbox when its handling ends: it is for the next run."""
        self._kept.add(update_id)

    def handled(self, update_id: int) -> None:
        """Cross ``update_id`` off the inbox, unless it is to be kept."""
        self._queued.discard(update_id)
        if self.inbox is not None and update_id not in self._kept:
            self.inbox.done(update_id)


class InboxProcessor(BaseUpdateProcessor):
    """Handles up to ``max_concurrent_updates`` updates at once, crossing each off when done.

    An update whose handling was cancelled (the bot stopped before it finished) stays in the
    inbox, to be handled at the next start.
    """

    def __init__(self, max_concurrent_updates: int, queue: InboxQueue) -> None:
        super().__init__(max_concurrent_updates)
        self._queue = queue

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Handle one update, then cross it off."""
        await coroutine
        if isinstance(update, Update):
            self._queue.handled(update.update_id)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""
