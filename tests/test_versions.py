"""Several documents on one fact: each agreeing source cited, each differing version given."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers import article, engine_of

from bot.answer.engine import Engine, build_engine

WIRE = """---
title: Portland and Riga sign harbour accords
source: Harbour Wire
published: 2024-05-02
---

Portland and Riga signed seven agreements on Wednesday during the mayor's visit to the Baltic port.

Trade between the two cities reached $12 million in 2023, according to the port authority.

The two mayors met on 2 May at the Riga city hall and spoke about ferries.
"""

GAZETTE = """---
title: Eight accords for the harbour
source: City Gazette
published: 2024-05-03
---

Portland and Riga signed eight agreements during the mayor's visit, the city hall said.

Trade between the two cities reached 12 million dollars in 2023, up from $9 million in 2022.

A new ferry line is planned for the summer of 2025.
"""

REVIEW = """---
title: The harbour accords a week later
source: Port Review
published: 2024-05-10
---

Trade between the two cities reached $15 million in 2021 before the pandemic cut it back.

The two mayors met on 3 May at the Riga city hall, a week after the accords were drafted.

Critics say the ferry line will lose money for years.
"""


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(
        tmp_path_factory.mktemp("harbour"), {"wire": WIRE, "gazette": GAZETTE, "review": REVIEW}
    )


def cited(engine: Engine, question: str) -> list[tuple[int, str, int]]:
    return [(c.ref, c.document, c.paragraph) for c in engine.answer(question).citations]


def test_differing_counts_are_both_given_with_source_and_date(harbour: Engine) -> None:
    answer = harbour.answer("How many agreements were signed during the visit?")
    assert answer.answered
    assert answer.text.startswith(
        "The sources disagree: seven agreements, per Harbour Wire, 2024-05-02 [1]; "
        "eight agreements, per City Gazette, 2024-05-03 [2]."
    )
    assert [(c.ref, c.document, c.paragraph) for c in answer.citations] == [
        (1, "wire", 1),
        (2, "gazette", 1),
    ]


def test_differing_dates_are_both_given(harbour: Engine) -> None:
    answer = harbour.answer("When did the two mayors meet?")
    assert "2 May, per Harbour Wire, 2024-05-02 [1]" in answer.text
    assert "3 May, per Port Review, 2024-05-10 [2]" in answer.text


def test_the_same_figure_in_two_documents_cites_both(harbour: Engine) -> None:
    answer = harbour.answer("How much was trade between the two cities in 2023?")
    assert "disagree" not in answer.text
    assert "$12 million in 2023" in answer.text
    assert "[1][2]" in answer.text
    assert {c.document for c in answer.citations} == {"wire", "gazette"}


def test_a_figure_for_another_year_is_no_disagreement(harbour: Engine) -> None:
    answer = harbour.answer("How much was trade between the two cities in 2023?")
    assert "15 million" not in answer.text
    assert "review" not in {c.document for c in answer.citations}


def test_a_named_outlet_is_the_one_answered_from(harbour: Engine) -> None:
    answer = harbour.answer("How many agreements were signed, according to the City Gazette?")
    assert "eight agreements" in answer.text
    assert "seven" not in answer.text
    assert [c.document for c in answer.citations] == ["gazette"]


def test_the_latest_asks_for_the_newest_version_first(harbour: Engine) -> None:
    answer = harbour.answer(
        "According to the latest report, how many agreements were signed during the visit?"
    )
    assert answer.text.index("eight agreements") < answer.text.index("seven agreements")
    assert answer.citations[0].document == "gazette"


def test_the_latest_is_the_newest_document_that_speaks_of_the_thing_at_all(
    tmp_path: Path,
) -> None:
    first = article(
        "Port deal",
        "2025-10-15",
        "The terminal will be built by Valmont Logistics. The terminal will handle five million "
        "tonnes a year. The terminal is due to open in 2030.",
    )
    later = article(
        "Opposition attacks deal",
        "2025-10-28",
        "Opposition leader Dana Holm told a rally in Brask on Sunday that the forty-year lease on "
        "the terminal was a giveaway.",
        source="Observer",
    )
    answer = engine_of(tmp_path, {"wire": first, "observer": later}).answer(
        "latest news on the terminal"
    )
    assert answer.answered and answer.citations[0].document == "observer"
    assert "giveaway" in answer.text


def test_a_speed_is_no_version_of_a_length(tmp_path: Path) -> None:
    line = article(
        "Rail plan",
        "2025-10-02",
        "Freight trains on the R7 line are limited to 60 kilometres per hour on long stretches.",
    )
    signed = article(
        "Rail deal signed",
        "2025-10-16",
        "The agreement covers the modernisation of the R7 line, of which 148 kilometres lie in "
        "Kestria.",
        source="Valmont Tribune",
    )
    answer = engine_of(tmp_path, {"plan": line, "signed": signed}).answer("how long is the r7 line")
    assert "disagree" not in answer.text


def test_one_document_never_disagrees_with_itself(tmp_path: Path) -> None:
    (tmp_path / "wire.md").write_text(WIRE, encoding="utf-8")
    answer = build_engine(tmp_path).answer("How many agreements were signed during the visit?")
    assert answer.text == (
        "Portland and Riga signed seven agreements on Wednesday (1 May 2024) during the mayor's "
        "visit to the Baltic port [1]."
    )


def test_a_fact_two_documents_state_cites_both(tmp_path: Path) -> None:
    (tmp_path / "wire.md").write_text(
        "---\ntitle: Harbour pact signed\nsource: Harbour Wire\n---\n\n"
        "The harbour pact was signed by Mayor Jane Doe of Portland and Mayor Ivars Ozols of "
        "Riga.\n\n"
        "Ferries will sail three times a week.\n",
        encoding="utf-8",
    )
    (tmp_path / "gazette.md").write_text(
        "---\ntitle: A pact for the ports\nsource: City Gazette\n---\n\n"
        "Mayor Ivars Ozols of Riga and Mayor Jane Doe of Portland signed the harbour pact.\n\n"
        "Critics say the ferries will lose money.\n",
        encoding="utf-8",
    )
    answer = build_engine(tmp_path).answer("Who signed the harbour pact?")
    assert answer.text.endswith("[1][2].")
    assert sorted((c.document, c.paragraph) for c in answer.citations) == [
        ("gazette", 1),
        ("wire", 1),
    ]
    assert [c.ref for c in answer.citations] == [1, 2]


def test_the_same_figure_told_in_other_words_cites_each_document(tmp_path: Path) -> None:
    engine = engine_of(
        tmp_path,
        {
            "post": article(
                "Union fears for ground jobs",
                "2027-03-10",
                "The union said about 400 ground handling jobs could be lost as overlapping work "
                "was combined.",
                "The airlines say the deal will create 1,200 jobs by 2030.",
                source="Evening Post",
            ),
            "courier": article(
                "Merger agreed",
                "2027-03-11",
                "The union fears that about 400 ground handling jobs could go as the airlines "
                "merge.",
                "Both airlines will keep their own names.",
                source="Courier",
            ),
        },
    )
    answer = engine.answer("how many jobs could be lost")
    # The Courier never says "lost", but gives the same 400 ground handling jobs: cited beside.
    assert "400" in answer.text and "[1][2]" in answer.text
    assert sorted(c.document for c in answer.citations) == ["courier", "post"]
    # The 1,200 jobs created are another fact: no version of the 400, nor cited.
    assert "disagree" not in answer.text and "1,200" not in answer.text


LEDGER = """---
title: Rail plan explained
source: Daily Ledger
published: 2025-10-02
---

