"""Solar Hijri dates as Persian writes them ("۲۲ اسفند ۱۴۰۱"), and their Gregorian days.

Iran counts days in the Solar Hijri calendar; sources, and the English ones most of all, count in
the Gregorian. A Persian question's Solar Hijri date is read with its Gregorian day beside it,
and a date in a Persian answer is shown in both. The conversion is jdatetime's.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import jdatetime

from bot.search.values import values_in

# The Gregorian months as Persian writes them (Iranian usage), January first.
GREGORIAN_MONTHS: Final = (
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
)
# Letters typed in more than one way (Arabic or Persian keyboard, with or without madda).
_VARIANTS: Final = {"ی": "[یيى]", "ک": "[کك]", "آ": "[آا]", "ه": "[هة]"}
_PERSIAN_DIGITS: Final = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def _any_spelling(names: tuple[str, ...] | list[str]) -> str:
    """One alternation of ``names``, longest first, each letter in any of its spellings."""
    ordered = sorted(names, key=len, reverse=True)
    return "|".join("".join(_VARIANTS.get(c, re.escape(c)) for c in n) for n in ordered)


def _dated(months: tuple[str, ...] | list[str]) -> re.Pattern[str]:
    """Day, month name and year: "۲۲ اسفند ۱۴۰۱", "22 اسفند ماه سال 1401"."""
    return re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})\s*(?P<month>{_any_spelling(months)})(?!\w)"
        r"(?:\s+ماه)?(?:\s+سال)?\s+(?P<year>\d{4})(?!\d)"
    )


_SOLAR: Final = _dated(list(jdatetime.date.j_months_fa))
_GREGORIAN: Final = _dated(GREGORIAN_MONTHS)


@dataclass(frozen=True)
class FoundDate:
    """A date written in ``text[start:end]``, and the day it names."""

    start: int
    end: int
    day: datetime.date


def _month_number(written: str, months: tuple[str, ...] | list[str]) -> int:
    for number, name in enumerate(months, start=1):
        if re.fullmatch(_any_spelling([name]), written):
            return number
    raise ValueError(written)


def solar_dates(text: str) -> list[FoundDate]:
    """The Solar Hijri dates written in ``text``, each with its Gregorian day."""
    found = []
    months = list(jdatetime.date.j_months_fa)
    for m in _SOLAR.finditer(text):
        month = _month_number(m.group("month"), months)
        try:
            day = jdatetime.date(int(m.group("year")), month, int(m.group("day"))).togregorian()
        except ValueError:
            continue
        found.append(FoundDate(m.start(), m.end(), day))
    return found


def gregorian_dates(text: str) -> list[FoundDate]:
    """The Gregorian dates with a year in ``text``: in English ("March 13, 2023") or Persian."""
    found = []
    for m in _GREGORIAN.finditer(text):
        month = _month_number(m.group("month"), GREGORIAN_MONTHS)
        try:
            day = datetime.date(int(m.group("year")), month, int(m.group("day")))
        except ValueError:
            continue
        found.append(FoundDate(m.start(), m.end(), day))
    for value in values_in(text):
        year, month, number = (int(k) for k in value.key) if value.kind == "date" else (0, 0, 0)
        if year:
            try:
                found.append(FoundDate(value.start, value.end, datetime.date(year, month, number)))
            except ValueError:
                continue
    return sorted(found, key=lambda f: f.start)


def as_gregorian(day: datetime.date) -> str:
    """``day`` as Persian writes a Gregorian date: "۱۳ مارس ۲۰۲۳"."""
    text = f"{day.day} {GREGORIAN_MONTHS[day.month - 1]} {day.year}"
    return text.translate(_PERSIAN_DIGITS)


def as_solar(day: datetime.date) -> str:
    """``day`` in the Solar Hijri calendar, as Persian writes it: "۲۲ اسفند ۱۴۰۱"."""
    solar = jdatetime.date.fromgregorian(date=day)
    text = f"{solar.day} {jdatetime.date.j_months_fa[solar.month - 1]} {solar.year}"
    return text.translate(_PERSIAN_DIGITS)


def with_gregorian(text: str, kept: Callable[[str], bool] = lambda _: False) -> str:
    """``text`` with each Solar Hijri date in the Gregorian calendar, unless ``kept`` as written.

    A question is read so: a date the sources do not write as asked would only count against
    every answer, so it is put as the sources may write it.
    """
    out = []
    at = 0
    for found in solar_dates(text):
        written = text[found.start : found.end]
        if kept(written):
            continue
        out.append(text[at : found.start] + as_gregorian(found.day))
        at = found.end
    out.append(text[at:])
    return "".join(out)


def with_solar(text: str) -> str:
    """``text`` with the Solar Hijri date in brackets after each Gregorian date it lacks."""
    given = {f.day for f in solar_dates(text)}
    out = []
    at = 0
    for found in gregorian_dates(text):
        if found.day in given or found.start < at:
            continue
        out.append(f"{text[at : found.end]} ({as_solar(found.day)})")
        given.add(found.day)
        at = found.end
    out.append(text[at:])
    return "".join(out)
