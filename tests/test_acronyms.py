"""Acronyms spelled out by the documents that use them."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers import article, engine_over

from bot.answer.questions import Question
from bot.search.acronyms import spelled_out

TEXTS = [
    "Both can use the Shanghai [Cooperation Organization] and the Eurasian Economic Union.",
    "The North-South Transport Corridor would link the ports.",
    "The Organization of the Petroleum Exporting Countries met in Vienna.",
]


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("SCO", ("Shanghai", "Cooperation", "Organization")),
        ("nstc", ("North", "South", "Transport", "Corridor")),
        # Words of grammar between a name's words count for nothing.
        ("OPEC", ("Organization", "Petroleum", "Exporting", "Countries")),
        # No name here has these initials, nor is a word of seven letters an acronym.
        ("EAEU", None),
        ("ORGANIZ", None),
    ],
)
def test_an_acronym_is_spelled_out_by_a_capitalised_name(
    acronym: str, name: tuple[str, ...] | None
) -> None:
    assert spelled_out(acronym, TEXTS) == name


REPORT = article(
    "Leaders meet",
    "2023-03-15",
    "Raisi said the two countries could cooperate within the Shanghai Cooperation Organization "
    "and the Eurasian Economic Union.",
    "Iran is in the final stages of joining the SCO. Meanwhile, Belarus is a member of both "
    "organizations.",
)


def test_what_is_an_acronym_is_answered_by_the_name_it_stands_for(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, REPORT).answer("whats the sco")
    assert answer.answered and "Shanghai Cooperation Organization" in answer.text


def test_an_acronym_as_written_matches_before_the_name_it_stands_for(tmp_path: Path) -> None:
    answer = engine_over(tmp_path, REPORT).answer("is belarus in the sco")
    assert answer.answered and "member of both" in answer.text


def test_a_name_spelled_out_in_the_question_finds_the_acronym_the_source_writes(
    tmp_path: Path,
) -> None:
    launch = article(
        "Satellite launched",
        "2027-03-13",
        "Tomas Oyelund, the mission manager at the Meriden Space Agency (MSA), said the project "
        "had been more than a launch contract.",
        "The programme cost $118 million. The government paid $83 million, while the MSA "
        "contributed the remaining $35 million.",
    )
    engine = engine_over(tmp_path, launch)
    answer = engine.answer("what did the meriden space agency contribute")
    assert answer.answered and "$35 million" in answer.text
    question = engine.read("what did the meriden space agency contribute")
    assert isinstance(question, Question)
    # Each word of the name also matches the acronym; the verb does not.
    assert [frozenset({"msa"}) in t.forms for t in question.terms] == [True, True, True, False]


def test_an_acronym_the_source_writes_holds_the_words_of_the_name_it_spells_out(
    tmp_path: Path,
) -> None:
    corridor = article(
        "Corridor grows",
        "2026-05-02",
        "Three port cities set up the Baltic Freight Corridor Authority in 2019 to share rail "
        "slots. Each wagon on the freight corridor pays 40 euros.",
        "Riga has paid the BFCA 2 million euros a year since it joined. Tallinn pays half as much.",
    )
    engine = engine_over(tmp_path, corridor)
    # Part of the name is enough: the sentence writing "BFCA" holds "corridor" and "authority".
    for question in (
        "what does riga pay the corridor authority",
        "how much does riga pay the corridor authority",
    ):
        answer = engine.answer(question)
        assert answer.answered and answer.text.startswith("Riga has paid the BFCA"), question
        assert "40 euros" not in answer.text
