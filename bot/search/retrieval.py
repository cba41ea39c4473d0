"""TF-IDF retrieval over paragraphs with a term-major (inverted) sparse index."""

from __future__ import annotations

import functools
import heapq
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.search.termcounts import TermCounter


@dataclass(frozen=True)
class Hit:
    """A retrieved paragraph: its position in the index and its cosine score."""

    paragraph: int
    score: float


# Where a block of counts comes from: memory, or the index cache it was just saved to.
BlockSource = Callable[[], sparse.csr_matrix]

# Up to this many postings, summing in a dict beats numpy's fixed cost per call.
_FEW_POSTINGS = 160


class TfidfIndex:
    """Paragraph vectors stored term-major, so a question touches only its own terms' postings."""

    def __init__(
        self,
        terms: Sequence[str],
        idf: npt.NDArray[np.float64],
        postings: sparse.csr_matrix,
        n_paragraphs: int,
    ) -> None:
        self.terms = list(terms)
        self.vocabulary: dict[str, int] = {t: i for i, t in enumerate(self.terms)}
        self.idf = idf
        self.postings = postings
        self.n_paragraphs = n_paragraphs
        self.df = np.diff(postings.indptr).astype(np.int64)
        self.max_idf = float(idf.max()) if len(idf) else 1.0
        # Plain arrays: the search loop reads them without going through scipy.
        self._indptr = postings.indptr
        self._indices = postings.indices
        self._data = postings.data

    @classmethod
    def build(cls, token_lists: Sequence[list[str]]) -> TfidfIndex:
        """Index paragraphs given as lists of index terms (see ``from_counts``)."""
        counter = TermCounter()
        for tokens in token_lists:
            counter.add(tokens)
        counts = counter.finish()
        return cls.from_counts(counts.terms, in_memory(counts.blocks))

    @classmethod
    def from_counts(cls, terms: Sequence[str], blocks: list[BlockSource]) -> TfidfIndex:
        """Weight paragraph-major count blocks as scikit-learn's TF-IDF does, and invert them.

        x[p, t] = (1 + ln tf[p, t]) * idf[t], idf[t] = ln((1 + n) / (1 + df[t])) + 1, and each
        paragraph row scaled to unit length: ``TfidfTransformer(sublinear_tf=True,
        smooth_idf=True, norm="l2")``, step for step in float32, one block of rows at a time.
        Terms no paragraph uses are left out; the index's terms are sorted. Each block is
        fetched twice (for the document frequencies, then for the weights) and ``blocks`` is
        emptied as it goes, so a block's memory is free once its rows are in the index.
        """
        n_paragraphs = 0
        df = np.zeros(len(terms), dtype=np.int64)
        for source in blocks:
            block = source()
            n_paragraphs += int(block.shape[0])
            df += np.bincount(block.indices, minlength=len(terms))[: len(terms)]
            del block
        kept = sorted(np.flatnonzero(df).tolist(), key=terms.__getitem__)
        if not kept:
            blocks.clear()
            empty = sparse.csr_matrix((0, n_paragraphs), dtype=np.float32)
            return cls([], np.zeros(0), empty, n_paragraphs)
        position = np.full(len(terms), -1, dtype=np.int32)
        position[np.asarray(kept, dtype=np.int64)] = np.arange(len(kept), dtype=np.int32)
        idf = _idf(df[kept], n_paragraphs)
        indptr = np.zeros(len(kept) + 1, dtype=np.int64)
        np.cumsum(df[kept], out=indptr[1:])
        # Filled as blocks come in: untouched pages of np.empty take no memory until then.
        indices = np.empty(int(indptr[-1]), dtype=np.int32)
        data = np.empty(int(indptr[-1]), dtype=np.float32)
        cursor = indptr[:-1].copy()
        first_row = 0
        while blocks:
            block = _weighted(blocks.pop(0)(), position, len(kept), idf)
            _scatter(block, first_row, cursor, indices, data)
            first_row += block.shape[0]
        postings = sparse.csr_matrix(
            (data, indices, indptr), shape=(len(kept), n_paragraphs), copy=False
        )
        postings.has_sorted_indices = True
        return cls([terms[i] for i in kept], idf.astype(np.float64), postings, n_paragraphs)

    def term_id(self, term: str) -> int | None:
        """Return the id of an index term, or None when no paragraph has it."""
        return self.vocabulary.get(term)

    def idf_of(self, term: str) -> float:
        """Return the idf of ``term``; a term no paragraph has gets the highest idf."""
        tid = self.vocabulary.get(term)
        return self.max_idf if tid is None else float(self.idf[tid])

    def search(self, weights: Mapping[int, float], k: int) -> list[Hit]:
        """Return the ``k`` best paragraphs for query term weights, best first.

        score(p) = sum_t w_t * x[p, t] / ||w||, where x[p, t] = (1 + ln tf) * idf_t scaled so each
        paragraph row has unit length: the cosine between question and paragraph. Only the
        postings of the question's terms are read. Ties go to the earlier paragraph.
        """
        indptr = self._indptr
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        spans: list[tuple[int, int, float]] = []
        size = 0
        for tid, weight in weights.items():
            start, end = indptr[tid : tid + 2].tolist()
            if start < end and weight > 0:
                spans.append((start, end, weight / norm))
                size += end - start
        if not spans or k <= 0:
            return []
        if size <= _FEW_POSTINGS:
            return self._search_few(spans, k)
        return self._search_many(spans, k)

    def _search_few(self, spans: list[tuple[int, int, float]], k: int) -> list[Hit]:
        """Add up a few postings in a dict: numpy's per-call cost would outweigh the work."""
        indices, data = self._indices, self._data
        scores: dict[int, float] = {}
        get = scores.get
        for start, end, scale in spans:
            for paragraph, x in zip(
                indices[start:end].tolist(), data[start:end].tolist(), strict=True
            ):
                scores[paragraph] = get(paragraph, 0.0) + x * scale
        # The k-th best score, found among bare floats, leaves a few tuples to sort.
        if len(scores) > k:
            least = heapq.nlargest(k, scores.values())[-1]
            ranked = sorted((-score, p) for p, score in scores.items() if score >= least)
        else:
            ranked = sorted((-score, p) for p, score in scores.items())
        return [Hit(paragraph, -negated) for negated, paragraph in ranked[:k]]

    def _search_many(self, spans: list[tuple[int, int, float]], k: int) -> list[Hit]:
        """Add up long postings with numpy, sorting the question's paragraph ids only."""
        indices, data = self._indices, self._data
        ids: npt.NDArray[np.int64]
        sums: npt.NDArray[np.float64]
        if len(spans) == 1:
            start, end, scale = spans[0]
            ids = indices[start:end].astype(np.int64)
            sums = data[start:end].astype(np.float64) * scale
        else:
            # Never a vector over all paragraphs: a question costs what its postings cost. Each
            # term's postings are sorted, so a stable sort merges runs; bincount then adds each
            # paragraph's values in term order.
            every = np.concatenate([indices[s:e] for s, e, _ in spans])
            order = np.argsort(every, kind="stable")
            merged = every[order]
            first = np.empty(len(merged), dtype=bool)
            first[0] = True
            np.not_equal(merged[1:], merged[:-1], out=first[1:])
            ids = merged[first].astype(np.int64)
            inverse = np.empty(len(merged), dtype=np.intp)
            inverse[order] = np.cumsum(first) - 1
            values = np.concatenate([data[s:e].astype(np.float64) * w for s, e, w in spans])
            sums = np.asarray(np.bincount(inverse, weights=values), dtype=np.float64)
        if len(ids) > k:
            part = np.argpartition(-sums, k - 1)[:k]
            # Keep every paragraph tied with the k-th so the order below stays deterministic.
            part = np.flatnonzero(sums >= sums[part].min())
            ids, sums = ids[part], sums[part]
        order = np.lexsort((ids, -sums))[:k]
        return [Hit(int(ids[i]), float(sums[i])) for i in order]


