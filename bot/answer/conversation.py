"""Conversation context: what the last answer was about, and a follow-up read against it."""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
import weakref
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Final

from bot.answer import smalltalk, timeshift
from bot.answer.composer import gives_kind, has_measure
from bot.answer.engine import SAID_TAIL, Engine
from bot.answer.questions import Kind, QueryTerm, Question, without_asking
from bot.answer.records import Answer
from bot.answer.texts import choose_language, say
from bot.knowledge.languages import ENGLISH, RUSSIAN
from bot.search import thesaurus
from bot.search.languages import typed_in_latin
from bot.search.speakers import find_speaker
from bot.search.textnorm import DISCOURSE_MARKERS, STOP_WORDS, stem, terms, words


@dataclass(frozen=True)
class Cited:
    """A paragraph an answer cited, as it read then."""

    document: str
    paragraph: int
    text: str


@dataclass(frozen=True)
class Topic:
    """What an answer was about: the context the next question may follow up on."""

    question: str
    kind: Kind
    terms: tuple[QueryTerm, ...]
    # The answer's own rarest words and names, which a pronoun may stand for.
    answer_terms: tuple[QueryTerm, ...]
    phrase: tuple[str, ...]
    # The people the answer names, as shown and as the terms of their surnames.
    people: tuple[str, ...]
    surnames: tuple[str, ...]
    cited: tuple[Cited, ...]
    said: frozenset[str]
    # The time it was about: what "the next year" or "the day before" is counted from.
    when: timeshift.When | None = None
    # The sentences the last answer gave, of all those ``said``.
    last: frozenset[str] = frozenset()

    def holds_in(self, engine: Engine) -> bool:
        """True when every paragraph the topic cited is still in ``engine``, unchanged."""
        return all(engine.has_paragraph(c.document, c.paragraph, c.text) for c in self.cited)


@dataclass(frozen=True)
class Turn:
    """One exchange: the answer, the question as resolved, and the context after it."""

    answer: Answer
    resolved: str
    topic: Topic | None


@dataclass(frozen=True)
class FollowUpWords:
    """One language's closed-class words that lean on what was said before."""

    # "he", "her": a person named before, unless the question names someone itself.
    people: frozenset[str]
    # "they", "their": the people before when the topic was about people, else the things.
    plural: frozenset[str]
    # "it": the thing asked about before, wherever it stands.
    things: frozenset[str]
    # "his", "their": someone before, and "its": something before, unless a word of the
    # question's own comes first ("what did the presidents visit besides their meetings?").
    owners: frozenset[str]
    possessives: frozenset[str]
    # "that", "this": the thing before when they end the question ("where did she say that?");
    # inside it they mostly start a clause or pick a noun ("that the deal ...").
    last_things: frozenset[str]
    # "and ...", "what about ...": the question goes on from the last one.
    openers: tuple[tuple[str, ...], ...]
    # "more", "else": more of the same topic, not what was said.
    more: frozenset[str]
    # "there": the place before, unless it only says that something exists ("is there ...").
    places: frozenset[str] = frozenset()
    existence: frozenset[str] = frozenset()
    # Prepositions: a question that starts with one is the end of another.
    fragments: frozenset[str] = frozenset()


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Keyed by ISO 639-1 code: pronouns and connectives are a language's grammar, not its topics.
FOLLOW_UP_WORDS: Final[dict[str, FollowUpWords]] = {
    "en": FollowUpWords(
        people=_set("he him she her they them"),
        plural=_set("they them their theirs"),
        things=_set("it"),
        owners=_set("his hers their theirs"),
        possessives=_set("its"),
        last_things=_set("that this these those then"),
        places=_set("there"),
        existence=_set("is are was were be been being isn aren wasn weren"),
        fragments=_set("on in at by for with from to about of since until after before during"),
        openers=tuple(tuple(o.split()) for o in ("and", "what about", "how about", "also")),
        more=_set("more else further elaborate"),
    ),
    "ru": FollowUpWords(
        people=_set("он его него ему нему им ним она ее нее ей ней они их них"),
        plural=_set("они их них им ним"),
        things=_set("это оно"),
        owners=_set("его ее их"),
        possessives=frozenset(),
        last_things=_set("это этот эта эти тот та те там тогда"),
        openers=tuple(
            tuple(o.split()) for o in ("а", "и", "а что", "что насчет", "а как", "также")
        ),
        more=_set("еще больше подробнее подробней"),
    ),
    "fa": FollowUpWords(
        people=_set("او وی انها ایشان"),
        plural=_set("انها ایشان"),
        things=_set("ان این"),
        owners=_set("اش"),
        possessives=frozenset(),
        last_things=_set("ان این انجا انها اینها"),
        openers=tuple(tuple(o.split()) for o in ("و", "درباره", "و درباره", "در مورد")),
        more=_set("بیشتر دیگر"),
    ),
}
# A question with at most this many known content words of its own may be elliptical.
SHORT_TERMS: Final = 2
# The earlier question's terms weigh this much beside the new question's own.
CARRY_WEIGHT: Final = 0.5
# The earlier answer's rarest words and names (a "she" or an "it" may be one) weigh this much.
ANSWER_WEIGHT: Final = 0.2
ANSWER_TERMS: Final = 6
# Context terms kept from turn to turn, and words shown for them in a resolved question.
MAX_TOPIC_TERMS: Final = 12
MAX_PHRASE_WORDS: Final = 8
_MARKER: Final = re.compile(r"\s*\[\d+\]")
_YEAR: Final = re.compile(r"^(?:19|20)\d\d$")
# A sentence's first word is capitalised anyway, behind a quotation mark too.
_NAME_RUN: Final = re.compile(
    r"(?<![.!?]\s)(?<![.!?]\s[\"“‘(])(?<!^[\"“‘(])(?<!^)\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*"
)
# Kinds of question any sentence may answer: only the question's words say which.
_ANY_KIND: Final = frozenset({Kind.GENERAL, Kind.YESNO, Kind.META})
_SMALLTALK_EXAMPLES: Final = 2
# The most example questions offered at once (the greeting's buttons).
MAX_EXAMPLES: Final = 4


