"""``python tools/build_alike_ru.py NAVEC.tar OUT``: the table of Russian words alike in meaning.

The word vectors are navec's news embeddings (``navec_news_v1_1B_250K_300d_100q.tar``, shipped in
the natasha package; read with the navec package). Every Cyrillic word of their vocabulary that
pymorphy3's dictionary knows is put under its dictionary form, as the index writes it; a dictionary
form met in two word forms or more gets the mean of their vectors. For each such form, the forms
whose mean vectors lie nearest (cosine ``MIN_SIMILARITY`` or more, eight at most, nearest first)
are written as ``word<TAB>word,word`` lines. The same vectors give the same file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

import numpy as np
from build_alike import build

from bot.knowledge.languages import RUSSIAN
from bot.search.languages import fold, is_known_word, lemma
from bot.search.wordtables import write
from bot.search.wordvectors import Matrix

# Cosine at which two Russian dictionary forms count as alike: at 0.6, as for English, words only
# related in the news ("курс" and "валюта") count, and out-of-scope questions are answered; 0.65
# and 0.7 answered the same Russian questions, every set measured at once.
MIN_SIMILARITY = 0.65
# A dictionary form seen in fewer word forms than this is too rare to place by its vectors.
MIN_FORMS = 2
_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")


def lemma_vectors(words: list[str], vector: Any) -> tuple[list[str], Matrix]:
    """Each dictionary form met in ``MIN_FORMS`` word forms or more, with its unit mean vector.

    ``words`` is the vectors' vocabulary and ``vector(word)`` a word's vector.
    """
    forms: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        if len(word) < 3 or not set(word) <= _LETTERS or not is_known_word(word, RUSSIAN):
            continue
        forms.setdefault(lemma(fold(word), RUSSIAN), []).append(i)
    chosen = sorted(w for w, rows in forms.items() if len(rows) >= MIN_FORMS)
    vectors = np.stack(
        [np.mean([vector(words[i]) for i in forms[w]], axis=0) for w in chosen]
    ).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return chosen, vectors


HEADER = (
    "Russian words alike in meaning (dictionary forms), by navec's news word vectors\n"
    "(see README.md here for origin and licence); written by `make alike-ru`, do not edit by hand."
)


def main(argv: list[str] | None = None) -> int:
    """Build the table and write it."""
    parser = argparse.ArgumentParser(prog="python tools/build_alike_ru.py", description=__doc__)
    parser.add_argument("vectors", type=Path, help="navec's news vectors (a .tar file)")
    parser.add_argument("output", type=Path, help="the table to write")
    args = parser.parse_args(argv)
    # navec is installed for this tool alone, by `make alike-ru`.
    from navec import Navec  # type: ignore[import-not-found]  # noqa: PLC0415

    navec = Navec.load(args.vectors)
    table = build(*lemma_vectors(navec.vocab.words, navec.get), MIN_SIMILARITY)
    write(args.output, HEADER, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
