"""``python -m benchmarks.train``: fit the confidence model on the training sets, write its weights.

Every question of each set marked ``train`` in ``benchmarks/quality.py`` is answered with no
threshold; the answer is right when it holds every expected fact, and out-of-scope answers are
wrong. A logistic regression over the composer's features (``bot.answer.confidence.FEATURES``)
is fitted to that and written to ``bot/answer/confidence-weights.txt``. The same sets give the
same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.quality import SETS, QualitySet
from bot.answer.confidence import FEATURES, WEIGHTS_PATH, Model, render_model
from bot.answer.engine import Engine
from bot.answer.evaluation import missing_groups, parse_questions
from bot.knowledge.documents import load_knowledge

# Mild regularisation: the features are few and the sets a few hundred answers.
REGULARISATION = 1.0


def examples(quality_set: QualitySet) -> tuple[list[list[float]], list[int]]:
    """Return the features (``FEATURES``) and right (1) or wrong (0) of each answer given."""
    engine = Engine(load_knowledge(quality_set.knowledge), min_confidence=0.0, calibrated=False)
    rows: list[list[float]] = []
    labels: list[int] = []
    for question in parse_questions(quality_set.questions.read_text(encoding="utf-8")):
        # With no threshold every composed answer is given; without the model its confidence is
        # the composer's own score, the one feature.
        answer = engine.answer(question.question)
        if not answer.answered:
            continue
        right = question.in_scope and not missing_groups(question, answer)
        rows.append([answer.confidence])
        labels.append(int(right))
    return rows, labels


def main(argv: list[str] | None = None) -> int:
    """Fit the model and write the weights file."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.train", description=__doc__)
    parser.add_argument(
        "--output", type=Path, default=WEIGHTS_PATH, help="where to write the weights file"
    )
    args = parser.parse_args(argv)
    # Imported here: scikit-learn takes a second to import.
    from sklearn.linear_model import LogisticRegression  # noqa: PLC0415

    chosen = [s for s in SETS if s.train and s.questions.is_file()]
    rows: list[list[float]] = []
    labels: list[int] = []
    for quality_set in chosen:
        set_rows, set_labels = examples(quality_set)
        rows += set_rows
        labels += set_labels
        print(f"{quality_set.name}: {len(set_rows)} answers, {sum(set_labels)} right")
    fitted = LogisticRegression(C=REGULARISATION, max_iter=10_000).fit(rows, labels)
    model = Model(
        float(fitted.intercept_[0]),
        {name: float(w) for name, w in zip(FEATURES, fitted.coef_[0], strict=True)},
    )
    held_out = [s.name for s in SETS if not s.train]
    header = (
        "The confidence model: P(answer right) = 1 / (1 + exp(-(intercept + sum w * feature))).\n"
        "Written by `make train` (python -m benchmarks.train); do not edit by hand.\n"
        f"Fitted on {len(labels)} answers ({sum(labels)} right) to the sets: "
        f"{', '.join(s.name for s in chosen)}.\n"
        f"Held out for measuring: {', '.join(held_out)}."
    )
    args.output.write_text(render_model(model, header), encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
