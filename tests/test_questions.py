"""Reading questions: their kind and their weighted terms."""

from pathlib import Path

import pytest
from readers import article, engine_over, reader_over, term_read

from bot.answer import questions
from bot.answer.composer import has_measure
from bot.answer.questions import Kind, Meta, QuestionReader, phrase_in, question_kind
from bot.search.languages import fold, stop_words_of
from bot.search.textnorm import stem, terms

TEXTS = [
    "Iran and Belarus signed a roadmap on March 13, 2023.",
    "The road map covers trade, transport and culture.",
    "Lukashenko said sanctions had failed.",
    "Belarusian officials visited an exhibition.",
    "Countries sanctioned by the United States must cooperate.",
]


@pytest.fixture(scope="module")
def reader() -> QuestionReader:
    return reader_over(TEXTS)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("who signed the roadmap?", Kind.WHO),
        ("when was it signed?", Kind.WHEN),
        ("on what date were the deals signed?", Kind.WHEN),
        ("roadmap signing date", Kind.WHEN),
        ("moravec visit dates?", Kind.WHEN),
        # A question word typed last asks what it asks first.
        ("roadmap signed when", Kind.WHEN),
        # "When" before its auxiliary asks a time wherever it stands.
        ("since when has the mayor been pushing the idea", Kind.WHEN),
        ("and since when have they been talking", Kind.WHEN),
        ("the talks were held where?", Kind.WHERE),
        ("deal signed by who?", Kind.WHO),
        ("how many documents were signed?", Kind.COUNT),
        # A noun and a word for its count ask how many, as "how many" does.
        ("cabin count?", Kind.COUNT),
        ("visitor numbers on the first day", Kind.COUNT),
        ("the numbers?", Kind.GENERAL),
        ("how much did trade grow?", Kind.AMOUNT),
        ("what was the value of trade in 2022?", Kind.AMOUNT),
        ("what's the price of a ticket", Kind.AMOUNT),
        ("what did the dam cost?", Kind.AMOUNT),
        ("what did the whole project cost in the end", Kind.AMOUNT),
        ("cost of the tunnel on its own?", Kind.AMOUNT),
        ("total price tag of the line?", Kind.AMOUNT),
        ("whats the trade goal", Kind.GENERAL),
        ("where was the ceremony held?", Kind.WHERE),
        ("why was the program signed?", Kind.WHY),
        ("what's the purpose of the crossing?", Kind.WHY),
        ("what was the reason for the delay", Kind.WHY),
        ("which sectors are covered?", Kind.LIST),
        ("what did lukashenko say about sanctions?", Kind.SAY),
        # Any verb that attributes speech in a report asks for what was said.
        ("what did she warn about?", Kind.SAY),
        ("what did the ministry announce", Kind.SAY),
        ("is belarus a member of the sco?", Kind.YESNO),
        ("roadmap", Kind.GENERAL),
    ],
)
def test_question_kind(text: str, kind: Kind) -> None:
    assert question_kind(text)[0] is kind


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("top speed of the cabins?", "fast"),
        ("tunnel length", "far"),
        ("what speed will the trains reach", "fast"),
        ("how long is it", "long"),
        ("what time does the first flight leave", "clock"),
        # A measure noun before a noun names a kind of thing.
        ("total price tag of the high speed line?", None),
        ("what is the age limit for voters", None),
        # What a thing makes or holds, and an amount of power or energy.
        ("whats the capacity of the solar plant", "capacity"),
        ("how much power can the cable carry", "power"),
        ("how much electricity does the town use in a year", "power"),
        # A price asked is a sum of money, whatever it is the price of.
        ("how much does electricity cost for households", None),
    ],
)
def test_the_measure_asked_for(reader: QuestionReader, text: str, measure: str | None) -> None:
    assert reader.read(text).measure == measure


