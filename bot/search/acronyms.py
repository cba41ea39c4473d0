"""Acronyms a text spells out: "SCO" for "Shanghai Cooperation Organization"."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

# A word, a hyphenated word's parts being words of their own ("North-South": N, S).
_WORD: Final = re.compile(r"[^\W\d_][\w'’]*")
# What may stand between the words of a name: spaces, a hyphen, brackets an editor put in.
_JOIN: Final = re.compile(r"^[\s\-\[\]]*$")
# Words of grammar a name's initials leave out ("Organization of the Petroleum Exporting ...").
_SKIPPED: Final = frozenset({"of", "and", "for", "the", "on", "in", "de", "&"})
# Acronyms are short; longer capitals are words set in capitals.
MIN_LETTERS: Final = 2
MAX_LETTERS: Final = 6


def spelled_out(acronym: str, texts: Iterable[str]) -> tuple[str, ...] | None:
    """The words of the first capitalised name in ``texts`` whose initials spell ``acronym``
    (capitalised words only; "of", "the" and the like between them count for nothing), or None.
    """
    wanted = acronym.upper()
    if not MIN_LETTERS <= len(wanted) <= MAX_LETTERS or not wanted.isalpha():
        return None
    for text in texts:
        words = list(_WORD.finditer(text))
        for start, first in enumerate(words):
            if first.group()[0] != wanted[0] or first.group().isupper():
                continue
            found = _run_from(words, start, text, wanted)
            if found is not None:
                return found
    return None


def _run_from(
    words: list[re.Match[str]], start: int, text: str, wanted: str
) -> tuple[str, ...] | None:
    """The name from ``words[start]`` whose capitals spell ``wanted``, or None."""
    initials = ""
    taken: list[str] = []
    for at in range(start, len(words)):
        word = words[at].group()
        if at > start and not _JOIN.match(text[words[at - 1].end() : words[at].start()]):
            return None
        if word[0].isupper():
            initials += word[0]
            taken.append(word)
            if initials == wanted:
                return tuple(taken)
            if not wanted.startswith(initials):
                return None
        elif word.lower() not in _SKIPPED:
            return None
    return None
