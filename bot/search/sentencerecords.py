"""Each paragraph's sentences with their index terms and cues, worked out once and kept on disk.

Answering reads a retrieved paragraph sentence by sentence. Splitting it and stemming its words
costs far more than the retrieval itself, so the index cache keeps the result for every
paragraph (``SentenceStore``) and answering only reads it back; without a cache the same
``analyse`` runs at answer time.

A paragraph's record is UTF-8 text, a line a sentence: its start and end in the paragraph (in
characters), its cue flags, then its index terms, all separated by single spaces.
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from bot.search.features import needs_context, split_sentences, starts_with_personal_pronoun
from bot.search.speakers import may_attribute, may_name_role
from bot.search.textnorm import terms_of_words, words

# Cue flags: the sentence starts with "He" or "She", may report someone's words, may use a
# title, leans on the sentence before it ("this figure").
PRONOUN: Final = 1
SPEECH: Final = 2
TITLE: Final = 4
LEANS: Final = 8

# Ends each record in the sentence file: no record holds this byte.
RECORD_END: Final = b"\x1e"

# A sentence: its text, its index terms in order, and its cue flags.
Facts = tuple[str, tuple[str, ...], int]


class RecordError(ValueError):
    """A stored record does not fit its paragraph."""


def analyse(text: str) -> list[Facts]:
    """Split a paragraph into sentences and work out each one's terms and cue flags."""
    out: list[Facts] = []
    for sentence in split_sentences(text):
        found = words(sentence)
        flags = (
            (PRONOUN if starts_with_personal_pronoun(sentence) else 0)
            | (SPEECH if may_attribute(found) else 0)
            | (TITLE if may_name_role(found) else 0)
            | (LEANS if needs_context(sentence) else 0)
        )
        out.append((sentence, tuple(terms_of_words(found)), flags))
    return out


def encode(text: str, facts: list[Facts]) -> bytes:
    """Return the record of a paragraph's ``facts`` (as ``analyse`` gave them for ``text``)."""
    lines: list[str] = []
    cursor = 0
    for sentence, sequence, flags in facts:
        start = text.index(sentence, cursor)
        cursor = start + len(sentence)
        lines.append(" ".join((str(start), str(cursor), str(flags), *sequence)))
    return "\n".join(lines).encode("utf-8")


def decode(text: str, record: bytes) -> list[Facts]:
    """Return the facts a record holds for paragraph ``text``; RecordError if they do not fit."""
    if not record:
        return []
    out: list[Facts] = []
    try:
        size = len(text)
        for line in record.decode("utf-8").split("\n"):
            fields = line.split(" ")
            a, b = int(fields[0]), int(fields[1])
            if not 0 <= a < b <= size:
                raise RecordError("sentence outside its paragraph")
            out.append((text[a:b], tuple(fields[3:]), int(fields[2])))
    except (UnicodeDecodeError, ValueError, IndexError) as exc:
        raise RecordError(str(exc)) from exc
    return out


class SentenceStore:
    """The records of every paragraph of a knowledge base, read from their file one at a time.

    ``offsets`` has one entry a paragraph and one more: record ``i`` is the bytes from
    ``offsets[i]`` up to the ``RECORD_END`` before ``offsets[i + 1]``. Each read is one
    positioned read, safe from several threads at once; the file is never held in memory (a
    memory map would fault in its neighbouring pages with every record read).
    """

    def __init__(self, path: Path, offsets: npt.NDArray[np.int64]) -> None:
        self._offsets = offsets
        self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        self._closer = weakref.finalize(self, os.close, self._fd)
        size = os.fstat(self._fd).st_size
        if size != (int(offsets[-1]) if len(offsets) else 0):
            self.close()
            raise RecordError(f"{path.name} does not fit its offsets")

    @property
    def paragraphs(self) -> int:
        """How many paragraphs the store has records for."""
        return max(len(self._offsets) - 1, 0)

    def facts(self, paragraph: int, text: str) -> list[Facts]:
        """Return the facts of paragraph ``paragraph`` (counted from 0), whose text is ``text``."""
        start, end = self._offsets[paragraph : paragraph + 2].tolist()
        try:
            data = os.pread(self._fd, end - start, start)
        except OSError as exc:
            raise RecordError(str(exc)) from exc
        if len(data) != end - start or not data.endswith(RECORD_END):
            raise RecordError("record cut short")
        return decode(text, data[: -len(RECORD_END)])

    def close(self) -> None:
        """Close the file."""
        self._closer()
