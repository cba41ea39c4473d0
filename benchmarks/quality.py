"""``python -m benchmarks.quality``: every public question set scored by ``accords-bot eval``.

Examples:
  python -m benchmarks.quality                 # all sets, then the reliability of the confidence
  python -m benchmarks.quality --sets own,multi-dev
  python -m benchmarks.quality --sets "multi-dev talk,visit talk"   # conversation sets only
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.answer.evaluation import Rate

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@dataclass(frozen=True)
class QualitySet:
    """A question set, the knowledge folder it asks about, and the bars ``make test`` holds."""

    name: str
    questions: Path
    knowledge: Path
    # Minimum answer, citation and abstention rates, a little under the figures of the day.
    bars: tuple[float, float, float]
    # Whether `make train` fits the confidence model on this set; the others measure it unseen.
    train: bool = False


# Add a set here and both `make quality` and `make test` take it up.
SETS: tuple[QualitySet, ...] = (
    QualitySet(
        "own",
        REPO / "tests/data/questions.jsonl",
        REPO / "knowledge",
        (0.93, 0.93, 0.95),
        train=True,
    ),
    QualitySet(
        "other",
        REPO / "tests/data/other-questions.jsonl",
        REPO / "tests/data/other-knowledge",
        (0.95, 0.95, 0.95),
        train=True,
    ),
    QualitySet(
        "shared-dev", SHARED / "eval/dev-questions.jsonl", REPO / "knowledge", (0.95, 0.95, 0.95)
    ),
    QualitySet(
        "multi-dev",
        SHARED / "eval/multi-dev/questions.jsonl",
        SHARED / "eval/multi-dev/knowledge",
        (0.85, 0.83, 0.95),
        train=True,
    ),
    QualitySet(
        "visit",
        REPO / "tests/data/visit-questions.jsonl",
        REPO / "tests/data/visit-knowledge",
        (0.80, 0.79, 0.50),
    ),
    QualitySet(
        "roadmap",
        REPO / "tests/data/roadmap-questions.jsonl",
        REPO / "knowledge",
        (0.70, 0.67, 0.75),
    ),
    QualitySet(
        "science",
        REPO / "tests/data/science-questions.jsonl",
        REPO / "tests/data/science-knowledge",
        (0.85, 0.88, 0.95),
    ),
    QualitySet(
        "river",
        REPO / "tests/data/river-questions.jsonl",
        REPO / "tests/data/river-knowledge",
        (0.68, 0.68, 0.75),
    ),
    QualitySet(
        "clinic",
        REPO / "tests/data/clinic-questions.jsonl",
        REPO / "tests/data/clinic-knowledge",
        (0.80, 0.80, 0.85),
    ),
    QualitySet(
        "merger",
        REPO / "tests/data/merger-questions.jsonl",
        REPO / "tests/data/merger-knowledge",
        (0.58, 0.62, 0.55),
    ),
    QualitySet(
        "museum",
        REPO / "tests/data/museum-questions.jsonl",
        REPO / "tests/data/museum-knowledge",
        (0.73, 0.77, 0.75),
    ),
    QualitySet(
        "harbour",
        REPO / "tests/data/harbour-questions.jsonl",
        REPO / "tests/data/harbour-knowledge",
        (0.50, 0.50, 0.85),
    ),
    QualitySet(
        "summit",
        REPO / "tests/data/summit-questions.jsonl",
        REPO / "tests/data/summit-knowledge",
        (0.75, 0.75, 0.65),
    ),
    QualitySet(
        "gondola",
        REPO / "tests/data/gondola-questions.jsonl",
        REPO / "tests/data/gondola-knowledge",
        (0.45, 0.45, 0.65),
    ),
    QualitySet(
        "lantern",
        REPO / "tests/data/lantern-questions.jsonl",
        REPO / "tests/data/lantern-knowledge",
        (0.65, 0.60, 0.55),
    ),
    QualitySet(
        "orchard",
        REPO / "tests/data/orchard-questions.jsonl",
        REPO / "tests/data/orchard-knowledge",
        (0.58, 0.62, 0.85),
    ),
    QualitySet(
        "bridge",
        REPO / "tests/data/bridge-questions.jsonl",
        REPO / "tests/data/bridge-knowledge",
        (0.80, 0.80, 0.55),
    ),
    QualitySet(
        "airline",
        REPO / "tests/data/airline-questions.jsonl",
        REPO / "tests/data/airline-knowledge",
        (0.80, 0.66, 0.85),
    ),
    QualitySet(
        "hospital",
        REPO / "tests/data/hospital-questions.jsonl",
        REPO / "tests/data/hospital-knowledge",
        (0.80, 0.83, 0.75),
    ),
    QualitySet(
        "state-visit",
        REPO / "tests/data/state-visit-questions.jsonl",
        REPO / "tests/data/state-visit-knowledge",
        (0.90, 0.88, 0.80),
    ),
    QualitySet(
        "quarry",
        REPO / "tests/data/quarry-questions.jsonl",
        REPO / "tests/data/quarry-knowledge",
        (0.53, 0.55, 0.70),
    ),
    QualitySet(
        "observatory",
        REPO / "tests/data/observatory-questions.jsonl",
        REPO / "tests/data/observatory-knowledge",
        (0.60, 0.67, 0.85),
    ),
    QualitySet(
        "satellite",
        REPO / "tests/data/satellite-questions.jsonl",
        REPO / "tests/data/satellite-knowledge",
        (0.75, 0.72, 0.65),
    ),
    QualitySet(
        "reservoir",
        REPO / "tests/data/reservoir-questions.jsonl",
        REPO / "tests/data/reservoir-knowledge",
        (0.53, 0.53, 0.62),
    ),
    QualitySet(
        "windfarm",
        REPO / "tests/data/windfarm-questions.jsonl",
        REPO / "tests/data/windfarm-knowledge",
        (0.70, 0.70, 0.75),
    ),
    QualitySet(
        "accords",
        REPO / "tests/data/accords-questions.jsonl",
        REPO / "knowledge",
        (0.76, 0.76, 0.90),
    ),
    QualitySet(
        "forum",
        REPO / "tests/data/forum-questions.jsonl",
        REPO / "tests/data/forum-knowledge",
        (0.66, 0.61, 0.78),
    ),
    QualitySet(
        "typos",
        REPO / "tests/data/typo-questions.jsonl",
        REPO / "tests/data/science-knowledge",
        (0.95, 0.95, 0.8),
    ),
    QualitySet(
        "ru",
        REPO / "tests/data/ru-questions.jsonl",
        REPO / "tests/data/ru-knowledge",
        (0.88, 0.92, 0.95),
    ),
    QualitySet(
        "ru-latin",
        REPO / "tests/data/ru-latin-questions.jsonl",
        REPO / "tests/data/ru-knowledge",
        (0.85, 0.85, 0.95),
    ),
    QualitySet(
        "ru-en",
        REPO / "tests/data/ru-en-questions.jsonl",
        REPO / "tests/data/en-knowledge",
        (0.9, 0.9, 0.95),
    ),
    QualitySet(
        "fa-en",
        REPO / "tests/data/fa-en-questions.jsonl",
        REPO / "tests/data/en-knowledge",
        (0.85, 0.85, 0.9),
    ),
    QualitySet(
        "fa",
        REPO / "tests/data/fa-questions.jsonl",
        REPO / "tests/data/fa-knowledge",
        (0.9, 0.9, 0.95),
    ),
    QualitySet(
        "ru-more",
        REPO / "tests/data/ru-more-questions.jsonl",
        REPO / "tests/data/ru-knowledge",
        (0.92, 0.92, 0.95),
    ),
    QualitySet(
        "fa-more",
        REPO / "tests/data/fa-more-questions.jsonl",
        REPO / "tests/data/fa-knowledge",
        (0.9, 0.9, 0.95),
    ),
    QualitySet(
        "ferry",
        REPO / "tests/data/ferry-questions.jsonl",
        REPO / "tests/data/ferry-knowledge",
        (0.85, 0.85, 0.80),
    ),
)


@dataclass(frozen=True)
class ConversationSet:
    """A conversation set, its knowledge folder, and the bars ``make test`` holds."""

    name: str
    conversations: Path
    knowledge: Path
    # Minimum turn, small-talk and citation rates, a little under the figures of the day.
    bars: tuple[float, float, float]


# Conversations are asked a conversation at a time, each turn in the context of those before.
CONVERSATION_SETS: tuple[ConversationSet, ...] = (
    ConversationSet(
        "multi-dev talk",
        SHARED / "eval/multi-dev/conversations.jsonl",
        SHARED / "eval/multi-dev/knowledge",
        (0.75, 1.0, 0.70),
    ),
    ConversationSet(
        "visit talk",
        REPO / "tests/data/visit-conversations.jsonl",
        REPO / "tests/data/visit-knowledge",
        (0.83, 1.0, 0.78),
    ),
    ConversationSet(
        "multi-dev more",
        REPO / "tests/data/multi-dev-more-conversations.jsonl",
        SHARED / "eval/multi-dev/knowledge",
        (0.82, 1.0, 0.0),
    ),
    ConversationSet(
        "visit more",
        REPO / "tests/data/visit-more-conversations.jsonl",
        REPO / "tests/data/visit-knowledge",
        (0.8, 1.0, 0.0),
    ),
    ConversationSet(
        "harbour talk",
        REPO / "tests/data/harbour-conversations.jsonl",
        REPO / "tests/data/harbour-knowledge",
        (0.50, 1.0, 0.55),
    ),
    ConversationSet(
        "summit talk",
        REPO / "tests/data/summit-conversations.jsonl",
        REPO / "tests/data/summit-knowledge",
        (0.75, 1.0, 0.72),
    ),
    ConversationSet(
        "lantern talk",
        REPO / "tests/data/lantern-conversations.jsonl",
        REPO / "tests/data/lantern-knowledge",
        (0.83, 1.0, 0.71),
    ),
    ConversationSet(
        "quarry talk",
        REPO / "tests/data/quarry-conversations.jsonl",
        REPO / "tests/data/quarry-knowledge",
        (0.68, 1.0, 0.62),
    ),
    ConversationSet(
        "observatory talk",
        REPO / "tests/data/observatory-conversations.jsonl",
        REPO / "tests/data/observatory-knowledge",
        (0.45, 1.0, 0.30),
    ),
    ConversationSet(
        "satellite talk",
        REPO / "tests/data/satellite-conversations.jsonl",
        REPO / "tests/data/satellite-knowledge",
        (0.68, 1.0, 0.66),
    ),
    ConversationSet(
        "reservoir talk",
        REPO / "tests/data/reservoir-conversations.jsonl",
        REPO / "tests/data/reservoir-knowledge",
        (0.62, 1.0, 0.53),
    ),
    ConversationSet(
        "windfarm talk",
        REPO / "tests/data/windfarm-conversations.jsonl",
        REPO / "tests/data/windfarm-knowledge",
        (0.56, 1.0, 0.52),
    ),
    ConversationSet(
        "accords talk",
        REPO / "tests/data/accords-conversations.jsonl",
        REPO / "knowledge",
        (0.68, 1.0, 0.65),
    ),
    ConversationSet(
        "forum talk",
        REPO / "tests/data/forum-conversations.jsonl",
        REPO / "tests/data/forum-knowledge",
        (0.48, 1.0, 0.30),
    ),
    ConversationSet(
        "roadmap talk",
        REPO / "tests/data/roadmap-conversations.jsonl",
        REPO / "knowledge",
        (0.88, 1.0, 0.86),
    ),
)


@dataclass(frozen=True)
class Outcome:
    """One answered question: the confidence given and whether answering was right."""

    confidence: float
    right: bool


@dataclass(frozen=True)
class SetResult:
    """One set's three rates, its misses as ``id kind: detail`` lines, and its answered outcomes."""

    name: str
    questions: int
    answer: Rate
    citation: Rate
    abstention: Rate
    misses: tuple[str, ...]
    outcomes: tuple[Outcome, ...]

    def below(self, bars: tuple[float, float, float]) -> list[str]:
        """Return one line for each rate under its bar."""
        rates = (
            ("answer", self.answer),
            ("citation", self.citation),
            ("abstention", self.abstention),
        )
        return [
            f"{self.name} {name} {rate.value:.3f} < {bar}"
            for (name, rate), bar in zip(rates, bars, strict=True)
            if rate.value is not None and rate.value < bar
        ]


