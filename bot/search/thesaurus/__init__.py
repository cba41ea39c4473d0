"""Synonyms of English words, from the WordNet-derived table beside this module (README.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

TABLE: Final = Path(__file__).with_name("en.tsv")


@cache
def _table() -> dict[str, tuple[str, ...]]:
    found: dict[str, dict[str, None]] = {}
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            word, synonyms = line.split("\t", 1)
            for other in synonyms.split(","):
                found.setdefault(word, {})[other] = None
                if " " not in other:
                    found.setdefault(other, {})[word] = None
    return {word: tuple(others) for word, others in found.items()}


def synonyms(word: str) -> tuple[str, ...]:
    """Return the synonyms of a lower-case English word (words or two-word phrases), or ()."""
    return _table().get(word, ())
