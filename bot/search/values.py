"""Figures, amounts and dates in a sentence, normalised so that two spellings of one value meet."""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final, Literal

from number_parser import parse_number
from number_parser.data import en as number_words_en

from bot.search.textnorm import STOP_WORDS, normalize, stem

ValueKind = Literal["date", "year", "quantity"]

# Month names and abbreviations from the standard library, "sept" as newspapers write it.
_MONTH_NUMBERS: Final = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
_MONTH: Final = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_DATE: Final = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{_MONTH})\.?(?:,?\s+(?P<y1>(?:19|20)\d\d))?"
    rf"|(?P<m2>{_MONTH})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>(?:19|20)\d\d))?"
    r"|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))\b",
    re.IGNORECASE,
)
_YEAR: Final = re.compile(r"\b(?:19|20)\d\d\b")
_RANGE_START: Final = re.compile(r"\b(?P<first>\d{1,2})(?:st|nd|rd|th)?\s*(?:-|–|to|until|and)\s*$")
# A figure in digits, with an optional scale word or suffix ("1.2 billion", "1.2bn", "3,500").
_FIGURE: Final = re.compile(
    r"(?P<cur>[$€£¥])?\s?(?P<num>\d+(?:[.,]\d+)*)(?:(?P<suffix>bn|mln|m|k)\b)?"
    r"(?:[\s-]+(?P<scale>thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)
_LETTERS: Final = re.compile(r"[^\W\d_]+")
_DIGIT: Final = re.compile(r"\d")
_NEXT_WORD: Final = re.compile(r"[\s-]{1,2}([^\W\d_]+)")
_SUFFIX_SCALE: Final = {"k": 1e3, "m": 1e6, "mln": 1e6, "bn": 1e9}
_SYMBOL_UNIT: Final = {"$": "dollar", "€": "euro", "£": "pound", "¥": "yen"}
# Words between a figure and the thing it counts ("seven cooperation documents", "eight
# ship-to-shore cranes") are read up to this far.
UNIT_REACH: Final = 4


@dataclass(frozen=True)
class Value:
    """A value found in a sentence: its kind, its normalised form, and where it stands."""

    kind: ValueKind
    # Dates: (year or 0, month, day); years: (year,); quantities: (amount,).
    key: tuple[float, ...]
    # Stems of the words after a quantity: its unit or what it counts ("dollar", "agreement").
    units: tuple[str, ...]
    text: str
    start: int
    end: int
    # The value as a reader wants it quoted: a figure with the word it counts ("seven agreements").
    phrase: str
    # Where each of ``units`` ends in the text, to quote a value up to the thing it counts.
    unit_ends: tuple[int, ...] = ()

    def quoted_to(self, text: str, unit: str | None) -> str:
        """The value quoted from ``text`` up to ``unit`` when that is one of its words after it."""
        if unit is None or unit not in self.units:
            return self.phrase
        end = self.unit_ends[self.units.index(unit)]
        return text[self.start : max(end, self.end)].strip()

    def agrees(self, other: Value) -> bool:
        """True when the two values are the same once normalised (a missing year fits any)."""
        if self.kind != other.kind:
            if {self.kind, other.kind} != {"date", "year"}:
                return False
            date, year = (self, other) if self.kind == "date" else (other, self)
            return date.key[0] == year.key[0]
        if self.kind == "date":
            (y1, m1, d1), (y2, m2, d2) = self.key, other.key
            return (m1, d1) == (m2, d2) and (not y1 or not y2 or y1 == y2)
        return self.key == other.key


# A quotation: its days are the speaker's, which the reader cannot tell.
QUOTATION: Final = re.compile(r"“[^”]*”|«[^»]*»|\"[^\"]*\"")
_WEEKDAY_NUMBERS: Final = {name.lower(): n for n, name in enumerate(calendar.day_name)}
# The weekdays' names, as a pattern's alternatives.
WEEKDAYS: Final = "|".join(_WEEKDAY_NUMBERS)
# A weekday or a day told from today, not a recurring one ("on Mondays") nor one the text dates
# itself ("Saturday, 12 September", "Thursday morning, 15 April").
_TOLD_DAY: Final = re.compile(
    rf"\b(?:(?P<which>last|next|this)\s+)?(?P<day>{WEEKDAYS}|yesterday|tomorrow)"
    rf"\b(?!s\b)(?:['’]s\b)?"
    rf"(?!(?:\s+(?:morning|afternoon|evening|night))?,?\s+(?:the\s+)?(?:\d|{_MONTH}))",
    re.IGNORECASE,
)
# Words before a weekday that make it a recurring one, no day of its own: "every Friday", "each
# Monday", "the first Sunday (of each month)", "the 2nd Tuesday".
_RECURRING_BEFORE: Final = re.compile(
    r"\b(?:every|each|first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+$", re.IGNORECASE
)
# Words after a weekday that do the same: "the last Friday of every month", "Sunday in each week".
_RECURRING_AFTER: Final = re.compile(r"^\s+(?:of|in)\s+(?:each|every|the)\b", re.IGNORECASE)
# A span of weekdays in a sentence of opening hours is a schedule ("open Tuesday to Sunday",
# "closed from Monday to Wednesday"): the words after its first day, and before its last.
_HOURS: Final = re.compile(r"\b(?:open|opens|opening|closed|closes|closing)\b", re.IGNORECASE)
_UNTIL: Final = r"\s*(?:to|through|till|until|-|–|—)\s*"
_SPAN_AFTER: Final = re.compile(rf"^{_UNTIL}(?:{WEEKDAYS})\b", re.IGNORECASE)
_SPAN_BEFORE: Final = re.compile(rf"\b(?:{WEEKDAYS}){_UNTIL}$", re.IGNORECASE)
# A sentence about what is yet to come: its weekdays are the next ones.
_AHEAD: Final = re.compile(
    r"\b(?:will|would|shall|is\s+to|are\s+to|due|scheduled|expected|planned|going\s+to)\b",
    re.IGNORECASE,
)


def told_days(text: str, day: datetime.date) -> list[tuple[int, datetime.date]]:
    """The days an English text of ``day`` tells from its own day ("on Tuesday", "yesterday",
    "next Friday"), each as where its words end and its date.

    A weekday is the last one on or before ``day``, or the next one after it in a sentence about
    what is to come; quotations are left out (their days are the speaker's).
    """
    lowered = text.lower()
    # Every such word ends in "day" but "tomorrow": most sentences are ruled out at once.
    if "day" not in lowered and "tomorrow" not in lowered:
        return []
    told = list(_TOLD_DAY.finditer(text))
    if not told:
        return []
    quoted = [m.span() for m in QUOTATION.finditer(text)]
    ahead = _AHEAD.search(text) is not None
    found: list[tuple[int, datetime.date]] = []
    for m in told:
        if _inside(m.start(), quoted) or _recurring(text, m):
            continue
        word, which = m.group("day").lower(), (m.group("which") or "").lower()
        if word in ("yesterday", "tomorrow"):
            if which:
                continue
            found.append((m.end(), day + datetime.timedelta(days=-1 if word == "yesterday" else 1)))
            continue
        back = (day.weekday() - _WEEKDAY_NUMBERS[word]) % 7
        if which == "last" or (not which and not ahead):
            # "Last Tuesday" was before the text's day; "on Tuesday" may be that day itself.
            back = back or (7 if which == "last" else 0)
            found.append((m.end(), day - datetime.timedelta(days=back)))
        else:
            found.append((m.end(), day + datetime.timedelta(days=(7 - back) % 7 or 7)))
    return found


def _recurring(text: str, told: re.Match[str]) -> bool:
    """True when the weekday ``told`` found in ``text`` names a day that comes round again."""
    before = text[: told.start()]
    if _RECURRING_BEFORE.search(before[-12:]) or _RECURRING_AFTER.match(text[told.end() :]):
        return True
    return _HOURS.search(text) is not None and bool(
        _SPAN_AFTER.match(text[told.end() :]) or _SPAN_BEFORE.search(before[-30:])
    )


def with_told_days(text: str, day: datetime.date) -> str:
    """``text`` with the date of each day it tells from ``day`` after it: "on Tuesday (3 June
    2025)"."""
    out = text
    for end, date in reversed(told_days(text, day)):
        out = f"{out[:end]} ({date.day} {calendar.month_name[date.month]} {date.year}){out[end:]}"
    return out


def _calendar_dates(
    text: str,
) -> Iterator[tuple[re.Match[str], int, int, str | None, re.Match[str] | None]]:
    """Each date of the calendar ``text`` writes: its match, day, month and year (None when not
    written), and the start of a span of days written before it ("from 9 to" of "from 9 to 11
    June"), if any."""
    for m in _DATE.finditer(text):
        day = int(m.group("d1") or m.group("d2") or m.group("d3"))
        month_text = m.group("m1") or m.group("m2")
        month = _MONTH_NUMBERS[month_text.lower()] if month_text else int(m.group("m3"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            year = m.group("y1") or m.group("y2") or m.group("y3")
            yield m, day, month, year, _RANGE_START.search(text[: m.start()])


def date_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """The spans of days ``text`` gives ("from 14 to 16 October", "9-11 June"), each as its
    first and last (month, day)."""
    return [
        ((month, int(span.group("first"))), (month, day))
        for m, day, month, _, span in _calendar_dates(text)
        if span is not None and m.group("d3") is None and 1 <= int(span.group("first")) <= day
    ]


# English number words as number-parser knows them: a word outside them is no number, and
# number-parser need not be asked (it takes most of a millisecond a call).
_NUMBER_WORDS: Final = frozenset(
    word
    for key in ("UNIT_NUMBERS", "DIRECT_NUMBERS", "TENS", "HUNDREDS", "BIG_POWERS_OF_TEN")
    for word in number_words_en.info[key]
)


@functools.lru_cache(maxsize=4096)
def word_number(word: str) -> int | None:
    """The number English number words stand for ("forty-two", "two hundred"), else None."""
    spaced = word.replace("-", " ")
    if not all(w in _NUMBER_WORDS or w == "and" for w in spaced.split()):
        return None
    found = parse_number(spaced)
    return found if isinstance(found, int) else None


def values_in(text: str) -> list[Value]:
    """Every date, year and quantity in ``text``, in order of position."""
    # Every value holds a figure or a number word (a word as _LETTERS cuts them: "forty" and
    # "two" of "forty-two"): most sentences have neither.
    if _DIGIT.search(text) is None and _NUMBER_WORDS.isdisjoint(_LETTERS.findall(text.lower())):
        return []
    found: list[Value] = []
    taken: list[tuple[int, int]] = []
    for m, day, month, year, span in _calendar_dates(text):
        # "from 9 to 11 June" is a span of days, not the date of one event, nor is its "9" a count.
        taken.append((m.start() if span is None else span.start(), m.end()))
        if span is not None:
            continue
        key = (float(year or 0), float(month), float(day))
        found.append(Value("date", key, (), m.group(), m.start(), m.end(), m.group()))
    for m in _YEAR.finditer(text):
        if not _inside(m.start(), taken):
            year_value = (float(m.group()),)
            found.append(Value("year", year_value, (), m.group(), m.start(), m.end(), m.group()))
            taken.append((m.start(), m.end()))
    for m in _FIGURE.finditer(text):
        if _inside(m.start("num"), taken) or _is_code(text, m.start("num"), m.end()):
            continue
        amount = _amount(m.group("num"))
        if amount is None:
            continue
        if m.group("suffix"):
            amount *= _SUFFIX_SCALE[m.group("suffix").lower()]
        if m.group("scale"):
            amount *= float(word_number(m.group("scale").lower()) or 1)
        found.append(_quantity(text, amount, m.start(), m.end(), m.group("cur")))
        taken.append((m.start(), m.end()))
    for start, end in _number_word_runs(text, taken):
        number = word_number(text[start:end].lower())
        if number is not None:
            found.append(_quantity(text, float(number), start, end, None))
    found.sort(key=lambda v: v.start)
    return found


def _number_word_runs(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of number words written out ("seven", "thirty-five", "two hundred and ten")."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    for m in _LETTERS.finditer(text):
        word = m.group().lower()
        if word_number(word) is None or _inside(m.start(), taken):
            if not (word == "and" and start >= 0 and text[end : m.start()].isspace()):
                if start >= 0:
                    runs.append((start, end))
                start = -1
            continue
        gap = text[end : m.start()]
        if start >= 0 and (re.fullmatch(r"[\s-]+|\s+and\s+", gap)):
            end = m.end()
        else:
            if start >= 0:
                runs.append((start, end))
            start, end = m.start(), m.end()
    if start >= 0:
        runs.append((start, end))
    return runs


# "Per cent" written as two words: the unit "percent", as written in one.
_PER_CENT: Final = re.compile(r"\s+per\s+cent\b", re.IGNORECASE)
# A quantity's unit followed by "per hour", "a day", "an hour": it measures a rate.
_RATE: Final = re.compile(r"\s+(?:per|an?|each)\s+([^\W\d_]+)")


def _quantity(text: str, amount: float, start: int, end: int, symbol: str | None) -> Value:
    """A quantity with the stems of the words right after it: its unit or what it counts."""
    units: list[str] = [_SYMBOL_UNIT[symbol]] if symbol else []
    ends: list[int] = [end] if symbol else []
    phrase_end = end
    at = end
    per_cent = None if symbol else _PER_CENT.match(text, end)
    if per_cent is not None:
        # "71 per cent" is "71 percent": one unit, quoted whole.
        units, ends = ["percent"], [per_cent.end()]
        phrase_end = at = per_cent.end()
    for _ in range(UNIT_REACH):
        m = _NEXT_WORD.match(text, at)
        if m is None:
            break
        word = normalize(m.group(1))
        if word in STOP_WORDS:
            if "-" in text[at : m.start(1)]:
                # Inside a compound: "eight ship-to-shore cranes".
                at = m.end()
                continue
            # "Two capitals and an agreement": what a figure counts ends at a word of grammar.
            break
        if at == end and not symbol:
            phrase_end = m.end()
        units.append(stem(word))
        ends.append(m.end())
        at = m.end()
    if units:
        rate = _RATE.match(text, ends[0])
        if rate is not None:
            # "60 kilometres per hour" is a speed, not a distance like "148 kilometres".
            units[0] = f"{units[0]}/{stem(normalize(rate.group(1)))}"
    shown = text[start:end].strip()
    phrase = text[start:phrase_end].strip()
    return Value("quantity", (amount,), tuple(units), shown, start, end, phrase, tuple(ends))


def _amount(number: str) -> float | None:
    """A figure written with thousands commas or a decimal point ("3,500", "1.2", "1,2")."""
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", number):
        return float(number.replace(",", ""))
    try:
        return float(number.replace(",", "."))
    except ValueError:
        return None


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _is_code(text: str, start: int, end: int) -> bool:
    """True for digits inside a name ("K-12", "R7", "A320", "4x4"): a code, not a quantity."""
    before = text[max(0, start - 2) : start]
    after = text[end : end + 1]
    return before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha()) or after.isalnum()
