"""Composing an answer: picking the sentences that answer, citing them, judging confidence."""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Final, NamedTuple

from bot.answer.confidence import Model
from bot.answer.questions import (
    GUESS_CREDIT,
    MONEY_NOUNS,
    PEOPLE_TERMS,
    RATE_PER,
    TITLE_ABBREVIATIONS,
    Kind,
    Meta,
    QueryTerm,
    Question,
    past_form,
    phrase_in,
)
from bot.answer.records import Answer, Citation
from bot.answer.texts import say
from bot.knowledge.documents import Document
from bot.knowledge.languages import ENGLISH, detect_language
from bot.search import features as feat
from bot.search import thesaurus, wordvectors
from bot.search.languages import TIME_UNITS, YEAR_UNITS, YEARS_COUNTED, fold, russian_verb
from bot.search.speakers import (
    ROLE_TERMS,
    Person,
    display_name,
    find_speaker,
    role_terms_cover,
)
from bot.search.textnorm import (
    CARDINAL_WORDS,
    NUMBER_WORDS,
    STOP_WORDS,
    after_possessive,
    lemma,
    ordinal_figures,
    stem,
    terms,
    words,
)
from bot.search.values import date_spans, told_days, values_in, with_told_days


# Slots and no generated __setattr__ or __eq__: answering builds thousands of these a second.
@dataclass(slots=True, eq=False)
class Sentence:
    """A sentence of a paragraph with the terms it covers (names and titles filled in)."""

    text: str
    stems: frozenset[str]
    sequence: tuple[str, ...]
    speaker: frozenset[str] = frozenset()
    # Shown after the sentence before it: "this figure" needs its referent. A leading "he" or
    # "she" is named in place instead.
    shows_previous: bool = False


@dataclass(frozen=True)
class Passage:
    """A retrieved paragraph ready for answering: its document, sentences and retrieval score."""

    index: int
    document: Document
    number: int
    text: str
    sentences: tuple[Sentence, ...]
    context: frozenset[str]
    speaker_before: str | None
    score: float
    people: tuple[Person, ...] = ()

    def citation(self, ref: int) -> Citation:
        """Cite this paragraph as source ``ref`` of an answer."""
        return Citation.of(ref, self.document, self.number, self.text, self.score)


# The paragraph after a passage in its document, read for answering, or None after the last.
NextParagraph = Callable[[Passage], Passage | None]


@dataclass(frozen=True)
class Assessment:
    """The sentences that would answer a question, and what ``confidence`` measures of them."""

    chosen: tuple[Pick, ...]
    features: dict[str, float]


@dataclass(frozen=True)
class Pick:
    """A candidate sentence: where it stands and how well it answers."""

    passage: Passage
    position: int
    score: float
    covered: frozenset[int]


# How much a sentence's own words count against its paragraph's, and against retrieval.
SENTENCE_WEIGHT: Final = 0.6
CONTEXT_WEIGHT: Final = 0.25
RETRIEVAL_WEIGHT: Final = 0.15
# Context-only matches count for this much in the confidence.
CONTEXT_CREDIT: Final = 0.5
# Terms that only a second, separate sentence covers count for this much.
EXTRA_CREDIT: Final = 0.5
# A question naming something the sources never mention is likely about something else.
UNKNOWN_NAME_FACTOR: Final = 0.6
MISSING_PHRASE_FACTOR: Final = 0.8
# "What is the population of ...": the thing asked for is a word the sources never use.
UNKNOWN_FOCUS_FACTOR: Final = 0.7
# Words attributed to the person the question asks about, or to someone else.
SPEAKER_BONUS: Final = 0.15
HOLDER_BONUS: Final = 0.2
HEADLINE_PENALTY: Final = 0.3
MEASURE_BONUS: Final = 0.25
# A paragraph retrieved below those read is read too for a "how many" question none of them
# answers with a count, when a sentence of it counts the thing asked and holds this share of the
# question's weight.
COUNT_ELSEWHERE_SHARE: Final = 0.5
# What a sentence earns or loses for "which brand" by naming something the question does not.
WHICH_BONUS: Final = 0.25
# An answer without the measure ("how old", "how long"), count or office holder asked for.
MISSING_MEASURE_FACTOR: Final = 0.5
# An answer without what its kind needs (a person for "who", a quote for "what did he say"): those
# are worded in more ways than the features see. A "when" answer without a date, a "how many"
# one without a figure, or a "how much" one without an amount, gives nothing of what was asked,
# as one without the asked measure does.
MISSING_KIND_FACTOR: Final = 0.75
MISSING_VALUE_FACTOR: Final = MISSING_MEASURE_FACTOR
# An answer to "what is it called" that gives no name.
MISSING_NAME_FACTOR: Final = 0.75
# A name in the question that the answer's sentences never mention.
NAME_MISSING_FACTOR: Final = 0.7
CHITCHAT_FACTOR: Final = 0.5
# A sentence that uses a verb of the question only in another tense ("обойдётся" for "обошлась").
TENSE_PENALTY: Final = 0.1
# A plan told where one is asked for ("supposed to open": "due to open"), or where what was done
# is asked for.
PLAN_BONUS: Final = 0.15
# "What is Halvard House", "who is Aksel Brun": a sentence that says what the name asked about is
# ("Halvard House, the seat of the government", "X is a ...") answers best.
DEFINITION_BONUS: Final = 0.2
# For "what is X", a sentence naming X that the next sentence goes on about by a pronoun.
INTRODUCED_BONUS: Final = 0.05
_DEFINED: Final = re.compile(
    r"^\s*(?:what|who)(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were)\s+(?:the\s+)?"
    r"(?P<name>[^\W\d_][\w'’ -]*?)\W*$",
    re.IGNORECASE,
)
# A sentence giving a span of days, for "when": what lasts days is dated by the span.
SPAN_BONUS: Final = 0.15
# What a "when" answer's sentence earns where a clause holds the date and a word of the question.
DATED_CLAUSE_BONUS: Final = 0.1
# What a sentence holding a yes/no question's subject earns.
SUBJECT_BONUS: Final = 0.125
# A question asking for days, not a day: "visit dates?", "which days".
_DAYS_ASKED: Final = re.compile(r"\b(?:dates|days)\b", re.IGNORECASE)
# A "when was X <participle>" answer without the event the question dates.
MISSING_EVENT_FACTOR: Final = 0.6
# A length per unit of time is a speed: "60 kilometres per hour" says how fast, not how long.
_NOT_A_RATE: Final = r"(?!\s*(?:per|an?|/)\s*(?:hour|hr|h|second|sec|minute|min)\b)"
# A person's age: "a 54-year-old surgeon", "aged 54", "born in 1971".
_AGE: Final = r"\b\d+[- ](?:year|yr)s?[- ]old\b|\baged?\s+\d+|\bborn\b"
# "How old" of a person asks the age alone; of a thing, when it was made too.
_PERSON_AGE: Final = re.compile(_AGE, re.IGNORECASE)
# A unit of power or energy: "megawatts", "kW", "terawatt-hours", "GWh".
_POWER_UNIT: Final = r"(?:(?:kilo|mega|giga|tera)?watts?(?:[- ]hours?)?|(?-i:[kMGT]Wh?))\b"
_MEASURES: Final = {
    # A person's age, or when a thing was made: "built in 1954", "founded in 1998".
    "old": re.compile(
        rf"{_AGE}|"
        r"\b(?:built|founded|established|opened|constructed|completed|dat(?:es|ing)\s+(?:back\s+)?"
        r"(?:from|to))\s+(?:in\s+)?(?:1[5-9]|20)\d\d\b",
        re.IGNORECASE,
    ),
    # "240 km", "three hours", and one unit of time after a word of lasting ("just over an hour",
    # "for a year", "took a week"), not a rate ("twice a day", "tonnes a year").
    "long": re.compile(
        rf"\b(?:\d[\d,.]*|{feat.NUMBER_WORDS})[- ]?(?:km|kilomet\w*|miles?|metres?|meters?|days?|"
        rf"hours?|minutes?|weeks?|months?|years?)\b{_NOT_A_RATE}|"
        r"\b(?:for|over|about|around|nearly|almost|under|within|than|half|lasted|lasts|took|takes)"
        r"\s+an?\s+(?:hour|day|week|fortnight|month|year)\b",
        re.IGNORECASE,
    ),
    # "240 km", "a 12.6-kilometre tunnel".
    "far": re.compile(
        rf"\b\d[\d,.]*(?:\s*|-)(?:km|kilomet\w*|miles?|metres?|meters?)\b{_NOT_A_RATE}",
        re.IGNORECASE,
    ),
    "heavy": re.compile(
        r"\b\d[\d,.]*(?:\s*|-)(?:kg|kilograms?|tonnes?|tons?|pounds?|lbs?)\b", re.IGNORECASE
    ),
    # "How much land": an area.
    "area": re.compile(
        r"\b\d[\d,.]*(?:\s*|-)(?:hectares?|ha\b|acres?|km2|m2|sq\.?\s|square\s+"
        r"(?:metres?|meters?|kilomet\w*|km|miles?|feet|foot))",
        re.IGNORECASE,
    ),
    # A speed, or how soon something is done: "within five working days", "in two hours".
    "fast": re.compile(
        r"\b\d[\d,.]*\s*(?:km/h|kph|mph|knots?|percent|%|"
        r"(?:kilomet\w*|km|miles?|metres?|meters?)\s+(?:per|an|a)\s+(?:hour|minute|second))"
        rf"|\b(?:within|in|under)\s+(?:\d[\d,.]*|{feat.NUMBER_WORDS}|an?)\s+(?:[a-z]+\s+)?"
        r"(?:minutes?|hours?|days?|weeks?|months?)\b",
        re.IGNORECASE,
    ),
    # How often: "every two weeks", "three crossings a week", "twice a day", "daily".
    "often": re.compile(
        rf"\bevery\s+(?:other\s+|\d[\d,.]*\s+|{feat.NUMBER_WORDS}\s+|few\s+)?"
        r"(?:day|week|fortnight|month|year|hour|minute|morning|evening|night)s?\b|"
        rf"\b(?:once|twice|\d[\d,.]*|{feat.NUMBER_WORDS})\s+(?:[a-z]+\s+)?(?:a|an|per|each)\s+"
        r"(?:day|week|fortnight|month|year|hour|minute|night)\b|"
        r"\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually)\b",
        re.IGNORECASE,
    ),
    # Power or energy: "1,250 megawatts", "a 320-MW plant", "4.8 terawatt-hours", "610 GWh".
    "power": re.compile(rf"\b\d[\d,.]*(?:\s*|-){_POWER_UNIT}", re.IGNORECASE),
    # What a thing makes or holds: power, or a volume or a weight ("18,000 tonnes of apples").
    "capacity": re.compile(
        rf"\b\d[\d,.]*(?:\s*|-)(?:{_POWER_UNIT}|(?:tonnes?|tons?|litres?|liters?|gallons?|"
        r"barrels?|cubic\s+(?:metres?|meters?))\b)",
        re.IGNORECASE,
    ),
    # "What time": a time of day ("at 10:30", "9 pm", "in the evening").
    "clock": feat.TIME_OF_DAY,
    # A part of a whole: "42 percent", "a third", "half".
    "share": re.compile(
        r"\d[\d,.]*\s*(?:%|percent\b|per\s+cent\b)|\bhalf\b|\b(?:a|one|two|three|four)[- ]"
        r"(?:third|quarter|fifth|tenth)s?\b",
        re.IGNORECASE,
    ),
}
_SIZES: Final = frozenset({"big", "large"})
# A figure joined to a noun before another: "a 400-seat auditorium", "a 90-bed unit".
_SIZED_THING: Final = re.compile(r"\b\d[\d,.]*-[a-z]+\s+([a-z]+)")
# A figure right after a capitalised word is part of a name ("Unit 4", "Route 7").
_NAME_BEFORE: Final = re.compile(r"\b[A-Z][\w-]*\s*$")
# A figure that reads as a year, in the Gregorian or the Solar Hijri calendar.
_CALENDAR_YEAR: Final = re.compile(r"^(?:1[34]|19|20)\d\d$")
_HEIGHT: Final = re.compile(
    r"\b\d[\d,.]*(?:\s*|-)(?:m|metres?|meters?|feet|ft|km|storeys?|floors?)\b"
)
# A long sentence gathers a question's words by accident (a list of every document signed): past
# LONG_SENTENCE terms, each further LONG_SENTENCE cost LENGTH_PENALTY.
LONG_SENTENCE: Final = 25
LENGTH_PENALTY: Final = 0.1
MAX_PRIMARY: Final = 2
COMPLETE_COVERAGE: Final = 0.75
MIN_GAIN: Final = 0.1
# A best sentence with at most this many terms the question lacks only announces the next one.
HEADING_TERMS: Final = 3
MAX_ANSWER_CHARS: Final = 900

