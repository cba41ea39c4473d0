"""Words of like meaning, from the word vectors of the static model.

The model in bot/search/models/minilm-static (see its README) holds a vector for each word piece
of its vocabulary; a whole English word of that vocabulary ("quarrel", "dispute") has its own.
``make alike`` (tools/build_alike.py) writes, for each such word, the words nearest it in meaning
to bot/search/thesaurus/alike-en.tsv; answering only looks words up there.
"""

from __future__ import annotations

import functools
import json
import struct
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from bot.knowledge.languages import RUSSIAN
from bot.search.languages import lemma, script_of
from bot.search.spelling import common_slip, edits1
from bot.search.wordtables import WordTable

MODEL_DIR: Final = Path(__file__).resolve().parent / "models" / "minilm-static"
TABLE: Final = WordTable(Path(__file__).resolve().parent / "thesaurus" / "alike-en.tsv")
# Russian words alike in meaning, by their dictionary forms: ``make alike-ru``
# (tools/build_alike_ru.py) writes it from navec's news word vectors.
RUSSIAN_TABLE: Final = WordTable(Path(__file__).resolve().parent / "thesaurus" / "alike-ru.tsv")
# Cosine at which two words count as alike ("staff" and "employees" 0.65, "stock" and "shares"
# 0.63; "tall" and "high" 0.44 do not), chosen on the public sets, every set measured at once: at
# 0.55 and 0.5 out-of-scope questions begin to be answered.
MIN_SIMILARITY: Final = 0.6

Matrix = npt.NDArray[np.float32]


def model_words() -> tuple[list[str], Matrix]:
    """The model's whole English words (three letters or more) and their unit-length vectors."""
    raw = (MODEL_DIR / "model.safetensors").read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    start, end = header["embeddings"]["data_offsets"]
    rows, width = header["embeddings"]["shape"]
    table = np.frombuffer(raw[8 + size + start : 8 + size + end], dtype=np.float16)
    vectors = table.reshape(rows, width).astype(np.float32)
    chosen = sorted((i, w) for w, i in _whole_words().items() if len(w) > 2)
    words = [w for _, w in chosen]
    matrix = vectors[[i for i, _ in chosen]]
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-9
    return words, matrix


def load() -> None:
    """Read the tables of words alike and the model's vocabulary now, not at a first question."""
    TABLE.load()
    RUSSIAN_TABLE.load()
    _whole_words()


@functools.cache
def _whole_words() -> dict[str, int]:
    """The word pieces of the model's vocabulary that are whole English words, and their rows."""
    vocabulary = json.loads((MODEL_DIR / "tokenizer.json").read_text(encoding="utf-8"))
    pieces: dict[str, int] = vocabulary["model"]["vocab"]
    return {w: i for w, i in pieces.items() if w.isascii() and w.isalpha()}


def is_common_english(word: str) -> bool:
    """True when a lower-case word is a whole word of the static model's English vocabulary.

    Its 30,000 word pieces hold the English words common enough to be kept whole ("come",
    "bank"); a rare word ("privet", a hedge shrub) is cut into pieces.
    """
    return word in _whole_words()


def commonest_within_one_edit(word: str) -> str | None:
    """The commonest whole English word of the model's vocabulary one edit from ``word`` ("jooke":
    "joke"), or None. The vocabulary lists its words commonest first. A letter left out is the
    commonest slip: a word it gives goes before the others ("mondy" is "monday", not "money")."""
    rows = _whole_words()
    found = [w for w in edits1(word) if len(w) > 2 and w in rows]
    if not found:
        return None
    return min(found, key=lambda w: (not common_slip(w, word, swaps=False), rows[w]))


def alike(word: str) -> tuple[str, ...]:
    """Return the words alike in meaning to a lower-case English or Russian word, nearest first.

    A Russian word is looked up by its dictionary form, and its alike words are dictionary forms.
    """
    if script_of(word) == RUSSIAN:
        return RUSSIAN_TABLE.get(lemma(word, RUSSIAN))
    return TABLE.get(word)
