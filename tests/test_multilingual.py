"""Documents and questions in Russian and Persian, and questions across languages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.answer.conversation import Conversation, Examples
from bot.answer.crosslingual import load_glossary
from bot.answer.engine import Engine, build_engine
from bot.answer.questionwords import question_kind
from bot.answer.smalltalk import Act
from bot.answer.texts import TEXTS
from bot.knowledge.documents import KnowledgeError, parse_document
from bot.knowledge.languages import SUPPORTED
from bot.search.languages import russian_verb
from bot.search.textnorm import normalize

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"
ENGLISH_DOC = KNOWLEDGE / "iran-belarus-roadmap-2023.md"
RUSSIAN_DOC = KNOWLEDGE / "iran-belarus-roadmap-2023-ru.md"
PERSIAN_KNOWLEDGE = REPO / "tests" / "data" / "fa-knowledge"


@pytest.fixture(scope="module")
def shipped() -> Engine:
    return build_engine(KNOWLEDGE)


@pytest.fixture(scope="module")
def english_only(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("english")
    shutil.copy(ENGLISH_DOC, folder)
    for glossary in KNOWLEDGE.glob("glossary.*.tsv"):
        shutil.copy(glossary, folder)
    return build_engine(folder)


@pytest.fixture(scope="module")
def persian() -> Engine:
    return build_engine(PERSIAN_KNOWLEDGE)


@pytest.mark.parametrize("request_words", ["подскажите, ", "объясните, ", "напомни, "])
def test_a_russian_request_to_tell_frames_the_question(shipped: Engine, request_words: str) -> None:
    a = shipped.answer(request_words + "Что сказал Хаменеи о санкциях?")
    assert a.answered and "оружие санкций" in a.text


def test_language_comes_from_front_matter_else_from_the_text() -> None:
    named = parse_document("a", b"---\nlanguage: RU\n---\nText in English.\n")
    assert named.language == "ru"
    assert parse_document("b", "Президенты встретились в Минске.".encode()).language == "ru"
    assert parse_document("c", b"The presidents met in Minsk.").language == "en"
    with pytest.raises(ValueError, match="ISO 639-1"):
        parse_document("d", "---\nlanguage: russian\n---\nТекст.\n".encode())


def test_russian_question_is_answered_from_the_russian_document(shipped: Engine) -> None:
    a = shipped.answer("Что сказал Хаменеи о санкциях?")
    assert a.answered and "оружие санкций" in a.text
    assert {c.document for c in a.citations} == {"iran-belarus-roadmap-2023-ru"}


def test_who_wrote_it_is_answered_in_the_language_asked(shipped: Engine) -> None:
    # The Russian summary has no byline: the one document whose front matter has one answers.
    russian = shipped.answer("кто автор статьи?")
    assert russian.answered and "Автор материала" in russian.text
    assert "Nigar Bayramli" in russian.text
    assert {c.document for c in russian.citations} == {"iran-belarus-roadmap-2023"}
    persian = shipped.answer("نویسنده این مقاله کیست؟")
    assert persian.answered and "نویسندهٔ مطلب" in persian.text and "Nigar Bayramli" in persian.text
    # Told from the front matter, not quoted from the English text.
    assert "در منبع انگلیسی" not in shipped.answer("کدام رسانه این خبر را منتشر کرد").text
    english = shipped.answer("who wrote the article?")
    assert english.text.startswith("“Iran, Belarus Sign")
    assert "was written by Nigar Bayramli for Caspian News" in english.text


def test_a_count_read_across_languages_counts_the_english_of_the_counted_word(
    shipped: Engine,
) -> None:
    # "How many documents were signed": the sentence that counts documents, not the one with a
    # 30th anniversary.
    answer = shipped.answer("چند سند امضا شد")
    assert answer.answered and "seven cooperation documents" in answer.text


def test_english_question_is_still_answered_from_the_english_document(shipped: Engine) -> None:
    a = shipped.answer("How much was trade between Iran and Belarus in 2022?")
    assert a.answered and "100 million" in a.text
    assert {c.document for c in a.citations} == {"iran-belarus-roadmap-2023"}


def test_russian_question_over_english_sources_quotes_them_in_russian(
    english_only: Engine,
) -> None:
    a = english_only.answer("Что сказал Хаменеи о санкциях?")
    assert a.answered and a.text.startswith("В источнике на английском языке: «")
    assert "Khamenei" in a.text and "[1]" in a.text
    assert a.citations[0].document == "iran-belarus-roadmap-2023"


@pytest.mark.parametrize(
    ("question", "told"),
    [
        # The shipped glossary knows the points of the compass and the news words of a visit.
        ("کریدور شمال جنوب", "North-South Transport Corridor"),
        ("روسای جمهور از چه نمایشگاهی بازدید کردند", "exhibition"),
    ],
)
def test_persian_over_english_sources_reads_through_the_shipped_glossary(
    shipped: Engine, question: str, told: str
) -> None:
    a = shipped.answer(question)
    assert a.answered and a.text.startswith("در منبع انگلیسی آمده است")
    assert told in a.text


def test_weak_match_across_languages_declines_naming_the_languages(english_only: Engine) -> None:
    a = english_only.answer("Какая погода будет завтра в Мадриде?")
    assert not a.answered and a.citations == ()
    assert "английский" in a.text and "Iran, Belarus Sign" in a.text


def test_persian_question_typed_with_arabic_letters_and_digits(persian: Engine) -> None:
    typed = persian.answer("حجم مبادلات تجاري در سال ٢٠٢٢ چقدر بود؟")
    assert typed.answered and "۱۰۰ میلیون دلار" in typed.text
    assert persian.answer("حجم مبادلات تجاری در سال ۲۰۲۲ چقدر بود؟").citations == typed.citations


def test_persian_off_topic_question_is_declined_in_persian(persian: Engine) -> None:
    a = persian.answer("دستور پخت قرمه سبزی چیست؟")
    assert not a.answered and "منابع" in a.text


def test_glossary_lines_are_checked_by_name_and_line(tmp_path: Path) -> None:
    (tmp_path / "glossary.ru-en.tsv").write_text("# terms\nсанкция\tsanctions\nбез перевода\n")
    with pytest.raises(KnowledgeError) as caught:
        load_glossary(tmp_path)
    assert [(p.name, p.reason.split(":")[0]) for p in caught.value.problems] == [
        ("glossary.ru-en.tsv", "line 3")
    ]


def test_glossary_file_is_not_a_document(tmp_path: Path) -> None:
    shutil.copy(ENGLISH_DOC, tmp_path)
    (tmp_path / "glossary.ru-en.tsv").write_text("санкция\tsanctions\n")
    engine = build_engine(tmp_path)
    assert [d.id for d in engine.kb.documents] == ["iran-belarus-roadmap-2023"]
    assert engine.glossary.sizes()["ru"] == 1
    assert engine.glossary.origins == {"ru": "glossary.ru-en.tsv", "fa": "built in"}


def test_a_folder_without_glossary_files_uses_the_built_in_ones(tmp_path: Path) -> None:
    shutil.copy(ENGLISH_DOC, tmp_path)
    engine = build_engine(tmp_path)
    assert set(engine.glossary.origins.values()) == {"built in"}
    a = engine.answer("Когда была подписана дорожная карта?")
    assert a.answered and "March 13" in a.text


def test_the_shipped_knowledge_glossaries_are_the_built_in_ones() -> None:
    for path in KNOWLEDGE.glob("glossary.*-en.tsv"):
        built_in = REPO / "bot" / "answer" / "glossaries" / path.name.removeprefix("glossary.")
        assert path.read_text(encoding="utf-8") == built_in.read_text(encoding="utf-8")


def test_words_with_one_english_equivalent_stand_for_each_other(shipped: Engine) -> None:
    assert "торговля" in shipped.glossary.synonyms("ru", "товарооборот")
    assert "товарооборот" not in shipped.glossary.synonyms("ru", "товарооборот")


def test_russian_typos_are_corrected_against_the_sources_words(shipped: Engine) -> None:
    typed = shipped.answer("Каким был товароборот в 2022 году?")
    assert typed.answered and "100 млн долларов" in typed.text
    assert typed.citations[0].document == "iran-belarus-roadmap-2023-ru"


@pytest.mark.parametrize(
    ("said", "says"),
    [
        ("Привет!", "Здравствуйте"),
        ("Спасибо большое", "Пожалуйста"),
        ("سلام", "سلام!"),
        ("خیلی ممنون", "خواهش"),
    ],
)
def test_small_talk_is_answered_in_its_language(shipped: Engine, said: str, says: str) -> None:
    conversation = Conversation(shipped)
    answer = conversation.ask(said)
    assert answer.kind == "smalltalk" and says in answer.text


def test_a_russian_follow_up_is_read_against_the_question_before(shipped: Engine) -> None:
    conversation = Conversation(shipped)
    first = conversation.ask("Что сказал Хаменеи о санкциях?")
    assert first.answered
    follow = conversation.ask("а когда?")
    assert follow.answered and follow.citations[0].document == "iran-belarus-roadmap-2023-ru"


def test_example_questions_are_offered_in_the_language_asked_for(
    shipped: Engine, persian: Engine
) -> None:
    examples = Examples(["Who signed the roadmap?", "Когда подписали дорожную карту?"])
    russian = examples.of(shipped, "ru")
    assert russian[0] == "Когда подписали дорожную карту?" and len(russian) == 2
    assert russian[1].startswith("О чём «Иран и Беларусь")
    english = examples.of(shipped)
    assert english[0] == "Who signed the roadmap?" and english[1].startswith("Who is ")
    # With none configured in a language, they are made from its documents, in that language.
    made = Examples([]).of(persian, "fa")
    assert made == ("«امضای نقشه راه همکاری‌های جامع ایران و بلاروس» درباره چیست؟",)
    assert Examples([]).of(persian, "ru") == ()


def test_a_solar_hijri_date_meets_the_gregorian_date_of_an_english_source(
    english_only: Engine,
) -> None:
    answer = english_only.answer("در ۲۲ اسفند ۱۴۰۱ چند سند همکاری امضا شد؟")
    assert answer.answered and "seven cooperation documents" in answer.text
    # The Persian reader sees the date in the calendar it asked in, too.
    assert "March 13, 2023 (۲۲ اسفند ۱۴۰۱)" in answer.text
    assert "(۲۲ اسفند" not in english_only.answer("When was the roadmap signed?").text


SOLAR_FA = """---
title: گشایش خط کشتیرانی خزر
language: fa
published: 2024-05-02
---