# A figure this many terms after the thing counted counts it ("permits to 24,000").
COUNT_AFTER: Final = 1
# How much of the "when" bonus a weekday or a relative day ("yesterday") earns.
WEEKDAY_SHARE: Final = 0.4
_KIND_FEATURE: Final[dict[Kind, tuple[Callable[[str], bool], float]]] = {
    Kind.WHEN: (feat.has_date, 0.25),
    Kind.COUNT: (feat.has_number, 0.2),
    Kind.AMOUNT: (feat.has_money, 0.25),
    Kind.WHO: (feat.has_person, 0.1),
    Kind.SAY: (feat.has_quote, 0.15),
    Kind.LIST: (feat.has_list, 0.15),
    Kind.WHERE: (feat.has_place, 0.1),
    Kind.WHY: (feat.has_reason, 0.1),
}


class Composer:
    """Builds the reply to one question from retrieved passages; pure and deterministic."""

    def __init__(
        self, min_confidence: float, topics: Sequence[str], model: Model | None = None
    ) -> None:
        self.min_confidence = min_confidence
        self.topics = list(topics)
        # Without a fitted model the confidence is the hand-made one.
        self.model = model

    def decline(self, question: str, reason: str) -> Answer:
        """Return a polite answered=false reply that says what the bot does know.

        Where to list the sources is left to each shell, which has its own way (``SourcesHint``).
        """
        know = ""
        if self.topics:
            shown = "; ".join(f"“{t}”" for t in self.topics[:3])
            more = f" and {len(self.topics) - 3} more" if len(self.topics) > 3 else ""
            know = f" My sources are {shown}{more}."
        return Answer(question, False, reason + know, 0.0, ())

    def compose(
        self, q: Question, passages: Sequence[Passage], after: NextParagraph | None = None
    ) -> Answer:
        """Choose, order and cite the sentences that answer ``q``; decline when none does.

        ``after`` gives the paragraph that follows one in its document, where the answer may go on.
        """
        assessed = self.assess(q, passages, after)
        if assessed is None:
            return self.decline(q.text, "I couldn't find that in my sources.")
        features = assessed.features
        confidence = (
            features["heuristic"] if self.model is None else self.model.probability(features)
        )
        if confidence < self.min_confidence:
            return Answer(
                q.text,
                False,
                self.decline(q.text, "I couldn't find a clear answer to that in my sources.").text,
                round(confidence, 4),
                (),
            )
        return self._render(q, assessed.chosen, confidence)

    def assess(
        self, q: Question, passages: Sequence[Passage], after: NextParagraph | None = None
    ) -> Assessment | None:
        """Choose the sentences that would answer ``q`` and measure them; None when none fits."""
        total = q.weight
        if not passages or total <= 0:
            return None
        top_score = passages[0].score or 1.0
        of_person = _asks_of_person(q, passages)
        picks = [
            pick
            for passage in passages
            for pick in self._score_sentences(q, passage, total, top_score, of_person)
        ]
        if not picks:
            return None
        if _TOTAL.search(q.text) and (
            q.kind is Kind.AMOUNT or any(t.surface in MONEY_NOUNS for t in q.terms)
        ):
            # "The total cost": the largest sum, not the price of a ticket.
            picks = _with_total(picks)
        picks.sort(key=lambda p: (-p.score, p.passage.index, p.position))
        best = picks[0]
        chosen = [best]
        covered = set(best.covered)
        feature = _feature_of(q, q.kind)
        # A sentence that has what the question's kind needs and most of its terms is enough alone.
        best_text = best.passage.sentences[best.position].text
        complete = sum(q.terms[i].weight for i in covered) / total >= COMPLETE_COVERAGE and (
            feature is None or feature[0](_as_checked(q, q.kind, best_text))
        )
        for pick in picks[1:]:
            if len(chosen) >= MAX_PRIMARY:
                break
            new = pick.covered - covered
            gain = sum(q.terms[i].weight for i in new) / total
            # A yes/no question is one claim: one sentence must hold it, not a patchwork, save
            # the one right after, which may finish it ("A second phase is expected to cost 70
            # million. ... the funding had not yet been agreed": "is the second phase funded").
            wants_more = (
                q.kind in (Kind.LIST, Kind.SAY)
                or not (complete or q.kind is Kind.YESNO)
                # The sentence beside the best one that holds a word it leaves out goes on with
                # the answer ("by road ... 1,900 euros. Rail ... could bring that down to 1,100").
                or (
                    pick.passage is best.passage
                    and (
                        pick.position == best.position + 1
                        or (q.kind is not Kind.YESNO and pick.position == best.position - 1)
                    )
                )
            )
            if wants_more and gain >= MIN_GAIN and pick.score >= 0.6 * best.score:
                chosen.append(pick)
                covered |= new
            elif (
                q.kind is Kind.SAY
                and pick.covered == chosen[0].covered
                and pick.score >= 0.9 * chosen[0].score
            ):
                # A bare "what did X say" has several good answers: give the next one too.
                chosen.append(pick)
        following = (
            _following(q, best, chosen, after)
            or _going_on(q, best, picks, chosen, covered)
            or _defined_next(q, best, chosen)
            or _heading_next(q, best, chosen)
        )
        if following is not None:
            chosen.append(following)
        elif q.kind is Kind.SAY:
            # "What did the mayor say": words said, when the best sentence only names the mayor.
            said = _supply(Kind.SAY, picks, chosen, best.score)
            if said is not None:
                chosen.append(said)
        if q.kind is Kind.SAY:
            # The quotation goes on past the sentence that says who speaks.
            chosen.extend(_quote_goes_on(best, chosen))
        for kind in sorted(q.also, key=lambda k: k.value):
            extra = _supply(kind, picks, chosen, best.score, best)
            if extra is not None:
                chosen.append(extra)
        features = self._features(q, chosen, passages, of_person)
        before = _named_before(q, best, chosen)
        if before is not None:
            # Shown, not measured: that it was this person who did it is the reader's inference.
            chosen.append(before)
        return Assessment(tuple(chosen), features)

    def _features(
        self, q: Question, chosen: Sequence[Pick], passages: Sequence[Passage], of_person: bool
    ) -> dict[str, float]:
        """Measure an answer for the confidence model (see ``bot.answer.confidence.FEATURES``);
        ``of_person``: "how old" asks of a person (``_asks_of_person``)."""
        return {"heuristic": self._confidence(q, chosen, passages, of_person)}

    def _score_sentences(
        self,
        q: Question,
        passage: Passage,
        total: float,
        top_score: float,
        of_person: bool = False,
    ) -> list[Pick]:
        context = passage.context
        context_cov = sum(t.weight for t in q.terms if t.found_in(context)) / total
        retrieval = passage.score / top_score
        question_stems = q.stems
        asked_about: frozenset[str] = frozenset()
        speaker_terms: frozenset[int] = frozenset()
        holders: list[str] = []
        if passage.people:
            names = frozenset(t for p in passage.people for t in p.name)
            people_terms, people_stems = _speakers_named(q, passage, names)
            # The people whose title the question spells out ("the Egyptian president").
            titled = [p for p in passage.people if role_terms_cover(p.role, people_stems)]
            # The people asked about: named outright, or by a title.
            asked_about = frozenset(
                stem for t in people_terms for form in t.forms if form <= names for stem in form
            ) | frozenset(s for p in titled for s in p.name)
            # "What did the mayor say": the words naming the speaker asked about are held by
            # what that speaker says, in whatever words ("Amaro told the crowd ...").
            if q.kind is Kind.SAY:
                speaker_terms = frozenset(
                    i
                    for i, t in enumerate(q.terms)
                    for form in t.forms
                    if form <= names or any(role_terms_cover(form, p.role) for p in titled)
                )
            # "Who is the president of X": the holders of the title asked about.
            if q.kind is Kind.WHO:
                holders = [p.surname for p in titled]
        if q.kind is Kind.WHO and q.holder is not None:
            holders.append(q.holder)
        # A paragraph that only repeats the headline says less than the body does.
        headline = HEADLINE_PENALTY if passage.text == passage.document.title else 0.0
        picks: list[Pick] = []
        nothing: frozenset[int] = frozenset()
        # Most sentences share no term with the question: a set test rules them out quickly.
        touched = [not question_stems.isdisjoint(s.stems) for s in passage.sentences]
        # "How long": the word asks for a measure, which a sentence holds as "14 kilometres".
        measure_word = frozenset(i for i, t in enumerate(q.terms) if q.names_measure(t.surface))
        # "When is the visit": the days it spans ("from 14 to 16 October") date it better than one
        # event on one of them; "visit dates?" asks for them outright.
        span_bonus = SPAN_BONUS * (2 if _DAYS_ASKED.search(q.text) else 1)
        # "How much money": a sentence with a sum holds the word that names money.
        money_word = frozenset(
            i for i, t in enumerate(q.terms) if q.kind is Kind.AMOUNT and t.surface in MONEY_NOUNS
        )
        # "How many people": a sentence counting a kind of person ("2,800 passengers an hour")
        # holds the word "people", as a sum holds the word that names money.
        count_word = _people_words(q) if q.count_focus else nothing
        every_term = frozenset(range(len(q.terms)))
        definition = _definition(q.text)
        defining = definition.pattern if definition is not None else None
        defined = (
            tuple(p for p in passage.people if definition.named <= p.name)
            if definition is not None and definition.named
            else ()
        )
        # "What is the SCO": the name an acronym stands for says what it is.
        spelled = (
            [
                form
                for t in q.terms
                if t.surface.isalpha() and t.forms[0] <= definition.named
                for form in t.forms[1:]
                if len(form) > 1
            ]
            if definition is not None
            else []
        )
        kind_feature = _feature_of(q, q.kind)
        day = _day_of(passage.document)
        # "Which company built it": the noun names what the answer's name is, which a sentence
        # naming who did it ("built by Hallvard & Pence") gives without the noun.
        slot = q.term_at(q.which_noun)
        # "Who runs Solenta Power": the verb's term and the term of the one it acts on.
        verb, acted = (q.term_at(w) for w in q.acted_on) if q.acted_on else (None, None)
        # "When was the port founded": the term of the event dated.
        event = q.term_at(q.event)
        subject = q.term_at(q.subject)
        for pos, sentence in enumerate(passage.sentences):
            own = (
                frozenset(i for i, t in enumerate(q.terms) if t.found_in(sentence.stems))
                if touched[pos]
                else nothing
            )
            # Only a sentence holding a term, or after one that does, may be scored.
            agent = (
                (q.kind is Kind.WHO or q.which_one)
                and bool(own or (pos > 0 and touched[pos - 1]))
                and _agent_of(question_stems, sentence.text, q.text_terms)
            )
            if agent and own and slot is not None:
                own |= {slot}
            if speaker_terms and sentence.speaker and asked_about & sentence.speaker:
                own |= speaker_terms
            if event in own and not _tells_event(q.terms[event].forms, sentence.text):
                own -= {event}
            if (
                verb is not None
                and acted is not None
                and {verb, acted} <= own
                and _acts(q.terms[acted], q.terms[verb], sentence.text)
            ):
                # "Who runs Solenta Power": "Solenta Power will build and run the plant" tells
                # what it runs, not who runs it.
                own -= {verb, acted}
            # A sentence that holds no term of the question, nor leans on one that does, is no
            # candidate: its measure is not looked for.
            measured = (
                q.measure is not None
                and bool(own or (pos > 0 and touched[pos - 1]))
                and has_measure(q.measure, sentence.text, question_stems, of_person)
            )
            if measured and own:
                own |= measure_word
            if money_word and own and feat.has_sum(sentence.text):
                own |= money_word
            # Read only for a sentence that may be scored (it, or the one before, holds a term).
            counts = (
                bool(q.count_focus)
                and bool(own or (pos > 0 and touched[pos - 1]))
                and _counts(q.count_focus, sentence.sequence, sentence.text)
            )
            if count_word and own and counts:
                own |= count_word
            borrowed = nothing
            if pos > 0 and touched[pos - 1]:
                before = passage.sentences[pos - 1].stems
                lent = frozenset(
                    i for i, t in enumerate(q.terms) if i not in own and t.found_in(before)
                )
                # A sentence giving the measure asked for goes on about the thing the one
                # before names, when that one holds all else the question asks, in more than
                # one word: "closing Unit 4 at Brenna ... The block has a capacity of 600 MW".
                if lent and (
                    sentence.shows_previous
                    or (
                        measured and not own and len(lent) > 1 and lent | measure_word == every_term
                    )
                ):
                    borrowed = lent
            covered = own | borrowed
            if not covered:
                continue
            cov = (
                sum(q.terms[i].weight * (q.terms[i].credit(sentence.stems) or 1.0) for i in own)
                + CONTEXT_CREDIT * sum(q.terms[i].weight for i in borrowed)
            ) / total
            score = (
                SENTENCE_WEIGHT * cov + CONTEXT_WEIGHT * context_cov + RETRIEVAL_WEIGHT * retrieval
            )
            if (
                q.kind is Kind.SAY
                and sentence.speaker
                and kind_feature is not None
                and pos + 1 < len(passage.sentences)
                and _OPENING_QUOTE.match(passage.sentences[pos + 1].text)
            ):
                # The lead-in to a quotation its speaker goes on with: "Varnek defended the
                # decision to wait. "We could have ...," she said."
                score += kind_feature[1] - headline
            else:
                score += _kind_bonus(q.kind, kind_feature, sentence.text, day) - headline
            score += _year_bonus(q, sentence.text)
            if q.kind is Kind.WHEN and date_spans(sentence.text):
                score += span_bonus
            if q.kind is Kind.WHEN and own and _dates_what_is_asked(q, sentence.text):
                score += DATED_CLAUSE_BONUS
            score -= LENGTH_PENALTY * max(0, len(sentence.sequence) - LONG_SENTENCE) / LONG_SENTENCE
            if asked_about and sentence.speaker:
                score += SPEAKER_BONUS if asked_about & sentence.speaker else -SPEAKER_BONUS
            if any(name in sentence.sequence for name in holders):
                score += HOLDER_BONUS
            elif agent:
                # "Who built it", "which firm built it": "built by the contractor Hidrotec" names
                # who did it.
                score += HOLDER_BONUS
            if defining is not None and (
                defining.search(sentence.text)
                or any(_titled_in(person, sentence.sequence) for person in defined)
                # Written out in the sentence, not read into an acronym it writes.
                or any(form.issubset(sentence.sequence) for form in spelled)
            ):
                score += DEFINITION_BONUS
            elif (
                defining is not None
                and pos + 1 < len(passage.sentences)
                and feat.starts_with_thing_pronoun(passage.sentences[pos + 1].text)
            ):
                # "What is the second phase": a sentence the next one goes on about ("... is
                # already on the table. It would lay a pipeline") introduces it; one that names
                # it in passing, at a paragraph's end, does not.
                score += INTRODUCED_BONUS
            if (
                q.tenses
                and any(verb in sentence.stems for verb, _ in q.tenses)
                and _tense_differs(q.tenses, sentence.text)
            ):
                score -= TENSE_PENALTY
            if q.planned or q.happened:
                # "When was it supposed to open" is answered by "was due to open in October
                # 2025"; "when did it open", by what was done, not by that plan.
                told = (
                    feat.planned_terms(sentence.text) & question_stems
                    if own and not feat.PLAN_TERMS.isdisjoint(sentence.stems)
                    else nothing
                )
                if q.planned and told & q.planned:
                    score += PLAN_BONUS
                elif q.happened and told:
                    score -= PLAN_BONUS
            if q.measure is not None:
                score += MEASURE_BONUS if measured else -0.1
            if q.rate is not None and _gives_rate(q.rate, sentence.text):
                score += MEASURE_BONUS
            if counts:
                score += MEASURE_BONUS
            if subject is not None and subject in own:
                # A yes/no question asks about its subject: "does the roadmap cover culture" is
                # answered by what the roadmap covers, not by another thing "covering" culture.
                score += SUBJECT_BONUS
            if q.name_asked:
                score += MEASURE_BONUS if feat.has_name(sentence.text) else -0.1
            elif q.which_one:
                score += WHICH_BONUS if _new_name(q, sentence.text) else -0.1
            picks.append(Pick(passage, pos, score, covered))
        return picks

    def _confidence(
        self, q: Question, chosen: Sequence[Pick], passages: Sequence[Passage], of_person: bool
    ) -> float:
        """Share of the question's weight the answer covers, lowered when the answer's kind is off.

        coverage(pick) = (weights of terms in the sentence, a guessed synonym's times
                          GUESS_CREDIT (bot.answer.questions)
                          + CONTEXT_CREDIT * weights of terms only in its paragraph or title)
                         / total;
        confidence = coverage(best) + EXTRA_CREDIT * (coverage of all picks - coverage(best)),
        times MISSING_KIND_FACTOR when the answer lacks what the question's kind needs (a person
        for "who" ..., and once more for a "who" answer naming nobody at all: no name the
        question lacks, no noun for a kind of person, no speaker, no sentence opening with a word
        that may be a name), MISSING_VALUE_FACTOR when no sentence of it that answers (not one
        added for context) gives the date or the figure "when" or "how many" asks for, and
        when none of it gives the amount "how much" asks for (a sum, a share, a figure in a unit
        of measure or of the measure the question names),
        times MISSING_NAME_FACTOR when it gives no name where one is asked for,
        MISSING_MEASURE_FACTOR when it gives no sum of money where a price or cost is asked for
        (the date, figure, sum or measure asked for counts only from the best sentence's
        paragraph, or, when that paragraph and the one before it do not name what the question
        names, only from the answer's paragraphs that do; what a second question word asks for,
        from any),
        MISSING_MEASURE_FACTOR when the answer's sentences have a word of the question only as
        the whole a share is of ("68 percent of GDP" for "what is the GDP"), and when no figure
        counts the thing a "how many" asks for (MISSING_KIND_FACTOR when one counts a synonym
        guessed for it: "five-storey" for "how many floors"),
        times 0.6 when the question names a year the answer lacks, or gives only in sentences
        that do not name the thing asked for ("what was trade in 2023": a signing dated 2023 gives
        no trade of that year),
        times UNKNOWN_NAME_FACTOR for each name in the question that the sources never use,
        MISSING_PHRASE_FACTOR for each multi-word name the answer's paragraphs lack, and
        UNKNOWN_FOCUS_FACTOR when the thing asked for ("what is the X", "which X company") is a
        word they never use, unless a "which" question's best sentence names who did it,
        MISSING_EVENT_FACTOR when no sentence of a "when was X founded" answer tells the event
        (as a verb) together with another word of the question,
        MISSING_KIND_FACTOR when a rate is asked ("a day", "per year") and the best sentence's
        paragraph gives no figure per that unit of time.
        """
        best = self._coverage(q, chosen[:1])
        confidence = best + EXTRA_CREDIT * (self._coverage(q, chosen) - best)
        answer_text = " ".join(p.passage.sentences[p.position].text for p in chosen)
        # What the question asks for comes from the best sentence's paragraph: a sum in another
        # one is another thing's ("the Pelham Wind Farm" beside "The project cost $465 million").
        here = [p for p in chosen if p.passage is chosen[0].passage]
        # The question's names the best sentence's paragraph lacks (those typed in lower case
        # told by how the passages write them), and the paragraph before it too.
        lead = chosen[0].passage
        unseen = [i for i, t in enumerate(q.terms) if t.known and not t.found_in(lead.context)]
        names = _names_in(q, passages, [i for i in unseen if not q.terms[i].name])
        named = [
            q.terms[i]
            for i in unseen
            if (q.terms[i].name or i in names) and not _named_near(q.terms[i], lead)
        ]
        if named:
            # Nor from a paragraph that never names what the question names, nor follows one that
            # does: "when was the Dunvik crossing opened" is not dated by the day nine agreements
            # were signed.
            here = [p for p in chosen if all(_named_near(t, p.passage) for t in named)]
        valued = " ".join(p.passage.sentences[p.position].text for p in here)
        for kind in (q.kind, *q.also):
            feature = _feature_of(q, kind)
            # A second question word ("and when?") may find its fact in any paragraph.
            picks, shown = (here, valued) if kind is q.kind else (chosen, answer_text)
            # A date or a figure is given by a sentence that answers, not by one added for
            # context; a second question word's by the sentence added to answer it too.
            answering = (
                " ".join(p.passage.sentences[p.position].text for p in picks if p.covered)
                if kind is q.kind
                else ""
            )
            # "Which X" answers often name their items without looking like a list. The person
            # or place that answers "who" or "where" is not one the question names itself.
            text = (
                _unnamed(q, answer_text)
                if kind in _NEW_NAME_KINDS
                else answering or shown
                if kind in _VALUE_KINDS
                else shown
                if kind is Kind.AMOUNT
                else answer_text
            )
            if kind is Kind.WHO and (_names_titled(q, chosen) or _speaks(q, chosen)):
                # The document's own table of who holds which title knows a person the surface
                # features may miss ("Hanno Petrikas, chief engineer ..." opening a sentence).
                continue
            if feature is not None and kind is not Kind.LIST and not feature[0](text):
                confidence *= MISSING_VALUE_FACTOR if kind in _VALUED_KINDS else MISSING_KIND_FACTOR
                if (
                    kind is Kind.WHO
                    and not _new_name(q, answer_text)
                    and not _names_people(q, text)
                    and not _opens_with_name(q, chosen)
                ):
                    # No name the question lacks, nor a kind of person ("officials"): the answer
                    # names nobody who could have done it.
                    confidence *= MISSING_KIND_FACTOR
        if q.measure != "share" and _only_a_share_of(q, chosen):
            # "What is Drovnia's GDP": "debt stands at 68 percent of GDP" gives a part of it.
            confidence *= MISSING_MEASURE_FACTOR
        if q.years and not (_gives_year(q, answer_text) and _year_of_focus(q, chosen)):
            confidence *= 0.6
        if q.measure is not None and not has_measure(q.measure, valued, q.stems, of_person):
            confidence *= MISSING_MEASURE_FACTOR
        if asks_sum(q) and not feat.has_sum(valued):
            # "How much does a litre cost": a share or a count of something is no price.
            confidence *= MISSING_MEASURE_FACTOR
        figure = _feature_of(q, q.kind) if q.kind in _FIGURE_KINDS else None
        if figure is not None and _figure_apart(
            q, chosen[0].passage.sentences[chosen[0].position].text, figure[0]
        ):
            # The figure of the best sentence is another clause's, about something else.
            confidence *= MISSING_KIND_FACTOR
        if q.rate is not None and not _gives_rate(q.rate, valued):
            # "How many can it carry in an hour": a figure that is no rate is of something else.
            confidence *= MISSING_KIND_FACTOR
        if q.name_asked and not feat.has_name(answer_text):
            # A name the question does not give may still be the one asked for; none is surer
            # a miss.
            confidence *= (
                MISSING_NAME_FACTOR if _new_name(q, answer_text) else MISSING_MEASURE_FACTOR
            )
        if q.which_one and not _new_name(q, answer_text):
            confidence *= MISSING_NAME_FACTOR
        if q.count_focus and not _picks_count(q.count_focus, chosen):
            guessed = _guessed_count_focus(q)
            confidence *= (
                MISSING_KIND_FACTOR
                if guessed and _picks_count(guessed, chosen)
                else MISSING_MEASURE_FACTOR
            )
        covered = frozenset().union(*(p.covered for p in chosen))
        for i, term in enumerate(q.terms):
            if (
                term.name
                and term.known
                and i not in covered
                and not any(term.found_in(p.passage.context) for p in chosen)
            ):
                confidence *= NAME_MISSING_FACTOR
        event = q.term_at(q.event)
        if event is not None and not any(event in p.covered and len(p.covered) > 1 for p in chosen):
            # "When was the port founded": a date of something else the port did is no answer,
            # nor is the founding of something the question does not name.
            confidence *= MISSING_EVENT_FACTOR
        if q.chitchat:
            confidence *= CHITCHAT_FACTOR
        if q.kind is Kind.WHO and not _holder_named(q, chosen):
            confidence *= MISSING_MEASURE_FACTOR
        confidence *= UNKNOWN_NAME_FACTOR**q.unknown_names
        if q.unknown_focus and not _named_agent(q, chosen[0]):
            confidence *= UNKNOWN_FOCUS_FACTOR
        for phrase in q.phrases:
            if not any(phrase_in(phrase, s.sequence) for p in chosen for s in p.passage.sentences):
                confidence *= MISSING_PHRASE_FACTOR
        return max(0.0, min(1.0, confidence))

    @staticmethod
    def _coverage(q: Question, picks: Sequence[Pick]) -> float:
        in_sentences: dict[int, float] = {}
        in_context: set[int] = set()
        for pick in picks:
            sentences = pick.passage.sentences
            stems = sentences[pick.position].stems
            before = sentences[pick.position - 1].stems if pick.position else frozenset()
            for i in pick.covered:
                # A term lent by the sentence before counts as it does there (a guessed synonym
                # is still a guess); one the sentence holds otherwise (a speaker, a sum for
                # "money") counts in full.
                credit = q.terms[i].credit(stems) or q.terms[i].credit(before) or 1.0
                in_sentences[i] = max(in_sentences.get(i, 0.0), credit)
            in_context |= {i for i, t in enumerate(q.terms) if t.found_in(pick.passage.context)}
        in_context -= in_sentences.keys()
        value = sum(q.terms[i].weight * credit for i, credit in in_sentences.items())
        value += CONTEXT_CREDIT * sum(q.terms[i].weight for i in in_context)
        return value / q.weight

    def _render(self, q: Question, chosen: Sequence[Pick], confidence: float) -> Answer:
        by_passage: dict[int, list[int]] = {}
        order: list[Passage] = []
        for pick in sorted(
            chosen,
            key=lambda p: (p.passage.index != chosen[0].passage.index, p.passage.index, p.position),
        ):
            positions = by_passage.setdefault(pick.passage.index, [])
            if not positions:
                order.append(pick.passage)
            stems = pick.passage.sentences[pick.position].stems
            if (
                pick.position
                and pick.covered
                and not any(q.terms[i].found_in(stems) for i in pick.covered)
            ):
                # A sentence that holds none of the question's terms itself leans on the one
                # before, which names what it is about ("The block has a capacity of ...").
                positions.append(pick.position - 1)
            positions.append(pick.position)
        pieces: list[str] = []
        citations: list[Citation] = []
        for ref, passage in enumerate(order, start=1):
            positions = sorted(set(_with_context(passage, by_passage[passage.index])))
            texts = [dated(passage.document, _resolve_pronoun(passage, pos)) for pos in positions]
            pieces.append(mark(" ".join(texts), ref))
            citations.append(passage.citation(ref))
        text = " ".join(pieces)
        if len(text) > MAX_ANSWER_CHARS:
            text = text[: MAX_ANSWER_CHARS - 1].rsplit(" ", 1)[0] + "…"
            text = text if text.rstrip("…").endswith("]") else text + f" [{citations[-1].ref}]"
        return Answer(q.text, True, text, round(confidence, 4), tuple(citations))

    def compose_meta(self, q: Question, document: Document, lead_score: float) -> Answer | None:
        """Answer a question about a document itself (author, publisher, date) from front matter,
        in the question's language; None when the front matter does not give it."""
        language = detect_language(q.text)
        title = f"“{document.title}”"
        date = document.published
        source = document.source
        if q.meta is Meta.AUTHOR and document.author:
            text = say("meta_author", language, title=title, author=document.author)
            if source:
                text += say("meta_author_source", language, source=source)
            if date:
                text += say("meta_author_date", language, date=date)
        elif q.meta is Meta.PUBLISHER and source:
            text = say("meta_publisher", language, title=title, source=source)
            if date:
                text += say("meta_publisher_date", language, date=date)
        elif q.meta is Meta.PUBLISHED and date:
            text = say("meta_published", language, title=title, date=date)
            if source:
                text += say("meta_published_source", language, source=source)
        else:
            return None
        lead = document.paragraphs[0]
        cite = Citation.of(1, document, lead.number, lead.text, lead_score)
        return Answer(q.text, True, text + " [1].", 0.9, (cite,))


