"""Readers and engines over a few sentences or one article, for tests of reading and answering."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from bot.answer.engine import Engine, build_engine
from bot.answer.questions import QueryTerm, QuestionReader
from bot.search.retrieval import TfidfIndex
from bot.search.spelling import Speller
from bot.search.textnorm import terms, words


def reader_over(texts: Sequence[str]) -> QuestionReader:
    """Return a reader whose vocabulary, weights and spellings are those of ``texts``."""
    index = TfidfIndex.build([terms(t) for t in texts])
    surface = {w: 1 for t in texts for w in words(t)}
    return QuestionReader(index, Speller(surface, lambda w: surface.get(w, 0)))


def term_read(reader: QuestionReader, question: str, surface: str) -> QueryTerm:
    """Return the term ``reader`` makes of the word ``surface`` of ``question``."""
    return next(t for t in reader.read(question).terms if t.surface == surface)


def article(title: str, published: str, *paragraphs: str, source: str = "Test Wire") -> str:
    """A Markdown news report of ``source``: front matter, then ``paragraphs``."""
    front = f"---\ntitle: {title}\nsource: {source}\npublished: {published}\n---\n\n"
    return front + "\n\n".join(paragraphs) + "\n"


def engine_over(folder: Path, article: str, min_confidence: float | None = None) -> Engine:
    """Write ``article`` (Markdown with front matter) into ``folder`` and build its engine."""
    return engine_of(folder, {"article": article}, min_confidence)


def engine_of(
    folder: Path, articles: Mapping[str, str], min_confidence: float | None = None
) -> Engine:
    """Write each of ``articles`` into ``folder`` as ``<name>.md`` and build their engine."""
    for name, text in articles.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    if min_confidence is None:
        return build_engine(folder)
    return build_engine(folder, min_confidence)
