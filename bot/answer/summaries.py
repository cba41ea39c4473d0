"""Questions about the whole: telling them apart, and a short extractive summary of the sources."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from bot.answer.composer import dated, mark
from bot.answer.mentions import DocumentNames, without_latest
from bot.answer.records import Answer, Citation
from bot.answer.texts import say
from bot.knowledge.documents import Document, KnowledgeBase
from bot.knowledge.languages import ENGLISH, PERSIAN, RUSSIAN
from bot.search.languages import term
from bot.search.sentencerecords import LEANS, PRONOUN, Facts
from bot.search.textnorm import QUESTION_FRAME_WORDS, STOP_WORDS, stem, words

# "Summarize", "an overview", "the gist", "main points", "tl;dr": asking for the whole.
_CUE: Final = re.compile(
    r"\b(?:summ?ar(?:y|ies|i[sz]e[sd]?|i[sz]ing|i[sz]ation)|overview|gist|recap|synopsis|"
    r"tl\s*;?\s*dr|(?:main|key)\s+(?:points?|facts?|takeaways?)|highlights|in\s+a\s+nutshell|"
    r"brief\s+me|sum\s+(?:it|this|that)\s+up)\b",
    re.IGNORECASE,
)
# "What is this about?", "what was the article about": about, at the end, after "what is X".
_ABOUT: Final = re.compile(
    r"^(?:so\s+)?what(?:'s|’s|s|\s+is|\s+are|\s+was|\s+were)\s+(?P<rest>.*?)\s*\babout\s*[?.!]*$",
    re.IGNORECASE,
)
# "What was agreed?", "what has been decided": one verb, nothing asked about it in particular.
_AGREED: Final = re.compile(
    r"^what\s+(?:was|were|has\s+been|have\s+been|got)\s+(?P<verb>[a-z]+(?:ed|en))"
    r"(?:\s+(?:on|upon|to))?\s*(?P<rest>.*?)[?.!]*$",
    re.IGNORECASE,
)
# Words that point at the sources as a whole rather than at something in them.
_WHOLE: Final = frozenset(
    "this it that these those everything all whole entire overall knowledge base sources source "
    "documents document articles article texts text stories story news reports report piece "
    "pieces coverage me us please briefly brief short quick give provide make write".split()
)


@dataclass(frozen=True)
class SummaryWords:
    """One language's ways of asking for the whole, as the English patterns above are."""

    # Phrases that ask for the whole ("кратко", "краткое изложение"), matched word by word in
    # any inflection; the first is what ``/summary`` asks.
    cues: tuple[str, ...]
    # "What is X about": X is the group ``rest``, matched on the question's words.
    about: re.Pattern[str]
    # Words that point at the sources as a whole, or only frame the request ("дай", "بگو").
    whole: str


# Keyed by ISO 639-1 code: the closed set of ways a language asks for a summary, not topics.
SUMMARY_WORDS: Final[dict[str, SummaryWords]] = {
    RUSSIAN: SummaryWords(
        cues=(
            "кратко",
            "коротко",
            "вкратце",
            "резюме",
            "резюмировать",
            "обзор",
            "суть",
            "сводка",
            "пересказ",
            "пересказать",
            "конспект",
            "краткое изложение",
            "краткое содержание",
            "главные моменты",
            "основные моменты",
            "ключевые моменты",
            "главные пункты",
            "основные положения",
            "главные мысли",
        ),
        about=re.compile(r"^(?:(?:а|и|так)\s+)?(?:о|про)\s+(?:чем|что)\b\s*(?P<rest>.*)$"),
        whole="это этот все всё весь документ статья текст источник материал новость заметка "
        "сообщение репортаж база знание мне нам пожалуйста дать сделать написать рассказать "
        "изложить говориться идти речь писать рассказывать сказать целое",
    ),
    PERSIAN: SummaryWords(
        cues=(
            "خلاصه",
            "چکیده",
            "جمع‌بندی",
            "جمع بندی",
            "مختصر",
            "به اختصار",
            "نکات اصلی",
            "نکات کلیدی",
            "نکات مهم",
            "مهم‌ترین نکات",
            "اهم مطالب",
        ),
        about=re.compile(
            r"^(?P<rest>.*?)\s*(?:درباره|دربارهٔ|در\s+باره|در\s+مورد)\s+"
            r"(?:چیست|چیه|چه\s+است|چه\s+چیزی\s+است|چه\s+بود)$"
        ),
        whole="این آن همه همهٔ سند اسناد مقاله متن منبع منابع مطلب خبر گزارش گزارش‌ها پایگاه "
        "دانش من برای لطفا لطفاً بده بگو بنویس کن کنید بدهید بگویید بنویسید مطالب آنها",
    ),
}