def _names_in(q: Question, passages: Sequence[Passage], among: Sequence[int]) -> frozenset[int]:
    """The question's terms (of those ``among``) that the passages write only as names,
    capitalised ("dunvik").

    A word the word tables know ("leader", capitalised in "Supreme Leader") is not one of them.
    """
    found = []
    for i in among:
        term = q.terms[i]
        if not term.surface.isalpha() or _common(term.surface):
            continue
        pattern = _written(term)
        seen = [m.group() for p in passages for m in pattern.finditer(p.text)]
        if seen and all(w[0].isupper() for w in seen):
            found.append(i)
    return frozenset(found)


def _named_near(term: QueryTerm, passage: Passage) -> bool:
    """True when ``passage`` or the paragraph before it in its document names ``term``."""
    if term.found_in(passage.context):
        return True
    return _written(term).search(_paragraph_before(passage)) is not None


def _written(term: QueryTerm) -> re.Pattern[str]:
    """How ``term`` is written in a text: as typed, or, mended from a slip, as the word of the
    sources it was mended to begins ("oldnhove": "Oldenhove")."""
    stems = term.forms[0]
    if term.corrected and len(stems) == 1:
        (mended,) = stems
        return re.compile(rf"\b{re.escape(mended)}\w*", re.IGNORECASE)
    return re.compile(rf"\b{re.escape(term.surface)}\b", re.IGNORECASE)


