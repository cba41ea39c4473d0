"""TF-IDF retrieval: exact ranks on tiny corpora, agreement with a dense scikit-learn cosine."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

import bot.search.retrieval
import bot.search.termcounts
from bot.search.retrieval import Hit, TfidfIndex, in_memory
from bot.search.termcounts import Rows, TermCounter, stack
from bot.search.textnorm import terms

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
    monkeypatch.setattr(bot.search.retrieval, "_FEW_POSTINGS", few_postings)
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
    monkeypatch.setattr(bot.search.retrieval, "_FEW_POSTINGS", few_postings)
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
    assert a.terms == b.terms == ["roadmap", "sign", "tehran", "trade", "grow", "2", "deal"]
    assert (a.blocks[0] != b.blocks[0]).nnz == 0
    assert a.blocks[0][1, a.terms.index("trade")] == 2
    assert a.surface["signed"] == 2
    assert a.surface["the"] == 1


def test_a_heading_counts_among_a_paragraphs_terms_and_not_its_surface_words() -> None:
    counter = TermCounter()
    counter.add_text("Crane drivers stayed away.", "WALKOUT AT THE DOCKS")
    counter.add_text("Ferries run twice a day.")
    counts = counter.finish()
    row = counts.blocks[0]
    assert row[0, counts.terms.index("walkout")] == 1
    assert row[0, counts.terms.index("dock")] == 1
    assert row[1, counts.terms.index("walkout")] == 0
    # The words a question is mended to are the paragraphs' own.
    assert "walkout" not in counts.surface and counts.surface["crane"] == 1


def same_index(a: TfidfIndex, b: TfidfIndex) -> bool:
    """True when two indexes have the same terms, idf and postings, bit for bit."""
    return (
        a.terms == b.terms
        and np.array_equal(a.idf, b.idf)
        and a.postings.shape == b.postings.shape
        and np.array_equal(a.postings.indptr, b.postings.indptr)
        and np.array_equal(a.postings.indices, b.postings.indices)
        and np.array_equal(a.postings.data, b.postings.data)
    )


def test_the_weights_are_scikit_learns_bit_for_bit() -> None:
    rng = random.Random(11)
    vocabulary = [f"t{i:03d}" for i in range(200)]
    corpus = [rng.choices(vocabulary, k=rng.randint(0, 40)) for _ in range(500)]
    vectorizer = TfidfVectorizer(
        analyzer=lambda tokens: tokens,
        sublinear_tf=True,
        smooth_idf=True,
        norm="l2",
        dtype=np.float32,
    )
    expected = vectorizer.fit_transform(corpus).T.tocsr()
    expected.sort_indices()
    index = TfidfIndex.build(corpus)
    assert index.terms == vectorizer.get_feature_names_out().tolist()
    assert np.array_equal(index.idf, vectorizer.idf_.astype(np.float64))
    assert np.array_equal(index.postings.indptr, expected.indptr)
    assert np.array_equal(index.postings.indices, expected.indices)
    assert np.array_equal(index.postings.data, expected.data)


def test_many_small_blocks_index_like_one(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    corpus = [
        rng.choices(["a1", "b2", "c3", "d4", "e5", "f6"], k=rng.randint(1, 9)) for _ in range(60)
    ]
    whole = TfidfIndex.build(corpus)
    monkeypatch.setattr(bot.search.termcounts, "BLOCK_ENTRIES", 7)
    counter = TermCounter()
    for tokens in corpus:
        counter.next_place(1)
        counter.add(tokens)
    counts = counter.finish()
    assert len(counts.blocks) > 5
    assert counts.paragraphs == len(corpus)
    assert same_index(TfidfIndex.from_counts(counts.terms, in_memory(counts.blocks)), whole)
    assert counts.blocks == []


def test_stacked_rows_index_like_the_same_paragraphs_counted_whole() -> None:
    first = TermCounter()
    for tokens in TINY[:2]:
        first.add(tokens)
    a = first.finish()
    second = TermCounter(a.terms)
    for tokens in [["zinc", "oil"], *TINY[2:]]:
        second.add(tokens)
    b = second.finish()
    assert b.terms[: len(a.terms)] == a.terms
    blocks, places = stack(
        [Rows(b.blocks[0], 1, 2), Rows(a.blocks[0], 0, 1), Rows(b.blocks[0], 2, 3)], len(b.terms)
    )
    assert [(p.block, p.start, p.stop) for p in places] == [(0, 0, 1), (0, 1, 2), (0, 2, 3)]
    stacked = TfidfIndex.from_counts(b.terms, in_memory(blocks))
    # "zinc", only in a row left out, is gone: the index has only the terms in use.
    assert stacked.terms == ["belarus", "iran", "oil", "potash", "trade"]
    assert same_index(stacked, TfidfIndex.build([TINY[2], TINY[0], TINY[3]]))
