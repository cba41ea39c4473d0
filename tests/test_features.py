"""Sentence splitting and the surface features answers are checked for."""

import pytest

from bot.search import features as feat


def test_split_keeps_abbreviations_initials_and_quotes() -> None:
    text = (
        "Mr. Smith met Dr. Jones in the U.S. on Monday. He said: “We agree.” "
        "A. Lukashenko replied. Trade rose 3.5 percent!"
    )
    assert feat.split_sentences(text) == [
        "Mr. Smith met Dr. Jones in the U.S. on Monday.",
        "He said: “We agree.”",
        "A. Lukashenko replied.",
        "Trade rose 3.5 percent!",
    ]


def test_split_leaves_a_lone_sentence_whole() -> None:
    assert feat.split_sentences("No full stop at the end") == ["No full stop at the end"]


def test_dates_numbers_money() -> None:
    assert feat.has_date("signed on March 13, 2023")
    assert feat.has_date("in 2021 it rose")
    assert not feat.has_date("signed a roadmap")
    # A weekday is a date, but not one of the calendar.
    assert feat.has_date("ended on Thursday") and not feat.has_calendar_date("ended on Thursday")
    assert feat.has_calendar_date("from 14 to 16 October")
    assert feat.has_calendar_date("in March") and feat.has_calendar_date("13 марта")
    assert feat.has_number("seven documents")
    assert feat.has_money("exceeded $33 million")
    assert not feat.has_money("seven documents")


def test_a_time_of_day_answers_when() -> None:
    assert feat.has_date("In the evening Ortolan met the prime minister")
    assert feat.has_date("the ferry leaves at 10:30") and feat.has_date("landed at 9 pm")
    assert not feat.has_date("the evening session") and not feat.has_calendar_date("at noon")


def test_a_month_named_alone_answers_when() -> None:
    assert feat.has_date("It would send them to the National Council by the end of June.")
    assert feat.has_date("The first turbine fed electricity into the grid last November.")
    assert feat.has_date("Work resumes in early March.")
    # A month is capitalised as the sources write it: "may" as a verb dates nothing.
    assert not feat.has_date("This may take longer than planned.")


def test_a_season_answers_when() -> None:
    assert feat.has_date("replanting would begin in the autumn")
    assert feat.has_date("work starts next spring") and feat.has_date("done by late summer")
    assert feat.has_date("we worked until three o'clock")
    assert not feat.has_date("the summer homes") and not feat.has_calendar_date("in the autumn")


def test_a_relative_day_inside_a_quotation_dates_nothing() -> None:
    # The speaker's "today" is a day the reader cannot tell.
    assert not feat.has_date('He said that "today Iran continues its independent path."')
    assert not feat.has_date("«Сегодня мы открываем новую страницу», сказал он.")
    assert feat.has_date("Today the two presidents met in Tehran.")
    # A date a quotation names is still a date.
    assert feat.has_date("“We will sign on 15 October,” she said.")
    assert feat.has_date("“We met today,” he said on Monday.")


@pytest.mark.parametrize(
    "text",
    [
        "farmers were paid an average of 41 cents a litre",
        "the deal, worth €2.1 billion",
        "it cost two billion dollars",
        "fares rise to 5 pence",
        "a ride costs 250 ₽",
        "Билет стоит 250 рублей",
        # A word no English dictionary has, after a figure where money is spoken of: the
        # sources' own currency.
        "each household received a relocation payment of 38,000 dalers",
        "the project cost 612 million dalers",
        # Millions of nothing named, where money is spoken of: the currency was said before.
        "the state paid 120 million, the council 24 million and the bank lent the rest",
        "a further 40 million was borrowed under a loan",
    ],
)
def test_a_sum_of_money_is_a_figure_in_a_currency(text: str) -> None:
    assert feat.has_sum(text)


@pytest.mark.parametrize(
    "text",
    [
        "Halmor buys about 30 percent of its electricity abroad",
        "the plant makes 180,000 cubic metres of water a day",
        "the dollar fell",
        "Доля выросла на 30 процентов",
        "the closure will cost 300 jobs",
        "the valley is home to 40,000 zorbles",
        # Millions of a thing named are no sum, money spoken of or not.
        "the city of 1.2 million people has a budget",
        "about 4.2 million journeys a year will pay for the line",
    ],
)
def test_a_share_a_measure_or_a_currency_without_a_figure_is_no_sum(text: str) -> None:
    assert not feat.has_sum(text)


