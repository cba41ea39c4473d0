"""The live engine: reloads swap a whole new engine in, or keep the old one whole."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from bot.answer.engine import Engine, build_engine
from bot.answer.live import LiveEngine
from bot.knowledge.documents import KnowledgeError

FIRST = "---\ntitle: First\n---\n\nAlpha signed the treaty on May 1, 2024.\n\nBeta disagreed.\n"
SECOND = "---\ntitle: Second\n---\n\nGamma opened the bridge in Oslo.\n"


def _live(folder: Path) -> LiveEngine:
    return LiveEngine(build_engine(folder), lambda: build_engine(folder))


async def test_reload_reports_what_changed(tmp_path: Path) -> None:
    (tmp_path / "first.md").write_text(FIRST, encoding="utf-8")
    live = _live(tmp_path)
    old_version = live.current.version
    (tmp_path / "second.md").write_text(SECOND, encoding="utf-8")
    (tmp_path / "first.md").write_text(FIRST.replace("Beta disagreed.", "Beta agreed."), "utf-8")
    report = await live.reload()
    assert report.diff.documents_added == ("second",)
    assert report.diff.documents_changed == ("first",)
    assert (report.diff.paragraphs_added, report.diff.paragraphs_changed) == (1, 1)
    assert (report.documents, report.paragraphs) == (2, 3)
    assert report.version == live.current.version != old_version
    assert live.current.answer("Who opened the bridge in Oslo?").answered


async def test_a_bad_file_keeps_the_old_engine_whole(tmp_path: Path) -> None:
    (tmp_path / "first.md").write_text(FIRST, encoding="utf-8")
    live = _live(tmp_path)
    before = live.current
    (tmp_path / "broken.md").write_bytes(b"\xff\xfe not utf-8")
    with pytest.raises(KnowledgeError) as caught:
        await live.reload()
    assert [p.name for p in caught.value.problems] == ["broken.md"]
    assert live.current is before
    assert live.current.answer("When did Alpha sign the treaty?").answered


async def test_questions_during_a_reload_are_answered_from_the_old_engine(tmp_path: Path) -> None:
    (tmp_path / "first.md").write_text(FIRST, encoding="utf-8")
    started, release = threading.Event(), threading.Event()
    first = build_engine(tmp_path)

    def slow_build() -> Engine:
        started.set()
        release.wait(10)
        return build_engine(tmp_path)

    live = LiveEngine(first, slow_build)
    (tmp_path / "second.md").write_text(SECOND, encoding="utf-8")
    reload = asyncio.create_task(live.reload())
    await asyncio.to_thread(started.wait, 10)
    assert live.reloading
    assert live.current is first
    assert not live.current.answer("Who opened the bridge in Oslo?").answered
    release.set()
    await reload
    assert not live.reloading
    assert live.current.answer("Who opened the bridge in Oslo?").answered


async def test_reloads_run_one_at_a_time(tmp_path: Path) -> None:
    (tmp_path / "first.md").write_text(FIRST, encoding="utf-8")
    running = 0
    most = 0
    lock = threading.Lock()

    def counted_build() -> Engine:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        try:
            return build_engine(tmp_path)
        finally:
            with lock:
                running -= 1

    live = LiveEngine(build_engine(tmp_path), counted_build)
    reports = await asyncio.gather(*(live.reload() for _ in range(5)))
    assert most == 1
    assert len({r.version for r in reports}) == 1
