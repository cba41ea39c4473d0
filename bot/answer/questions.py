"""Reading a question: the kind of answer it wants, and the weighted terms it is about."""

from __future__ import annotations

import enum
import functools
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Final, Protocol

from bot.answer import questionwords
from bot.knowledge.languages import ENGLISH, RUSSIAN, detect_language
from bot.search import thesaurus, wordvectors
from bot.search.features import NUMBER_WORDS as CARDINALS
from bot.search.features import PLAN_WORDS, planned_terms
from bot.search.languages import (
    russian_person_noun,
    russian_relatives,
    russian_verb,
    script_of,
)
from bot.search.retrieval import TfidfIndex
from bot.search.spelling import Speller, respell_after_how, respell_function_word
from bot.search.textnorm import (
    CHAT_SHORTHAND,
    NUMBER_WORDS,
    QUESTION_FRAME_WORDS,
    STOP_WORDS,
    after_determiner,
    after_possessive,
    lemma,
    normalize,
    stem,
    terms,
    words,
)


class Kind(enum.Enum):
    """The kind of answer a question asks for."""

    WHO = "who"
    WHEN = "when"
    COUNT = "count"
    AMOUNT = "amount"
    WHERE = "where"
    WHY = "why"
    LIST = "list"
    SAY = "say"
    YESNO = "yesno"
    META = "meta"
    GENERAL = "general"


class Meta(enum.Enum):
    """Which fact about a document itself a question asks for."""

    AUTHOR = "author"
    PUBLISHER = "publisher"
    PUBLISHED = "published"


@dataclass(frozen=True)
class QueryTerm:
    """One thing the question is about: the term sets that count as it, and its weight.

    ``forms`` lists alternatives; each alternative is a set of index terms that must all be present
    (so "road map" can match "roadmap" and the other way round).
    """

    surface: str
    forms: tuple[frozenset[str], ...]
    weight: float
    known: bool
    corrected: bool = False
    name: bool = False
    # The last ``guesses`` forms are synonyms of a word the sources themselves use.
    guesses: int = 0

    def found_in(self, stems: frozenset[str]) -> bool:
        """True when one of the alternatives is wholly in ``stems``."""
        forms = self.forms
        if len(forms) == 1:
            return forms[0] <= stems
        return any(form <= stems for form in forms)

    @property
    def own_forms(self) -> tuple[frozenset[str], ...]:
        """The forms that are the question's own words, not synonyms guessed for them."""
        return self.forms[: len(self.forms) - self.guesses]

    @property
    def guessed_forms(self) -> tuple[frozenset[str], ...]:
        """The synonyms guessed for a word the sources use, kept after its own forms."""
        return self.forms[len(self.forms) - self.guesses :]

    def credit(self, stems: frozenset[str]) -> float:
        """How fully ``stems`` hold this term: 1 for its own forms, less for a guessed synonym."""
        if any(form <= stems for form in self.own_forms):
            return 1.0
        if any(form <= stems for form in self.guessed_forms):
            return GUESS_CREDIT
        return 0.0


@dataclass(frozen=True)
class Question:
    """A question as the composer needs it."""

    text: str
    kind: Kind
    terms: tuple[QueryTerm, ...]
    years: frozenset[str]
    meta: Meta | None = None
    phrases: tuple[tuple[str, ...], ...] = ()
    unknown_names: int = 0
    unknown_focus: bool = False
    measure: str | None = None
    count_focus: frozenset[str] = frozenset()
    chitchat: bool = False
    also: frozenset[Kind] = frozenset()
    # "What is it called", "как называется": the answer must give a name.
    name_asked: bool = False
    # "Which company built it": the noun that names the one thing asked for ("company").
    which_noun: str | None = None
    # "Does the roadmap cover culture": the term of what a yes/no question is about, its subject.
    subject: str | None = None
    # The surname of the one person the sources give the title asked about ("the Quelmari foreign
    # minister": "darrow"), where the question does not name them.
    holder: str | None = None
    # The question's words that are words of some title in the sources ("transport", "minister"):
    # a person whose title has them all is one the question may ask about.
    title_terms: frozenset[str] = frozenset()
    # "When was the port founded": the word of the event the date is asked for, one of the terms.
    # Kept as a word, not a position, as ``acted_on`` is.
    event: str | None = None
    # Russian verbs asked about, as their dictionary forms, and whether asked in the past tense
    # ("во сколько обошлась": ("обойтись", True)); lemmas erase the tense.
    tenses: tuple[tuple[str, bool], ...] = ()
    # "When was it supposed to open", "what will it cost": the verbs asked about as planned, not
    # as done ("open", "cost").
    planned: frozenset[str] = frozenset()
    # "When did it open", "how much did it cost": asked in the past of what was done, so a plan
    # ("was due to open in 2025") is not what is asked.
    happened: bool = False
    # "How many a day", "how much per year": the unit of time a rate is asked per ("day").
    rate: str | None = None
    # "Who runs Solenta Power": the words of the verb and of the one it acts on, both terms.
    # Kept as words, not positions: a follow-up may read the question with terms left out.
    acted_on: tuple[str, str] | None = None
    # "What was bilateral trade in 2022": the words naming the thing asked for ("bilateral",
    # "trade"), a noun of amount ("value", "volume") aside. Kept as words, as ``acted_on`` is.
    focus_words: tuple[str, ...] = ()

    @functools.cached_property
    def stems(self) -> frozenset[str]:
        """Every index term any of the question's terms can match."""
        return frozenset(s for t in self.terms for form in t.forms for s in form)

    @functools.cached_property
    def before_saying(self) -> frozenset[str]:
        """The index terms a "what did X say" question writes before its verb of saying.

        "What did Lukashenko tell Khamenei": the speaker is named there; whom they spoke to, or
        of, after it. Empty for other questions, and where no English verb of saying is found.
        """
        if self.kind is not Kind.SAY:
            return frozenset()
        return frozenset(terms(_before_saying(self.text.lower())))

    @functools.cached_property
    def text_terms(self) -> frozenset[str]:
        """The index terms of the question's own text, as typed (every word, frame words too)."""
        return frozenset(terms(self.text))

    @property
    def weight(self) -> float:
        """The total weight of the question's terms."""
        return sum(t.weight for t in self.terms)

    @property
    def which_one(self) -> bool:
        """ "Which brand", "which airport": one thing is asked for, most often by its own name."""
        return self.which_noun is not None

    def term_at(self, surface: str | None) -> int | None:
        """The position of the term written ``surface`` among the question's terms, if any."""
        return next((i for i, t in enumerate(self.terms) if t.surface == surface), None)

    def names_amount(self, word: str) -> bool:
        """True when ``word`` names the amount a "how much" question asks for ("volume" of
        "what was the trade volume"), which the sources give as a figure."""
        return _names_amount(self.kind, word)

    def frames(self, word: str) -> bool:
        """True when ``word`` names the measure asked for and says no more: "long" of "how
        long", "length"; not "capacity", which the sources write beside the figure."""
        return self.names_measure(word) and MEASURE_NOUNS.get(word) not in QUANTITY_MEASURES

    def names_measure(self, word: str) -> bool:
        """True when ``word`` names the measure asked for: "long" of "how long", "length" of
        "tunnel length"."""
        return self.measure is not None and (
            word == self.measure
            or MEASURE_NOUNS.get(word) == self.measure
            or _THING_MEASURES.get(word) == self.measure
        )


def _names_amount(kind: Kind, word: str) -> bool:
    """True when ``word`` is a noun of amount ("volume", "worth") in a "how much" question."""
    return kind is Kind.AMOUNT and word in AMOUNT_NOUNS


# Plain English words that often stand for one another in questions about agreements and news.
_SYNONYMS: Final = [
    {"sector", "field", "area", "domain", "industry", "sphere"},
    {"agreement", "accord", "deal", "pact", "treaty", "memorandum", "document"},
    {"country", "nation"},
    {"meeting", "talks", "summit"},
    {"trade", "commerce", "turnover"},
    {"goal", "aim", "purpose", "objective"},
    {"visit", "trip"},
    {"talk", "speak"},
    {"big", "large"},
    {"increase", "rise", "growth", "grow"},
    {"decrease", "fall", "decline", "drop"},
]
_SYNONYM_STEMS: Final = [frozenset(stem(w) for w in group) for group in _SYNONYMS]

