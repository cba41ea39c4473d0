"""The answer engine: a knowledge base with its index, answering one question at a time."""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import functools
import gc
import logging
import re
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from bot.answer.composer import (
    Composer,
    Passage,
    Sentence,
    counts_asked,
    dated,
    defined_terms,
)
from bot.answer.confidence import DEFAULT_MIN_CONFIDENCE, Model, load_model
from bot.answer.crosslingual import Crosser, Glossary, load_glossary
from bot.answer.mentions import DocumentNames, Mention
from bot.answer.questions import (
    TERM_CACHE_SIZE,
    UNKNOWN_WORD_WEIGHT,
    Kind,
    QueryTerm,
    Question,
    QuestionReader,
    without_asking,
)
from bot.answer.questionwords import counted_word
from bot.answer.records import Answer
from bot.answer.summaries import ROOT_PREFIX, Summarizer, summary_request
from bot.answer.texts import choose_language, quoted_source, say, sources_line
from bot.answer.versions import reconcile
from bot.knowledge.documents import (
    DEFAULT_MAX_FILE_BYTES,
    KnowledgeBase,
    Paragraph,
    clean_text,
    load_knowledge,
)
from bot.knowledge.languages import ENGLISH, PERSIAN, RUSSIAN
from bot.search import thesaurus, wordvectors
from bot.search.acronyms import MAX_LETTERS, MIN_LETTERS, spelled_out
from bot.search.features import without_dateline
from bot.search.indexcache import IndexCache, prune_snapshots, snapshot_folder
from bot.search.indexing import IndexParts, Progress, count_knowledge, index_parts, no_progress
from bot.search.languageindex import LanguageView
from bot.search.languages import typed_in_latin
from bot.search.retrieval import Hit
from bot.search.semantic import MODEL_LANGUAGE, Mode, check_mode, reranker_for
from bot.search.sentencerecords import (
    LEANS,
    PRONOUN,
    SPEECH,
    TITLE,
    Facts,
    RecordError,
    SentenceStore,
    analyse,
)
from bot.search.solardates import with_gregorian, with_solar
from bot.search.speakers import (
    Person,
    expand_people,
    find_speaker,
    role_terms_cover,
    said_by_pronoun,
)
from bot.search.spelling import Speller
from bot.search.textnorm import stem, terms, words
from bot.settings import Settings

log = logging.getLogger(__name__)

TOP_K: Final = 8
# Beyond the first few, paragraphs retrieved far below the best one are not read sentence by
# sentence: they cost most of the answering time and almost never hold the answer.
MIN_PASSAGES: Final = 3
# A sentence opens with the person it is about within its first words ("Varnek defended",
# "Dr Saskia Verhoen said").
OPENING_WORDS: Final = 3
# How many sentences of the quotation after a lead-in are read for who speaks them.
LEAD_IN_QUOTE: Final = 3
_QUOTE_MARKS: Final = frozenset("\"“‘'«")
# "What did X say": how many times TOP_K paragraphs are searched for those where X speaks.
SPEAKER_DEPTH: Final = 2
PASSAGE_FLOOR: Final = 0.6
# Questions whose answers gather several sentences ("what did X say", "which ...") read wider.
WIDE_PASSAGE_FLOOR: Final = 0.35
PASSAGE_CACHE_SIZE: Final = 4096
# Paragraphs searched for those of the documents a question names.
NAMED_K: Final = 256
# Paragraphs searched for other documents' versions of a date, count or amount.
VERSIONS_K: Final = 24
# Alternatives beyond a term's own spelling (synonyms, split compounds) pull less in retrieval.
ALTERNATIVE_PULL: Final = 0.5
# A conversation's earlier documents are where a follow-up's answer most likely is.
NEAR_BOOST: Final = 1.3
# A question wholly about a topic already answered ("and when?", "tell me more") is answered by
# sentences that need not repeat the topic's words: its bar is this share of the usual one.
ON_TOPIC_CONFIDENCE: Final = 0.5
# An acronym is spelled out in the documents that write it, read from this many of the
# paragraphs that use it, this many documents, and this many paragraphs of each.
ACRONYM_PARAGRAPHS: Final = 8
ACRONYM_DOCUMENTS: Final = 3
ACRONYM_READ: Final = 200
# This many closing characters of a sentence tell whether an answer's text gives it.
SAID_TAIL: Final = 40
_SPACES: Final = re.compile(r"\s+")
_YEAR: Final = re.compile(r"(?:19|20)\d\d")
# A word in capitals that may be an acronym ("SCO", "EAEU"), within the lengths spelled out.
_CAPITALS: Final = re.compile(rf"\b[A-Z]{{{MIN_LETTERS},{MAX_LETTERS}}}\b")
_SPEAKER_CUES: Final = PRONOUN | SPEECH


@dataclass(frozen=True)
class _Context:
    """What a conversation adds to answering: its earlier documents and what was said there."""

    near: Collection[str]
    said: Collection[str]
    composer: Composer


