"""Values in sentences: dates, years and quantities, and when two spellings are one value."""

from __future__ import annotations

import datetime

import pytest

from bot.search.values import Value, date_spans, told_days, values_in, with_told_days


def one(text: str) -> Value:
    (value,) = values_in(text)
    return value


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("trade reached $640 million", "trade reached 640 million dollars"),
        ("a plan worth $1.2 billion", "a plan worth $1.2bn"),
        ("seven agreements", "7 agreements"),
        ("thirty-five years", "35 years"),
        ("3,500 jobs", "3500 jobs"),
        ("on 15 October", "on October 15th"),
        ("on 15 October 2025", "on 2025-10-15"),
        ("stood at 71 per cent of capacity", "stood at 71 percent of capacity"),
    ],
)
def test_two_spellings_of_one_value_agree(first: str, second: str) -> None:
    assert one(first).agrees(one(second))


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("$640 million", "$715 million"),
        ("seven agreements", "eight agreements"),
        ("on 15 October", "on 16 October"),
        ("on 15 October 2024", "on 15 October 2025"),
        ("35 years", "40 years"),
    ],
)
def test_different_values_do_not_agree(first: str, second: str) -> None:
    assert not one(first).agrees(one(second))


def test_a_date_without_its_year_fits_any_year() -> None:
    assert one("on 15 October").agrees(one("on 15 October 2025"))


def test_a_year_agrees_with_a_date_of_that_year_only() -> None:
    assert one("in 2025").agrees(one("on 15 October 2025"))
    assert not one("in 2024").agrees(one("on 15 October 2025"))
    assert not one("in 2025").agrees(one("on 15 October"))


def test_quantities_carry_their_unit_and_the_words_quoted() -> None:
    values = values_in(
        "Officials signed eight cooperation documents and a 40-year lease for $310m."
    )
    assert [(v.kind, v.key, v.phrase) for v in values] == [
        ("quantity", (8.0,), "eight cooperation"),
        ("quantity", (40.0,), "40-year"),
        ("quantity", (310e6,), "$310m"),
    ]
    assert values[0].units == ("cooper", "document")
    assert values[2].units == ("dollar",)


def test_a_unit_is_read_past_a_hyphenated_compound() -> None:
    # "ship-to-shore" is three words before the cranes counted.
    value = one("The terminal will open with eight ship-to-shore cranes.")
    assert "crane" in value.units


def test_what_a_figure_counts_ends_at_a_word_of_grammar() -> None:
    # "two capitals and an agreement" counts capitals, not the agreement named after them.
    values = values_in("the line between the two capitals and an agreement on a crossing")
    assert [v.units for v in values] == [("capit",)]
    assert one("eleven documents signed during her summit").units == ("document", "sign")


def test_codes_with_digits_are_not_quantities() -> None:
    assert (
        values_in("The R7 line meets the K-12 standard at Terminal C4 near the A320 hangar.") == []
    )


def test_number_words_in_a_row_are_one_number() -> None:
    assert one("three hundred and forty-two people").key == (342.0,)


def test_years_and_dates_are_told_apart() -> None:
    kinds = [(v.kind, v.key) for v in values_in("Signed on March 13, 2023; in force since 2024.")]
    assert kinds == [("date", (2023.0, 3.0, 13.0)), ("year", (2024.0,))]


def test_a_value_is_quoted_up_to_the_thing_it_counts() -> None:
    text = "They signed eight cooperation documents."
    value = one(text)
    assert value.quoted_to(text, "document") == "eight cooperation documents"
    assert value.quoted_to(text, None) == "eight cooperation"


def test_numeric_signs_that_are_not_digits_are_no_number_words() -> None:
    assert values_in("A0¼ and ½ of ²") == []


def test_a_rate_has_its_own_unit() -> None:
    (speed,) = values_in("Trains run at 60 kilometres per hour.")
    (distance,) = values_in("The line is 60 kilometres long.")
    assert speed.units[0] == "kilometr/hour"
    assert distance.units[0] == "kilometr"
    (daily,) = values_in("The plant makes 180,000 cubic metres a day.")
    assert daily.units[:2] == ("cubic", "metr")


def test_a_span_of_days_is_no_date_and_its_first_day_no_count() -> None:
    assert values_in("The visit lasts from 14 to 16 October.") == []
    assert date_spans("The visit lasts from 14 to 16 October.") == [((10, 14), (10, 16))]
    assert date_spans("They meet on 9-11 June and again on 2 July.") == [((6, 9), (6, 11))]
    assert date_spans("They met on 16 October.") == []


# 4 June 2025 was a Wednesday.
PUBLISHED = datetime.date(2025, 6, 4)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # A weekday is the last one on or before the text's own day ...
        ("The plant opened on Tuesday.", "The plant opened on Tuesday (3 June 2025)."),
        ("The vote was on Wednesday.", "The vote was on Wednesday (4 June 2025)."),
        ("Tuesday's talks went well.", "Tuesday's (3 June 2025) talks went well."),
        # ... or the next one after it, in a sentence about what is to come.
        ("Talks will resume on Friday.", "Talks will resume on Friday (6 June 2025)."),
        ("He arrived last Wednesday.", "He arrived last Wednesday (28 May 2025)."),
        ("They meet next Monday.", "They meet next Monday (9 June 2025)."),
        ("She left yesterday.", "She left yesterday (3 June 2025)."),
        # Recurring days, days the text dates itself and a speaker's days are left as they are.
        ("Museums are closed on Mondays.", "Museums are closed on Mondays."),
        (
            "Entry is free on the first Sunday of each month.",
            "Entry is free on the first Sunday of each month.",
        ),
        ("A market is held every Friday.", "A market is held every Friday."),
        ("The museum is open Tuesday to Sunday.", "The museum is open Tuesday to Sunday."),
        (
            "Talks ran Monday to Wednesday.",
            "Talks ran Monday (2 June 2025) to Wednesday (4 June 2025).",
        ),
        (
            "They meet on the last Monday of the month.",
            "They meet on the last Monday of the month.",
        ),
        ("It opened on Saturday, 12 September.", "It opened on Saturday, 12 September."),
        # A part of the day may stand between the weekday and the date it is given.
        (
            "On Thursday morning, 15 April, they left.",
            "On Thursday morning, 15 April, they left.",
        ),
        (
            "It was held on Wednesday evening 14 April.",
            "It was held on Wednesday evening 14 April.",
        ),
        ("They met on Monday evening.", "They met on Monday (2 June 2025) evening."),
        ('"On Monday we start," he said.', '"On Monday we start," he said.'),
    ],
)
def test_days_told_from_the_texts_own_day_are_dated(text: str, shown: str) -> None:
    assert with_told_days(text, PUBLISHED) == shown


def test_a_day_told_from_today_ends_where_its_words_end() -> None:
    text = "He came on Monday and left yesterday."
    assert told_days(text, PUBLISHED) == [
        (text.index(" and"), datetime.date(2025, 6, 2)),
        (text.index("."), datetime.date(2025, 6, 3)),
    ]


def test_per_cent_in_two_words_is_one_unit_quoted_whole() -> None:
    value = one("the reservoir stood at 71 per cent of capacity")
    assert value.units == ("percent",)
    assert value.phrase == "71 per cent"
