"""Documents a question names: outlets, publication dates, and asking for the latest."""

from __future__ import annotations

import pytest

from bot.answer.mentions import DocumentNames
from bot.knowledge.documents import Document, Paragraph


def document(doc_id: str, source: str, published: str, text: str) -> Document:
    paragraph = Paragraph(doc_id, 1, text)
    return Document(doc_id, doc_id, (paragraph,), "", source=source, published=published)


NAMES = DocumentNames(
    [
        document("wire", "Meridian Wire", "2025-10-15", "Talks were held in Lirn."),
        document("tribune", "Valmont Tribune", "2025-10-16", "The minister told the Tribune."),
        document("ledger", "Kestria Daily Ledger", "2025-10-17", "The ledger of the port."),
        document("office", "Press Office of the Republic of Dornia", "2025-10-18", "Dornia grew."),
    ]
)


@pytest.mark.parametrize(
    ("question", "named", "left"),
    [
        ("What did Meridian Wire say about the port?", {"wire"}, "What did say about the port?"),
        (
            "how long is the lease according to the valmont tribune",
            {"tribune"},
            "how long is the lease",
        ),
        ("what did the Tribune say about customs", {"tribune"}, "what did say about customs"),
        ("the daily ledger on the port", {"ledger"}, "on the port"),
        ("what did the 16 October article say?", {"tribune"}, "what did the article say?"),
    ],
)
def test_an_outlet_or_a_publication_date_names_its_documents(
    question: str, named: set[str], left: str
) -> None:
    mention = NAMES.find(question)
    assert mention.documents == named
    assert mention.text == left


@pytest.mark.parametrize(
    "question",
    [
        "what did valmont's foreign minister say",  # a word of a name is not the name
        "what is in the ledger",  # a word the sources also use in lower case
        "road closures in lirn on 15 october",  # a date of an event, not of a report
        "how many wire transfers were made",
        # The last word of a longer name after "in", "to" or "from" is a place.
        "how many people are jailed in dornia",
        "flights to dornia",
        "imports from dornia",
    ],
)
def test_words_that_only_look_like_a_name_name_nothing(question: str) -> None:
    mention = NAMES.find(question)
    assert mention.documents == frozenset()
    assert mention.text == question


def test_latest_is_noticed_and_taken_out_of_the_question() -> None:
    mention = NAMES.find("What is the latest report on trade?")
    assert mention.latest
    assert mention.text == "What is on trade?"
    assert not NAMES.find("What was the last trade figure?").latest