_META_AUTHOR: Final = re.compile(
    r"\b(?:who\s+(?:wrote|writes|authored|penned|reported)|author|writer|journalist|reporter|byline|"
    r"written\s+by)\b"
)
_META_PUBLISHER: Final = re.compile(
    r"\b(?:publisher|which\s+(?:news\s+)?(?:outlet|newspaper|website|site|publication|agency|media)|"
    r"who\s+published|published\s+by|what\s+(?:news\s+)?(?:outlet|newspaper|website|site|publication))\b"
)
_META_PUBLISHED: Final = re.compile(
    r"\b(?:when|what\s+date|which\s+date|what\s+day)\b.*\b(?:published|posted|written|released)\b"
)
_DOC_NOUNS: Final = re.compile(r"\b(?:article|story|report|piece|text|news|source|document)\b")
# "When was it published": what is published or written, unnamed, is the text read.
_PUBLISHED_UNNAMED: Final = re.compile(
    r"^when\s+(?:was|were)\s+(?:it|this|that|they|these)\s+(?:published|posted|written)\b"
)
# Common abbreviations of names, so "the US" meets "the United States".
_ACRONYMS: Final = {
    "us": "united states",
    "usa": "united states",
    "uk": "united kingdom",
    "un": "united nations",
    "eu": "european union",
    "uae": "united arab emirates",
    "ussr": "soviet union",
}
# Common abbreviations of titles, so "the pm" meets "the Prime Minister".
TITLE_ABBREVIATIONS: Final = {
    "pm": "prime minister",
    "fm": "foreign minister",
    "ceo": "chief executive",
    "vp": "vice president",
    "mp": "member parliament",
    "mps": "members parliament",
}
# Requests no news source answers, whatever else the question shares with it.
_CHITCHAT: Final = frozenset(
    "joke jokes poem poems song songs recipe recipes movie movies film films horoscope riddle "
    "riddles weather forecast".split()
)
# English prepositions; a word of chat this many words after one is not what is asked for.
_PREPOSITIONS: Final = frozenset(
    "about above across after against along among around at before behind below beside between "
    "beyond by despite during for from in inside into near of off on onto over past since "
    "through throughout to toward towards under until upon via with within without".split()
)
_CHITCHAT_REACH: Final = 3
# "How old", "how long" ...: the answer must hold a measure of that kind.
_MEASURE: Final = re.compile(
    r"\bhow\s+(old|long|tall|high|far|big|large|deep|wide|heavy|fast|often)\b|"
    r"\b(length|height|width|depth|distance|weight|speed|age|frequency|capacity)\b|"
    # "How much land", "how much exhibition space": an area; "how much power": watts.
    r"\bhow\s+much\s+(?:[a-z]+\s+)?(land|space|area|ground|power|electricity|energy)\b|"
    # "What time", "at what hour": a time of day.
    r"\b(?:what|which)\s+(time|hour)\b"
)
# After "how far", words that ask how much off a mark something is, not a distance.
_DEGREE: Final = re.compile(r"\s+(?:over|above|below|under|behind|ahead|beyond|short|off)\b")
# Words that open a second question after "and", and the nouns of purpose such a question asks
# about ("and what's the goal").
_SECOND_QUESTION_WORDS: Final = frozenset({"what", "whats", "what's", "which"})
_PURPOSE_NOUNS: Final = frozenset(
    "goal goals aim aims objective objectives purpose purposes".split()
)
# The measure each noun asks for: "the length of" a thing is a distance, where "how long" may
# also ask for a time.
MEASURE_NOUNS: Final = {
    "length": "far",
    "height": "tall",
    "width": "wide",
    "depth": "deep",
    "distance": "far",
    "weight": "heavy",
    "speed": "fast",
    "age": "old",
    "frequency": "often",
    # "The capacity of the plant": how much it makes or holds ("320 megawatts", "a 400-seat
    # auditorium"); "how much power": watts, or watt-hours.
    "capacity": "capacity",
    "power": "power",
    "electricity": "power",
    "energy": "power",
    # "What time", "at what hour": a time of day.
    "time": "clock",
    "hour": "clock",
    # "How much land": an area.
    "land": "area",
    "space": "area",
    "area": "area",
    "ground": "area",
    # "What share of", "the percentage of": a part of a whole, given as a percentage or a fraction.
    "share": "share",
    "percentage": "share",
    "proportion": "share",
    "fraction": "share",
}
# A noun naming a part of a whole; "share" as a verb ("which countries share the river") is not.
_SHARE: Final = re.compile(
    r"\b(?:what|which)\s+(?:share|percentage|proportion|fraction)\b"
    r"|\b(?:share|percentage|proportion|fraction)\s+of\b"
)
# Words that name money: in "how much money", "what did it cost", "how much will she earn", a
# sentence with a sum holds them.
MONEY_NOUNS: Final = frozenset(
    "money cost costs price prices funds funding cash spending investment "
    "pay pays paid earn earns earned salary salaries wage wages fee fees fare fares".split()
)
_DEMONYM_SUFFIXES: Final = ("ian", "an", "n", "ese", "i", "ish")
# Polite wrappers around a question: "can you tell me", "I'd like to know".
_REQUEST: Final = re.compile(
    r"^(?:(?:please|pls|plz)\s*,?\s*)?(?:(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?"
    r"(?:tell|show|explain\s+to|give)\s+me\s+|i(?:'d|’d|\s+would)?\s+(?:like|want|wish)\s+to\s+"
    r"know\s+|do\s+(?:you|u)\s+know\s+|tell\s+me\s+)",
    re.IGNORECASE,
)
# "Who signed it and when?": a second question word asks for a second fact.
_ALSO_KIND: Final = re.compile(r"\b(?:and|&)\s+(when|where|who|how\s+much|how\s+many)\b")
_ALSO: Final = {
    "when": Kind.WHEN,
    "where": Kind.WHERE,
    "who": Kind.WHO,
    "how much": Kind.AMOUNT,
    "how many": Kind.COUNT,
}
_NUMBER_WORD_WEIGHT: Final = 0.3
# A plural that is counted: "agreements", "people".
_COUNTED_PLURAL: Final = r"[a-z]+s|people|children|men|women"
_COUNT_FOCUS: Final = re.compile(
    rf"\bhow\s+many\s+(?:[a-z]+\s+){{0,2}}?(?P<focus>{_COUNTED_PLURAL})\b"
)
# A word no source uses weighs like the rarest source word times this: names and figures more.
UNKNOWN_NAME_WEIGHT: Final = 1.3
UNKNOWN_WORD_WEIGHT: Final = 0.5
# An adverb the sources lack weighs this share of another word they lack.
UNKNOWN_ADVERB_SHARE: Final = 0.5
# Source words alike in meaning that a word the sources lack may stand for, at most.
ALIKE_WORDS: Final = 2
# A sentence that says a synonym where the sources also use the question's own word may mean
# another sense of it ("plant" for "found"): it holds the term only this much.
GUESS_CREDIT: Final = 0.5
# Letters two stems share at their start to be one word's derivations.
ROOT_LETTERS: Final = 5
# A word the sources lack that begins with a source word of at least this many letters, this
# share of its own, is made from it by its endings ("environmentalists", "environmental").
DERIVED_ROOT_LETTERS: Final = 6
DERIVED_ROOT_SHARE: Final = 0.6
# Words whose reading a question reader remembers.
TERM_CACHE_SIZE: Final = 50_000
_YEAR: Final = re.compile(r"^(?:19|20)\d\d$")
_YESNO_START: Final = frozenset(
    "is are was were did do does has have had can could will would should".split()
)
_SAY: Final = re.compile(
    r"\b(?:say|said|says|statement|statements|remark|remarks|comment|comments|quote|quoted|claim|"
    r"claimed|emphasi[sz]e|emphasi[sz]ed|stress|stressed|urge|urged|promise|promised|call\s+for|"
    r"called\s+for|argue|argued|note|noted|declare|declared|stance|view|views|position|think|"
    r"thinks|believe|believes|words|message|speech|tell|told|added|according\s+to|warn|warned|"
    r"warns|insist|insisted|insists|assure|assured|reply|replied|remark|remarked|announce|"
    r"announced|point\s+out|pointed\s+out)\b"
)
# An auxiliary of the past: the question asks what was done.
_PAST: Final = re.compile(r"\b(?:did|was|were|had|has)\b")
# "When was X founded", "when were they elected": the participle names the event dated.
_WHEN_PASSIVE: Final = re.compile(r"^when\s+(?:was|were|has|have|had)\b")
_WHO: Final = re.compile(
    r"^(?:who|whom|whose)\b|\b(?:which|what)\s+(?:person|people|official|officials|leader|leaders|"
    r"president|presidents|minister|ministers|head|heads|signatory|signatories)\b"
)
_WHEN: Final = re.compile(
    r"^when\b|\bdates?\b|\b(?:what|which)\s+(?:date|day|year|month|time)\b|"
    # "Since when has the mayor been pushing it": "when" before its auxiliary, wherever it stands.
    r"\bwhen\s+(?:was|were|did|is|will|has|have|had|does|do|are|would|could|can)\b|"
    r"\bon\s+what\b"
)
_HOW_MANY: Final = re.compile(r"\bhow\s+many\b")
_COUNT: Final = re.compile(rf"{_HOW_MANY.pattern}|\bnumber\s+of\b|\bcount\s+of\b")
# "Cabin count?", "passenger numbers on day one": a noun and a word for its count.
_NOUN_COUNT: Final = re.compile(r"\b([a-z]+)\s+(?:count|counts|tally|numbers)\b")
# "The number of agreements", "number of people": the plural counted, after the article if any.
_NUMBER_OF: Final = re.compile(rf"\bnumbers?\s+of\s+(?:the\s+)?({_COUNTED_PLURAL})\b")
# The nouns "what is the ..." asks an amount with: "what is the deal worth", "the trade volume".
AMOUNT_NOUNS: Final = frozenset(
    "value volume amount size figure total worth turnover cost price".split()
)
_AMOUNT: Final = re.compile(
    r"\bhow\s+much\b|\b(?:what|which)(?:'s|’s|s)?\s+(?:was|is|were|are)?\s*(?:the\s+)?(?:\w+\s+)?"
    rf"(?:{'|'.join(sorted(AMOUNT_NOUNS))})\b|\bhow\s+(?:big|large)\b|"
    r"^what\b.*\bcost\W*$|"
    # "What did the project cost in the end", "cost of the tunnel on its own?", "total price of".
    r"^what\s+(?:did|does|do|will|would)\s+(?:[a-z]+\s+){1,5}cost\b|"
    r"^(?:the\s+)?(?:(?:total|final|overall)\s+)?(?:cost|price)\s+(?:tag\s+)?of\b"
)
# The adverbs that make a verb of two words ("turn up", "sit down", "carry out"); prepositions
# ("come to Minsk") do not.
_PARTICLES: Final = frozenset("up down out off back away together apart".split())
# Prepositions a question leaves at its end, after their verb ("what did they talk about", "how
# much did the city chip in"): the verb and it read as one where the thesaurus knows the pair.
_STRANDED: Final = frozenset({"about", "over", "in"})
# "What will it be called", "what is the name of the plant".
_NAME_ASKED: Final = re.compile(
    r"\b(?:called|named)$|\bname\s+of\b|\b(?:its|their|his|her)\s+name\b|"
    r"^(?:what|whats|what's)\b.*\b(?:called|named)\b"
)
_KIND_NOUN: Final = re.compile(
    r"\b(?:what|which)\s+(date|day|year|month|city|country|place|venue|town)\b"
)
_WHERE: Final = re.compile(
    r"^where\b|\b(?:which|what)\s+(?:city|country|place|venue|capital)\b|"
    r"\bin\s+what\s+(?:city|country|place)\b"
)
_WHY: Final = re.compile(
    r"^why\b|\bwhat(?:'s|’s|\s+is|\s+was|\s+were)\s+the\s+(?:reason|purpose|aim|goal)\b|"
    r"\bfor\s+what\s+purpose\b"
)
_LIST_START: Final = re.compile(r"^(?:which|what|list|name)\b")
_TRAILING_WORD: Final = re.compile(r"\b(when|where|who|whom|why)\W*$")
_CAPITAL_RUN: Final = re.compile(r"\b[A-ZА-ЯЁ][\w'’.-]*(?:\s+[A-ZА-ЯЁ][\w'’.-]*)+")
# "What's special about the roof", "what is wrong with the plan": the word asks what is said of
# the thing after it; it names no thing of its own.
_SAID_OF: Final = re.compile(
    r"^(?:what|which)(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were)\s+[a-z]+\s+(?:about|with)\b"
)
# "When does the football season start": the subject of the verb that ends the question.
_WHEN_DOES: Final = re.compile(
    r"^when\s+(?:does|did|do|will|would|can|could|should|has|have|had)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?P<subject>[^\W\d_][\w-]*)"
)
# "What is the X", "who was the X": the thing asked about; "when is the X": the event dated.
_FOCUS: Final = re.compile(
    r"^(?P<asker>what|which|who|when)(?:'s|\s+is|\s+was|\s+are|\s+were)\s+"
    r"(?:the\s+|a\s+|an\s+)?(?P<focus>[^\W\d_][\w-]*)"
)
# "Who designed the logo": the thing the person asked for acted on, named after the verb.
_WHO_OBJECT: Final = re.compile(
    r"^who(?:\s+else)?\s+(?:(?:will|would|did|does|has|have|had|can|could)\s+)?"
    r"(?P<verb>[a-z]+)\s+"
    r"(?:the\s+|a\s+|an\s+|its\s+|their\s+)?(?P<object>[a-z][\w-]*)"
)
# The word a "how" question asks with ("how low", "how often"), and the kinds of question that
# name the thing they ask about first ("what menu", "which party", "how much ticket").
_AFTER_HOW: Final = re.compile(r"\bhow\s+$", re.IGNORECASE)
_HOW_WORD: Final = re.compile(r"\bhow\s+([a-z]+)")
# Slips in words shorter than this are not mended but to a function word: one edit from a
# two-letter word reaches too many others. A slip in a word this long is mended only to a word
# of the sources.
SLIP_LETTERS: Final = 3
# A question opening with its question word and "is" typed as one word, the apostrophe left out
# ("whens the vote", "whos in charge").
_WH_IS: Final = re.compile(r"^(\s*(?:what|when|where|who|how|why))s\b", re.IGNORECASE)
# A word typed in lower case, standing alone (not part of "qs-1" or "o'clock").
_LOWER_WORD: Final = re.compile(r"(?<![\w'’-])[a-z]+(?![\w'’-])")
_THING_KINDS: Final = frozenset({Kind.GENERAL, Kind.LIST, Kind.AMOUNT, Kind.COUNT})
# Words after which a place is where something is, or goes ("in Minsk", "to Tehran").
_PLACE_WORDS: Final = frozenset(
    "in at to from near into inside outside around across through via towards toward".split()
)
# "Which company", "which two leaders": the noun the one asked for is, past a count of them
# ("which one" is no count).
_WHICH_ONE: Final = re.compile(
    rf"which\s+(?!are\b|were\b|of\b)(?:(?!one\b)(?:\d+|{CARDINALS})\s+)?([a-z]+)"
)
_CAPITAL_WORD: Final = re.compile(r"\b[A-ZА-ЯЁ][\w'’-]*")
_SHOUTED: Final = re.compile(r"\b[A-Z]{2,}\b")