def test_quotes_lists_people_places_reasons() -> None:
    assert feat.has_quote("“We agree,” he said.")
    assert feat.has_quote("Raisi emphasized that ties matter")
    assert feat.has_list("fields such as commerce and culture")
    assert feat.has_list("commerce, transport, culture and art")
    assert feat.has_person("Belarusian President Alexander Lukashenko arrived")
    assert feat.has_place("the visit to Tehran")
    # Where a place lies says where it is, named or not.
    assert feat.has_place("on the site of the old freight yard east of the main station")
    assert feat.has_place("The depot will stand next to the harbour.")
    assert not feat.has_place("The stadium will hold 32,000 people.")
    assert feat.has_reason("signed in order to widen trade")
    assert not feat.has_reason("signed on Monday")
    # An objection and the harm it names give the reason for it.
    assert feat.has_reason("Environmental groups object to the route of the cable.")
    assert feat.has_reason("Deepening the channel would damage a wetland.")
    assert not feat.has_reason("The groups met the minister on the route.")
    # What happened before is a reason when it is told as an event, not as a time.
    assert feat.has_reason("The boat spent seven weeks in dry dock after its gearbox failed.")
    assert not feat.has_reason("The route will be fixed after an impact study.")
    assert not feat.has_reason("Kestria may buy back the terminal after 15 years.")
    assert feat.has_reason("Drilling the tunnel could harm the springs.")
    # Harm done, a risk, a response: "the dredging destroyed eelgrass meadows".
    assert feat.has_reason("Drilling the tunnel could drain the springs that feed the wetland.")
    assert feat.has_reason("The landing has destroyed part of a feeding ground for waders.")
    assert feat.has_reason("She said the deal risked making the country dependent on one supplier.")
    assert feat.has_reason("The plant was a response to the drought of 2023.")
    assert not feat.has_reason("The flood forced 18,000 people from their homes last year.")
    assert feat.has_reason("The line was closed owing to high winds.")


def test_a_name_ending_in_a_place_or_a_made_thing_names_no_person() -> None:
    assert not feat.has_person("The Orlan Estuary Bridge opened to traffic in Mareska on Tuesday.")
    assert not feat.has_person("The talks were held in the Mirror Hall.")
    # A body acts as a person does: a company, a bank, a trust.
    assert feat.has_person("The crossing was built by the Brenholt Group.")
    assert feat.has_person("The loan came from the Northern Development Bank.")
    # An office says who, whatever the name around it.
    assert feat.has_person("The Transport Minister opened the bridge.")


def test_context_and_pronouns() -> None:
    assert feat.needs_context("In 2022, this figure rose to $100 million.")
    assert feat.needs_context("He described the positions as similar.")
    assert not feat.needs_context("Iran signed the roadmap.")
    # Russian leans on the sentence before with the same kinds of words.
    assert feat.needs_context("Беларусь состоит в обеих организациях.")
    assert feat.needs_context("Этот период удалось преодолеть.")
    assert not feat.needs_context("В 2022 году товарооборот вырос.")
    assert feat.needs_context("“Iran continues its path,” he said. Both sides agreed.")
    assert feat.starts_with_personal_pronoun("She said the tram would help.")
    assert not feat.starts_with_personal_pronoun("They said the tram would help.")
    assert feat.starts_with_thing_pronoun("It would carry the line to the hospital.")
    assert feat.starts_with_thing_pronoun("Its first day went smoothly.")
    # "He" goes on about a person; "Items" is no pronoun.
    assert not feat.starts_with_thing_pronoun("He said the tram would help.")
    assert not feat.starts_with_thing_pronoun("Items were lost on the first day.")


def test_russian_and_persian_he_or_she_as_subject() -> None:
    assert feat.starts_with_personal_pronoun("Он сказал, что поручит решить проблему.")
    assert feat.starts_with_personal_pronoun("Она назвала переправу мостом.")
    assert feat.starts_with_personal_pronoun("او گفت که سفر دو روزه بود.")
    assert not feat.starts_with_personal_pronoun("Они касаются торговли.")
    assert not feat.starts_with_personal_pronoun("Онлайн-продажи выросли.")


def test_a_name_is_given_after_called_or_in_quotation_marks() -> None:
    assert feat.has_name("They will form a single group called Alder Greystone.")
    assert feat.has_name("a subsea cable, known as the QS-1 interconnector")
    assert feat.has_name("Первый рейс выполнил паром «Ветлуга».")
    assert not feat.has_name("The ferry will run six times a day.")
    # Quoted words are not a name: «мостом, которого у нас не было».
    assert not feat.has_name("Она назвала переправу «мостом, которого у нас не было».")
    assert not feat.has_name("She called the plan ambitious.")


def test_a_dateline_is_taken_off_a_report_s_first_sentence() -> None:
    assert feat.without_dateline("KALVIK, Sept 2 (CWS) - Drevna signed.") == "Drevna signed."
    assert feat.without_dateline("MARROWICK — A week after.") == "A week after."
    assert feat.without_dateline("МИНСК, 13 марта (БЕЛТА) – Он прибыл.") == "Он прибыл."
    # Capitals and a dash that open a sentence are no dateline when the sentence goes on in
    # lower case, nor when no space surrounds the dash.
    assert feat.without_dateline("NATO - the alliance met.") == "NATO - the alliance met."
    assert feat.without_dateline("US-Iran talks began.") == "US-Iran talks began."
