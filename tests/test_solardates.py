"""Solar Hijri dates in Persian text: found, converted by jdatetime, written beside Gregorian."""

from __future__ import annotations

import datetime

import pytest

from bot.search.solardates import (
    as_gregorian,
    as_solar,
    gregorian_dates,
    solar_dates,
    with_gregorian,
    with_solar,
)

NOWRUZ_1402 = datetime.date(2023, 3, 21)


@pytest.mark.parametrize(
    "text",
    [
        "جشن روز ۱ فروردین ۱۴۰۲ برگزار شد",
        "جشن روز 1 فروردين 1402 برگزار شد",  # Latin digits, Arabic yeh
        "جشن روز ١ فروردین ماه سال ١٤٠٢ برگزار شد",  # Arabic-Indic digits, "month of the year"
    ],
)
def test_solar_dates_are_found_however_typed(text: str) -> None:
    (found,) = solar_dates(text)
    assert found.day == NOWRUZ_1402
    assert "فروردین" in text[found.start : found.end] or "فروردين" in text[found.start : found.end]


def test_impossible_or_yearless_solar_dates_are_left_alone() -> None:
    assert solar_dates("روز ۳۵ اسفند ۱۴۰۱") == []
    assert solar_dates("روز ۲۲ اسفند") == []
    # "مهر" is a month; "مه" inside another word is no Gregorian May.
    assert [d.day for d in solar_dates("۸ مهر ۱۴۰۲")] == [datetime.date(2023, 9, 30)]
    assert gregorian_dates("مهمان ۱۲ نفر در سال ۲۰۲۳") == []


def test_both_calendars_are_written_as_persian_writes_them() -> None:
    assert as_solar(datetime.date(2023, 3, 13)) == "۲۲ اسفند ۱۴۰۱"
    assert as_gregorian(datetime.date(2023, 3, 13)) == "۱۳ مارس ۲۰۲۳"


def test_a_question_reads_its_solar_date_as_the_gregorian_day_unless_kept() -> None:
    asked = "چه چیزی در ۲۲ اسفند ۱۴۰۱ امضا شد؟"
    assert with_gregorian(asked) == "چه چیزی در ۱۳ مارس ۲۰۲۳ امضا شد؟"
    assert with_gregorian(asked, lambda written: written == "۲۲ اسفند ۱۴۰۱") == asked
    assert with_gregorian("نقشه راه کی امضا شد؟") == "نقشه راه کی امضا شد؟"


def test_an_answer_gets_the_solar_date_of_each_gregorian_date_it_lacks() -> None:
    quoted = "«The pact was signed on March 13, 2023 and took effect on 2023-04-01.»"
    assert with_solar(quoted) == (
        "«The pact was signed on March 13, 2023 (۲۲ اسفند ۱۴۰۱) "
        "and took effect on 2023-04-01 (۱۲ فروردین ۱۴۰۲).»"
    )
    both = "روز ۲۲ اسفند ۱۴۰۱ (۱۳ مارس ۲۰۲۳) امضا شد"
    assert with_solar(both) == both
    # A day without its year names no one day of the Solar Hijri calendar.
    assert with_solar("on March 13 in Tehran") == "on March 13 in Tehran"
