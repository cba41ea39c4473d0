"""TF-IDF retrieval over paragraphs with a term-major (inverted) sparse index."""

from __future__ import annotations

import heapq
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse

from bot.termcounts import TermCounter


@dataclass(frozen=True)
class Hit:
    """A retrieved paragraph: its position in the index and its cosine score."""

    paragraph: int
    score: float


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
        return cls.from_counts(counts.terms, counts.matrix)

    @classmethod
    def from_counts(cls, terms: Sequence[str], counts: sparse.csr_matrix) -> TfidfIndex:
        """Weight paragraph-major term counts with scikit-learn's TF-IDF and invert them.

        x[p, t] = (1 + ln tf[p, t]) * idf[t], idf[t] = ln((1 + n) / (1 + df[t])) + 1, and each
        paragraph row scaled to unit length: scikit-learn's ``TfidfTransformer`` with sublinear tf,
        smoothed idf and l2 rows. ``counts`` (float32, one row a paragraph, columns in the order
        of ``terms``) is weighted in place.
        """
        n_paragraphs = counts.shape[0]
        if counts.nnz == 0:
            empty = sparse.csr_matrix((0, n_paragraphs), dtype=np.float32)
            return cls([], np.zeros(0), empty, n_paragraphs)
        # Imported here: scikit-learn takes most of a second to import, and a start from the
        # index cache never fits.
        from sklearn.feature_extraction.text import TfidfTransformer  # noqa: PLC0415

        transformer = TfidfTransformer(norm="l2", use_idf=True, smooth_idf=True, sublinear_tf=True)
        transformer.fit(counts)
        weighted = transformer.transform(counts, copy=False)
        idf = np.asarray(transformer.idf_, dtype=np.float64)
        return cls(terms, idf, invert(sparse.csr_matrix(weighted)), n_paragraphs)

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
        best = heapq.nsmallest(k, scores.items(), key=lambda item: (-item[1], item[0]))
        return [Hit(paragraph, score) for paragraph, score in best]

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


def invert(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    """Return the term-major (one row a term) copy of a paragraph-major matrix, rows sorted."""
    by_term = matrix.tocsc()
    postings = sparse.csr_matrix(
        (by_term.data, by_term.indices, by_term.indptr),
        shape=(matrix.shape[1], matrix.shape[0]),
        copy=False,
    )
    postings.sort_indices()
    return postings