def test_a_noun_of_a_quantity_is_searched_where_a_noun_of_a_dimension_frames() -> None:
    reader = reader_over(["The line is 12 km long and has a capacity of 40 megawatts."])
    assert reader.read("tunnel length").frames("length")
    assert reader.read("how long is the line").frames("long")
    assert not reader.read("whats the capacity of the line").frames("capacity")
    assert not reader.read("how much power can the line carry").frames("power")


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("who wrote the article?", Meta.AUTHOR),
        ("which news outlet published this report?", Meta.PUBLISHER),
        ("when was the article published?", Meta.PUBLISHED),
        # What is published or written, unnamed, is the text read.
        ("when was it published", Meta.PUBLISHED),
        ("when was this written?", Meta.PUBLISHED),
    ],
)
def test_questions_about_the_document_itself(text: str, meta: Meta) -> None:
    assert question_kind(text) == (Kind.META, meta)


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("кто автор статьи?", Meta.AUTHOR),
        ("кто написал этот материал", Meta.AUTHOR),
        ("какое издание опубликовало статью?", Meta.PUBLISHER),
        ("когда вышла статья", Meta.PUBLISHED),
        ("نویسنده این مقاله کیست؟", Meta.AUTHOR),
        ("کدام رسانه این خبر را منتشر کرد", Meta.PUBLISHER),
        ("این مقاله کی منتشر شد", Meta.PUBLISHED),
        # When something in the news was done is a question about the news, not the document.
        ("когда подписали документы?", None),
        ("سند کی امضا شد", None),
    ],
)
def test_russian_and_persian_questions_about_the_document_itself(
    reader: QuestionReader, text: str, meta: Meta | None
) -> None:
    q = reader.read(text)
    assert q.meta is meta
    assert (q.kind is Kind.META) == (meta is not None)


def test_frame_and_stop_words_carry_no_weight(reader: QuestionReader) -> None:
    q = reader.read("Can you tell me what Lukashenko said about sanctions?")
    assert [t.surface for t in q.terms] == ["lukashenko", "sanctions"]
    # Every form of a verb that frames a question frames it.
    q = reader.read("What happens to the sanctions, and what does Lukashenko know?")
    assert [t.surface for t in q.terms] == ["sanctions", "lukashenko"]
    # "Else" asks for more of something, and names no thing the sources would have to use.
    q = reader.read("what else was signed?")
    assert [t.surface for t in q.terms] == ["signed"]
    assert not q.unknown_focus


@pytest.mark.parametrize(
    ("question", "surfaces"),
    [
        # "Date" and "number" name what the question's kind asks for, which answers give as a
        # date or a figure; "as well" is a phrase of function words.
        ("date of the talks with lukashenko", ["talks", "lukashenko"]),
        ("number of documents signed", ["documents", "signed"]),
        ("why was a program signed as well", ["program", "signed"]),
        # "What year", "which city": the noun says what the question's kind asks for.
        ("in what year did iran sign the roadmap", ["iran", "sign", "roadmap"]),
        ("which city hosted the talks", ["hosted", "talks"]),
        ("how did trade change last year", ["trade", "change", "last", "year"]),
        # "Going to" before a verb says "will"; before a place, where someone goes.
        ("who is going to pay for the roadmap", ["pay", "roadmap"]),
        ("is lukashenko going to tehran", ["lukashenko", "going", "tehran"]),
    ],
)
def test_words_that_only_frame_the_question_are_left_out(
    reader: QuestionReader, question: str, surfaces: list[str]
) -> None:
    assert [t.surface for t in reader.read(question).terms] == surfaces


def test_typos_are_corrected_in_the_question_read(reader: QuestionReader) -> None:
    # An English slip is mended in the question's text, which every reading of it then sees.
    q = reader.read("what did lukashneko say about sanctons")
    assert [(t.surface, t.forms[0]) for t in q.terms] == [
        ("lukashenko", frozenset({"lukashenko"})),
        ("sanctions", frozenset({"sanction"})),
    ]
    # "How loong" is "how long", which of a tunnel asks its length.
    assert reader_over(["The tunnel is 12 km long."]).read("how loong is the tunnel").measure == (
        "far"
    )
    assert reader_over(["The talks were long."]).read("how loong were the talks").measure == (
        "long"
    )


