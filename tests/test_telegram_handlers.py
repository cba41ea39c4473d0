"""The bot end to end by polling: real python-telegram-bot over HTTP against the fake Bot API."""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import BotRun, StartBot
from fakes import ADMIN, BOT_USERNAME, USER, Person, Sent, all_text, bot_user, group_chat

from bot.answer.engine import Engine
from bot.answer.questions import Question
from bot.answer.records import Answer
from bot.querylog.writer import LoggedQuery
from bot.telegram import handlers
from bot.telegram.buttons import Feedback, encode

LogRows = Callable[[Path], Awaitable[list[LoggedQuery]]]
IN_SCOPE = "Who signed the roadmap?"
OUT_OF_SCOPE = "What is the population of Brazil?"


async def ask(run: BotRun, person: Person, text: str, count: int = 1) -> list[Sent]:
    """Send ``text`` in ``person``'s private chat and return the replies that follow it."""
    before = len(run.fake.messages(person.id))
    run.fake.push(run.updates.text(person, text))
    sent = await run.fake.wait_for_messages(before + count, person.id)
    return sent[before:]


async def test_start_greets_lists_documents_and_offers_example_buttons(start_bot: StartBot) -> None:
    run = await start_bot()
    (greeting,) = await ask(run, USER, "/start")
    assert "Hello" in greeting.shown
    assert "Iran, Belarus Sign Comprehensive Cooperation Roadmap" in greeting.shown
    labels = [text for text, _ in greeting.buttons()]
    assert "Who signed the roadmap?" in labels
    assert all(len(data.encode()) <= 64 for _, data in greeting.buttons())


