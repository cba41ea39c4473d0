"""Sentences of a paragraph, and the surface features the answer composer looks for in them."""

from __future__ import annotations

import functools
import re
import sys
from typing import Final
from unicodedata import category

from bot.search import thesaurus, wordvectors
from bot.search.languages import names_russian_person
from bot.search.textnorm import CARDINAL_WORDS, lemma, terms
from bot.search.thesaurus import names_a_place, names_money
from bot.search.values import QUOTATION, WEEKDAYS, values_in

_ABBREVIATIONS: Final = frozenset(
    """
    mr mrs ms dr prof sr jr st no vs etc inc ltd co corp gen col lt sgt gov sen rep jan feb mar apr
    jun jul aug sep sept oct nov dec e.g i.e u.s u.k u.n approx est dept fig
    """.split()
)
# A sentence ends before a capital or a figure, or, in scripts without capitals (Persian), any
# letter; Persian closes questions with "؟".
_BOUNDARY: Final = re.compile(
    r"[.!?؟]+[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9А-ЯЁ\u0600-\u06ff\u06f0-\u06f9])"
)

_MONTH_NAMES: Final = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
MONTHS: Final = _MONTH_NAMES + "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
# A date of the calendar: a day of a month, a month, or a year.
_CALENDAR: Final = (
    rf"(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\b|"
    rf"(?:19|20)\d\d\b|in\s+(?:{MONTHS})\b"
)
_CALENDAR_DATE: Final = re.compile(rf"\b(?:{_CALENDAR})", re.IGNORECASE)
# Days told from today, in each language: dates the reader can tell only from the text's own day.
_RELATIVE_DAYS_EN: Final = "yesterday|today|tomorrow|tonight|overnight"
_RELATIVE_DAYS_RU: Final = "вчера|сегодня|завтра"
_RELATIVE_DAYS_FA: Final = "دیروز|امروز|فردا"
# A time of day: "in the evening", "at noon", "at 10:30", "9 pm", "three o'clock".
_TIME_OF_DAY: Final = (
    r"\w+\s+o['’]clock\b|"
    r"in\s+the\s+(?:morning|afternoon|evening)\b|at\s+(?:noon|midday|midnight|night|dawn|dusk)\b|"
    r"\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\b|p\.?m\b)|at\s+\d{1,2}[:.]\d\d\b"
)
TIME_OF_DAY: Final = re.compile(rf"\b(?:{_TIME_OF_DAY})", re.IGNORECASE)
# Any date: one of the calendar, a weekday, a day told from today ("yesterday"), a season ("in
# the autumn", "next spring") or a time of day, which answers "when" as well.
_DATE: Final = re.compile(
    rf"\b(?:{_CALENDAR}|(?:{WEEKDAYS})\b|"
    rf"(?:{_RELATIVE_DAYS_EN}|last\s+(?:week|month|year))\b|"
    r"(?:in\s+(?:the\s+)?|next\s+|last\s+|this\s+|by\s+(?:the\s+)?)(?:early\s+|late\s+)?"
    rf"(?:spring|summer|autumn|winter)\b|{_TIME_OF_DAY})",
    re.IGNORECASE,
)
# A number in words, longest first so that "fifteen" is not read as "five".
NUMBER_WORDS: Final = "(?:" + "|".join(sorted(CARDINAL_WORDS, key=len, reverse=True)) + ")"
_NUMBER: Final = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty|thirty|"
    r"forty|fifty|hundred|thousand|million|billion|several|half|third|quarter)\b",
    re.IGNORECASE,
)
_MONEY: Final = re.compile(
    r"[$€£¥]|\b(?:million|billion|trillion|thousand|percent|per cent|dollars?|euros?|pounds?|"
    r"usd|eur)\b|%",
    re.IGNORECASE,
)
_QUOTE: Final = re.compile(r"[“”\"]")
SPEECH_VERBS: Final = (
    "said|says|say|added|adds|stated|states|noted|notes|told|tells|emphasized|emphasised|"
    "emphasizes|stressed|stresses|urged|urges|promised|promises|described|describes|commented|"
    "comments|pointed out|explained|declared|announced|argued|remarked|insisted|warned|assured|"
    "affirmed|underlined|highlighted|called for|continued|replied|wrote|according to"
)
_SPEECH: Final = re.compile(rf"\b(?:{SPEECH_VERBS})\b", re.IGNORECASE)
# Russian verbs of saying, asking and promising, past tense (the feminine adds "а"), and the
# present of "считать" and "говорить".
RUSSIAN_SPEECH_VERBS: Final = (
    "заявил|сказал|отметил|подчеркнул|добавил|пообещал|призвал|сообщил|указал|выразил|"
    "рассказал|предложил|попросил|просил|уточнил|напомнил|считает|говорит"
)
_LIST: Final = re.compile(r"\b(?:such as|including|includ\w+|namely|ranging from)\b")
# Something given its name: after "called", "named", "known as" (or their Russian), or a short
# name in quotation marks.
_NAMING: Final = re.compile(
    r"\b(?:called|named|known\s+as|dubbed|под\s+названием|названн\w*|именуем\w*)\s+"
    r"(?:the\s+)?[\"“«]?"
    r"[A-ZА-ЯЁ]|«[A-ZА-ЯЁ][^»]{0,40}»|[\"“][A-ZА-ЯЁ][^\"”]{0,40}[\"”]"
)
_PLACE: Final = re.compile(
    r"\b(?:in|to|at|from|visit(?:ed)?)\s+(?:the\s+)?[A-Z][a-z]|"
    # A place told by where it lies, named or not: "on the site of the old freight yard east of
    # the main station", "next to the harbour".
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?\s+of|next\s+to|near(?:by)?|beside|"
    r"outside|opposite|on\s+the\s+(?:site|edge|outskirts|banks?|shore)\s+of)\s+(?:the\s+)?[a-zA-Z]",
)
_REASON: Final = re.compile(
    r"\b(?:because|due to|owing to|thanks to|as a result of|in order to|so that|since|"
    # Something that happened before: "out of service after its gearbox failed".
    r"after\s+(?:[\w'’]+\s+){1,3}?[a-z]+ed|"
    r"aim(?:s|ed)? (?:at|to)|purpose|reason|(?:in )?response to|result of|caused by|led to|"
    r"to (?:mark|strengthen|boost|develop|promote|create|ensure|help)|"
    # An objection and the harm it names: "object to the route", "would damage a wetland",
    # "the dredging destroyed eelgrass meadows".
    r"object(?:s|ed)? to|(?:would|could|might|may|will) (?:damage|harm|hurt|threaten|destroy|"
    r"endanger|drain|disturb|pollute|kill)|"
    r"(?:damag|harm|threaten|destroy|endanger|disturb|pollut|kill)(?:ed|ing|es|s)\b|"
    r"risk(?:s|ed)?|"
    r"fears?|feared|concerns? (?:about|over|that)|worried)\b",
    re.IGNORECASE,
)
# A run of capitalised words past a sentence's first word: a person's or a body's name, unless
# its last word is a noun for a place or a made thing ("the Orlan Estuary Bridge", "Marlow
# Palace"), which names where, not who.
_NAME_RUN: Final = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+)+\b")
_OFFICE: Final = re.compile(
    r"\b(?:President|Minister|Leader|Speaker|Chancellor|Ambassador|Secretary|Governor|Mayor|"
    r"Chairman|Director|Spokesman|Spokesperson|King|Queen|CEO|minister|president|leader)\b"
)
# The English pronouns for a thing a sentence may open with, going on about what the one before
# named ("It would lay a pipeline").
_THING_PRONOUNS: Final = "It|Its|They|Their|This|These|Those"
_ANAPHOR_START: Final = re.compile(rf"^(?:He|She|His|Her|{_THING_PRONOUNS}|The two|Both)\b")
# A demonstrative or "both" inside a sentence points back to something named before it.
_ANAPHOR_PHRASE: Final = re.compile(r"\b(?:this|these|those|both|the same)\s+[a-z]", re.IGNORECASE)
# The same in Russian: a sentence opening with a pronoun ("Он", "Эти"), or "этот", "обе", "тот
# же" before a word ("в обеих организациях", "этот период").
_ANAPHOR_RU: Final = re.compile(
    r"^(?:Он|Она|Оно|Они|Его|Её|Ее|Их|Это|Этот|Эта|Эти|Обе|Оба)\b|"
    r"(?<![а-яё])(?:эт(?:от|а|о|и|ого|ой|ом|им|их|ими|у)|об(?:е|а|еих|оих|еим|оим|еими|оими)|"
    r"т(?:от|а|е|ого|ой|ех)\s+же)\s+[а-яё]",
    re.IGNORECASE,
)
# "He" or "she" as the subject, in English, Russian ("Он", "Она") or Persian ("او", "وی").
_PRONOUN_SUBJECT: Final = re.compile(r"^(?:He|She|Он|Она|او|وی)\b")
_THING_PRONOUN_START: Final = re.compile(rf"^(?:{_THING_PRONOUNS})\b")

