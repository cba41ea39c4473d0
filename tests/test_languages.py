"""Languages of text and the word analysis of Russian and Persian."""

from __future__ import annotations

import pytest

from bot.answer.questionwords import looks_like_name
from bot.answer.texts import choose_language
from bot.knowledge.languages import detect_language
from bot.search.features import has_number, has_person
from bot.search.languages import (
    cyrillic_word,
    fold,
    indefinite_base,
    is_known_word,
    join_affixes,
    lemma,
    russian_relatives,
    stop_words_of,
    typed_in_latin,
)
from bot.search.textnorm import terms


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Who signed the roadmap?", "en"),
        ("Кто подписал дорожную карту?", "ru"),
        ("چه کسی نقشه راه را امضا کرد؟", "fa"),
        ("من ذهبت إلى المدرسة", "ar"),
        ("2023", "en"),
        ("Кто такой Raisi?", "ru"),
    ],
)
def test_language_is_the_script_most_letters_are_in(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_persian_letter_forms_digits_and_non_joiners_fold_to_one_spelling() -> None:
    assert fold("رئيس كشور") == fold("رئیس کشور")
    assert fold("۱۴۰۱ و ١٤٠١") == "1401 و 1401"
    assert fold("تحریم\u200cها") == "تحریمها"


def test_russian_case_forms_meet_in_one_lemma() -> None:
    assert terms("дорожную карту") == terms("дорожная карта") == terms("дорожной карты")
    assert terms("санкций") == terms("санкции")


def test_persian_suffixes_and_prefixes_typed_any_way_meet() -> None:
    assert terms("تحریم‌ها") == terms("تحریمها") == terms("تحریم ها") == terms("تحریم")
    assert terms("می‌گوید") == terms("می گوید") == terms("میگوید")
    assert terms("ريیس") == terms("رییس")


def test_figures_and_units_are_one_term_in_every_language() -> None:
    assert set(terms("100 млн долларов")) == set(terms("$100 million"))
    assert set(terms("۱۰۰ میلیون دلار")) == set(terms("$100 million"))
    assert terms("семь документов")[0] == "7"


def test_a_russian_adjective_of_a_figure_and_a_unit_of_time_holds_both() -> None:
    assert terms("с двухдневным визитом")[:2] == ["2", "день"]
    assert terms("пятилетний план")[:2] == ["5", "год"]
    assert terms("десятидневный")[:2] == ["10", "день"]
    # Words that only begin like a figure stay whole.
    assert terms("двусторонний семинар") == ["двусторонний", "семинар"]


def test_a_persian_unit_of_time_with_its_ending_is_the_unit() -> None:
    assert terms("سفر دو روزه") == ["سفر", "2", "روز"]
    assert terms("قرارداد ده ساله") == terms("قرارداد ده سال")


def test_russian_and_persian_number_words_are_figures() -> None:
    assert has_number("Президенты подписали семь документов.")
    assert has_number("Визит был двухдневным.")
    assert has_number("او برای یک سفر دو روزه آمد.")
    assert not has_number("Президенты обсудили санкции.")


def test_a_russian_noun_its_adjective_and_a_verb_its_reflexive_form_are_relatives() -> None:
    assert "паромный" in russian_relatives("паром")
    assert "паром" in russian_relatives("паромный")
    assert "банковский" in russian_relatives("банк")
    assert "экономика" in russian_relatives("экономический")
    assert "нефть" in russian_relatives("нефтяной")
    assert russian_relatives("открыть") == ("открыться",)
    assert russian_relatives("открыться") == ("открыть",)
    # Too short a root has no relatives worth guessing.
    assert russian_relatives("мир") == ()


def test_stop_words_come_from_the_libraries_without_figures() -> None:
    russian = stop_words_of("ru")
    assert "и" in russian and "в" in russian and "миллион" not in russian
    persian = stop_words_of("fa")
    assert "از" in persian and "هزار" not in persian
    assert not any(c.isdigit() for w in persian for c in w)


def test_persian_affixes_typed_apart_are_joined() -> None:
    assert join_affixes(["می", "گوید", "کتاب", "ها"]) == ["میگوید", "کتابها"]
    assert join_affixes(["the", "ها"]) == ["the", "ها"]


def test_a_russian_sentence_names_a_person_by_the_dictionarys_name_tags() -> None:
    assert has_person("Подписание прошло в присутствии Эбрахима Раиси и Александра Лукашенко.")
    assert has_person("Он встретился с Галибафом.")
    assert not has_person("13 марта в Тегеране Иран и Беларусь подписали дорожную карту.")


def test_a_decimal_comma_is_a_decimal_point_and_a_thousands_comma_groups() -> None:
    assert set(terms("1,5 млрд долларов")) == set(terms("$1.5 billion"))
    assert terms("1,500 people")[0] == "1500"
    assert terms("۱٫۵ میلیارد")[0] == "1.5"


@pytest.mark.parametrize(
    ("typed", "cyrillic"),
    [
        ("kto podpisal dorozhnuyu kartu?", "кто подписал дорожную карту?"),
        ("kogda podpisali dorozhnuyu kartu", "когда подписали дорожную карту"),
    ],
)
def test_russian_typed_in_latin_letters_is_read_in_cyrillic(typed: str, cyrillic: str) -> None:
    assert typed_in_latin(typed) == cyrillic
    assert choose_language(typed) == "ru"


@pytest.mark.parametrize(
    "english",
    [
        "Who signed the roadmap?",
        "who is dana holm?",
        "when will lukashenko come back to iran",
        # A name is spelled in either alphabet: alone, or beside an English word, it is no Russian.
        "Lukashenko?",
        "lukashenko quotes",
        # A surname that is also some other Russian word ("путин", "лавров") is still a name.
        "putin",
        "and lavrov?",
        "what about putin",
        # As many English words as slips that spell a Russian word ("mondy": "монды") is English.
        "can i go on a mondy",
    ],
)
def test_english_with_words_russian_also_has_stays_english(english: str) -> None:
    assert typed_in_latin(english) is None
    assert choose_language(english) == "en"


@pytest.mark.parametrize(
    ("typed", "cyrillic"),
    [
        # No soft sign typed, "shch" for "щ", "y" for "ы": the spelling the dictionary knows wins.
        ("skolko dokumentov bylo podpisano", "сколько документов было подписано"),
        ("chto poobeshchal Lukashenko", "что пообещал Лукашенко"),
        ("chto skazal hamenei o sankciyah", "что сказал хаменеи о санкциях"),
        ("chto skazal putin", "что сказал путин"),
    ],
)
def test_russian_typed_in_latin_letters_by_any_scheme_is_read_in_cyrillic(
    typed: str, cyrillic: str
) -> None:
    assert typed_in_latin(typed) == cyrillic


def test_a_latin_word_no_spelling_of_which_is_russian_has_no_cyrillic_word() -> None:
    assert cyrillic_word("dorozhnuyu") == "дорожную"
    assert cyrillic_word("qqqzzz") is None
    assert cyrillic_word("abc1") is None


def test_a_persian_word_folded_without_its_madda_is_still_a_dictionary_word() -> None:
    # "آینده" folds to "اینده", as many type it: a word of the language, not a name.
    assert is_known_word(fold("آینده"), "fa")
    assert is_known_word("اینده", "fa")
    assert not looks_like_name("اینده")
    assert lemma("اینده", "fa") == lemma(fold("آینده"), "fa")
    assert looks_like_name("لوکاشنکو")


def test_a_persian_word_with_the_indefinite_ending_is_a_word_not_a_name() -> None:
    assert indefinite_base("رقمی") == "رقم"
    assert indefinite_base("لوکاشنکو") is None
    assert not looks_like_name("رقمی")


@pytest.mark.parametrize("typed", ["privet", "Privet!", "privet kak dela"])
def test_a_rare_english_word_that_spells_a_russian_one_is_russian(typed: str) -> None:
    # "privet" is an English word too (a hedge shrub), but too rare to be one in a chat.
    assert typed_in_latin(typed) is not None
    assert choose_language(typed) == "ru"


def test_a_common_english_word_stays_english_though_it_spells_a_russian_one() -> None:
    assert cyrillic_word("most") == "мост"
    assert typed_in_latin("most") is None
    assert choose_language("most") == "en"