async def test_start_works_out_its_examples_off_the_event_loop(
    start_bot: StartBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    answer = Engine.answer

    def recorded(engine: Engine, question: str) -> Answer:
        threads.append(threading.current_thread())
        return answer(engine, question)

    monkeypatch.setattr(Engine, "answer", recorded)
    run = await start_bot()
    await ask(run, USER, "/start")
    assert threads
    assert threading.main_thread() not in threads


async def test_example_button_asks_its_question(start_bot: StartBot) -> None:
    run = await start_bot()
    (greeting,) = await ask(run, USER, "/start")
    data = next(d for text, d in greeting.buttons() if text == "Who signed the roadmap?")
    run.fake.push(run.updates.callback(USER, greeting, data))
    (_, answer) = await run.fake.wait_for_messages(2, USER.id)
    assert "Lukashenko" in answer.shown
    await run.fake.wait_for(lambda: len(run.fake.callback_answers) == 1)


async def test_help_lists_admin_commands_only_to_admins(start_bot: StartBot) -> None:
    run = await start_bot()
    (for_user,) = await ask(run, USER, "/help")
    (for_admin,) = await ask(run, ADMIN, "/help")
    for command in ("/start", "/help", "/ask", "/sources", "/summary"):
        assert command in for_user.shown
        assert command in for_admin.shown
    assert "/reload" not in for_user.shown
    for command in ("/reload", "/stats", "/unanswered", "/export"):
        assert command in for_admin.shown


async def test_command_menus_are_set_at_start(start_bot: StartBot) -> None:
    run = await start_bot()
    await run.fake.wait_for(lambda: len(run.fake.commands) == 4)
    everyone, russian, persian, admins = run.fake.commands
    for menu in (everyone, russian, persian):
        assert {c["command"] for c in menu["commands"]} == {
            "start",
            "help",
            "ask",
            "sources",
            "summary",
        }
    assert (russian["language_code"], persian["language_code"]) == ("ru", "fa")
    assert "Все команды" in {c["description"] for c in russian["commands"]}
    assert admins["scope"] == {"type": "chat", "chat_id": ADMIN.id}
    assert "reload" in {c["command"] for c in admins["commands"]}


async def test_question_is_answered_with_citation_sources_and_buttons(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    (answer,) = await ask(run, USER, IN_SCOPE)
    assert "Lukashenko" in answer.shown
    assert "[1]" in answer.shown
    assert "Sources" in answer.shown
    assert "2023-03-15, ¶" in answer.shown
    labels = [text for text, _ in answer.buttons()]
    assert any("Source" in label for label in labels)
    assert "👍" in labels and "👎" in labels
    assert await run.stop() == 0
    (row,) = await log_rows(run.settings.db_path)
    assert row.question == IN_SCOPE
    assert row.outcome == "answered" and row.answered
    assert row.citations and row.citations[0][0] == "iran-belarus-roadmap-2023"
    assert row.chat_type == "private"
    assert row.user_key != str(USER.id)


async def test_a_quick_answer_comes_without_typing(start_bot: StartBot) -> None:
    run = await start_bot()
    (answer,) = await ask(run, USER, IN_SCOPE)
    assert "Lukashenko" in answer.shown
    assert run.fake.chat_actions == []


async def test_a_slow_answer_shows_typing_while_it_is_worked_out(
    start_bot: StartBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    typing_seen = threading.Event()
    quick = Engine.answer_read

    def slow(engine: Engine, question: str, q: Question, **context: Any) -> Answer:
        # Holds the answer back until the chat shows typing (or the test gives up).
        typing_seen.wait(20)
        return quick(engine, question, q, **context)

    monkeypatch.setattr(Engine, "answer_read", slow)
    monkeypatch.setattr(handlers, "TYPING_AFTER_SECONDS", 0.05)
    run = await start_bot()
    run.fake.push(run.updates.text(USER, IN_SCOPE))
    await run.fake.wait_for(lambda: bool(run.fake.chat_actions))
    assert run.fake.chat_actions == [(USER.id, "typing")]
    assert run.fake.messages(USER.id) == []
    typing_seen.set()
    (answer,) = await run.fake.wait_for_messages(1, USER.id)
    assert "Lukashenko" in answer.shown


async def test_out_of_scope_question_is_declined_without_citations(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    (answer,) = await ask(run, USER, OUT_OF_SCOPE)
    assert "Sources" not in answer.shown
    assert answer.shown.endswith("Send /sources to list them.")
    assert "[1]" not in answer.shown
    assert not any("Source" in text for text, _ in answer.buttons())
    assert await run.stop() == 0
    (row,) = await log_rows(run.settings.db_path)
    assert row.outcome == "declined" and not row.answered and row.citations == ()


async def test_ask_command_answers_and_explains_itself_when_empty(start_bot: StartBot) -> None:
    run = await start_bot()
    (usage,) = await ask(run, USER, "/ask")
    assert "/ask Who signed the roadmap?" in usage.shown
    (answer,) = await ask(run, USER, f"/ask {IN_SCOPE}")
    assert "Lukashenko" in answer.shown


async def test_sources_lists_title_publisher_and_date(start_bot: StartBot) -> None:
    run = await start_bot()
    (listing,) = await ask(run, USER, "/sources")
    assert "Iran, Belarus Sign Comprehensive Cooperation Roadmap" in listing.shown
    assert "Caspian News" in listing.shown
    assert "2023-03-15" in listing.shown


async def test_source_button_shows_the_whole_cited_paragraph(start_bot: StartBot) -> None:
    run = await start_bot()
    (answer,) = await ask(run, USER, IN_SCOPE)
    data = next(d for text, d in answer.buttons() if "Source" in text)
    run.fake.push(run.updates.callback(USER, answer, data))
    (_, paragraph) = await run.fake.wait_for_messages(2, USER.id)
    number = data.rsplit(":", 1)[1]
    assert f"¶{number}" in paragraph.shown
    assert "Iran, Belarus Sign Comprehensive Cooperation Roadmap" in paragraph.shown
    assert "2023-03-15" in paragraph.shown
    assert "Lukashenko" in paragraph.shown
    await run.fake.wait_for(lambda: len(run.fake.callback_answers) == 1)


async def test_feedback_buttons_are_acknowledged_and_stored(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    (answer,) = await ask(run, USER, IN_SCOPE)
    up = next(d for text, d in answer.buttons() if text == "👍")
    down = next(d for text, d in answer.buttons() if text == "👎")
    run.fake.push(run.updates.callback(USER, answer, up))
    await run.fake.wait_for(lambda: len(run.fake.callback_answers) == 1)
    run.fake.push(run.updates.callback(USER, answer, down))
    await run.fake.wait_for(lambda: len(run.fake.callback_answers) == 2)
    assert "Thanks" in run.fake.callback_answers[0]["text"]
    assert await run.stop() == 0
    (row,) = await log_rows(run.settings.db_path)
    assert row.feedback == -1


async def test_forged_and_stale_button_data_get_a_polite_answer(start_bot: StartBot) -> None:
    run = await start_bot()
    (answer,) = await ask(run, USER, IN_SCOPE)
    forged = [
        "s:000000000000:1",
        "s:zz:1",
        "x" * 64,
        "q:99",
        "f:notahexid:+",
        "",
        "s:" + "9" * 12 + ":99999",
        encode(Feedback("0123456789abcdef", 1)),
    ]
    for data in forged:
        run.fake.push(run.updates.callback(USER, answer, data))
    await run.fake.wait_for(lambda: len(run.fake.callback_answers) == len(forged))
    texts = [a.get("text", "") for a in run.fake.callback_answers]
    assert sum("no longer valid" in t or "no longer in the knowledge base" in t for t in texts) == 7
    assert len(run.fake.messages(USER.id)) == 1


async def test_group_answers_only_ask_mentions_and_replies(start_bot: StartBot) -> None:
    run = await start_bot()
    group = group_chat()
    fake, updates = run.fake, run.updates
    fake.push(updates.text(USER, "just chatting about the roadmap", chat=group))
    fake.push(updates.text(USER, f"/ask@{BOT_USERNAME} {IN_SCOPE}", chat=group))
    (first,) = await fake.wait_for_messages(1, group["id"])
    assert "Lukashenko" in first.shown
    assert first.reply_to is not None
    fake.push(updates.text(USER, f"@{BOT_USERNAME} When was the roadmap signed?", chat=group))
    (_, second) = await fake.wait_for_messages(2, group["id"])
    assert "2023" in second.shown
    reply_to_bot = {**first.json, "from": bot_user()}
    fake.push(updates.text(USER, "Where did they sign it?", chat=group, reply_to=reply_to_bot))
    await fake.wait_for_messages(3, group["id"])
    fake.push(updates.sticker(USER, chat=group))
    fake.push(updates.text(USER, "/unknowncommand", chat=group))
    fake.push(updates.text(USER, f"/ask@{BOT_USERNAME} {OUT_OF_SCOPE}", chat=group))
    replies = await fake.wait_for_messages(4, group["id"])
    assert "Sources" not in replies[3].shown
    assert len(fake.messages(group["id"])) == 4


async def test_mention_without_question_gets_a_hint(start_bot: StartBot) -> None:
    run = await start_bot()
    group = group_chat()
    run.fake.push(run.updates.text(USER, f"@{BOT_USERNAME}", chat=group))
    (hint,) = await run.fake.wait_for_messages(1, group["id"])
    assert "/ask" in hint.shown


async def test_unknown_commands_stickers_photos_voice_and_empty_text_get_help(
    start_bot: StartBot,
) -> None:
    run = await start_bot()
    fake, updates = run.fake, run.updates
    fake.push(updates.text(USER, "/frobnicate"))
    fake.push(updates.sticker(USER))
    fake.push(updates.photo(USER))
    fake.push(updates.voice(USER))
    fake.push(updates.text(USER, "\u200b\u200e"))
    replies = await fake.wait_for_messages(5, USER.id)
    text = all_text(replies)
    assert "/help" in text
    assert text.count("I can only read text") == 3
    assert "I could not find a question" in text


async def test_document_from_a_non_admin_is_refused_and_logged(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    run.fake.add_file("f1", b"# Notes\n\nSome text.\n")
    run.fake.push(run.updates.document(USER, "f1", "notes.md", 20))
    (reply,) = await run.fake.wait_for_messages(1, USER.id)
    assert "admins" in reply.shown
    assert not (run.settings.knowledge_dir / "notes.md").exists()
    assert await run.stop() == 0
    (row,) = await log_rows(run.settings.db_path)
    assert row.outcome == "refused"


async def test_edited_question_gets_a_fresh_answer(start_bot: StartBot, log_rows: LogRows) -> None:
    run = await start_bot()
    original = run.updates.text(USER, OUT_OF_SCOPE)
    run.fake.push(original)
    await run.fake.wait_for_messages(1, USER.id)
    run.fake.push(run.updates.edited(original, IN_SCOPE))
    (_, fresh) = await run.fake.wait_for_messages(2, USER.id)
    assert "Lukashenko" in fresh.shown
    assert fresh.reply_to == original["message"]["message_id"]
    assert await run.stop() == 0
    rows = await log_rows(run.settings.db_path)
    assert [r.outcome for r in rows] == ["declined", "answered"]


async def test_hostile_and_odd_questions_are_each_answered_with_valid_html(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    odd = [
        "<script>alert('x')</script> & who signed?",
        "Кто подписал дорожную карту?",
        "🇮🇷🤝🇧🇾 roadmap? 👍🏽",
        "roadmap " * 500,
        "<b>unclosed & <i>tags</b>",
        "\u202eevil override\u202c who signed",
        "nul \x00 byte and a lone \ud800 surrogate: who signed?",
        "?!?!... ,,, ;;; ---",
        "roadmap? " * 11_000,
    ]
    for number, text in enumerate(odd, start=1):
        replies = await ask(run, USER, text)
        assert replies, f"no reply to question {number}"
    assert await run.stop() == 0
    assert len(await log_rows(run.settings.db_path)) == len(odd)


async def test_flood_guard_slows_a_user_down_once_and_logs_every_question(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot(flood_burst=3, flood_rate_per_minute=1)
    for _ in range(6):
        run.fake.push(run.updates.text(USER, IN_SCOPE))
    other = Person(3003, "Bob")
    run.fake.push(run.updates.text(other, IN_SCOPE))
    replies = await run.fake.wait_for_messages(4, USER.id)
    await run.fake.wait_for_messages(1, other.id)
    assert sum("slow" in r.shown.lower() or "wait" in r.shown.lower() for r in replies) == 1
    assert await run.stop() == 0
    rows = await log_rows(run.settings.db_path)
    assert len(rows) == 7
    assert sorted(r.outcome for r in rows).count("flood") == 3


async def test_long_cited_paragraph_is_split_into_valid_messages(
    start_bot: StartBot, tmp_path: Path
) -> None:
    folder = tmp_path / "long-kb"
    folder.mkdir()
    sentences = " ".join(
        f"Clause {n} of the tractor protocol sets quotas & <limits> for Isfahan deliveries."
        for n in range(120)
    )
    (folder / "protocol.md").write_text(
        "---\ntitle: Tractor protocol\npublished: 2023-05-01\n---\n\n" + sentences + "\n",
        encoding="utf-8",
    )
    run = await start_bot(knowledge_dir=folder)
    (answer,) = await ask(run, USER, "What does the tractor protocol set for Isfahan deliveries?")
    data = next(d for text, d in answer.buttons() if "Source" in text)
    run.fake.push(run.updates.callback(USER, answer, data))
    await run.fake.wait_for(lambda: "Clause 119 of" in all_text(run.fake.messages(USER.id)))
    parts = run.fake.messages(USER.id)[1:]
    assert len(parts) >= 3
    shown = " ".join(p.shown for p in parts)
    assert "Clause 0 of" in shown and "Clause 119 of" in shown
    assert all(p.shown.rstrip().endswith(".") for p in parts)


async def test_an_error_in_a_handler_is_logged_and_the_user_told(
    start_bot: StartBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(documents: object) -> list[str]:
        raise RuntimeError("rendering exploded")

    run = await start_bot()
    monkeypatch.setattr(handlers, "documents_messages", broken)
    (reply,) = await ask(run, USER, "/sources")
    assert "something went wrong" in reply.shown
    assert "exploded" not in reply.shown


async def test_summary_command_sends_a_cited_summary_and_logs_it(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    (summary,) = await ask(run, USER, "/summary")
    assert "in short" in summary.shown
    assert "[3]" in summary.shown
    assert "Sources" in summary.shown
    assert any("Source" in text for text, _ in summary.buttons())
    (named,) = await ask(run, USER, "/summary Caspian News")
    assert named.shown == summary.shown
    (unknown,) = await ask(run, USER, "/summary volcano eruptions")
    assert "[1]" not in unknown.shown
    assert await run.stop() == 0
    rows = await log_rows(run.settings.db_path)
    assert [(r.question, r.outcome) for r in rows] == [
        ("summary", "answered"),
        ("summary of Caspian News", "answered"),
        ("summary of volcano eruptions", "declined"),
    ]
