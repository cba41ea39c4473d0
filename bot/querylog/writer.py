"""The query log: ``submit`` queues a row, one background task writes rows in batches."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final, Literal, TextIO

import aiosqlite

from bot.querylog.schema import (
    ADD_TO_META,
    INSERT_ROW,
    SET_FEEDBACK,
    LoggedQuery,
    LogStats,
    QueryRecord,
    Row,
    UnansweredGroup,
    format_time,
    new_query_id,
    record_row,
)
from bot.querylog.store import (
    DEFAULT_BUSY_TIMEOUT_MS,
    TOP_QUESTIONS,
    LogReader,
    QueryLogError,
    connect,
    migrate,
    reader_on,
    stored_salt,
    utc_now,
)

__all__ = [
    "LogReader",
    "LogStats",
    "LoggedQuery",
    "QueryLog",
    "QueryLogError",
    "QueryRecord",
    "UnansweredGroup",
    "new_query_id",
]

logger = logging.getLogger(__name__)

FIRST_RETRY_S: Final = 0.05
LAST_RETRY_S: Final = 1.0
CLOSE_TIMEOUT_S: Final = 30.0


@dataclass(frozen=True)
class _Insert:
    row: Row


@dataclass(frozen=True)
class _Feedback:
    query_id: str
    value: int


class _Stop:
    pass


_Op = _Insert | _Feedback


class QueryLog:
    """The query log of the bot: ``submit`` queues a row; one writer task stores rows in batches.

    Storage faults (a locked database, a full disk, a read-only file) never reach the caller:
    the batch is kept and retried with backoff, the failure counted and logged. While the fault
    lasts the writer keeps taking rows from the queue; past ``queue_size`` waiting rows the oldest
    are dropped, and counted.
    """

    def __init__(
        self,
        path: Path,
        reader: LogReader,
        *,
        salt: str,
        raw_ids: bool,
        queue_size: int,
        retention_days: int,
        busy_timeout_ms: int,
        max_bytes: int | None,
    ) -> None:
        self._path = path
        self._reader = reader
        self._salt = salt
        self._raw_ids = raw_ids
        self._limit = queue_size
        self._retention = timedelta(days=retention_days)
        self._busy_timeout_ms = busy_timeout_ms
        self._max_bytes = max_bytes
        self._queue: asyncio.Queue[_Op | _Stop] = asyncio.Queue(queue_size)
        self._pending: list[_Op] = []
        self._changed = asyncio.Event()
        self._conn: aiosqlite.Connection | None = None
        self._enqueued = 0
        self._done = 0
        self._failures = 0
        self._dropped = 0
        self._unsaved_failures = 0
        self._unsaved_dropped = 0
        self._error: str | None = None
        self._drop_note: str | None = None
        self._announce_drops = True
        self._stopping = False
        self._closed = False
        self._deadline: float | None = None
        self._writer = asyncio.create_task(self._write_forever(), name="query-log-writer")
        self._writer.add_done_callback(self._writer_ended)

    @classmethod
    async def open(
        cls,
        path: Path,
        *,
        salt: str | None = None,
        raw_ids: bool = False,
        queue_size: int = 10_000,
        retention_days: int = 365,
        busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
        max_bytes: int | None = None,
    ) -> QueryLog:
        """Open (creating or upgrading) the log at ``path`` and start its writer.

        ``salt`` keys user and chat ids; without one, a salt kept in the database is used.
        ``max_bytes`` caps the file's size: past it, writes fail as on a full disk.
        Raise QueryLogError when the file cannot be opened or upgraded.
        """
        if queue_size < 1 or retention_days < 1:
            raise ValueError("queue_size and retention_days must be positive")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = await connect(str(path), busy_timeout_ms)
        except (OSError, sqlite3.Error) as exc:
            raise QueryLogError(f"cannot open the query log at {path}: {exc}") from exc
        try:
            # WAL lets readers run beside the writer; a crash loses no committed transaction.
            await conn.execute("PRAGMA journal_mode = WAL")
            await migrate(conn, path)
            key_salt = salt if salt is not None else await stored_salt(conn)
            reader = await reader_on(conn)
        except sqlite3.Error as exc:
            await conn.close()
            raise QueryLogError(f"cannot open the query log at {path}: {exc}") from exc
        except BaseException:
            await conn.close()
            raise
        return cls(
            path,
            reader,
            salt=key_salt,
            raw_ids=raw_ids,
            queue_size=queue_size,
            retention_days=retention_days,
            busy_timeout_ms=busy_timeout_ms,
            max_bytes=max_bytes,
        )

    @property
    def path(self) -> Path:
        """The database file."""
        return self._path

    @property
    def failures(self) -> int:
        """Write attempts (batches and purges) that failed since the log was opened."""
        return self._failures

    @property
    def dropped(self) -> int:
        """Rows lost since the log was opened: malformed, or past the bound during a long fault."""
        return self._dropped

    @property
    def last_error(self) -> str | None:
        """The latest write failure, and how many rows were dropped if any."""
        notes = [note for note in (self._error, self._drop_note) if note]
        return "; ".join(notes) or None

    async def submit(self, record: QueryRecord) -> None:
        """Queue ``record`` for writing; returns at once unless the queue is full; never raises."""
        try:
            row = record_row(record, self._salt, self._raw_ids)
        except Exception as exc:  # a bad record must not cost the answer
            self._drop(1, f"malformed record {record.query_id!r}: {exc}")
            return
        await self._enqueue(_Insert(row))

    async def feedback(self, query_id: str, value: int) -> None:
        """Queue a 👍 (+1) or 👎 (-1) for the row of ``query_id``; the last press wins."""
        if value not in (1, -1):
            raise ValueError(f"feedback must be 1 or -1, got {value!r}")
        await self._enqueue(_Feedback(query_id, value))

    async def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued so far is written (or dropped), at most ``timeout``
        seconds if given (a storage fault holds rows until it clears); False if time ran out."""
        target = self._enqueued
        try:
            await asyncio.wait_for(self._wait_until(lambda: self._done >= target), timeout)
        except TimeoutError:
            return False
        return True

    async def wait_for_failures(self, count: int = 1) -> None:
        """Wait until at least ``count`` writes have failed (for health checks and tests)."""
        await self._wait_until(lambda: self._failures >= count)

    async def purge(self, now: datetime | None = None) -> int:
        """Delete rows older than the retention period; return how many (0 if storage failed)."""
        cutoff = format_time((now or utc_now()) - self._retention)
        try:
            conn = await self._open_writer_connection()
            try:
                await conn.execute("BEGIN IMMEDIATE")
                async with conn.execute("DELETE FROM queries WHERE time < ?", (cutoff,)) as cursor:
                    deleted = cursor.rowcount
                await conn.execute("COMMIT")
            finally:
                await conn.close()
        except sqlite3.Error as exc:
            self._failed(exc, "purge")
            logger.error("Query log purge failed: %s", exc)
            return 0
        return deleted

    async def close(self, timeout: float = CLOSE_TIMEOUT_S) -> None:
        """Write everything queued, stop the writer, close; rows still unwritable after
        ``timeout`` seconds of a storage fault are dropped (counted and logged)."""
        if self._closed:
            return
        self._closed = True
        self._deadline = asyncio.get_running_loop().time() + timeout
        if not self._writer.done():
            await self._queue.put(_Stop())
            await self._writer
        left = sum(1 for op in self._take_all() if not isinstance(op, _Stop))
        if left:
            self._done += left
            self._drop(left, "the log was closed")
        await self._reader.close()

    async def stats(
        self,
        now: datetime | None = None,
        *,
        since: datetime | None = None,
        top: int = TOP_QUESTIONS,
    ) -> LogStats:
        """Return the figures for admins, counting write failures not yet stored."""
        stats = await self._reader.stats(now, since=since, top=top)
        return replace(
            stats,
            write_failures=stats.write_failures + self._unsaved_failures,
            dropped=stats.dropped + self._unsaved_dropped,
        )

    async def unanswered(
        self, limit: int = 20, *, since: datetime | None = None
    ) -> list[UnansweredGroup]:
        """Return the latest unanswered questions, similar ones grouped, newest first."""
        return await self._reader.unanswered(limit, since=since)

    async def recent(self, limit: int = 20, *, since: datetime | None = None) -> list[LoggedQuery]:
        """Return the latest rows, newest first."""
        return await self._reader.recent(limit, since=since)

    async def export(
        self, fmt: Literal["csv", "jsonl"], out: TextIO, *, since: datetime | None = None
    ) -> int:
        """Write every stored row to ``out`` as CSV or JSON lines; return how many."""
        return await self._reader.export(fmt, out, since=since)

    # The writer.

    def _writer_ended(self, task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            logger.critical("Query log writer stopped", exc_info=task.exception())

    async def _enqueue(self, op: _Op) -> None:
        if self._closed or self._writer.done():
            self._drop(1, "the log is closed")
            return
        await self._queue.put(op)
        self._enqueued += 1

    def _take_all(self) -> list[_Op | _Stop]:
        taken: list[_Op | _Stop] = []
        while not self._queue.empty():
            taken.append(self._queue.get_nowait())
        return taken

    def _keep(self, items: list[_Op | _Stop]) -> None:
        """Move taken items to the pending batch, dropping the oldest past the bound."""
        for item in items:
            if isinstance(item, _Stop):
                self._stopping = True
            else:
                self._pending.append(item)
        excess = len(self._pending) - self._limit
        if excess > 0:
            del self._pending[:excess]
            self._done += excess
            # Announced once a fault; the retry lines carry the running total after that.
            why = "storage kept failing and waiting rows outgrew the queue"
            self._drop(excess, why, announce=self._announce_drops)
            self._announce_drops = False

    def _drop(self, count: int, why: str, *, announce: bool = True) -> None:
        """Count ``count`` rows as lost (callers settle queued ones in ``_done`` themselves)."""
        self._dropped += count
        self._unsaved_dropped += count
        self._drop_note = f"{self._dropped} rows dropped in all, the last because {why}"
        if announce:
            logger.error("Query log dropped %d rows: %s", count, why)
        self._notify()

    def _failed(self, exc: BaseException, what: str) -> None:
        self._failures += 1
        self._unsaved_failures += 1
        self._error = f"{what} failed: {exc}"
        self._notify()

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_until(self, reached: Callable[[], bool]) -> None:
        while not reached():
            await self._changed.wait()

    async def _write_forever(self) -> None:
        while not (self._stopping and not self._pending and self._queue.empty()):
            if not self._pending and not self._stopping:
                self._keep([await self._queue.get()])
            self._keep(self._take_all())
            if self._pending:
                await self._write_pending()
        await self._close_writer_connection()

    async def _write_pending(self) -> None:
        """Commit the pending batch, retrying with backoff until it succeeds or close gives up."""
        attempt = 0
        while self._pending:
            batch = list(self._pending)
            try:
                await self._commit(batch)
            except Exception as exc:  # any failure: keep the batch and retry
                attempt += 1
                await self._close_writer_connection()
                self._failed(exc, "write")
                delay = min(FIRST_RETRY_S * 2 ** (attempt - 1), LAST_RETRY_S)
                log = logger.error if attempt == 1 else logger.warning
                log(
                    "Query log write failed (%s); %d rows kept, %d dropped, retry %d in %.2fs",
                    exc,
                    len(self._pending),
                    self._dropped,
                    attempt,
                    delay,
                )
                if self._past_deadline():
                    dropped, self._pending = len(self._pending), []
                    self._done += dropped
                    self._drop(dropped, "the log was closed during a storage fault")
                    return
                await self._wait_and_keep(delay)
                continue
            del self._pending[: len(batch)]
            self._done += len(batch)
            self._announce_drops = True
            self._notify()
            if attempt:
                logger.warning("Query log writes resumed after %d failed attempts", attempt)

    async def _commit(self, batch: list[_Op]) -> None:
        conn = self._conn or await self._open_writer_connection()
        self._conn = conn
        failures, dropped = self._unsaved_failures, self._unsaved_dropped
        await conn.execute("BEGIN IMMEDIATE")
        try:
            for kind, ops in itertools.groupby(batch, key=type):
                if kind is _Insert:
                    rows = [op.row for op in ops if isinstance(op, _Insert)]
                    await conn.executemany(INSERT_ROW, rows)
                else:
                    pairs = [(op.value, op.query_id) for op in ops if isinstance(op, _Feedback)]
                    await conn.executemany(SET_FEEDBACK, pairs)
            # Failures and drops are kept with the rows, so `accords-bot log stats` sees them.
            if failures:
                await conn.execute(ADD_TO_META, ("write_failures", failures))
            if dropped:
                await conn.execute(ADD_TO_META, ("dropped_rows", dropped))
            await conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    await conn.execute("ROLLBACK")
            raise
        self._unsaved_failures -= failures
        self._unsaved_dropped -= dropped

    async def _open_writer_connection(self) -> aiosqlite.Connection:
        conn = await connect(str(self._path), self._busy_timeout_ms)
        try:
            # NORMAL is safe in WAL mode: a killed process loses nothing committed.
            await conn.execute("PRAGMA synchronous = NORMAL")
            if self._max_bytes is not None:
                rows = list(await conn.execute_fetchall("PRAGMA page_size"))
                pages = max(1, self._max_bytes // int(rows[0][0]))
                await conn.execute(f"PRAGMA max_page_count = {pages}")
        except BaseException:
            await conn.close()
            raise
        return conn

    async def _close_writer_connection(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            with contextlib.suppress(sqlite3.Error):
                await conn.close()

    def _past_deadline(self) -> bool:
        loop = asyncio.get_running_loop()
        return self._deadline is not None and loop.time() >= self._deadline

    async def _wait_and_keep(self, delay: float) -> None:
        """Wait ``delay`` seconds (less if closing), meanwhile taking new rows off the queue."""
        loop = asyncio.get_running_loop()
        until = loop.time() + delay
        if self._deadline is not None:
            until = min(until, self._deadline)
        while (left := until - loop.time()) > 0:
            try:
                item = await asyncio.wait_for(self._queue.get(), left)
            except TimeoutError:
                return
            self._keep([item, *self._take_all()])
