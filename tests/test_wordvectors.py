"""Words of like meaning from the static model's word vectors, and their use in questions."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from readers import reader_over, term_read

from bot.answer.questions import ALIKE_WORDS, QuestionReader
from bot.search.textnorm import terms
from bot.search.wordtables import render
from bot.search.wordvectors import (
    MIN_SIMILARITY,
    alike,
    commonest_within_one_edit,
    is_common_english,
    model_words,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import build_alike


def test_the_table_gives_the_words_alike_nearest_first() -> None:
    assert "employees" in alike("staff")
    assert "shares" in alike("stock")
    assert alike("zzxqv") == ()
    words, vectors = model_words()
    row = {w: i for i, w in enumerate(words)}
    near = alike("quarrel")
    cosines = [float(vectors[row["quarrel"]] @ vectors[row[w]]) for w in near]
    assert cosines == sorted(cosines, reverse=True)
    assert min(cosines) >= MIN_SIMILARITY - 1e-3


def test_the_table_is_built_from_the_vectors(tmp_path: Path) -> None:
    words = ["dispute", "quarrel", "river", "stream"]
    vectors = np.array(
        [[1.0, 0.0, 0.0], [0.9, 0.43589, 0.0], [0.0, 0.0, 1.0], [0.0, 0.866, 0.5]],
        dtype=np.float32,
    )
    table = build_alike.build(words, vectors)
    # Cosine 0.9 counts; 0.5 ("river" and "stream") is under the bar; nothing is its own match.
    assert table == {"dispute": ["quarrel"], "quarrel": ["dispute"]}
    text = render(build_alike.HEADER, table)
    assert text.splitlines()[2:] == ["dispute\tquarrel", "quarrel\tdispute"]


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
    assert len(staff.forms) <= ALIKE_WORDS


def test_a_word_alike_weighs_no_more_than_a_word_the_sources_lack(reader: QuestionReader) -> None:
    stock = term_read(reader, "how did the stock react", "stock")
    unknown = term_read(reader, "how did the qzxv react", "qzxv")
    assert stock.found_in(frozenset(terms(TEXTS[1])))
    assert stock.weight <= unknown.weight


def test_a_word_alike_may_stand_well_down_the_list(reader: QuestionReader) -> None:
    # "Concerns" is the tenth word nearest "worried": the sources use none of the nine before it.
    assert list(alike("worried")).index("concerns") >= 8
    texts = ["Lionel Baptiste, an analyst, raised concerns about fares."]
    worried = term_read(reader_over(texts), "what is the analyst worried about", "worried")
    assert worried.found_in(frozenset(terms(texts[0])))


def test_a_name_is_not_read_as_a_word_alike(reader: QuestionReader) -> None:
    # "Staff" written as a name (capitalised mid-question) is someone's name, not the workforce.
    staff = term_read(reader, "what did Tom Staff say", "staff")
    assert not staff.known


def test_a_russian_word_is_looked_up_by_its_dictionary_form() -> None:
    assert "автомобиль" in alike("машина")
    assert alike("машину") == alike("машина")
    assert alike("qzxv") == ()


RUSSIAN_TEXTS = [
    "На борту парома находились 86 пассажиров и 12 автомобилей.",
    "Губернатор приехала на открытие переправы.",
]


def test_a_russian_question_word_the_sources_lack_matches_a_word_alike() -> None:
    reader = reader_over(RUSSIAN_TEXTS)
    cars = term_read(reader, "сколько машин было на пароме", "машин")
    assert cars.known
    assert cars.found_in(frozenset(terms(RUSSIAN_TEXTS[0])))
    assert not cars.found_in(frozenset(terms(RUSSIAN_TEXTS[1])))


def test_the_russian_table_puts_word_forms_under_their_dictionary_form() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import build_alike_ru  # noqa: PLC0415

    vectors = {
        "машина": [1.0, 0.0],
        "машины": [1.0, 0.1],
        "автомобиль": [0.9, 0.2],
        "автомобиля": [0.95, 0.1],
        "река": [0.0, 1.0],
        "xyz": [1.0, 0.0],
    }
    words, matrix = build_alike_ru.lemma_vectors(list(vectors), lambda w: np.array(vectors[w]))
    # A word seen in one form only ("река") and a word not Russian are left out.
    assert words == ["автомобиль", "машина"]
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0)
    assert build_alike.build(words, matrix) == {
        "автомобиль": ["машина"],
        "машина": ["автомобиль"],
    }


def test_common_english_words_are_whole_words_of_the_model_vocabulary() -> None:
    assert is_common_english("come") and is_common_english("bank")
    assert not is_common_english("privet")


def test_a_slip_is_mended_to_the_commonest_english_word_one_edit_away() -> None:
    assert commonest_within_one_edit("jooke") == "joke"
    assert commonest_within_one_edit("languagees") == "languages"
    assert commonest_within_one_edit("qqqzzx") is None
    # A letter left out is the likelier slip: "mondy" is "monday", though "money" is commoner.
    assert commonest_within_one_edit("mondy") == "monday"
