"""The terminal session, in process, over a stand-in answer function and a real knowledge base."""

from __future__ import annotations

import io

import pytest

from bot.answer.records import Answer, Citation
from bot.cli.chat import ChatSession, greeting, render_answer, run_chat
from bot.knowledge.documents import KnowledgeBase, knowledge_base, parse_document

CITED = Citation(
    1, "harbour", "The Harbour Accord", 3, "The whole third paragraph.", "2021-07-04", None, 0.7
)
UNDATED = Citation(2, "notes", "Harbour notes", 1, "A note.", None, None, 0.2)


def kb() -> KnowledgeBase:
    raw = b"---\ntitle: The Harbour Accord\nsource: Coastal Times\npublished: 2021-07-04\n---\nA.\n"
    return knowledge_base([parse_document("harbour", raw), parse_document("notes", b"Notes\n")])


def fake_ask(question: str) -> Answer:
    if "harbour" in question:
        return Answer(question, True, "Signed at the harbour [1][2].", 0.8, (CITED, UNDATED))
    return Answer(question, False, "I cannot answer that from my sources.", 0.1, ())


def test_render_answer_numbers_the_sources() -> None:
    text = render_answer(fake_ask("harbour?"))
    assert text.splitlines() == [
        "Signed at the harbour [1][2].",
        "Sources:",
        "  [1] The Harbour Accord, 2021-07-04, paragraph 3",
        "  [2] Harbour notes, paragraph 1",
    ]
    assert render_answer(fake_ask("other")) == "I cannot answer that from my sources."


def test_greeting_names_every_document() -> None:
    text = greeting(kb())
    assert "2 documents" in text
    assert "The Harbour Accord (Coastal Times, 2021-07-04): 1 paragraph" in text
    assert "- Notes: 1 paragraph" in text
    assert "Ctrl-D" in text


def session() -> tuple[ChatSession, io.StringIO, list[str]]:
    asked: list[str] = []

    def ask(question: str) -> Answer:
        asked.append(question)
        return fake_ask(question)

    out = io.StringIO()
    return ChatSession(ask, kb(), out), out, asked


def test_empty_lines_are_skipped() -> None:
    chat, out, asked = session()
    assert chat.handle("\n") and chat.handle("   \t")
    assert out.getvalue() == "" and asked == []


def test_questions_are_answered_with_sources() -> None:
    chat, out, asked = session()
    assert chat.handle("  where is the harbour?  \n")
    assert asked == ["where is the harbour?"]
    assert out.getvalue().startswith("Signed at the harbour [1][2].\nSources:\n")


def test_show_prints_the_whole_cited_paragraph() -> None:
    chat, out, _ = session()
    chat.handle(":show 1")
    assert "ask a question first" in out.getvalue()
    chat.handle("harbour?")
    out.truncate(0)
    out.seek(0)
    chat.handle(":show [1]")
    assert out.getvalue() == (
        "[1] The Harbour Accord, 2021-07-04, paragraph 3:\nThe whole third paragraph.\n\n"
    )
    chat.handle(":show 9")
    assert "Say which source: :show 1 or 2." in out.getvalue()


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (":help", ":sources"),
        (":help", ":summary"),
        (":sources", "The Harbour Accord (Coastal Times, 2021-07-04)"),
        ("/sources", "The Harbour Accord (Coastal Times, 2021-07-04)"),
        (":frobnicate", "Unknown command :frobnicate"),
        ("/start", "Unknown command /start"),
        ("/ask", "Unknown command /ask"),
    ],
)
def test_commands(command: str, shown: str) -> None:
    chat, out, asked = session()
    assert chat.handle(command)
    assert shown in out.getvalue()
    assert asked == []


def test_slash_ask_answers_the_rest_of_the_line() -> None:
    chat, out, asked = session()
    assert chat.handle("/ask where is the harbour?")
    assert asked == ["where is the harbour?"]
    assert "Signed at the harbour" in out.getvalue()


@pytest.mark.parametrize("command", [":quit", ":q", ":exit", "/quit", ":QUIT"])
def test_quit(command: str) -> None:
    chat, _, _ = session()
    assert chat.handle(command) is False


def test_piped_session_answers_every_line_without_prompts() -> None:
    stdin = io.StringIO("harbour?\n\nweather?\n:quit\nharbour again?\n")
    out = io.StringIO()
    assert run_chat(fake_ask, kb(), stdin, out, interactive=False) == 0
    text = out.getvalue()
    assert text.count("Signed at the harbour") == 1
    assert "I cannot answer that" in text
    assert "> " not in text and "Ctrl-D" not in text


def test_summary_asks_for_the_whole_or_for_one_document() -> None:
    chat, out, asked = session()
    assert chat.handle(":summary")
    assert chat.handle("/summary Coastal Times")
    assert asked == ["summary", "summary of Coastal Times"]
    assert out.getvalue().count("I cannot answer that") == 2
