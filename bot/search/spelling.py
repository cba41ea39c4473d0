"""Spelling correction of question words against the words the sources use."""

from __future__ import annotations

import bisect
import functools
import string
from collections.abc import Callable, Iterable
from typing import Final

from bot.knowledge.languages import PERSIAN, RUSSIAN
from bot.search.languages import script_of

_LETTERS = string.ascii_lowercase
# The alphabets of the other languages' words, as ``bot.search.textnorm.normalize`` leaves them.
_ALPHABETS = {
    RUSSIAN: "абвгдежзийклмнопрстуфхцчшщъыьэюя",
    PERSIAN: "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی",
}
MIN_LENGTH = 5
# A clipped word ("desal") has at least this many letters, and the word it begins this many more.
CLIPPED_LENGTH = 4
CLIPPED_EXTRA = 3
CLIPPED_LEAD = 2


def edits1(word: str, letters: str = _LETTERS) -> set[str]:
    """Every string one deletion, transposition, replacement or insertion away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in letters if c != b[0]]
    inserts = [a + c + b for a, b in splits for c in letters]
    return set(deletes + transposes + replaces + inserts)


class Speller:
    """Corrects a word the sources never use to the most common source word one edit away, or
    reads one typed short as the source word it begins."""

    def __init__(self, known_words: Iterable[str], popularity: Callable[[str], int]) -> None:
        self._known = frozenset(w for w in known_words if w.isalpha())
        self._popularity = popularity

    @property
    def words(self) -> frozenset[str]:
        """The source words corrections may land on."""
        return self._known

    @functools.cached_property
    def _ordered(self) -> list[str]:
        """The source words in order, made on the first clipped word looked up."""
        return sorted(self._known)

    def unclipped(self, word: str) -> str | None:
        """Return the source word that ``word`` is the start of ("desal": "desalination"), or None.

        A word typed short stands for the commonest source word it begins, when that word is at
        least CLIPPED_EXTRA letters longer and CLIPPED_LEAD times as common as the next one it
        begins ("pres" is "president" only where the sources say "press" far less).
        """
        if len(word) < CLIPPED_LENGTH or not word.isalpha() or word in self._known:
            return None
        ordered = self._ordered
        found = []
        for at in range(bisect.bisect_left(ordered, word), len(ordered)):
            known = ordered[at]
            if not known.startswith(word):
                break
            found.append(known)
        if not found:
            return None
        ranked = sorted(found, key=lambda w: (-self._popularity(w), w))
        best = ranked[0]
        if len(best) < len(word) + CLIPPED_EXTRA or (
            len(ranked) > 1 and self._popularity(best) < CLIPPED_LEAD * self._popularity(ranked[1])
        ):
            return None
        return best

    def correct(
        self, word: str, min_length: int = MIN_LENGTH, avoid: frozenset[str] = frozenset()
    ) -> str | None:
        """Return the likeliest known word within one edit of ``word``, or None.

        Short words are left alone: at four letters or fewer, one edit reaches too many real
        words; a caller that knows ``word`` is no English word may ask from ``min_length``, and
        may ``avoid`` words it would not be a slip of ("mayr" is no "may").
        """
        if len(word) < min_length or not word.isalpha() or word in self._known:
            return None
        letters = _LETTERS if word.isascii() else _ALPHABETS.get(script_of(word) or "")
        if letters is None:
            return None
        candidates = (edits1(word, letters) & self._known) - avoid
        if not candidates:
            return None
        return max(sorted(candidates), key=self._popularity)


# The words that frame an English question, which chat users misspell most ("wich", "mny",
# "evry", "teh"): a word no source nor dictionary knows, one edit from one of them, is read as
# it. Question words come first: a slip one edit from two is read as the earlier.
FUNCTION_WORDS: Final = (
    "what which when where who whose why how many much will would could should does did "
    "have has was were are the their there they them this that these those with from about "
    "every each after before than then into been being other"
).split()


def respell_function_word(
    word: str, *, left_out_only: bool = False, question_word: bool = False
) -> str | None:
    """Return the function word ``word`` is one edit from, or None.

    A letter left out ("wich") is the likeliest slip, then two swapped ("teh"); among equals
    the earlier of ``FUNCTION_WORDS``. With ``left_out_only``, only a letter left out is mended
    ("wil", itself a rare word); with ``question_word``, only a question word is looked for ("wen"
    opening a question).
    """
    if len(word) < 2 or not word.isascii() or not word.isalpha():
        return None
    candidates = edits1(word) & (_QUESTION_SET if question_word else _FUNCTION_SET)
    # A letter replaced may as well make a content word a function word ("wnat" is "want", not
    # "what").
    candidates = {c for c in candidates if common_slip(c, word, swaps=not left_out_only)}
    if not candidates:
        return None
    return min(candidates, key=lambda c: (len(c) == len(word), FUNCTION_WORDS.index(c)))


_FUNCTION_SET: Final = frozenset(FUNCTION_WORDS)
_QUESTION_SET: Final = frozenset(FUNCTION_WORDS[: FUNCTION_WORDS.index("how") + 1])


# The words a question puts right after "how": how much, how many, how long, how often ...
HOW_WORDS: Final = frozenset(
    "much many long old tall high far big large deep wide heavy fast often soon".split()
)


def respell_after_how(word: str) -> str | None:
    """The word after "how" that ``word`` is a letter short of, or two letters swapped from
    ("how log", "how tll", "how logn": "long", "tall"), or None. After "how" a question puts a
    measure or a degree, whatever else the slip spells ("log")."""
    if word in HOW_WORDS or not word.isascii() or not word.isalpha():
        return None
    found = sorted(c for c in edits1(word) & HOW_WORDS if common_slip(c, word))
    return found[0] if len(found) == 1 else None


def common_slip(meant: str, typed: str, *, swaps: bool = True) -> bool:
    """True when ``typed`` is ``meant`` (one edit from it) with a letter left out, the commonest
    slip, or, with ``swaps``, two letters swapped."""
    return len(meant) > len(typed) or (swaps and sorted(meant) == sorted(typed))
