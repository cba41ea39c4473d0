"""``python -m benchmarks.semantic``: re-ranking by meaning, measured (needs '.[semantic]').

``weights`` reads every public question set and gives, for each weight of meaning, how often
the first retrieved paragraph holds the question's evidence, beside TF-IDF alone.
``latency`` answers generated questions over 10k paragraphs with re-ranking on and off.

Examples:
  python -m benchmarks.semantic weights
  python -m benchmarks.semantic latency --size 10k
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.__main__ import CORPORA, parse_size
from benchmarks.corpus import generate
from benchmarks.quality import SETS, QualitySet
from bot.answer.engine import Engine, build_engine
from bot.answer.evaluation import parse_questions
from bot.answer.records import Answer
from bot.answer.texts import choose_language
from bot.search.semantic import DEPTH, MODEL_LANGUAGE, Reranker, combine

GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)


@dataclass(frozen=True)
class SetTop1:
    """One set's questions with evidence, and how many put it first at each weight."""

    name: str
    questions: int
    right: tuple[int, ...]


def _top1(quality_set: QualitySet, weights: Sequence[float]) -> SetTop1:
    engine = build_engine(quality_set.knowledge)
    texts = [p.text for p in engine.kb.paragraphs]
    reranker = Reranker(texts.__getitem__)
    questions = parse_questions(quality_set.questions.read_text(encoding="utf-8"))
    right = [0] * len(weights)
    counted = 0
    for question in questions:
        evidence = question.evidence
        if not question.in_scope or evidence is None:
            continue
        counted += 1
        read = engine.read(question.question)
        if isinstance(read, Answer):
            continue
        hits = engine.retrieve(read, DEPTH)
        if not hits:
            continue
        english = choose_language(read.text) == MODEL_LANGUAGE
        cosines = reranker.similarities(read.text, [h.paragraph for h in hits])
        for n, weight in enumerate(weights):
            ranked = combine(hits, cosines, weight) if english else hits
            right[n] += evidence in texts[ranked[0].paragraph]
    return SetTop1(quality_set.name, counted, tuple(right))


def weights_table(weights: Sequence[float] = GRID) -> str:
    """Render retrieval top-1 a set and over all sets, one column a weight of meaning."""
    results = [_top1(s, weights) for s in SETS]
    header = f"{'set':<12}{'n':>5}  " + "".join(f"w={w:<5.1f}" for w in weights)
    lines = [header]
    for r in results:
        cells = "".join(f"{k / r.questions:<7.3f}" for k in r.right)
        lines.append(f"{r.name:<12}{r.questions:>5}  {cells}")
    total = sum(r.questions for r in results)
    sums = [sum(r.right[n] for r in results) for n in range(len(weights))]
    columns = range(len(weights))
    means = [statistics.mean(r.right[n] / r.questions for r in results) for n in columns]
    lines.append(f"{'all':<12}{total:>5}  " + "".join(f"{k / total:<7.3f}" for k in sums))
    lines.append(f"{'set mean':<12}{'':>5}  " + "".join(f"{m:<7.3f}" for m in means))
    return "\n".join(lines)


def _answer_times(engine: Engine, questions: Sequence[str]) -> list[float]:
    times = []
    for question in questions:
        start = time.perf_counter()
        engine.answer(question)
        times.append((time.perf_counter() - start) * 1000)
    return times


def latency(size: int, count: int) -> str:
    """Answer ``count`` generated questions over ``size`` paragraphs, re-ranking on and off."""
    corpus = generate(CORPORA / str(size), size, count)
    questions = [t.question for t in corpus.targets]
    lines = [f"{size:,} paragraphs, {len(questions)} questions, ms a question"]
    with tempfile.TemporaryDirectory(prefix="accords-semantic-") as cache:
        for mode in ("off", "on"):
            engine = build_engine(corpus.folder, cache_dir=Path(cache), semantic=mode)
            # The first question loads the model; the rest are what a running bot sees.
            engine.answer(questions[0])
            times = sorted(_answer_times(engine, questions))
            p95 = times[min(len(times) - 1, round(0.95 * len(times)))]
            lines.append(
                f"semantic {mode:<4} mean {statistics.mean(times):6.1f}  "
                f"p50 {statistics.median(times):6.1f}  p95 {p95:6.1f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the measurement asked for and print its table."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.semantic",
        description=__doc__,
        formatter_class=argparse.RawTextHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("weights", help="retrieval top-1 on every public set, a column a weight")
    timed = sub.add_parser("latency", help="ms a question with re-ranking on and off")
    timed.add_argument("--size", type=parse_size, default=10_000, help="paragraphs (10k)")
    timed.add_argument("--questions", type=int, default=200, help="questions (200)")
    args = parser.parse_args(argv)
    if args.command == "weights":
        print(weights_table())
    else:
        print(latency(args.size, args.questions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