@dataclass(frozen=True)
class ConversationResult:
    """One conversation set's rates and its misses as ``id kind: detail`` lines."""

    name: str
    conversations: int
    turns: Rate
    follow_ups: Rate
    smalltalk: Rate
    citation: Rate
    misses: tuple[str, ...]

    def below(self, bars: tuple[float, float, float]) -> list[str]:
        """Return one line for each rate (turns, small talk, citation) under its bar."""
        rates = (("turn", self.turns), ("small talk", self.smalltalk), ("citation", self.citation))
        return [
            f"{self.name} {name} {rate.value:.3f} < {bar}"
            for (name, rate), bar in zip(rates, bars, strict=True)
            if rate.value is not None and rate.value < bar
        ]


def _eval_json(name: str, path: Path, knowledge: Path) -> dict[str, Any]:
    """Run ``accords-bot eval --json`` on ``path`` over ``knowledge`` and return the report."""
    env = {**os.environ, "BOT_KNOWLEDGE_DIR": str(knowledge)}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "eval", str(path), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=REPO,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{name}: eval failed: {done.stderr.strip()}")
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def evaluate_conversations(conversation_set: ConversationSet) -> ConversationResult:
    """Score one conversation set through ``accords-bot eval`` and read its report."""
    report = _eval_json(
        conversation_set.name, conversation_set.conversations, conversation_set.knowledge
    )

    def rate(key: str) -> Rate:
        return Rate(report[key]["right"], report[key]["total"])

    return ConversationResult(
        name=conversation_set.name,
        conversations=report["conversations"],
        turns=rate("turns"),
        follow_ups=rate("follow_ups"),
        smalltalk=rate("smalltalk"),
        citation=rate("citation"),
        misses=tuple(f"{m['id']} {m['kind']}: {m['detail']}" for m in report["misses"]),
    )


