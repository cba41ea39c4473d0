"""The query log on real SQLite files: writing, keys, feedback, migrations, purge and reading."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import hmac
import io
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from logdata import (
    KNOWN,
    KNOWN_ANSWERED_SHARE,
    KNOWN_MEDIAN_MS,
    KNOWN_TODAY,
    KNOWN_TOP,
    KNOWN_TOTAL,
    KNOWN_UNANSWERED,
    KNOWN_WEEK,
    NOW,
    ROADMAP,
    at,
    known_record,
    record,
    write_known,
)

from bot.querylog.schema import MIGRATIONS, SCHEMA_VERSION
from bot.querylog.writer import LoggedQuery, LogReader, QueryLog, QueryLogError, new_query_id


def sql(path: Path, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Run one statement on its own connection and return the rows."""
    conn = sqlite3.connect(path)
    try:
        with conn:
            return list(conn.execute(statement, params))
    finally:
        conn.close()


def hmac_key(salt: str, raw: int) -> str:
    return hmac.new(salt.encode(), str(raw).encode(), hashlib.sha256).hexdigest()[:32]


async def all_rows(path: Path) -> list[LoggedQuery]:
    reader = await LogReader.open(path)
    try:
        return list(reversed(await reader.recent(limit=100_000)))
    finally:
        await reader.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "queries.db"


async def test_new_query_id_is_16_random_hex_characters() -> None:
    ids = {new_query_id() for _ in range(100)}
    assert len(ids) == 100
    assert all(len(i) == 16 and int(i, 16) >= 0 for i in ids)