# The same features in Russian and Persian text (Persian digits and letter forms as written).
_DIGIT: Final = r"[0-9\u06f0-\u06f9\u0660-\u0669]"
_DATE_RU_FA: Final = re.compile(
    r"\b(?:январ|феврал|март|апрел|ма[йяе]\b|июн|июл|август|сентябр|октябр|ноябр|декабр|"
    rf"понедельник|вторник|сред[ау]\b|четверг|пятниц|суббот|воскресен|{_RELATIVE_DAYS_RU})|"
    rf"(?<!{_DIGIT})(?:19|20|13|14|۱۹|۲۰|۱۳|۱۴){_DIGIT}{{2}}(?!{_DIGIT})|"
    r"ژانویه|فوریه|مارس|آوریل|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر|فروردین|اردیبهشت|"
    rf"خرداد|مرداد|شهریور|آبان|آذر|بهمن|اسفند|شنبه|جمعه|{_RELATIVE_DAYS_FA}",
    re.IGNORECASE,
)
_NUMBER_RU_FA: Final = re.compile(_DIGIT)
_RELATIVE_DAY: Final = re.compile(
    rf"\b(?:{_RELATIVE_DAYS_EN}|{_RELATIVE_DAYS_RU})\b|{_RELATIVE_DAYS_FA}", re.IGNORECASE
)
_CURRENCY_RU_FA: Final = r"\b(?:доллар|евро|рубл|копе(?:йк|ек))|دلار|یورو|ریال|تومان|روبل"
_MONEY_RU_FA: Final = re.compile(
    rf"\b(?:млн|млрд|тыс|миллион|миллиард|тысяч|процент)|{_CURRENCY_RU_FA}|"
    r"میلیون|میلیارد|هزار|درصد",
    re.IGNORECASE,
)
_SUM_RU_FA: Final = re.compile(_CURRENCY_RU_FA, re.IGNORECASE)
_QUOTE_RU_FA: Final = re.compile(
    rf"[«»]|\b(?:{RUSSIAN_SPEECH_VERBS}|по словам)|"
    r"گفت|اظهار|تاکید|تأکید|افزود|اعلام|خواستار|به گفته",
    re.IGNORECASE,
)
_LIST_RU_FA: Final = re.compile(
    r"\b(?:в том числе|включая|таких как|такие как)|از جمله|مانند|"
    r"(?:[^,،]+[,،]){2,}[^,،]*\s(?:и|و)\s"
)
_PLACE_RU_FA: Final = re.compile(r"\b(?:в|во|из|на)\s+[А-ЯЁ][а-яё]|در\s+\S+")
_REASON_RU_FA: Final = re.compile(
    r"\b(?:потому что|так как|поскольку|чтобы|с целью|в целях|ради|из-за|благодаря)|"
    r"زیرا|چون|برای|به منظور|با هدف|به دلیل",
    re.IGNORECASE,
)
_PERSON_RU_FA: Final = re.compile(
    r"\b(?:президент|министр|лидер|председател|"
    r"посол|спикер)|رئیس|رییس|وزیر|رهبر|سفیر|سخنگو|آقای",
    re.IGNORECASE,
)


