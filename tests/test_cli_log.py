"""``accords-bot log recent|unanswered|stats|export``: in process for exact output, and as
real subprocesses for exit codes, error lines and the default database path."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import RunCli
from logdata import KNOWN, ROADMAP, record, write_known

from bot.cli.log import display_width, truncate
from bot.cli.main import main
from bot.querylog.writer import QueryLog

Output = tuple[int, str, str]
Run = Callable[..., Output]


@pytest.fixture
def known(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The known log with raw ids (so the user column is predictable), an 80-column terminal."""
    path = tmp_path / "known.db"
    asyncio.run(write_known(path, raw_ids=True))
    monkeypatch.setenv("COLUMNS", "80")
    return path


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    """Run ``accords-bot ARGS`` in this process; return the exit code, stdout and stderr."""

    def call(*args: str) -> Output:
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out, err

    return call


def test_recent_is_an_aligned_table_newest_first(run: Run, known: Path) -> None:
    assert run("log", "recent", "--db", str(known), "--limit", "3") == (
        0,
        "time (UTC)        outcome   conf   ms  fb  user     question\n"
        "2024-03-20 11:30  flood     0.10    0      5000010  Hello?\n"
        "2024-03-20 11:00  refused   0.10    1      5000009  /stats\n"
        "2024-03-20 10:00  answered  0.80  100  👍  5000000  Who signed the roadmap?\n",
        "",
    )