async def test_open_creates_folders_wal_and_current_schema(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.close()
    assert db.is_file()
    assert sql(db, "PRAGMA journal_mode") == [("wal",)]
    assert sql(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]


async def test_200_concurrent_submits_are_all_kept(db: Path) -> None:
    log = await QueryLog.open(db)
    await asyncio.gather(*(log.submit(record(n)) for n in range(200)))
    await log.flush()
    rows = await log.recent(limit=1000)
    await log.close()
    assert sorted(row.question for row in rows) == sorted(
        f"Question number {n}?" for n in range(200)
    )
    assert log.failures == 0
    assert log.dropped == 0


async def test_close_drains_the_queue(db: Path) -> None:
    log = await QueryLog.open(db)
    for n in range(250):
        await log.submit(record(n))
    await log.close()
    assert sql(db, "SELECT COUNT(*) FROM queries") == [(250,)]


async def test_rows_survive_reopening_field_for_field(db: Path) -> None:
    original = record(
        7,
        question="Что подписали? 🤝",
        citations=((ROADMAP, 4), ("speech", 1)),
        error=None,
        latency_ms=321.5,
    )
    log = await QueryLog.open(db)
    await log.submit(original)
    await log.close()

    log = await QueryLog.open(db)
    (row,) = await log.recent()
    await log.close()
    assert (row.query_id, row.time, row.channel, row.chat_type) == (
        original.query_id,
        original.time,
        "telegram",
        "private",
    )
    assert (row.update_id, row.question, row.outcome, row.answered) == (
        900_007,
        "Что подписали? 🤝",
        "answered",
        True,
    )
    assert (row.confidence, row.answer, row.citations) == (
        0.75,
        original.answer,
        ((ROADMAP, 4), ("speech", 1)),
    )
    assert (row.latency_ms, row.kb_version, row.feedback, row.error) == (321.5, "kb1", None, None)


async def test_the_same_update_twice_makes_one_row(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.submit(record(1, update_id=42, question="first"))
    await log.submit(record(2, update_id=42, question="again, same batch"))
    await log.flush()
    await log.submit(record(3, update_id=42, question="again, later batch"))
    await log.submit(record(4, update_id=None, question="no update"))
    await log.submit(record(5, update_id=None, question="no update either"))
    await log.close()
    rows = await all_rows(db)
    assert [row.question for row in rows] == ["first", "no update", "no update either"]


async def test_keys_are_salted_hmacs_stable_across_reopening(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.submit(record(1, user_id=111_222_333, chat_id=-100_444_555))
    await log.close()
    log = await QueryLog.open(db)
    await log.submit(record(2, user_id=111_222_333, chat_id=-100_444_555))
    await log.close()

    ((salt,),) = sql(db, "SELECT value FROM meta WHERE key = 'salt'")
    assert isinstance(salt, str) and len(salt) == 64
    first, second = await all_rows(db)
    assert first.user_key == second.user_key == hmac_key(salt, 111_222_333)
    assert first.chat_key == second.chat_key == hmac_key(salt, -100_444_555)
    assert first.user_key != first.chat_key
    out = io.StringIO()
    reader = await LogReader.open(db)
    await reader.export("jsonl", out)
    await reader.close()
    assert "111222333" not in out.getvalue()
    assert "100444555" not in out.getvalue()


async def test_each_database_gets_its_own_salt(tmp_path: Path) -> None:
    for name in ("a.db", "b.db"):
        log = await QueryLog.open(tmp_path / name)
        await log.submit(record(1))
        await log.close()
    (a,) = await all_rows(tmp_path / "a.db")
    (b,) = await all_rows(tmp_path / "b.db")
    assert a.user_key != b.user_key


async def test_a_given_salt_is_used_and_not_stored(db: Path) -> None:
    log = await QueryLog.open(db, salt="pepper")
    await log.submit(record(1, user_id=77))
    await log.close()
    (row,) = await all_rows(db)
    assert row.user_key == hmac_key("pepper", 77)
    assert sql(db, "SELECT COUNT(*) FROM meta WHERE key = 'salt'") == [(0,)]


async def test_raw_ids_when_asked(db: Path) -> None:
    log = await QueryLog.open(db, raw_ids=True)
    await log.submit(record(1, user_id=77, chat_id=-1001))
    await log.submit(record(2, channel="cli", chat_type="cli", user_id=None, chat_id=None))
    await log.close()
    telegram, cli = await all_rows(db)
    assert (telegram.user_key, telegram.chat_key) == ("77", "-1001")
    assert (cli.user_key, cli.chat_key, cli.channel) == (None, None, "cli")


async def test_feedback_lands_on_its_row_and_the_last_press_wins(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.submit(record(1))
    await log.feedback(record(1).query_id, 1)
    await log.submit(record(2))
    await log.flush()
    await log.feedback(record(2).query_id, 1)
    await log.feedback(record(2).query_id, -1)
    await log.feedback("no-such-query", 1)
    await log.close()
    assert [row.feedback for row in await all_rows(db)] == [1, -1]


async def test_feedback_other_than_plus_or_minus_one_is_refused(db: Path) -> None:
    log = await QueryLog.open(db)
    with pytest.raises(ValueError, match="1 or -1"):
        await log.feedback("q", 2)
    await log.close()


async def test_malformed_records_are_dropped_counted_and_never_raise(
    db: Path, caplog: pytest.LogCaptureFixture
) -> None:
    log = await QueryLog.open(db)
    await log.submit(record(1, outcome="maybe"))
    await log.submit(record(2, confidence=float("nan")))
    await log.submit(record(3, update_id=2**70))
    await log.submit(record(4))
    await log.close()
    assert log.dropped == 3
    assert "3 rows dropped" in (log.last_error or "")
    assert "malformed record 'q000000000000003'" in caplog.text
    assert [row.query_id for row in await all_rows(db)] == [record(4).query_id]


async def test_flush_waits_for_rows_queued_after_a_dropped_one(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.submit(record(1, outcome="maybe"))
    await log.submit(record(2))
    await log.flush()
    rows = await log.recent()
    await log.close()
    assert [row.query_id for row in rows] == [record(2).query_id]


async def test_unencodable_text_is_stored_with_replacement_characters(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.submit(record(1, question="lone \ud800 surrogate, NUL \x00, RTL \u202e end"))
    await log.close()
    (row,) = await all_rows(db)
    assert row.question == "lone \ufffd surrogate, NUL \x00, RTL \u202e end"


async def test_migrates_a_version_1_log_keeping_its_rows(db: Path) -> None:
    db.parent.mkdir()
    conn = sqlite3.connect(db)
    for statement in MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    for n, answered in ((1, 1), (2, 0)):
        conn.execute(
            "INSERT INTO queries VALUES (?, ?, 'telegram', 'private', 'u', 'c', ?, ?, ?, 0.5, "
            "'a', '[[\"doc\", 1]]', 10.0, 'kb0', NULL)",
            (f"old{n}", f"2024-03-0{n}T10:00:00.000000+00:00", n, f"old question {n}", answered),
        )
    conn.commit()
    conn.close()

    log = await QueryLog.open(db)
    await log.submit(record(3))
    await log.close()
    assert sql(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    old1, old2, new = await all_rows(db)
    assert (old1.outcome, old1.answered, old1.citations) == ("answered", True, (("doc", 1),))
    assert (old2.outcome, old2.answered, old2.error) == ("declined", False, None)
    assert new.query_id == record(3).query_id


async def test_a_log_from_a_newer_program_is_refused(db: Path) -> None:
    db.parent.mkdir()
    sql(db, f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(QueryLogError, match="newer than this program"):
        await QueryLog.open(db)
    with pytest.raises(QueryLogError, match="newer than this program"):
        await LogReader.open(db)


async def test_purge_deletes_rows_past_retention(db: Path) -> None:
    log = await QueryLog.open(db, retention_days=30)
    await log.submit(record(1, time=NOW - timedelta(days=31)))
    await log.submit(record(2, time=NOW - timedelta(days=29)))
    await log.submit(record(3, time=NOW))
    await log.flush()
    assert await log.purge(now=NOW) == 1
    assert await log.purge(now=NOW) == 0
    await log.close()
    assert [row.query_id for row in await all_rows(db)] == [record(2).query_id, record(3).query_id]


async def test_reader_refuses_a_missing_file_without_creating_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "queries.db"
    with pytest.raises(QueryLogError, match="no query log at"):
        await LogReader.open(missing)
    assert not missing.parent.exists()


@pytest.mark.parametrize("content", [b"", b"not a database at all, just some text" * 100])
async def test_reader_refuses_a_file_that_is_not_a_log(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(content)
    with pytest.raises(QueryLogError, match=r"other\.db"):
        await LogReader.open(path)
    assert path.read_bytes() == content


async def test_reader_sees_rows_while_the_writer_holds_a_transaction(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.submit(record(1))
    await log.close()
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM queries")
    try:
        rows = await all_rows(db)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert [row.query_id for row in rows] == [record(1).query_id]


# Reading: the known log.


@pytest.fixture
async def known(db: Path) -> Path:
    await write_known(db)
    return db


async def test_stats_of_the_known_log(known: Path) -> None:
    log = await QueryLog.open(known)
    stats = await log.stats(now=NOW, top=4)
    await log.close()
    assert (stats.today, stats.week, stats.total) == (KNOWN_TODAY, KNOWN_WEEK, KNOWN_TOTAL)
    assert stats.answered_share == pytest.approx(KNOWN_ANSWERED_SHARE)
    assert stats.median_latency_ms == KNOWN_MEDIAN_MS
    assert stats.top_questions == KNOWN_TOP
    assert (stats.thumbs_up, stats.thumbs_down) == (1, 1)
    assert (stats.refused, stats.flood, stats.failed) == (1, 1, 1)
    assert (stats.write_failures, stats.dropped) == (0, 0)


async def test_stats_since_a_date_and_of_an_empty_log(known: Path, tmp_path: Path) -> None:
    reader = await LogReader.open(known)
    stats = await reader.stats(now=NOW, since=at(20, 0))
    await reader.close()
    assert (stats.total, stats.today, stats.answered_share) == (3, 3, pytest.approx(2 / 3))
    assert stats.median_latency_ms == 200.0
    assert stats.top_questions == [("Who signed the roadmap?", 2), ("Hello?", 1)]

    log = await QueryLog.open(tmp_path / "empty.db")
    empty = await log.stats(now=NOW)
    await log.close()
    assert (empty.total, empty.answered_share, empty.median_latency_ms) == (0, 0.0, None)
    assert empty.top_questions == []


async def test_unanswered_groups_near_duplicates_newest_first(known: Path) -> None:
    reader = await LogReader.open(known)
    groups = await reader.unanswered()
    since = await reader.unanswered(since=at(17, 0))
    limited = await reader.unanswered(limit=1)
    await reader.close()
    assert [(g.question, g.count, g.last_time) for g in groups] == KNOWN_UNANSWERED
    assert [(g.question, g.count) for g in since] == [("What is the population of Brazil?", 2)]
    assert [(g.question, g.count) for g in limited] == [KNOWN_UNANSWERED[0][:2]]


async def test_recent_is_newest_first_with_limit_and_since(known: Path) -> None:
    reader = await LogReader.open(known)
    latest = await reader.recent(limit=3)
    since = await reader.recent(since=at(19, 12, 30))
    await reader.close()
    assert [row.question for row in latest] == ["Hello?", "/stats", "Who signed the roadmap?"]
    assert [row.feedback for row in latest] == [None, None, 1]
    assert [row.time for row in since] == sorted(
        (r.when for r in KNOWN[:3] + KNOWN[9:]), reverse=True
    )


async def test_export_jsonl_carries_every_row_and_field(known: Path) -> None:
    out = io.StringIO()
    log = await QueryLog.open(known)
    count = await log.export("jsonl", out)
    await log.close()
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(lines) == len(KNOWN)
    assert [line["time"] for line in lines] == sorted(row.when.isoformat() for row in KNOWN)
    failed = next(line for line in lines if line["outcome"] == "failed")
    salt = sql(known, "SELECT value FROM meta WHERE key = 'salt'")[0][0]
    assert failed == {
        "query_id": known_record(3).query_id,
        "time": "2024-03-19T12:00:00+00:00",
        "channel": "telegram",
        "chat_type": "private",
        "user_key": hmac_key(str(salt), 5_000_003),
        "chat_key": hmac_key(str(salt), 5_000_003),
        "update_id": 900_003,
        "question": "When was it signed?",
        "outcome": "failed",
        "answered": True,
        "confidence": 0.8,
        "answer": "Answer 3 [1].",
        "citations": [
            {"document": ROADMAP, "paragraph": 4},
            {"document": "speech", "paragraph": 3},
        ],
        "latency_ms": 400.0,
        "kb_version": "kb1",
        "error": "Forbidden: bot was blocked by the user",
        "resolved": None,
        "kind": None,
        "feedback": None,
    }
    assert all(str(5_000_000 + n) not in out.getvalue() for n in range(len(KNOWN)))


async def test_export_csv_has_a_header_and_every_row(known: Path) -> None:
    out = io.StringIO()
    reader = await LogReader.open(known)
    count = await reader.export("csv", out, since=at(20, 0))
    await reader.close()
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(rows) == 4
    assert [row["question"] for row in rows] == [
        "who  signed the ROADMAP",
        "Who signed the roadmap?",
        "/stats",
        "Hello?",
    ]
    first = rows[0]
    assert (first["answered"], first["feedback"], first["error"]) == ("true", "-1", "")
    assert json.loads(first["citations"]) == [
        {"document": ROADMAP, "paragraph": 2},
        {"document": "speech", "paragraph": 3},
    ]


async def test_csv_export_keeps_formulas_inert(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.submit(record(1, question='=HYPERLINK("http://x.example")'))
    await log.flush()
    out = io.StringIO()
    await log.export("csv", out)
    await log.close()
    (row,) = csv.DictReader(io.StringIO(out.getvalue()))
    assert row["question"] == '\'=HYPERLINK("http://x.example")'


async def test_the_resolved_question_and_the_kind_are_kept_and_exported(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.submit(record(1, question="Who signed the roadmap?", kind="answer"))
    follow_up = record(
        2,
        question="and when?",
        resolved="and when (signed roadmap)?",
        outcome="declined",
        answered=False,
        kind="decline",
    )
    await log.submit(follow_up)
    await log.submit(
        record(3, question="thanks!", outcome="declined", answered=False, kind="smalltalk")
    )
    await log.close()
    rows = await all_rows(db)
    assert [(r.question, r.resolved, r.kind) for r in rows] == [
        ("Who signed the roadmap?", None, "answer"),
        ("and when?", "and when (signed roadmap)?", "decline"),
        ("thanks!", None, "smalltalk"),
    ]
    reader = await LogReader.open(db)
    out = io.StringIO()
    await reader.export("jsonl", out)
    unanswered = await reader.unanswered()
    await reader.close()
    exported = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(e["resolved"], e["kind"]) for e in exported][1] == (
        "and when (signed roadmap)?",
        "decline",
    )
    # Small talk is logged but is no question left unanswered.
    assert [g.question for g in unanswered] == ["and when? (read as: and when (signed roadmap)?)"]


async def test_migrates_a_version_2_log_giving_its_rows_a_kind(db: Path) -> None:
    db.parent.mkdir()
    conn = sqlite3.connect(db)
    for step in MIGRATIONS[:2]:
        for statement in step:
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    for n, (answered, outcome) in enumerate(((1, "answered"), (0, "declined"), (0, "flood"))):
        conn.execute(
            "INSERT INTO queries (query_id, time, channel, chat_type, question, answered, "
            "confidence, answer, citations, latency_ms, kb_version, outcome) "
            "VALUES (?, ?, 'telegram', 'private', ?, ?, 0.5, 'a', '[]', 10.0, 'kb0', ?)",
            (f"old{n}", f"2024-03-0{n + 1}T10:00:00.000000+00:00", f"q {n}", answered, outcome),
        )
    conn.commit()
    conn.close()
    log = await QueryLog.open(db)
    await log.close()
    assert sql(db, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert [(r.kind, r.resolved) for r in await all_rows(db)] == [
        ("answer", None),
        ("decline", None),
        (None, None),
    ]


async def test_a_record_with_an_unknown_kind_is_dropped_and_counted(db: Path) -> None:
    log = await QueryLog.open(db)
    await log.submit(record(1, kind="chatter"))
    await log.close()
    assert log.dropped == 1
    assert await all_rows(db) == []
