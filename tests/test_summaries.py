"""Questions about the whole: which questions they are, and the cited summary they get."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.engine import Engine, build_engine
from bot.answer.summaries import summary_question, summary_request

HARBOUR = """---
title: Portland and Riga sign a harbour pact
source: Harbour Wire
published: 2024-05-02
---

Portland and Riga signed a harbour pact on Wednesday that opens a ferry line between the two ports.

The ferry line will carry cars and freight between the two ports three times a week from June.

Officials said the harbour pact also covers customs checks and pilot training at both ports.

The mayor of Riga thanked the crews who run the ports through the winter storms every year.
"""

FERRY = """---
title: A ferry for the Baltic
source: City Gazette
published: 2024-05-03
---

The new ferry between Portland and Riga will be run by a company owned by both cities.

Tickets for the ferry will go on sale in May, the company said on its website on Thursday.

Critics say the ferry line will lose money during its first three years of service.
"""


@pytest.fixture(scope="module")
def ports(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("ports")
    (folder / "harbour.md").write_text(HARBOUR, encoding="utf-8")
    (folder / "ferry.md").write_text(FERRY, encoding="utf-8")
    return build_engine(folder)


@pytest.mark.parametrize(
    "question",
    [
        "summarize",
        "Summarise the sources, please",
        "give me an overview",
        "What is this about?",
        "what's it all about",
        # Typed in a chat without the apostrophe.
        "whats this article about?",
        "tl;dr",
        "what are the main points?",
        "summary of the ferry article",
        "What was agreed?",
        "latest news?",
        "what does the most recent report say",
    ],
)
def test_questions_about_the_whole_are_told_apart(question: str) -> None:
    assert summary_request(question) is not None


@pytest.mark.parametrize(
    "question",
    [
        "What did the mayor say about the ferry?",
        "Who signed the pact?",
        "what was agreed about customs checks",
        "How many times a week will the ferry sail?",
        "what's the latest on the ferry tickets?",
    ],
)
def test_questions_about_something_in_the_sources_are_not_summaries(question: str) -> None:
    assert summary_request(question) is None


def test_a_summary_of_everything_cites_each_sentence(ports: Engine) -> None:
    answer = ports.answer("Summarize")
    assert answer.answered
    assert answer.kind == "answer"
    assert 3 <= answer.text.count("[") <= 5
    refs = {c.ref for c in answer.citations}
    assert refs == set(range(1, len(answer.citations) + 1))
    for citation in answer.citations:
        assert f"[{citation.ref}]" in answer.text
    assert {c.document for c in answer.citations} == {"harbour", "ferry"}
    # News puts its point first: the earliest report's lead opens the summary.
    assert answer.text.startswith("Portland and Riga signed a harbour pact on Wednesday")
    # A weekday is dated from its report's own day, as in any answer.
    assert "on Wednesday (1 May 2024)" in answer.text


def test_a_summary_is_the_same_every_time(ports: Engine) -> None:
    assert ports.answer("give me an overview") == ports.answer("give me an overview")


@pytest.mark.parametrize(
    "question",
    ["summary of the ferry article", "What did the City Gazette say? Summarize it.", "/ferry"],
)
def test_a_named_document_is_summarised_alone(ports: Engine, question: str) -> None:
    answer = ports.answer(summary_question(question.strip("/")) if "/" in question else question)
    assert answer.answered
    assert answer.text.startswith("“A ferry for the Baltic” (City Gazette, 2024-05-03), in short: ")
    assert {c.document for c in answer.citations} == {"ferry"}


@pytest.mark.parametrize(
    "question", ["summarize the latest report", "latest news?", "what did the newest article say"]
)
def test_the_latest_report_is_summarised_alone(ports: Engine, question: str) -> None:
    answer = ports.answer(question)
    assert answer.answered
    assert answer.text.startswith("“A ferry for the Baltic” (City Gazette, 2024-05-03), in short: ")
    assert {c.document for c in answer.citations} == {"ferry"}


def test_the_latest_report_on_a_subject_keeps_to_the_subject(ports: Engine) -> None:
    answer = ports.answer("summarize the latest report on tickets")
    assert answer.answered and "Tickets for the ferry" in answer.text
    assert {c.document for c in answer.citations} == {"ferry"}
    assert "Critics" not in answer.text


def test_what_is_x_about_asks_a_question_when_x_is_no_document(ports: Engine) -> None:
    answer = ports.answer("What are the critics worried about?")
    assert "lose money" in answer.text
    assert "in short" not in answer.text


def test_a_focused_summary_keeps_to_its_subject(ports: Engine) -> None:
    answer = ports.answer("Give me an overview of the tickets")
    assert "Tickets for the ferry will go on sale in May" in answer.text
    assert "winter storms" not in answer.text


def test_what_was_agreed_is_the_outcome_retold_not_only_sentences_with_the_verb() -> None:
    roadmap = build_engine(Path(__file__).resolve().parent.parent / "knowledge")
    answer = roadmap.answer("what was agreed?")
    # One sentence says "agreements"; the outcome is the article's lead and what follows it.
    assert answer.answered and len(answer.citations) >= 3
    assert "seven cooperation documents" in answer.text
    assert "implement all agreements" in answer.text
    assert roadmap.answer("summarize what was agreed").text == answer.text
    # A focus word counts by its root, as the sentences are read: "agreed" finds "agreements".
    overview = roadmap.answer("give me an overview of what they agreed")
    assert overview.text.startswith("“Iran, Belarus Sign Comprehensive Cooperation Roadmap")
    assert "implement all agreements" in overview.text


def test_a_summary_of_something_unknown_is_declined(ports: Engine) -> None:
    answer = ports.answer("summarize the volcano eruption")
    assert not answer.answered
    assert answer.citations == ()


def test_a_one_document_base_is_summarised_under_its_title(tmp_path: Path) -> None:
    (tmp_path / "harbour.md").write_text(HARBOUR, encoding="utf-8")
    answer = build_engine(tmp_path).answer("what is this about?")
    assert answer.text.startswith(
        "“Portland and Riga sign a harbour pact” (Harbour Wire, 2024-05-02)"
    )
    assert answer.citations[0].paragraph == 1


RIGA_RU = """---
title: Портленд и Рига подписали соглашение о гавани
source: Балтийский вестник
published: 2024-05-04
language: ru
---