def render_conversations(results: Sequence[ConversationResult]) -> str:
    """Render one row a conversation set: turns right, follow-ups, small talk and citations."""

    def cell(rate: Rate) -> str:
        value = "n/a" if rate.value is None else f"{rate.value:.3f}"
        return f"{value} ({rate.right}/{rate.total})"

    # The first column fits the longest name with a space after it ("observatory talk").
    first = max([16, *(len(r.name) + 1 for r in results)])
    header = (
        f"{'conversations':<{first}}{'turns':<16}{'follow-ups':<16}{'small talk':<16}"
        f"{'citation':<16}"
    )
    rows = [
        f"{r.name:<{first}}{cell(r.turns):<16}{cell(r.follow_ups):<16}{cell(r.smalltalk):<16}"
        f"{cell(r.citation):<16}"
        for r in results
    ]
    return "\n".join([header, "-" * len(header), *rows])


def evaluate(quality_set: QualitySet) -> SetResult:
    """Run ``accords-bot eval --json`` on one set over its knowledge folder and read the report."""
    report = _eval_json(quality_set.name, quality_set.questions, quality_set.knowledge)

    def rate(key: str) -> Rate:
        return Rate(report[key]["right"], report[key]["total"])

    return SetResult(
        name=quality_set.name,
        questions=report["questions"],
        answer=rate("answer"),
        citation=rate("citation"),
        abstention=rate("abstention"),
        misses=tuple(f"{m['id']} {m['kind']}: {m['detail']}" for m in report["misses"]),
        outcomes=tuple(Outcome(o["confidence"], o["right"]) for o in report.get("outcomes", [])),
    )