def _other(pattern: re.Pattern[str], text: str) -> bool:
    """True when non-English text has the feature ``pattern`` finds in Russian or Persian."""
    return not text.isascii() and pattern.search(text) is not None


# A news report's dateline: where (in capitals) and perhaps when it was filed, and by which agency,
# before a dash: "KALVIK, Sept 2 (CWS) - ", "МИНСК, 13 марта (БЕЛТА) – ". It says where the report
# was written, not what the sentence after it tells.
_DATELINE: Final = re.compile(
    r"^[A-ZА-ЯЁ][A-ZА-ЯЁ'’.\- ]*[A-ZА-ЯЁ](?:,[^—–()\n]{1,25})?\s*(?:\([^()\n]{1,40}\))?"
    r"\s+(?:—|–|--?)\s+(?=[A-ZА-ЯЁ0-9\"“«‘])"
)


def without_dateline(sentence: str) -> str:
    """Return the first sentence of a report without its dateline, when it has one."""
    found = _DATELINE.match(sentence)
    return sentence if found is None else sentence[found.end() :]


def split_sentences(paragraph: str) -> list[str]:
    """Split a paragraph into sentences, keeping abbreviations, initials and quotes whole."""
    sentences: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        before = paragraph[start : match.start()]
        last_word = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.strip() else ""
        if last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha()):
            continue
        end = match.end()
        sentence = paragraph[start:end].strip()
        if sentence:
            sentences.append(sentence)
        start = end
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