def test_a_misspelt_word_finds_what_the_word_it_stands_for_finds() -> None:
    texts = ["They signed eleven documents.", "Two agreements were hailed."]
    reader = reader_over(texts)
    typed = reader.read("how many agreemnts were signed").terms[0]
    spelt = term_read(reader, "how many agreements were signed", "agreements")
    assert typed == spelt and frozenset({"document"}) in typed.forms


def test_misspelt_question_words_read_as_the_words_they_miss(reader: QuestionReader) -> None:
    typed = reader.read("hw mny documents wil teh roadmap cover")
    spelt = reader.read("how many documents will the roadmap cover")
    assert typed.kind is Kind.COUNT
    assert [t.surface for t in typed.terms] == [t.surface for t in spelt.terms]
    assert reader.read("wich city signed it").kind is Kind.WHERE
    # A name typed in capitals, and a word the sources use, are left as they are.
    assert [t.surface for t in reader.read("What did Wil say").terms] == ["wil"]
    named = reader_over(["Minister Wil Hart signed the deal."])
    assert [t.surface for t in named.read("what did wil say").terms] == ["wil"]
    # "Wen" is a word of the dictionary too, but opening a question it is "when".
    assert reader.read("wen was the roadmap signed").kind is Kind.WHEN
    assert "wen" in [t.surface for t in reader.read("the wen on his neck").terms]


def test_a_number_word_is_no_synonym() -> None:
    # The thesaurus gives "first" for "start"; read as "1", it would find every first thing.
    reader = reader_over(["The first ferry began service in 2024.", "Work will start soon."])
    start = term_read(reader, "when did the service start", "start")
    assert frozenset({"begin"}) in start.forms
    assert frozenset({"1"}) not in start.forms


@pytest.mark.parametrize(
    "filler",
    [
        "please ",
        "hey, ",
        "ok so ",
        "pls tell me ",
        "can u tell me ",
        "do u know ",
        "quick question: ",
        "one more thing - ",
    ],
)
@pytest.mark.parametrize(
    "question",
    [
        "who signed the roadmap",
        "what is the population of minsk",
        "which sectors",
        # A preposition before the question word is passed over after a request too.
        "in which sectors were agreements signed",
    ],
)
def test_words_that_only_fill_before_the_question_word_are_passed_over(
    reader: QuestionReader, filler: str, question: str
) -> None:
    plain, filled = reader.read(question), reader.read(filler + question)
    for field in ("kind", "terms", "unknown_focus", "which_one", "measure", "name_asked"):
        assert getattr(filled, field) == getattr(plain, field)


@pytest.mark.parametrize(
    "typed",
    [
        "ROADMAP LENGTH?",
        "Roadmap Length In Pages?",
        "WHO SIGNED THE ROADMAP",
        "WIL LUKASHENKO SIGN",
    ],
)
def test_a_question_all_in_capitals_or_title_case_reads_as_typed_in_lower_case(
    reader: QuestionReader, typed: str
) -> None:
    lower, cased = reader.read(typed.lower()), reader.read(typed)
    for field in ("kind", "terms", "measure", "phrases", "unknown_names"):
        assert getattr(cased, field) == getattr(lower, field)


def test_chat_particles_are_no_terms(reader: QuestionReader) -> None:
    plain = [t.surface for t in reader.read("who signed the roadmap").terms]
    for typed in (
        "who signed the roadmap tho",
        "hmm who signed the roadmap lol",
        "btw who signed the roadmap",
    ):
        assert [t.surface for t in reader.read(typed).terms] == plain


