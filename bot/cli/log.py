"""The ``accords-bot log`` commands: reviewing the query log from the terminal."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import shutil
import sqlite3
import sys
import tempfile
import textwrap
import unicodedata
from collections.abc import Awaitable, Callable, Collection, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal, TextIO

from bot.cli.errors import CliError, fail, load_settings
from bot.querylog.writer import LoggedQuery, LogReader, LogStats, QueryLogError, UnansweredGroup

DEFAULT_LIMIT: Final = 20
DEFAULT_TOP: Final = 10
MIN_QUESTION_WIDTH: Final = 20
# Characters that would reorder or garble a terminal line.
_BIDI: Final = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

Command = Callable[[argparse.Namespace], int]


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``log`` command and its sub-commands to the CLI."""
    log = subparsers.add_parser(
        "log",
        help="review the query log: recent, unanswered, stats, export",
        description="Review the query log of the Telegram bot (BOT_DB_PATH, or --db).",
        epilog=_examples("accords-bot log stats", "accords-bot log recent --limit 50"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    log.set_defaults(func=cmd_log)
    commands = log.add_subparsers(title="commands", metavar="COMMAND")
    recent = _command(commands, "recent", cmd_recent, "accords-bot log recent --limit 50")
    recent.add_argument(
        "--limit",
        type=_positive,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"show N rows (default {DEFAULT_LIMIT})",
    )
    unanswered = _command(
        commands, "unanswered", cmd_unanswered, "accords-bot log unanswered --since 2024-03-01"
    )
    unanswered.add_argument(
        "--limit",
        type=_positive,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"show N groups (default {DEFAULT_LIMIT})",
    )
    stats = _command(commands, "stats", cmd_stats, "accords-bot log stats --db data/queries.db")
    stats.add_argument(
        "--limit",
        type=_positive,
        default=DEFAULT_TOP,
        metavar="N",
        help=f"list the N most asked questions (default {DEFAULT_TOP})",
    )
    export = _command(
        commands,
        "export",
        cmd_export,
        "accords-bot log export --format jsonl --output queries.jsonl",
        "accords-bot log export --format csv --since 2024-03-01 > march.csv",
    )
    export.add_argument(
        "--format",
        choices=("csv", "jsonl"),
        default="csv",
        help="csv (with a header) or jsonl, one JSON object a line (default csv)",
    )
    export.add_argument(
        "--output", type=Path, metavar="FILE", help="write to FILE instead of standard output"
    )


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    func: Command,
    *examples: str,
) -> argparse.ArgumentParser:
    """Add ``log NAME`` run by ``func``, whose docstring is its help, with the common options."""
    summary = (func.__doc__ or "").strip()
    parser = commands.add_parser(
        name,
        help=summary.splitlines()[0].rstrip("."),
        description=textwrap.fill(" ".join(summary.split()), 79),
        epilog=_examples(*examples),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--db",
        type=Path,
        metavar="PATH",
        help="the query log file (default: BOT_DB_PATH, data/queries.db)",
    )
    parser.add_argument(
        "--since", type=_date, metavar="DATE", help="only rows from DATE on (YYYY-MM-DD, UTC)"
    )
    parser.set_defaults(func=func)
    return parser


def _examples(*examples: str) -> str:
    return "\n".join(["examples:", *(f"  {example}" for example in examples)])


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not a positive number")
    return value


def _date(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date as YYYY-MM-DD") from None


# The commands.


def cmd_log(args: argparse.Namespace) -> int:
    """Say which log command to choose."""
    return fail("log: choose a command: recent, unanswered, stats or export (see --help)")


def cmd_recent(args: argparse.Namespace) -> int:
    """Show the latest questions, newest first."""

    async def show(reader: LogReader) -> None:
        rows = await reader.recent(args.limit, since=args.since)
        sys.stdout.write(format_recent(rows, _width()))

    return _with_reader(args, show)


def cmd_unanswered(args: argparse.Namespace) -> int:
    """Show the latest unanswered questions, similar ones grouped with counts."""

    async def show(reader: LogReader) -> None:
        groups = await reader.unanswered(args.limit, since=args.since)
        sys.stdout.write(format_unanswered(groups, _width()))

    return _with_reader(args, show)


def cmd_stats(args: argparse.Namespace) -> int:
    """Show counts, the answered share, latency, feedback and the most asked questions."""

    async def show(reader: LogReader) -> None:
        stats = await reader.stats(since=args.since, top=args.limit)
        sys.stdout.write(format_stats(stats, _width()))

    return _with_reader(args, show)


def cmd_export(args: argparse.Namespace) -> int:
    """Write every row of the log as CSV or JSON lines.

    Rows carry pseudonymous user and chat keys, never raw Telegram ids (unless the bot was set
    to store raw ids).
    """
    fmt: Literal["csv", "jsonl"] = args.format
    output: Path | None = args.output

    async def write(reader: LogReader) -> None:
        if output is None:
            await reader.export(fmt, sys.stdout, since=args.since)
            return
        with _replacing(output) as out:
            count = await reader.export(fmt, out, since=args.since)
        print(f"{count:,} rows written to {output}", file=sys.stderr)

    return _with_reader(args, write)


def _with_reader(args: argparse.Namespace, work: Callable[[LogReader], Awaitable[None]]) -> int:
    """Open the log, run ``work`` on it; a user error is one line on stderr and exit code 1."""

    async def run(path: Path) -> None:
        reader = await LogReader.open(path)
        try:
            await work(reader)
        finally:
            await reader.close()

    try:
        path = args.db if args.db is not None else _settings_db_path()
        if not path.is_file():
            raise CliError(f"no query log at {path} (nothing logged yet? choose one with --db)")
        asyncio.run(run(path))
    except (CliError, QueryLogError) as exc:
        return fail(str(exc))
    except sqlite3.Error as exc:
        return fail(f"cannot read the query log: {exc}")
    return 0


def _settings_db_path() -> Path:
    return load_settings().db_path


@contextlib.contextmanager
def _replacing(path: Path) -> Iterator[TextIO]:
    """Write to a temporary file beside ``path``, moved over it only when all went well."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with open(handle, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temporary, path)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


# Tables.


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def clean_cell(text: str) -> str:
    """Return ``text`` on one terminal line: controls and bidi overrides gone, spaces collapsed."""
    kept = (
        " " if unicodedata.category(char) == "Cc" else char for char in text if char not in _BIDI
    )
    return " ".join("".join(kept).split())


def _char_width(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def display_width(text: str) -> int:
    """Return how many terminal columns ``text`` takes."""
    return sum(_char_width(char) for char in text)


def truncate(text: str, width: int) -> str:
    """Return ``text`` cut to ``width`` columns, ending in … when it was cut."""
    if display_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        if used + _char_width(char) > width - 1:
            break
        kept.append(char)
        used += _char_width(char)
    return "".join(kept) + "…"


def table(
    headers: Sequence[str], rows: Sequence[Sequence[str]], width: int, right: Collection[int] = ()
) -> str:
    """Return aligned columns, those in ``right`` to the right; the last is cut to fit ``width``."""
    columns = list(zip(headers, *rows, strict=True))
    widths = [max(display_width(cell) for cell in column) for column in columns[:-1]]
    room = max(MIN_QUESTION_WIDTH, width - sum(widths) - 2 * len(widths))
    lines = []
    for row in [headers, *rows]:
        cells = []
        for index, (cell, size) in enumerate(zip(row[:-1], widths, strict=True)):
            pad = " " * (size - display_width(cell))
            cells.append(pad + cell if index in right else cell + pad)
        cells.append(truncate(row[-1], room))
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _when(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def format_recent(rows: Sequence[LoggedQuery], width: int) -> str:
    """Return the ``log recent`` table."""
    if not rows:
        return "No questions logged.\n"
    feedback = {1: "👍", -1: "👎", None: ""}
    body = [
        [
            _when(row.time),
            row.outcome,
            f"{row.confidence:.2f}",
            f"{row.latency_ms:,.0f}",
            feedback.get(row.feedback, ""),
            (row.user_key or "")[:8],
            clean_cell(row.question),
        ]
        for row in rows
    ]
    headers = ["time (UTC)", "outcome", "conf", "ms", "fb", "user", "question"]
    return table(headers, body, width, right={2, 3})


def format_unanswered(groups: Sequence[UnansweredGroup], width: int) -> str:
    """Return the ``log unanswered`` table."""
    if not groups:
        return "No unanswered questions.\n"
    body = [[f"{g.count:,}", _when(g.last_time), clean_cell(g.question)] for g in groups]
    return table(["count", "last asked (UTC)", "question"], body, width, right={0})


def format_stats(stats: LogStats, width: int) -> str:
    """Return the ``log stats`` report: figures, then the most asked questions."""
    latency = "-" if stats.median_latency_ms is None else f"{stats.median_latency_ms:,.0f} ms"
    figures = [
        ["questions today", f"{stats.today:,}"],
        ["questions in 7 days", f"{stats.week:,}"],
        ["questions in all", f"{stats.total:,}"],
        ["answered", f"{stats.answered_share:.1%}"],
        ["median latency", latency],
        ["feedback 👍", f"{stats.thumbs_up:,}"],
        ["feedback 👎", f"{stats.thumbs_down:,}"],
        ["refused", f"{stats.refused:,}"],
        ["flood-guarded", f"{stats.flood:,}"],
        ["failed", f"{stats.failed:,}"],
        ["log write failures", f"{stats.write_failures:,}"],
        ["log rows dropped", f"{stats.dropped:,}"],
    ]
    size = max(display_width(name) for name, _ in figures)
    lines = [f"{name}{' ' * (size - display_width(name))}  {value}" for name, value in figures]
    report = "\n".join(lines) + "\n"
    if stats.top_questions:
        top = [[f"{count:,}", clean_cell(question)] for question, count in stats.top_questions]
        report += "\nmost asked\n" + table(["count", "question"], top, width, right={0})
    return report