def reply(
    engine: Engine,
    question: str,
    topic: Topic | None,
    examples: Examples | None = None,
    language: str | None = None,
    *,
    goes_on: bool = True,
) -> Turn:
    """Answer ``question`` in the context ``topic`` (None: a new conversation).

    ``goes_on=False`` says no question will follow (a one-off ``ask``): the turn keeps no topic,
    which spares reading the answer for one.

    A question that leans on the one before ("and when?", "what did she say?", "tell me more") is
    answered both as typed and with the earlier terms added; the reading in context is kept when
    its answer is the better supported one. Small talk gets a friendly reply and keeps the context.
    """
    full = _spelled_out(engine, question, topic) if topic is not None else question
    if topic is not None and full == question:
        full = _named_by_noun(question, topic)
    if full != question:
        # "the pm" after an answer about the Prime Minister: read as the words it abbreviates.
        turn = reply(engine, full, topic, examples, language, goes_on=goes_on)
        shown = turn.answer.resolved or full
        answer = dataclasses.replace(turn.answer, question=question, resolved=shown)
        return dataclasses.replace(turn, answer=answer, resolved=shown)
    language = language or choose_language(question)
    read = engine.read(question)
    if isinstance(read, Answer):
        return Turn(read, question, topic)
    # Russian typed in Latin letters ("a kogda?") is read as the Russian it spells.
    spelled = (typed_in_latin(question) if language == RUSSIAN else None) or question
    # "Quick question: thanks, bye" is small talk behind words that only ask.
    act = smalltalk.recognise(
        without_asking(spelled), lambda w: engine.index.term_id(stem(w)) is not None, language
    )
    if act is not None:
        offered = (
            examples.of(engine, language)[:_SMALLTALK_EXAMPLES] if examples is not None else ()
        )
        text = smalltalk.reply(act, offered, len(engine.kb.documents), language)
        return Turn(Answer(question, False, text, 0.0, (), kind="smalltalk"), question, topic)
    cues = FOLLOW_UP_WORDS.get(language, FOLLOW_UP_WORDS["en"])
    # "ok and when?", "hmm, who said that": the follow-up begins after the words that open it.
    spelled = _without_markers(spelled)
    if _opener(spelled, cues):
        read = _read(engine, spelled, cues) or read
    lean = _leaning(engine, spelled, read, cues)
    if topic is None and read.weight <= 0 and (lean.anaphor or lean.opener or lean.bare):
        # "And when?", "what did he say about her?" with nothing asked before to lean on: the
        # question is not off the sources' subject, it is missing its subject.
        return Turn(engine.decline(question, "needs_topic", language), question, None)
    if (
        topic is not None
        and lean.short
        and not lean.strong
        and any(_is_name(engine, t) for t in _own_terms(read))
    ):
        # "When was aeromarven founded?": a short question that names something of the sources
        # itself, with no pronoun or opener, asks about that, not about the last topic.
        lean = dataclasses.replace(lean, short=False)
    plain = engine.answer_read(question, read)
    if topic is None or not lean.any:
        if not goes_on:
            return Turn(plain, question, None)
        # A new question the sources cannot answer leaves no topic: a "they" after it is not
        # the earlier topic's.
        after = topic if plain.answered or read.weight <= 0 else None
        return _turn(engine, read, plain, typed=question, resolved=question, before=after)
    dated = timeshift.shifted(spelled, topic.when, language) if topic.when else None
    shifted = _read(engine, dated.text, cues) if dated is not None else None
    if dated is not None and shifted is not None:
        # "and the next year?" asks "and in 2022?" when the topic was 2021: read it so.
        read = shifted
        lean = dataclasses.replace(_leaning(engine, dated.text, read, cues), dated=True)
    if lean.person and lean.plural and not _about_people(topic, _surnames(engine)):
        # "what did they sign?" after a question about documents: "they" are the documents.
        lean = dataclasses.replace(lean, person=False, thing=True)
    if (
        lean.thing
        and not lean.person
        and _WHO_IS.match(topic.question)
        and not any(w in cues.last_things or w in cues.places for w in words(spelled))
    ):
        # "What did Solvek say about it?" after "who's the transport minister?": an "it" stands
        # for a thing, and that topic was a person.
        lean = dataclasses.replace(lean, thing=False)
    new = [t for t in read.terms if t.surface not in cues.more]
    if lean.more and new and not any(t.forms == u.forms for t in new for u in topic.terms):
        # "who else would it benefit?" asks a new question of the topic, not for more of the old
        # one: what was said may hold its answer.
        lean = dataclasses.replace(lean, more=False, thing=True)
    in_context = _in_context(engine, read, topic, lean, cues)
    near = frozenset(c.document for c in topic.cited)
    said = topic.said if lean.more else frozenset()
    # With no word of its own ("and when?", "tell me more"), a follow-up is wholly about the topic
    # the last answer established: its sentences need not repeat the topic's words to count.
    # A date counted from the topic's adds nothing else to it either.
    # Without a pronoun to keep the topic's subject, a word the sources never use takes its place:
    # "and rouhani?" asks of someone else ("what did he push for?" asks of the same person).
    unheard = not lean.anaphor and any(
        not t.known and not _YEAR.match(t.surface) for t in read.terms
    )
    on_topic = lean.strong and (not (_own_terms(read) or unheard) or lean.dated)
    contextual = engine.answer_read(question, in_context, near=near, said=said, on_topic=on_topic)
    if (
        lean.more
        and in_context.kind not in _ANY_KIND | {Kind.SAY}
        and not (contextual.answered or plain.answered)
        and said != topic.last
    ):
        # "Who else?" when all the conversation has said is all there is, and it asks nothing
        # as typed: what an earlier answer gave may answer it, only not the last answer's own
        # sentences again. "Tell me more" asks for what is new, and is told there is no more.
        contextual = engine.answer_read(
            question, in_context, near=near, said=topic.last, on_topic=on_topic
        )
    day = dated.day if dated is not None and shifted is not None else None
    lead = _lead(contextual) if contextual.answered else ""
    # An answer that gives what is asked, but of nothing the topic was about, may have lost the
    # topic: the sentence beside the last answer that holds the question's own words is surer.
    strict = bool(lead) and not _mentions(lead, topic)
    if not lean.more and (strict or not (lead and _gives_within(in_context, lead, day, read))):
        # What the last answer left out is most often in the paragraphs it cited, the sentences
        # beside those it gave ("how big will it be?", "what did the union say about that?").
        # There the place says what the topic is: the question's own words pick the sentence,
        # or when none holds them, the topic's words with them.
        own = dataclasses.replace(in_context, terms=read.terms)
        # "and by rail?" after "how much by road?" asks "how much?" again: beside the last
        # answer, a sentence that gives an amount of rail answers it.
        switched = in_context
        if lean.opener and in_context.kind is Kind.GENERAL and topic.kind not in _ANY_KIND:
            switched = dataclasses.replace(in_context, kind=topic.kind)
        # "When was that" after a quotation: the words quoted are no part of what "that" was.
        answered = {t.forms for t in topic.answer_terms} - {t.forms for t in topic.terms}
        topical = dataclasses.replace(
            in_context, terms=tuple(t for t in in_context.terms if t.forms not in answered)
        )
        readings = (own, in_context) if _own_terms(read) else (in_context,)
        if topical.terms and len(topical.terms) < len(in_context.terms):
            readings = (*readings, topical)
        for asked in readings:
            within = engine.answer_within(
                question,
                asked,
                [(c.document, c.paragraph + step) for step in (0, 1) for c in topic.cited],
                said=topic.said,
                on_topic=not unheard,
            )
            if within.answered and (
                _gives(in_context, within.text, day, read)
                if strict
                else _gives_within(switched, within.text, day, read)
            ):
                contextual = within
                break
    if (
        not lean.more
        and _repeats(engine, contextual, topic)
        and not _gives(in_context, _lead(contextual), day, read)
    ):
        # "and when?" after an answer with no date asks for what it lacked: the same sentences
        # again cannot give it, so the next best ones are read. What an answer gives first is
        # what it answers; a sentence added after a repeated one does not make it new.
        fresh = engine.answer_read(
            question, in_context, near=near, said=topic.said, on_topic=on_topic
        )
        if fresh.answered and _gives(in_context, fresh.text, day, read):
            contextual = fresh
    # A follow-up that neither reading answers is declined as the follow-up it is: "I couldn't
    # find that", not "please ask about something in my sources".
    unanswered = lean.strong and not plain.answered
    people_named = _people_named(engine, read)
    named = bool(people_named)
    # A pronoun stands for something before: an answer as typed from other documents, about
    # something else, answers another question ("how much do they earn?" of other people).
    strays = (
        lean.anaphor
        and not contextual.answered
        and not any(c.document in near for c in plain.citations)
        and not _keeps_to(plain, topic, lean, named)
    )
    if (
        unanswered
        or strays
        or _better(read, contextual, plain, topic=topic, lean=lean, named=people_named)
    ):
        resolved = _resolved(
            dated.text if dated and shifted else question, topic, cues, lean, in_context
        )
        if lean.more and not contextual.answered and not plain.answered:
            # "Tell me more", "who else" after all the sources say of it: say so, not that the
            # question found no answer.
            contextual = dataclasses.replace(
                engine.decline(question, "no_more", language), confidence=contextual.confidence
            )
        return _turn(
            engine,
            in_context,
            contextual,
            typed=question,
            resolved=resolved,
            before=topic,
            same=lean.more,
        )
    return _turn(engine, read, plain, typed=question, resolved=question, before=topic)