@functools.cache
def _cue_words(language: str) -> tuple[tuple[str, ...], ...]:
    """The cue phrases of ``language`` as runs of words, longest first."""
    phrases = (tuple(words(cue)) for cue in SUMMARY_WORDS[language].cues)
    return tuple(sorted(set(phrases), key=len, reverse=True))


# A word is a cue word's inflection when they share an index term and at least this many first
# letters: a lemmatizer may read a cue word as a form of another ("суть" as one of "быть").
_SAME_STEM: Final = 3


def _inflects(word: str, cue: str) -> bool:
    if word == cue:
        return True
    return word[:_SAME_STEM] == cue[:_SAME_STEM] and term(word) == term(cue)


@functools.cache
def _whole_terms(language: str) -> frozenset[str]:
    vocab = SUMMARY_WORDS.get(language)
    return frozenset(term(w) for w in words(vocab.whole)) if vocab else frozenset()


def summary_question(document: str, language: str = ENGLISH) -> str:
    """The question a ``/summary [document]`` command asks, in ``language``."""
    document = document.strip()
    vocab = SUMMARY_WORDS.get(language)
    if vocab is not None:
        return f"{vocab.cues[0]} {document}".strip()
    return f"summary of {document}" if document else "summary"


MIN_SENTENCES: Final = 3
MAX_SENTENCES: Final = 5
MAX_SUMMARY_CHARS: Final = 800
# A focus stem this long stands for the terms it begins ("agre" of "agreed": "agreement").
ROOT_PREFIX: Final = 4
# Sentences read for a summary, at most: the leads of the documents come first.
MAX_CANDIDATES: Final = 400
# LexRank: damping of the random walk over sentence similarities, and its iterations.
DAMPING: Final = 0.85
ITERATIONS: Final = 50
# A sentence this similar to one already chosen says nothing new.
REDUNDANT: Final = 0.5
# News puts the point first: the first paragraphs of a document weigh more.
LEAD_BONUS: Final = 1.0
# Sentences shorter than this many words are datelines or fragments.
MIN_WORDS: Final = 6
MAX_WORDS: Final = 60
# The share of the question a summary "answers": it is the whole, not a figure that can be wrong.
SUMMARY_CONFIDENCE: Final = 0.8


@dataclass(frozen=True)
class SummaryRequest:
    """A question about the whole, and the words it has beyond asking for the whole."""

    rest: str
    # Asked in the "what is X about" shape: only a summary when X names a document.
    needs_document: bool = False
    # The language the request is written in: the summary's own words are in it.
    language: str = ENGLISH
    # "What was agreed": the verb only leans the summary towards its sentences; the outcome as a
    # whole is asked, not only the sentences that use the verb.
    leaning: bool = False


@dataclass(frozen=True)
class Candidate:
    """A sentence that may go into a summary, and where it stands."""

    paragraph: int
    position: int
    lead: int
    text: str
    terms: tuple[str, ...]


def summary_request(text: str, language: str = ENGLISH) -> SummaryRequest | None:
    """Read ``text`` (in ``language``) as a request for a summary, or None when it asks else."""
    cue = _CUE.search(text)
    if cue is not None:
        asked = _CUE.sub(" ", text)
        # "Summarize what was agreed": the outcome, as "what was agreed" alone asks.
        agreed = _AGREED.match(asked.strip())
        if agreed is not None and not _content(agreed.group("rest")):
            return SummaryRequest(agreed.group("verb"), language=language, leaning=True)
        return SummaryRequest(asked, language=language)
    if language in SUMMARY_WORDS:
        return _request_in(text, language)
    about = _ABOUT.match(text.strip())
    if about is not None:
        return SummaryRequest(about.group("rest"), needs_document=True)
    agreed = _AGREED.match(text.strip())
    if agreed is not None and not _content(agreed.group("rest")):
        return SummaryRequest(agreed.group("verb"), leaning=True)
    rest = without_latest(text)
    if rest is not None and not _content(rest):
        # "Latest news?", "what does the most recent report say": the newest report, retold.
        return SummaryRequest(text)
    return None


def _request_in(text: str, language: str) -> SummaryRequest | None:
    """``summary_request`` through the table of ``language``: a cue phrase, or its "about" frame."""
    found = words(text)
    for cue in _cue_words(language):
        for at in range(len(found) - len(cue) + 1):
            if all(_inflects(w, c) for w, c in zip(found[at : at + len(cue)], cue, strict=True)):
                rest = " ".join(found[:at] + found[at + len(cue) :])
                return SummaryRequest(rest, language=language)
    about = SUMMARY_WORDS[language].about.match(" ".join(found))
    if about is not None:
        return SummaryRequest(about.group("rest"), needs_document=True, language=language)
    return None