def render_rates(results: Sequence[SetResult]) -> str:
    """Render one row a set: questions and the answer, citation and abstention rates."""

    def cell(rate: Rate) -> str:
        value = "n/a" if rate.value is None else f"{rate.value:.3f}"
        return f"{value} ({rate.right}/{rate.total})"

    header = f"{'set':<14}{'questions':>10}  {'answer':<16}{'citation':<16}{'abstention':<16}"
    rows = [
        f"{r.name:<14}{r.questions:>10}  {cell(r.answer):<16}{cell(r.citation):<16}"
        f"{cell(r.abstention):<16}"
        for r in results
    ]
    return "\n".join([header, "-" * len(header), *rows])


def render_reliability(outcomes: Iterable[Outcome], bins: int = 10) -> str:
    """Render answered questions by confidence band: count, mean confidence, share right.

    A calibrated confidence has its mean confidence close to its share right in every band.
    """
    bands: list[list[Outcome]] = [[] for _ in range(bins)]
    for outcome in outcomes:
        bands[min(int(outcome.confidence * bins), bins - 1)].append(outcome)
    header = f"{'confidence':<12}{'answers':>8}{'mean conf':>11}{'right':>8}"
    rows = []
    for index, band in enumerate(bands):
        low, high = index / bins, (index + 1) / bins
        if band:
            mean = sum(o.confidence for o in band) / len(band)
            right = sum(o.right for o in band) / len(band)
            rows.append(f"{low:.1f}-{high:.1f}    {len(band):>8}{mean:>11.3f}{right:>8.3f}")
        else:
            rows.append(f"{low:.1f}-{high:.1f}    {0:>8}{'':>11}{'':>8}")
    return "\n".join([header, "-" * len(header), *rows])


