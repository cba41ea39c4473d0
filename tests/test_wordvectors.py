"""Words of like meaning from the static model's word vectors, and their use in questions."""

from __future__ import annotations

import pytest
from readers import reader_over, term_read

from bot.answer.questions import QuestionReader
from bot.search.textnorm import terms
from bot.search.wordvectors import NEAREST, Neighbours


def test_a_word_finds_the_source_words_alike_in_meaning() -> None:
    neighbours = Neighbours(["employees", "river", "shares", "harbour", "quarrel"])
    assert neighbours.nearest("staff") == ["employees"]
    assert "shares" in neighbours.nearest("stock")
    # Unlike words stay apart, and a word is not its own neighbour.
    assert neighbours.nearest("quarrel") == []
    assert len(neighbours.nearest("stock")) <= NEAREST


def test_words_outside_the_model_or_the_sources_find_nothing() -> None:
    assert Neighbours(["employees"]).nearest("zzxqv") == []
    assert Neighbours([]).nearest("staff") == []


TEXTS = [
    "The combined group will have 11,600 employees in four countries.",
    "Greystone's shares jumped 27 percent on Monday.",
    "The new head office will open in Orrin next year.",
]


@pytest.fixture(scope="module")
def reader() -> QuestionReader:
    return reader_over(TEXTS)


def test_a_question_word_the_sources_lack_matches_a_word_alike(reader: QuestionReader) -> None:
    staff = term_read(reader, "how many staff will the group have", "staff")
    assert staff.known
    assert staff.found_in(frozenset(terms(TEXTS[0])))
    assert not staff.found_in(frozenset(terms(TEXTS[1])))


def test_a_word_alike_weighs_no_more_than_a_word_the_sources_lack(reader: QuestionReader) -> None:
    stock = term_read(reader, "how did the stock react", "stock")
    unknown = term_read(reader, "how did the qzxv react", "qzxv")
    assert stock.found_in(frozenset(terms(TEXTS[1])))
    assert stock.weight <= unknown.weight


def test_a_name_is_not_read_as_a_word_alike(reader: QuestionReader) -> None:
    # "Staff" written as a name (capitalised mid-question) is someone's name, not the workforce.
    staff = term_read(reader, "what did Tom Staff say", "staff")
    assert not staff.known
