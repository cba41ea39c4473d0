"""One side of a retrieval benchmark in its own process: build or load, then answer stdin lines.

Run as ``python -m benchmarks.serve SIDE --corpus DIR [--index DIR] [--fresh]``. It prints one JSON
line when ready (with its build time), one JSON line per question read from stdin (the top hits,
flushed at once), and at the end of input one line with its in-process time per question and its
peak resident memory. The parent times the gaps between answer lines itself.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

Answerer = Callable[[str], list[tuple[str, int]]]
TOP_K = 8
_BLANK = re.compile(r"\n[ \t]*\n")


def peak_rss_kb() -> int:
    """Return this process's peak resident set size (VmHWM) in kB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def read_paragraphs(folder: Path) -> tuple[list[str], list[tuple[str, int]]]:
    """Read the paragraphs of generated knowledge files, with their (document, number) refs."""
    texts: list[str] = []
    refs: list[tuple[str, int]] = []
    for path in sorted(folder.glob("*.md")):
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        paragraphs = (" ".join(p.split()) for p in _BLANK.split(body))
        for number, text in enumerate((p for p in paragraphs if p), start=1):
            texts.append(text)
            refs.append((path.stem, number))
    return texts, refs


def project(corpus: Path, index: Path, fresh: bool) -> Answerer:
    """The accords bot's engine, built cold into the index cache or started from it."""
    from bot.answer.engine import build_engine  # noqa: PLC0415

    if fresh:
        shutil.rmtree(index, ignore_errors=True)
    engine = build_engine(corpus, cache_dir=index)

    def ask(question: str) -> list[tuple[str, int]]:
        answer = engine.answer(question)
        json.dumps(answer.to_json(), ensure_ascii=False)
        return [(c.document, c.paragraph) for c in answer.citations]

    return ask


def bm25s_side(corpus: Path, index: Path, fresh: bool) -> Answerer:
    """bm25s with its English stop words and no stemmer: retrieval only."""
    import bm25s  # noqa: PLC0415

    texts, refs = read_paragraphs(corpus)
    if fresh:
        retriever = bm25s.BM25()
        tokens = bm25s.tokenize(texts, stopwords="en", show_progress=False)
        retriever.index(tokens, show_progress=False)
        shutil.rmtree(index, ignore_errors=True)
        retriever.save(str(index), show_progress=False)
    else:
        retriever = bm25s.BM25.load(str(index), show_progress=False)
    del texts

    def ask(question: str) -> list[tuple[str, int]]:
        tokens = bm25s.tokenize([question], stopwords="en", return_ids=False, show_progress=False)
        if not tokens[0]:
            return []
        found, _ = retriever.retrieve(tokens, k=min(TOP_K, len(refs)), show_progress=False)
        return [refs[int(i)] for i in found[0]]

    return ask


def rank_bm25_side(corpus: Path, index: Path, fresh: bool) -> Answerer:
    """rank_bm25's Okapi BM25 over the same tokens as bm25s: retrieval only, no cache."""
    import numpy as np  # noqa: PLC0415
    from bm25s.stopwords import STOPWORDS_EN  # noqa: PLC0415
    from rank_bm25 import BM25Okapi  # noqa: PLC0415

    del index, fresh
    stop = frozenset(STOPWORDS_EN)
    token = re.compile(r"(?u)\b\w\w+\b")

    def tokenize(text: str) -> list[str]:
        return [t for t in token.findall(text.lower()) if t not in stop]

    texts, refs = read_paragraphs(corpus)
    model = BM25Okapi([tokenize(t) for t in texts])
    del texts

    def ask(question: str) -> list[tuple[str, int]]:
        scores = model.get_scores(tokenize(question))
        top = np.argsort(-scores, kind="stable")[:TOP_K]
        return [refs[int(i)] for i in top if scores[i] > 0]

    return ask


SIDES: dict[str, Callable[[Path, Path, bool], Answerer]] = {
    "project": project,
    "bm25s": bm25s_side,
    "rank_bm25": rank_bm25_side,
}


def main() -> None:
    """Build or load one side, then answer each line of stdin."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve")
    parser.add_argument("side", choices=sorted(SIDES))
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True, help="where the side keeps its index")
    parser.add_argument("--fresh", action="store_true", help="build from scratch, then save")
    args = parser.parse_args()
    started = time.perf_counter()
    ask = SIDES[args.side](args.corpus, args.index, args.fresh)
    ready = {"ready": True, "build_s": time.perf_counter() - started, "rss_kb": peak_rss_kb()}
    print(json.dumps(ready), flush=True)
    spent = 0.0
    asked = 0
    for line in sys.stdin:
        t = time.perf_counter()
        hits = ask(line.rstrip("\n"))
        spent += time.perf_counter() - t
        asked += 1
        print(json.dumps({"hits": hits}), flush=True)
    done = {"done": True, "in_process_ms": 1000 * spent / max(asked, 1), "rss_kb": peak_rss_kb()}
    print(json.dumps(done), flush=True)


if __name__ == "__main__":
    main()