# The longest abbreviation spelled out from its initials ("pm", "eu", "nato").
MAX_INITIALS: Final = 5
_LETTERS: Final = re.compile(r"[^\W\d_]+")


def _spelled_out(engine: Engine, question: str, topic: Topic) -> str:
    """``question`` with each word the sources lack that is the initials of a name or title in
    the topic's question or paragraphs ("pm": "Prime Minister") written as its words."""
    texts = [topic.question, *(c.text for c in topic.cited)]
    out = question
    for match in reversed(list(_LETTERS.finditer(question))):
        short = match.group().lower()
        term = terms(short)
        if not 2 <= len(short) <= MAX_INITIALS or not term or engine.index.term_id(term[0]):
            continue
        for text in texts:
            found = _LETTERS.findall(text)
            runs = (
                found[i : i + len(short)]
                for i in range(len(found) - len(short) + 1)
                # A name or a title ("Prime Minister"), whose words are all capitalised.
                if "".join(w[0] for w in found[i : i + len(short)]).lower() == short
                and all(w[0].isupper() for w in found[i : i + len(short)])
            )
            run = next(runs, None)
            if run is not None:
                out = out[: match.start()] + " ".join(run).lower() + out[match.end() :]
                break
    return out


# "Who runs that company?": a demonstrative and a noun (English).
_THAT_NOUN: Final = re.compile(r"\b(?:that|this)\s+([a-z]{3,})\b", re.IGNORECASE)
_CAPITALISED_RUN: Final = r"[A-Z][\w'’&-]*(?:\s+(?:&\s+)?[A-Z][\w'’&-]*)*"