class Engine:
    """Answers questions from one knowledge base; built once, then read-only but for caches."""

    def __init__(
        self,
        kb: KnowledgeBase,
        min_confidence: float = DEFAULT_MIN_CONFIDENCE,
        max_question_chars: int = 2000,
        parts: IndexParts | None = None,
        glossary: Glossary | None = None,
        *,
        calibrated: bool = True,
        semantic: Mode = "off",
    ) -> None:
        """``calibrated=False`` keeps the hand-made confidence (fitting the model needs that)."""
        self.kb = kb
        self.glossary = glossary or Glossary()
        self.max_question_chars = max_question_chars
        self._paragraphs: tuple[Paragraph, ...] = kb.paragraphs
        self._reranker = reranker_for(semantic, lambda i: self._paragraphs[i].text)
        self._doc_of = {d.id: d for d in kb.documents}
        self._acronyms: dict[str, frozenset[str] | None] = {}
        # Paragraphs are stored in document order, each document's numbered from 1.
        self._first_of: dict[str, int] = {}
        first = 0
        for doc in kb.documents:
            self._first_of[doc.id] = first
            first += len(doc.paragraphs)
        if parts is None:
            parts = index_parts(count_knowledge(kb))
        self.index = parts.index
        surface = parts.surface
        self._speller = Speller(surface, lambda w: surface.get(w, 0))
        # The word tables are read now, once a process, not by the first question.
        thesaurus.TABLE.load()
        thesaurus.VERBS.load()
        thesaurus.ADVERBS.load()
        thesaurus.ADJECTIVES.load()
        thesaurus.PEOPLE.load()
        thesaurus.PEOPLE_COUNTED.load()
        thesaurus.NAMES.load()
        wordvectors.load()
        self._reader = QuestionReader(self.index, self._speller)
        model = _model() if calibrated else None
        # The composer declines in English: it names the English sources first.
        titles = [d.title for d in sorted(kb.documents, key=lambda d: d.language != ENGLISH)]
        self._composer = Composer(min_confidence, titles, model)
        self._topic_composer = Composer(min_confidence * ON_TOPIC_CONFIDENCE, titles, model)
        self._passages: OrderedDict[
            int, tuple[tuple[Sentence, ...], frozenset[str], str | None, tuple[Person, ...]]
        ] = OrderedDict()
        self._people = parts.people
        # Every titled person once, and every word of their titles, for ``_with_holder``.
        self._holders = {p.display: p for found in self._people.values() for p in found}
        self._title_terms = frozenset(t for p in self._holders.values() for t in p.role)
        self._office_terms = frozenset(t for p in self._holders.values() for t in p.office)
        store = parts.sentences
        fits = store is not None and store.paragraphs == len(self._paragraphs)
        self._store: SentenceStore | None = store if fits else None
        self._titles = {d.id: frozenset(terms(d.title)) for d in kb.documents}
        self._names = DocumentNames(kb.documents)
        self._summarizer = Summarizer(
            kb,
            self._facts,
            self.index.idf_of,
            self._knows_root,
            self._names,
        )
        language = {d.id: d.language for d in kb.documents}
        self._languages = frozenset(language.values())
        self._language_of = tuple(language[p.document] for p in self._paragraphs)
        # With documents in several languages, each language's questions are weighed over its
        # own documents.
        self._readers: dict[str, QuestionReader] = {}
        if len(self._languages) > 1:
            for code in self._languages:
                view = LanguageView(self.index, [lang == code for lang in self._language_of])
                self._readers[code] = QuestionReader(view, self._speller)
        english_reader = self._readers.get(ENGLISH, self._reader)
        english = (w for w in surface if w.isascii() and w.isalpha())
        self._crosser = Crosser(self.glossary, english_reader.known, english)

    @property
    def sentence_store(self) -> SentenceStore | None:
        """The stored sentence records answering reads, or None when it works them out."""
        return self._store

    @property
    def version(self) -> str:
        """The knowledge base version this engine answers from."""
        return self.kb.version

    def answer(self, question: str) -> Answer:
        """Answer ``question`` with cited sentences, or decline politely, in its language.

        A question is answered from the documents in its language where there are any; a
        Russian or Persian one that they do not answer is then read against the English
        documents, and the English source is quoted.
        """
        read = self.read(question)
        return read if isinstance(read, Answer) else self.answer_read(question, read)

    def read(self, question: str) -> Question | Answer:
        """Read ``question`` for answering, or return the polite reply to one unfit to read."""
        text = _SPACES.sub(" ", clean_text(question)).strip()
        if not text:
            return self._composer.decline(question, say("empty_question", ENGLISH))
        language = choose_language(text)
        if language == RUSSIAN:
            # Russian typed in Latin letters is read as Russian written in Cyrillic.
            text = typed_in_latin(text) or text
        if len(text) > self.max_question_chars:
            reason = say("too_long", language, length=len(text), limit=self.max_question_chars)
            return self._decline(question, language, reason)
        own = language if language in self._languages else None
        # "Pls tell me what this is about": the words that only ask ask for nothing themselves.
        request = summary_request(without_asking(text) if language == ENGLISH else text, language)
        if request is not None:
            # A question about the whole is answered by a summary, not read for its terms.
            summary = self._summarizer.answer(question, request, own)
            if summary is not None:
                return _in_calendar_of(summary, language)
        if language == PERSIAN:
            # A Solar Hijri date the sources do not write is read as its Gregorian day.
            text = with_gregorian(text, self._known_phrase)
        # An outlet, a publication date or "the latest" says where to look, not what about.
        text = self._names.find(text).text
        q = self._readers.get(own or "", self._reader).read(text)
        if language != ENGLISH:
            return self._with_synonyms(q, language)
        return self._with_holder(self._with_acronyms(q))

    def _with_acronyms(self, q: Question) -> Question:
        """Let an acronym the sources use also match the name they spell it out as ("SCO",
        "Shanghai Cooperation Organization"), as the common ones ("EU") always do, and a name
        the question spells out match the acronym the sources write for it ("the MSA
        contributed" holds "Meriden Space Agency")."""
        q = self._with_initials(q)
        found = [
            (t, long)
            for t in q.terms
            if len(t.forms) == 1
            and MIN_LETTERS <= len(t.surface) <= MAX_LETTERS
            and t.surface.isalpha()
            and (long := self._spelled_out(t.surface)) is not None
        ]
        if not found:
            return q
        longer = {id(t): long for t, long in found}
        # The acronym as the question writes it is the surer match, and the name a guess, unless
        # the question asks what the acronym is.
        defined = defined_terms(q.text)
        return dataclasses.replace(
            q,
            terms=tuple(
                dataclasses.replace(
                    t, forms=(*t.forms, longer[id(t)]), guesses=int(t.forms[0] != defined)
                )
                if id(t) in longer
                else t
                for t in q.terms
            ),
        )

    def _with_initials(self, q: Question) -> Question:
        """``q`` with each run of its terms that spells out an acronym of the sources also
        matched by that acronym."""
        found: dict[int, str] = {}
        # Words of one term each: a joined pair ("velna 1") or a figure spells no initials.
        plain = [t.surface.isalpha() for t in q.terms]
        for start in range(len(q.terms)):
            for end in range(start + MIN_LETTERS, min(len(q.terms), start + MAX_LETTERS) + 1):
                run = q.terms[start:end]
                if not all(plain[start:end]):
                    break
                acronym = "".join(t.surface[0] for t in run)
                if self.index.term_id(stem(acronym)) is None:
                    continue
                if self._spelled_out(acronym) == frozenset(s for t in run for s in t.forms[0]):
                    found.update(dict.fromkeys(range(start, end), stem(acronym)))
        if not found:
            return q
        # The acronym is the sources' own word for the name, not a guess: it goes before the
        # guessed synonyms, which a term keeps last.
        return dataclasses.replace(
            q,
            terms=tuple(
                dataclasses.replace(
                    t,
                    forms=(*t.own_forms, frozenset({found[i]}), *t.guessed_forms),
                )
                if i in found
                else t
                for i, t in enumerate(q.terms)
            ),
        )

    def _spelled_out(self, word: str) -> frozenset[str] | None:
        """The index terms of the name ``word`` abbreviates in the documents that write it in
        capitals, or None. Remembered: a knowledge base spells an acronym out one way."""
        if word in self._acronyms:
            return self._acronyms[word]
        long: frozenset[str] | None = None
        tid = self.index.term_id(stem(word))
        capitals = word.upper()
        if tid is not None and not wordvectors.is_common_english(word):
            start = int(self.index.postings.indptr[tid])
            end = min(int(self.index.postings.indptr[tid + 1]), start + ACRONYM_PARAGRAPHS)
            documents = dict.fromkeys(
                self._paragraphs[p].document
                for p in self.index.postings.indices[start:end].tolist()
                if capitals in self._paragraphs[p].text
                and re.search(rf"\b{capitals}\b", self._paragraphs[p].text)
            )
            texts = (
                p.text
                for d in list(documents)[:ACRONYM_DOCUMENTS]
                for p in self._doc_of[d].paragraphs[:ACRONYM_READ]
            )
            spelled = spelled_out(word, texts)
            named = frozenset(terms(" ".join(spelled))) if spelled else frozenset()
            if named and all(self.index.term_id(t) is not None for t in named):
                long = named
        if len(self._acronyms) >= TERM_CACHE_SIZE:
            self._acronyms.clear()
        self._acronyms[word] = long
        return long

    def _with_holder(self, q: Question) -> Question:
        """Let the title a question asks about also match the one person the sources give it.

        "What did the mayor say" finds "Amaro told the crowd": every word of the person's office
        is asked, every title word asked is in the person's title, and no other person fits.
        A question that names the person, or a title several people hold, is left as it is. A
        synonym guessed for a word of the sources names no title: "president" is not asking for
        the chairman of a farmers' federation.
        """
        stems = frozenset(s for t in q.terms for form in t.own_forms for s in form)
        if not stems & self._office_terms:
            return q
        titles = self._title_terms
        asked = frozenset(s for s in stems if role_terms_cover(frozenset({s}), titles))
        q = dataclasses.replace(q, title_terms=asked)
        fits = {
            p.surname: p
            for p in self._holders.values()
            if p.office <= stems and role_terms_cover(asked, p.role)
        }
        if len(fits) != 1:
            return q
        (holder,) = fits.values()
        if holder.name & stems:
            return q
        name = frozenset({holder.surname})
        # Every word of the title the question asks with stands for the holder: "prime" as well
        # as "minister".
        terms_out = tuple(
            dataclasses.replace(t, forms=(*t.forms, name))
            if any(form and form <= holder.role for form in t.own_forms)
            else t
            for t in q.terms
        )
        return dataclasses.replace(q, terms=terms_out, holder=holder.surname)

    def _known_phrase(self, phrase: str) -> bool:
        """True when the sources use every word of ``phrase``."""
        return all(self.index.term_id(stem(w)) is not None for w in words(phrase))

    def _with_synonyms(self, q: Question, language: str) -> Question:
        """Let each word also match the words the glossary gives the same English equivalent."""
        reader = self._readers.get(language, self._reader)
        known = reader.known
        terms_out: list[QueryTerm] = []
        for term in q.terms:
            extra = [
                frozenset({s})
                for form in term.forms
                if len(form) == 1
                for s in sorted(self.glossary.synonyms(language, next(iter(form))))
                if known(s)
            ]
            extra = [f for f in dict.fromkeys(extra) if f not in term.forms]
            if not extra:
                terms_out.append(term)
                continue
            # A word the sources lack weighs as the synonym they use, as English synonyms do.
            weight = term.weight
            if not term.known:
                weight = max(reader.stats.idf_of(next(iter(f))) for f in extra)
            forms = (*term.forms, *extra)
            terms_out.append(dataclasses.replace(term, forms=forms, known=True, weight=weight))
        # What the question asks about may be a word the sources use in a synonym only.
        focus = q.unknown_focus and all(
            new.known == old.known for old, new in zip(q.terms, terms_out, strict=True)
        )
        return dataclasses.replace(q, terms=tuple(terms_out), unknown_focus=focus)

    def answer_read(
        self,
        question: str,
        q: Question,
        *,
        near: Collection[str] = (),
        said: Collection[str] = (),
        on_topic: bool = False,
    ) -> Answer:
        """Answer the read question ``q`` (typed as ``question``) in the language it is in.

        Paragraphs of the documents in ``near`` rank higher (a conversation's earlier sources), and
        sentences in ``said`` are left out (already given in the conversation). ``on_topic``
        marks a question wholly about a topic already answered ("and when?", "tell me more"),
        whose answer need not repeat the topic's words.
        """
        language = choose_language(q.text)
        if q.weight <= 0:
            return self._decline(question, language, say("off_topic", language))
        own = language if language in self._languages else None
        context = _Context(near, said, self._topic_composer if on_topic else self._composer)
        answer = self._answer_from(q, question, own, context)
        if answer.answered or language == ENGLISH:
            return _in_calendar_of(answer, language)
        if own != ENGLISH and ENGLISH in self._languages:
            # English sources give Gregorian dates, whatever the Persian ones write.
            text = with_gregorian(q.text) if language == PERSIAN else q.text
            crossed = self._crossed(q, text, language)
            if crossed is not None:
                across = self._answer_from(crossed, question, ENGLISH, context)
                if across.answered and crossed.kind is Kind.META:
                    # Told from the front matter in the question's language: nothing to quote.
                    return _in_calendar_of(across, language)
                if across.answered:
                    quoted = quoted_source(across.text, ENGLISH, language)
                    return _in_calendar_of(dataclasses.replace(across, text=quoted), language)
        return self._decline(question, language, say("no_answer", language), answer.confidence)

    def _answer_from(
        self, q: Question, question: str, language: str | None, context: _Context
    ) -> Answer:
        """Answer ``q`` from the documents in ``language`` (every document when None)."""
        composer = context.composer
        mixed = language is not None and len(self._languages) > 1
        mention = self._names.find(question)
        # "What did X say about Y": a paragraph where X speaks is read however far down it was
        # retrieved; those that only name X, or say Y, may rank above it.
        says = q.kind is Kind.SAY
        k = TOP_K * SPEAKER_DEPTH if says else TOP_K
        hits = self._search(q, mention, k * 4 if mixed else k)
        if mixed:
            hits = [h for h in hits if self._language_of[h.paragraph] == language][:k]
        if context.near:
            hits = self._nearer(hits, context.near)
        if q.kind is Kind.META:
            meta = self._answer_meta(q, hits, language)
            if meta is not None:
                return meta if meta.question == question else _with_question(meta, question)
        if not hits:
            return composer.decline(question, "I couldn't find that in my sources.")
        # So do measures: the sentence with "164 metres high" may say "dam" once, in a paragraph
        # retrieved below others that say it more often.
        wide = q.kind in (Kind.SAY, Kind.LIST) or q.measure is not None
        floor = (WIDE_PASSAGE_FLOOR if wide else PASSAGE_FLOOR) * hits[0].score
        read = [h for rank, h in enumerate(hits[:TOP_K]) if rank < MIN_PASSAGES or h.score >= floor]
        passages = [self._passage(h) for h in read]
        if says:
            passages += [p for h in hits[len(read) :] if _speaks_in(q, p := self._passage(h))]
        elif q.count_focus and not any(counts_asked(q, p) for p in passages):
            # "How many agreements": the count may be in a paragraph retrieved further down, that
            # names the thing once by a synonym ("seven cooperation documents").
            passages += [p for h in hits[len(read) :] if counts_asked(q, p := self._passage(h))]
        if context.said:
            passages = [_unsaid(p, context.said) for p in passages]
        after = functools.partial(self._after, said=context.said, retrieved=hits)
        answer = composer.compose(q, passages, after)
        if answer.answered:

            def wider() -> list[Passage]:
                # Other documents' versions of a fact sit in paragraphs retrieved further down;
                # the older ones count too when the latest is asked for.
                every = dataclasses.replace(mention, latest=False)
                found = self._search(q, every, VERSIONS_K)
                if mixed:
                    found = [h for h in found if self._language_of[h.paragraph] == language]
                return [self._passage(h) for h in found]

            answer = reconcile(q, answer, passages, wider, mention.latest)
        return answer if answer.question == question else _with_question(answer, question)

    def answer_within(
        self,
        question: str,
        q: Question,
        paragraphs: Collection[tuple[str, int]],
        *,
        said: Collection[str] = (),
        on_topic: bool = True,
    ) -> Answer:
        """Answer ``q`` from the paragraphs ``(document, number)`` alone, leaving out ``said``.

        A follow-up often asks for what the paragraphs just cited go on to say ("and how much
        will it cost?"): read there first, they need not win a search over every document.
        About a topic already answered (``on_topic``), the answer need not repeat its words.
        """
        indices = dict.fromkeys(i for d, n in paragraphs if (i := self._index_of(d, n)) is not None)
        if not indices or q.weight <= 0 or q.kind is Kind.META:
            return self._composer.decline(question, "I couldn't find that in my sources.")
        # Each was cited as an answer to the topic: none is the better retrieved.
        cited = [Hit(i, 1.0) for i in indices]
        passages = [_unsaid(self._passage(h), said) for h in cited]
        composer = self._topic_composer if on_topic else self._composer
        after = functools.partial(self._after, said=said, retrieved=cited)
        answer = composer.compose(q, passages, after)
        return answer if answer.question == question else _with_question(answer, question)

    def retrieve(self, q: Question, count: int) -> list[Hit]:
        """Return the ``count`` best paragraphs for ``q``: by TF-IDF, then by meaning when on."""
        weights = self._weights(q)
        if self._reranker is None or choose_language(q.text) != MODEL_LANGUAGE:
            return self.index.search(weights, count)
        hits = self.index.search(weights, max(count, self._reranker.depth))
        return self._reranker.rerank(q.text, hits)[:count]

    def _nearer(self, hits: list[Hit], near: Collection[str]) -> list[Hit]:
        """Raise the scores of paragraphs from the documents in ``near`` and rank again."""
        raised = [
            Hit(h.paragraph, h.score * NEAR_BOOST)
            if self._paragraphs[h.paragraph].document in near
            else h
            for h in hits
        ]
        return sorted(raised, key=lambda h: (-h.score, h.paragraph))

    def people_named(self, language: str | None = None) -> tuple[str, ...]:
        """The titled people the documents (in ``language``, if given) name, in order, each once."""
        documents = [d for d in self.kb.documents if language in (None, d.language)]
        return tuple(dict.fromkeys(p.display for d in documents for p in self._people[d.id]))

    def people_in(self, answer: Answer) -> tuple[tuple[str, str], ...]:
        """The titled people of the cited documents that ``answer`` names, by name or by title
        ("the Belarus president"): (name, surname term), the last named first."""
        said = frozenset(terms(answer.text))
        lowered = answer.text.lower()
        found: dict[str, tuple[int, str]] = {}
        for cite in answer.citations:
            people = self._people.get(cite.document, ())
            named = expand_people(answer.text, said, people)
            for person in people:
                if person.surname in named and person.display not in found:
                    # Named by title alone, a person has no place in the text: it counts as first.
                    last = lowered.rfind(person.display.split()[-1].lower())
                    found[person.display] = (last, person.surname)
        ranked = sorted(found.items(), key=lambda item: -item[1][0])
        return tuple((display, surname) for display, (_, surname) in ranked)

    def has_paragraph(self, document: str, number: int, text: str) -> bool:
        """True when paragraph ``number`` of ``document`` exists and reads ``text``."""
        index = self._index_of(document, number)
        return index is not None and self._paragraphs[index].text == text

    def sentences_said(self, answer: Answer) -> frozenset[str]:
        """The sentences of ``answer``'s cited paragraphs that its text gives."""
        said: set[str] = set()
        for cite in answer.citations:
            index = self._index_of(cite.document, cite.paragraph)
            if index is None:
                continue
            document = self._doc_of[cite.document]
            for sentence, _, _ in self._facts(index):
                # The answer may name a "he" in place or put a marker before the full stop: the
                # sentence's end is what stays as it was (with its weekdays dated).
                if dated(document, sentence).rstrip(".")[-SAID_TAIL:] in answer.text:
                    said.add(sentence)
        return frozenset(said)

    def _after(
        self, passage: Passage, said: Collection[str], retrieved: Sequence[Hit]
    ) -> Passage | None:
        """The paragraph after ``passage`` in its document, without the sentences in ``said``,
        with its score among the ``retrieved`` (0 when it is not one); None after its last."""
        index = self._index_of(passage.document.id, passage.number + 1)
        if index is None:
            return None
        score = next((h.score for h in retrieved if h.paragraph == index), 0.0)
        return _unsaid(self._passage(Hit(index, score)), said)

    def _index_of(self, document: str, number: int) -> int | None:
        first = self._first_of.get(document)
        doc = self._doc_of.get(document)
        if first is None or doc is None or not 1 <= number <= len(doc.paragraphs):
            return None
        return first + number - 1

    def _crossed(self, q: Question, text: str, language: str) -> Question | None:
        """Read a Russian or Persian question with the English terms its words stand for."""
        index = self._readers[ENGLISH].stats if ENGLISH in self._readers else self.index
        found: list[QueryTerm] = []
        crossings = self._crosser.cross(text, language)
        # "چند سند", "сколько документов": what is counted is the English of the counted word.
        counted = counted_word(words(text), language) if q.kind is Kind.COUNT else None
        focus = frozenset(
            t
            for c in crossings
            if counted is not None and counted in c.surface.split()
            for form in c.forms
            for t in form
        )
        for crossing in crossings:
            if crossing.forms:
                weight = max(min(index.idf_of(t) for t in form) for form in crossing.forms)
                found.append(QueryTerm(crossing.surface, crossing.forms, weight, True))
            else:
                weight = index.max_idf * UNKNOWN_WORD_WEIGHT
                unknown = frozenset({crossing.surface})
                found.append(QueryTerm(crossing.surface, (unknown,), weight, False))
        if not any(t.known for t in found):
            return None
        years = frozenset(t.surface for t in found if _YEAR.fullmatch(t.surface))
        return Question(
            q.text,
            q.kind,
            tuple(found),
            years,
            q.meta,
            count_focus=focus,
            chitchat=q.chitchat,
            also=q.also,
        )

    def decline(self, question: str, reason: str, language: str) -> Answer:
        """Decline ``question`` in ``language`` for ``reason`` (a key of the bot's texts)."""
        return self._decline(question, language, say(reason, language))

    def _decline(
        self, question: str, language: str, reason: str, confidence: float = 0.0
    ) -> Answer:
        """Decline in ``language``, naming the sources and the languages they are in."""
        if language == ENGLISH:
            return dataclasses.replace(
                self._composer.decline(question, reason), confidence=confidence
            )
        titles = [d.title for d in self.kb.documents]
        known = sources_line(titles, self._languages, language)
        return Answer(question, False, f"{reason} {known}", round(confidence, 4), ())

    def _search(self, q: Question, mention: Mention, k: int) -> list[Hit]:
        """The ``k`` best paragraphs for ``q``: of the documents named, or the newest, if asked."""
        if mention.documents:
            wide = self.retrieve(q, max(k, NAMED_K))
            named = [h for h in wide if self._document_of(h) in mention.documents][:k]
            if named:
                return named
        hits = self.retrieve(q, k)
        if mention.latest and hits:
            # The newest document that speaks of the thing at all, not only of the best-matching:
            # a later report about the terminal may say "terminal" less often than the first.
            good = [h for h in hits if h.score >= WIDE_PASSAGE_FLOOR * hits[0].score]
            newest = max(
                (self._doc_of[self._document_of(h)].published or "", -rank)
                for rank, h in enumerate(good)
            )
            doc = self._document_of(good[-newest[1]])
            return [h for h in hits if self._document_of(h) == doc]
        return hits

    def _knows(self, term: str) -> bool:
        return self.index.term_id(term) is not None

    def _knows_root(self, term: str) -> bool:
        """True when ``term`` is an index term, or, ROOT_PREFIX letters long or more, begins one
        ("agre" of "agreed" begins "agreement")."""
        if self._knows(term):
            return True
        if len(term) < ROOT_PREFIX:
            return False
        ordered = self._ordered_terms
        at = bisect.bisect_left(ordered, term)
        return at < len(ordered) and ordered[at].startswith(term)

    @functools.cached_property
    def _ordered_terms(self) -> list[str]:
        """The index terms in order, made on the first summary that asks about a word's root."""
        return sorted(self.index.terms)

    def _document_of(self, hit: Hit) -> str:
        return self._paragraphs[hit.paragraph].document

    def _weights(self, q: Question) -> dict[int, float]:
        weights: dict[int, float] = {}
        for term in q.terms:
            if q.frames(term.surface):
                # The word of the measure asked for ("long" of "how long", "length") frames the
                # question: a paragraph saying "waited too long" is no nearer the answer. The
                # composer looks for the measure itself in what is retrieved.
                continue
            for n, form in enumerate(term.forms):
                pull = term.weight / len(form) * (1.0 if n == 0 else ALTERNATIVE_PULL)
                for t in form:
                    tid = self.index.term_id(t)
                    if tid is not None and pull > weights.get(tid, 0.0):
                        weights[tid] = pull
        return weights

    def _answer_meta(self, q: Question, hits: list[Hit], language: str | None) -> Answer | None:
        docs = [d for d in self.kb.documents if language is None or d.language == language]
        answer = None
        if len(docs) == 1:
            answer = self._composer.compose_meta(q, docs[0], 1.0)
        elif hits:
            doc = self._doc_of[self._paragraphs[hits[0].paragraph].document]
            answer = self._composer.compose_meta(q, doc, hits[0].score)
        if answer is None:
            # A summary without a byline retells another document: the one document, in any
            # language, whose front matter gives what is asked answers for it.
            giving = [
                found
                for other in self.kb.documents
                if (found := self._composer.compose_meta(q, other, 1.0)) is not None
            ]
            if len(giving) == 1:
                return giving[0]
        return answer

    def _people_of(self, doc_id: str) -> tuple[Person, ...]:
        return self._people[doc_id]

    def _passage(self, hit: Hit) -> Passage:
        paragraph = self._paragraphs[hit.paragraph]
        cached = self._passages.get(hit.paragraph)
        if cached is None:
            people = tuple(self._people_of(paragraph.document))
            facts = self._facts(hit.paragraph)
            before = named_before = None
            # Only a "he" or "she" can need the speaker of the paragraph before.
            if paragraph.number > 1 and any(flags & PRONOUN for _, _, flags in facts):
                # Paragraphs are numbered from 1 within their document and stored in order.
                last = [f[0] for f in self._facts(hit.paragraph - 1)]
                before = find_speaker(last)
                # Whom a "he" stands for, who need not speak: the person the paragraph before
                # ends on as the subject named in full ("Lukashenko touched down ... He was
                # welcomed by ...").
                named_before = before or find_speaker(last, subject=True)
            sentences = self._acronyms_spelled(
                _sentences(facts, people, (before, named_before), paragraph.number == 1)
            )
            heading = _section_terms(paragraph.section)
            if (
                heading
                and sentences
                and (
                    paragraph.number == 1
                    or self._paragraphs[hit.paragraph - 1].section != paragraph.section
                )
            ):
                # The first sentence under a heading goes on from it, as one after a title does:
                # "WALKOUT AT THE DOCKS. About 400 crane drivers stayed away ..." says what
                # happened at the docks.
                sentences = (
                    dataclasses.replace(sentences[0], stems=sentences[0].stems | heading),
                    *sentences[1:],
                )
            context = (
                frozenset().union(*(s.stems for s in sentences))
                | self._titles[paragraph.document]
                # A section's heading says what the paragraphs under it are about, as the title
                # does for the whole document.
                | heading
            )
            cached = (sentences, context, named_before, people)
            self._passages[hit.paragraph] = cached
            if len(self._passages) > PASSAGE_CACHE_SIZE:
                self._passages.popitem(last=False)
        sentences, context, before, people = cached
        return Passage(
            index=hit.paragraph,
            document=self._doc_of[paragraph.document],
            number=paragraph.number,
            text=paragraph.text,
            sentences=sentences,
            context=context,
            speaker_before=before,
            score=hit.score,
            people=people,
        )

    def _acronyms_spelled(self, sentences: tuple[Sentence, ...]) -> tuple[Sentence, ...]:
        """The sentences, each acronym they write also read as the name the sources spell it
        out as: "joining the SCO" holds "Shanghai Cooperation Organization", as a question that
        writes the name finds the acronym (``_spelled_out``)."""
        out = []
        for sentence in sentences:
            spelled = [
                long
                for word in dict.fromkeys(_CAPITALS.findall(sentence.text))
                if (long := self._spelled_out(word.lower())) is not None
            ]
            added = frozenset().union(*spelled) - sentence.stems
            out.append(
                dataclasses.replace(sentence, stems=sentence.stems | added) if added else sentence
            )
        return tuple(out)

    def _facts(self, index: int) -> list[Facts]:
        """The sentences of paragraph ``index`` with their terms: stored, or worked out now."""
        text = self._paragraphs[index].text
        if self._store is not None:
            try:
                return self._store.facts(index, text)
            except RecordError as exc:
                log.warning("index cache: sentence record %d unusable (%s)", index, exc)
                self._store = None
        return analyse(text)


