"""Spelling correction of question words against the words the sources use."""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable

from bot.knowledge.languages import PERSIAN, RUSSIAN
from bot.search.languages import script_of

_LETTERS = string.ascii_lowercase
# The alphabets of the other languages' words, as ``bot.search.textnorm.normalize`` leaves them.
_ALPHABETS = {
    RUSSIAN: "абвгдежзийклмнопрстуфхцчшщъыьэюя",
    PERSIAN: "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی",
}
MIN_LENGTH = 5


def edits1(word: str, letters: str = _LETTERS) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in letters if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + transposes + replaces + inserts)


class Speller:
    """Corrects a word the sources never use to the most common source word one edit away."""

    def __init__(self, known_words: Iterable[str], popularity: Callable[[str], int]) -> None:
        self._known = frozenset(w for w in known_words if w.isalpha())
        self._popularity = popularity

    @property
    def words(self) -> frozenset[str]:
        """The source words corrections may land on."""
        return self._known

    def correct(self, word: str) -> str | None:
        """Return the likeliest known word within one edit of ``word``, or None.

        Short words are left alone: at four letters or fewer, one edit reaches too many real words.
        """
        if len(word) < MIN_LENGTH or not word.isalpha() or word in self._known:
            return None
        letters = _LETTERS if word.isascii() else _ALPHABETS.get(script_of(word) or "")
        if letters is None:
            return None
        candidates = edits1(word, letters) & self._known
        if not candidates:
            return None
        return max(sorted(candidates), key=self._popularity)
