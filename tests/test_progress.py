"""Progress of long index builds: a bar on a terminal, a line each tenth of the way elsewhere."""

from __future__ import annotations

import io
from pathlib import Path

from bot.answer.engine import build_engine
from bot.cli.main import BuildProgress
from bot.search.indexing import ANALYSING, COUNTING


class Terminal(io.StringIO):
    """Standard error as a terminal."""

    def isatty(self) -> bool:
        return True


def feed(progress: BuildProgress, step: str, total: int, by: int) -> None:
    """Report ``step`` going from nothing to ``total`` paragraphs in steps of ``by``."""
    for done in range(by, total + by, by):
        progress(step, min(done, total), total)


def test_without_a_terminal_a_line_comes_each_tenth_of_the_way() -> None:
    lines: list[str] = []
    stream = io.StringIO()
    progress = BuildProgress(lines.append, stream, delay=0.0, least=0)
    feed(progress, COUNTING, 1000, 7)
    feed(progress, ANALYSING, 1000, 333)
    counting = [line for line in lines if COUNTING in line]
    assert [line.split(", ")[1].split("%")[0] for line in counting] == [
        str(n) for n in range(10, 101, 10)
    ]
    assert counting[-1] == f"index: {COUNTING}, 100% (1,000 of 1,000 paragraphs)"
    # Big steps skip tenths rather than repeating lines.
    assert [line for line in lines if ANALYSING in line][-1].endswith(
        "100% (1,000 of 1,000 paragraphs)"
    )
    assert len([line for line in lines if ANALYSING in line]) == 4
    assert stream.getvalue() == ""


def test_on_a_terminal_a_bar_is_drawn_on_the_stream() -> None:
    lines: list[str] = []
    terminal = Terminal()
    progress = BuildProgress(lines.append, terminal, delay=0.0, least=0)
    feed(progress, COUNTING, 500, 50)
    assert f"index: {COUNTING}" in terminal.getvalue()
    assert "/500 [" in terminal.getvalue()
    assert lines == []


def test_a_quick_build_shows_nothing() -> None:
    lines: list[str] = []
    terminal, plain = Terminal(), io.StringIO()
    for stream in (terminal, plain):
        progress = BuildProgress(lines.append, stream, delay=3600.0)
        feed(progress, COUNTING, 1000, 10)
    assert lines == []
    assert terminal.getvalue() == plain.getvalue() == ""


def test_a_build_reports_each_long_step_to_its_end(roadmap_dir: Path, tmp_path: Path) -> None:
    heard: list[tuple[str, int, int]] = []

    def record(step: str, done: int, total: int) -> None:
        heard.append((step, done, total))

    build_engine(roadmap_dir, cache_dir=tmp_path / "cache", progress=record)
    steps = {step: (done, total) for step, done, total in heard}
    assert set(steps) == {COUNTING, ANALYSING}
    assert all(done == total > 0 for done, total in steps.values())
    heard.clear()
    build_engine(roadmap_dir, progress=record)
    assert {step for step, _, _ in heard} == {COUNTING}


def test_a_step_heard_of_only_at_its_end_shows_nothing() -> None:
    lines: list[str] = []
    terminal, plain = Terminal(), io.StringIO()
    for stream in (terminal, plain):
        BuildProgress(lines.append, stream, delay=0.0, least=0)(COUNTING, 16, 16)
    assert lines == []
    assert terminal.getvalue() == plain.getvalue() == ""


def test_a_step_over_few_paragraphs_shows_nothing_however_slow() -> None:
    lines: list[str] = []
    progress = BuildProgress(lines.append, io.StringIO(), delay=0.0)
    feed(progress, COUNTING, 5000, 100)
    assert lines == []
