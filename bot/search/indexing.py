"""Deriving the index from a knowledge base, counting only documents an earlier build lacks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from scipy import sparse

from bot.knowledge.documents import Document, KnowledgeBase
from bot.search.retrieval import BlockSource, TfidfIndex, in_memory
from bot.search.sentencerecords import SentenceStore
from bot.search.speakers import Person, find_people
from bot.search.termcounts import Place, Rows, TermCounter, TermCounts, stack
from bot.search.textnorm import words


@dataclass(frozen=True)
class IndexParts:
    """What the engine derives from the text of a knowledge base."""

    index: TfidfIndex
    surface: dict[str, int]
    people: dict[str, tuple[Person, ...]]
    # Each paragraph's sentences, worked out when the index was saved; None: work them out.
    sentences: SentenceStore | None = None


@dataclass(frozen=True)
class Earlier:
    """What an earlier build left, found by document content digest.

    ``terms`` numbers the terms of its count blocks; ``block`` loads one of them; ``places``
    gives each earlier document's rows; ``texts`` returns an earlier document's paragraphs, read
    only when its surface words must be taken back out.
    """

    terms: Sequence[str]
    block: Callable[[int], sparse.csr_matrix]
    digests: Sequence[str]
    places: Mapping[str, Place]
    people: Mapping[str, tuple[Person, ...]]
    surface: Mapping[str, int]
    texts: Callable[[str], Sequence[str]]


@dataclass(frozen=True)
class Counted:
    """Term counts of every paragraph of a knowledge base, with who is who in each document.

    ``places`` says where each document's rows are in the count blocks, in document order.
    """

    counts: TermCounts
    places: list[Place]
    people: dict[str, tuple[Person, ...]]
    tokenised: tuple[str, ...]


Progress = Callable[[str, int, int], None]
"""Told how far a long step of a build is: (the step, paragraphs done, paragraphs in all)."""


PROGRESS_EVERY = 1024
"""Paragraphs between two reports of progress within a document."""
COUNTING = "counting words"
ANALYSING = "reading sentences"


def no_progress(step: str, done: int, total: int) -> None:
    """Tell nobody."""


def count_knowledge(
    kb: KnowledgeBase, earlier: Earlier | None = None, progress: Progress = no_progress
) -> Counted:
    """Count the terms of ``kb``, reusing an earlier build's rows for unchanged documents."""
    reuse = earlier.places if earlier is not None else {}
    fresh: dict[str, Document] = {}
    for doc in kb.documents:
        if doc.digest not in reuse:
            fresh.setdefault(doc.digest, doc)
    counter = TermCounter(earlier.terms if earlier is not None else ())
    fresh_places: dict[str, Place] = {}
    found: dict[str, tuple[Person, ...]] = {}
    total = sum(len(doc.paragraphs) for doc in fresh.values())
    done = 0
    for digest, doc in fresh.items():
        fresh_places[digest] = counter.next_place(len(doc.paragraphs))
        for paragraph in doc.paragraphs:
            # A section's heading is found in every paragraph under it, as a title would be.
            counter.add_text(paragraph.text, paragraph.section)
            done += 1
            if not done % PROGRESS_EVERY:
                progress(COUNTING, done, total)
        found[digest] = tuple(find_people([p.text for p in doc.paragraphs]))
        progress(COUNTING, done, total)
    new = counter.finish()
    tokenised = tuple(d.id for d in fresh.values())
    kept = earlier.people if earlier is not None else {}
    people = {d.id: found[d.digest] if d.digest in found else kept[d.digest] for d in kb.documents}
    if len(fresh) == len(kb.documents):
        places = [fresh_places[d.digest] for d in kb.documents]
        return Counted(new, places, people, tokenised)
    loaded: dict[int, sparse.csr_matrix] = {}

    def rows(doc: Document) -> Rows:
        if doc.digest in fresh_places:
            place = fresh_places[doc.digest]
            return Rows(new.blocks[place.block], place.start, place.stop)
        assert earlier is not None  # a document not counted now was counted before
        place = earlier.places[doc.digest]
        if place.block not in loaded:
            loaded[place.block] = earlier.block(place.block)
        return Rows(loaded[place.block], place.start, place.stop)

    blocks, places = stack([rows(d) for d in kb.documents], len(new.terms))
    surface = _surface(kb.documents, earlier, new.surface)
    return Counted(TermCounts(new.terms, blocks, surface), places, people, tokenised)


def _surface(
    documents: Sequence[Document], earlier: Earlier | None, fresh: Mapping[str, int]
) -> dict[str, int]:
    """Paragraph frequencies of surface words: the earlier ones, minus what left, plus what came.

    ``fresh`` holds one copy of each newly counted document. Documents are counted by digest, so
    two files with the same text count twice, as in a build from scratch.
    """
    before = Counter(earlier.digests if earlier is not None else ())
    after = Counter(d.digest for d in documents)
    reused = earlier.places if earlier is not None else {}
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


def index_parts(counted: Counted, saved: list[BlockSource] | None = None) -> IndexParts:
    """Weight the counts into the index; the count blocks are used up.

    With ``saved`` (the blocks as just written to the index cache), the blocks in memory are let
    go first and read back one at a time, so they never sit in memory beside the whole index.
    """
    counts = counted.counts
    if saved is None:
        sources = in_memory(counts.blocks)
    else:
        counts.blocks.clear()
        sources = saved
    return IndexParts(TfidfIndex.from_counts(counts.terms, sources), counts.surface, counted.people)
