"""TF-IDF retrieval over paragraphs with a term-major (inverted) sparse index."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import sparse


@dataclass(frozen=True)
class Hit:
    """A retrieved paragraph: its position in the index and its cosine score."""

    paragraph: int
    score: float


def _identity(tokens: list[str]) -> list[str]:
    return tokens


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

    @classmethod
    def build(cls, token_lists: Sequence[list[str]]) -> TfidfIndex:
        """Fit scikit-learn's TF-IDF (sublinear tf, smoothed idf, l2 rows) and invert it."""
        # Imported here: scikit-learn takes most of a second to import, and a start from the
        # index cache never fits.
        from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: PLC0415

        vectorizer = TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, smooth_idf=True, norm="l2", dtype=np.float32
        )
        if not any(token_lists):
            empty = sparse.csr_matrix((0, len(token_lists)), dtype=np.float32)
            return cls([], np.zeros(0), empty, len(token_lists))
        matrix = vectorizer.fit_transform(token_lists)
        terms = vectorizer.get_feature_names_out().tolist()
        postings = sparse.csr_matrix(matrix.T.tocsr(), dtype=np.float32)
        postings.sort_indices()
        return cls(terms, np.asarray(vectorizer.idf_, dtype=np.float64), postings, len(token_lists))

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
        paragraph row has unit length: the cosine between question and paragraph. Ties go to the
        earlier paragraph.
        """
        chunks_ids: list[npt.NDArray[np.int32]] = []
        chunks_vals: list[npt.NDArray[np.float64]] = []
        indptr, indices, data = self.postings.indptr, self.postings.indices, self.postings.data
        norm = float(np.sqrt(sum(w * w for w in weights.values()))) or 1.0
        for tid, weight in weights.items():
            start, end = indptr[tid], indptr[tid + 1]
            if start == end or weight <= 0:
                continue
            chunks_ids.append(indices[start:end])
            chunks_vals.append(data[start:end].astype(np.float64) * (weight / norm))
        if not chunks_ids:
            return []
        ids: npt.NDArray[np.int64]
        sums: npt.NDArray[np.float64]
        if len(chunks_ids) == 1:
            ids, sums = chunks_ids[0].astype(np.int64), chunks_vals[0]
        else:
            ids, inverse = np.unique(np.concatenate(chunks_ids), return_inverse=True)
            sums = np.asarray(
                np.bincount(inverse, weights=np.concatenate(chunks_vals)), dtype=np.float64
            )
        if len(ids) > k:
            part = np.argpartition(-sums, k - 1)[:k]
            # Include every paragraph tied with the k-th so the order below stays deterministic.
            kth = sums[part].min()
            part = np.flatnonzero(sums >= kth)
            ids, sums = ids[part], sums[part]
        order = np.lexsort((ids, -sums))[:k]
        return [Hit(int(ids[i]), float(sums[i])) for i in order]