def main(argv: list[str] | None = None) -> int:
    """Score the chosen sets and print the table; exit 1 when a set cannot be run."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.quality",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sets", help="comma-separated set names (default: all)")
    parser.add_argument("--misses", action="store_true", help="also list every miss")
    args = parser.parse_args(argv)
    chosen = SETS
    talks = CONVERSATION_SETS
    if args.sets:
        names = set(args.sets.split(","))
        unknown = names - {s.name for s in SETS} - {s.name for s in CONVERSATION_SETS}
        if unknown:
            parser.error(f"unknown sets: {', '.join(sorted(unknown))}")
        chosen = tuple(s for s in SETS if s.name in names)
        talks = tuple(s for s in CONVERSATION_SETS if s.name in names)
    results = []
    for quality_set in chosen:
        if not quality_set.questions.is_file():
            print(
                f"{quality_set.name}: skipped, {quality_set.questions} is missing", file=sys.stderr
            )
            continue
        try:
            results.append(evaluate(quality_set))
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
    talked = []
    for talk in talks:
        if not talk.conversations.is_file():
            print(f"{talk.name}: skipped, {talk.conversations} is missing", file=sys.stderr)
            continue
        try:
            talked.append(evaluate_conversations(talk))
        except RuntimeError as exc:
            print(exc, file=sys.stderr)
            return 1
    print(render_rates(results))
    print()
    print(render_reliability(o for r in results for o in r.outcomes))
    if talked:
        print()
        print(render_conversations(talked))
    if args.misses:
        for result in [*results, *talked]:
            print(f"\n{result.name} misses ({len(result.misses)}):")
            print("\n".join(f"  {m}" for m in result.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
