"""Query log test data: a record factory and a small known log with its expected figures."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.querylog.writer import QueryLog, QueryRecord

NOW = datetime(2024, 3, 20, 12, 0, tzinfo=UTC)
ROADMAP = "iran-belarus-roadmap-2023"


def record(n: int, **fields: Any) -> QueryRecord:
    """Return record number ``n``: an answered Telegram question, ids derived from ``n``."""
    answered = QueryRecord(
        query_id=f"q{n:015d}",
        time=NOW,
        channel="telegram",
        chat_type="private",
        user_id=5_000_000 + n,
        chat_id=5_000_000 + n,
        update_id=900_000 + n,
        question=f"Question number {n}?",
        outcome="answered",
        answered=True,
        confidence=0.75,
        answer=f"Answer number {n} [1].",
        citations=((ROADMAP, 2),),
        latency_ms=12.5,
        kb_version="kb1",
    )
    return replace(answered, **fields)


@dataclass(frozen=True)
class Row:
    """One question of the known log."""

    when: datetime
    question: str
    outcome: str
    latency_ms: float = 100.0
    feedback: int | None = None


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """Return a time in March 2024, UTC."""
    return datetime(2024, 3, day, hour, minute, tzinfo=UTC)


# NOW is 2024-03-20 12:00: "today" starts at 03-20 00:00, "7 days" at 03-13 12:00.
KNOWN = (
    Row(at(20, 10), "Who signed the roadmap?", "answered", 100, feedback=1),
    Row(at(20, 9), "who  signed the ROADMAP", "answered", 300, feedback=-1),
    Row(at(19, 13), "Who signed the roadmap?", "answered", 200),
    Row(at(19, 12), "When was it signed?", "failed", 400),
    Row(at(18, 8), "What is the population of Brazil?", "declined", 50),
    Row(at(17, 8), "what is the population of brazil??", "declined", 70),
    Row(at(16, 8), "What is population of Brazil", "declined", 90),
    Row(at(15, 8), "What is the capital of Brazil?", "declined", 80),
    Row(at(1, 8), "Tell me about oil exports", "declined", 110),
    Row(at(20, 11), "/stats", "refused", 1),
    Row(at(20, 11, 30), "Hello?", "flood", 0),
)


def known_record(index: int) -> QueryRecord:
    """Return the record of ``KNOWN[index]``."""
    row = KNOWN[index]
    answered = row.outcome in ("answered", "failed")
    return record(
        index,
        time=row.when,
        question=row.question,
        outcome=row.outcome,
        answered=answered,
        confidence=0.8 if answered else 0.1,
        answer=f"Answer {index} [1]." if answered else "Sorry, I don't know.",
        citations=((ROADMAP, index + 1), ("speech", 3)) if answered else (),
        latency_ms=row.latency_ms,
        error="Forbidden: bot was blocked by the user" if row.outcome == "failed" else None,
    )


async def write_known(path: Path, **options: Any) -> None:
    """Write the known log, feedback included, to ``path``."""
    log = await QueryLog.open(path, **options)
    for index in range(len(KNOWN)):
        await log.submit(known_record(index))
    for index, row in enumerate(KNOWN):
        if row.feedback is not None:
            await log.feedback(known_record(index).query_id, row.feedback)
    await log.close()


# Figures of the known log at NOW: 10 questions (the refused row is an attempt, not a question).
KNOWN_TOTAL = 10
KNOWN_TODAY = 3
KNOWN_WEEK = 9
KNOWN_ANSWERED_SHARE = 0.4
# Latencies of answered and declined rows: 50 70 80 90 100 110 200 300 -> (90 + 100) / 2.
KNOWN_MEDIAN_MS = 95.0
KNOWN_TOP = [
    ("Who signed the roadmap?", 3),
    ("What is the population of Brazil?", 2),
    ("Hello?", 1),
    ("When was it signed?", 1),
]
KNOWN_UNANSWERED = [
    ("What is the population of Brazil?", 3, at(18, 8)),
    ("What is the capital of Brazil?", 1, at(15, 8)),
    ("Tell me about oil exports", 1, at(1, 8)),
]
