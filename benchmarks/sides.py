"""The retrieval benchmark at one corpus size: the project beside bm25s and rank_bm25."""

from __future__ import annotations

import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.corpus import Corpus, Target, size_label
from benchmarks.lines import Served, python_env, serve

# rank_bm25 scores every paragraph for every question in Python: only the smallest size.
RANK_BM25_MAX = 10_000


@dataclass(frozen=True)
class SideResult:
    """One side's figures at one size; None where the side has no such thing."""

    side: str
    paragraphs: int
    build_s: float
    start_s: float | None
    stream_ms: float
    in_process_ms: float
    build_rss_gb: float
    serve_rss_gb: float | None
    top1: float


def measure(corpus: Corpus, work: Path) -> list[SideResult]:
    """Run every side on ``corpus``, one process at a time, and return their figures."""
    results = [_project(corpus, work), _bm25s(corpus, work)]
    if corpus.paragraphs <= RANK_BM25_MAX:
        results.append(_rank_bm25(corpus, work))
    return results


def _worker(side: str, corpus: Corpus, index: Path, fresh: bool, label: str) -> Served:
    cmd = [sys.executable, "-m", "benchmarks.serve", side, "--corpus", str(corpus.folder)]
    cmd += ["--index", str(index)] + (["--fresh"] if fresh else [])
    return serve(cmd, [t.question for t in corpus.targets], label, env=python_env())


def _project(corpus: Corpus, work: Path) -> SideResult:
    index = work / f"project-{corpus.paragraphs}"
    size = size_label(corpus.paragraphs)
    cold = _worker("project", corpus, index, True, f"indexing {size} paragraphs (project)")
    with tempfile.TemporaryDirectory(dir=work) as home:
        env = python_env(
            BOT_KNOWLEDGE_DIR=str(corpus.folder),
            BOT_INDEX_CACHE_DIR=str(index),
            BOT_DB_PATH=str(Path(home) / "queries.db"),
        )
        cli = serve(
            [sys.executable, "-m", "bot", "ask", "--json", "-"],
            [t.question for t in corpus.targets],
            f"starting from the cache, {size} (accords-bot ask --json -)",
            env=env,
            cwd=Path(home),
            ready_line=False,
        )
    warm = _worker("project", corpus, index, False, f"answering in-process, {size} (project)")
    shutil.rmtree(index, ignore_errors=True)
    return SideResult(
        side="project",
        paragraphs=corpus.paragraphs,
        build_s=cold.ready["build_s"],
        start_s=cli.start_s,
        stream_ms=cli.gap_ms,
        in_process_ms=warm.done["in_process_ms"],
        build_rss_gb=cold.peak_rss_kb / 1e6,
        serve_rss_gb=cli.peak_rss_kb / 1e6,
        top1=_top1(corpus.targets, [_cited(a) for a in cli.answers]),
    )


def _bm25s(corpus: Corpus, work: Path) -> SideResult:
    index = work / f"bm25s-{corpus.paragraphs}"
    size = size_label(corpus.paragraphs)
    cold = _worker("bm25s", corpus, index, True, f"indexing {size} paragraphs (bm25s)")
    warm = _worker("bm25s", corpus, index, False, f"starting from its saved index, {size} (bm25s)")
    shutil.rmtree(index, ignore_errors=True)
    return SideResult(
        side="bm25s",
        paragraphs=corpus.paragraphs,
        build_s=cold.ready["build_s"],
        start_s=warm.start_s,
        stream_ms=warm.gap_ms,
        in_process_ms=warm.done["in_process_ms"],
        build_rss_gb=cold.peak_rss_kb / 1e6,
        serve_rss_gb=warm.peak_rss_kb / 1e6,
        top1=_top1(corpus.targets, [_first(a) for a in warm.answers]),
    )


def _rank_bm25(corpus: Corpus, work: Path) -> SideResult:
    size = size_label(corpus.paragraphs)
    run = _worker("rank_bm25", corpus, work, True, f"indexing {size} paragraphs (rank_bm25)")
    return SideResult(
        side="rank_bm25",
        paragraphs=corpus.paragraphs,
        build_s=run.ready["build_s"],
        start_s=None,
        stream_ms=run.gap_ms,
        in_process_ms=run.done["in_process_ms"],
        build_rss_gb=run.peak_rss_kb / 1e6,
        serve_rss_gb=None,
        top1=_top1(corpus.targets, [_first(a) for a in run.answers]),
    )


def _cited(answer: dict[str, Any]) -> tuple[str, int] | None:
    """The first citation of an ``ask --json`` answer, if it answered."""
    citations = answer.get("citations") or []
    if not answer.get("answered") or not citations:
        return None
    return (citations[0]["document"], int(citations[0]["paragraph"]))


def _first(answer: dict[str, Any]) -> tuple[str, int] | None:
    hits = answer.get("hits") or []
    return (hits[0][0], int(hits[0][1])) if hits else None


def _top1(targets: tuple[Target, ...], firsts: list[tuple[str, int] | None]) -> float:
    right = sum(f == (t.document, t.paragraph) for t, f in zip(targets, firsts, strict=True))
    return right / len(targets) if targets else 0.0
