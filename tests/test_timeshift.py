"""Time shifts in a follow-up, read against the date of the answer before."""

from __future__ import annotations

import datetime

import pytest

from bot.answer.timeshift import When, gives_day, shifted, when_of

WHEN = When(year=2021, day=datetime.date(2023, 3, 13), now=2023)


@pytest.mark.parametrize(
    ("question", "language", "expected"),
    [
        ("and the next year?", "en", "and in 2022?"),
        ("and the year before that?", "en", "and in 2020?"),
        ("how much was it two years later?", "en", "how much was it in 2023?"),
        ("what about the previous year?", "en", "what about in 2020?"),
        ("and so far this year?", "en", "and so far in 2023?"),
        ("and the day after?", "en", "and on 14 March 2023?"),
        ("what happened the previous day?", "en", "what happened on 12 March 2023?"),
        ("а в следующем году?", "ru", "а в 2022 году?"),
        ("а годом ранее?", "ru", "а в 2020 году?"),
        ("سال بعد چطور؟", "fa", "در سال 2022 چطور؟"),
    ],
)
def test_a_time_shift_is_written_as_the_date_it_stands_for(
    question: str, language: str, expected: str
) -> None:
    found = shifted(question, WHEN, language)
    assert found is not None and found.text == expected


@pytest.mark.parametrize(
    "question",
    ["and in 2022?", "how big was the rise in 2021 compared with the year before?", "and when?"],
)
def test_a_question_with_a_date_of_its_own_or_no_shift_is_left_alone(question: str) -> None:
    assert shifted(question, WHEN, "en") is None


def test_a_shift_needs_a_date_to_count_from() -> None:
    assert shifted("and the next year?", When(None, None, None), "en") is None
    assert shifted("and the day after?", When(2021, None, None), "en") is None


def test_the_time_of_an_answer_is_its_question_year_else_its_first_date() -> None:
    asked = when_of(frozenset({"2021"}), "In 2021 trade grew; in 2022 it fell.", "2023-03-15")
    assert asked == When(2021, None, 2023)
    given = when_of(frozenset(), "It was signed on March 13, 2023, in Tehran.", None)
    assert given == When(2023, datetime.date(2023, 3, 13), None)


def test_a_day_is_found_in_any_spelling() -> None:
    day = datetime.date(2024, 5, 2)
    assert gives_day("They met on May 2.", day) and gives_day("On 2 May 2024 they met.", day)
    assert not gives_day("On 3 May 2024 they met.", day)
