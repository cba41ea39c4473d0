"""Semantic re-ranking of retrieved paragraphs with a static sentence-embedding model.

The model (bot/search/models/minilm-static, see its README) is a table of word-piece vectors
distilled from all-MiniLM-L6-v2; model2vec encodes a text as their mean, on numpy alone. It is
optional: installed with ``pip install '.[semantic]'`` and switched by ``BOT_SEMANTIC``.
"""

from __future__ import annotations

import importlib.util
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final, Literal, Protocol

import numpy as np
import numpy.typing as npt

from bot.search.retrieval import Hit

MODEL_DIR: Final = Path(__file__).resolve().parent / "models" / "minilm-static"
# The model learnt English only: in other languages its similarities are noise.
MODEL_LANGUAGE: Final = "en"
# TF-IDF candidates read again by meaning: a paraphrase sharing few words with the question may
# rank low; 24 encode in a few milliseconds (8 and 48 measured the same on the public sets).
DEPTH: Final = 24
# The share of meaning in a candidate's new score: the best retrieval top-1 over every public
# question set at once (benchmarks/semantic.py); from 0.5 on it is below TF-IDF alone.
WEIGHT: Final = 0.2
VECTOR_CACHE_SIZE: Final = 8192

Mode = Literal["auto", "on", "off"]
Vectors = npt.NDArray[np.float32]


class SemanticUnavailableError(RuntimeError):
    """Semantic re-ranking was asked for but its install extra is missing."""


class Encoder(Protocol):
    """What re-ranking needs of a model: texts in, unit-length vectors out."""

    def encode(self, sentences: Sequence[str]) -> npt.NDArray[np.generic]:
        """Return one unit-length vector a text."""


_loaded: Encoder | None = None
_loading = threading.Lock()


def available() -> bool:
    """True when the semantic install extra (model2vec) is installed."""
    return importlib.util.find_spec("model2vec") is not None


def load_model() -> Encoder:
    """Return the static model, read from its folder on first use and kept for the process."""
    global _loaded  # noqa: PLW0603
    with _loading:
        if _loaded is None:
            from model2vec import StaticModel  # noqa: PLC0415

            _loaded = StaticModel.from_pretrained(str(MODEL_DIR))
        return _loaded


class Reranker:
    """Orders TF-IDF hits again by score and meaning, paragraph vectors kept in an LRU."""

    def __init__(
        self,
        text_of: Callable[[int], str],
        weight: float = WEIGHT,
        depth: int = DEPTH,
        model: Callable[[], Encoder] = load_model,
    ) -> None:
        self.text_of = text_of
        self.weight = weight
        self.depth = depth
        self._model = model
        self._vectors: OrderedDict[int, Vectors] = OrderedDict()
        self._lock = threading.Lock()

    def similarities(self, question: str, paragraphs: Sequence[int]) -> Vectors:
        """Return the cosine of ``question`` with each of ``paragraphs``, in their order."""
        model = self._model()
        with self._lock:
            missing = [p for p in paragraphs if p not in self._vectors]
        texts = [question, *(self.text_of(p) for p in missing)]
        encoded = np.asarray(model.encode(texts), dtype=np.float32)
        with self._lock:
            for p, vector in zip(missing, encoded[1:], strict=True):
                self._vectors[p] = vector
            for p in paragraphs:
                self._vectors.move_to_end(p)
            rows = np.stack([self._vectors[p] for p in paragraphs])
            while len(self._vectors) > VECTOR_CACHE_SIZE:
                self._vectors.popitem(last=False)
        result: Vectors = rows @ encoded[0]
        return result

    def rerank(self, question: str, hits: Sequence[Hit]) -> list[Hit]:
        """Return ``hits`` ordered again by meaning (see ``combine``)."""
        if len(hits) < 2:
            return list(hits)
        cosines = self.similarities(question, [h.paragraph for h in hits])
        return combine(hits, cosines, self.weight)


def combine(hits: Sequence[Hit], cosines: Vectors, weight: float) -> list[Hit]:
    """Score each hit by TF-IDF and cosine, both relative to the best, and sort.

    score'[i] = s_max * ((1 - w) * s[i] / s_max + w * max(c[i], 0) / c_max), where s is the
    TF-IDF score, c the cosine with the question and w the ``weight``; the top score stays on the
    TF-IDF scale (it is s_max when one paragraph leads both), so thresholds read it as before.
    """
    top = max(h.score for h in hits)
    clipped = np.maximum(cosines, 0.0)
    best = float(clipped.max())
    if top <= 0 or best <= 0:
        return list(hits)
    scored = [
        Hit(h.paragraph, top * ((1 - weight) * h.score / top + weight * float(c) / best))
        for h, c in zip(hits, clipped, strict=True)
    ]
    return sorted(scored, key=lambda h: (-h.score, h.paragraph))


def check_mode(mode: Mode) -> None:
    """Raise ``SemanticUnavailableError`` when ``mode`` is "on" and the extra is not installed."""
    if mode == "on" and not available():
        raise SemanticUnavailableError(
            "BOT_SEMANTIC=on needs the semantic install extra: pip install '.[semantic]'"
        )


def reranker_for(mode: Mode, text_of: Callable[[int], str]) -> Reranker | None:
    """Return the re-ranker ``mode`` asks for, or None; raise when "on" but not installed."""
    check_mode(mode)
    if mode == "off" or not available():
        return None
    return Reranker(text_of)