def _sentences(
    facts: Sequence[Facts],
    people: Sequence[Person],
    before: tuple[str | None, str | None],
    lead: bool,
) -> tuple[Sentence, ...]:
    """Give a paragraph's sentences their terms, names filled in behind titles and "he".

    ``before`` is who speaks at the end of the paragraph before, and whom a leading "he" there
    stands for (the speaker, or a subject named in full). A "he" adds the terms of whom it
    stands for; it is a speaker only where the sentences before say so.

    The dateline of a report's ``lead`` paragraph is no part of its first sentence: its date is
    when the report was filed, not when what the sentence tells happened. Its words still count.
    """
    speaker_before, named_before = before
    out: list[Sentence] = []
    nobody: frozenset[str] = frozenset()
    for pos, (written, sequence, flags) in enumerate(facts):
        stems = frozenset(sequence)
        sentence = without_dateline(written) if lead and pos == 0 else written
        if not people and not flags & _SPEAKER_CUES:
            out.append(Sentence(sentence, stems, sequence, nobody, flags & LEANS != 0))
            continue
        stems = expand_people(sentence, stems, people, bool(flags & TITLE))
        earlier = [f[0] for f in facts[:pos]]
        referent = None
        if flags & PRONOUN:
            who = find_speaker(earlier) if pos else speaker_before
            referent = who or (find_speaker(earlier, subject=True) if pos else named_before)
        else:
            who = find_speaker([sentence], last=False) if flags & SPEECH else None
            if who is None and flags & SPEECH and said_by_pronoun(sentence):
                # '"... in space," she said': she is whom the sentences before quote, or the
                # person the nearest of them outside the quotation opens with.
                who = (
                    find_speaker(earlier) or _opening_person(earlier, people)
                    if pos
                    else speaker_before
                )
        speaker = expand_people(who, frozenset(terms(who)), people) if who else frozenset()
        if referent == who:
            stems |= speaker
        elif referent is not None:
            stems |= expand_people(referent, frozenset(terms(referent)), people)
        leans = bool(flags & LEANS) and not flags & PRONOUN
        out.append(Sentence(sentence, stems, sequence, speaker, leans))
    return _leading_in(out)