def _common(word: str) -> bool:
    """True when the thesaurus or the word vectors know ``word``: a word, not only a name."""
    return bool(thesaurus.synonyms(word) or wordvectors.alike(word))


def has_measure(
    measure: str, text: str, about: frozenset[str] = frozenset(), person: bool = False
) -> bool:
    """True when ``text`` gives the measure "how <measure>" asks for (a figure, for most).

    "How old" of a ``person`` asks an age: "built in 1961" gives a thing's, not theirs.

    "Capacity": a figure of power, volume or weight, or one joined to the noun of a term
    ``about`` ("a 400-seat auditorium").

    "How big": a figure of something ("600 megawatts", "780 hectares"), not a year, a time
    ("more than forty years") or a bare number in a name ("Unit 4"), nor a share, unless one of
    the terms ``about`` is just before it ("its public debt stands at 68 percent", not
    "generates 38 percent of its electricity").
    """
    if person and measure == "old":
        return _PERSON_AGE.search(text) is not None
    if measure == "capacity" and any(
        stem(m.group(1)) in about for m in _SIZED_THING.finditer(text)
    ):
        # "Auditorium capacity": "a 400-seat auditorium" tells how much it holds.
        return True
    if measure in _SIZES:
        return any(
            v.kind == "quantity"
            and v.units
            and stem(v.units[0]) not in _TIME_TERMS
            and (v.units[0] != "percent" or _just_before(about, text, v.start))
            and not _NAME_BEFORE.search(text, 0, v.start)
            for v in values_in(text)
        )
    pattern = _MEASURES.get(
        measure, _HEIGHT if measure in ("tall", "high", "deep", "wide") else None
    )
    return feat.has_number(text) if pattern is None else pattern.search(text) is not None


# Words before a person's name: "Dr Varga", "Mrs Kolvane".
_HONORIFICS: Final = frozenset("dr mr mrs ms mx prof sir dame".split())


def _asks_of_person(q: Question, passages: Sequence[Passage]) -> bool:
    """True when "how old" asks of a person: a word of the question is a kind of person
    ("the mayor") or an honorific ("Dr"), or part of the name of someone the passages'
    documents name or quote."""
    if q.measure != "old":
        return False
    people = frozenset(t for p in passages for person in p.people for t in person.name).union(
        *(s.speaker for p in passages for s in p.sentences if s.speaker)
    )
    return any(
        not q.names_measure(t.surface)
        and (
            t.surface in _HONORIFICS
            or thesaurus.names_a_person(lemma(t.surface))
            or t.found_in(people)
        )
        for t in q.terms
    )


# How many words before a figure may say what it is a figure of ("debt stands at 68 percent").
_BEFORE_FIGURE: Final = 4


def _just_before(about: frozenset[str], text: str, start: int) -> bool:
    """True when one of the terms ``about`` is among the few words before ``text[start:]``."""
    return not about.isdisjoint(stem(w) for w in words(text[:start])[-_BEFORE_FIGURE:])