def test_a_slip_no_dictionary_knows_is_mended(reader: QuestionReader) -> None:
    # To a word of the sources, four letters being enough where the slip is no English word ...
    named = reader_over(["Prime Minister Mirela Kask flew home.", "The seats were filled."])
    assert named.read("when did kaks fly home").terms[0].surface == "kask"
    # ... else to the commonest English word one edit away, which reads as that word does.
    assert reader.read("tell me a jooke").chitchat
    assert [t.surface for t in named.read("what languagees").terms] == ["languages"]
    # A three-letter slip, to a word of the sources only; a stop word is no content word's slip.
    lined = reader_over(["The mayor opened the new line in May."])
    assert [t.surface for t in lined.read("when did the lne open").terms] == ["line", "open"]
    assert [t.surface for t in lined.read("what did the mayr say").terms] == ["mayor"]


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("whens the roadmap signed", Kind.WHEN),
        ("wheres the roadmap signed", Kind.WHERE),
        ("whos signed the roadmap", Kind.WHO),
    ],
)
def test_a_question_word_and_is_typed_as_one_word_ask_what_the_question_word_asks(
    reader: QuestionReader, typed: str, kind: Kind
) -> None:
    assert reader.read(typed).kind is kind


def test_a_topic_before_the_question_word_is_read_after_it(reader: QuestionReader) -> None:
    for typed in (
        "the roadmap, who signed it?",
        "roadmap: who signed it",
        "roadmap - who signed it",
    ):
        q = reader.read(typed)
        assert q.kind is Kind.WHO
        assert sorted(t.surface for t in q.terms) == ["roadmap", "signed"]
    # A name the sources lack stays: the question is still about it.
    lacking = reader.read("Kazakhstan: who is the president?")
    assert lacking.kind is Kind.WHO and lacking.unknown_names == 1


def test_road_map_and_roadmap_meet_both_ways(reader: QuestionReader) -> None:
    joined = reader.read("who signed the road map").terms[-1]
    assert joined.found_in(frozenset({"roadmap"})) and joined.found_in(frozenset({"road", "map"}))


def test_demonyms_meet_their_country(reader: QuestionReader) -> None:
    belarus = reader.read("Belarus visit").terms[0]
    assert belarus.found_in(frozenset({"belarusian"}))


def test_unknown_words_weigh_less_than_unknown_names(reader: QuestionReader) -> None:
    q = reader.read("What is the weather like in Kazakhstan?")
    weights = {t.surface: t.weight for t in q.terms}
    assert weights["kazakhstan"] > weights["weather"]
    assert q.unknown_names == 1
    assert q.chitchat


def test_years_measures_counts_and_focus(reader: QuestionReader) -> None:
    assert reader.read("trade in 2022").years == frozenset({"2022"})
    assert reader.read("How long was the visit?").measure == "long"
    assert reader.read("how far is the port from the city").measure == "far"
    # "How far over budget", "how far behind schedule" ask how much off a mark, not a distance.
    assert reader.read("how far over budget did it go").measure is None
    assert reader.read("how far behind schedule is the line").measure is None
    signed = reader_over(["Seven documents were signed."])
    assert "document" in signed.read("How many documents were signed?").count_focus
    assert "document" in signed.read("document count?").count_focus
    assert reader.read("What is the population of Minsk?").unknown_focus
    assert not reader.read("What is the roadmap?").unknown_focus
    # Every word of the noun asked about counts, a possessive's too, typed with or without
    # its apostrophe.
    for question in ("what is lukashenko's salary", "what is the lukashenkos salary"):
        assert reader.read(question).unknown_focus
    assert reader.read("what is the exchange rate").unknown_focus
    assert not reader.read("what is the road map").unknown_focus
    # A verb after the noun is no part of it.
    assert not reader.read("what are the sanctions worried about").unknown_focus
    # "What's special about X" asks what is said of X: "special" names no thing.
    assert not reader.read("whats special about the roadmap").unknown_focus


