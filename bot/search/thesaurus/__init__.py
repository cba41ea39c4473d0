"""Synonyms of English words, from the WordNet-derived table beside this module (README.md)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

TABLE: Final = Path(__file__).with_name("en.tsv")


@cache
def load() -> dict[str, str]:
    """Each word's synonyms as written in the table (comma-separated), read once."""
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))


def synonyms(word: str) -> tuple[str, ...]:
    """Return the synonyms of a lower-case English word (words or two-word phrases), or ()."""
    found = load().get(word)
    return tuple(found.split(",")) if found else ()