def _named_by_noun(question: str, topic: Topic) -> str:
    """``question`` with "that company" written as the name the last answer gave the company
    with ("The Quelmari company Solenta Power"), where it gave one name so."""
    found = _THAT_NOUN.search(question)
    if found is None:
        return question
    noun = re.escape(found.group(1).lower())
    before_name = re.compile(rf"\b{noun}(?:s|es)?\s+({_CAPITALISED_RUN})")
    names = {m.group(1) for text in topic.last for m in before_name.finditer(text)}
    if len(names) != 1:
        return question
    return question[: found.start()] + names.pop() + question[found.end() :]


# "Who is X", "who's X", "whos X": a question asking who a person is.
_WHO_IS: Final = re.compile(r"^\s*who(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were)\b", re.IGNORECASE)


def _about_people(topic: Topic, surnames: frozenset[str]) -> bool:
    """True when the topic's question asked who, or named someone ("what did Raisi say?")."""
    return topic.kind is Kind.WHO or any(
        t.name or any(form & surnames for form in t.forms) for t in topic.terms
    )


def _read(engine: Engine, question: str, cues: FollowUpWords) -> Question | None:
    """Read ``question`` without the opener it starts with, or None when it cannot be read."""
    opener = _opener(question, cues)
    # "and when?" asks "when?": the opener would hide the question word from the reader.
    read = engine.read(question[opener:])
    if not isinstance(read, Question) and opener:
        read = engine.read(question)
    return read if isinstance(read, Question) else None


@dataclass(frozen=True)
class Lean:
    """How a question leans on the one before it."""

    person: bool
    thing: bool
    opener: bool
    more: bool
    short: bool
    # No word of its own at all ("why?", "where?"): nothing to read it by but the context.
    bare: bool
    # A time counted from the topic's ("the next year", "the day before").
    dated: bool = False
    # The pronouns for people are all plural ("they", "their"): they may stand for things.
    plural: bool = False

    @property
    def anaphor(self) -> bool:
        """True when a pronoun stands for someone or something before."""
        return self.person or self.thing

    @property
    def strong(self) -> bool:
        """True when the question cannot stand alone: a pronoun, an opener, "more", no topic,
        a time counted from the topic's."""
        return self.anaphor or self.opener or self.more or self.bare or self.dated

    @property
    def any(self) -> bool:
        """True when the question may follow up at all."""
        return self.strong or self.short


def _lean(question: str, q: Question, cues: FollowUpWords) -> Lean:
    """How ``question`` leans on the one before: pronouns, opener, "more", few words."""
    found = words(question)
    own = _own_terms(q)
    names = any(t.name for t in own)
    own_stems = frozenset(s for t in own for form in t.forms for s in form)
    first_own = next((i for i, w in enumerate(found) if stem(w) in own_stems), len(found))
    before_own = found[:first_own]
    first_said = next(
        (i for i, w in enumerate(found) if stem(w) in own_stems and w not in cues.more), len(found)
    )
    pronouns = [w for w in found if w in cues.people] + [w for w in before_own if w in cues.owners]
    return Lean(
        person=not names and bool(pronouns),
        plural=bool(pronouns) and all(w in cues.plural for w in pronouns),
        # A pronoun amid the question's own words may stand for them ("whats kestria selling
        # and how much was it worth"): one before them, or last, stands for the topic.
        thing=any(w in cues.things for w in before_own)
        or (bool(found) and found[-1] in cues.things)
        or any(w in cues.possessives for w in before_own)
        or (bool(found) and found[-1] in cues.last_things)
        # "is that realistic?", "was this before the visit?": after a verb "to be" it is the
        # subject, no clause.
        or any(
            w in cues.last_things and i > 0 and found[i - 1] in cues.existence
            for i, w in enumerate(found)
        )
        or any(
            w in cues.places and not any(n in cues.existence for n in found[max(0, i - 1) : i + 2])
            for i, w in enumerate(found)
        ),
        opener=any(tuple(found[: len(o)]) == o for o in cues.openers)
        # "on which agreement?", "since when?": a question that starts with a preposition
        # finishes the one before.
        or (bool(found) and found[0] in cues.fragments and len(own) <= SHORT_TERMS),
        # "More" or "else" asks for more of the topic before the question's own words, or last
        # ("what else was signed", "anything else?"); after them it is of the question's own
        # subject ("how much did the state put in and who else chipped in").
        more=any(
            w in cues.more and (i < first_said or i == len(found) - 1) for i, w in enumerate(found)
        ),
        bare=bool(found) and not q.terms,
        # Words no source uses ("zzzz") make a question of their own, not an ellipsis.
        short=bool(found)
        and all(t.known for t in q.terms)
        and len(own) <= SHORT_TERMS
        and not names,
    )


