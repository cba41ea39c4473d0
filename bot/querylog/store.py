"""The query log's SQLite file: connections, schema migrations, and reading it for admins."""

from __future__ import annotations

import sqlite3
import statistics
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final, Literal, TextIO

import aiosqlite

from bot.querylog.grouping import group_similar, simplify
from bot.querylog.schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    SELECT_ROWS,
    ExportWriter,
    LoggedQuery,
    LogStats,
    UnansweredGroup,
    format_time,
    new_salt,
    parse_time,
    row_query,
)

DEFAULT_BUSY_TIMEOUT_MS: Final = 5000
TOP_QUESTIONS: Final = 10
# Rows that never reached the engine (refused attempts) are not questions.
_QUESTION: Final = "outcome != 'refused'"
# Small talk ("thanks!") is answered as it should be, though not from the sources.
_UNANSWERED: Final = (
    "answered = 0 AND outcome NOT IN ('refused', 'flood') AND kind IS NOT 'smalltalk'"
)


class QueryLogError(Exception):
    """The query log cannot be opened or read; the message says why, in one line."""


def utc_now() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


async def connect(target: str, busy_timeout_ms: int, *, uri: bool = False) -> aiosqlite.Connection:
    """Open a connection in autocommit mode (transactions are explicit) with a busy timeout."""
    conn = await aiosqlite.connect(target, uri=uri, isolation_level=None)
    try:
        # PRAGMA takes no parameters; the value is an int of ours.
        await conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    except BaseException:
        await conn.close()
        raise
    return conn


async def schema_version(conn: aiosqlite.Connection) -> int:
    """Return the schema version of the database (0 for a new or foreign file)."""
    rows = list(await conn.execute_fetchall("PRAGMA user_version"))
    return int(rows[0][0])


async def migrate(conn: aiosqlite.Connection, path: Path) -> None:
    """Bring the schema to ``SCHEMA_VERSION``, all pending steps in one transaction."""
    version = await schema_version(conn)
    if version > SCHEMA_VERSION:
        raise QueryLogError(
            f"the query log at {path} has schema version {version}, newer than this "
            f"program knows ({SCHEMA_VERSION}); upgrade the program"
        )
    if version == SCHEMA_VERSION:
        return
    await conn.execute("BEGIN IMMEDIATE")
    try:
        # Another process may have migrated while this one waited for the lock.
        version = await schema_version(conn)
        for step in MIGRATIONS[version:]:
            for statement in step:
                await conn.execute(statement)
        await conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        await conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise


async def stored_salt(conn: aiosqlite.Connection) -> str:
    """Return the salt kept in the database, storing a new one the first time."""
    select = "SELECT value FROM meta WHERE key = 'salt'"
    rows = list(await conn.execute_fetchall(select))
    if rows:
        return str(rows[0][0])
    await conn.execute("BEGIN IMMEDIATE")
    try:
        await conn.execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES ('salt', ?)", (new_salt(),)
        )
        rows = list(await conn.execute_fetchall(select))
        await conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            await conn.execute("ROLLBACK")
        raise
    return str(rows[0][0])


async def reader_on(conn: aiosqlite.Connection) -> LogReader:
    """Return a reader on ``conn``, which from now on only reads."""
    await conn.execute("PRAGMA query_only = 1")
    await conn.create_function("simplify", 1, simplify, deterministic=True)
    return LogReader(conn)


def _as_read(question: str, resolved: object) -> str:
    """The question, with the reading it got in its conversation when that differs."""
    if resolved is None or str(resolved) == question:
        return question
    return f"{question} (read as: {resolved})"


