"""Words of like meaning, by the word vectors of the static model (numpy only, no extra needed).

The model in bot/search/models/minilm-static (see its README) holds a vector for each word piece
of its vocabulary; a whole English word of that vocabulary ("quarrel", "dispute") has its own.
A question word the sources never use is matched to the source words nearest it in meaning
("quarrel" finds "dispute", "staff" finds "employees").
"""

from __future__ import annotations

import json
import struct
import threading
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

MODEL_DIR: Final = Path(__file__).resolve().parent / "models" / "minilm-static"
# Cosine at which two words count as alike ("staff" and "employees" 0.65, "stock" and "shares"
# 0.63; "tall" and "high" 0.44 do not), chosen on the public sets, every set measured at once: at
# 0.55 and 0.5 out-of-scope questions begin to be answered.
MIN_SIMILARITY: Final = 0.6
# Source words a question word may stand for, at most.
NEAREST: Final = 2
# Words looked up, remembered: a question's unknown words recur.
CACHE_SIZE: Final = 4096

Matrix = npt.NDArray[np.float32]


@cache
def _model() -> tuple[dict[str, int], Matrix]:
    """The whole-word vocabulary and its unit-length vectors, read once."""
    raw = (MODEL_DIR / "model.safetensors").read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    start, end = header["embeddings"]["data_offsets"]
    rows, width = header["embeddings"]["shape"]
    table = np.frombuffer(raw[8 + size + start : 8 + size + end], dtype=np.float16)
    vectors = table.reshape(rows, width).astype(np.float32)
    vocabulary = json.loads((MODEL_DIR / "tokenizer.json").read_text(encoding="utf-8"))
    pieces: dict[str, int] = vocabulary["model"]["vocab"]
    words = {w: i for w, i in pieces.items() if w.isascii() and w.isalpha() and len(w) > 2}
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    # Kept at half precision (15 MB); a knowledge base's rows are widened when first used.
    return words, vectors.astype(np.float16)


class Neighbours:
    """Finds, among a knowledge base's words, those nearest a word in meaning."""

    def __init__(self, words: Iterable[str]) -> None:
        self._candidates = sorted(w for w in words if w.isascii() and w.isalpha())
        self._ready = threading.Lock()
        self._words: list[str] | None = None
        self._matrix: Matrix | None = None
        self._found: dict[str, list[str]] = {}

    def _load(self) -> tuple[list[str], Matrix]:
        # Read on the first unknown word, not when the engine is built: most questions need none.
        with self._ready:
            if self._words is None or self._matrix is None:
                vocabulary, vectors = _model()
                known = [w for w in self._candidates if w in vocabulary]
                self._words = known
                self._matrix = vectors[[vocabulary[w] for w in known]].astype(np.float32)
            return self._words, self._matrix

    def nearest(self, word: str) -> list[str]:
        """Return up to ``NEAREST`` source words alike in meaning to ``word``, nearest first."""
        vocabulary, vectors = _model()
        row = vocabulary.get(word)
        if row is None:
            return []
        words, matrix = self._load()
        if not words:
            return []
        similarity = matrix @ vectors[row]
        order = np.argsort(-similarity, kind="stable")[: NEAREST + 1]
        return [words[i] for i in order if words[i] != word and similarity[i] >= MIN_SIMILARITY][
            :NEAREST
        ]
