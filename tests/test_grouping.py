"""Normalising and grouping logged questions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.querylog.grouping import group_similar, jaccard, simplify


def day(n: int) -> datetime:
    return datetime(2024, 3, n, tzinfo=UTC)


@pytest.mark.parametrize(
    ("question", "key"),
    [
        ("Who signed the ROADMAP?", "who signed the roadmap"),
        ("  who\tsigned\n the   roadmap ", "who signed the roadmap"),
        ("Roadmap: who signed it?!", "roadmap who signed it"),
        ("Straße — $100 «deal»", "strasse 100 deal"),
        ("?!…", ""),
        ("NUL\x00and\u202eRTL", "nul and rtl"),
    ],
)
def test_simplify_drops_case_punctuation_and_whitespace(question: str, key: str) -> None:
    assert simplify(question) == key


def test_jaccard_of_token_sets() -> None:
    assert jaccard(frozenset("abcde"), frozenset("abcdef")) == pytest.approx(5 / 6)
    assert jaccard(frozenset("ab"), frozenset("cd")) == 0.0
    assert jaccard(frozenset(), frozenset()) == 1.0


def test_near_duplicates_join_the_newest_wording() -> None:
    groups = group_similar(
        [
            ("What is the population of Brazil?", 2, day(18)),
            ("What is population of Brazil", 1, day(16)),  # 5/6 of the tokens: same question
            ("What is the capital of Brazil?", 1, day(15)),  # 5/7: another question
            ("  Tell me   about oil ", 4, day(19)),
        ]
    )
    assert [(g.question, g.count, g.last_time) for g in groups] == [
        ("Tell me about oil", 4, day(19)),
        ("What is the population of Brazil?", 3, day(18)),
        ("What is the capital of Brazil?", 1, day(15)),
    ]


def test_questions_of_only_punctuation_group_together() -> None:
    groups = group_similar([("???", 1, day(2)), ("Hello", 1, day(3)), ("!!", 2, day(1))])
    assert [(g.question, g.count) for g in groups] == [("Hello", 1), ("???", 3)]


def test_threshold_is_inclusive_and_adjustable() -> None:
    rows = [("a b c d", 1, day(2)), ("a b c d e", 1, day(1))]  # Jaccard 0.8
    assert [g.count for g in group_similar(rows)] == [2]
    assert [g.count for g in group_similar(rows, threshold=0.81)] == [1, 1]
