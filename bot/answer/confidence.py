"""Confidence as a probability: an answer's features weighed by a fitted logistic regression."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

# What the composer measures about an answer it could give, in the order of the weights file.
# Only the hand-made confidence earns its place today: coverage of the question's weighted terms,
# lowered for a missing kind, year, name or measure. Coverage shares, unknown-word shares,
# retrieval scores and counts of missing terms, fitted beside it, gave no better decisions on the
# held-out sets; the model then only turns that confidence into a probability.
FEATURES: Final = ("heuristic",)

WEIGHTS_PATH: Final = Path(__file__).with_name("confidence-weights.txt")
# Chosen by measuring every set at thresholds from 0.46 to 0.58 (README, "Evaluation"): the
# lower of the two best, where lower ones lose more declines than they win answers.
DEFAULT_MIN_CONFIDENCE: Final = 0.57


@dataclass(frozen=True)
class Model:
    """A logistic regression over ``FEATURES``: P(right) = 1 / (1 + exp(-(b + w . x)))."""

    intercept: float
    weights: Mapping[str, float]

    def probability(self, features: Mapping[str, float]) -> float:
        """Return the probability that an answer with these features is right."""
        z = self.intercept + sum(w * features.get(name, 0.0) for name, w in self.weights.items())
        # exp overflows past about 709: the probability is 0 or 1 by then anyway.
        if z < -700:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


class ModelError(ValueError):
    """A weights file that cannot be read as a model."""


def parse_model(text: str) -> Model:
    """Read a weights file: ``name value`` lines, ``intercept`` among them, ``#`` comments."""
    intercept: float | None = None
    weights: dict[str, float] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise ModelError(f"line {number}: expected 'name value'")
        name, value = parts
        try:
            number_value = float(value)
        except ValueError:
            raise ModelError(f"line {number}: {value!r} is not a number") from None
        if name == "intercept":
            intercept = number_value
        elif name in FEATURES:
            weights[name] = number_value
        else:
            raise ModelError(f"line {number}: unknown feature {name!r}")
    if intercept is None:
        raise ModelError("no intercept")
    return Model(intercept, weights)


def render_model(model: Model, header: str) -> str:
    """Write a model as a weights file, ``header`` as its comment lines."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines.append(f"intercept {model.intercept:.6f}")
    lines += [f"{name} {model.weights.get(name, 0.0):.6f}" for name in FEATURES]
    return "\n".join(lines) + "\n"


def load_model(path: Path = WEIGHTS_PATH) -> Model:
    """Read the fitted model shipped beside this module."""
    return parse_model(path.read_text(encoding="utf-8"))
