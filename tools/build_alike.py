"""``python tools/build_alike.py OUT``: the table of English words alike in meaning.

For each whole English word of the static model's vocabulary (bot/search/models/minilm-static),
the words whose vectors lie nearest it (cosine ``MIN_SIMILARITY`` or more, ``PER_WORD`` at most,
nearest first), written as ``word<TAB>word,word`` lines. The question reader looks a word up there
instead of comparing vectors while answering. The same model gives the same file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.search.wordtables import write
from bot.search.wordvectors import MIN_SIMILARITY, Matrix, model_words

# Words kept for each word: the reader takes the first few of them that the sources use.
PER_WORD = 12
# Rows compared at a time: a block of similarities is BLOCK x vocabulary floats.
BLOCK = 1024


def build(
    words: Sequence[str], vectors: Matrix, min_similarity: float = MIN_SIMILARITY
) -> dict[str, list[str]]:
    """Return each word's nearest words, nearest first (``vectors``: unit rows, one a word)."""
    table: dict[str, list[str]] = {}
    for start in range(0, len(words), BLOCK):
        similarity = vectors[start : start + BLOCK] @ vectors.T
        for offset, row in enumerate(similarity):
            i = start + offset
            row[i] = -1.0
            order = np.argsort(-row, kind="stable")[:PER_WORD]
            near = [words[j] for j in order if row[j] >= min_similarity]
            if near:
                table[words[i]] = near
    return table


HEADER = (
    "English words alike in meaning, by the word vectors of bot/search/models/minilm-static\n"
    "(its README gives origin and licence); written by `make alike`, do not edit by hand."
)


def main(argv: list[str] | None = None) -> int:
    """Build the table and write it."""
    parser = argparse.ArgumentParser(prog="python tools/build_alike.py", description=__doc__)
    parser.add_argument("output", type=Path, help="the table to write")
    args = parser.parse_args(argv)
    table = build(*model_words())
    write(args.output, HEADER, table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