def _leaning(engine: Engine, question: str, q: Question, cues: FollowUpWords) -> Lean:
    """How ``question`` leans on the one before (``_lean``), with a possessive after a person the
    question names read as theirs: in "who was waiting for kask when her plane landed", "her" is
    Kask's, not someone the topic was about."""
    lean = _lean(question, q, cues)
    if lean.person and _owned_by_named(words(question), _people_named(engine, q), cues):
        lean = dataclasses.replace(lean, person=False)
    return lean


def _people_named(engine: Engine, q: Question) -> list[QueryTerm]:
    """The question's own terms that name someone ``engine``'s documents name."""
    return [t for t in _own_terms(q) if t.found_in(_surnames(engine))]


def _owned_by_named(found: Sequence[str], named: Sequence[QueryTerm], cues: FollowUpWords) -> bool:
    """True when each pronoun for a person in ``found`` owns the word after it ("her plane") and
    follows a word of the terms ``named``, someone the question itself names: it is theirs."""
    stems = frozenset(s for t in named for form in t.forms for s in form)
    first = next((i for i, w in enumerate(found) if stem(w) in stems), None)
    if first is None:
        return False
    pronouns = [i for i, w in enumerate(found) if w in cues.people or w in cues.owners]
    return bool(pronouns) and all(
        i > first and i + 1 < len(found) and found[i + 1] not in STOP_WORDS for i in pronouns
    )


_SURNAMES: Final[weakref.WeakKeyDictionary[Engine, frozenset[str]]] = weakref.WeakKeyDictionary()


def _surnames(engine: Engine) -> frozenset[str]:
    """The terms of the surnames of the people ``engine``'s documents name, worked out once."""
    found = _SURNAMES.get(engine)
    if found is None:
        found = frozenset(terms(name)[-1] for name in engine.people_named() if terms(name))
        _SURNAMES[engine] = found
    return found


_NAMES: Final[weakref.WeakKeyDictionary[Engine, dict[tuple[frozenset[str], ...], bool]]] = (
    weakref.WeakKeyDictionary()
)
# Paragraphs read to tell whether the sources write a word as a name, and the share of its
# occurrences past a sentence's first word that must be capitalised.
NAME_PARAGRAPHS: Final = 4
NAME_SHARE: Final = 0.8
_WORD: Final = re.compile(r"[^\W\d_][\w'’-]*")
_TITLED: Final = re.compile(r"\s+[A-ZА-ЯЁ]")
_SENTENCE_START: Final = re.compile(r"(?:^|[.!?][\"”’)]*\s+)[\"“‘(]*$")


def _is_name(engine: Engine, term: QueryTerm) -> bool:
    """True when the sources write ``term`` as a name: capitalised inside their sentences, and
    not only as a title before a name ("Minister Aurel Danescu")."""
    known = _NAMES.setdefault(engine, {})
    found = known.get(term.forms)
    if found is None:
        probe = Question(term.surface, Kind.GENERAL, (term,), frozenset())
        capital = lower = 0
        for hit in engine.retrieve(probe, NAME_PARAGRAPHS):
            text = engine.kb.paragraphs[hit.paragraph].text
            for match in _WORD.finditer(text):
                if _SENTENCE_START.search(text[: match.start()]) or not term.found_in(
                    frozenset(terms(match.group()))
                ):
                    continue
                if not match.group()[0].isupper():
                    lower += 1
                elif not _TITLED.match(text, match.end()) or not thesaurus.names_a_person(
                    match.group().lower()
                ):
                    # A capital before another is a title only where the word names a kind of
                    # person ("Mayor Jane Doe"); "Jane" is a name.
                    capital += 1
        found = capital > 0 and capital >= NAME_SHARE * (capital + lower)
        known[term.forms] = found
    return found


def _without_markers(question: str) -> str:
    """``question`` without the discourse markers it opens with, when more follows."""
    found = _MARKERS.match(question)
    return (
        question[found.end() :] if found is not None and found.end() < len(question) else question
    )


_MARKERS: Final = re.compile(
    rf"^\s*(?:(?:{'|'.join(sorted(DISCOURSE_MARKERS))})\b[\s,.!:;-]*)+(?=\w)", re.IGNORECASE
)


