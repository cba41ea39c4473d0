"""The query log's records, its SQLite schema and migrations, and the conversions between them."""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final, TextIO

OUTCOMES: Final = ("answered", "declined", "refused", "flood", "failed", "error")
KINDS: Final = ("answer", "decline", "smalltalk")
# Keys are truncated HMACs: 128 bits keep distinct users apart and the exports readable.
KEY_HEX_CHARS: Final = 32
_INT64: Final = 2**63


def new_query_id() -> str:
    """Return a fresh query id: 16 random hex characters."""
    return secrets.token_hex(8)


def new_salt() -> str:
    """Return a fresh random salt for the user and chat keys."""
    return secrets.token_hex(32)


@dataclass(frozen=True)
class QueryRecord:
    """One question as the bot saw it, handed to the log; ids are raw, the log hashes them."""

    query_id: str
    time: datetime
    channel: str
    chat_type: str
    user_id: int | None
    chat_id: int | None
    update_id: int | None
    question: str
    outcome: str
    answered: bool
    confidence: float
    answer: str
    citations: tuple[tuple[str, int], ...]
    latency_ms: float
    kb_version: str
    error: str | None = None
    # The question as read in its conversation ("and when (signed roadmap)?"), when that differs
    # from the question as typed; and the answer's kind (answer, decline, smalltalk).
    resolved: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class LoggedQuery:
    """One row as read back; user and chat are keys, not ids, unless raw ids were asked for."""

    query_id: str
    time: datetime
    channel: str
    chat_type: str
    user_key: str | None
    chat_key: str | None
    update_id: int | None
    question: str
    outcome: str
    answered: bool
    confidence: float
    answer: str
    citations: tuple[tuple[str, int], ...]
    latency_ms: float
    kb_version: str
    feedback: int | None
    error: str | None
    resolved: str | None = None
    kind: str | None = None


@dataclass(frozen=True)
class LogStats:
    """Figures for admins; rows with outcome ``refused`` are attempts, not questions."""

    today: int
    week: int
    total: int
    answered_share: float
    median_latency_ms: float | None
    top_questions: list[tuple[str, int]]
    thumbs_up: int
    thumbs_down: int
    write_failures: int
    refused: int
    flood: int
    failed: int
    dropped: int = 0


@dataclass(frozen=True)
class UnansweredGroup:
    """Unanswered questions that say the same thing: the newest wording, how many, when last."""

    question: str
    count: int
    last_time: datetime


# Each step moves the schema up one version; all pending steps run in one transaction.
MIGRATIONS: Final[tuple[tuple[str, ...], ...]] = (
    (
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value)",
        """CREATE TABLE queries (
            query_id TEXT PRIMARY KEY,
            time TEXT NOT NULL,
            channel TEXT NOT NULL,
            chat_type TEXT NOT NULL,
            user_key TEXT,
            chat_key TEXT,
            update_id INTEGER,
            question TEXT NOT NULL,
            answered INTEGER NOT NULL,
            confidence REAL NOT NULL,
            answer TEXT NOT NULL,
            citations TEXT NOT NULL,
            latency_ms REAL NOT NULL,
            kb_version TEXT NOT NULL,
            feedback INTEGER
        )""",
        "CREATE UNIQUE INDEX queries_update_id ON queries (update_id) WHERE update_id IS NOT NULL",
        "CREATE INDEX queries_time ON queries (time)",
    ),
    (
        "ALTER TABLE queries ADD COLUMN outcome TEXT NOT NULL DEFAULT 'answered'",
        "ALTER TABLE queries ADD COLUMN error TEXT",
        "UPDATE queries SET outcome = 'declined' WHERE answered = 0",
    ),
    (
        "ALTER TABLE queries ADD COLUMN resolved TEXT",
        "ALTER TABLE queries ADD COLUMN kind TEXT",
        "UPDATE queries SET kind = CASE WHEN answered THEN 'answer' ELSE 'decline' END "
        "WHERE outcome IN ('answered', 'declined')",
    ),
)
SCHEMA_VERSION: Final = len(MIGRATIONS)

COLUMNS: Final = (
    "query_id",
    "time",
    "channel",
    "chat_type",
    "user_key",
    "chat_key",
    "update_id",
    "question",
    "outcome",
    "answered",
    "confidence",
    "answer",
    "citations",
    "latency_ms",
    "kb_version",
    "error",
    "resolved",
    "kind",
    "feedback",
)
SELECT_ROWS: Final = f"SELECT {', '.join(COLUMNS)} FROM queries"
INSERT_ROW: Final = (
    f"INSERT OR IGNORE INTO queries ({', '.join(COLUMNS[:-1])}) "
    f"VALUES ({', '.join('?' * (len(COLUMNS) - 1))})"
)
SET_FEEDBACK: Final = "UPDATE queries SET feedback = ? WHERE query_id = ?"
ADD_TO_META: Final = (
    "INSERT INTO meta (key, value) VALUES (?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = value + excluded.value"
)

Row = tuple[object, ...]


