"""The confidence model: its weights file, read and written, and its probabilities."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import train
from bot.answer.confidence import (
    FEATURES,
    Model,
    ModelError,
    load_model,
    parse_model,
    render_model,
)


def test_a_model_written_is_the_model_read() -> None:
    model = Model(-2.5, dict.fromkeys(FEATURES, 4.0))
    text = render_model(model, "fitted on nothing\n\nfor a test")
    assert text.startswith("# fitted on nothing\n#\n# for a test\n")
    assert parse_model(text) == model


def test_probability_is_the_logistic_of_the_weighted_sum() -> None:
    model = Model(-2.0, {"heuristic": 4.0})
    assert model.probability({"heuristic": 0.5}) == pytest.approx(0.5)
    assert model.probability({"heuristic": 1.0}) == pytest.approx(1 / (1 + 2.718281828**-2))
    assert model.probability({"heuristic": -1000.0}) == 0.0


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("heuristic 1.0\n", "no intercept"),
        ("intercept 1.0\nheuristic one\n", "line 2: 'one' is not a number"),
        ("intercept 1.0\nshoe_size 2.0\n", "line 2: unknown feature 'shoe_size'"),
        ("intercept 1.0 2.0\n", "line 1: expected 'name value'"),
    ],
)
def test_a_bad_weights_file_says_what_is_wrong(text: str, reason: str) -> None:
    with pytest.raises(ModelError, match=reason):
        parse_model(text)


def test_the_shipped_model_rises_with_the_confidence_it_calibrates() -> None:
    model = load_model()
    low, high = (model.probability({"heuristic": h}) for h in (0.3, 0.9))
    assert 0.0 < low < high < 1.0


def test_make_train_gives_the_same_weights_every_time(tmp_path: Path) -> None:
    # The shipped file is refitted by `make train` after a change to the composer; the fit
    # itself must not depend on anything but the training sets.
    if not all(s.questions.is_file() for s in train.SETS if s.train):
        pytest.skip("a training set is not beside the repository")
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    assert train.main(["--output", str(first)]) == 0
    assert train.main(["--output", str(second)]) == 0
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    assert parse_model(first.read_text(encoding="utf-8")).weights.keys() == set(FEATURES)