# Kinds answered by a date or a figure.
_VALUE_KINDS: Final = frozenset({Kind.WHEN, Kind.COUNT})
# Kinds whose answer gives nothing asked without its date, figure or amount: "how much will the
# ferries be sold for" is not answered by "its two vessels are to be sold".
_VALUED_KINDS: Final = _VALUE_KINDS | {Kind.AMOUNT}
# Kinds answered by a figure, which must stand in a clause with what it is of.
_FIGURE_KINDS: Final = frozenset({Kind.COUNT, Kind.AMOUNT})
# Kinds answered by a name: the question's own names are not that answer.
_NEW_NAME_KINDS: Final = frozenset({Kind.WHO, Kind.WHERE})
_CAPITALISED: Final = re.compile(r"\b[A-Z][\w’'-]*")


# A capitalised word that does not start a sentence or a quotation.
_NAME_WORD: Final = re.compile(r"(?<!^)(?<![.!?:]\s)(?<![“\"‘'])\b[A-Z][\w’'-]*")


# Capitalised words that name days and months, not things.
_CALENDAR_WORDS: Final = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december".split()
)


# Words before a verb's plain form: "to found", "will build", "did sign".
_BEFORE_PLAIN_VERB: Final = frozenset(
    "to will would shall should can could may might must did does do".split()
)


def _speakers_named(
    q: Question, passage: Passage, names: frozenset[str]
) -> tuple[Sequence[QueryTerm], frozenset[str]]:
    """The question's terms that may name the person asked about, and their stems.

    All of them, but for "what did X tell Y", where the words before the verb of saying name a
    person of the passage (by name or title), or a kind of person ("what did the parents say
    about that": not the mayor of the answer before, whose words a follow-up carries): only
    those. Y is whom X spoke to, or of.
    """
    before = q.before_saying
    if before:
        first = tuple(t for t in q.terms if t.forms[0] <= before)
        stems = frozenset(s for t in first for form in t.forms for s in form)
        if (
            any(form <= names for t in first for form in t.forms)
            or any(role_terms_cover(p.role, stems) for p in passage.people)
            or any(thesaurus.names_a_person(lemma(t.surface)) for t in first)
        ):
            return first, stems
    return q.terms, q.stems


_BE: Final = frozenset("is are was were be been being".split())


def _acts(doer: QueryTerm, verb: QueryTerm, text: str) -> bool:
    """True when ``text`` names ``doer`` before ``verb`` and no "by" follows the verb: the one
    a "who <verb> X" question asks about does it here, it is not what is done to."""
    found = words(text)
    stems = [stem(w) for w in found]
    first_doer = next((i for i, s in enumerate(stems) if doer.found_in(frozenset({s}))), None)
    first_verb = next((i for i, s in enumerate(stems) if verb.found_in(frozenset({s}))), None)
    if first_doer is None or first_verb is None or first_doer > first_verb:
        return False
    # "Was formally opened (by ...)": the one named first had it done to them.
    before = [w for w in found[first_doer + 1 : first_verb] if not thesaurus.is_adverb(w)]
    return (not before or before[-1] not in _BE) and "by" not in found[first_verb + 1 :]


def _tells_event(forms: tuple[frozenset[str], ...], text: str) -> bool:
    """True when ``text`` uses the verb of a "when was X <participle>" question as a verb.

    A noun of the verb's stem, or of a synonym's, tells no such event ("the solar plant" and "the
    Vox institute" for "when was it founded"): a past form tells it ("founded", "built",
    "planted"), and a plain form after "to", "will" ... ("will build").
    """
    single = {next(iter(form)) for form in forms if len(form) == 1}
    if len(single) < len(forms):
        return True
    found = words(text)
    for i, low in enumerate(found):
        if stem(low) not in single:
            continue
        if past_form(low) or (lemma(low) == low and i > 0 and found[i - 1] in _BEFORE_PLAIN_VERB):
            return True
    return False


class _Definition(NamedTuple):
    """What a sentence that says what X is writes, for "what is X" or "who is X", and X's terms."""

    pattern: re.Pattern[str]
    named: frozenset[str]


@functools.lru_cache(maxsize=1024)
def _definition(question: str) -> _Definition | None:
    """For "what is X" or "who is X", what a sentence that defines X writes: "X, the ...", "X,
    who ...", "X is a ...", "... known as X" (a titled person of the document named after their
    title is defined too: ``_titled_in``); None for any other question."""
    asked = _DEFINED.match(question)
    if asked is None:
        return None
    name = re.escape(asked.group("name").strip())
    pattern = re.compile(
        rf"\b{name}\b(?:,\s+(?:the|a|an|who|which|whose)\b|\s+(?:is|was)\s+(?:a|an|the)\b)|"
        # "A subsea power cable, known as the QS-1 interconnector": the sentence names X last.
        # Followed by what X was called ("Hoff called the vote 'historic'"), X is named nothing.
        rf"\b(?:known\s+as|called|dubbed|named)\s+(?:the\s+)?{name}\b"
        r"(?!\s*[“\"‘']|\s+(?:a|an|the|as)\b)",
        re.IGNORECASE,
    )
    return _Definition(pattern, frozenset(terms(asked.group("name"))))


def defined_terms(question: str) -> frozenset[str]:
    """The terms of X in "what is X" or "who is X"; none for any other question."""
    definition = _definition(question)
    return definition.named if definition is not None else frozenset()


def _titled_in(person: Person, sequence: Sequence[str]) -> bool:
    """True when ``sequence`` names ``person`` after their title ("Kestrian Prime Minister
    Andrei Daskin"): that says who they are as "Daskin, the prime minister" does."""
    reach = len(person.role) + len(person.name)
    return any(
        term == person.surname and person.role <= frozenset(sequence[max(0, at - reach) : at])
        for at, term in enumerate(sequence)
    )


def asks_sum(q: Question) -> bool:
    """True when an amount asked for is a sum of money: "how much does it cost", "what price"."""
    return (
        q.kind is Kind.AMOUNT
        and q.measure is None
        and any(t.surface in MONEY_NOUNS for t in q.terms)
    )


def _new_name(q: Question, text: str) -> bool:
    """True when ``text`` names something the question does not name itself."""
    return any(
        m.group().lower() not in _CALENDAR_WORDS for m in _NAME_WORD.finditer(_unnamed(q, text))
    )


def _unnamed(q: Question, text: str) -> str:
    """``text`` with the capitalised words the question's own text uses blanked out (not
    those a follow-up borrows from the conversation, nor a title's holder)."""
    own = q.text_terms

    def blank(match: re.Match[str]) -> str:
        found = terms(match.group())
        return "_" if found and all(t in own for t in found) else match.group()

    return _CAPITALISED.sub(blank, text)


def _as_checked(q: Question, kind: Kind, text: str) -> str:
    """``text`` as what ``kind`` needs is looked for in it: for "who" and "where", without the
    names ``q`` gives itself (``_unnamed``), which are not that answer."""
    return _unnamed(q, text) if kind in _NEW_NAME_KINDS else text


_SHARE_OF: Final = re.compile(
    r"(?:\d[\d.,]*\s*(?:%|percent|per\s+cent)|\b(?:half|third|quarter|fifth|tenth)s?)\s+of\s+"
    r"(?P<whole>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)",
    re.IGNORECASE,
)


def _only_a_share_of(q: Question, chosen: Sequence[Pick]) -> bool:
    """True when a word of ``q`` comes in the answer's sentences only as the whole that a share
    is of ("68 percent of GDP"), and the question asks for no ratio to it ("debt to GDP")."""
    texts = [p.passage.sentences[p.position].text for p in chosen]
    wholes = [m for text in texts for m in _SHARE_OF.finditer(text)]
    if not wholes:
        return False
    inside = frozenset(t for m in wholes for t in terms(m.group("whole")))
    outside = frozenset(t for text in texts for t in terms(_SHARE_OF.sub(" ", text)))
    asked = q.text.lower()
    return any(
        not t.name
        and t.found_in(inside)
        and not t.found_in(outside)
        and f"to {t.surface}" not in asked
        for t in q.terms
    )


def _speaks(q: Question, chosen: Sequence[Pick]) -> bool:
    """True when a sentence of the answer reports the words of someone the question does not
    name ("He described ...", its speaker told by the sentences before)."""
    own = q.text_terms
    return any(
        (speaker := pick.passage.sentences[pick.position].speaker) and not speaker <= own
        for pick in chosen
    )


def _opens_with_name(q: Question, chosen: Sequence[Pick]) -> bool:
    """True when a sentence of the answer may open with a name: a capitalised word that is no
    stop word and none of the question's ("Gamma opened the bridge")."""
    own = q.text_terms
    for pick in chosen:
        first = words(pick.passage.sentences[pick.position].text)[:1]
        if first and first[0] not in STOP_WORDS and stem(first[0]) not in own:
            return True
    return False


def _names_people(q: Question, text: str) -> bool:
    """True when ``text`` uses an English noun for a kind of person ("officials", "farmers") that
    the question does not."""
    own = q.text_terms
    return any(thesaurus.names_a_person(lemma(w)) and stem(w) not in own for w in words(text))


def _names_titled(q: Question, chosen: Sequence[Pick]) -> bool:
    """True when a sentence of the answer names a titled person of its document whom the question
    does not name ("Hanno Petrikas, chief engineer of ...", at a sentence's start too)."""
    own = q.text_terms
    return any(
        person.surname in pick.passage.sentences[pick.position].sequence
        and person.surname not in own
        for pick in chosen
        for person in pick.passage.people
    )


# "Is", "was", "'s" after a question word: it asks who or what someone or something is.
_IS: Final = r"(?:'s|’s|\s+is|\s+was|\s+are|\s+were)"
# "Who is ...", "which minister was ...": the question asks who someone is, by a title.
_IDENTITY: Final = re.compile(rf"^\W*(?:who|which|what)(?:\s+\w+)?{_IS}\b", re.IGNORECASE)


def _holder_named(q: Question, chosen: Sequence[Pick]) -> bool:
    """False when the title a "who" question asks by fits no titled person in the answer.

    The one holder of that title in all the sources, named in the answer, fits. So does a person
    holding it in the answer's paragraphs. Where the question asks whose title it is ("who is the
    chief executive of Dravik Offshore"), that one must be named in the person's title, or in the
    paragraph (or the one before) of a sentence of the answer naming the person: the title of one
    company is not another's. Where nobody in the answer's paragraphs holds a title the question
    names, it fits, unless the question asks who holds a title of someone or something
    (``_holder_asked``).
    """
    asked = q.stems
    whose = _whose_title(q)
    if q.holder is not None and _named_near_by(q.holder, whose, chosen):
        return True
    people = [p for pick in chosen for p in pick.passage.people if p.office & asked]
    # The holder the question names itself ("who was mayor before Celeste Amaro") is not the
    # one asked for.
    own = q.text_terms
    # Every word of the person's title asked ("who is the transport minister" of "Transport
    # Minister X"); or, when the question asks who did something rather than who someone is,
    # every title word asked in the person's title ("which ministers signed the agreement" of
    # "... signed by Interior Minister Y"; "who is the president of X" is not "Belarusian
    # President Z").
    partial = bool(q.title_terms) and not _IDENTITY.match(q.text)
    if not people:
        # Nobody there holds a title the question names: nothing to judge by, unless it asks who
        # holds one ("who is the CEO of Halden Motorworks" of a paragraph on a president's tour).
        return not _holder_asked(q)
    return any(
        (role_terms_cover(p.role, asked) or (partial and role_terms_cover(q.title_terms, p.role)))
        and p.surname not in own
        and (
            not whose or role_terms_cover(whose, p.role) or _named_near_by(p.surname, whose, chosen)
        )
        for p in people
    )