Freight trains on the R9 line are limited to 60 kilometres per hour on long stretches.
"""

TRIBUNE = """---
title: Leaders sign rail framework
source: The Tribune
published: 2025-10-16
---

The framework covers the modernisation of the R9 line, which is 212 kilometres long.

Upgrading the R9 line will cost 350 million euros.
"""


@pytest.fixture(scope="module")
def rail(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    return engine_of(tmp_path_factory.mktemp("rail"), {"ledger": LEDGER, "tribune": TRIBUNE})


@pytest.mark.parametrize(
    "question", ["what is the length of the r9 line", "how long is the r9 line"]
)
def test_a_speed_and_a_sum_are_not_versions_of_a_length(rail: Engine, question: str) -> None:
    # "60 kilometres per hour" measures a speed, and euros a cost: neither differs from the
    # 212 kilometres the line is long.
    answer = rail.answer(question)
    assert "212" in answer.text
    assert "disagree" not in answer.text
    assert "euros" not in answer.text


def report(folder: Path, source: str, published: str, text: str) -> None:
    """Write a one-paragraph report of ``source`` into ``folder``."""
    name = source.lower().replace(" ", "-")
    report_text = article(f"Report by {source}", published, text, source=source)
    (folder / f"{name}.md").write_text(report_text, encoding="utf-8")


def test_figures_far_apart_in_size_are_two_facts_not_two_versions(tmp_path: Path) -> None:
    report(tmp_path, "Courier", "2027-05-14", "The harbour, which cost 2.3 billion euros, opened.")
    report(
        tmp_path, "Evening Post", "2027-05-15", "A ferry ticket to the harbour will cost 29 euros."
    )
    answer = build_engine(tmp_path).answer("how much did the harbour cost")
    assert answer.answered
    assert "disagree" not in answer.text and len(answer.citations) == 1


def test_days_within_one_span_of_an_event_are_no_versions_of_its_date(tmp_path: Path) -> None:
    report(
        tmp_path,
        "Herald",
        "2025-10-01",
        "President Moravec will pay a state visit to Kestria from 14 to 16 October.",
    )
    report(
        tmp_path,
        "Tribune",
        "2025-10-16",
        "Eight documents were signed on 15 October, during President Moravec's state visit.",
    )
    report(
        tmp_path,
        "Ledger",
        "2025-10-17",
        "President Moravec met the prime minister on 16 October during her state visit.",
    )
    answer = build_engine(tmp_path).answer("when was president moravec's state visit")
    assert answer.answered and "disagree" not in answer.text


def test_two_single_days_of_one_event_disagree_within_a_longer_span(tmp_path: Path) -> None:
    report(
        tmp_path,
        "Herald",
        "2025-10-18",
        "Over three days, from 14 to 16 October, the delegation toured two ports, met the"
        " governor and attended the trade fair.",
    )
    report(
        tmp_path,
        "Tribune",
        "2025-10-17",
        "The trade fair, which opened on Tuesday, 14 October, drew some 300 exhibitors.",
    )
    report(
        tmp_path,
        "Ledger",
        "2025-10-19",
        "On Wednesday, 15 October, the trade fair opened in the old customs hall.",
    )
    answer = build_engine(tmp_path).answer("what day did the trade fair open")
    assert answer.answered and "disagree" in answer.text
    assert "14 October" in answer.text and "15 October" in answer.text


def test_a_length_in_two_spellings_of_its_unit_is_two_versions(tmp_path: Path) -> None:
    report(
        tmp_path,
        "Herald",
        "2026-03-05",
        "The Tovar tunnel would carry the line for 11.4 kilometres beneath the hills.",
    )
    report(
        tmp_path,
        "Review",
        "2026-03-10",
        "The biggest risk is the Tovar tunnel, a 12.6-kilometre bore through the hills.",
    )
    answer = build_engine(tmp_path).answer("tovar tunnel length")
    assert answer.answered and "disagree" in answer.text
    assert "11.4" in answer.text and "12.6" in answer.text


def test_a_cost_asked_for_has_versions_in_sums_only(tmp_path: Path) -> None:
    report(
        tmp_path,
        "Herald",
        "2026-03-05",
        "The Tovar tunnel would carry the line for 11.4 kilometres and cost 2.1 billion euros.",
    )
    report(
        tmp_path,
        "Review",
        "2026-03-10",
        "The Tovar tunnel, a 12.6-kilometre bore, is the most expensive part of the line.",
    )
    answer = build_engine(tmp_path).answer("cost of the tovar tunnel on its own?")
    assert answer.answered and "2.1 billion" in answer.text and "disagree" not in answer.text


def test_a_count_per_week_in_each_document_cites_each_or_gives_each(tmp_path: Path) -> None:
    # "How many flights": "10 flights a week" counts flights, a week at a time.
    report(
        tmp_path,
        "Herald",
        "2027-03-09",
        "The new route will start with 10 flights a week between the two capitals.",
    )
    report(
        tmp_path,
        "Review",
        "2027-03-10",
        "Cheaper fares are promised. The route between the capitals opens with 10 flights a week.",
    )
    agreed = build_engine(tmp_path).answer("how many flights a week at the start")
    assert agreed.answered and "10 flights a week" in agreed.text
    assert {c.document for c in agreed.citations} == {"herald", "review"}
    report(
        tmp_path,
        "Review",
        "2027-03-10",
        "Cheaper fares are promised. The route between the capitals opens with 12 flights a week.",
    )
    differ = build_engine(tmp_path).answer("how many flights a week at the start")
    assert "disagree" in differ.text and "10" in differ.text and "12" in differ.text


def test_a_sum_beside_the_thing_priced_is_a_version_of_its_worth(tmp_path: Path) -> None:
    report(
        tmp_path,
        "Herald",
        "2027-03-09",
        "The airlines agreed a deal worth 1.8 billion dollars on Tuesday.",
    )
    report(
        tmp_path,
        "Post",
        "2027-03-10",
        "Ministers welcomed the deal, valued at 2.1 billion dollars, in the capital.",
    )
    # "Valued at 2.1 billion dollars" gives the deal's worth without the word "worth".
    answer = build_engine(tmp_path).answer("how much is the deal worth")
    assert answer.answered and "disagree" in answer.text
    assert "1.8 billion" in answer.text and "2.1 billion" in answer.text


def test_a_sum_of_another_thing_is_no_version_of_the_money_asked_about() -> None:
    # Another report's "put the cost of the tunnel alone at 1.1 billion euros" holds "putting"
    # and a sum, but not the bank the answer's sum is lent by.
    summit = build_engine(Path(__file__).resolve().parent / "data" / "summit-knowledge")
    answer = summit.answer("how much money is the continental infrastucture bank putting in")
    assert answer.answered and "2.4 billion" in answer.text
    assert "disagree" not in answer.text


def test_a_question_for_a_name_has_no_versions_of_a_date() -> None:
    engine = build_engine(Path(__file__).resolve().parent / "data" / "visit-knowledge")
    answer = engine.answer("in which room were the documents signed")
    # The room is asked for: the day of the signing in one report and the day a company's
    # documents set for building in another are no disagreement about it.
    assert answer.answered and "Mirror Hall" in answer.text
    assert "disagree" not in answer.text


def test_the_amount_asked_in_a_year_has_versions_of_that_year_only(tmp_path: Path) -> None:
    first = article(
        "Trade grows",
        "2027-04-14",
        "Bilateral trade reached $1.9 billion in 2025 and rose to $2.4 billion in 2026, according "
        "to the statistics office.",
        source="Continental Press",
    )
    second = article(
        "Roadmap a week on",
        "2027-04-22",
        "Bilateral trade stood at $2.1 billion in 2026, up from $1.9 billion in 2025, according "
        "to the customs service.",
        source="Capital Cargo",
    )
    third = article(
        "What the roadmap says",
        "2027-04-18",
        "Its headline number is $5 billion, the annual bilateral trade both governments want to "
        "reach by 2030.",
        source="Meridian Review",
    )
    engine = engine_of(tmp_path, {"first": first, "second": second, "third": third})
    # "Volume" names the amount asked for, which the sources give as a figure, not a thing
    # they must name.
    answer = engine.answer("what was the trade volume in 2026")
    assert answer.answered and answer.text.startswith("The sources disagree: $2.4 billion")
    versions = answer.text.split(". ", 1)[0]
    assert "$2.1 billion, per Capital Cargo" in versions
    # Neither the year before nor a target for 2030 is a version of the trade in 2026.
    assert "$1.9 billion" not in versions and "$5 billion" not in versions
