"""Deriving the index from a knowledge base, counting only documents an earlier build lacks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.knowledge import Document, KnowledgeBase
from bot.retrieval import TfidfIndex
from bot.speakers import Person, find_people
from bot.termcounts import Rows, TermCounter, TermCounts, stack
from bot.textnorm import words


@dataclass(frozen=True)
class IndexParts:
    """What the engine derives from the text of a knowledge base."""

    index: TfidfIndex
    surface: dict[str, int]
    people: dict[str, tuple[Person, ...]]


@dataclass(frozen=True)
class Earlier:
    """What an earlier build left, found by document content digest.

    ``rows`` gives each earlier document's rows of ``counts``; ``texts`` returns an earlier
    document's paragraphs, read only when its surface words must be taken back out.
    """

    counts: Callable[[], TermCounts]
    digests: Sequence[str]
    rows: Mapping[str, tuple[int, int]]
    people: Mapping[str, tuple[Person, ...]]
    surface: Mapping[str, int]
    texts: Callable[[str], Sequence[str]]


@dataclass(frozen=True)
class Counted:
    """Term counts of every paragraph of a knowledge base, with who is who in each document."""

    counts: TermCounts
    people: dict[str, tuple[Person, ...]]
    tokenised: tuple[str, ...]


def count_knowledge(kb: KnowledgeBase, earlier: Earlier | None = None) -> Counted:
    """Count the terms of ``kb``, reusing an earlier build's rows for unchanged documents."""
    reuse = earlier.rows if earlier is not None else {}
    fresh: dict[str, Document] = {}
    for doc in kb.documents:
        if doc.digest not in reuse:
            fresh.setdefault(doc.digest, doc)
    counter = TermCounter()
    fresh_rows: dict[str, tuple[int, int]] = {}
    found: dict[str, tuple[Person, ...]] = {}
    start = 0
    for digest, doc in fresh.items():
        for paragraph in doc.paragraphs:
            counter.add_text(paragraph.text)
        fresh_rows[digest] = (start, start + len(doc.paragraphs))
        start += len(doc.paragraphs)
        found[digest] = tuple(find_people([p.text for p in doc.paragraphs]))
    new = counter.finish()
    tokenised = tuple(d.id for d in fresh.values())
    kept = earlier.people if earlier is not None else {}
    people = {d.id: found[d.digest] if d.digest in found else kept[d.digest] for d in kb.documents}
    if len(fresh) == len(kb.documents):
        return Counted(new, people, tokenised)
    old = earlier.counts() if earlier is not None else new
    parts = [
        Rows(new, *fresh_rows[d.digest]) if d.digest in fresh_rows else Rows(old, *reuse[d.digest])
        for d in kb.documents
    ]
    stacked = stack(parts)
    surface = _surface(kb.documents, earlier, new.surface)
    return Counted(TermCounts(stacked.terms, stacked.matrix, surface), people, tokenised)


def _surface(
    documents: Sequence[Document], earlier: Earlier | None, fresh: Mapping[str, int]
) -> dict[str, int]:
    """Paragraph frequencies of surface words: the earlier ones, minus what left, plus what came.

    ``fresh`` holds one copy of each newly counted document. Documents are counted by digest, so
    two files with the same text count twice, as in a build from scratch.
    """
    before = Counter(earlier.digests if earlier is not None else ())
    after = Counter(d.digest for d in documents)
    reused = earlier.rows if earlier is not None else {}
    surface = Counter(earlier.surface if earlier is not None else {})
    surface.update(fresh)
    now = {d.digest: d for d in documents}
    for digest in before.keys() | after.keys():
        change = after[digest] - before[digest] - (digest not in reused)
        if change == 0:
            continue
        if digest in now:
            texts: Sequence[str] = [p.text for p in now[digest].paragraphs]
        else:
            assert earlier is not None  # a digest that left was in the earlier build
            texts = earlier.texts(digest)
        for word, n in _paragraph_frequencies(texts).items():
            surface[word] += change * n
    return {w: n for w, n in surface.items() if n > 0}


def _paragraph_frequencies(texts: Sequence[str]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(set(words(text)))
    return counts


def index_parts(counted: Counted) -> IndexParts:
    """Weight the counts into the index; the counts' matrix is used up."""
    counts = counted.counts
    return IndexParts(
        TfidfIndex.from_counts(counts.terms, counts.matrix), counts.surface, counted.people
    )
