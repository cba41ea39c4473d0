"""TF-IDF retrieval over paragraphs with a term-major (inverted) sparse index."""

from __future__ import annotations

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
        indptr, indices, data = self._indptr, self._indices, self._data
        norm = float(np.sqrt(sum(w * w for w in weights.values()))) or 1.0
        chunk_ids: list[npt.NDArray[np.int32]] = []
        chunk_vals: list[npt.NDArray[np.float64]] = []
        for tid, weight in weights.items():
            start, end = int(indptr[tid]), int(indptr[tid + 1])
            if start < end and weight > 0:
                chunk_ids.append(indices[start:end])
                chunk_vals.append(data[start:end].astype(np.float64) * (weight / norm))
        if not chunk_ids or k <= 0:
            return []
        ids: npt.NDArray[np.int64]
        sums: npt.NDArray[np.float64]
        if len(chunk_ids) == 1:
            ids, sums = chunk_ids[0].astype(np.int64), chunk_vals[0]
        else:
            # Sorting the paragraph ids of the question's postings, never a vector over all
            # paragraphs: a question costs what its terms' postings cost.
            ids, inverse = np.unique(np.concatenate(chunk_ids), return_inverse=True)
            sums = np.asarray(
                np.bincount(inverse, weights=np.concatenate(chunk_vals)), dtype=np.float64
            )
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