Портленд и Рига подписали соглашение о гавани, которое открывает паромную линию между портами.

Паром будет ходить три раза в неделю с июня.
"""


def test_a_summary_keeps_to_the_documents_in_the_question_s_language(tmp_path: Path) -> None:
    (tmp_path / "harbour.md").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "riga-ru.md").write_text(RIGA_RU, encoding="utf-8")
    engine = build_engine(tmp_path)
    english = engine.answer("summarize")
    assert english.answered
    assert {c.document for c in english.citations} == {"harbour"}


RIGA_FA = """---
title: بندر ریگا و پورتلند پیمان همکاری بستند
source: خبرنامهٔ بندر
published: 2024-05-05
language: fa
---

شهرهای پورتلند و ریگا روز چهارشنبه پیمانی برای راه‌اندازی خط کشتی مسافری میان دو بندر امضا کردند.

کشتی مسافری از ماه ژوئن هفته‌ای سه بار میان این دو بندر رفت و آمد خواهد کرد.

این پیمان آموزش راهنمایان کشتی و بازرسی گمرکی را در هر دو بندر نیز در بر می‌گیرد.
"""


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("кратко", "ru"),
        ("Расскажи вкратце, о чём статья", "ru"),
        ("О чём это?", "ru"),
        ("Дай краткое изложение документа", "ru"),
        ("Резюме, пожалуйста", "ru"),
        ("основные моменты", "ru"),
        ("خلاصه", "fa"),
        ("چکیده‌ای از سند بده", "fa"),
        ("این مقاله درباره چیست؟", "fa"),
        ("نکات اصلی را بگو", "fa"),
    ],
)
def test_russian_and_persian_requests_for_the_whole_are_told_apart(
    question: str, language: str
) -> None:
    request = summary_request(question, language)
    assert request is not None and request.language == language


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Когда откроется паромная линия?", "ru"),
        ("Что сказал мэр Риги о пароме?", "ru"),
        # "суть" asks for the gist, though a lemmatizer may read it as a form of "быть".
        ("Каким был товарооборот в 2022 году?", "ru"),
        ("کشتی چند بار در هفته رفت و آمد می‌کند؟", "fa"),
    ],
)
def test_russian_and_persian_questions_about_something_are_not_summaries(
    question: str, language: str
) -> None:
    assert summary_request(question, language) is None


def test_russian_what_is_x_about_is_a_summary_only_when_x_names_a_document(
    tmp_path: Path,
) -> None:
    (tmp_path / "riga-ru.md").write_text(RIGA_RU, encoding="utf-8")
    (tmp_path / "harbour.md").write_text(HARBOUR, encoding="utf-8")
    engine = build_engine(tmp_path)
    request = summary_request("О чём договорились мэры?", "ru")
    assert request is not None and request.needs_document
    assert "кратко:" not in engine.answer("О чём договорились мэры?").text
    assert "кратко:" in engine.answer("О чём статья о гавани?").text


@pytest.mark.parametrize(
    ("question", "lead", "document"),
    [
        (
            "кратко",
            "«Портленд и Рига подписали соглашение о гавани» (Балтийский вестник",
            "riga-ru",
        ),
        ("о чём это?", ", кратко: ", "riga-ru"),
        ("خلاصه", "«بندر ریگا و پورتلند پیمان همکاری بستند»", "riga-fa"),
        ("این سند درباره چیست؟", "، به طور خلاصه: ", "riga-fa"),
        ("summarize", "“Portland and Riga sign a harbour pact”", "harbour"),
    ],
)
def test_a_summary_in_russian_or_persian_speaks_the_question_s_language(
    tmp_path: Path, question: str, lead: str, document: str
) -> None:
    (tmp_path / "harbour.md").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "riga-ru.md").write_text(RIGA_RU, encoding="utf-8")
    (tmp_path / "riga-fa.md").write_text(RIGA_FA, encoding="utf-8")
    answer = build_engine(tmp_path).answer(question)
    assert answer.answered and lead in answer.text
    assert ("in short" in answer.text) == (question == "summarize")
    assert {c.document for c in answer.citations} == {document}


def test_the_summary_command_asks_in_the_user_s_language() -> None:
    assert summary_question("", "ru") == "кратко"
    assert summary_question("Балтийский вестник", "ru") == "кратко Балтийский вестник"
    assert summary_request(summary_question("", "fa"), "fa") is not None
    assert summary_question("") == "summary"


PACT_VOTE = """---
title: Harbour pact goes to the Riga council
source: Baltic Daily
published: 2024-05-09
---