def _leading_in(sentences: list[Sentence]) -> tuple[Sentence, ...]:
    """The sentences, a quotation's lead-in spoken by its speaker: in 'Varnek defended the
    decision to wait. "We could have launched ...," she said.', the first says what she said."""
    for pos, sentence in enumerate(sentences[:-1]):
        if sentence.speaker or sentence.text[:1] in _QUOTE_MARKS:
            continue
        if sentences[pos + 1].text.lstrip()[:1] not in _QUOTE_MARKS:
            continue
        quoted = next(
            (s.speaker for s in sentences[pos + 1 : pos + 1 + LEAD_IN_QUOTE] if s.speaker), None
        )
        if quoted is not None and not _opening(sentence.text).isdisjoint(quoted):
            sentences[pos] = dataclasses.replace(sentence, speaker=quoted)
    return tuple(sentences)


def _opening_person(earlier: Sequence[str], people: Sequence[Person]) -> str | None:
    """The surname of the person the nearest of ``earlier`` outside a quotation opens with."""
    for sentence in reversed(earlier):
        if sentence[:1] in _QUOTE_MARKS:
            continue
        opening = _opening(sentence)
        return next((p.surname for p in people if p.surname in opening), None)
    return None


def _opening(sentence: str) -> frozenset[str]:
    """The terms of the first words of ``sentence``, where the person it is about stands."""
    return frozenset(terms(" ".join(sentence.split()[:OPENING_WORDS])))


