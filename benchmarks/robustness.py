"""``python -m benchmarks.robustness``: the public English sets asked the way chat users type.

Each question is asked as written and then typed otherwise: all in lower case, all in capitals,
behind a filler ("pls tell me ...", "quick question: ..."), and with one slip (a letter left out,
doubled, or two swapped) in one word of four letters or more. For each way of typing the table
gives how many of the questions answered right as written stay right, and how many of the
out-of-scope questions declined as written stay declined. Each question's slip is drawn with a
seed of its own (the fixed seed and the question's id): the same sets give the same table, and a
question answered right or wrong for the first time leaves the other questions' slips as they were.

Examples:
  python -m benchmarks.robustness
  python -m benchmarks.robustness --sets own,visit
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.quality import SETS, QualitySet
from bot.answer.conversation import Examples, reply
from bot.answer.engine import Engine, build_engine
from bot.answer.evaluation import Question, missing_groups, parse_questions
from bot.knowledge.languages import ENGLISH, detect_language
from bot.search.languages import typed_in_latin
from bot.search.textnorm import STOP_WORDS

# The sets whose questions nobody may read while working on the answers.
BLIND = frozenset({"lantern", "orchard", "quarry", "observatory", "accords", "forum"})
SEED = 7
_WORD = re.compile(r"[a-z]{4,}")


def slipped(question: str, rng: random.Random) -> str:
    """``question`` in lower case with one slip in one of its longer words, drawn by ``rng``."""
    text = question.lower()
    found = [m for m in _WORD.finditer(text) if m.group() not in STOP_WORDS]
    if not found:
        return text
    match = rng.choice(found)
    word, at = match.group(), rng.randrange(1, len(match.group()) - 1)
    slip = rng.choice(("left out", "swapped", "doubled"))
    if slip == "left out":
        typed = word[:at] + word[at + 1 :]
    elif slip == "swapped":
        typed = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    else:
        typed = word[:at] + word[at] + word[at:]
    return text[: match.start()] + typed + text[match.end() :]


def ways(rng: random.Random) -> dict[str, Callable[[str], str]]:
    """The ways of typing a question, by name."""
    return {
        "lower case": str.lower,
        "capitals": str.upper,
        "pls tell me": lambda q: "pls tell me " + q,
        "quick question:": lambda q: "quick question: " + q,
        "one slip": lambda q: slipped(q, rng),
    }


# The least share of right answers and of declines each way of typing keeps, a little under
# the figures of the day; ``make test`` holds them.
BARS: dict[str, tuple[float, float]] = {
    "lower case": (0.99, 0.97),
    "capitals": (0.99, 0.97),
    "pls tell me": (0.99, 0.98),
    "quick question:": (0.99, 0.98),
    "one slip": (0.94, 0.96),
}


@dataclass
class Kept:
    """How many right answers and declines, as written, stay so typed another way."""

    right: int = 0
    right_total: int = 0
    declined: int = 0
    declined_total: int = 0


def _fine(engine: Engine, examples: Examples, question: Question, text: str) -> bool:
    answer = reply(engine, text, None, examples, goes_on=False).answer
    if question.in_scope:
        return answer.answered and not missing_groups(question, answer)
    return not answer.answered


def measure(quality_set: QualitySet) -> dict[str, Kept]:
    """Ask one set's English questions as written and typed each other way."""
    engine = build_engine(quality_set.knowledge)
    examples = Examples(())
    kept = {name: Kept() for name in ways(random.Random(SEED))}
    for question in parse_questions(quality_set.questions.read_text(encoding="utf-8")):
        # Russian typed in Latin letters ("kto podpisal") is no English question either.
        if detect_language(question.question) != ENGLISH or typed_in_latin(question.question):
            continue
        if not _fine(engine, examples, question, question.question):
            continue
        for name, typing in ways(random.Random(f"{SEED}/{question.id}")).items():
            stays = _fine(engine, examples, question, typing(question.question))
            if question.in_scope:
                kept[name].right_total += 1
                kept[name].right += stays
            else:
                kept[name].declined_total += 1
                kept[name].declined += stays
    return kept


def totals_of(names: set[str] | None = None) -> dict[str, Kept]:
    """Every chosen set measured (default: all but the blind ones), summed a way of typing."""
    totals: dict[str, Kept] = {}
    for quality_set in SETS:
        chosen = quality_set.name in names if names else quality_set.name not in BLIND
        if not chosen or not quality_set.questions.is_file():
            continue
        for name, kept in measure(quality_set).items():
            total = totals.setdefault(name, Kept())
            total.right += kept.right
            total.right_total += kept.right_total
            total.declined += kept.declined
            total.declined_total += kept.declined_total
    return totals


def render(totals: dict[str, Kept]) -> str:
    """One row a way of typing: right answers kept and declines kept, over every set."""
    header = f"{'typed':<18}{'right kept':>16}{'declines kept':>18}"
    rows = [
        f"{name:<18}{f'{k.right}/{k.right_total}':>16}{f'{k.declined}/{k.declined_total}':>18}"
        for name, k in totals.items()
    ]
    return "\n".join([header, "-" * len(header), *rows])


def main(argv: list[str] | None = None) -> int:
    """Measure the chosen sets (default: every English set but the blind ones) and print."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.robustness",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sets", help="comma-separated set names (default: all)")
    args = parser.parse_args(argv)
    names = set(args.sets.split(",")) if args.sets else None
    if names is not None and (unknown := names - {s.name for s in SETS}):
        parser.error(f"unknown sets: {', '.join(sorted(unknown))}")
    print(render(totals_of(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