def _opener(question: str, cues: FollowUpWords) -> int:
    """The length of the opener ("and", "what about") that ``question`` starts with, or 0."""
    text = question.lstrip()
    lead = len(question) - len(text)
    for opener in cues.openers:
        match = re.match(r"\s*[,;:]?\s*".join(map(re.escape, opener)) + r"\b[\s,;:]*", text, re.I)
        if match and match.end() < len(text):
            return lead + match.end()
    return 0


def _own_terms(q: Question) -> list[QueryTerm]:
    return [t for t in q.terms if t.known and not _YEAR.match(t.surface)]


def _in_context(
    engine: Engine, q: Question, topic: Topic, lean: Lean, cues: FollowUpWords
) -> Question:
    """``q`` with the topic's terms added at their carried weight, and its kind if ``q`` has none.

    A "he" or "she" stands for one of the people the answer named: their names weigh as much as
    the question's own words. An "it" may stand for something the answer said, so then the
    answer's rarest words come too.
    """
    # "else" and "more" ask for more of the topic; they are not what it is about.
    own = tuple(t for t in q.terms if t.surface not in cues.more)
    mine = {t.forms for t in own}
    # Someone the sources give no title may still be among the answer's words.
    unnamed = lean.person and not topic.surnames
    # "why?" alone asks about what the answer said.
    about_answer = lean.thing or unnamed or (lean.bare and not lean.opener)
    earlier = tuple(
        t
        for t in topic.terms + (topic.answer_terms if about_answer else ())
        if t.surface not in cues.more
    )
    named = _own_terms(q)
    if lean.opener and any(_is_name(engine, t) for t in named):
        # "and arvell?" after "what did moravec call the agreements?" asks the same of another
        # name: the name it takes the place of would only find the answer given again.
        earlier = tuple(t for t in earlier if t.forms in mine or not _is_name(engine, t))
    if lean.more and q.kind is Kind.WHO:
        # "who else?" asks for someone not yet named: the names given would only find them again.
        given = frozenset(topic.surnames) | frozenset(
            t for name in topic.people for t in terms(name)[-1:]
        )
        earlier = tuple(t for t in earlier if not any(form & given for form in t.forms))
    carried: list[QueryTerm] = []
    if lean.person and topic.surnames:
        forms = tuple(frozenset({s}) for s in topic.surnames)
        weight = max(engine.index.idf_of(s) for s in topic.surnames)
        carried.append(QueryTerm(topic.people[0], forms, weight, known=True, name=True))
        # The earlier question's own "he" stood for the same people: they come once.
        mine.add(forms)
    for n, t in enumerate(earlier):
        if t.forms in mine or (q.years and _YEAR.match(t.surface)):
            continue
        mine.add(t.forms)
        share = CARRY_WEIGHT if n < len(topic.terms) else ANSWER_WEIGHT
        carried.append(dataclasses.replace(t, weight=t.weight * share))
    kind = q.kind
    if lean.more and not _own_terms(q) and kind in (Kind.GENERAL, Kind.SAY):
        # "Tell me more" asks for anything more on the topic, not for a quotation.
        kind = Kind.GENERAL
    elif kind is Kind.GENERAL and not _own_terms(q):
        kind = topic.kind
    return dataclasses.replace(q, terms=own + tuple(carried), kind=kind)


def _better(
    q: Question,
    contextual: Answer,
    plain: Answer,
    *,
    topic: Topic,
    lean: Lean,
    named: Sequence[QueryTerm],
) -> bool:
    """True when the answer in context is the better supported of the two.

    ``named``: the question's terms that name someone the sources name (see ``_keeps_to``).

    A question that leans on the one before takes the answer in context unless the plain answer
    holds more of the question's own words; a short one that could stand alone, only when it has
    no answer of its own and the one in context holds every word the question asks about.
    """
    if not contextual.answered:
        return False
    if lean.strong:
        if named and not lean.person and plain.answered:
            # "Was kalvonia's president there?": the question names its own person, and no
            # pronoun stands for one; the answer that names them is about them.
            said, typed = _said(contextual.text), _said(plain.text)
            if any(t.found_in(typed) for t in named) and not any(t.found_in(said) for t in named):
                return False
        # A pronoun or an opener may start a question that stands on its own ("which
        # organisations did he mention?"): an answer as typed that keeps to the topic and holds
        # more of the question's own words is the better one.
        return (
            not plain.answered
            or not _keeps_to(plain, topic, lean, bool(named))
            or _own_cover(q, contextual) >= _own_cover(q, plain)
        )
    said = _said(contextual.text)
    # The measure asked for ("how much land will it take up?": an area) answers as the words do.
    measured = q.measure is not None and has_measure(q.measure, _MARKER.sub("", contextual.text))
    return not plain.answered and (measured or all(t.found_in(said) for t in _own_terms(q)))


def _repeats(engine: Engine, answer: Answer, topic: Topic) -> bool:
    """True when ``answer`` leads with sentences the conversation already gave."""
    said = engine.sentences_said(answer) if answer.answered else frozenset()
    lead = _lead(answer)
    return any(s.rstrip(".")[-SAID_TAIL:] in lead for s in said & topic.said)


def _lead(answer: Answer) -> str:
    """The text of an answer up to its first citation marker: what it gives first."""
    return _MARKER.split(answer.text, maxsplit=1)[0]