def test_the_subject_of_a_when_question_ending_at_its_verb_is_what_is_dated() -> None:
    reader = reader_over(
        [
            "The Riverside tram line will open in the spring of 2027.",
            "Its new turbines will spin for the first time in May.",
        ]
    )
    # "Season" is no word of the sources: the start of a season is nothing they tell of.
    assert reader.read("When does the Riverside football season start?").unknown_focus
    assert not reader.read("when does the riverside tram line open").unknown_focus
    # An adverb before the verb names no subject; the noun before it does.
    assert not reader.read("when will the turbines first spin").unknown_focus
    # Past the verb, where the subject ends is not told by the words: nothing is read.
    assert not reader.read("when will the football season start in riverside").unknown_focus
    assert questions._subject_dated("when does the riverside football season start") == ("season",)
    assert questions._subject_dated("when will the turbines first spin") == ("turbines",)


def test_the_thing_counted_is_counted_in_words_alike_to_it_too(tmp_path: Path) -> None:
    texts = [
        "The Kessel bridge opened on Monday, replacing the old car ferry across the Lune.",
        "Planners expect some 21,000 vehicles a day to cross the bridge by 2030.",
    ]
    focus = reader_over(texts).read("how many cars a day will cross the bridge").count_focus
    assert {"car", "vehicl"} <= focus
    # A synonym through a rarer sense is no such word ("line" of work for "jobs").
    assert "line" not in reader_over(["Jobs on the line."]).read("how many jobs").count_focus
    engine = engine_over(tmp_path, article("Kessel bridge opens", "2026-05-04", *texts))
    answer = engine.answer("how many cars a day will cross the bridge")
    assert answer.answered and "21,000 vehicles" in answer.text


def test_an_adjective_of_quality_says_which_thing_not_what(tmp_path: Path) -> None:
    texts = [
        "Orvenna gets about 640 millimetres of rainfall in a normal year.",
        "The telescope's tube has a length of nine metres.",
    ]
    reader = reader_over(texts)
    # "Usual" is not in the sources, but the rainfall asked about is.
    assert not reader.read("whats the usual rainfall in orvenna").unknown_focus
    # A noun, a relational adjective, or an adjective WordNet joins to the noun as the name of a
    # kind, asks about another thing than the one the sources name.
    for question in (
        "what is the winter rainfall",
        "what is the presidential rainfall",
        "what is the focal length of the telescope",
    ):
        assert reader.read(question).unknown_focus, question
    engine = engine_over(tmp_path, article("Rain in Orvenna", "2026-05-04", *texts))
    answer = engine.answer("whats the usual rainfall in orvenna")
    assert answer.answered and "640 millimetres" in answer.text
    assert not engine.answer("what is the focal length of the telescope").answered


def test_what_a_who_question_asks_the_person_acted_on_is_its_focus() -> None:
    built = reader_over(["The harbour was built by Strandlund-Mereau and opened by the mayor."])
    # The sources never speak of a logo: whoever they name did not design it.
    assert built.read("who designed the logo for the new harbour").unknown_focus
    assert built.read("who will design the logo").unknown_focus
    assert not built.read("who built the harbour").unknown_focus
    # A name the sources lack is no common word, nor is a particle after the verb.
    assert not built.read("who greeted moravec").unknown_focus
    assert not built.read("who else brought up the logo").unknown_focus


def test_the_speaker_a_say_question_asks_about_is_its_focus() -> None:
    said = reader_over(['"The roadmap will clarify our path," the president said.'])
    # The sources never speak of environmentalists: what they said is not there.
    assert said.read("what do environmentalists say about the roadmap").unknown_focus
    assert said.read("what did the farmers think of the roadmap").unknown_focus
    # A speaker the sources name, or a pronoun, or a word after the verb of saying, is no focus.
    assert not said.read("what did the president say about the roadmap").unknown_focus
    assert not said.read("what did he say").unknown_focus
    assert not said.read("what did the president say to the farmers").unknown_focus
    # A name the sources lack is counted apart, as an unknown name.
    named = said.read("what did Macron say about the roadmap")
    assert not named.unknown_focus and named.unknown_names == 1