# A month named alone, as a date: "by the end of June", "last November", "in early March". The
# month is capitalised, as sources write it: "this may be" is no date.
_MONTH_PHRASE: Final = re.compile(
    r"\b(?i:in|by|until|till|since|from|before|after|last|next|this|early|late|mid|during)"
    r"[\s-]+(?:the\s+)?(?:(?i:early|late|end|beginning|middle|start)\s+(?:of\s+)?)?"
    r"(?:" + "|".join(m.capitalize() for m in _MONTH_NAMES.split("|")) + r")\b"
)


def has_date(text: str) -> bool:
    """True when the text names a date, a year, a month, a weekday, a relative day or a time of
    day.

    A relative day inside a quotation ("today Iran continues its path") is the speaker's day,
    which the reader cannot tell: it dates nothing.
    """
    if QUOTATION.search(text) is not None:
        text = QUOTATION.sub(lambda m: _RELATIVE_DAY.sub(" ", m.group()), text)
    return (
        _DATE.search(text) is not None
        or _MONTH_PHRASE.search(text) is not None
        or _other(_DATE_RU_FA, text)
    )


def has_calendar_date(text: str) -> bool:
    """True when the text names a day of a month, a month or a year; any date in Russian or
    Persian."""
    return _CALENDAR_DATE.search(text) is not None or _other(_DATE_RU_FA, text)


def has_number(text: str) -> bool:
    """True when the text holds a figure, in digits or words.

    Russian and Persian number words are read as their language analysis reads them ("двух",
    "دو" and "двухдневный" all hold a figure).
    """
    if _NUMBER.search(text) is not None or _other(_NUMBER_RU_FA, text):
        return True
    return not text.isascii() and _figure_in_terms(text)


@functools.lru_cache(maxsize=4096)
def _figure_in_terms(text: str) -> bool:
    """True when the language analysis of ``text`` reads a figure in it: the same sentences are
    asked about again and again."""
    return any(t[:1].isdigit() for t in terms(text))


def has_money(text: str) -> bool:
    """True when the text holds an amount: a currency, a percentage or a large-number word."""
    money = _MONEY.search(text) is not None or _other(_MONEY_RU_FA, text)
    return money and has_number(text)


# The word after a figure and its scale ("41 cents", "2 million rubles"), and a currency sign
# beside one ("$33 million", "250 ₽"): every sign Unicode files as a currency symbol.
_NEXT_WORD: Final = re.compile(r"[\s-]{1,2}([^\W\d_]+)")


@functools.cache
def _currency_sign() -> re.Pattern[str]:
    """Any currency sign, built on first use: going through every character takes a while."""
    signs = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if category(c) == "Sc")
    return re.compile(f"[{re.escape(signs)}]")


@functools.lru_cache(maxsize=4096)
def has_sum(text: str) -> bool:
    """True when the text gives a sum of money: a figure in a currency or in a monetary unit
    ("€14.50", "41 cents", "two billion dollars", "250 рублей"). A percentage is no sum."""
    if _other(_SUM_RU_FA, text):
        return has_number(text)
    for value in values_in(text):
        if value.kind != "quantity":
            continue
        beside = text[max(0, value.start - 2) : value.end + 2]
        if _currency_sign().search(beside):
            return True
        if not value.units and _SCALED.search(value.text) and _MONEY_TALK.search(text):
            # "The government paid 120 million, the council 24 million": millions of nothing
            # named, where money is spoken of, are a sum in the currency said before.
            return True
        word = _NEXT_WORD.match(text, value.end)
        if word is None:
            continue
        unit = word.group(1).lower()
        if names_money(lemma(unit)):
            return True
        if _MONEY_TALK.search(text) is not None and _no_english_word(unit):
            # "A relocation payment of 38,000 dalers": a word no English dictionary has, after a
            # figure where money is spoken of, is the sources' own currency.
            return True
    return False