# "Who is the CEO of Halden Motorworks", "who was the mayor of Brask": a title of one or two
# words, and whose it is.
_TITLE_OF: Final = re.compile(
    rf"^\W*who{_IS}\s+(?:the\s+)?(?P<title>\w+(?:\s+\w+)?)\s+of\b", re.IGNORECASE
)


def _holder_asked(q: Question) -> bool:
    """True when ``q`` asks who holds a title of someone or something ("who is the CEO of
    Halden Motorworks"): a word of it is one titles are made of (``ROLE_TERMS``: "president",
    "mayor", "chief"), its abbreviation spelt out."""
    found = _TITLE_OF.match(q.text)
    if found is None:
        return False
    words = " ".join(TITLE_ABBREVIATIONS.get(w, w) for w in found.group("title").lower().split())
    return not ROLE_TERMS.isdisjoint(terms(words))


def _named_near_by(surname: str, whose: frozenset[str], chosen: Sequence[Pick]) -> bool:
    """True when a sentence of the answer names the person of ``surname`` and, where ``whose``
    is asked, its paragraph or the one before names ``whose`` too."""
    return any(
        surname in pick.passage.sentences[pick.position].sequence
        and (not whose or whose <= _near_terms(pick.passage))
        for pick in chosen
    )


# "Who is the president of Meriden", "who's the head of the watchdog": whose the title is.
_WHOSE_TITLE: Final = re.compile(r"\bof\s+(?P<whose>.+)$", re.IGNORECASE)


def _whose_title(q: Question) -> frozenset[str]:
    """The terms of the one whose title an identity question asks about ("who is the chief
    executive of Dravik Offshore": "dravik", "offshor"), those the sources use; else none."""
    if not _IDENTITY.match(q.text):
        return frozenset()
    found = _WHOSE_TITLE.search(q.text)
    return frozenset(terms(found.group("whose"))) & q.stems if found is not None else frozenset()


def _near_terms(passage: Passage) -> frozenset[str]:
    """The terms of ``passage``, its title, and the paragraph before it in its document."""
    return passage.context | frozenset(terms(_paragraph_before(passage)))


def _paragraph_before(passage: Passage) -> str:
    """The text of the paragraph before ``passage`` in its document, or ""."""
    paragraphs = passage.document.paragraphs
    return paragraphs[passage.number - 2].text if 1 < passage.number <= len(paragraphs) else ""


# The units of years and the words that count them ("anniversary").
_YEAR_TERMS: Final = YEAR_UNITS | YEARS_COUNTED
# A figure before "of the" counts a part of a whole: "four of the turbines", "two of its ten".
_PARTITIVE: Final = re.compile(
    rf"\b(\d[\d,.]*|{feat.NUMBER_WORDS})\s+of\s+(?:the|its|their|these|those)\b", re.IGNORECASE
)


# Words that may stand between a figure and the noun it counts ("20 more turbines", "two other
# firms"); any other function word ends the noun phrase ("the two-hour crossing to the turbines").
_INSIDE_NOUN_PHRASE: Final = frozenset({"more", "other", "s"})
_CARDINAL_WORD_SET: Final = frozenset(CARDINAL_WORDS)


# Units of time, as their index terms: a figure before one tells how long, not how many.
_TIME_TERMS: Final = frozenset(
    stem(w) for w in "second minute hour day week fortnight month year decade century".split()
) | frozenset().union(*TIME_UNITS.values())
# Words before a figure that make it a part of the whole: "the last fourteen cabins".
_PART_LEADS: Final = frozenset({"last", "remaining", "final"})


class _Mark(NamedTuple):
    """What a sentence's words say of one of its terms: a function word stands before it (after
    the term before); it is an ordinal written as a word ("the first turbine"); it is a figure
    counting a part ("the last fourteen cabins"); it is a figure written with more than digits
    ("1,400", "1.5"), which is no year."""

    after_break: bool
    ordinal: bool
    part: bool
    grouped: bool


def _term_marks(text: str, sequence: tuple[str, ...]) -> tuple[_Mark, ...] | None:
    """The marks of ``sequence``, the terms of ``text``; None when its words do not line up with
    them (a sentence whose terms were read by another language's rules)."""
    found = words(text)
    marks: list[_Mark] = []
    broken = False
    for at, word in enumerate(found):
        if word in STOP_WORDS:
            broken = broken or word not in _INSIDE_NOUN_PHRASE
            continue
        if not (len(word) > 1 or word.isdigit()) or (word == "own" and after_possessive(found, at)):
            continue
        marks.append(
            _Mark(
                broken,
                word in NUMBER_WORDS and word not in _CARDINAL_WORD_SET,
                at > 0 and found[at - 1] in _PART_LEADS,
                word[:1].isdigit() and not word.isdigit(),
            )
        )
        broken = False
    return tuple(marks) if len(marks) == len(sequence) else None


def _counts_next(
    sequence: tuple[str, ...], marks: tuple[_Mark, ...], at: int, focus: frozenset[str]
) -> bool:
    """True when the figure at ``at`` counts a unit of time right after it, in its own phrase,
    that ``focus`` does not name: it tells how long ("cabins by about three months")."""
    following = at + 1
    return (
        following < len(sequence)
        and not marks[following].after_break
        and sequence[following] in _TIME_TERMS
        and sequence[following] not in focus
    )


def counts_asked(q: Question, passage: Passage) -> bool:
    """True when a sentence of ``passage`` counts what a "how many" question asks about and
    holds at least COUNT_ELSEWHERE_SHARE of the question's weight ("seven cooperation
    documents" for "how many agreements"; not "two people familiar with the plans" for "how
    many people live in the valley"), per the unit of time a rate asks for ("how many people
    can it carry in an hour": not "14,300 people had ridden the line" but "2,800 passengers an
    hour").

    A count of any kind of person holds the word "people" (``_score_sentences``).
    """
    if not q.count_focus:
        return False
    least = COUNT_ELSEWHERE_SHARE * q.weight
    # The word "people" counts as a guess where the sentence counts a kind of person.
    people = _people_words(q)
    return any(
        _counts(q.count_focus, s.sequence, s.text)
        and sum(
            t.weight * (1.0 if t.found_in(s.stems) else GUESS_CREDIT if i in people else 0.0)
            for i, t in enumerate(q.terms)
        )
        >= least
        and (q.rate is None or _gives_rate(q.rate, s.text))
        for s in passage.sentences
    )


def _people_words(q: Question) -> frozenset[int]:
    """The positions of ``q``'s terms that are the word "people" (or "person", "человек"),
    which a count of any kind of person holds."""
    return frozenset(
        i for i, t in enumerate(q.terms) if any(form <= PEOPLE_TERMS for form in t.own_forms)
    )


def _year_at(sequence: tuple[str, ...], marks: tuple[_Mark, ...], at: int) -> bool:
    """True when the term at ``at`` reads as a year: four digits as written ("2030", not
    "1,400", whose term is "1400" too); without marks, by the term alone."""
    return bool(_CALENDAR_YEAR.match(sequence[at])) and not (marks and marks[at].grouped)


def _counts(focus: frozenset[str], sequence: tuple[str, ...], text: str) -> bool:
    """True when a figure stands at most three terms before the thing counted ("seven deals"),
    or just after it ("doubles the quota of truck permits to 24,000"), a year aside; ``text``
    is the sentence the terms are of. A figure it writes only as an ordinal counts nothing
    ("the fourth floor"), nor does an ordinal word where it stands ("the first turbine ... one
    by one"). A figure before the thing counts it only within one noun phrase: no function word
    but "more" or "other" between them ("the two-hour crossing to the turbines" counts hours).
    After "last", "remaining" or "final" it counts a part ("the last fourteen cabins"), unless
    years are counted ("over the last ten years"); after the thing, a figure of a unit of time
    tells how long ("the cabins by about three months").

    Before a year unit, a nearest figure that reads as a year makes a date ("13 марта 2023 года",
    "в 2023 году"), not a count. Years are counted by anniversaries too ("the 30th
    anniversary"). A figure right after another goes with it ("one-third", "2-3"): the first
    counts for both.
    """
    years = bool(focus & YEAR_UNITS)
    if years:
        focus = focus | _YEAR_TERMS
        ordinal: frozenset[str] = frozenset()
    else:
        ordinal = ordinal_figures(text) if any(t in focus for t in sequence) else frozenset()
    marks: tuple[_Mark, ...] | None = None
    if " of " in text:
        # "Four of the turbines" counts a part of them, not how many there are.
        ordinal |= frozenset(t for m in _PARTITIVE.finditer(text) for t in terms(m.group(1)))
    for i, term in enumerate(sequence):
        if term not in focus:
            continue
        # After the thing, "1" is most often an ordinal ("permits were first issued"), and a
        # figure after a unit of years another thing's ("2023 года с трёхдневным визитом").
        if marks is None:
            marks = _term_marks(text, sequence) or ()
        after = () if term in _YEAR_TERMS else range(i + 1, min(i + 1 + COUNT_AFTER, len(sequence)))
        if any(
            (t := sequence[j])[:1].isdigit()
            and t != "1"
            and not _year_at(sequence, marks, j)
            # A figure of a unit of time tells how long ("cabins by about three months").
            and not (marks and _counts_next(sequence, marks, j, focus))
            for j in after
        ):
            return True
        # A year further back than the word before is a date ("since 2017, said the work"); a
        # figure after a year does not go with it ("in 2026, some 1,400 people").
        figures = [
            t
            for at, t in enumerate(sequence[max(0, i - 3) : i], start=max(0, i - 3))
            if t[:1].isdigit()
            and t not in ordinal
            # A figure counts the noun of its own phrase, and an ordinal word counts nothing.
            and not (
                marks
                and (
                    marks[at].ordinal
                    or (marks[at].part and not years)
                    or any(m.after_break for m in marks[at + 1 : i + 1])
                )
            )
            and (at == i - 1 or not _year_at(sequence, marks, at))
            and not (
                at and sequence[at - 1][:1].isdigit() and not _year_at(sequence, marks, at - 1)
            )
        ]
        if figures and not (term in YEAR_UNITS and _CALENDAR_YEAR.match(figures[-1])):
            return True
    return False


def gives_kind(q: Question, text: str) -> bool:
    """True when ``text`` gives what ``q``'s kind asks for (a date for "when", an area for "how
    much land" ...)."""
    feature = _feature_of(q, q.kind)
    return feature is None or feature[0](text)


# "By" and a name, after up to three lower-case words: "by the Spanish contractor Hidrotec".
_BY_NAME: Final = r"by\s+(?:the\s+|a\s+)?(?:[a-z-]+\s+){0,3}?[A-Z]"
# A verb's agent in the passive: "built by the Spanish contractor Hidrotec", "led by Mayor Lind".
_AGENT: Final = re.compile(rf"\b([a-z]+)\s+{_BY_NAME}")
# A two-word verb's agent: "construction ... was carried out by the AquaBrine joint venture".
_PHRASAL_AGENT: Final = re.compile(rf"\b[a-z]+\s+(?:out|up|off|through)\s+{_BY_NAME}")


# A capitalised word past a sentence's first, then a verb: "Selin Maroudi signed", "X has built".
_DOER: Final = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w’'-]+)\s+(?:(?:has|have|had)\s+)?([a-z]+)")


