"""Documents a question names: by outlet or publication date, and whether it asks for the latest."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from bot.knowledge.documents import Document
from bot.search.values import values_in

_WORD: Final = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_POSSESSIVE: Final = re.compile(r"['’]s$")
# Words that ask for the newest report rather than any.
_LATEST: Final = re.compile(
    r"\b(?:the\s+)?(?:latest|newest|most\s+recent(?:ly)?|most\s+up[-\s]to[-\s]date)"
    r"(?:\s+(?:report|article|story|piece|news|version|update|edition|issue)s?)?\b",
    re.IGNORECASE,
)
# A date names a document when it stands beside a word for one, or after "published".
_DOCUMENT_NOUN: Final = re.compile(
    r"\b(?:article|report|story|piece|edition|issue|column|dispatch|publication|published|dated)\b",
    re.IGNORECASE,
)
DATE_REACH: Final = 24
# Words that attribute what follows to the outlet, dropped with its name.
_FRAMING: Final = re.compile(r"\b(?:according\s+to|per)\s*$", re.IGNORECASE)
_ARTICLE: Final = frozenset({"the", "a", "an"})
_BEFORE_OUTLET: Final = frozenset({"the", "to", "per", "by", "in", "from", "did", "does", "do"})
_PLACE_PREPOSITIONS: Final = frozenset({"in", "to", "from"})
_AFTER_OUTLET: Final = frozenset(
    {"say", "says", "said", "report", "reports", "reported", "write", "writes", "wrote"}
)


def without_latest(text: str) -> str | None:
    """``text`` without the words that ask for the newest report, or None when it has none."""
    if _LATEST.search(text) is None:
        return None
    return " ".join(_LATEST.sub(" ", text).split())


@dataclass(frozen=True)
class Mention:
    """What a question says about which documents to answer from."""

    text: str
    documents: frozenset[str] = frozenset()
    latest: bool = False


class DocumentNames:
    """Finds the documents a question names among one knowledge base's documents."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self._outlets: dict[tuple[str, ...], frozenset[str]] = {}
        for doc in documents:
            if doc.source:
                name = tuple(w for w in _words(doc.source) if w not in _ARTICLE)
                if name:
                    self._outlets[name] = self._outlets.get(name, frozenset()) | {doc.id}
        heads: dict[str, int] = {}
        for name in self._outlets:
            heads[name[-1]] = heads.get(name[-1], 0) + 1
        self._unique_heads = frozenset(h for h, n in heads.items() if n == 1)
        # Every word of every outlet's name: a question without one names no outlet.
        self._outlet_words = frozenset(w for name in self._outlets for w in name)
        self._published = [(doc.id, doc.published) for doc in documents if doc.published]
        self._texts = [p.text for doc in documents for p in doc.paragraphs]
        self._name_like: dict[str, bool] = {}
        # Reading a question and answering it both ask about the same text, one after the other.
        self._last: tuple[str, Mention] | None = None

    def find(self, question: str) -> Mention:
        """The documents ``question`` names and the question without the naming words."""
        last = self._last
        if last is not None and last[0] == question:
            return last[1]
        found = self._find(question)
        self._last = (question, found)
        return found

    def _find(self, question: str) -> Mention:
        text = question
        latest = _LATEST.search(text) is not None
        if latest:
            text = _LATEST.sub(" ", text)
        named: set[str] = set()
        span = self._outlet_span(text)
        if span is not None:
            start, end, ids = span
            named |= ids
            framing = _FRAMING.search(text[:start])
            start = framing.start() if framing else start
            text = text[:start] + " " + text[end:]
        dated = self._dated(text)
        if dated is not None:
            start, end, ids = dated
            named |= ids
            text = text[:start] + " " + text[end:]
        if text != question:
            text = " ".join(text.split())
        return Mention(text or question, frozenset(named), latest)

    def _outlet_span(self, text: str) -> tuple[int, int, frozenset[str]] | None:
        """The span of the longest outlet name (or its end) in ``text``, and its documents."""
        tokens = [
            (m.start(), m.end(), _POSSESSIVE.sub("", m.group().lower()))
            for m in _WORD.finditer(text)
        ]
        found: tuple[int, int, int, frozenset[str]] | None = None
        if self._outlet_words.isdisjoint(t[2] for t in tokens):
            return None
        for name, ids in self._outlets.items():
            for i in range(len(tokens)):
                size = _suffix_match(name, [t[2] for t in tokens[i:]])
                if not size:
                    continue
                start = tokens[i][0]
                if size == 1:
                    before = tokens[i - 1][2] if i else ""
                    after = tokens[i + 1][2] if i + 1 < len(tokens) else ""
                    # One word names an outlet only where the question frames it as one
                    # ("according to Reuters", "what did the Tribune say") and the sources use
                    # the word only as a name; the end of a longer name must be one outlet's.
                    # The last word of a longer name after "in", "to" or "from" is a place
                    # ("jailed in Kestrania", not the Press Service ... of Kestrania).
                    framed = (
                        before in _BEFORE_OUTLET
                        and (len(name) == 1 or before not in _PLACE_PREPOSITIONS)
                    ) or after in _AFTER_OUTLET
                    if not (
                        framed
                        and self._only_as_name(name[-1])
                        and (len(name) == 1 or name[-1] in self._unique_heads)
                    ):
                        continue
                if i and tokens[i - 1][2] == "the":
                    start = tokens[i - 1][0]
                candidate = (size, start, tokens[i + size - 1][1], ids)
                if found is None or candidate[0] > found[0]:
                    found = candidate
        return None if found is None else (found[1], found[2], found[3])

    def _only_as_name(self, word: str) -> bool:
        """True when the sources never write ``word`` in lower case, as a common word."""
        known = self._name_like.get(word)
        if known is None:
            pattern = re.compile(rf"\b{re.escape(word)}\b")
            known = not any(pattern.search(t) for t in self._texts)
            self._name_like[word] = known
        return known

    def _dated(self, text: str) -> tuple[int, int, frozenset[str]] | None:
        """A publication date beside a word for a document, and the documents of that date."""
        if not self._published or _DOCUMENT_NOUN.search(text) is None:
            return None
        for value in values_in(text):
            if value.kind != "date":
                continue
            near = text[max(0, value.start - DATE_REACH) : value.end + DATE_REACH]
            if not _DOCUMENT_NOUN.search(near):
                continue
            year, month, day = (int(x) for x in value.key)
            ids = frozenset(
                doc_id
                for doc_id, published in self._published
                if published[5:] == f"{month:02d}-{day:02d}"
                and (not year or published[:4] == str(year))
            )
            if ids:
                return value.start, value.end, ids
        return None


def _words(text: str) -> list[str]:
    return [_POSSESSIVE.sub("", m.group().lower()) for m in _WORD.finditer(text)]


def _suffix_match(name: tuple[str, ...], words: list[str]) -> int:
    """How many words at the start of ``words`` spell the whole name or its last words."""
    for skip in range(len(name)):
        tail = name[skip:]
        if tuple(words[: len(tail)]) == tail:
            return len(tail)
    return 0