# A figure scaled by a word or a suffix: "120 million", "1.2bn".
_SCALED: Final = re.compile(r"(?:million|billion|trillion|\d(?:bn|mln|m))$", re.IGNORECASE)
# Words that speak of money: a figure beside them in a unit English does not know is a sum.
_MONEY_TALK: Final = re.compile(
    r"\b(?:cost|costs|costing|paid|pay|pays|paying|payments?|prices?|priced|worth|budgets?|"
    r"loans?|fees?|fares?|salar(?:y|ies)|wages?|compensation|spent|spend|spending|invest(?:ed|"
    r"ment)?|funds?|funding|grants?|bills?|subsid(?:y|ies)|tax(?:es)?|revenues?|profits?)\b",
    re.IGNORECASE,
)


def _no_english_word(word: str) -> bool:
    """True when an English dictionary knows no such lower-case word: neither the word vectors'
    vocabulary nor the thesaurus (a made-up currency, "dalers")."""
    return (
        word.isalpha()
        and not wordvectors.is_common_english(word)
        and not wordvectors.is_common_english(lemma(word))
        and not thesaurus.synonyms(word)
        and not thesaurus.synonyms(lemma(word))
    )


def has_quote(text: str) -> bool:
    """True when the text quotes or reports someone's words."""
    if _QUOTE.search(text) is not None or _SPEECH.search(text) is not None:
        return True
    return _other(_QUOTE_RU_FA, text)


def has_list(text: str) -> bool:
    """True when the text enumerates several items."""
    if _LIST.search(text) is not None or (text.count(",") >= 2 and " and " in text):
        return True
    return _other(_LIST_RU_FA, text)


def has_place(text: str) -> bool:
    """True when the text places something in a named location."""
    return _PLACE.search(text) is not None or _other(_PLACE_RU_FA, text)


def has_name(text: str) -> bool:
    """True when the text gives something its name: "a group called Alder Greystone", "паром
    «Ветлуга»", a short capitalised name in quotation marks.
    """
    return _NAMING.search(text) is not None


def has_reason(text: str) -> bool:
    """True when the text gives a reason or a purpose."""
    return _REASON.search(text) is not None or _other(_REASON_RU_FA, text)


def has_person(text: str) -> bool:
    """True when the text names a person, a body or an office holder."""
    if (
        _OFFICE.search(text) is not None
        or any(
            not names_a_place(run.group().rsplit(maxsplit=1)[-1].lower())
            for run in _NAME_RUN.finditer(text)
        )
        or _other(_PERSON_RU_FA, text)
    ):
        return True
    return not text.isascii() and names_russian_person(text)


def needs_context(sentence: str) -> bool:
    """True when the sentence leans on the one before it ("this figure", "both organizations")."""
    if _ANAPHOR_START.search(sentence) or _ANAPHOR_PHRASE.search(sentence):
        return True
    return not sentence.isascii() and _ANAPHOR_RU.search(sentence) is not None


def starts_with_thing_pronoun(sentence: str) -> bool:
    """True when the sentence opens with a pronoun for a thing ("It would lay a pipeline")."""
    return _THING_PRONOUN_START.search(sentence) is not None


def starts_with_personal_pronoun(sentence: str) -> bool:
    """True when the sentence's subject is "He" or "She" (or "Он", "Она", "او", "وی")."""
    return _PRONOUN_SUBJECT.search(sentence) is not None


# Words that, before "to" and a verb, tell a plan or an expectation rather than what happened:
# "due to open in October 2025", "was expected to cost 1.4 billion", "supposed to be finished",
# and with whom is to do it in between: "he expected the Assembly to vote on it".
PLAN_WORDS: Final = frozenset(
    "due supposed expected scheduled planned meant slated intended projected set".split()
)
# Their index terms: a sentence without one tells no plan, and need not be searched for it.
PLAN_TERMS: Final = frozenset(t for w in PLAN_WORDS for t in terms(w))
# The most words between a plan word and its "to": "expected the Calvorian Assembly to vote".
PLAN_GAP: Final = 3
_PLANNED: Final = re.compile(
    rf"\b(?:{'|'.join(sorted(PLAN_WORDS))})\s+(?:[\w'’]+\s+){{0,{PLAN_GAP}}}?to\s+"
    r"(?:be\s+|have\s+(?:been\s+)?)?([a-z]+)",
    re.IGNORECASE,
)


def planned_terms(text: str) -> frozenset[str]:
    """The index terms of the verbs ``text`` tells as planned ("due to open": "open")."""
    return frozenset(t for m in _PLANNED.finditer(text) for t in terms(m.group(1)))