class LogReader:
    """Reads a query log (stats, unanswered, recent, export) on a connection of its own."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    @classmethod
    async def open(cls, path: Path, *, busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS) -> LogReader:
        """Open the log at ``path`` to read; raise QueryLogError if it is missing or not a log."""
        if not path.is_file():
            raise QueryLogError(f"no query log at {path}")
        try:
            # mode=rw: reading must never create an empty database.
            conn = await connect(f"{path.resolve().as_uri()}?mode=rw", busy_timeout_ms, uri=True)
        except sqlite3.Error as exc:
            raise QueryLogError(f"cannot open the query log at {path}: {exc}") from exc
        try:
            if await schema_version(conn) == 0:
                raise QueryLogError(f"{path} is not a query log")
            await migrate(conn, path)
            return await reader_on(conn)
        except sqlite3.Error as exc:
            await conn.close()
            raise QueryLogError(f"cannot read the query log at {path}: {exc}") from exc
        except BaseException:
            await conn.close()
            raise

    async def close(self) -> None:
        """Close the connection."""
        await self._conn.close()

    async def _all(self, sql: str, params: dict[str, object]) -> list[sqlite3.Row]:
        return list(await self._conn.execute_fetchall(sql, params))

    async def stats(
        self,
        now: datetime | None = None,
        *,
        since: datetime | None = None,
        top: int = TOP_QUESTIONS,
    ) -> LogStats:
        """Return the figures of the rows since ``since`` (all by default); "today" is the UTC day.

        The answered share is over questions (rows not refused); the median latency is over
        questions that reached the engine (answered or declined); "failed" counts both
        ``failed`` and ``error`` outcomes.
        """
        now = now or utc_now()
        today = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
        params: dict[str, object] = {
            "since": format_time(since) if since else "",
            "today": format_time(today),
            "week": format_time(now - timedelta(days=7)),
            "top": top,
        }
        (counts,) = await self._all(
            f"""SELECT
                COUNT(*) FILTER (WHERE {_QUESTION}),
                COUNT(*) FILTER (WHERE {_QUESTION} AND time >= :today),
                COUNT(*) FILTER (WHERE {_QUESTION} AND time >= :week),
                COUNT(*) FILTER (WHERE {_QUESTION} AND answered),
                COUNT(*) FILTER (WHERE feedback = 1),
                COUNT(*) FILTER (WHERE feedback = -1),
                COUNT(*) FILTER (WHERE outcome = 'refused'),
                COUNT(*) FILTER (WHERE outcome = 'flood'),
                COUNT(*) FILTER (WHERE outcome IN ('failed', 'error')),
                COUNT(*) FILTER (WHERE outcome IN ('answered', 'declined'))
            FROM queries WHERE time >= :since""",
            params,
        )
        total, day, week, answered, up, down, refused, flood, failed, timed = map(int, counts)
        middle = await self._all(
            """SELECT latency_ms FROM queries
            WHERE time >= :since AND outcome IN ('answered', 'declined')
            ORDER BY latency_ms LIMIT 2 - :n % 2 OFFSET (:n - 1) / 2""",
            {**params, "n": timed},
        )
        # With one MAX() aggregate SQLite takes the bare column from the row holding the max,
        # so each group is shown in its latest wording.
        top_rows = await self._all(
            f"""SELECT question, COUNT(*) AS n, MAX(time) AS last FROM queries
            WHERE time >= :since AND {_QUESTION}
            GROUP BY simplify(question) ORDER BY n DESC, last DESC LIMIT :top""",
            params,
        )
        counters = await self._all(
            "SELECT key, value FROM meta WHERE key IN ('write_failures', 'dropped_rows')", {}
        )
        meta = {str(key): int(value) for key, value in counters}
        return LogStats(
            today=day,
            week=week,
            total=total,
            answered_share=answered / total if total else 0.0,
            median_latency_ms=statistics.median(r[0] for r in middle) if middle else None,
            top_questions=[(" ".join(str(r[0]).split()), int(r[1])) for r in top_rows],
            thumbs_up=up,
            thumbs_down=down,
            write_failures=int(meta.get("write_failures", 0)),
            refused=refused,
            flood=flood,
            failed=failed,
            dropped=int(meta.get("dropped_rows", 0)),
        )

    async def unanswered(
        self, limit: int = 20, *, since: datetime | None = None
    ) -> list[UnansweredGroup]:
        """Return the latest unanswered questions, near-duplicates grouped, newest group first.

        Unanswered: not answered, and neither refused nor flood-guarded nor small talk. A
        question read in its conversation's context is shown with its reading ("and when?
        (read as: and when (signed roadmap)?)") and grouped by it. Questions equal after
        ``simplify`` are counted together in SQL, then near-duplicates merged (``group_similar``).
        """
        rows = await self._all(
            f"""SELECT question, resolved, COUNT(*), MAX(time) AS last FROM queries
            WHERE time >= :since AND {_UNANSWERED}
            GROUP BY simplify(COALESCE(resolved, question)) ORDER BY last DESC""",
            {"since": format_time(since) if since else ""},
        )
        found = [(_as_read(str(r[0]), r[1]), int(r[2]), parse_time(str(r[3]))) for r in rows]
        return group_similar(found)[:limit]

    async def recent(self, limit: int = 20, *, since: datetime | None = None) -> list[LoggedQuery]:
        """Return the latest ``limit`` rows, newest first."""
        rows = await self._all(
            f"{SELECT_ROWS} WHERE time >= :since ORDER BY time DESC, rowid DESC LIMIT :limit",
            {"since": format_time(since) if since else "", "limit": limit},
        )
        return [row_query(row) for row in rows]

    async def export(
        self, fmt: Literal["csv", "jsonl"], out: TextIO, *, since: datetime | None = None
    ) -> int:
        """Write every row (since ``since``), oldest first, to ``out``; return how many."""
        writer = ExportWriter(fmt, out)
        count = 0
        async with self._conn.execute(
            f"{SELECT_ROWS} WHERE time >= ? ORDER BY time, rowid",
            (format_time(since) if since else "",),
        ) as cursor:
            async for row in cursor:
                writer.write(row_query(tuple(row)))
                count += 1
        return count