def test_the_noun_a_which_question_asks_for_comes_after_a_count_of_them(
    reader: QuestionReader,
) -> None:
    assert reader.read("which company built the port").which_noun == "company"
    assert reader.read("which two leaders signed the roadmap").which_noun == "leaders"
    assert reader.read("which 3 firms won the tender").which_noun == "firms"
    # "Which one" counts nothing.
    assert reader.read("which one did belarus sign").which_noun == "one"


def test_us_in_capitals_is_the_united_states_and_in_lower_case_a_pronoun(
    reader: QuestionReader,
) -> None:
    q = reader.read("Who was sanctioned by the US?")
    us = next(t for t in q.terms if t.surface == "us")
    assert us.found_in(frozenset({"unit", "state"})) and us.known and us.name
    assert "us" not in [t.surface for t in reader.read("tell us about trade").terms]


def test_phrase_in_allows_short_gaps_in_order() -> None:
    assert phrase_in(("presid", "lukashenko"), ("presid", "alexand", "lukashenko"))
    assert not phrase_in(("lukashenko", "presid"), ("presid", "alexand", "lukashenko"))
    assert not phrase_in(("unit", "nation"), ("unit", "state", "a", "b", "c", "nation"))


RUSSIAN_FERRY = [
    "Паром ходит шесть раз в день, а капитан водит его уже двадцать лет.",
    "Билет для пассажира стоит 250 рублей.",
]


def test_a_russian_question_about_a_word_the_sources_lack_has_an_unknown_focus() -> None:
    reader = reader_over(RUSSIAN_FERRY)
    assert reader.read("какая глубина озера").unknown_focus
    assert not reader.read("сколько стоит билет").unknown_focus
    # The words that tell the kind ("в каком городе") are not what is asked about.
    assert not reader.read("в каком городе ходит паром").unknown_focus


def test_a_persian_question_about_a_word_the_sources_lack_has_an_unknown_focus() -> None:
    reader = reader_over(["حجم مبادلات تجاری در سال ۲۰۲۱ از ۳۳ میلیون دلار گذشت."])
    assert reader.read("قیمت دلار امروز چند است").unknown_focus
    assert not reader.read("حجم مبادلات چقدر بود").unknown_focus


def test_a_russian_or_persian_count_of_a_unit_of_time_wants_that_unit() -> None:
    reader = reader_over(RUSSIAN_FERRY)
    assert reader.read("сколько часов идет паром").count_focus == frozenset({"час"})
    assert reader.read("چند ساعت طول کشید").count_focus == frozenset({"ساعت"})
    assert reader.read("сколько лет капитан водит паром").count_focus == frozenset({"год"})
    # How long something lasts: a figure of any unit of time.
    lasting = reader.read("сколько длился визит").count_focus
    assert {"день", "час", "год"} <= lasting
    assert [t.surface for t in reader.read("сколько длился визит").terms] == ["визит"]
    assert {"روز", "سال"} <= reader.read("سفر چه مدت طول کشید").count_focus
    assert not reader.read("кто приехал с визитом").count_focus


def test_units_of_time_are_not_stop_words() -> None:
    for word in ("лет", "год", "дней", "сутки"):
        assert fold(word) not in stop_words_of("ru")
    assert "روز" not in stop_words_of("fa")
    assert "год" in terms("капитан водит паром уже двадцать лет")


def test_the_russian_copula_frames_a_question() -> None:
    reader = reader_over(RUSSIAN_FERRY)
    # "Является" is "is": what is asked about is the ferry's captain.
    assert [t.surface for t in reader.read("кто является капитаном парома").terms] == [
        "капитаном",
        "парома",
    ]


def test_the_name_asked_for_frames_a_russian_question() -> None:
    reader = reader_over(RUSSIAN_FERRY)
    # "как называется" asks for a name, as "what is it called" does: the ferry is the topic.
    assert [t.surface for t in reader.read("как называется паром").terms] == ["паром"]
    assert not reader.read("какова цель билета").unknown_focus


