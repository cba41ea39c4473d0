"""Synonyms of English words, from the WordNet-derived table beside this module (README.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from bot.search.wordtables import WordTable

TABLE: Final = WordTable(Path(__file__).with_name("en.tsv"))


def synonyms(word: str) -> tuple[str, ...]:
    """Return the synonyms of a lower-case English word (words or two-word phrases), or ()."""
    return TABLE.get(word)
