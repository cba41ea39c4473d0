"""Storage faults: a locked database, a full disk, a read-only file, a killed process.

Whatever the storage does, ``submit`` returns (so answers go out), failures are counted and
logged, and the writer recovers by itself when the fault clears.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from logdata import record

from bot.querylog.writer import LoggedQuery, LogReader, QueryLog
from tests.fakes import locked

TESTS = Path(__file__).resolve().parent
GUARD_S = 30  # turns a hang into a failure; never reached when things work


def count_rows(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM queries").fetchone()[0])
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "queries.db"


async def read_all(path: Path) -> list[LoggedQuery]:
    reader = await LogReader.open(path)
    try:
        return list(reversed(await reader.recent(limit=1_000_000)))
    finally:
        await reader.close()


async def submit_all(log: QueryLog, numbers: range) -> None:
    """Submit records ``numbers``; fail (rather than hang) if submitting ever blocks for good."""

    async def submit() -> None:
        for n in numbers:
            await log.submit(record(n))

    await asyncio.wait_for(submit(), GUARD_S)


async def test_locked_database_counts_the_failure_and_recovers(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log = await QueryLog.open(db, busy_timeout_ms=20)
    with locked(db):
        await submit_all(log, range(20))
        await log.wait_for_failures(2)
        assert "database is locked" in (log.last_error or "")
        assert (await log.stats()).write_failures == log.failures

    await log.flush()
    failures = log.failures
    await log.close()
    assert count_rows(db) == 20
    assert log.dropped == 0
    assert "Query log write failed (database is locked); 20 rows kept" in caplog.text
    assert "Query log writes resumed" in caplog.text
    # The failures are kept in the database, for `accords-bot log stats` in another process.
    reader = await LogReader.open(db)
    stats = await reader.stats()
    await reader.close()
    assert stats.write_failures == failures >= 2


async def test_a_fault_outlasting_the_queue_drops_the_oldest_rows_and_says_so(db: Path) -> None:
    log = await QueryLog.open(db, busy_timeout_ms=20, queue_size=10)
    with locked(db):
        await submit_all(log, range(50))
        # Two more failed attempts: the queue has been emptied into the pending batch since.
        await log.wait_for_failures(log.failures + 2)
        assert log.dropped == 40
        assert "40 rows dropped in all" in (log.last_error or "")
    await log.flush()
    await log.close()
    rows = await read_all(db)
    assert [row.query_id for row in rows] == [record(n).query_id for n in range(40, 50)]
    reader = await LogReader.open(db)
    assert (await reader.stats()).dropped == 40
    await reader.close()


async def test_close_during_a_lasting_fault_gives_up_and_counts_the_rows(db: Path) -> None:
    log = await QueryLog.open(db, busy_timeout_ms=20)
    with locked(db):
        await submit_all(log, range(5))
        await asyncio.wait_for(log.close(timeout=0.2), GUARD_S)
    assert log.dropped == 5
    assert "the log was closed during a storage fault" in (log.last_error or "")
    assert count_rows(db) == 0


async def test_full_disk_counts_the_failure_and_recovers_when_space_is_freed(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log = await QueryLog.open(db)
    await submit_all(log, range(400))
    await log.close()
    conn = sqlite3.connect(db)
    pages, page_size = (
        conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size")
    )
    conn.close()

    # The file may not grow past its size now: like a disk with no room left.
    log = await QueryLog.open(db, max_bytes=pages * page_size)
    await submit_all(log, range(400, 700))
    await log.wait_for_failures(1)
    assert "database or disk is full" in (log.last_error or "")
    assert (await log.stats()).write_failures >= 1
    assert "Query log write failed (database or disk is full)" in caplog.text

    # An admin makes room; the writer's next attempt goes through.
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM queries WHERE query_id < ?", (record(400).query_id,))
    conn.close()
    await log.flush()
    await log.close()
    assert count_rows(db) == 300
    assert log.dropped == 0
    assert integrity(db) == "ok"


READ_ONLY_CHILD = """
import asyncio, sys
from pathlib import Path
from logdata import record
from bot.querylog.writer import QueryLog

async def main() -> None:
    log = await QueryLog.open(Path(sys.argv[1]))
    for n in range(20):
        await log.submit(record(n))
    print("submitted", flush=True)
    await log.wait_for_failures(1)
    print("failing:", log.last_error, flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    await log.flush()
    print("written", flush=True)
    await log.close()

asyncio.run(main())
"""


def without_override() -> list[str]:
    """Return the command prefix that makes file permissions bind this process's children."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file permissions cannot be made to bind")
    return [setpriv, "--bounding-set=-dac_override"]


async def test_read_only_file_counts_the_failure_and_recovers_when_writable(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.close()
    db.chmod(0o444)
    child = subprocess.Popen(
        [*without_override(), sys.executable, "-c", READ_ONLY_CHILD, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(TESTS)},
    )
    try:
        assert child.stdout is not None and child.stdin is not None
        assert child.stdout.readline() == "submitted\n"
        failing = child.stdout.readline()
        assert failing.startswith("failing: write failed: attempt to write a readonly database")
        db.chmod(0o644)
        child.stdin.write("go\n")
        child.stdin.flush()
        assert child.stdout.readline() == "written\n"
        assert child.wait(GUARD_S) == 0
    finally:
        child.kill()
        child.communicate()
    assert count_rows(db) == 20


WRITER_CHILD = """
import asyncio, sys
from pathlib import Path
from logdata import record
from bot.querylog.writer import QueryLog

async def main() -> None:
    log = await QueryLog.open(Path(sys.argv[1]))
    n = 0
    while True:
        for _ in range(100):
            await log.submit(record(n))
            n += 1
        await log.flush()
        print(n, flush=True)  # rows 0 .. n-1 are committed

asyncio.run(main())
"""


async def test_kill_9_under_load_keeps_every_committed_row_intact(db: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", WRITER_CHILD, str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(TESTS)},
    )
    try:
        assert child.stdout is not None
        committed = 0
        while committed < 3000:
            committed = int(child.stdout.readline())
        child.send_signal(signal.SIGKILL)
        assert child.wait(GUARD_S) == -signal.SIGKILL
    finally:
        child.kill()
        child.communicate()

    assert integrity(db) == "ok"
    rows = {row.query_id: row for row in await read_all(db)}
    assert len(rows) >= committed
    for n in range(committed):
        expected = record(n)
        row = rows[expected.query_id]
        assert (row.question, row.answer, row.update_id, row.time) == (
            expected.question,
            expected.answer,
            expected.update_id,
            expected.time,
        )
    # The log opens and writes again after the crash.
    log = await QueryLog.open(db)
    await log.submit(record(10**6))
    await log.close()
    assert count_rows(db) == len(rows) + 1
