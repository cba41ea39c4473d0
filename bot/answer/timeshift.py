"""Time shifts in a follow-up ("and the next year?", "the day before"), read against a date."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from typing import Final

from bot.search.values import values_in


@dataclass(frozen=True)
class When:
    """The time an answer was about: its year, its day when it gave one, and its sources' year."""

    year: int | None
    day: datetime.date | None
    # The year the cited sources were published: what "this year" means in them.
    now: int | None


@dataclass(frozen=True)
class Shifts:
    """One language's ways of saying "a year later" or "the day before", and of naming a date.

    Each pattern has a ``unit`` group (a year or a day), a ``later`` or an ``earlier`` group (the
    direction) and may have a ``count`` group (how many units).
    """

    patterns: tuple[re.Pattern[str], ...]
    this_year: re.Pattern[str]
    # Words of a ``unit`` group that mean a year; any other means a day.
    year_words: frozenset[str]
    in_year: str
    # How a day is named ("on 14 March 2023"), or None when only years shift.
    on_day: str | None


_EN_UNIT: Final = r"(?P<unit>year|day)s?"
# Keyed by ISO 639-1 code, like the follow-up words: how a language shifts a time is its grammar.
SHIFTS: Final[dict[str, Shifts]] = {
    "en": Shifts(
        patterns=(
            re.compile(
                rf"\b(?:the\s+)?(?:(?P<later>next|following)|(?P<earlier>previous|prior|"
                rf"preceding))\s+{_EN_UNIT}\b",
                re.IGNORECASE,
            ),
            re.compile(
                rf"\b(?:the|a|one|(?P<count>\d+|two|three|four|five))\s+{_EN_UNIT}\s+"
                rf"(?:(?P<later>after|later)|(?P<earlier>before|earlier))"
                rf"(?:\s+(?:that|then|it))?\b",
                re.IGNORECASE,
            ),
        ),
        this_year=re.compile(r"\bthis\s+year\b", re.IGNORECASE),
        year_words=frozenset({"year"}),
        in_year="in {year}",
        on_day="on {day} {month} {year}",
    ),
    "ru": Shifts(
        patterns=(
            re.compile(
                r"(?:\b(?:в|на)\s+)?(?:(?P<later>следующ\w*|последующ\w*)|"
                r"(?P<earlier>предыдущ\w*|предшествующ\w*))\s+(?P<unit>год\w*)",
                re.IGNORECASE,
            ),
            re.compile(
                r"(?P<unit>годом)\s+(?:(?P<later>позже|позднее)|(?P<earlier>раньше|ранее))",
                re.IGNORECASE,
            ),
        ),
        this_year=re.compile(r"(?:\bв\s+)?этом\s+году", re.IGNORECASE),
        year_words=frozenset({"год", "году", "года", "годом"}),
        in_year="в {year} году",
        on_day=None,
    ),
    "fa": Shifts(
        patterns=(re.compile(r"(?P<unit>سال)\s+(?:(?P<later>بعد)|(?P<earlier>قبل))"),),
        this_year=re.compile(r"امسال"),
        year_words=frozenset({"سال"}),
        in_year="در سال {year}",
        on_day=None,
    ),
}
_COUNT_WORDS: Final = {"two": 2, "three": 3, "four": 4, "five": 5}


def when_of(years: frozenset[str], answer: str, published: str | None) -> When:
    """The time an answer is about: the one year its question asked for, else its first date."""
    found = values_in(answer)
    asked = sorted(int(y) for y in years)
    year = asked[0] if len(asked) == 1 else None
    if year is None:
        first = next((v for v in found if v.kind in ("date", "year") and v.key[0]), None)
        year = int(first.key[0]) if first is not None else None
    dated = next((v for v in found if v.kind == "date" and v.key[0]), None)
    day = None
    if dated is not None and (year is None or int(dated.key[0]) == year):
        day = datetime.date(int(dated.key[0]), int(dated.key[1]), int(dated.key[2]))
    now = int(published[:4]) if published and published[:4].isdigit() else None
    return When(year, day, now)


@dataclass(frozen=True)
class Shifted:
    """A question with its time shift written as the date it stands for, and that day if any."""

    text: str
    day: datetime.date | None = None


def shifted(question: str, when: When, language: str) -> Shifted | None:
    """``question`` with its time shift ("the next year") written as the date it stands for.

    None when it has no shift, names a date of its own, or there is no date to shift from.
    """
    shifts = SHIFTS.get(language)
    if shifts is None or any(v.kind in ("date", "year") for v in values_in(question)):
        return None
    for pattern in shifts.patterns:
        match = pattern.search(question)
        if match is None:
            continue
        count = (match.groupdict().get("count") or "").lower()
        by = int(count) if count.isdigit() else _COUNT_WORDS.get(count, 1)
        if match.group("earlier"):
            by = -by
        if match.group("unit").lower() in shifts.year_words:
            if when.year is None:
                return None
            return Shifted(_put(question, match, shifts.in_year.format(year=when.year + by)))
        if when.day is None or shifts.on_day is None:
            return None
        day = when.day + datetime.timedelta(days=by)
        month = calendar.month_name[day.month]
        said = shifts.on_day.format(day=day.day, month=month, year=day.year)
        return Shifted(_put(question, match, said), day)
    match = shifts.this_year.search(question)
    if match is None or when.now is None:
        return None
    return Shifted(_put(question, match, shifts.in_year.format(year=when.now)))


def gives_day(text: str, day: datetime.date) -> bool:
    """True when ``text`` names ``day`` (a date without a year fits any year)."""
    return any(
        v.kind == "date" and v.key[1:] == (day.month, day.day) and v.key[0] in (0, day.year)
        for v in values_in(text)
    )


def _put(question: str, match: re.Match[str], said: str) -> str:
    """``question`` with ``said`` in place of ``match``."""
    return question[: match.start()] + said + question[match.end() :]