def _gives(q: Question, text: str, day: datetime.date | None, own: Question) -> bool:
    """True when ``text`` gives what ``q`` asks for: the day asked about, a date for "when"...,
    and every word of its own the follow-up ``own`` asks about ("what did Lukashenko say about
    it?")."""
    said = _said(text)
    text = _MARKER.sub("", text)
    if not all(t.found_in(said) for t in _own_terms(own)):
        return False
    if day is not None:
        return timeshift.gives_day(text, day)
    return gives_kind(q, text)


def _gives_within(q: Question, text: str, day: datetime.date | None, own: Question) -> bool:
    """True when ``text``, from the paragraphs the topic cited, gives what ``q`` asks for.

    There the topic is given: a sentence that gives the kind asked for ("when": a date, "what did
    they say": a quotation) answers, whatever words it uses ("the union" is "the federation").
    A question of no particular kind needs its own words.
    """
    if day is None and q.kind not in _ANY_KIND:
        return gives_kind(q, _MARKER.sub("", text))
    return _gives(q, text, day, own)


@functools.lru_cache(maxsize=256)
def _said(text: str) -> frozenset[str]:
    """The index terms of an answer's text, its citation markers left out.

    One reply weighs the same answers several times (``_better``, ``_keeps_to``, ``_gives``).
    """
    return frozenset(terms(_MARKER.sub("", text)))


def _mentions(text: str, topic: Topic) -> bool:
    """True when ``text`` holds a word the topic was asked or answered with."""
    said = _said(text)
    return any(t.found_in(said) for t in (*topic.terms, *topic.answer_terms))


def _keeps_to(answer: Answer, topic: Topic, lean: Lean, named: bool) -> bool:
    """True when ``answer`` is about ``topic``: it names the person a "he" stands for, else a word
    the topic was asked or answered with.

    In a question that names someone itself (``named``), the "him" may be anyone the topic was
    about ("what did lukashenko tell him?"), so the topic's words are enough.
    """
    if lean.person and not named and topic.surnames:
        return any(s in _said(answer.text) for s in topic.surnames)
    if lean.person and not named and topic.people:
        return any(name in answer.text for name in topic.people)
    return _mentions(answer.text, topic)


def _own_cover(q: Question, answer: Answer) -> float:
    """The weight of the question's own known words that ``answer``'s text holds."""
    said = _said(answer.text)
    return sum(t.weight for t in _own_terms(q) if t.found_in(said))


def _resolved(question: str, topic: Topic, cues: FollowUpWords, lean: Lean, read: Question) -> str:
    """The question as read in context: what a pronoun stands for, or an ellipsis leaves out.

    ``read`` is the question as answered: the topic's words it did not carry are not shown.
    """
    kind = read.kind
    carried = {t.surface for t in read.terms}
    text = question.strip()
    # A year the question names itself takes the place of the topic's ("and in 2023?").
    own_year = any(_YEAR.match(w) for w in words(text))
    # "Who else?" is about the topic without the people already named.
    given = {w.lower() for name in topic.people for w in name.split()}
    left_out = given if lean.more and kind is Kind.WHO else set()
    about = " ".join(
        w
        for w in topic.phrase
        if not (own_year and _YEAR.match(w))
        and w not in cues.more
        and w not in left_out
        and w in carried
    )
    for match in re.finditer(r"[^\W\d_]+", text):
        word = match.group().lower()
        if word in cues.people and lean.person and topic.people:
            who = topic.people[0]
            return f"{text[: match.end()]} ({who}){text[match.end() :]}"
        # A "they" that stands for things shows them, like an "it".
        things = word in cues.things or (word in cues.plural and not lean.person)
        if things and about:
            return f"{text[: match.end()]} ({about}){text[match.end() :]}"
    end = len(text.rstrip("?!. "))
    return f"{text[:end]} ({about}){text[end:]}" if about else text


def _turn(
    engine: Engine,
    q: Question,
    answer: Answer,
    *,
    typed: str,
    resolved: str,
    before: Topic | None,
    same: bool = False,
) -> Turn:
    """The turn of ``answer``, with the topic the next question may follow up on.

    A declined question leaves the topic ``before`` in place; ``same`` marks more on that topic,
    whose sentences already given stay given.
    """
    if resolved != typed:
        answer = dataclasses.replace(answer, resolved=resolved)
    if not answer.answered:
        return Turn(answer, resolved, before)
    people = engine.people_in(answer)
    given_now = engine.sentences_said(answer)
    # What the sources say, without the answer's own words around it ("the sources disagree:
    # ten-year, per Press Agency, 2026-06-10"): those are no topic a follow-up leans on.
    body = " ".join(
        sorted(given_now, key=lambda s: answer.text.find(s.rstrip(".")[-SAID_TAIL:]))
    ) or _MARKER.sub("", answer.text)
    names = [display for display, _ in people] or _speaker(answer) or _names(body)
    own = sorted(q.terms, key=lambda t: -t.weight)[:MAX_TOPIC_TERMS]
    from_answer: list[QueryTerm] = []
    given = engine.read(body)
    if isinstance(given, Question):
        known = {t.forms for t in own}
        from_answer = sorted(
            (t for t in given.terms if t.known and t.forms not in known),
            key=lambda t: -t.weight,
        )[:ANSWER_TERMS]
    phrase = tuple(dict.fromkeys(t.surface for t in q.terms))[:MAX_PHRASE_WORDS]
    published = max((c.published for c in answer.citations if c.published), default=None)
    # What the whole conversation gave: "tell me more" and "who else" do not give it again.
    said = given_now | (before.said if before is not None else frozenset())
    topic = Topic(
        question=resolved,
        kind=q.kind,
        terms=tuple(own),
        answer_terms=tuple(from_answer),
        phrase=phrase,
        people=tuple(names),
        surnames=tuple(surname for _, surname in people),
        cited=tuple(Cited(c.document, c.paragraph, c.text) for c in answer.citations),
        said=said,
        when=timeshift.when_of(q.years, _MARKER.sub("", answer.text), published),
        last=given_now,
    )
    if same and before is not None:
        # More of the same topic: it stays what it was asked as, with more of it said.
        topic = dataclasses.replace(
            topic,
            question=before.question,
            kind=before.kind,
            terms=before.terms,
            phrase=before.phrase,
            said=before.said | said,
            when=before.when,
        )
    return Turn(answer, resolved, topic)