def _speaks_in(q: Question, passage: Passage) -> bool:
    """True when a person the question names by surname speaks in ``passage``."""
    asked = [p.surname for p in passage.people if p.surname in q.stems]
    return any(name in s.speaker for s in passage.sentences for name in asked)


def _unsaid(passage: Passage, said: Collection[str]) -> Passage:
    """``passage`` without the sentences in ``said``."""
    kept = tuple(s for s in passage.sentences if s.text not in said)
    if len(kept) == len(passage.sentences):
        return passage
    return dataclasses.replace(passage, sentences=kept)


@functools.cache
def _model() -> Model:
    """The fitted confidence model, read once."""
    return load_model()


def _with_question(answer: Answer, question: str) -> Answer:
    return dataclasses.replace(answer, question=question)


def build_engine(
    folder: Path,
    min_confidence: float = DEFAULT_MIN_CONFIDENCE,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    cache_dir: Path | None = None,
    max_question_chars: int = 2000,
    *,
    progress: Progress = no_progress,
    semantic: Mode = "off",
) -> Engine:
    """Load ``folder`` and build its engine; raise ``KnowledgeError`` on any bad file.

    ``progress`` is told how far the long steps of indexing are. ``semantic`` switches re-ranking
    by meaning (bot/search/semantic.py); "on" without its install extra raises at once.

    With ``cache_dir``, unchanged documents come from the index cache there, only new and changed
    ones are counted again, and a knowledge base the cache holds whole is not indexed at all.
    """
    check_mode(semantic)
    if cache_dir is None:
        kb = load_knowledge(folder, max_file_bytes)
        glossary = load_glossary(folder)
        built = index_parts(count_knowledge(kb, progress=progress))
        return _settled(
            Engine(kb, min_confidence, max_question_chars, built, glossary, semantic=semantic)
        )
    snapshot = snapshot_folder(cache_dir, folder)
    with _collector_paused() as resume_collector:
        with IndexCache(snapshot, progress) as cache:
            kb = load_knowledge(folder, max_file_bytes, parse=cache.parse)
            parts = cache.load(kb)
            if parts is None:
                # Building makes garbage in plenty: the collector runs as usual.
                resume_collector()
                counted = count_knowledge(kb, cache.earlier(), progress)
                log.debug(
                    "index: counted %d of %d documents, reused the rest from %s",
                    len(counted.tokenised),
                    len(kb.documents),
                    snapshot,
                )
                pending = cache.save_counts(kb, counted)
                parts = index_parts(counted, pending.saved_blocks() if pending else None)
                parts = dataclasses.replace(parts, sentences=cache.save_index(pending, parts))
            else:
                log.debug("index: loaded from %s", snapshot)
        prune_snapshots(cache_dir, snapshot)
        glossary = load_glossary(folder)
        engine = Engine(kb, min_confidence, max_question_chars, parts, glossary, semantic=semantic)
    return _settled(engine)