# The measure a "how" word asks of a made thing or a place: "how long is the bridge", a length.
_THING_MEASURES: Final = {"long": "far"}
# Measures whose nouns name the quantity itself, which the sources write beside its figure ("a
# capacity of 570 megawatts", "1,250 megawatts of electricity"): they are searched as any word
# is, where "length" or "how long" only frame the question.
QUANTITY_MEASURES: Final = frozenset({"capacity", "power"})
# "How long is the tunnel": the words of the thing measured.
_HOW_LONG_IS: Final = re.compile(
    r"\bhow\s+long\s+(?:is|was|are|were|will\s+be|would\s+be)\s+"
    r"(?:the\s+|a\s+|an\s+|this\s+|that\s+|its\s+|their\s+)?(?P<thing>[a-z][a-z -]*)"
)


def _names_a_made_thing(norm: str) -> bool:
    """True when "how long is" asks of a made thing or a place ("the bridge", "route a7"), which
    has a length: the head of the words up to the first function word names one (not "the sea
    crossing", which lasts). Adverbs and names with figures are no head ("altogether", "a7")."""
    found = _HOW_LONG_IS.search(norm)
    if found is None:
        return False
    head = None
    for word in found.group("thing").split():
        if word in STOP_WORDS:
            break
        if not thesaurus.is_adverb(word) and not any(c.isdigit() for c in word):
            head = word
    return head is not None and thesaurus.names_a_place(lemma(head))


def _measure_asked(norm: str) -> re.Match[str] | None:
    """The measure a question asks for ("how long", "the length of", "tunnel length"), if any.

    A measure noun before another noun names a kind of thing, not its measure: "the high speed
    line", "the age limit".
    """
    for found in _MEASURE.finditer(norm):
        if found.group(1) == "far" and _DEGREE.match(norm[found.end() :]):
            # "How far over budget", "how far behind schedule": how much, not what distance.
            continue
        if found.group(2) is not None:
            after = norm[found.end() :].split(maxsplit=1)
            word = after[0].strip("?!.,") if after else ""
            if word.isalpha() and word not in STOP_WORDS:
                continue
        return found
    return None


def _words_after(
    first: QueryTerm, terms: Sequence[QueryTerm], raw_words: Sequence[str], content: Sequence[str]
) -> list[QueryTerm]:
    """The terms of the words that follow ``first`` in the question with no stop word between."""
    head = first.surface.split()[-1]
    if head not in raw_words:
        return []
    run: list[str] = []
    kept = set(content)
    for word in raw_words[raw_words.index(head) + 1 :]:
        if word not in kept:
            break
        run.append(word)
    return [t for t in terms if t.surface.split()[0] in run]


def _without_parts(found: list[str]) -> list[str]:
    """``found`` without the parts ``words`` gives after a name of letters and figures: the
    question asks for "velna1" ("Velna-1"), not for "velna" and "1" besides, which other names
    and every "1" hold."""
    out: list[str] = []
    at = 0
    while at < len(found):
        word = found[at]
        out.append(word)
        at += 1
        if word.isalnum() and not word.isalpha() and not word.isdigit():
            for count in (2, 3):
                if "".join(found[at : at + count]) == word:
                    at += count
                    break
    return out


# A yes/no question's subject comes right after its verb, behind an article, a possessive or a
# quantifier: "does the roadmap cover", "are both countries", "did lukashenko admit".
_SUBJECT: Final = re.compile(
    r"^[a-z']+\s+(?:(?:the|a|an|its|their|his|her|both|all|any)\s+)?(?P<subject>[a-z][\w-]*)"
)


def _subject(norm: str, found: Sequence[QueryTerm]) -> str | None:
    """The term of a yes/no question's subject, when the word after its verb is one."""
    match = _SUBJECT.match(norm.strip())
    if match is None:
        return None
    word = match.group("subject")
    return word if any(t.surface == word for t in found) else None


def _says_which(word: str, phrase: Sequence[str], known: set[str]) -> bool:
    """True when ``word`` of a noun phrase is an adjective of quality before a word the sources
    use: "the new company" asks about the company they tell of, where "the focal length" (a name
    of a kind) or "the exchange rate" (a noun) is another thing than "length" or "rate"."""
    after = phrase[phrase.index(word) + 1 :]
    return bool(after) and thesaurus.is_quality(word, after[0]) and not known.isdisjoint(after)