خط کشتیرانی تازه میان بندر انزلی و بندر آستاراخان روز ۱۵ آوریل ۲۰۲۴ گشایش یافت.

نخستین کشتی این خط پانصد تن کالا را در سه روز جابه‌جا کرد.
"""


def test_a_solar_hijri_date_meets_a_gregorian_date_written_in_persian(tmp_path: Path) -> None:
    (tmp_path / "caspian-fa.md").write_text(SOLAR_FA, encoding="utf-8")
    engine = build_engine(tmp_path)
    answer = engine.answer("در ۲۷ فروردین ۱۴۰۳ چه چیزی گشایش یافت؟")
    assert answer.answered and "انزلی" in answer.text
    assert "۱۵ آوریل ۲۰۲۴ (۲۷ فروردین ۱۴۰۳)" in answer.text


def test_russian_typed_in_latin_letters_talks_and_follows_up_as_russian(shipped: Engine) -> None:
    conversation = Conversation(shipped, Examples(["Когда подписали дорожную карту?"]))
    thanks = conversation.ask("spasibo bolshoe")
    assert thanks.kind == "smalltalk" and "Пожалуйста" in thanks.text
    first = conversation.ask("chto skazal Khamenei o sanktsiyakh?")
    # Read as "что сказал хаменеи о санкциях?", it is answered from the Russian document.
    assert first.answered and "Хаменеи" in first.text and "оружие санкций" in first.text
    # "a kogda?" ("and when?") leans on the question before, as "а когда?" does.
    follow = conversation.ask("a kogda?")
    assert follow.resolved is not None and "санкц" in follow.resolved


def test_every_text_of_the_bot_is_written_in_every_language() -> None:
    # A missing translation would fall back to English in the middle of a Russian chat.
    for key, table in TEXTS.items():
        assert set(table) == set(SUPPORTED), key
    for act in Act:
        assert f"talk_{act.value}" in TEXTS


def test_a_year_asked_in_latin_digits_is_met_in_persian_digits(persian: Engine) -> None:
    # The source writes "۲۰۲۲"; the question "2022", and "رقمی" (a figure) is no unknown name.
    answer = persian.answer("مبادلات تجاری در 2022 به چه رقمی رسید")
    assert answer.answered and "۱۰۰ میلیون" in answer.text


def test_what_someone_said_goes_on_in_the_next_sentence_by_he() -> None:
    engine = build_engine(REPO / "tests" / "data" / "ru-knowledge")
    answer = engine.answer("что лукашенко пообещал сделать с банковскими проблемами")
    # "Лукашенко пообещал ... . Он сказал, что после возвращения в Минск поручит ...".
    assert answer.answered and "пообещал" in answer.text and "Минск" in answer.text
    assert len(answer.citations) == 1


def test_a_russian_question_word_opening_a_clause_of_the_question_does_not_set_its_kind() -> None:
    # "Когда" only says when what is asked happens; after "и" it asks a question of its own.
    assert question_kind(normalize("что будет зимой, когда озеро замёрзнет"), "ru") == "general"
    assert question_kind(normalize("где будет жить команда, пока идёт ремонт"), "ru") == "where"
    assert question_kind(normalize("кто и когда подписал дорожную карту"), "ru") == "when"
    assert question_kind(normalize("когда озеро замёрзнет"), "ru") == "when"
    # A token that is no word is no question word.
    assert question_kind("\ud800 когда", "ru") == "when"


def test_a_russian_verb_of_speech_the_sources_use_asks_what_was_said() -> None:
    assert question_kind(normalize("что сообщил ахмеров"), "ru") == "say"
    assert question_kind(normalize("что рассказал капитан"), "ru") == "say"
    # Asking and proposing report words too.
    assert question_kind(normalize("о чём просил галибаф"), "ru") == "say"
    assert question_kind(normalize("что предложил министр"), "ru") == "say"
    engine = build_engine(REPO / "tests" / "data" / "ferry-knowledge")
    answer = engine.answer("что сообщил ахмеров")
    # He goes on in the next sentence ("Он добавил, что ..."): both are what he said.
    assert answer.answered and "34 человека" in answer.text and "2028" in answer.text


DURATION_RU = """---
title: Визит в Минск
language: ru
---
Премьер-министр прибыл в Минск 13 марта 2023 года с трёхдневным визитом.

