"""Deterministic synthetic knowledge folders and their target questions.

Words are made-up syllable strings drawn from a Zipf-Mandelbrot law, so a few words are very common
and most are rare, as in real text. Each target question names the rarest words of one sentence of a
known paragraph, so exactly one paragraph is the right first hit.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import numpy as np
import numpy.typing as npt

from bot.search.textnorm import NUMBER_WORDS, QUESTION_FRAME_WORDS, STOP_WORDS

# Bump when anything below changes what is generated, so stale corpora are rewritten.
GENERATOR_VERSION: Final = 1
SEED: Final = 20230315
VOCABULARY: Final = 300_000
ZIPF_EXPONENT: Final = 1.07
ZIPF_SHIFT: Final = 2.7
MIN_WORDS: Final = 40
MAX_WORDS: Final = 120
PARAGRAPHS_PER_FILE: Final = 400
QUESTION_WORDS: Final = 3
# Target questions written with each corpus; a run asks an evenly spread selection of them.
TARGET_POOL: Final = 1000
_ONSETS: Final = "b d f g k l m n p r s t v z ch sh tr pl".split()
_VOWELS: Final = "a e i o u ai ou".split()


@dataclass(frozen=True)
class Target:
    """A question and the paragraph that answers it: document id and paragraph number."""

    question: str
    document: str
    paragraph: int


@dataclass(frozen=True)
class Corpus:
    """A generated knowledge folder with its targets."""

    folder: Path
    paragraphs: int
    targets: tuple[Target, ...]


def vocabulary(size: int = VOCABULARY, seed: int = SEED) -> list[str]:
    """Return ``size`` distinct made-up words, none of them an English function word."""
    rng = np.random.default_rng(seed)
    banned = STOP_WORDS | QUESTION_FRAME_WORDS | NUMBER_WORDS.keys()
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < size:
        syllables = rng.integers(3, 5, size=4096)
        onsets = rng.integers(0, len(_ONSETS), size=(4096, 4))
        vowels = rng.integers(0, len(_VOWELS), size=(4096, 4))
        for n, row_o, row_v in zip(syllables, onsets, vowels, strict=True):
            word = "".join(
                _ONSETS[o] + _VOWELS[v] for o, v in zip(row_o[:n], row_v[:n], strict=True)
            )
            if word not in seen and word not in banned:
                seen.add(word)
                out.append(word)
                if len(out) == size:
                    break
    return out


def _cdf(size: int) -> npt.NDArray[np.float64]:
    weights = 1.0 / (np.arange(size, dtype=np.float64) + ZIPF_SHIFT) ** ZIPF_EXPONENT
    cdf = np.cumsum(weights)
    return cdf / cdf[-1]


def _paragraph(ranks: npt.NDArray[np.int64], lengths: list[int], vocab: list[str]) -> str:
    """Join word ranks into sentences: capitalised first word, full stop at the end."""
    sentences: list[str] = []
    at = 0
    for n in lengths:
        chunk = [vocab[r] for r in ranks[at : at + n]]
        at += n
        sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
    return " ".join(sentences)


def _sentence_lengths(rng: np.random.Generator, total: int) -> list[int]:
    lengths: list[int] = []
    left = total
    while left > 0:
        n = min(left, int(rng.integers(8, 17)))
        if left - n < 4:
            n = left
        lengths.append(n)
        left -= n
    return lengths


def _question(ranks: npt.NDArray[np.int64], vocab: list[str]) -> str:
    rare = sorted(set(ranks.tolist()), reverse=True)[:QUESTION_WORDS]
    named = [vocab[r] for r in sorted(rare)]
    return f"What is known about {', '.join(named[:-1])} and {named[-1]}?"


def _target_slots(paragraphs: int, count: int) -> set[int]:
    step = max(1, paragraphs // count)
    return {min(paragraphs - 1, i * step + step // 2) for i in range(count)}


def generate(folder: Path, paragraphs: int, questions: int) -> Corpus:
    """Write (or reuse) a knowledge folder of ``paragraphs`` paragraphs; return it with targets."""
    stamp = folder / ".stamp.json"
    wanted = {"version": GENERATOR_VERSION, "paragraphs": paragraphs}
    targets_file = folder / ".targets.jsonl"
    if stamp.exists() and targets_file.exists():
        try:
            if json.loads(stamp.read_text()) == wanted:
                return Corpus(folder, paragraphs, _spread(_read_targets(targets_file), questions))
        except ValueError:
            pass
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.md"):
        old.unlink()
    stamp.unlink(missing_ok=True)
    vocab = vocabulary()
    cdf = _cdf(len(vocab))
    rng = np.random.default_rng(SEED + paragraphs)
    slots = _target_slots(paragraphs, TARGET_POOL)
    targets: list[Target] = []
    files = (paragraphs + PARAGRAPHS_PER_FILE - 1) // PARAGRAPHS_PER_FILE
    for f in range(files):
        first = f * PARAGRAPHS_PER_FILE
        count = min(PARAGRAPHS_PER_FILE, paragraphs - first)
        doc_id = f"doc-{f:05d}"
        lengths = rng.integers(MIN_WORDS, MAX_WORDS + 1, size=count)
        ranks = np.searchsorted(cdf, rng.random(int(lengths.sum())), side="right")
        body: list[str] = []
        at = 0
        for i, n in enumerate(lengths.tolist()):
            para = ranks[at : at + n]
            at += n
            split = _sentence_lengths(rng, n)
            body.append(_paragraph(para, split, vocab))
            if first + i in slots:
                end = split[0]
                targets.append(Target(_question(para[:end], vocab), doc_id, i + 1))
        header = (
            f"---\ntitle: Synthetic record {f:05d}\nsource: Benchmark generator\n"
            f"published: 2023-03-{1 + f % 28:02d}\n---\n\n"
        )
        (folder / f"{doc_id}.md").write_text(header + "\n\n".join(body) + "\n", encoding="utf-8")
        _progress(f"generating {size_label(paragraphs)} paragraphs", f + 1, files)
    _write_targets(targets_file, targets)
    stamp.write_text(json.dumps(wanted))
    return Corpus(folder, paragraphs, _spread(tuple(targets), questions))


def _spread(targets: tuple[Target, ...], count: int) -> tuple[Target, ...]:
    """Pick ``count`` targets spread evenly over the corpus."""
    if count >= len(targets):
        return targets
    return tuple(targets[i * len(targets) // count] for i in range(count))


def _write_targets(path: Path, targets: list[Target]) -> None:
    lines = (
        json.dumps({"question": t.question, "document": t.document, "paragraph": t.paragraph})
        for t in targets
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _read_targets(path: Path) -> tuple[Target, ...]:
    return tuple(_targets(path.read_text(encoding="utf-8").splitlines()))


def _targets(lines: list[str]) -> Iterator[Target]:
    for line in lines:
        row = json.loads(line)
        yield Target(row["question"], row["document"], int(row["paragraph"]))


def size_label(n: int) -> str:
    """Return a paragraph count the way the table shows it: 10k, 1M."""
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}M"
    if n >= 1000 and n % 1000 == 0:
        return f"{n // 1000}k"
    return str(n)


def _progress(what: str, done: int, total: int) -> None:
    """Show progress on stderr, one line rewritten in place."""
    if done == total or done % max(1, total // 100) == 0:
        end = "\n" if done == total else ""
        print(f"\r  {what}: {done}/{total} files", end=end, file=sys.stderr, flush=True)