def _named_agent(q: Question, pick: Pick) -> bool:
    """True when ``q`` asks "which <noun>" with a noun the sources never use, and the sentence
    ``pick`` names who did what the question asks ("which company built the plant": "carried
    out by the AquaBrine-Hollis joint venture"): a name of theirs answers without the noun."""
    slot = q.term_at(q.which_noun)
    return (
        slot is not None
        and not q.terms[slot].known
        and _agent_of(q.stems, pick.passage.sentences[pick.position].text, q.text_terms)
    )


def _agent_of(
    question_stems: frozenset[str], text: str, typed: frozenset[str] = frozenset()
) -> bool:
    """True when ``text`` names, after "by", who did what a question's verb says: the verb before
    "by" is the question's, or is a two-word one ("carried out") after words of the question
    that name what was done ("construction"); or names them just before that verb in the past
    ("... his counterpart Selin Maroudi signed"), a verb ``typed`` in the question itself (not
    one a conversation lends it) and a name the question does not give (in "who met Dravel",
    "Dravel met" names the one met)."""
    if any(stem(m.group(1)) in question_stems for m in _AGENT.finditer(text)):
        return True
    if any(
        stem(m.group(2)) in typed
        and past_form(m.group(2))
        and stem(m.group(1).lower()) not in question_stems
        for m in _DOER.finditer(text)
    ):
        return True
    return any(
        any(stem(w) in question_stems for w in words(text[: m.start()]))
        for m in _PHRASAL_AGENT.finditer(text)
    )


# "How much of the milk would it have": a part of a whole is asked for.
_PART_ASKED: Final = re.compile(r"\bhow\s+much\s+of\b", re.IGNORECASE)
# The measures a part of a whole is given in: a share, a length, an area, a weight, a volume.
_PART_MEASURES: Final = ("share", "far", "area", "heavy", "capacity")


def _asks_part(q: Question) -> bool:
    """True when ``q`` asks how much of a thing there is ("how much of the milk"), not a sum
    (``asks_sum``: "how much of the cost")."""
    return _PART_ASKED.search(q.text) is not None and not asks_sum(q)


def _gives_part(text: str) -> bool:
    """True when ``text`` gives a part of a whole: a share, or a figure in a unit of measure."""
    return _UNIT_AMOUNT.search(text) is not None or any(
        _MEASURES[m].search(text) is not None for m in _PART_MEASURES
    )


# A figure in a unit of measure: "700 megawatts", "3.1 kilowatt-hours", "210,000 cubic metres".
_UNIT_AMOUNT: Final = re.compile(
    r"\b\d[\d,.]*\s*(?:million\s+|billion\s+)?(?:(?:kilo|mega|giga|tera)?watt(?:-?hours?)?s?|"
    r"[kmgt]wh?\b|litres?|liters?|cubic\s+(?:metres?|meters?)|tonnes?|tons?|kilograms?|kg\b|"
    r"barrels?|gallons?|millimetres?|millimeters?|mm\b|hectares?)",
    re.IGNORECASE,
)


def _feature_of(q: Question, kind: Kind) -> tuple[Callable[[str], bool], float] | None:
    """What an answer to ``q`` needs for its ``kind``, and the bonus a sentence earns for it.

    "How big" asks for an amount of money ("how big is the deal") or a size ("how big is the
    park"): either answers it. So does an area for "how much land", and a figure of the measure
    a "how much" names for any other ("how much power": "700 megawatts"). "How much of" a thing
    that is no sum of money asks for a part of it: a share, or a figure in a unit of measure ("19
    percent of the milk", "a 38-kilometre stretch of the road"), not a sum.
    """
    feature = _KIND_FEATURE.get(kind)
    if kind is Kind.AMOUNT and feature is not None and asks_sum(q):
        return feat.has_sum, feature[1]
    if kind is Kind.AMOUNT and feature is not None and q.measure is None and _asks_part(q):
        # "How much of the milk": a part of a whole, a share or a figure in a unit of measure.
        return _gives_part, feature[1]
    if kind is Kind.AMOUNT and feature is not None and q.measure is None:
        # "How much power", "how much water a day": an amount in a unit of measure.
        amount = feature[0]
        return (lambda text: amount(text) or _UNIT_AMOUNT.search(text) is not None), feature[1]
    if feature is None or kind is not Kind.AMOUNT or q.measure is None:
        return feature
    check, bonus = feature
    measure = q.measure
    return (lambda text: check(text) or has_measure(measure, text)), bonus


# A clause ends at a semicolon, or at a comma or a dash before a word that opens another clause
# ("spring 2028, once the study has been approved"); not before "which", "who" ..., whose clause
# goes on about the one before it ("an impact study, which is due in 2027"), nor after a date
# put first ("On 14-15 April 2027, the President ...").
_CLAUSE_BREAK: Final = re.compile(
    r";\s+|[,\u2013\u2014]\s+(?=(?:and|but|or|while|whereas|once|although|though|after|before|"
    r"until|since|because|as|so|yet|if|unless)\b)",
    re.IGNORECASE,
)


def _dates_what_is_asked(q: Question, text: str) -> bool:
    """True when one clause of ``text`` holds both a date and a term of ``q``: "construction is
    due to start in spring 2028, once the impact study has been approved" dates the construction,
    not the study."""
    return any(
        feat.has_date(clause) and _holds_any(q.terms, clause)
        for clause in _CLAUSE_BREAK.split(text)
    )


def _figure_apart(q: Question, text: str, check: Callable[[str], bool]) -> bool:
    """True when ``text`` gives the figure ``check`` looks for, and words of ``q`` (the measure
    word aside), but never in one clause: "Filling began in November 2026 with the autumn rains,
    and on opening day the reservoir stood at 71 per cent of capacity" gives no amount of rain."""
    clauses = _CLAUSE_BREAK.split(text)
    if len(clauses) < 2 or not check(text):
        return False
    about = [t for t in q.terms if t.surface != q.measure]
    holding = [clause for clause in clauses if _holds_any(about, clause)]
    return bool(holding) and not any(check(clause) for clause in holding)


def _holds_any(about: Iterable[QueryTerm], clause: str) -> bool:
    """True when ``clause`` holds one of the terms ``about``."""
    found = frozenset(terms(clause))
    return any(t.found_in(found) for t in about)


def _kind_bonus(
    kind: Kind,
    feature: tuple[Callable[[str], bool], float] | None,
    text: str,
    day: datetime.date | None,
) -> float:
    """What a sentence earns for having what ``kind`` needs (``feature``, from ``_feature_of``).

    ``day`` is the date of the sentence's document, if it has one.
    """
    if feature is None:
        return 0.0
    check, bonus = feature
    if not check(text):
        return -0.1
    # "When" is best answered by a date of the calendar: "on Thursday" says less, unless the
    # document's own date tells which Thursday.
    if (
        kind is Kind.WHEN
        and not feat.has_calendar_date(text)
        and not (day is not None and told_days(text, day))
    ):
        return bonus * WEEKDAY_SHARE
    return bonus


def _day_of(document: Document) -> datetime.date | None:
    """The date an English document was published, from which its weekdays are told."""
    if document.published is None or document.language != ENGLISH:
        return None
    return _day(document.published)


@functools.lru_cache(maxsize=1024)
def _day(published: str) -> datetime.date:
    return datetime.date.fromisoformat(published)


def dated(document: Document, text: str) -> str:
    """``text`` of ``document`` with the date of each weekday or day it tells from its own day."""
    day = _day_of(document)
    return text if day is None else with_told_days(text, day)


def _tense_differs(tenses: Sequence[tuple[str, bool]], text: str) -> bool:
    """True when ``text`` uses a Russian verb of the question, but only in the other tense
    (past for a question asked in the present or future, or the other way round)."""
    used = _russian_verbs(text)
    return any(
        any(v == verb for v, _ in used) and (verb, past) not in used for verb, past in tenses
    )


@functools.lru_cache(maxsize=4096)
def _russian_verbs(text: str) -> tuple[tuple[str, bool], ...]:
    """The finite verbs of a Russian sentence, as ``russian_verb`` reads them."""
    return tuple(verb for w in words(text) if (verb := russian_verb(w)) is not None)


def _gives_year(q: Question, text: str) -> bool:
    """True when ``text`` writes a year ``q`` names, in digits of any script ("۲۰۲۲" too)."""
    folded = fold(text)
    return any(y in folded for y in q.years)


def _year_of_focus(q: Question, picks: Sequence[Pick]) -> bool:
    """True when a sentence of ``picks`` that writes a year the question names also names the
    thing a "what was X in <year>" asks for, itself or in the sentence before, which it may lean
    on ("In 2022, this figure rose to $100 million"); True when the question names no such thing
    the sources use."""
    focus = [t for t in q.terms if t.known and t.surface in q.focus_words]
    if not focus:
        return True
    for pick in picks:
        sentences = pick.passage.sentences
        stems = sentences[pick.position].stems
        if pick.position:
            stems = stems | sentences[pick.position - 1].stems
        if _gives_year(q, sentences[pick.position].text) and any(t.found_in(stems) for t in focus):
            return True
    return False


def _year_bonus(q: Question, text: str) -> float:
    if not q.years:
        return 0.0
    if _gives_year(q, text):
        return 0.25
    return -0.2 if feat.has_date(text) else 0.0


# "The total cost", "the whole project", "in all": the sum of the parts is asked for.
_TOTAL: Final = re.compile(
    r"\b(?:total|whole|overall|altogether|entire|in\s+all|all\s+told|all\s+in\s+all)\b",
    re.IGNORECASE,
)


def _with_total(picks: list[Pick]) -> list[Pick]:
    """``picks`` with the sentences giving the largest sum of money among them raised: a total is
    more than any of its parts ("Building the line cost €74 million" over "A single ride costs
    €2.60"). Sums are compared within one currency only."""
    sums: dict[int, tuple[str, float]] = {}
    for at, pick in enumerate(picks):
        text = pick.passage.sentences[pick.position].text
        if not pick.covered or not feat.has_sum(text):
            continue
        found = [
            (v.units[0], v.key[0]) for v in values_in(text) if v.kind == "quantity" and v.units
        ]
        if found:
            sums[at] = max(found, key=lambda unit_amount: unit_amount[1])
    if len(sums) < 2:
        return picks
    largest: dict[str, float] = {}
    for unit, amount in sums.values():
        largest[unit] = max(amount, largest.get(unit, 0.0))
    return [
        replace(p, score=p.score + MEASURE_BONUS)
        if at in sums and sums[at][1] >= largest[sums[at][0]]
        else p
        for at, p in enumerate(picks)
    ]


def _supply(
    kind: Kind, picks: Sequence[Pick], chosen: list[Pick], best: float, lead: Pick | None = None
) -> Pick | None:
    """Return the best sentence that gives what a second question word asks for, if needed.

    With the answer's ``lead`` sentence, the sentence right after it comes first: it goes on
    about the same thing in words of its own ("Calvenergi is already planning a second phase.
    Saltmere Bank II ... is due to be completed in 2031" answers "and when").
    """
    feature = _KIND_FEATURE.get(kind)
    if feature is None:
        return None
    check = feature[0]
    if any(check(p.passage.sentences[p.position].text) for p in chosen):
        return None
    if lead is not None:
        after = _next_after(lead, chosen, lambda s: check(s.text))
        if after is not None:
            return after
    for pick in picks:
        text = pick.passage.sentences[pick.position].text
        if pick not in chosen and pick.score >= 0.4 * best and check(text):
            return pick
    return None