The Riga council will vote on the harbour pact next week, after a debate on the customs checks.

The pact was signed in Portland by both mayors, who called it the start of a new era.
"""


def test_what_is_x_about_summarises_every_report_titled_by_x(tmp_path: Path) -> None:
    for name, text in (("wire", HARBOUR), ("gazette", FERRY), ("daily", PACT_VOTE)):
        (tmp_path / f"{name}.md").write_text(text, encoding="utf-8")
    # Two reports name the pact in their titles: what they say about it, from both.
    answer = build_engine(tmp_path).answer("what is the harbour pact about")
    assert answer.answered
    assert {c.document for c in answer.citations} == {"wire", "daily"}
    assert "customs checks" in answer.text


@pytest.mark.parametrize(
    "question", ["pls tell me what is this about", "quick question: what is the harbour pact about"]
)
def test_words_that_only_ask_leave_a_summary_a_summary(tmp_path: Path, question: str) -> None:
    (tmp_path / "wire.md").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "gazette.md").write_text(FERRY, encoding="utf-8")
    (tmp_path / "daily.md").write_text(PACT_VOTE, encoding="utf-8")
    answer = build_engine(tmp_path).answer(question)
    assert answer.answered and len(answer.citations) >= 2
    assert "harbour pact" in answer.text
