"""One language's share of a multilingual index: its terms, weighed over its own paragraphs."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.search.retrieval import TfidfIndex


class LanguageView:
    """The terms of the paragraphs in one language, with idf counted over those paragraphs alone.

    A question weighs its words as if the sources in its language were all there is, so
    documents in another language (sharing figures, names and units) do not move its weights:
    idf[t] = ln((1 + n) / (1 + df[t])) + 1 over the n paragraphs of the language, as the index
    counts it over all.
    """

    def __init__(self, index: TfidfIndex, in_language: Sequence[bool]) -> None:
        self._index = index
        mask = np.asarray(in_language, dtype=bool)
        postings = index.postings
        entries_per_term = np.diff(postings.indptr)
        term_of_entry = np.repeat(np.arange(len(entries_per_term)), entries_per_term)
        df = np.bincount(
            term_of_entry, weights=mask[postings.indices], minlength=len(entries_per_term)
        )
        n = int(mask.sum())
        self._df = df
        self.idf = np.log((1 + n) / (1 + df)) + 1
        present = df > 0
        self.max_idf = float(self.idf[present].max()) if present.any() else 1.0

    def term_id(self, term: str) -> int | None:
        """Return the index id of ``term`` when a paragraph in this language has it."""
        tid = self._index.term_id(term)
        return tid if tid is not None and self._df[tid] > 0 else None

    def idf_of(self, term: str) -> float:
        """Return the idf of ``term`` in this language; a term it lacks gets the highest idf."""
        tid = self.term_id(term)
        return self.max_idf if tid is None else float(self.idf[tid])
