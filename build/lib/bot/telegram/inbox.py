"""Updates received but not yet handled, kept on disk so that a crash loses none of them.

Telegram forgets an update once the bot has confirmed it (by polling past it, or by answering a
webhook request with 200), which python-telegram-bot does before the update is handled. So the
application's update queue writes each update to a small SQLite inbox (aiosqlite, as the query
log) as it takes it, and the confirmation waits until it is on disk: the webhook server's 200
waits for the queue's ``put``, and polling's next getUpdates (which confirms the updates before
it) goes through ``InboxFirstRequest``. A processor crosses each update off once handled; at
start, whatever is still in the inbox (the bot was killed) is handled first. Writes that arrive
together are committed in one transaction.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import sqlite3
from collections.abc import Awaitable
from pathlib import Path
from typing import Any

import aiosqlite
from telegram import Update
from telegram.ext import BaseUpdateProcessor
from telegram.request import HTTPXRequest

_LOGGER = logging.getLogger(__name__)

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

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        self._broken = False
        self._changes: list[tuple[str, tuple[Any, ...]]] = []
        self._writer: asyncio.Task[None] | None = None
        # Changes are counted as queued and as written; ``written`` waits for a count, not for
        # an idle writer, which a steady stream of changes would keep from ever idling.
        self._queued = 0
        self._written = 0
        self._progress = asyncio.Condition()

    @classmethod
    async def open(cls, path: Path) -> Inbox:
        """Open (creating) the inbox at ``path``; raise ``OSError`` or ``sqlite3.Error``."""
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = await aiosqlite.connect(path, isolation_level=None)
        try:
            # WAL with NORMAL sync: a commit survives the process being killed (not power loss).
            await conn.execute("PRAGMA journal_mode = WAL")
            await conn.execute("PRAGMA synchronous = NORMAL")
            await conn.execute("PRAGMA busy_timeout = 5000")
            await conn.execute(
                "CREATE TABLE IF NOT EXISTS pending (update_id INTEGER PRIMARY KEY, body TEXT)"
            )
        except BaseException:
            await conn.close()
            raise
        return cls(conn)

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
                await self._commit(lot)
            except Exception as exc:
                # Whatever the failure, confirming updates must not wait for writes that will
                # never come.
                self._broken = True
                self._changes = []
                _LOGGER.error("the update inbox failed (%s); updates are no longer kept", exc)
            async with self._progress:
                self._written = self._queued if self._broken else self._written + len(lot)
                self._progress.notify_all()

    async def _commit(self, lot: list[tuple[str, tuple[Any, ...]]]) -> None:
        """Apply ``lot`` in order in one transaction."""
        try:
            await self._conn.execute("BEGIN")
            for sql, run in itertools.groupby(lot, key=lambda change: change[0]):
                await self._conn.executemany(sql, [params for _, params in run])
            await self._conn.execute("COMMIT")
        except sqlite3.Error:
            if self._conn.in_transaction:
                await self._conn.execute("ROLLBACK")
            raise

    async def written(self) -> None:
        """Wait until every change queued so far is committed (or the inbox has failed)."""
        target = self._queued
        async with self._progress:
            await self._progress.wait_for(lambda: self._written >= target)

    async def pending(self) -> list[dict[str, Any]]:
        """Every update not yet handled, oldest first."""
        await self.written()
        async with self._conn.execute("SELECT body FROM pending ORDER BY update_id") as rows:
            return [json.loads(body) async for (body,) in rows]

    async def close(self) -> None:
        """Write what is queued, then close the file."""
        await self.written()
        await self._conn.close()


class InboxQueue(asyncio.Queue[object]):
    """The application's update queue: each update goes to the inbox first, and only once.

    With ``put_waits_for_disk`` (webhook mode), ``put`` returns once the update is on disk: the
    webhook server answers 200 only after it. Polling must not wait there: it puts a batch of
    updates one after the other, and a stop in the middle of the batch would leave the rest
    unconfirmed yet some of them answered; ``InboxFirstRequest`` waits before the next poll.
    """

    def __init__(self, put_waits_for_disk: bool = False) -> None:
        super().__init__()
        self._put_waits = put_waits_for_disk
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
                if self._put_waits:
                    await self.inbox.written()
        await super().put(item)

    async def written(self) -> None:
        """Wait until every change to the inbox so far is on disk."""
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


class InboxFirstRequest(HTTPXRequest):
    """python-telegram-bot's request for getUpdates, which first waits for the inbox's writes.

    A getUpdates call confirms every update before its offset: so it goes only once the updates
    received so far are on disk.
    """

    def __init__(self, queue: InboxQueue, **options: Any) -> None:
        super().__init__(**options)
        self._queue = queue

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        """Wait until the inbox holds every update received, then send the request."""
        await self._queue.written()
        return await super().do_request(*args, **kwargs)


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
