"""Normalising logged questions and grouping the ones that say the same thing."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from bot.querylog.schema import UnansweredGroup

SIMILAR_JACCARD: Final = 0.8


def simplify(question: str) -> str:
    """Return the key of "the same question": casefolded; punctuation, symbols, controls and
    runs of whitespace as single spaces."""
    kept = (
        " " if unicodedata.category(char)[0] in "PSCZ" else char for char in question.casefold()
    )
    return " ".join("".join(kept).split())


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    """Return |left ∩ right| / |left ∪ right| (1.0 for two empty sets)."""
    if not left and not right:
        return 1.0
    return len(left & right) / len(left | right)


@dataclass
class _Group:
    question: str
    tokens: frozenset[str]
    count: int
    last_time: datetime


def group_similar(
    rows: Iterable[tuple[str, int, datetime]], threshold: float = SIMILAR_JACCARD
) -> list[UnansweredGroup]:
    """Group ``(question, count, last_time)`` rows, newest first, whose token sets are near-equal.

    Rows are taken newest first; each joins the first group whose first (newest) question has
    token-set Jaccard similarity >= ``threshold`` with its own (after ``simplify``), or starts a
    new group. Groups come back newest first, with summed counts.
    """
    groups: list[_Group] = []
    by_token: dict[str, list[int]] = {}
    for question, count, last_time in sorted(rows, key=lambda row: row[2], reverse=True):
        tokens = frozenset(simplify(question).split())
        candidates = sorted({i for token in tokens for i in by_token.get(token, ())})
        if not tokens:
            candidates = [i for i, group in enumerate(groups) if not group.tokens]
        match = next(
            (i for i in candidates if jaccard(groups[i].tokens, tokens) >= threshold), None
        )
        if match is None:
            for token in tokens:
                by_token.setdefault(token, []).append(len(groups))
            groups.append(_Group(" ".join(question.split()), tokens, count, last_time))
        else:
            groups[match].count += count
            groups[match].last_time = max(groups[match].last_time, last_time)
    return [UnansweredGroup(g.question, g.count, g.last_time) for g in groups]