def in_memory(blocks: list[sparse.csr_matrix]) -> list[BlockSource]:
    """Return sources for blocks held in memory, emptying ``blocks`` so only they hold them."""
    sources: list[BlockSource] = [functools.partial(_same, b) for b in blocks]
    blocks.clear()
    return sources


def _same(block: sparse.csr_matrix) -> sparse.csr_matrix:
    return block


def _idf(df: npt.NDArray[np.int64], n_paragraphs: int) -> npt.NDArray[np.float32]:
    """Smoothed idf in float32, in the order of operations of scikit-learn's TfidfTransformer."""
    smoothed = df.astype(np.float32)
    smoothed += 1.0
    idf = np.full_like(smoothed, fill_value=n_paragraphs + 1, dtype=np.float32)
    idf /= smoothed
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def _weighted(
    block: sparse.csr_matrix,
    position: npt.NDArray[np.int32],
    width: int,
    idf: npt.NDArray[np.float32],
) -> sparse.csr_matrix:
    """Renumber a count block's terms to sorted positions and weight it with TfidfTransformer.

    The transformer gets the idf of the whole corpus, so block after block it weighs rows exactly
    as one fit over every paragraph would.
    """
    # Imported here: scikit-learn takes most of a second to import, and a start from the index
    # cache never weighs anything.
    from sklearn.feature_extraction.text import TfidfTransformer  # noqa: PLC0415

    counts = sparse.csr_matrix(
        (np.asarray(block.data, dtype=np.float32), position[block.indices], block.indptr),
        shape=(block.shape[0], width),
    )
    counts.has_sorted_indices = False
    counts.sort_indices()
    transformer = TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm="l2")
    transformer.idf_ = idf
    transformer.n_features_in_ = width
    out: sparse.csr_matrix = transformer.transform(counts, copy=False)
    return out


def _scatter(
    block: sparse.csr_matrix,
    first_row: int,
    cursor: npt.NDArray[np.int64],
    indices: npt.NDArray[np.int32],
    data: npt.NDArray[np.float32],
) -> None:
    """Put a weighted block's entries into the term-major arrays, after earlier blocks' rows."""
    by_term = block.tocsc()
    lengths = np.diff(by_term.indptr).astype(np.int64)
    target = np.repeat(cursor - by_term.indptr[:-1], lengths)
    target += np.arange(by_term.nnz, dtype=np.int64)
    indices[target] = by_term.indices + first_row
    data[target] = by_term.data
    cursor += lengths