def format_time(moment: datetime) -> str:
    """Return the stored form of a time: ISO 8601 UTC, fixed width, so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def parse_time(text: str) -> datetime:
    """Return the aware UTC time of a stored time."""
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def clean_str(text: str) -> str:
    """Return ``text`` storable as UTF-8: lone surrogates become U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def id_key(raw: int | None, salt: str, raw_ids: bool) -> str | None:
    """Return the stored key of a user or chat id: HMAC-SHA256(salt, id), or the id itself."""
    if raw is None:
        return None
    if raw_ids:
        return str(raw)
    digest = hmac.new(salt.encode(), str(raw).encode(), hashlib.sha256).hexdigest()
    return digest[:KEY_HEX_CHARS]


def _int64(value: int | None, name: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not -_INT64 <= value < _INT64:
        raise ValueError(f"{name} must be a 64-bit integer, got {value!r}")
    return value


def _finite(value: float, name: str) -> float:
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return number


def record_row(record: QueryRecord, salt: str, raw_ids: bool) -> Row:
    """Return the values ``INSERT_ROW`` stores for ``record``; raise ValueError if malformed."""
    if record.outcome not in OUTCOMES:
        raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, got {record.outcome!r}")
    if record.kind is not None and record.kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, got {record.kind!r}")
    citations = [[clean_str(str(doc)), int(par)] for doc, par in record.citations]
    return (
        clean_str(record.query_id),
        format_time(record.time),
        clean_str(record.channel),
        clean_str(record.chat_type),
        id_key(_int64(record.user_id, "user_id"), salt, raw_ids),
        id_key(_int64(record.chat_id, "chat_id"), salt, raw_ids),
        _int64(record.update_id, "update_id"),
        clean_str(record.question),
        record.outcome,
        1 if record.answered else 0,
        _finite(record.confidence, "confidence"),
        clean_str(record.answer),
        json.dumps(citations, ensure_ascii=False),
        _finite(record.latency_ms, "latency_ms"),
        clean_str(record.kb_version),
        None if record.error is None else clean_str(record.error),
        None if record.resolved is None else clean_str(record.resolved),
        record.kind,
    )


def _text(value: object) -> str:
    return value if isinstance(value, str) else str(value)


def _opt_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _opt_int(value: object) -> int | None:
    return None if value is None else int(_text(value))


def row_query(row: Sequence[object]) -> LoggedQuery:
    """Return the record of one row selected with ``SELECT_ROWS``."""
    values = dict(zip(COLUMNS, row, strict=True))
    pairs = json.loads(_text(values["citations"]))
    return LoggedQuery(
        query_id=_text(values["query_id"]),
        time=parse_time(_text(values["time"])),
        channel=_text(values["channel"]),
        chat_type=_text(values["chat_type"]),
        user_key=_opt_text(values["user_key"]),
        chat_key=_opt_text(values["chat_key"]),
        update_id=_opt_int(values["update_id"]),
        question=_text(values["question"]),
        outcome=_text(values["outcome"]),
        answered=bool(values["answered"]),
        confidence=float(_text(values["confidence"])),
        answer=_text(values["answer"]),
        citations=tuple((str(doc), int(par)) for doc, par in pairs),
        latency_ms=float(_text(values["latency_ms"])),
        kb_version=_text(values["kb_version"]),
        error=_opt_text(values["error"]),
        feedback=_opt_int(values["feedback"]),
        resolved=_opt_text(values["resolved"]),
        kind=_opt_text(values["kind"]),
    )


def export_object(query: LoggedQuery) -> dict[str, object]:
    """Return one exported row: every field (in ``COLUMNS`` order), ISO times, citation objects."""
    return {
        "query_id": query.query_id,
        "time": query.time.isoformat(),
        "channel": query.channel,
        "chat_type": query.chat_type,
        "user_key": query.user_key,
        "chat_key": query.chat_key,
        "update_id": query.update_id,
        "question": query.question,
        "outcome": query.outcome,
        "answered": query.answered,
        "confidence": query.confidence,
        "answer": query.answer,
        "citations": [{"document": doc, "paragraph": par} for doc, par in query.citations],
        "latency_ms": query.latency_ms,
        "kb_version": query.kb_version,
        "error": query.error,
        "resolved": query.resolved,
        "kind": query.kind,
        "feedback": query.feedback,
    }


# A spreadsheet runs a cell that starts with one of these as a formula; a quote keeps it text.
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return "" if value is None else value


class ExportWriter:
    """Writes exported rows to a text stream as CSV (with a header) or as JSON lines."""

    def __init__(self, fmt: str, out: TextIO) -> None:
        if fmt not in ("csv", "jsonl"):
            raise ValueError(f"export format must be csv or jsonl, got {fmt!r}")
        self._out = out
        self._csv = csv.writer(out) if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writerow(COLUMNS)

    def write(self, query: LoggedQuery) -> None:
        """Write one row."""
        obj = export_object(query)
        if self._csv is not None:
            self._csv.writerow([_csv_cell(value) for value in obj.values()])
        else:
            self._out.write(json.dumps(obj, ensure_ascii=False) + "\n")