@pytest.mark.parametrize(
    ("question", "measure"),
    [
        ("how long is the line", "long"),
        ("what is the length of the line", "far"),
        ("top speed of the trains", "fast"),
        ("who signed the roadmap", None),
    ],
)
def test_a_measure_is_asked_by_its_adjective_or_its_noun(
    reader: QuestionReader, question: str, measure: str | None
) -> None:
    assert reader.read(question).measure == measure


def test_every_number_word_gives_a_measure() -> None:
    assert has_measure("long", "a fifteen-year accord")
    assert has_measure("fast", "limited to 60 kilometres per hour")
    assert not has_measure("far", "a fifteen-year accord")


@pytest.mark.parametrize(
    "text",
    [
        "whats the new company gonna be called",
        "what is the name of the ferry",
        "what will the plant be named?",
        "как называется паром",
        "какое название у компании",
        "نام کشتی چیست",
    ],
)
def test_a_question_asking_what_something_is_called_wants_a_name(
    reader: QuestionReader, text: str
) -> None:
    assert reader.read(text).name_asked


@pytest.mark.parametrize(
    "text", ["who called for closer ties", "when was the company named", "какой паром"]
)
def test_other_questions_do_not_want_a_name(reader: QuestionReader, text: str) -> None:
    assert not reader.read(text).name_asked


def test_chat_forms_of_going_to_carry_no_weight(reader: QuestionReader) -> None:
    assert "gonna" not in {t.surface for t in reader.read("whats it gonna cost").terms}


def test_a_request_for_the_weather_is_in_scope_where_the_sources_speak_of_it() -> None:
    reader = reader_over(
        ["The ports will share weather data and storm warnings.", "Погода задержала паром."]
    )
    assert not reader.read("what weather data will the ports share").chitchat
    assert not reader.read("как погода повлияла на паром").chitchat
    assert reader.read("tell me a joke about ports").chitchat
    assert reader.read("расскажи анекдот").chitchat


def test_a_word_of_chat_after_a_preposition_is_not_what_is_asked() -> None:
    reader = reader_over(["Storms cancelled 23 days of visits last winter."])
    # The sources never say "weather", but the question asks for days, not a forecast.
    assert not reader.read("how many days were lost to bad weather").chitchat
    assert not reader.read("were visits cancelled because of the weather").chitchat
    assert reader.read("what is the weather like today").chitchat
    assert reader.read("tell me a joke about storms").chitchat


def test_a_yes_no_question_names_its_subject_after_its_verb(reader: QuestionReader) -> None:
    assert reader.read("does the roadmap cover culture").subject == "roadmap"
    assert reader.read("did lukashenko admit ties had stalled").subject == "lukashenko"
    assert reader.read("who signed the roadmap").subject is None


def test_an_abbreviated_title_meets_the_title_written_out() -> None:
    reader = reader_over(["Prime Minister Helga Moen met the president.", "The talks ended."])
    pm = term_read(reader, "what did the pm say", "pm")
    assert pm.found_in(frozenset(terms("Prime Minister")))
    assert not pm.name


DINNER = [
    "The presidents attended a gala dinner at the Opera House.",
    "Mayor Ann Lee welcomed them at the airport. The lake fell to 19 percent.",
]


def test_a_what_or_which_question_about_a_word_the_sources_lack_has_an_unknown_focus() -> None:
    reader = reader_over(DINNER)
    assert reader.read("what was on the menu at the gala dinner").unknown_focus
    assert reader.read("which languages do they speak at the opera").unknown_focus
    assert reader.read("how much is a ticket to the dinner").unknown_focus
    # "Who" and "when" lead to an action, not a thing; "how low" is a question word; a misspelt
    # question word names nothing.
    assert not reader.read("who greeted the presidents at the airport").unknown_focus
    assert not reader.read("how low did the lake fall").unknown_focus
    assert not reader.read("wich dinner did they attend").unknown_focus
    # A known word later in the same noun may be the thing asked for: "menu" may only qualify
    # "dinner" here. A stop word ends the noun.
    assert not reader.read("what menu dinner did they attend").unknown_focus
    assert reader.read("what menu did they serve at the dinner").unknown_focus


