"""Term counts of paragraphs, the raw material of the index: counted once, kept in row blocks."""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.search.textnorm import terms_of_words, words

# A word that is no index term (a stop word, a lone letter).
_SKIP = -1
# Counts are cut into blocks of about this many entries (at document ends), so that building
# the index can let each block go as soon as it is in: a million paragraphs never sit in memory
# twice over.
BLOCK_ENTRIES = 1 << 20


@dataclass(frozen=True)
class TermCounts:
    """Paragraph-major term counts in row blocks, and how many paragraphs use each surface word.

    Each block has one row a paragraph and one column a term of ``terms``, in the order the terms
    were first met (not sorted); its values are float32 counts.
    """

    terms: list[str]
    blocks: list[sparse.csr_matrix]
    surface: dict[str, int]

    @property
    def paragraphs(self) -> int:
        """The number of paragraphs (rows of all blocks)."""
        return sum(int(b.shape[0]) for b in self.blocks)


@dataclass(frozen=True)
class Place:
    """Where a run of paragraphs is: a block and its rows ``start`` to ``stop``."""

    block: int
    start: int
    stop: int


def index_term(word: str) -> str | None:
    """Return the index term of one word from ``words``, or None for a word the index skips."""
    found = terms_of_words((word,))
    return found[0] if found else None


class TermCounter:
    """Counts the index terms of paragraphs one at a time, in compact arrays.

    Started with the terms of earlier counts, it numbers those terms as they did, so their rows
    and its own can be stacked together.
    """

    def __init__(self, terms: Sequence[str] = ()) -> None:
        self._ids: dict[str, int] = {t: i for i, t in enumerate(terms)}
        self._word_ids: dict[str, int] = {}
        self._blocks: list[sparse.csr_matrix] = []
        self._surface: Counter[str] = Counter()
        self._open_block()

    def _open_block(self) -> None:
        self._indptr = array("q", [0])
        self._indices = array("i")
        self._data = array("f")

    def add(self, terms: Iterable[str]) -> None:
        """Count one paragraph given as its index terms."""
        ids = self._ids
        self._add_row(Counter(ids.setdefault(t, len(ids)) for t in terms))

    def add_text(self, text: str, heading: str | None = None) -> None:
        """Count one paragraph's index terms and its surface words (see ``bot.search.textnorm``);
        the terms of the ``heading`` it is under count as its own, its words as no surface word
        of the paragraph."""
        ws = words(text)
        self._surface.update(set(ws))
        if heading:
            ws = [*words(heading), *ws]
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

    def next_place(self, rows: int) -> Place:
        """Return where the next ``rows`` paragraphs will go, starting a block if this one is full.

        Call it before counting a document, so no document spans two blocks.
        """
        if len(self._indices) >= BLOCK_ENTRIES:
            self._close_block()
        start = len(self._indptr) - 1
        return Place(len(self._blocks), start, start + rows)

    def _close_block(self) -> None:
        # Views on the arrays, not copies; the counter starts new arrays for the next block.
        indptr = np.frombuffer(self._indptr, dtype=np.int64)
        self._blocks.append(
            sparse.csr_matrix(
                (
                    np.frombuffer(self._data, dtype=np.float32),
                    np.frombuffer(self._indices, dtype=np.int32),
                    indptr,
                ),
                shape=(len(indptr) - 1, max(len(self._ids), 1)),
                copy=False,
            )
        )
        self._open_block()

    def finish(self) -> TermCounts:
        """Return the counts; the counter is spent."""
        if len(self._indptr) > 1 or not self._blocks:
            self._close_block()
        terms = list(self._ids)
        blocks = [_widen(b, len(terms)) for b in self._blocks]
        return TermCounts(terms, blocks, dict(self._surface))


def _widen(block: sparse.csr_matrix, columns: int) -> sparse.csr_matrix:
    """Give a block the column count of the whole vocabulary, sharing its arrays."""
    return sparse.csr_matrix(
        (block.data, block.indices, block.indptr),
        shape=(block.shape[0], max(columns, 1)),
        copy=False,
    )


@dataclass(frozen=True)
class Rows:
    """A run of rows of one block."""

    block: sparse.csr_matrix
    start: int
    stop: int


def stack(parts: Sequence[Rows], columns: int) -> tuple[list[sparse.csr_matrix], list[Place]]:
    """Copy runs of rows, all counted over one vocabulary, into new blocks in the given order.

    Returns the blocks and where each run went. A run never spans two blocks.
    """
    blocks: list[sparse.csr_matrix] = []
    places: list[Place] = []
    pending: list[Rows] = []
    size = 0
    rows = 0
    for part in parts:
        m = part.block
        entries = int(m.indptr[part.stop] - m.indptr[part.start])
        if pending and size + entries > BLOCK_ENTRIES:
            blocks.append(_join(pending, columns))
            pending, size, rows = [], 0, 0
        places.append(Place(len(blocks), rows, rows + part.stop - part.start))
        pending.append(part)
        size += entries
        rows += part.stop - part.start
    if pending or not blocks:
        blocks.append(_join(pending, columns))
    return blocks, places


def _join(parts: Sequence[Rows], columns: int) -> sparse.csr_matrix:
    indptr: list[npt.NDArray[np.int64]] = [np.zeros(1, dtype=np.int64)]
    indices: list[npt.NDArray[np.int32]] = []
    data: list[npt.NDArray[np.float32]] = []
    at = 0
    for part in parts:
        m = part.block
        lo, hi = int(m.indptr[part.start]), int(m.indptr[part.stop])
        indices.append(np.asarray(m.indices[lo:hi], dtype=np.int32))
        data.append(np.asarray(m.data[lo:hi], dtype=np.float32))
        indptr.append(m.indptr[part.start + 1 : part.stop + 1].astype(np.int64) - lo + at)
        at += hi - lo
    rows = sum(p.stop - p.start for p in parts)
    return sparse.csr_matrix(
        (
            np.concatenate(data) if data else np.zeros(0, dtype=np.float32),
            np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32),
            np.concatenate(indptr),
        ),
        shape=(rows, max(columns, 1)),
    )
