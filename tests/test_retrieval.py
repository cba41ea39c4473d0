"""TF-IDF retrieval: exact ranks on tiny corpora, agreement with a dense scikit-learn cosine."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

import bot.retrieval
from bot.retrieval import Hit, TfidfIndex
from bot.termcounts import Rows, TermCounter, stack
from bot.textnorm import terms

TINY = [
    ["iran", "belarus", "trade"],
    ["trade", "trade", "oil"],
    ["belarus", "potash"],
    ["oil"],
]


def weights_for(index: TfidfIndex, terms: dict[str, float]) -> dict[int, float]:
    """Map query terms to index term ids, dropping terms the index lacks."""
    out: dict[int, float] = {}
    for term, weight in terms.items():
        tid = index.term_id(term)
        if tid is not None:
            out[tid] = weight
    return out


def test_a_term_ranks_the_paragraph_that_leans_on_it_most() -> None:
    index = TfidfIndex.build(TINY)
    hits = index.search(weights_for(index, {"trade": 1.0}), 5)
    assert [h.paragraph for h in hits] == [1, 0]
    # x = (1 + ln tf) * idf, rows of unit length; idf = ln((1 + n) / (1 + df)) + 1.
    idf_2 = math.log(5 / 3) + 1
    idf_1 = math.log(5 / 2) + 1
    trade_1 = (1 + math.log(2)) * idf_2
    expected_1 = trade_1 / math.hypot(trade_1, idf_2)
    expected_0 = idf_2 / math.sqrt(idf_1**2 + 2 * idf_2**2)
    assert hits[0].score == pytest.approx(expected_1, rel=1e-6)
    assert hits[1].score == pytest.approx(expected_0, rel=1e-6)


def test_two_terms_add_up_and_rank_every_paragraph_that_has_either() -> None:
    index = TfidfIndex.build(TINY)
    hits = index.search(weights_for(index, {"belarus": 1.0, "potash": 1.0}), 10)
    assert [h.paragraph for h in hits] == [2, 0]
    # "oil" alone is all of paragraph 3; paragraph 1 shares its weight with "trade".
    hits = index.search(weights_for(index, {"oil": 1.0, "trade": 0.5}), 10)
    assert [h.paragraph for h in hits] == [3, 1, 0]
    assert hits[0].score == pytest.approx(1 / math.hypot(1.0, 0.5))


def test_k_cuts_the_list() -> None:
    index = TfidfIndex.build(TINY)
    assert [h.paragraph for h in index.search(weights_for(index, {"oil": 1.0}), 1)] == [3]
    assert index.search(weights_for(index, {"oil": 1.0}), 0) == []


@pytest.mark.parametrize("few_postings", [0, 1_000_000])
def test_ties_go_to_the_earlier_paragraph_every_time(
    few_postings: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.retrieval, "_FEW_POSTINGS", few_postings)
    index = TfidfIndex.build([["alpha", "beta"], ["gamma"], ["alpha", "beta"], ["alpha", "beta"]])
    weights = weights_for(index, {"alpha": 1.0})
    hits = index.search(weights, 3)
    assert [h.paragraph for h in hits] == [0, 2, 3]
    assert hits[0].score == hits[1].score == hits[2].score
    assert index.search(weights, 1) == [Hit(0, hits[0].score)]
    assert index.search(weights, 2) == hits[:2]


def test_a_question_of_absent_terms_finds_nothing() -> None:
    index = TfidfIndex.build(TINY)
    assert index.term_id("sanctions") is None
    assert weights_for(index, {"sanctions": 1.0, "wheat": 2.0}) == {}
    assert index.search({}, 5) == []
    assert index.search({index.vocabulary["oil"]: 0.0}, 5) == []
    assert index.idf_of("sanctions") == index.max_idf


def test_an_empty_corpus_indexes_and_finds_nothing() -> None:
    index = TfidfIndex.build([[], []])
    assert index.n_paragraphs == 2
    assert index.terms == []
    assert index.search({}, 3) == []


@pytest.mark.parametrize("few_postings", [0, 1_000_000])
def test_the_ranking_equals_a_dense_scikit_learn_cosine(
    few_postings: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Both ways of adding up postings: numpy for long lists, a dict for short ones.
    monkeypatch.setattr(bot.retrieval, "_FEW_POSTINGS", few_postings)
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(60)]
    zipf = [1 / (r + 1) for r in range(len(vocabulary))]
    corpus = [rng.choices(vocabulary, zipf, k=rng.randint(3, 25)) for _ in range(300)]
    vectorizer = TfidfVectorizer(
        analyzer=lambda tokens: tokens, sublinear_tf=True, smooth_idf=True, norm="l2"
    )
    dense = vectorizer.fit_transform(corpus).toarray()
    index = TfidfIndex.build(corpus)
    assert index.terms == vectorizer.get_feature_names_out().tolist()
    np.testing.assert_allclose(index.idf, vectorizer.idf_, rtol=1e-6)
    for _ in range(40):
        query = {t: rng.uniform(0.2, 3.0) for t in rng.sample(vocabulary, rng.randint(1, 6))}
        q = np.zeros(len(index.terms))
        for term, weight in query.items():
            q[vectorizer.vocabulary_[term]] = weight
        scores = dense @ q / np.linalg.norm(q)
        expected = [int(i) for i in np.lexsort((np.arange(len(scores)), -scores)) if scores[i] > 0]
        hits = index.search(weights_for(index, query), 10)
        assert [h.paragraph for h in hits] == expected[:10]
        np.testing.assert_allclose([h.score for h in hits], scores[expected[:10]], rtol=1e-5)


def test_counting_from_words_matches_counting_index_terms() -> None:
    by_text = TermCounter()
    by_terms = TermCounter()
    for text in ["The roadmap was signed in Tehran.", "Trade grew; 2 trade deals were signed."]:
        by_text.add_text(text)
        by_terms.add(terms(text))
    a, b = by_text.finish(), by_terms.finish()
    assert a.terms == b.terms == ["2", "deal", "grow", "roadmap", "sign", "tehran", "trade"]
    assert (a.matrix != b.matrix).nnz == 0
    assert a.surface["signed"] == 2
    assert a.surface["the"] == 1


def test_stacked_rows_equal_counting_the_same_paragraphs_from_scratch() -> None:
    first, second, whole = TermCounter(), TermCounter(), TermCounter()
    for tokens in TINY[:2]:
        first.add(tokens)
    for tokens in [["zinc", "oil"], *TINY[2:]]:
        second.add(tokens)
    for tokens in [TINY[2], TINY[0], TINY[3]]:
        whole.add(tokens)
    a, b = first.finish(), second.finish()
    stacked = stack([Rows(b, 1, 2), Rows(a, 0, 1), Rows(b, 2, 3)])
    expected = whole.finish()
    # "trade" of the dropped rows and "zinc" are gone: the vocabulary is what the rows use.
    assert stacked.terms == expected.terms == ["belarus", "iran", "oil", "potash", "trade"]
    assert (stacked.matrix != expected.matrix).nnz == 0
    assert stacked.matrix.has_sorted_indices


def test_an_index_from_stacked_counts_searches_like_one_built_whole() -> None:
    first, second = TermCounter(), TermCounter()
    for tokens in TINY[:2]:
        first.add(tokens)
    for tokens in TINY[2:]:
        second.add(tokens)
    a, b = first.finish(), second.finish()
    stacked = stack([Rows(a, 0, 2), Rows(b, 0, 2)])
    merged = TfidfIndex.from_counts(stacked.terms, stacked.matrix)
    whole = TfidfIndex.build(TINY)
    assert merged.terms == whole.terms
    assert np.array_equal(merged.idf, whole.idf)
    assert (merged.postings != whole.postings).nnz == 0