def _speaker(answer: Answer) -> list[str]:
    """The person whose words the answer reports, when it names one ("Nadia Rooke said")."""
    who = find_speaker([_MARKER.sub("", answer.text)])
    if who is None or not who[:1].isupper() or who.lower().startswith("the "):
        return []
    return [who]


def _names(text: str) -> list[str]:
    """The names in an answer: runs of capitalised words that do not start a sentence.

    A word of grammar alone is no name, though capitalised after a dateline ("MARROWICK — When").
    """
    body = _MARKER.sub("", text)
    found = (m.group() for m in _NAME_RUN.finditer(body))
    return list(dict.fromkeys(n for n in found if not set(words(n)) <= STOP_WORDS))


def answered_examples(
    engine: Engine, candidates: Sequence[str], language: str = ENGLISH
) -> tuple[str, ...]:
    """The example questions to offer in ``language``: its ``candidates`` that ``engine`` answers.

    With fewer than two, questions made from its documents in ``language`` (in that language):
    about the people they name ("Who is Elin Ostrova?"), then what each is about, if answered.
    """
    own = (q for q in candidates if choose_language(q) == language)
    found = tuple(q for q in own if engine.answer(q).answered)
    made = [say("example_who", language, name=name) for name in engine.people_named(language)]
    made += [
        say("example_about", language, title=doc.title)
        for doc in engine.kb.documents
        if doc.language == language
    ]
    for question in made:
        if len(found) >= _SMALLTALK_EXAMPLES:
            break
        if question not in found and engine.answer(question).answered:
            found += (question,)
    return found


class Examples:
    """Example questions to offer in each language, worked out for an engine when first needed."""

    def __init__(self, candidates: Sequence[str]) -> None:
        self._candidates = tuple(candidates)
        self._engine: Engine | None = None
        self._found: dict[str, tuple[str, ...]] = {}

    def of(self, engine: Engine, language: str = ENGLISH) -> tuple[str, ...]:
        """The examples in ``language`` that ``engine`` answers (worked out again on a reload)."""
        if self._engine is not engine:
            self._found = {}
            self._engine = engine
        found = self._found.get(language)
        if found is None:
            found = answered_examples(engine, self._candidates, language)[:MAX_EXAMPLES]
            self._found[language] = found
        return found


class Conversation:
    """One conversation's context, kept between questions (a terminal session, ``chat --json``)."""

    def __init__(self, engine: Engine, examples: Examples | None = None) -> None:
        self._engine = engine
        self._examples = examples
        self._topic: Topic | None = None

    def ask(self, question: str) -> Answer:
        """Answer ``question`` in the context of the answers before it."""
        turn = reply(self._engine, question, self._topic, self._examples)
        self._topic = turn.topic
        return turn.answer

    def restart(self) -> None:
        """Forget the context: the next question starts a new conversation."""
        self._topic = None


@dataclass
class _Kept:
    topic: Topic
    until: float
    version: str


class Contexts:
    """Conversation contexts by key (a chat, or one of the bot's messages), each for a while.

    At most ``limit`` are kept, the least recently used going first. A context read after the
    knowledge base changed is kept only while the paragraphs it cited are still there, unchanged.
    """

    def __init__(self, seconds: float, limit: int) -> None:
        self._seconds = seconds
        self._limit = limit
        self._kept: OrderedDict[Hashable, _Kept] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Hashable, engine: Engine, now: float) -> Topic | None:
        """The context kept under ``key``, if it is recent and still holds in ``engine``."""
        kept = self._kept.get(key)
        if kept is None:
            return None
        if now >= kept.until or (
            kept.version != engine.version and not kept.topic.holds_in(engine)
        ):
            del self._kept[key]
            return None
        kept.version = engine.version
        self._kept.move_to_end(key)
        return kept.topic

    def drop(self, key: Hashable) -> None:
        """Forget the context kept under ``key``, if any."""
        self._kept.pop(key, None)

    def put(self, key: Hashable, topic: Topic, engine: Engine, now: float) -> None:
        """Keep ``topic`` under ``key`` from ``now`` on, for ``engine``'s knowledge base."""
        self._kept[key] = _Kept(topic, now + self._seconds, engine.version)
        self._kept.move_to_end(key)
        while len(self._kept) > self._limit:
            self._kept.popitem(last=False)