Стороны подписали пятилетнюю программу сотрудничества в 2022 году.
"""


def test_a_russian_count_of_days_or_years_is_met_by_a_compound_figure(tmp_path: Path) -> None:
    (tmp_path / "visit-ru.md").write_text(DURATION_RU, encoding="utf-8")
    engine = build_engine(tmp_path)
    days = engine.answer("Сколько дней длился визит премьер-министра?")
    assert days.answered and "трёхдневным" in days.text
    lasting = engine.answer("Как долго длился визит премьер-министра?")
    assert lasting.answered and "трёхдневным" in lasting.text
    years = engine.answer("На сколько лет рассчитана программа?")
    assert years.answered and "пятилетнюю" in years.text


def test_a_calendar_year_is_not_a_count_of_years(tmp_path: Path) -> None:
    (tmp_path / "visit-ru.md").write_text(DURATION_RU, encoding="utf-8")
    engine = build_engine(tmp_path)
    # The sources date the visit but never give the minister's age.
    assert not engine.answer("Сколько лет премьер-министру?").answered


FERRY_RU = """---
title: Паромная переправа
language: ru
---
4 октября 2026 года открылась паромная переправа через озеро.

Паром будет ходить шесть раз в день с апреля по ноябрь.
"""


def test_a_russian_noun_finds_its_adjective_and_a_verb_its_reflexive_form(
    tmp_path: Path,
) -> None:
    (tmp_path / "ferry-ru.md").write_text(FERRY_RU, encoding="utf-8")
    engine = build_engine(tmp_path)
    opened = engine.answer("Когда открыли переправу?")
    assert opened.answered and "4 октября" in opened.text
    ferry = engine.answer("Когда открылся паром?")
    assert ferry.answered and ferry.text.startswith("4 октября")
    assert "ходить" not in ferry.text


def test_a_question_asking_what_something_is_called_is_answered_with_the_name(
    tmp_path: Path,
) -> None:
    named = FERRY_RU + (
        "\nЗимой паром заменит судно на воздушной подушке, паром встанет на ремонт.\n\n"
        "Первый рейс выполнил паром «Ветлуга», на борту были 86 пассажиров и 12 автомобилей.\n"
    )
    (tmp_path / "ferry-ru.md").write_text(named, encoding="utf-8")
    answer = build_engine(tmp_path).answer("как называется паром")
    assert answer.answered and "Ветлуга" in answer.text


def test_an_english_decline_names_the_english_sources_first(tmp_path: Path) -> None:
    # "a-..." sorts before "b-...": the Russian document comes first in the folder.
    (tmp_path / "a-ru.md").write_text(
        "---\ntitle: Паром открыт\n---\n\nПаром через озеро открыли 4 октября 2026 года.\n",
        encoding="utf-8",
    )
    (tmp_path / "b-en.md").write_text(
        "---\ntitle: Ferry opens\n---\n\nThe ferry across the lake opened on 4 October 2026.\n",
        encoding="utf-8",
    )
    answer = build_engine(tmp_path).answer("what is the population of Oslo?")
    assert not answer.answered
    assert answer.text.index("Ferry opens") < answer.text.index("Паром открыт")


def russian_engine(folder: Path, *paragraphs: str) -> Engine:
    """Build the engine of one Russian report of ``paragraphs``."""
    front = "---\ntitle: Переправа\nsource: Тест\npublished: 2026-10-05\nlanguage: ru\n---\n\n"
    (folder / "ferry.md").write_text(front + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return build_engine(folder)


FERRY_PRICES = (
    "В Лиственске открылась паромная переправа через озеро.",
    "Перевозка легкового автомобиля обойдётся в 900 рублей.",
    "Строительство причалов и покупка парома обошлись в 620 млн рублей.",
)
GOVERNOR = (
    "Губернатор области Ирина Веденеева приехала на открытие переправы.",
    "Губернатор сказала, что за первый год переправа перевезёт 150 тысяч пассажиров.",
)
HIRED = (
    "В Лиственске открылась паромная переправа через озеро.",
    "Директор сообщил, что компания наняла 34 человека, в основном жителей обоих берегов.",
)


@pytest.mark.parametrize(
    ("paragraphs", "question", "expected"),
    [
        # The same verb in the future tense says what a trip will cost, not what the crossing
        # did; and the other way round.
        pytest.param(FERRY_PRICES, "во сколько обошлась переправа", "620 млн", id="past"),
        pytest.param(
            FERRY_PRICES, "во сколько обойдётся перевозка автомобиля", "900 рублей", id="future"
        ),
        pytest.param(
            GOVERNOR, "сколько пассажиров перевезёт переправа за первый год", "150 тысяч", id="year"
        ),
        # Workers the report never names are counted as people.
        pytest.param(HIRED, "сколько работников наняла компания", "34 человека", id="people"),
    ],
)
def test_a_russian_answer_leads_with_what_is_asked(
    tmp_path: Path, paragraphs: tuple[str, ...], question: str, expected: str
) -> None:
    answer = russian_engine(tmp_path, *paragraphs).answer(question)
    assert answer.answered and expected in answer.text.split("[1]")[0]


def test_a_russian_verb_s_tense_and_an_ordinal_are_read(tmp_path: Path) -> None:
    assert russian_verb("обошлась") == ("обойтись", True)
    assert russian_verb("обойдется") == ("обойтись", False)
    assert russian_verb("стола") is None
    # "За первый год" is no age: the first year is not one year counted.
    assert (
        not russian_engine(tmp_path, *GOVERNOR)
        .answer("сколько лет губернатору веденеевой")
        .answered
    )


def test_a_russian_he_is_named_after_the_speaker_before() -> None:
    engine = build_engine(REPO / "tests" / "data" / "ru-knowledge", 0.0)
    answer = engine.answer("куда вернется лукашенко и поручит решить банковскую проблему")
    assert "Он (Лукашенко) сказал" in answer.text and "Минск" in answer.text
