"""Languages of documents and questions: their codes, and which one a text is in by its script."""

from __future__ import annotations

import re
from typing import Final

ENGLISH: Final = "en"
RUSSIAN: Final = "ru"
PERSIAN: Final = "fa"
ARABIC: Final = "ar"
# The languages whose questions the engine reads, whose documents it analyses, and in which it
# speaks; a document in another language is still indexed, word by word.
SUPPORTED: Final = (ENGLISH, RUSSIAN, PERSIAN)
NAMES: Final = {ENGLISH: "English", RUSSIAN: "Russian", PERSIAN: "Persian", ARABIC: "Arabic"}
LANGUAGE_CODE: Final = re.compile(r"[a-z]{2}")

# Letters that Persian writes and Arabic does not: they tell the two apart.
_PERSIAN_ONLY: Final = frozenset("پچژگیک")
# The letters of each script, counted by the regular-expression engine rather than a loop.
_LATIN: Final = re.compile(r"[A-Za-z]")
_CYRILLIC: Final = re.compile("[\u0400-\u04ff]")
_ARABIC: Final = re.compile("[\u0600-\u06ff]")
_PERSIAN: Final = re.compile(f"[{''.join(sorted(_PERSIAN_ONLY))}]")


def detect_language(text: str, default: str = ENGLISH) -> str:
    """Return the language of ``text`` by the script most of its letters are in.

    Latin letters read as English, Cyrillic as Russian, Arabic script as Persian when it has a
    letter only Persian uses, else as Arabic. Text without letters gets ``default``.
    """
    text = text[:20_000]
    latin = len(_LATIN.findall(text))
    other = not text.isascii()
    cyrillic = len(_CYRILLIC.findall(text)) if other else 0
    arabic = len(_ARABIC.findall(text)) if other else 0
    persian = arabic > 0 and _PERSIAN.search(text) is not None
    best = max(latin, cyrillic, arabic)
    if best == 0:
        return default
    if best == cyrillic:
        return RUSSIAN
    if best == arabic:
        return PERSIAN if persian else ARABIC
    return ENGLISH