def test_recent_cuts_long_questions_to_the_terminal(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.db"

    async def write() -> None:
        log = await QueryLog.open(path)
        await log.submit(record(1, question="Who " + "really " * 40 + "signed\nit?\u202e"))
        await log.close()

    asyncio.run(write())
    monkeypatch.setenv("COLUMNS", "90")
    code, out, _ = run("log", "recent", "--db", str(path))
    line = out.splitlines()[1]
    assert code == 0
    assert "  Who really really " in line
    assert line.endswith("…")
    assert display_width(line) == 90
    assert "\u202e" not in out
    assert len(out.splitlines()) == 2


def test_truncate_counts_wide_characters_as_two_columns() -> None:
    assert truncate("短い質問です", 7) == "短い質…"
    assert display_width(truncate("短い質問です", 7)) == 7
    assert truncate("short", 5) == "short"


def test_unanswered_groups_similar_questions_with_counts(run: Run, known: Path) -> None:
    assert run("log", "unanswered", "--db", str(known)) == (
        0,
        "count  last asked (UTC)  question\n"
        "    3  2024-03-18 08:00  What is the population of Brazil?\n"
        "    1  2024-03-15 08:00  What is the capital of Brazil?\n"
        "    1  2024-03-01 08:00  Tell me about oil exports\n",
        "",
    )
    assert run(
        "log", "unanswered", "--db", str(known), "--since", "2024-03-16", "--limit", "1"
    ) == (
        0,
        "count  last asked (UTC)  question\n"
        "    3  2024-03-18 08:00  What is the population of Brazil?\n",
        "",
    )


def test_stats_reports_the_figures_and_the_most_asked(run: Run, known: Path) -> None:
    # The known log is from March 2024: nothing of it is from today or the last 7 days.
    assert run("log", "stats", "--db", str(known), "--limit", "2") == (
        0,
        "questions today      0\n"
        "questions in 7 days  0\n"
        "questions in all     10\n"
        "answered             40.0%\n"
        "median latency       95 ms\n"
        "feedback 👍          1\n"
        "feedback 👎          1\n"
        "refused              1\n"
        "flood-guarded        1\n"
        "failed               1\n"
        "log write failures   0\n"
        "log rows dropped     0\n"
        "\n"
        "most asked\n"
        "count  question\n"
        "    3  Who signed the roadmap?\n"
        "    2  What is the population of Brazil?\n",
        "",
    )


def test_stats_since_a_date(run: Run, known: Path) -> None:
    code, out, _ = run("log", "stats", "--db", str(known), "--since", "2024-03-20")
    assert code == 0
    assert "questions in all     3\n" in out
    assert "median latency       200 ms\n" in out


def test_empty_results_say_so(run: Run, known: Path) -> None:
    assert run("log", "recent", "--db", str(known), "--since", "2030-01-01")[1] == (
        "No questions logged.\n"
    )
    assert run("log", "unanswered", "--db", str(known), "--since", "2030-01-01")[1] == (
        "No unanswered questions.\n"
    )


def test_export_jsonl_to_standard_output(run: Run, known: Path) -> None:
    code, out, err = run("log", "export", "--db", str(known), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert (code, err) == (0, "")
    assert [row["question"] for row in rows] == [
        row.question for row in sorted(KNOWN, key=lambda r: r.when)
    ]
    signed = rows[-3]
    assert signed["question"] == "Who signed the roadmap?"
    assert signed["answered"] is True
    assert signed["confidence"] == 0.8
    assert signed["citations"] == [
        {"document": ROADMAP, "paragraph": 1},
        {"document": "speech", "paragraph": 3},
    ]
    assert (signed["latency_ms"], signed["time"]) == (100.0, "2024-03-20T10:00:00+00:00")


def test_export_csv_to_a_file_since_a_date(run: Run, known: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    code, out, err = run(
        "log", "export", "--db", str(known), "--since", "2024-03-20", "--output", str(target)
    )
    assert (code, out, err) == (0, "", f"4 rows written to {target}\n")
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"), newline="")))
    assert [row["question"] for row in rows] == [
        "who  signed the ROADMAP",
        "Who signed the roadmap?",
        "/stats",
        "Hello?",
    ]
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".out")] == []


def test_export_to_an_unwritable_place_is_one_line(run: Run, known: Path, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "out.csv"
    code, out, err = run("log", "export", "--db", str(known), "--output", str(target))
    assert (code, out) == (1, "")
    assert err.startswith(f"accords-bot: cannot write {target}")
    assert err.count("\n") == 1


@pytest.mark.parametrize("command", ["recent", "unanswered", "stats", "export"])
def test_a_missing_database_is_one_line_and_not_created(
    run: Run, tmp_path: Path, command: str
) -> None:
    missing = tmp_path / "nowhere" / "queries.db"
    assert run("log", command, "--db", str(missing)) == (
        1,
        "",
        f"accords-bot: no query log at {missing} (nothing logged yet? choose one with --db)\n",
    )
    assert not missing.exists()
    assert not missing.parent.exists()


@pytest.mark.parametrize("since", ["yesterday", "2024-02-30", "20240301"])
def test_a_bad_since_is_one_line(run: Run, known: Path, since: str) -> None:
    code, out, err = run("log", "recent", "--db", str(known), "--since", since)
    assert (code, out) == (1, "")
    assert f"argument --since: {since!r} is not a date as YYYY-MM-DD" in err
    assert err.count("\n") == 1


def test_a_file_that_is_not_a_log_is_one_line(run: Run, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("just some notes\n" * 100)
    code, out, err = run("log", "stats", "--db", str(other))
    assert (code, out) == (1, "")
    assert err.startswith("accords-bot: cannot read the query log at")
    assert err.count("\n") == 1
    assert other.read_text() == "just some notes\n" * 100


# As real processes, with the database from BOT_DB_PATH.


def test_log_commands_as_processes_read_bot_db_path(run_cli: RunCli, tmp_path: Path) -> None:
    asyncio.run(write_known(tmp_path / "queries.db"))

    stats = run_cli("log", "stats")
    assert (stats.returncode, stats.stderr) == (0, "")
    assert "questions in all     10\n" in stats.stdout

    export = run_cli("log", "export", "--format", "jsonl")
    assert (export.returncode, export.stderr) == (0, "")
    rows = [json.loads(line) for line in export.stdout.splitlines()]
    assert len(rows) == len(KNOWN)
    for row in rows:
        assert {"question", "answered", "confidence", "citations", "latency_ms", "time"} <= set(row)
        assert isinstance(row["answered"], bool)
    assert all(str(5_000_000 + n) not in export.stdout for n in range(len(KNOWN)))

    recent = run_cli("log", "recent", "--limit", "1", env={"COLUMNS": "80"})
    assert recent.returncode == 0
    assert recent.stdout.splitlines()[1].endswith("  Hello?")


def test_errors_as_processes_are_one_line_and_exit_1(run_cli: RunCli, tmp_path: Path) -> None:
    missing = run_cli("log", "recent")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr == (
        f"accords-bot: no query log at {tmp_path / 'queries.db'} "
        "(nothing logged yet? choose one with --db)\n"
    )
    assert not (tmp_path / "queries.db").exists()

    asyncio.run(write_known(tmp_path / "queries.db"))
    for args in (["log", "stats", "--since", "March"], ["log", "recent", "--limit", "0"], ["log"]):
        done = run_cli(*args)
        assert (done.returncode, done.stdout, done.stderr.count("\n")) == (1, "", 1), args
        assert "Traceback" not in done.stderr


def test_help_of_every_log_command(run_cli: RunCli) -> None:
    for command in ("recent", "unanswered", "stats", "export"):
        done = run_cli("log", command, "--help")
        assert done.returncode == 0
        assert "--db PATH" in done.stdout and "--since DATE" in done.stdout
        assert "example" in done.stdout
    assert "--format {csv,jsonl}" in run_cli("log", "export", "--help").stdout


def test_a_logged_chat_keeps_each_follow_up_as_read(run_cli: RunCli, tmp_path: Path) -> None:
    db = tmp_path / "chat.db"
    env = {"BOT_DB_PATH": str(db)}
    turns = "hello\nHow much was trade between Iran and Belarus in 2021?\nand in 2022?\nwhy?\n"
    chat = run_cli("chat", "--log", stdin=turns, env=env)
    assert chat.returncode == 0, chat.stderr
    exported = run_cli("log", "export", "--format", "jsonl", env=env)
    rows = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [row["kind"] for row in rows][:3] == ["smalltalk", "answer", "answer"]
    assert rows[1]["resolved"] is None
    assert rows[2]["question"] == "and in 2022?" and "trade" in rows[2]["resolved"]
    unanswered = run_cli("log", "unanswered", env={**env, "COLUMNS": "200"})
    assert "hello" not in unanswered.stdout