def _content(text: str) -> list[str]:
    """The words of ``text`` that say what it is about."""
    whole = _whole_terms(RUSSIAN) | _whole_terms(PERSIAN)
    return [
        w
        for w in words(text)
        if w not in STOP_WORDS
        and w not in QUESTION_FRAME_WORDS
        and w not in _WHOLE
        and (w.isascii() or term(w) not in whole)
    ]


class Summarizer:
    """Summarises a knowledge base, or one document of it, in a few cited sentences."""

    def __init__(
        self,
        kb: KnowledgeBase,
        facts: Callable[[int], list[Facts]],
        idf: Callable[[str], float],
        known: Callable[[str], bool],
        names: DocumentNames,
    ) -> None:
        """``known`` tells whether the sources have a term, or terms it begins ("agre")."""
        documents, paragraphs = kb.documents, kb.paragraphs
        self._documents = list(documents)
        self._by_id = {d.id: d for d in documents}
        self._first: dict[str, int] = {}
        at = 0
        for doc in documents:
            self._first[doc.id] = at
            at += len(doc.paragraphs)
        self._paragraphs = paragraphs
        published = {d.id: d.published or "" for d in documents}
        self._published = [published[p.document] for p in paragraphs]
        self._facts = facts
        self._idf = idf
        self._known = known
        self._names = names

    def answer(
        self, question: str, request: SummaryRequest, language: str | None = None
    ) -> Answer | None:
        """A cited summary for ``request``; None when it names nothing the sources hold.

        With no document named, the documents in ``language`` are summarised when there are any.
        """
        mention = self._names.find(request.rest)
        named = [d for d in self._documents if d.id in mention.documents]
        pool = [d for d in self._documents if d.language == language] or self._documents
        asked = mention.text
        if mention.latest:
            # The words asking for the newest report are no subject of the summary; they may be
            # all there is ("latest news?").
            stripped = without_latest(asked)
            asked = asked if stripped is None else stripped
        # Beside a document's name, the rest says how it was written ("what the Tribune wrote").
        rest = [] if named else _content(asked)
        if rest:
            named = self._titled(rest)
            if len(named) == 1:
                rest = []
            elif not named and request.needs_document:
                # "What are the dockers worried about" asks about something in the sources.
                return None
        if mention.latest:
            # "Summarize the latest report (on the brine)": the newest of those named, else of all.
            published = [d for d in named or pool if d.published]
            named = [max(published, key=lambda d: d.published or "")] if published else named
        focus = frozenset(stem(w) for w in rest)
        if focus and not request.leaning and not any(self._known(t) for t in focus):
            return None
        # Several reports titled alike ("... sign cooperation roadmap", "... roadmap starts to
        # move"): the summary is of them all, of what they say about the words asked.
        one = len(named) == 1 or (not named and len(pool) == 1)
        return self._summary(
            question, named or pool, focus, one, request.language, leaning=request.leaning
        )

    def _titled(self, rest: list[str]) -> list[Document]:
        """The documents whose id or title holds most of ``rest`` (at least half of it): one, or
        all those tied."""
        wanted = {stem(w) for w in rest}
        scored = []
        for doc in self._documents:
            if doc.id.lower() in {w.lower() for w in rest} or doc.id == "-".join(rest):
                return [doc]
            title = {stem(w) for w in words(doc.title)}
            scored.append((len(wanted & title) / len(wanted), doc))
        scored.sort(key=lambda s: -s[0])
        if not scored or scored[0][0] < 0.5:
            return []
        return [doc for share, doc in scored if share == scored[0][0]]

    def _summary(
        self,
        question: str,
        documents: Sequence[Document],
        focus: frozenset[str],
        one: bool,
        language: str,
        *,
        leaning: bool = False,
    ) -> Answer:
        candidates = self._candidates(documents)
        chosen = self._choose(candidates, focus, leaning=leaning)
        return self._render(question, chosen, documents if one else (), language)

    def _candidates(self, documents: Sequence[Document]) -> list[Candidate]:
        """Sentences of the documents, leads first, at most MAX_CANDIDATES of them."""
        out: list[Candidate] = []
        depth = 0
        longest = max((len(d.paragraphs) for d in documents), default=0)
        # Round by round, one more paragraph of every document: a large base gives its leads.
        while depth < longest and len(out) < MAX_CANDIDATES:
            for doc in documents:
                if len(out) >= MAX_CANDIDATES:
                    break
                if depth >= len(doc.paragraphs):
                    continue
                index = self._first[doc.id] + depth
                text = self._paragraphs[index].text
                if text == doc.title:
                    continue
                for pos, (sentence, terms, flags) in enumerate(self._facts(index)):
                    size = len(sentence.split())
                    # A sentence that leans on the one before ("He said", "this figure")
                    # does not stand alone in a summary.
                    if flags & (PRONOUN | LEANS) or not MIN_WORDS <= size <= MAX_WORDS:
                        continue
                    out.append(Candidate(index, pos, depth, sentence, terms))
            depth += 1
        return out[:MAX_CANDIDATES]

    def _choose(
        self, candidates: list[Candidate], focus: frozenset[str], *, leaning: bool = False
    ) -> list[Candidate]:
        """LexRank centrality times a lead bias (and the focus), then drop near repeats.

        Only sentences with a focus term are chosen, unless the focus only ``leaning``.

        Each sentence is a TF-IDF vector ((1 + ln tf) * idf, unit length); similarities are
        cosines; centrality is the stationary walk p = (1 - d) / n + d * M^T p over the
        similarity matrix M with rows scaled to sum 1, d = DAMPING. A sentence's score is
        centrality * (1 + LEAD_BONUS / (1 + paragraph depth)) * (1 + share of focus terms).
        """
        if not candidates:
            return []
        vectors = self._vectors(candidates)
        similarity = vectors @ vectors.T
        np.fill_diagonal(similarity, 0.0)
        rows = similarity.sum(axis=1, keepdims=True)
        n = len(candidates)
        walk = np.divide(similarity, rows, out=np.full_like(similarity, 1.0 / n), where=rows > 0)
        rank = np.full(n, 1.0 / n)
        for _ in range(ITERATIONS):
            rank = (1 - DAMPING) / n + DAMPING * (walk.T @ rank)
        scores = []
        for i, c in enumerate(candidates):
            lead = 1.0 + LEAD_BONUS / (1 + c.lead)
            share = _focus_share(focus, c.terms)
            if focus and not share and not leaning:
                continue
            scores.append((-(rank[i] * lead * (1 + share)), i))
        scores.sort()
        chosen: list[int] = []
        size = 0
        for _, i in scores:
            if len(chosen) >= MAX_SENTENCES:
                break
            if any(similarity[i, j] > REDUNDANT for j in chosen):
                continue
            length = len(candidates[i].text) + 5
            if size + length > MAX_SUMMARY_CHARS and len(chosen) >= MIN_SENTENCES:
                break
            chosen.append(i)
            size += length
        # Earlier reports first, and each document's sentences in its own order.
        return sorted(
            (candidates[i] for i in chosen),
            key=lambda c: (self._published[c.paragraph], c.paragraph, c.position),
        )

    def _vectors(self, candidates: list[Candidate]) -> npt.NDArray[np.float64]:
        vocabulary: dict[str, int] = {}
        for c in candidates:
            for t in c.terms:
                vocabulary.setdefault(t, len(vocabulary))
        matrix = np.zeros((len(candidates), max(1, len(vocabulary))))
        for row, c in enumerate(candidates):
            counts: dict[str, int] = {}
            for t in c.terms:
                counts[t] = counts.get(t, 0) + 1
            for t, tf in counts.items():
                matrix[row, vocabulary[t]] = (1 + math.log(tf)) * self._idf(t)
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        unit: npt.NDArray[np.float64] = np.divide(
            matrix, norms, out=np.zeros_like(matrix), where=norms > 0
        )
        return unit

    def _render(
        self,
        question: str,
        chosen: list[Candidate],
        documents: Sequence[Document],
        language: str,
    ) -> Answer:
        refs: dict[int, int] = {}
        citations: list[Citation] = []
        pieces: list[str] = []
        for c in chosen:
            paragraph = self._paragraphs[c.paragraph]
            doc = self._by_id[paragraph.document]
            if c.paragraph not in refs:
                refs[c.paragraph] = len(refs) + 1
                citations.append(
                    Citation.of(refs[c.paragraph], doc, paragraph.number, paragraph.text, 1.0)
                )
            pieces.append(mark(dated(doc, c.text), refs[c.paragraph]))
        if not pieces:
            return Answer(question, False, "", 0.0, ())
        lead = ""
        if len(documents) == 1:
            doc = documents[0]
            about = ", ".join(x for x in (doc.source, doc.published) if x)
            about = f" ({about})" if about else ""
            lead = say("summary_lead", language, title=doc.title, about=about)
        text = lead + " ".join(pieces)
        return Answer(question, True, text, SUMMARY_CONFIDENCE, tuple(citations))


def _focus_share(focus: frozenset[str], terms: Sequence[str]) -> float:
    """Share of the focus terms a sentence has, derivations counting ("agreed", "agreement").

    A stem of ROOT_PREFIX letters or more matches the terms it begins: stemmers leave
    derivational families apart ("agre", "agreement").
    """
    if not focus:
        return 0.0
    found = sum(
        1
        for f in focus
        if any(t == f or (len(f) >= ROOT_PREFIX and t.startswith(f)) for t in terms)
    )
    return found / len(focus)
