"""Conversations in Telegram, end to end against the fake Bot API: follow-ups and small talk."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from conftest import StartBot
from fakes import BOT_USERNAME, USER, Person, bot_user, group_chat

from bot.querylog.writer import LoggedQuery

LogRows = Callable[[Path], Awaitable[list[LoggedQuery]]]
TRADE_2021 = "How much was trade between Iran and Belarus in 2021?"
OTHER = Person(7_000_001, "Other")


async def test_a_follow_up_in_a_private_chat_is_answered_in_context(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    fake, updates = run.fake, run.updates
    fake.push(updates.text(USER, TRADE_2021))
    (first,) = await fake.wait_for_messages(1, USER.id)
    assert "$33 million" in first.shown
    fake.push(updates.text(USER, "and in 2022?"))
    (_, second) = await fake.wait_for_messages(2, USER.id)
    assert "100 million" in second.shown and "Sources" in second.shown
    # Another user's chat has no context: the same words stand alone there.
    fake.push(updates.text(OTHER, "and what did he say?"))
    (alone,) = await fake.wait_for_messages(1, OTHER.id)
    assert "Sources" not in alone.shown
    fake.push(updates.text(USER, "thanks!"))
    (_, _, thanks) = await fake.wait_for_messages(3, USER.id)
    assert "welcome" in thanks.shown and "Sources" not in thanks.shown
    await run.stop()
    rows = await log_rows(run.settings.db_path)
    by_question = {row.question: row for row in rows}
    follow_up = by_question["and in 2022?"]
    assert follow_up.resolved is not None and "trade" in follow_up.resolved
    assert (follow_up.kind, follow_up.outcome) == ("answer", "answered")
    assert by_question["thanks!"].kind == "smalltalk"


async def test_a_new_question_declined_in_a_private_chat_ends_its_context(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    fake, updates = run.fake, run.updates
    for n, text in enumerate(
        [TRADE_2021, "What is the population of Minsk?", "and in 2022?"], start=1
    ):
        fake.push(updates.text(USER, text))
        await fake.wait_for_messages(n, USER.id)
    await run.stop()
    by_question = {row.question: row for row in await log_rows(run.settings.db_path)}
    assert by_question["What is the population of Minsk?"].outcome == "declined"
    # Read as typed, not as a follow-up on trade.
    assert by_question["and in 2022?"].resolved is None


async def test_a_reply_to_an_answer_in_a_group_is_read_in_its_context(
    start_bot: StartBot,
) -> None:
    run = await start_bot()
    fake, updates = run.fake, run.updates
    group = group_chat()
    fake.push(updates.text(USER, f"/ask@{BOT_USERNAME} {TRADE_2021}", chat=group))
    (first,) = await fake.wait_for_messages(1, group["id"])
    assert "$33 million" in first.shown
    # Not a reply to the bot's answer: a group question stands alone.
    fake.push(updates.text(OTHER, f"@{BOT_USERNAME} and what did he say?", chat=group))
    (_, alone) = await fake.wait_for_messages(2, group["id"])
    assert "Sources" not in alone.shown
    reply_to_answer = {**first.json, "from": bot_user()}
    fake.push(updates.text(OTHER, "and in 2022?", chat=group, reply_to=reply_to_answer))
    (_, _, in_context) = await fake.wait_for_messages(3, group["id"])
    assert "100 million" in in_context.shown
    assert in_context.reply_to is not None