def _subject_dated(norm: str) -> tuple[str, ...]:
    """The noun of the subject of a "when does X <verb>" question that ends at its verb, or ().

    "When does the riverside football season start": "season", the thing whose start is asked,
    as "election" is in "when is the next election". The verb is a word with synonyms of its own
    as a verb in the thesaurus (WordNet); an adjective of quality or an adverb before it ("when
    will the turbines first spin") names no subject. A question going on past the verb ("when
    will lukashenko come back to iran") is read no further: where its subject ends is not told
    by the words alone.
    """
    found = _WHEN_DOES.match(norm)
    if found is None:
        return ()
    run = _noun_phrase(norm, found.start("subject"))
    if len(run) < 2 or len(_PHRASE_WORD.findall(norm, found.start("subject"))) != len(run):
        return ()
    if not thesaurus.verb_synonyms(run[-1]):
        return ()
    nouns = [word for word in run[:-1] if not thesaurus.is_quality(word)]
    return tuple(nouns[-1:])


# The question words of ``_FOCUS`` that ask for a thing the noun after them names.
_THING_ASKERS: Final = frozenset({"what", "which"})


# The auxiliaries a verb after a "which" phrase opens with ("which company will build it").
_AUXILIARIES: Final = frozenset(
    "will would did does do is are was were has have had can could should might may must".split()
)


def _run_before_verb(norm: str, start: int) -> tuple[list[str], bool]:
    """The words from ``start`` up to the first stop word or verb in the past (a possessive's
    "s" left out), and whether a verb follows them, an auxiliary or one in the past, or the
    question ends there: then the last of them is the noun they name ("which construction
    company will build it", "how many fish died")."""
    run: list[str] = []
    for word in _PHRASE_WORD.findall(norm, start):
        if word == "s":
            continue
        if word in STOP_WORDS or past_form(word):
            return run, word in _AUXILIARIES or word not in STOP_WORDS
        run.append(word)
    return run, True


def _which_head(norm: str, start: int) -> str | None:
    """The noun of the words from ``start`` that a "which" asks for: the last of them where a
    verb follows, an auxiliary or one in the past ("which construction company will build it",
    "which engineering company built it"), or where the question ends ("which ferry company?");
    else the first, the words after it being its verb ("which company runs it", "which two
    leaders put their names")."""
    run, before_verb = _run_before_verb(norm, start)
    if not run:
        return None
    return run[-1] if before_verb else run[0]


def _counted_unmarked(norm: str) -> str | None:
    """The noun "how many" counts where it takes no plural "s" ("how many fish died", "how
    many staff will it have", "how many ppl worked"): the last word before a verb, an auxiliary
    or one in the past, or the question's end; none before a verb in the present ("how many
    work there"), nor an adverb ("how many exactly")."""
    found = _HOW_MANY.search(norm)
    if found is None:
        return None
    run, before_verb = _run_before_verb(norm, found.end())
    if not run or not before_verb or thesaurus.is_adverb(run[-1]) or not run[-1].isalpha():
        return None
    return run[-1]


def _noun_phrase(norm: str, start: int) -> tuple[str, ...]:
    """The words of the noun phrase starting at ``start``, a possessive's "s" left out ("what is
    the mayor's salary": "mayor", "salary"): a word of it the sources never use is a thing they
    do not tell of, wherever it stands ("the exchange rate")."""
    run: list[str] = []
    for word in _PHRASE_WORD.findall(norm, start):
        # A verb after the noun ends it: "what are the critics worried about".
        if (word in STOP_WORDS and word != "s") or (run and past_form(word)):
            break
        if word != "s":
            run.append(word)
    return tuple(run)


# "A day", "per year", "each week": a rate per a unit of time (the answer's figure is read with
# it too, ``composer._RATE_IN_CLAUSE``); or "daily".
_RATE_UNITS: Final = ("hour", "day", "week", "month", "year")
RATE_PER: Final = rf"(?:a|an|per|each|every)\s+(?P<unit>{'|'.join(_RATE_UNITS)})\b"
_RATE: Final = re.compile(
    rf"\b{RATE_PER}|\b(?P<adverb>hourly|daily|weekly|monthly|yearly|annually|annual)\b"
)
_RATE_ADVERBS: Final = {
    "hourly": "hour",
    "daily": "day",
    "weekly": "week",
    "monthly": "month",
    "yearly": "year",
    "annually": "year",
    "annual": "year",
}
# The kinds of question a rate is asked with: how many, how much.
_RATE_KINDS: Final = frozenset({Kind.COUNT, Kind.AMOUNT})


def _rate_asked(norm: str) -> str | None:
    """The unit of time a "how many" or "how much" question asks a rate per, if any."""
    found = _RATE.search(norm)
    if found is None:
        return None
    return found.group("unit") or _RATE_ADVERBS[found.group("adverb")]


# The words of a noun phrase, a possessive's "s" apart ("mayor's" reads "mayor", "s").
_PHRASE_WORD: Final = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def _case_says_nothing(text: str) -> bool:
    """True when every word of ``text`` is written in capitals, or every word of three or more
    begins with one: its capitals tell no names apart."""
    found = [w for w in text.split() if any(c.isalpha() for c in w)]
    if len(found) < 2:
        return False
    if not any(c.islower() for c in text):
        return True
    return len(found) >= 3 and all(w.lstrip("\"'“‘(«")[:1].isupper() for w in found)


# A question word, as the words before or after one are told by it.
_QUESTION_WORD: Final = r"(?:what|which|when|where|who|whom|whose|why|how)\b"
# Up to four words and a comma, colon or dash opening a question ("quick question: ...").
_ASKING_LEAD: Final = re.compile(r"^((?:[a-z'’-]+\s+){0,3}[a-z'’-]+)\s*(?:[,:;–—]|\s-)\s*", re.I)
# The nouns for the act of asking that such a lead-in ends with.
_ASKING_NOUNS: Final = frozenset({"question", "questions", "query", "thing"})
# Words before a question word and a comma, colon or dash: "the roadmap, who signed it".
_LEAD_IN: Final = re.compile(
    rf"^([^,:;–—?]{{1,60}}?)\s*(?:[,:;–—]|\s-)\s*(?={_QUESTION_WORD})",
    re.IGNORECASE,
)


def without_asking(text: str) -> str:
    """``text`` without the words around it that only ask: a polite request ("pls tell me",
    "can you tell me") and a lead-in that says a question follows ("quick question: ...").
    What is left may be a question or small talk ("quick question: thanks, bye")."""
    text = _without_request(text)
    return _past_asking_lead(text) or text


def _without_request(text: str) -> str:
    """``text`` without the fillers before its question word and a polite request around it
    ("pls tell me", "can you tell me"), and the fillers the request stood before ("pls tell me
    in which room ..."); as typed, if nothing else is left."""
    return _without_fillers(_REQUEST.sub("", _without_fillers(text.strip()))) or text


def _past_asking_lead(text: str) -> str | None:
    """What follows a lead-in that only says it asks ("quick question: ..."), the fillers after
    it left out too ("quick question: in which room ..."), or None."""
    asking = _ASKING_LEAD.match(text)
    if asking is not None and (words(asking.group(1)) or [""])[-1] in _ASKING_NOUNS:
        return _without_fillers(text[asking.end() :])
    return None


def _without_fillers(text: str) -> str:
    """``text`` without the words before its question word that only fill ("please who signed",
    "hey, when was it", "ok and how much"): a question's kind is read from its start."""
    found = _BEFORE_QUESTION_WORD.match(text)
    if found is None or not all(w in STOP_WORDS for w in words(found.group(1))):
        return text
    return text[found.end(1) :]


# Up to four words before a question word, of which none is one ("so who", not "who else who").
_BEFORE_QUESTION_WORD: Final = re.compile(
    rf"((?:(?!{_QUESTION_WORD})[a-z'’]+[\s,.!:;-]+){{1,4}}?)(?={_QUESTION_WORD})",
    re.IGNORECASE,
)


def _unheard_word(term: QueryTerm, language: str) -> bool:
    """True when ``term`` is a word the sources never use, and no name; in English, a common
    word too (a misspelt "wich" names nothing)."""
    return (
        not term.known
        and not term.name
        and (language != ENGLISH or wordvectors.is_common_english(term.surface))
    )


def _before_saying(text: str) -> str:
    """What a lower-case question writes before its first English verb of saying ("" without
    one): where "what did X say" names X."""
    found = _SAY.search(text)
    return text[: found.start()] if found else ""


def _unknown_speaker(text: str, found: Sequence[QueryTerm]) -> bool:
    """True when the words before a "what did X say" question's verb of saying name somebody
    (no "he" or "they": a word of the question's terms) and the sources use none of them, not
    even through a synonym, a word alike or one it is made from. A name the sources lack is
    counted apart, as an unknown name."""
    before = frozenset(words(_before_saying(text)))
    speakers = [t for t in found if t.surface in before]
    return bool(speakers) and all(not t.known and not t.name for t in speakers)


def _number_counted(text: str) -> str | None:
    """The plural a "number of" leads to ("the number of agreements"), if any; none in a yes/no
    question ("has the number of births changed" asks no count)."""
    if "number" not in text or text.split(maxsplit=1)[0] in _YESNO_START:
        return None
    found = _NUMBER_OF.search(text)
    return found.group(1) if found is not None else None


def _noun_counted(text: str) -> str | None:
    """The noun a word for its count follows ("cabin count", "passenger numbers"), if any."""
    if "count" not in text and "tally" not in text and "numbers" not in text:
        return None
    return next(
        (m.group(1) for m in _NOUN_COUNT.finditer(text) if m.group(1) not in STOP_WORDS), None
    )