def engine_from_settings(settings: Settings, progress: Progress = no_progress) -> Engine:
    """Build the engine the settings describe: knowledge folder, limits, index cache, mode."""
    return build_engine(
        settings.knowledge_dir,
        settings.min_confidence,
        settings.max_file_bytes,
        settings.index_cache_dir,
        settings.max_question_chars,
        progress=progress,
        semantic=settings.semantic,
    )


@contextlib.contextmanager
def _collector_paused() -> Iterator[Callable[[], None]]:
    """Keep the cyclic collector from running in the block; it yields a call that resumes it.

    An engine read from the index cache is a million paragraphs and more that all stay alive
    and hold no cycles: the collections their number sets off would walk every one of them,
    again and again, and free nothing. ``_settled`` collects once the engine is made.
    """
    enabled = gc.isenabled()
    gc.disable()

    def resume() -> None:
        if enabled:
            gc.enable()

    try:
        yield resume
    finally:
        resume()


def _settled(engine: Engine) -> Engine:
    """Return ``engine`` after taking everything alive now out of the cyclic collector's view."""
    # A million paragraphs are millions of objects: the collections that follow a build would
    # walk them all, in the middle of answering. Frozen objects are still freed when unused, but
    # cycles among them never are: so what an earlier build froze is thawed, and garbage is
    # collected, before what is alive now is frozen.
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return engine


def _in_calendar_of(answer: Answer, language: str) -> Answer:
    """``answer`` with its dates also in the calendar of ``language``: Solar Hijri for Persian."""
    if language != PERSIAN or not answer.answered:
        return answer
    return dataclasses.replace(answer, text=with_solar(answer.text))


@functools.lru_cache(maxsize=1024)
def _section_terms(section: str | None) -> frozenset[str]:
    """The index terms of a section's heading (none outside a section)."""
    return frozenset(terms(section)) if section else frozenset()