def _following(
    q: Question, best: Pick, chosen: Sequence[Pick], after: NextParagraph | None = None
) -> Pick | None:
    """The sentence after the best one, when the answer lacks what ``q`` needs and it has it.

    The sentence that names the thing asked about is often followed by the one that answers:
    "Aksel Brun said he would vote against. 'We are being asked to ...,' he said." What ``q``
    needs is its measure ("how big": "The block has a capacity of 600 megawatts") or the name it
    asks for, else what its kind needs; for "why", the next sentence whatever it says.

    When the best sentence ends its paragraph, the next one is the first of the paragraph
    ``after`` it: a report's opening tells what happened, the next paragraph who did it
    ("Drevna and Halmor signed a treaty on Wednesday ..." and then "Drevnan Prime Minister
    Mirela Vasko and Halmori Foreign Minister Teodor Lindqvist put their names to the 46-page
    text" answer "who signed for Drevna"), when it holds a word of the question; for "who" and
    "where", it must name someone (somewhere) the question does not.
    """
    kind = q.kind
    measure = q.measure
    feature = _KIND_FEATURE.get(kind)
    check: Callable[[str], bool]
    if measure is not None:
        kind = Kind.GENERAL
        check = functools.partial(has_measure, measure)
    elif q.name_asked:
        kind = Kind.GENERAL
        check = feat.has_name
    elif feature is None or kind is Kind.LIST:
        return None
    else:
        check = feature[0]
    if kind is Kind.WHY:
        # A reason is rarely given whole in one sentence, nor always in words that say it is
        # one: the sentence after the best goes on with it ("Environmental groups object to
        # the dredging plans. Some 40,000 migratory birds feed ...").
        return _next_after(best, chosen)
    # The person or place that answers "who" or "where" is not one the question names itself
    # ("who heads the growers association": "... by the Brennoc Valley Growers' Association").
    if any(check(_as_checked(q, kind, p.passage.sentences[p.position].text)) for p in chosen):
        # What someone said often goes on in the next sentence, by "he" or "she": "Lukashenko
        # promised to take up banking. He said that on his return he would ...".
        if kind is not Kind.SAY:
            return None
        return _next_after(
            best, chosen, lambda s: feat.starts_with_personal_pronoun(s.text) and check(s.text)
        )
    found = _next_after(best, chosen, lambda s: check(s.text))
    if found is not None or after is None:
        return found
    return _opening_after(q, best, chosen, after, lambda s: check(_as_checked(q, kind, s.text)))


def _opening_after(
    q: Question,
    best: Pick,
    chosen: Sequence[Pick],
    after: NextParagraph,
    fits: Callable[[Sentence], bool],
) -> Pick | None:
    """The first sentence of the paragraph ``after`` the best one's, when the best one ends its
    paragraph, and that sentence holds a word of the question (past a paragraph's end a report
    may go on to something else) and ``fits``."""
    if best.position != len(best.passage.sentences) - 1:
        return None
    following = after(best.passage)
    if following is None:
        return None
    return _beside(
        following, best.score, chosen, 0, lambda s: not q.stems.isdisjoint(s.stems) and fits(s)
    )


def _named_before(q: Question, best: Pick, chosen: Sequence[Pick]) -> Pick | None:
    """The sentence right before the best one in its paragraph, when the answer names nobody
    (or no place) a "who" (or "where") question asks for and that sentence does.

    What was done is often told without who did it, right after the sentence that names them:
    "Transport Minister Aurel Danescu cut a ribbon at the Harnsby end. The bridge opened to public
    traffic at 2 p.m." answers "who opened the bridge".
    """
    feature = _KIND_FEATURE.get(q.kind)
    if q.kind not in _NEW_NAME_KINDS or feature is None:
        return None
    check = feature[0]
    if any(check(_as_checked(q, q.kind, p.passage.sentences[p.position].text)) for p in chosen):
        return None
    return _beside(
        best.passage,
        best.score,
        chosen,
        best.position - 1,
        lambda s: check(_as_checked(q, q.kind, s.text)),
    )


def _defined_next(q: Question, best: Pick, chosen: Sequence[Pick]) -> Pick | None:
    """For "what is X", the sentence after the best one when the best only names X and the next
    goes on about it ("... talking about a second phase. It would lay a 54-kilometre pipeline").

    So for a question that asks for something in a word no source uses, answered by one sentence:
    "terms of the bank loan" by "The bank's loan is the anchor of the package. It runs for 25
    years, with a seven-year grace period".
    """
    if q.unknown_focus and len(chosen) == 1:
        return _next_after(best, chosen, lambda s: s.shows_previous)
    definition = _definition(q.text)
    if definition is None or definition.pattern.search(best.passage.sentences[best.position].text):
        return None
    return _next_after(best, chosen, lambda s: s.shows_previous)


def _gives_rate(unit: str, text: str) -> bool:
    """True when ``text`` gives a figure per ``unit`` of time: "210,000 cubic metres a day", "200
    scholarships to students from the other country every year" (the figure and the unit in one
    clause; the cheaper test, first), "2,800 passengers an hour" (a rate the values read)."""
    if any(m.group("unit") == unit for m in _RATE_IN_CLAUSE.finditer(text)):
        return True
    return any(u.endswith(f"/{unit}") for v in values_in(text) for u in v.units)


# A figure, in digits or in words, then the unit of time it is per, with no clause's end between
# ("four return sailings a day"; not "14,300 people had ridden the line, according to the
# operator, and queues stretched to an hour"). A comma between digits is a thousands separator.
_RATE_IN_CLAUSE: Final = re.compile(
    rf"(?:\d|\b{feat.NUMBER_WORDS}\b)(?:(?![,;:.]\s|\s[\u2013\u2014]\s).)*?\b{RATE_PER}",
    re.IGNORECASE,
)


def _heading_next(q: Question, best: Pick, chosen: Sequence[Pick]) -> Pick | None:
    """The sentence after the best one when the best is the whole answer and says next to nothing
    but the question's own words: it announces what the next one tells ("The project has also
    set a record of its own. In March, one vessel installed three foundations in a day")."""
    if len(chosen) > 1:
        return None
    sentence = best.passage.sentences[best.position]
    # A sentence that leans on the one before, or gives a figure or a date, tells its own fact.
    if (
        sentence.shows_previous
        or any(c.isdigit() for c in sentence.text)
        or len(set(sentence.sequence) - q.stems) > HEADING_TERMS
    ):
        return None
    return _next_after(best, chosen)


def _next_after(
    lead: Pick, chosen: Sequence[Pick], fits: Callable[[Sentence], bool] = lambda _: True
) -> Pick | None:
    """The sentence right after ``lead`` in its paragraph, as a pick that holds no term of the
    question, when there is one, the answer does not give it yet, and it ``fits``."""
    return _beside(lead.passage, lead.score, chosen, lead.position + 1, fits)


def _beside(
    passage: Passage,
    score: float,
    chosen: Sequence[Pick],
    position: int,
    fits: Callable[[Sentence], bool],
) -> Pick | None:
    """Sentence ``position`` of ``passage``, as a pick scored ``score`` that holds no term of the
    question, when there is one, the answer does not give it yet, and it ``fits``."""
    sentences = passage.sentences
    if (
        not 0 <= position < len(sentences)
        or _taken(chosen, passage, position)
        or not fits(sentences[position])
    ):
        return None
    return Pick(passage, position, score, frozenset())


def _taken(chosen: Sequence[Pick], passage: Passage, position: int) -> bool:
    """True when the answer already gives sentence ``position`` of ``passage``."""
    return any(p.passage.index == passage.index and p.position == position for p in chosen)


def _going_on(
    q: Question, best: Pick, picks: Sequence[Pick], chosen: Sequence[Pick], covered: set[int]
) -> Pick | None:
    """The sentence after the best one when it goes on from it ("They discussed ...") with a
    term of ``q`` the answer lacks: the best sentence names who, the next says what they did."""
    if len(covered) == len(q.terms):
        return None
    position = best.position + 1
    if position >= len(best.passage.sentences):
        return None
    if not best.passage.sentences[position].shows_previous:
        return None
    following = next(
        (p for p in picks if p.passage is best.passage and p.position == position), None
    )
    if following is None or not following.covered - covered:
        return None
    return None if _taken(chosen, best.passage, position) else following


_OPENING_QUOTE: Final = re.compile(r"^\s*[\"“«]")
_CLOSING_QUOTE: Final = re.compile(r"[\"”»]\W*$")
# How many sentences of a quotation that goes on after the best sentence are given with it.
QUOTE_SENTENCES: Final = 2


def _quote_goes_on(best: Pick, chosen: Sequence[Pick]) -> list[Pick]:
    """The sentences of a quotation that opens right after the best sentence and that nobody
    else is said to speak: "...," Varnholt told the crowd. "Today they stop here. This is our
    new front door." are all her words."""
    sentences = best.passage.sentences
    out: list[Pick] = []
    position = best.position + 1
    if position >= len(sentences) or not _OPENING_QUOTE.match(sentences[position].text):
        return out
    speaker = sentences[best.position].speaker
    while position < len(sentences) and len(out) < QUOTE_SENTENCES:
        sentence = sentences[position]
        # '"Opening day tells you nothing," she said': the same speaker's words go on.
        if sentence.speaker and not (
            speaker and (sentence.speaker <= speaker or speaker <= sentence.speaker)
        ):
            break
        if not _taken(chosen, best.passage, position):
            out.append(Pick(best.passage, position, best.score, frozenset()))
        if _CLOSING_QUOTE.search(sentence.text):
            break
        position += 1
    return out


def _with_context(passage: Passage, positions: list[int]) -> list[int]:
    out: list[int] = []
    for pos in positions:
        if pos > 0 and passage.sentences[pos].shows_previous:
            out.append(pos - 1)
        out.append(pos)
    return out


def _resolve_pronoun(passage: Passage, pos: int) -> str:
    """Name the speaker after a leading "He"/"She" when the text before says who it is."""
    text = passage.sentences[pos].text
    if not feat.starts_with_personal_pronoun(text):
        return text
    earlier = [s.text for s in passage.sentences[:pos]]
    speaker = find_speaker(earlier, subject=True) if earlier else None
    speaker = speaker or passage.speaker_before
    if speaker is None:
        return text
    pronoun, rest = text.split(" ", 1)
    return f"{pronoun} ({display_name(speaker, passage.people)}) {rest}"


def mark(text: str, ref: int) -> str:
    """Put the citation marker before the closing full stop, or after a closing quote."""
    marker = f"[{ref}]"
    stripped = text.rstrip()
    if stripped.endswith(".") and not stripped.endswith(".."):
        return f"{stripped[:-1]} {marker}."
    return f"{stripped} {marker}"


def _picks_count(focus: frozenset[str], picks: Sequence[Pick]) -> bool:
    """True when a sentence picked counts ``focus`` (``_counts``)."""
    return any(
        _counts(focus, (s := p.passage.sentences[p.position]).sequence, s.text) for p in picks
    )


def _guessed_count_focus(q: Question) -> frozenset[str]:
    """The one-word synonyms guessed for the thing a "how many" question counts ("storey" for
    "floors"): a figure of one of them is likelier the count asked than no figure at all."""
    for term in q.terms:
        if any(form <= q.count_focus for form in term.own_forms):
            guessed = (s for form in term.guessed_forms if len(form) == 1 for s in form)
            return frozenset(guessed) - q.count_focus
    return frozenset()