def question_kind(text: str) -> tuple[Kind, Meta | None]:
    """Classify a normalised question by the answer it wants."""
    if _META_AUTHOR.search(text):
        return Kind.META, Meta.AUTHOR
    if _META_PUBLISHER.search(text):
        return Kind.META, Meta.PUBLISHER
    if _META_PUBLISHED.search(text) and (
        _DOC_NOUNS.search(text) or _PUBLISHED_UNNAMED.search(text)
    ):
        return Kind.META, Meta.PUBLISHED
    if _COUNT.search(text) or _noun_counted(text) is not None:
        return Kind.COUNT, None
    if _AMOUNT.search(text):
        return Kind.AMOUNT, None
    if _WHEN.search(text):
        return Kind.WHEN, None
    if _WHERE.search(text):
        return Kind.WHERE, None
    if _WHY.search(text):
        return Kind.WHY, None
    if _WHO.search(text):
        return Kind.WHO, None
    if _SAY.search(text):
        return Kind.SAY, None
    first = text.split(maxsplit=1)[0] if text.split() else ""
    if first in _YESNO_START:
        return Kind.YESNO, None
    if _LIST_START.search(text):
        content = [w for w in words(text)[1:] if w not in STOP_WORDS]
        if content and content[0].endswith("s") and not content[0].endswith("ss"):
            return Kind.LIST, None
    trailing = _TRAILING_WORD.search(text)
    if trailing is not None and trailing.start() > 0:
        # "Roadmap signed when?", "the talks were held where": a question word typed last asks
        # what it asks first.
        return question_kind(f"{trailing.group(1)} {text[: trailing.start()].strip()}")
    return Kind.GENERAL, None


def _names(text: str) -> tuple[set[str], tuple[tuple[str, ...], ...]]:
    """Return the question's capitalised words and its runs of capitalised words (names).

    The first word is capitalised by grammar, not as a name, and so is every word of a title-cased
    question: neither says anything.
    """
    body = text.strip()
    found = [m for m in _CAPITAL_WORD.finditer(body) if m.start() > 0]
    if len(found) >= 3 and len(found) > 0.6 * (len(body.split()) - 1):
        return set(), ()
    capitalised = {w.lower() for m in found for w in words(m.group())}
    phrases: list[tuple[str, ...]] = []
    for run in _CAPITAL_RUN.finditer(body):
        tokens = [
            w for w in words(run.group()) if w not in STOP_WORDS and w not in QUESTION_FRAME_WORDS
        ]
        seq = tuple(stem(w) for w in tokens)
        if len(seq) >= 2:
            phrases.append(seq)
    return capitalised, tuple(phrases)


def phrase_in(phrase: tuple[str, ...], seq: tuple[str, ...], max_gap: int = 2) -> bool:
    """True when ``phrase`` occurs in ``seq`` in order, at most ``max_gap`` terms apart."""
    for start, term in enumerate(seq):
        if term != phrase[0]:
            continue
        at, ok = start, True
        for word in phrase[1:]:
            window = seq[at + 1 : at + 2 + max_gap]
            if word not in window:
                ok = False
                break
            at = at + 1 + window.index(word)
        if ok:
            return True
    return False


@functools.lru_cache(maxsize=8192)
def _thesaurus_forms(word: str, nominal: bool = False) -> tuple[frozenset[str], ...]:
    """The thesaurus's synonyms of ``word`` (or of its lemma) as index terms, phrases whole; of
    a ``nominal`` word (after "the", "its" ...), only those its senses as a noun or adjective
    give: "the state dinner" is no "say dinner"."""
    forms: list[frozenset[str]] = []
    for key in dict.fromkeys((word, lemma(word))):
        verbal = frozenset(thesaurus.verb_synonyms(key)) if nominal else frozenset()
        for phrase in thesaurus.synonyms(key):
            if phrase in verbal:
                continue
            found = terms(phrase)
            # A phrase counts whole: "come on" is not "come". A number word is read as its
            # figure: "first" for "start" would find every "1".
            if len(found) == len(phrase.split()) and not any(
                w in NUMBER_WORDS for w in phrase.split()
            ):
                forms.append(frozenset(found))
    return tuple(dict.fromkeys(forms))


def past_form(word: str) -> bool:
    """True when a lower-case English word reads as a verb's past form ("founded", "built",
    "met"): inflected, and neither a plural nor an "-ing" form, which may be nouns ("plants",
    "building")."""
    return not word.endswith(("s", "ing")) and lemma(word) != word


def _planned_asked(norm: str) -> frozenset[str]:
    """The index terms of the verbs an English question asks about as planned: "when was it
    supposed to open" ("open"), or, asked in the future tense, the words after its auxiliary
    ("what will that cost": "cost"), which the sources tell as a plan ("is expected to cost")."""
    planned = planned_terms(norm)
    if planned:
        return planned
    future = _FUTURE.search(norm)
    return frozenset(terms(norm[future.end() :])) if future is not None else frozenset()


# The future tense of a question: "when will it open", "who'll run it", "what's it gonna cost".
_FUTURE: Final = re.compile(r"\b(?:will|shall|gonna|going\s+to)\b|\b\w+['’]ll\b")


def _event(found: Sequence[QueryTerm]) -> str | None:
    """The word of a "when was X <participle>" question that names the event: the inflected verb
    ("founded", "built", "elected"; not a plural noun, nor "going")."""
    return next(
        (t.surface for t in found if " " not in t.surface and past_form(t.surface)),
        None,
    )


def _tenses(content: Sequence[str]) -> tuple[tuple[str, bool], ...]:
    """The Russian finite verbs of a question's words: index term, and whether past."""
    return tuple(verb for w in content if (verb := russian_verb(w)) is not None)


# The words a count of people is given in: "11,600 people", "34 человека".
_PEOPLE_COUNTED: Final = {
    ENGLISH: frozenset({stem("people"), stem("person")}),
    RUSSIAN: frozenset({"человек"}),
}
# Those terms in any language.
PEOPLE_TERMS: Final = frozenset().union(*_PEOPLE_COUNTED.values())


# The endings English names a role's holder with, by gender or none: "chairman", "chairwoman",
# "chairperson". Longer endings first: "woman" ends in "man".
_ROLE_ENDINGS: Final = (("women", "men", "people", "persons"), ("woman", "man", "person"))
# Letters before such an ending for the word to be a role's name ("spokes", not "hu" of "human").
_ROLE_BASE_LETTERS: Final = 4


def _role_variants(word: str) -> list[str]:
    """The index terms of the other words for the role ``word`` names with -man, -woman or
    -person ("spokesperson": "spokesman", "spokeswoman"), or []."""
    for endings in _ROLE_ENDINGS:
        for ending in endings:
            base = word.removesuffix(ending)
            if base != word and len(base) >= _ROLE_BASE_LETTERS and base.isalpha():
                return [stem(base + other) for other in endings if other != ending]
    return []


def _acted_on(acted: re.Match[str] | None, found: Sequence[QueryTerm]) -> tuple[str, str] | None:
    """The verb and the object of "who <verb> <object>", when both are terms of the question."""
    if acted is None:
        return None
    surfaces = {t.surface for t in found}
    verb, obj = acted.group("verb"), acted.group("object")
    return (verb, obj) if verb in surfaces and obj in surfaces else None


# The units of time a rate is asked per, which stay words of the question ("each year").
_TIME_UNIT_WORDS: Final = frozenset(_RATE_UNITS) | {f"{unit}s" for unit in _RATE_UNITS}
_ARTICLES: Final = frozenset({"the", "a", "an"})
# Words in a phrase that is only an adverb, at most ("in the first place").
_ADVERB_PHRASE_WORDS: Final = 4


def _in_adverb_phrases(found: Sequence[str]) -> frozenset[int]:
    """The positions of the words of ``found`` inside phrases the thesaurus knows as adverbs
    only that put an article after their first word ("in the end", "for a while"; not "for
    free", whose word may be what is asked), but a unit of time a rate is asked per ("once a
    year")."""
    inside: set[int] = set()
    for size in range(2, _ADVERB_PHRASE_WORDS + 1):
        for at in range(len(found) - size + 1):
            if found[at + 1] in _ARTICLES and thesaurus.is_adverb(" ".join(found[at : at + size])):
                inside.update(range(at, at + size))
    return frozenset(at for at in inside if found[at] not in _TIME_UNIT_WORDS)


def _going_to(found: Sequence[str], at: int) -> bool:
    """True when ``found[at]`` is the "going" of "going to" before a verb: it says "will" ("who's
    going to run it"), not where anyone goes ("going to minsk")."""
    return (
        found[at] == "going"
        and found[at + 1 : at + 2] == ["to"]
        and at + 2 < len(found)
        and bool(thesaurus.verb_synonyms(found[at + 2]))
    )


def _names_person(word: str, language: str) -> bool:
    """True when ``word`` is a noun for a kind of person, in English or Russian."""
    if language == ENGLISH:
        return thesaurus.names_a_person(lemma(word))
    return language == RUSSIAN and russian_person_noun(word)


class TermStats(Protocol):
    """The vocabulary and term weights a question is read against (an index, or a share of one)."""

    max_idf: float

    def term_id(self, term: str) -> int | None:
        """Return the id of an index term, or None when no paragraph has it."""

    def idf_of(self, term: str) -> float:
        """Return the idf of ``term``."""


def _misspelt(word: str, corrected: str) -> bool:
    """True unless ``word`` is a real word meaning other than ``corrected`` ("place", "palace").

    A word the thesaurus or the word vectors know is a word, not a typo; it is still another
    spelling of ``corrected`` when they list the two as alike ("organisations").
    """
    related = (*thesaurus.synonyms(word), *wordvectors.alike(word))
    return not related or corrected in related


