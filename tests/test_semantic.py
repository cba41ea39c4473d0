"""Re-ranking by meaning: the combined score, the switch, and the model on a tiny corpus."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import bot.search.semantic
from bot.answer.engine import Engine, build_engine
from bot.answer.records import Answer
from bot.search.retrieval import Hit
from bot.search.semantic import SemanticUnavailableError, check_mode, combine, reranker_for

# Both paragraphs share the question's words equally; only the first one's meaning differs.
TRIP = """---
title: A state visit
---

The president praised the workers of the airport union on Sunday for their pay agreement.

The president touched down at Mehrabad airport on Sunday morning and was driven to the capital.

The two sides signed a ten-year accord on trade in farm goods.
"""
PARAPHRASE = "which airport did the president land at"

needs_model = pytest.mark.skipif(
    not bot.search.semantic.available(), reason="the semantic install extra is not installed"
)


@pytest.fixture
def trip(tmp_path: Path) -> Path:
    """A knowledge folder of one three-paragraph document."""
    (tmp_path / "trip.md").write_text(TRIP, encoding="utf-8")
    return tmp_path


def first_paragraphs(engine: Engine, question: str) -> list[int]:
    """The retrieved paragraphs for ``question``, best first."""
    read = engine.read(question)
    assert not isinstance(read, Answer)
    return [h.paragraph for h in engine.retrieve(read, 5)]


def test_combine_mixes_relative_scores_and_keeps_the_tfidf_scale() -> None:
    hits = [Hit(0, 0.5), Hit(1, 0.4)]
    ranked = combine(hits, np.array([0.2, 0.8], dtype=np.float32), 0.5)
    # 0.5 * (0.5 * 0.4 / 0.5 + 0.5 * 0.8 / 0.8) = 0.45; 0.5 * (0.5 * 1 + 0.5 * 0.25) = 0.3125.
    assert [h.paragraph for h in ranked] == [1, 0]
    assert [h.score for h in ranked] == pytest.approx([0.45, 0.3125])


def test_combine_with_no_weight_of_meaning_keeps_the_order() -> None:
    hits = [Hit(3, 0.5), Hit(1, 0.4), Hit(2, 0.1)]
    ranked = combine(hits, np.array([0.1, 0.2, 0.9], dtype=np.float32), 0.0)
    assert ranked == hits


def test_combine_leaves_hits_alone_when_no_cosine_is_positive() -> None:
    hits = [Hit(0, 0.5), Hit(1, 0.4)]
    assert combine(hits, np.array([-0.1, 0.0], dtype=np.float32), 0.5) == hits


def test_off_gives_no_reranker() -> None:
    assert reranker_for("off", str) is None


def test_on_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bot.search.semantic, "available", lambda: False)
    with pytest.raises(SemanticUnavailableError, match=r"pip install '\.\[semantic\]'"):
        check_mode("on")
    assert reranker_for("auto", str) is None


def test_off_keeps_the_tfidf_order(trip: Path) -> None:
    engine = build_engine(trip, semantic="off")
    # The two paragraphs tie on TF-IDF; the earlier one, about the union, comes first.
    assert first_paragraphs(engine, PARAPHRASE)[:2] == [0, 1]


@needs_model
def test_a_paraphrased_question_ranks_the_paragraph_it_means_first(trip: Path) -> None:
    engine = build_engine(trip, semantic="on")
    assert first_paragraphs(engine, PARAPHRASE)[:2] == [1, 0]
    answer = engine.answer(PARAPHRASE)
    assert answer.answered
    assert answer.citations[0].paragraph == 2
    assert "Mehrabad" in answer.text


@needs_model
def test_paragraph_vectors_are_encoded_once(trip: Path) -> None:
    encoded: list[str] = []
    model = bot.search.semantic.load_model()

    class Counting:
        def encode(self, sentences: list[str]) -> np.typing.NDArray[np.generic]:
            encoded.extend(sentences)
            return model.encode(sentences)

    texts = ["The plane landed at noon.", "Farm trade grew by a third."]
    reranker = bot.search.semantic.Reranker(texts.__getitem__, model=Counting)
    first = reranker.similarities("when did the plane arrive", [0, 1])
    again = reranker.similarities("when did the plane arrive", [1, 0])
    assert encoded == ["when did the plane arrive", *texts, "when did the plane arrive"]
    assert again.tolist() == pytest.approx(first[::-1].tolist())
    assert first[0] > first[1]
