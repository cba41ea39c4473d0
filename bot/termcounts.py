"""Term counts of paragraphs, the raw material of the index: counted once, then restacked."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.textnorm import STOP_WORDS, stem, words

# A word that is no index term (a stop word, a lone letter).
_SKIP = -1
# Renumbering goes in slices of this many entries, to keep temporary arrays small.
_CHUNK = 1 << 20


@dataclass(frozen=True)
class TermCounts:
    """Paragraph-major term counts, and how many paragraphs use each surface word.

    ``matrix`` has one row a paragraph and one column a term of ``terms`` (sorted), float32
    counts, column indices sorted within each row.
    """

    terms: list[str]
    matrix: sparse.csr_matrix
    surface: dict[str, int] = field(default_factory=dict)

    @property
    def paragraphs(self) -> int:
        """The number of paragraphs (rows)."""
        return int(self.matrix.shape[0])


def index_term(word: str) -> str | None:
    """Return the index term of one word from ``words``, or None for a word the index skips."""
    if word in STOP_WORDS or (len(word) == 1 and not word.isdigit()):
        return None
    return stem(word)


class TermCounter:
    """Counts the index terms of paragraphs one at a time, in compact arrays."""

    def __init__(self) -> None:
        self._ids: dict[str, int] = {}
        self._word_ids: dict[str, int] = {}
        self._indptr = array("q", [0])
        self._indices = array("i")
        self._data = array("f")
        self._surface: Counter[str] = Counter()

    def add(self, terms: Iterable[str]) -> None:
        """Count one paragraph given as its index terms."""
        ids = self._ids
        self._add_row(Counter(ids.setdefault(t, len(ids)) for t in terms))

    def add_text(self, text: str) -> None:
        """Count one paragraph's index terms and its surface words (see ``bot.textnorm``)."""
        ws = words(text)
        self._surface.update(set(ws))
        known = self._word_ids
        try:
            row = [known[w] for w in ws]
        except KeyError:
            row = [self._word_id(w) for w in ws]
        counts = Counter(row)
        counts.pop(_SKIP, None)
        self._add_row(counts)

    def _word_id(self, word: str) -> int:
        tid = self._word_ids.get(word)
        if tid is None:
            term = index_term(word)
            tid = _SKIP if term is None else self._ids.setdefault(term, len(self._ids))
            self._word_ids[word] = tid
        return tid

    def _add_row(self, counts: Counter[int]) -> None:
        self._indices.extend(counts.keys())
        self._data.extend(map(float, counts.values()))
        self._indptr.append(len(self._indices))

    def finish(self) -> TermCounts:
        """Return the counts over a sorted vocabulary; the counter is spent."""
        terms = sorted(self._ids)
        position = np.empty(len(terms), dtype=np.int32)
        ids = self._ids
        position[np.fromiter((ids[t] for t in terms), np.int64, len(terms))] = np.arange(
            len(terms), dtype=np.int32
        )
        # Views on the arrays: a million paragraphs' counts are not copied.
        indices = np.frombuffer(self._indices, dtype=np.int32)
        for at in range(0, len(indices), _CHUNK):
            indices[at : at + _CHUNK] = position[indices[at : at + _CHUNK]]
        matrix = sparse.csr_matrix(
            (
                np.frombuffer(self._data, dtype=np.float32),
                indices,
                np.frombuffer(self._indptr, dtype=np.int64),
            ),
            shape=(len(self._indptr) - 1, len(terms)),
            copy=False,
        )
        matrix.has_sorted_indices = False
        matrix.sort_indices()
        return TermCounts(terms, matrix, dict(self._surface))


@dataclass(frozen=True)
class Rows:
    """A run of rows taken from a count table."""

    counts: TermCounts
    start: int
    stop: int


def stack(parts: Sequence[Rows]) -> TermCounts:
    """Stack runs of rows of several count tables over the union of their used terms.

    Term ids are renumbered by a map that keeps their order, so each row's indices stay sorted and
    the result equals counting the same paragraphs from scratch.
    """
    sources = list({id(p.counts): p.counts for p in parts}.values())
    union = sorted(set().union(*(s.terms for s in sources)))
    position = {t: i for i, t in enumerate(union)}
    maps = {
        id(s): np.fromiter((position[t] for t in s.terms), np.int32, len(s.terms)) for s in sources
    }
    sizes = [int(p.counts.matrix.indptr[p.stop] - p.counts.matrix.indptr[p.start]) for p in parts]
    total = sum(sizes)
    indices = np.empty(total, dtype=np.int32)
    data = np.empty(total, dtype=np.float32)
    indptr_parts: list[npt.NDArray[np.int64]] = [np.zeros(1, dtype=np.int64)]
    at = 0
    for part, size in zip(parts, sizes, strict=True):
        m = part.counts.matrix
        lo, hi = int(m.indptr[part.start]), int(m.indptr[part.stop])
        indices[at : at + size] = maps[id(part.counts)][m.indices[lo:hi]]
        data[at : at + size] = m.data[lo:hi]
        indptr_parts.append(m.indptr[part.start + 1 : part.stop + 1].astype(np.int64) - lo + at)
        at += size
    indptr = np.concatenate(indptr_parts)
    used = np.bincount(indices, minlength=len(union)) > 0
    if not used.all():
        renumber = np.cumsum(used, dtype=np.int64).astype(np.int32) - 1
        indices = renumber[indices]
        union = [t for t, keep in zip(union, used.tolist(), strict=True) if keep]
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(indptr) - 1, len(union)))
    matrix.has_sorted_indices = True
    return TermCounts(union, matrix)