def _same_root(form: frozenset[str], term: str) -> bool:
    """True when ``form`` is one term that begins as ``term`` does, for ROOT_LETTERS letters."""
    if len(form) != 1:
        return False
    (other,) = form
    return len(term) >= ROOT_LETTERS and other[:ROOT_LETTERS] == term[:ROOT_LETTERS]


class QuestionReader:
    """Turns question text into weighted terms using one index's vocabulary."""

    def __init__(self, index: TfidfIndex | TermStats, speller: Speller) -> None:
        self._index = index
        self._speller = speller
        # A word reads the same every time against one index: answers and follow-ups read the
        # sources' own words again and again.
        self._read_terms: dict[tuple[str, bool, bool], QueryTerm] = {}

    def _known(self, term: str) -> bool:
        return self._index.term_id(term) is not None

    @functools.cached_property
    def _kinds_of_people(self) -> frozenset[str]:
        """The index terms of the sources that name a kind of person ("passeng", "worker")."""
        return frozenset(t for t in thesaurus.terms_for_people() if self._known(t))

    def _with_kinds_of_people(self, focus: frozenset[str], language: str) -> frozenset[str]:
        """``focus``, and when it counts people ("how many people"), every kind of person the
        sources name: "1,100 workers" and "1,100 passengers" count people."""
        if language != ENGLISH or focus.isdisjoint(_PEOPLE_COUNTED[ENGLISH]):
            return focus
        return focus | self._kinds_of_people

    @property
    def stats(self) -> TfidfIndex | TermStats:
        """The vocabulary and weights this reader reads against."""
        return self._index

    def known(self, term: str) -> bool:
        """True when ``term`` is an index term of the sources."""
        return self._index.term_id(term) is not None

    def _synonym_forms(self, word: str, term: str, nominal: bool = False) -> list[frozenset[str]]:
        """Return the synonyms of ``word`` that the sources use, each as the terms it needs."""
        found = [*self._plain_synonyms(term), *self._thesaurus_synonyms(word, term, nominal)]
        return list(dict.fromkeys(found))

    def _plain_synonyms(self, term: str) -> list[frozenset[str]]:
        """The words the sources use that mean ``term`` in the domain's plain sense."""
        return [
            frozenset({s})
            for group in _SYNONYM_STEMS
            if term in group
            for s in sorted(group)
            if s != term and self._known(s)
        ]

    def _thesaurus_synonyms(
        self, word: str, term: str, nominal: bool = False
    ) -> list[frozenset[str]]:
        """The thesaurus's synonyms of ``word`` that the sources use, in any of their senses (as
        a noun or adjective only, when ``nominal``)."""
        return [
            form
            for form in _thesaurus_forms(word, nominal)
            if term not in form and all(self._known(t) for t in form)
        ]

    def _alike_forms(self, word: str, term: str, root: str | None = None) -> list[frozenset[str]]:
        """The words alike in meaning to ``word`` (the word vectors') that the sources use, nearest
        first; with ``root``, only those of that root."""
        return [
            frozenset({t})
            for t in dict.fromkeys(stem(w) for w in wordvectors.alike(word))
            if t != term and self._known(t) and (root is None or _same_root(frozenset({t}), root))
        ]

    def _synonym_relatives(self, word: str, term: str) -> list[frozenset[str]]:
        """Words the sources use of a synonym's own root ("share": "percentage": "percent").

        The word vectors name a synonym's relatives; only those of its root count, for words
        merely alike to a synonym stray from the word ("company": "caller": "call").
        """
        found = [
            form
            for synonym in thesaurus.synonyms(word)
            if " " not in synonym
            for form in self._alike_forms(synonym, term, stem(synonym))
        ]
        return list(dict.fromkeys(found))[:ALIKE_WORDS]

    def _derived_from(self, term: str) -> str | None:
        """The longest source term that ``term`` begins with, of DERIVED_ROOT_LETTERS letters or
        more and DERIVED_ROOT_SHARE of its own at least, or None."""
        if not term.isalpha():
            return None
        shortest = max(DERIVED_ROOT_LETTERS, math.ceil(DERIVED_ROOT_SHARE * len(term)))
        for end in range(len(term) - 1, shortest - 1, -1):
            if self._known(term[:end]):
                return term[:end]
        return None

    def _demonym_forms(self, term: str) -> list[frozenset[str]]:
        """Return the place's demonym or the demonym's place, where the sources use it."""
        forms: list[frozenset[str]] = []
        if len(term) >= 4:
            for suffix in _DEMONYM_SUFFIXES:
                if self._known(term + suffix):
                    forms.append(frozenset({term + suffix}))
                base = term.removesuffix(suffix)
                if base != term and len(base) >= 4 and self._known(base):
                    forms.append(frozenset({base}))
        return forms

    def _split_compound(self, word: str) -> frozenset[str] | None:
        known = self._speller.words
        for i in range(3, len(word) - 2):
            left, right = word[:i], word[i:]
            if left in known and right in known:
                return frozenset({stem(left), stem(right)})
        return None

    def _respelt(self, match: re.Match[str]) -> str:
        """The word a typed word misspells ("wich", "mny", "jooke"), or the word as typed.

        Only a word the sources, the thesaurus and the shorthand table do not know is read so;
        one the word vectors know ("wil") only for a function word it is a letter short of. A
        word opening the question that the sources do not use is read as the question word it is
        a letter short of, whatever else it may be ("wen is the open day").
        """
        word = match.group()
        if _AFTER_HOW.search(match.string, 0, match.start()) and (
            after_how := respell_after_how(word)
        ):
            # "How log is the lease": after "how" stands a measure or a degree.
            return after_how
        if word in STOP_WORDS or word in self._speller.words or word in CHAT_SHORTHAND:
            return word
        if not match.string[: match.start()].strip():
            opening = respell_function_word(word, left_out_only=True, question_word=True)
            if opening is not None:
                return opening
        if thesaurus.synonyms(word) or thesaurus.synonyms(lemma(word)):
            return word
        common = wordvectors.is_common_english(word)
        function = respell_function_word(word, left_out_only=common)
        if function is not None or common or len(word) < SLIP_LETTERS:
            return function or word
        if thesaurus.written_as_name(word):
            return word
        # A slip mended to a word of the sources ("loong": "long", so "how loong" asks a
        # length), in a short word too ("kaks": "kask", "lne": "line"), else in a longer one to
        # the commonest English word one edit away ("jooke": "joke").
        # A word typed short ("desal plant") is the source word it begins, before any slip.
        mended = (
            self._speller.unclipped(word)
            or self._speller.correct(word)
            or self._speller.correct(word, min_length=SLIP_LETTERS, avoid=STOP_WORDS)
        )
        if mended is None and len(word) > SLIP_LETTERS:
            mended = wordvectors.commonest_within_one_edit(word)
        return mended or word

    def _lead_in_after(self, text: str) -> str:
        """``text`` with what comes before its question word and a comma, colon or dash moved
        after the question ("the roadmap, who signed it": "who signed it the roadmap"), so the
        question's kind is read from its question word; a lead-in of plain words the sources do
        not use is left out ("quick question: when ...")."""
        asked = _past_asking_lead(text)
        if asked is not None:
            # "Quick question: ...", "one more thing - ...": the lead-in only says it asks.
            return asked
        found = _LEAD_IN.match(text)
        if found is None:
            return text
        before, rest = found.group(1), text[found.end() :]
        content = [
            w
            for w in words(before)
            if w not in STOP_WORDS and w not in QUESTION_FRAME_WORDS and not w.isdigit()
        ]
        plain = (
            not any(
                self._known(stem(w))
                or thesaurus.written_as_name(w)
                or not wordvectors.is_common_english(w)
                for w in content
            )
            and before == before.lower()
        )
        return rest if plain else f"{rest} {before}"

    def read(self, text: str) -> Question:
        """Read ``text``: its kind and terms (corrected, joined or split to meet the sources)."""
        text = _without_request(text)
        if _case_says_nothing(text):
            # "RAIL LINE LENGTH?", "Who Won The World Cup": read as typed in lower case.
            text = text.lower()
        text = self._lead_in_after(text)
        language = detect_language(text)
        if language == ENGLISH:
            text = _LOWER_WORD.sub(self._respelt, _WH_IS.sub(r"\1 is", text))
        norm = normalize(text)
        if language == ENGLISH:
            kind, meta = question_kind(norm.strip())
        else:
            asked = questionwords.meta_asked(norm.strip(), language)
            kind, meta = (
                (Kind.META, Meta(asked))
                if asked is not None
                else (Kind(questionwords.question_kind(norm.strip(), language)), None)
            )
        raw_words = _without_parts(words(text))
        capitalised, phrases = _names(text)
        # Persian has no capitals: a word its dictionary does not know reads as a name.
        capitalised |= {w for w in raw_words if questionwords.looks_like_name(w)}
        # Typed in lower case, a name of two words the sources lack is still a name ("who won
        # the world cup"), as it would be capitalised.
        for two in itertools.pairwise(raw_words):
            if (
                thesaurus.written_as_name(" ".join(two))
                and not capitalised.intersection(two)
                and not all(self._known(stem(w)) for w in two)
            ):
                capitalised.update(two)
                phrases += (tuple(stem(w) for w in two),)
        # An abbreviation written in capitals ("US") is a name even where its letters spell a
        # common word ("us").
        shouted = {w.lower() for w in _SHOUTED.findall(text)} & _ACRONYMS.keys()
        # "In what year", "which city": the noun names what the question's kind asks for.
        kind_nouns = (
            {m.group(1) for m in _KIND_NOUN.finditer(norm)} if language == ENGLISH else set()
        )
        # "Turned up", "sit down with": a verb of two words the thesaurus knows reads as one word,
        # with the phrase's own synonyms ("show up", not "turn"). So does a verb with the
        # preposition left at the question's end ("what did they talk about": "discuss").
        phrasal = (
            {
                first: key
                for at, (first, second) in enumerate(itertools.pairwise(raw_words))
                if (second in _PARTICLES or (second in _STRANDED and at == len(raw_words) - 2))
                and first not in capitalised
                and thesaurus.synonyms(key := f"{lemma(first)} {second}")
            }
            if language == ENGLISH
            else {}
        )
        # "... now, and what's the goal": a second question's noun of purpose is what it asks
        # about, not the frame of a "why" question.
        second = next(
            (
                at
                for at, (w, after) in enumerate(itertools.pairwise(raw_words))
                if w == "and" and after in _SECOND_QUESTION_WORDS
            ),
            len(raw_words),
        )
        # "What did it cost in the end", "why was it delayed in the first place": the words of a
        # phrase that is only an adverb say when or how, not what is asked about.
        idiom = _in_adverb_phrases(raw_words) if language == ENGLISH else frozenset()
        content = [
            w
            for at, w in enumerate(raw_words)
            if w in shouted
            or w in phrasal
            or (at > second and w in _PURPOSE_NOUNS)
            or (
                w not in STOP_WORDS
                # A noun of purpose frames a "why" question ("what is the goal of the visit");
                # in a question of another kind it is what is asked about ("the trade goal").
                and (
                    w not in QUESTION_FRAME_WORDS or (kind is not Kind.WHY and w in _PURPOSE_NOUNS)
                )
                and w not in kind_nouns
                and (len(w) > 1 or w.isdigit())
                and not questionwords.is_frame_word(w)
                and not after_possessive(raw_words, at)
                # "Supposed to", "due to": the plan is the question's frame, the verb its content.
                and not (w in PLAN_WORDS and raw_words[at + 1 : at + 2] == ["to"])
                and not _going_to(raw_words, at)
                and at not in idiom
                # "The total price tag": a word the sources lack after a noun of the amount
                # names the amount with it, as that noun does.
                and not (
                    at > 0
                    and _names_amount(kind, raw_words[at - 1])
                    and w not in capitalised
                    and not self._known(stem(w))
                )
            )
        ]
        # "Signed in Minsk": a capital after a word of place is the city, not its country's
        # government ("Tehran and Minsk agreed").
        placed = {
            after for before, after in itertools.pairwise(raw_words) if before in _PLACE_WORDS
        }
        # "The state dinner": a word after "the" is read as a noun, not by its verbs' synonyms.
        nominal = after_determiner(raw_words) if language == ENGLISH else frozenset()
        adverbs = (
            frozenset(
                w
                for before, w in itertools.pairwise(["", *raw_words])
                if before != "how" and thesaurus.is_adverb(w)
            )
            if language == ENGLISH
            else frozenset()
        )
        terms_out: list[QueryTerm] = []
        years: set[str] = set()
        i = 0
        while i < len(content):
            word = content[i]
            term = stem(word)
            if word in phrasal:
                i += 1
                terms_out.append(self._phrasal_term(word, term, phrasal[word]))
                continue
            if i + 1 < len(content):
                joined = stem(word + content[i + 1])
                if self._known(joined):
                    pair = frozenset({term, stem(content[i + 1])})
                    weight = max(
                        self._index.idf_of(joined), min(self._index.idf_of(t) for t in pair)
                    )
                    terms_out.append(
                        QueryTerm(
                            f"{word} {content[i + 1]}", (frozenset({joined}), pair), weight, True
                        )
                    )
                    i += 2
                    continue
            i += 1
            if _YEAR.match(term):
                years.add(term)
            found = self._cached_term(word, term, word in capitalised, word in nominal)
            if not found.known and not found.name and word in adverbs:
                # "When was it supposed to open originally": an adverb the sources lack says how
                # or when, seldom what is asked about ("how often" is a question word).
                found = replace(found, weight=found.weight * UNKNOWN_ADVERB_SHARE)
            if language == ENGLISH and word not in placed:
                found = self._with_country(found, word)
            if word in NUMBER_WORDS:
                # "the two presidents": a count in words is rarely the point of the question.
                found = replace(found, weight=found.weight * _NUMBER_WORD_WEIGHT)
            terms_out.append(found)
        planned = _planned_asked(norm) if language == ENGLISH else frozenset()
        # "When was it named" asks for a date: only a question of no other kind wants the name.
        name_asked = kind in (Kind.GENERAL, Kind.LIST) and (
            _NAME_ASKED.search(norm.strip(" ?!.")) is not None
            if language == ENGLISH
            else questionwords.asks_name(norm, language)
        )
        merged: dict[tuple[frozenset[str], ...], QueryTerm] = {}
        for t in terms_out:
            if t.forms not in merged:
                merged[t.forms] = t
        unknown = sum(1 for t in merged.values() if not t.known and t.name)
        measure = _measure_asked(norm)
        share = _SHARE.search(norm) is not None
        how_many = _COUNT_FOCUS.search(norm)
        count_focus = (
            how_many.group("focus")
            if how_many
            else (_number_counted(norm) if kind is Kind.COUNT else None)
            or _noun_counted(norm)
            or _counted_unmarked(norm)
        )
        # "Сколько лет", "چند روز": the answer must give a figure of that unit of time.
        time_unit = (
            None if language == ENGLISH else questionwords.counted_time_unit(raw_words, language)
        )
        # "How many workers", "сколько работников": a kind of person the sources never name is
        # counted as people ("employ 11,600 people", "наняла 34 человека").
        counted = count_focus or questionwords.counted_noun(raw_words, language)
        people_counted = next(
            (
                t
                for t in merged.values()
                if t.surface == counted and not t.known and _names_person(t.surface, language)
            ),
            None,
        )
        # A word the sources use themselves is in scope, and so is one a preposition ties to
        # what is asked: "how many days were lost to bad weather" asks no forecast.
        chitchat = any(
            w in _CHITCHAT
            and not self._known(stem(w))
            and _PREPOSITIONS.isdisjoint(raw_words[max(0, i - _CHITCHAT_REACH) : i])
            for i, w in enumerate(raw_words)
        ) or questionwords.is_chitchat(raw_words, self._known)
        focus = _FOCUS.search(norm.strip())
        phrase = _noun_phrase(norm, focus.start("focus")) if focus is not None else ()
        if focus is not None and focus.group("asker") == "when":
            # "When is the next mayoral election": the last word names the event dated, which
            # the sources must tell of; the words before it only say which one.
            phrase = phrase[-1:]
        elif focus is None and language == ENGLISH:
            # "When does the football season start": so does the subject of the verb dated.
            phrase = _subject_dated(norm.strip())
        # "What was the trade volume": the noun of the amount asked for names the kind of answer,
        # which the sources give as a figure, not a thing they must name.
        known = {t.surface for t in merged.values() if t.known}
        unknown_focus = any(
            not t.known
            and t.surface in phrase
            and not _names_amount(kind, t.surface)
            and not (language == ENGLISH and _says_which(t.surface, phrase, known))
            for t in merged.values()
        )
        # A question names what it asks about first once its question words are set aside
        # ("какая глубина озера", "قیمت دلار چند است", "what was on the menu"). In English only
        # "what", "which" and "how much/many" lead to a thing: "who greeted" leads to an action,
        # "how low" is a question word.
        if language == ENGLISH:
            framing = frozenset(_HOW_WORD.findall(norm))
            asks_thing = kind in _THING_KINDS
        else:
            framing = questionwords.kind_words(norm.strip(), language)
            asks_thing = True
        measured = (
            "share"
            if share
            else (measure.group(1) or MEASURE_NOUNS[next(w for w in measure.groups() if w)])
            if measure
            else None
        )
        if measured in QUANTITY_MEASURES and not MONEY_NOUNS.isdisjoint(raw_words):
            # "How much does electricity cost" asks a price, not an amount of power.
            measured = None
        if measured == "long" and language == ENGLISH and _names_a_made_thing(norm):
            # "How long is the bridge" asks a length, not how long something lasts.
            measured = _THING_MEASURES[measured]
        first = next((t for t in terms_out if t.surface not in framing), None)
        # "Who designed the logo": a "who" question asks for no thing, but names the one acted on.
        acted = (
            _WHO_OBJECT.match(norm.strip()) if language == ENGLISH and kind is Kind.WHO else None
        )
        unknown_thing = (
            asks_thing
            and first is not None
            and _unheard_word(first, language)
            # People counted are no unknown thing, nor is the noun of a measure ("how much land").
            and (people_counted is None or first.surface != people_counted.surface)
            and (measured is None or MEASURE_NOUNS.get(first.surface) != measured)
            # "How much exhibition space": a known word later in the noun is the thing asked for.
            and (
                language != ENGLISH
                or not any(t.known for t in _words_after(first, terms_out, raw_words, content))
            )
            and not first.surface[0].isdigit()
        ) or (
            acted is not None
            and acted.group("verb") not in STOP_WORDS
            and any(
                t.surface == acted.group("object") and _unheard_word(t, language) for t in terms_out
            )
        )
        # "What's special about the roof": the word asks what is said of the thing after it.
        unknown_focus = (unknown_focus or unknown_thing) and _SAID_OF.search(norm) is None
        # "What do environmentalists say about the roadmap": the one whose words are asked for is
        # the thing asked about; sources that never name them cannot tell what they said.
        unknown_focus = unknown_focus or (
            language == ENGLISH and kind is Kind.SAY and _unknown_speaker(norm, terms_out)
        )
        found_terms = tuple(merged.values())
        if people_counted is not None:
            # The kind of person stands for "people" where the sources count people: a guess.
            people = tuple(
                frozenset({p}) for p in sorted(_PEOPLE_COUNTED[language]) if self._known(p)
            )
            found_terms = tuple(
                replace(t, forms=(*t.forms, *people), known=bool(people), guesses=len(people))
                if t is people_counted
                else t
                for t in found_terms
            )
        which = (
            _WHICH_ONE.match(norm.strip()) if language == ENGLISH and kind is Kind.GENERAL else None
        )
        # "Which construction company will build it": the noun after "which" names the one thing
        # asked for ("company"); one the sources never use is a thing they may not tell of, as
        # the first noun of "what company" is.
        which_noun = which.group(1) if which is not None else None
        if which is not None:
            which_noun = _which_head(norm.strip(), which.start(1)) or which_noun
            head = next((t for t in found_terms if t.surface == which_noun), None)
            unknown_focus = unknown_focus or (
                head is not None and _unheard_word(head, language) and _SAID_OF.search(norm) is None
            )
        return Question(
            text,
            kind,
            found_terms,
            frozenset(years),
            meta,
            phrases,
            unknown,
            unknown_focus,
            measured,
            _PEOPLE_COUNTED[language]
            if people_counted is not None
            else self._with_kinds_of_people(self._forms_of(merged.values(), count_focus), language)
            if count_focus
            else frozenset({time_unit})
            if time_unit
            else questionwords.lasting_units(raw_words, language),
            chitchat,
            frozenset(_ALSO[" ".join(w.split())] for w in _ALSO_KIND.findall(norm)) - {kind},
            name_asked,
            which_noun=which_noun,
            subject=_subject(norm, found_terms) if kind is Kind.YESNO else None,
            event=_event(found_terms) if kind is Kind.WHEN and _WHEN_PASSIVE.match(norm) else None,
            tenses=_tenses(content) if language == RUSSIAN else (),
            planned=planned,
            happened=language == ENGLISH and not planned and _PAST.search(norm) is not None,
            rate=_rate_asked(norm) if language == ENGLISH and kind in _RATE_KINDS else None,
            acted_on=_acted_on(acted, found_terms),
            focus_words=tuple(w for w in phrase if w not in AMOUNT_NOUNS and w not in MEASURE_NOUNS)
            if focus is not None and focus.group("asker") in _THING_ASKERS
            else (),
        )

    @staticmethod
    def _forms_of(found: Iterable[QueryTerm], word: str) -> frozenset[str]:
        """Every single-term spelling of the question term written ``word``, and the words alike
        in meaning to it (``wordvectors.alike``).

        A word the sources use stands for itself and for the words nearest it in meaning, which
        count the same things ("cars": "vehicles", "firms": "companies"); its guessed synonyms
        ("line" for "job", through a rarer sense) are other things to count. A word they lack,
        with no word of theirs for it, names nothing they count: "how many boxes" may be
        answered by "21,000 containers".
        """
        for term in found:
            if term.surface == word:
                if not term.known:
                    return frozenset()
                own = {s for form in term.own_forms if len(form) == 1 for s in form}
                return frozenset(own | {stem(w) for w in wordvectors.alike(word)})
        return frozenset({stem(word)})

    def _phrasal_term(self, word: str, term: str, phrase: str) -> QueryTerm:
        """The term of a two-word verb ("turned up"): the phrase's synonyms the sources use.

        They hold it in full, as a word's own synonyms do where the sources lack the word; the
        verb itself ("turn") holds it too, for sources that use the phrase as typed. Without such
        synonyms the verb reads as the word it is.
        """
        synonyms = self._thesaurus_synonyms(phrase, term)
        if not synonyms:
            return self._cached_term(word, term, False)
        own = (frozenset({term}),) if self._known(term) else ()
        return QueryTerm(word, (*own, *synonyms), self._guess_weight(synonyms), True)

    def _with_country(self, found: QueryTerm, word: str) -> QueryTerm:
        """``found`` with the names of the country whose capital ``word`` names, where the
        sources use them, as guesses: a capital may name its country's government."""
        extra = [
            form
            for form in dict.fromkeys(frozenset({stem(c)}) for c in thesaurus.countries_of(word))
            if form not in found.forms and all(self._known(t) for t in form)
        ]
        if not extra:
            return found
        if found.known:
            return replace(found, forms=(*found.forms, *extra), guesses=found.guesses + len(extra))
        return replace(found, forms=tuple(extra), weight=self._guess_weight(extra), known=True)

    def _guess_weight(self, guesses: Iterable[frozenset[str]]) -> float:
        """The weight of a word read as words the sources use in its place (synonyms, words
        alike): no more than theirs, nor than a word no source uses, for each is a guess."""
        index = self._index
        return min(
            max(index.idf_of(t) for f in guesses for t in f), index.max_idf * UNKNOWN_WORD_WEIGHT
        )

    def _cached_term(
        self, word: str, term: str, capitalised: bool, nominal: bool = False
    ) -> QueryTerm:
        # Only a word with synonyms of its verb senses reads otherwise as a noun.
        nominal = nominal and bool(
            thesaurus.verb_synonyms(word) or thesaurus.verb_synonyms(lemma(word))
        )
        key = (word, capitalised, nominal)
        found = self._read_terms.get(key)
        if found is None:
            if len(self._read_terms) >= TERM_CACHE_SIZE:
                self._read_terms.clear()
            found = self._read_terms[key] = self._term(word, term, capitalised, nominal)
        return found

    def _term(self, word: str, term: str, capitalised: bool, nominal: bool = False) -> QueryTerm:
        index = self._index
        # Typed in lower case, a name the sources lack is still a name ("who is the president of
        # kazakhstan"): English writes it capitalised.
        capitalised = capitalised or (
            word.isalpha() and not self._known(term) and thesaurus.written_as_name(word)
        )
        expansion = _ACRONYMS.get(word) or TITLE_ABBREVIATIONS.get(word)
        if expansion is not None:
            long_form = frozenset(stem(w) for w in expansion.split())
            if all(self._known(t) for t in long_form):
                weight = max(index.idf_of(t) for t in long_form)
                both = (frozenset({term}), long_form)
                forms = both if self._known(term) else both[1:]
                return QueryTerm(word, forms, weight, True, name=word in _ACRONYMS)
        # A Russian noun and its adjective are one word ("паром", "паромный"); an English role is
        # one in -man, -woman and -person ("spokesperson", "spokeswoman").
        relatives = [
            frozenset({r})
            for r in (
                russian_relatives(term) if script_of(term) == RUSSIAN else _role_variants(word)
            )
            if r != term and self._known(r)
        ]
        if self._known(term):
            own = list(
                dict.fromkeys(
                    [
                        frozenset({term}),
                        *relatives,
                        *self._demonym_forms(term),
                        *self._plain_synonyms(term),
                    ]
                )
            )
            found = self._thesaurus_synonyms(word, term, nominal)
            # The word's own derivations ("preparatory", "prepare") mean it in every sense.
            own += [f for f in found if _same_root(f, term) and f not in own]
            guesses = [f for f in found if f not in own]
            return QueryTerm(
                word,
                (*own, *guesses),
                index.idf_of(term),
                True,
                name=capitalised,
                guesses=len(guesses),
            )
        if relatives:
            weight = max(index.idf_of(next(iter(f))) for f in relatives)
            return QueryTerm(word, tuple(relatives), weight, True, name=capitalised)
        # A word one letter off a source word ("organisations") is more likely that word than
        # any synonym: spelling and splitting come first.
        split = self._split_compound(word)
        if split is not None and all(self._known(t) for t in split):
            weight = min(index.idf_of(t) for t in split)
            return QueryTerm(word, (frozenset({term}), split), weight, True)
        corrected = self._speller.correct(word)
        if corrected is not None and self._known(stem(corrected)) and _misspelt(word, corrected):
            # Read as the word it stands for, with that word's synonyms: "agreemnts" finds the
            # "documents" that "agreements" does.
            meant = self._term(corrected, stem(corrected), capitalised, nominal)
            return replace(meant, surface=word, corrected=True)
        synonyms = self._synonym_forms(word, term, nominal)
        if synonyms:
            # A synonym of a word the sources lack is a guess at what was meant.
            return QueryTerm(word, tuple(synonyms), self._guess_weight(synonyms), True)
        alike = self._alike_forms(word, term)[:ALIKE_WORDS] or self._synonym_relatives(word, term)
        if alike and not capitalised:
            # Like a synonym, a word of like meaning is a guess.
            return QueryTerm(word, tuple(alike), self._guess_weight(alike), True)
        root = None if capitalised else self._derived_from(term)
        if root is not None:
            # "What do environmentalists say" where the sources say "environmental": the source
            # word a word is made from is a guess at what it means.
            guess = (frozenset({root}),)
            return QueryTerm(
                word, (frozenset({term}), *guess), self._guess_weight(guess), True, guesses=1
            )
        # A word no source uses: names, figures and years the sources lack weigh the most.
        strong = capitalised or word[0].isdigit()
        weight = index.max_idf * (UNKNOWN_NAME_WEIGHT if strong else UNKNOWN_WORD_WEIGHT)
        return QueryTerm(word, (frozenset({term}),), weight, False, name=capitalised)