def test_a_word_the_sources_lack_is_read_as_a_source_word_of_a_synonym_s_root() -> None:
    # WordNet gives "share" the synonym "percentage"; the sources say "percent".
    reader = reader_over(["The province pays 60 percent of the cost."])
    share = term_read(reader, "what share does the province pay", "share")
    assert share.known and share.found_in(frozenset({"percent"}))
    # A word merely alike to a synonym is not of its root: "company" is not read as "call".
    called = reader_over(["She called the plant a success."])
    company = term_read(called, "which company runs the plant", "company")
    assert not company.found_in(frozenset({"call"}))


def test_a_word_the_sources_lack_is_read_as_a_guess_at_the_source_word_it_is_made_from() -> None:
    reader = reader_over(
        [
            "Environmental groups say the tunnel would drain the springs.",
            "The house was sold.",
            "The Kestrel plant opened.",
        ]
    )
    made = term_read(reader, "what do environmentalists say about the tunnel", "environmentalists")
    assert made.known and made.guesses == 1
    assert made.found_in(frozenset({stem("environmental")}))
    assert made.credit(frozenset({stem("environmental")})) == questions.GUESS_CREDIT
    # A beginning shorter than six letters ("house" of "housemates"), or than three fifths of
    # the word ("kestrel" of "kestrelisationism"), is no source word it is made from.
    assert not term_read(reader, "where are the housemates", "housemates").known
    assert not term_read(reader, "what is kestrelisationism", "kestrelisationism").known


def test_dates_and_numbers_frame_a_question_as_date_and_number_do(reader: QuestionReader) -> None:
    assert [t.surface for t in reader.read("roadmap signing dates?").terms] == [
        "roadmap",
        "signing",
    ]
    assert "numbers" not in [t.surface for t in reader.read("trade numbers 2022").terms]


def test_who_is_the_x_asks_about_x() -> None:
    reader = reader_over(["Director Ann Lee said the museum reopened on Saturday."])
    assert reader.read("who is the mayor of the city").unknown_focus
    assert not reader.read("who is the director of the museum").unknown_focus


def test_a_count_is_of_the_word_itself_where_the_sources_use_it() -> None:
    # WordNet lists "line" among the synonyms of "job"; "three shipping lines" counts no jobs.
    reader = reader_over(
        ["Three shipping lines will call every week.", "The port will support 1,400 jobs."]
    )
    q = reader.read("how many jobs will the port bring")
    assert "job" in q.count_focus and "line" not in q.count_focus
    # A word the sources lack is counted in the words they use for it; with none, no word of
    # theirs is what is counted.
    assert "job" in reader.read("how many occupations are there").count_focus
    assert reader.read("how many boxes will the port move").count_focus == frozenset()


@pytest.mark.parametrize(
    ("question", "which_one"),
    [
        ("which brand might they have to sell", True),
        ("which airport did she land at", True),
        # "Which is" picks one of several too; a list, a place and "which are" ask for
        # something else than one thing's name.
        ("which is the biggest boat", True),
        ("which was the first ship to dock", True),
        ("which sectors does the roadmap cover", False),
        ("which city hosted the talks", False),
        ("which are the biggest boats", False),
        ("what brand is it", False),
    ],
)
def test_which_and_a_noun_asks_for_one_thing(
    reader: QuestionReader, question: str, which_one: bool
) -> None:
    assert reader.read(question).which_one is which_one


def test_the_words_for_a_role_by_gender_are_its_variants() -> None:
    variants = questions._role_variants
    assert variants("chairwoman") == [stem("chairman"), stem("chairperson")]
    assert variants("fishermen") == [
        stem("fisherwomen"),
        stem("fisherpeople"),
        stem("fisherpersons"),
    ]
    # Too short a base is no role's name: "human", "german", "woman" itself.
    assert variants("human") == variants("german") == variants("woman") == []
