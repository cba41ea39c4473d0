"""Bot API faults injected by the fake server: answers are delayed or resent, failures logged."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from conftest import StartBot, telegram_settings
from fakes import TOKEN, USER, FakeBotApi, Fault, Updates

from bot.answer.engine import Engine
from bot.querylog.writer import LoggedQuery
from bot.telegram import texts
from bot.telegram.app import Control, StartError, serve
from tests.fakes import locked

LogRows = Callable[[Path], Awaitable[list[LoggedQuery]]]
QUESTION = "Who signed the roadmap?"


async def test_two_429s_delay_the_answer_but_do_not_lose_it(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    run.fake.fail("sendMessage", Fault.too_many(1), Fault.too_many(1))
    run.fake.push(run.updates.text(USER, QUESTION))
    (answer,) = await run.fake.wait_for_messages(1, USER.id)
    assert "Lukashenko" in answer.shown
    assert run.fake.faults_served == [("sendMessage", 429), ("sendMessage", 429)]
    assert await run.stop() == 0
    (row,) = await log_rows(run.settings.db_path)
    assert row.outcome == "answered"


async def test_polling_resumes_after_502_and_a_dropped_connection(start_bot: StartBot) -> None:
    run = await start_bot()
    run.fake.fail("getUpdates", Fault.server_error(502), Fault.dropped())
    run.fake.push(run.updates.text(USER, QUESTION))
    (answer,) = await run.fake.wait_for_messages(1, USER.id)
    assert "Lukashenko" in answer.shown
    assert ("getUpdates", 502) in run.fake.faults_served
    assert ("getUpdates", 0) in run.fake.faults_served


async def test_send_is_retried_after_502_and_a_dropped_connection(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    run.fake.fail("sendMessage", Fault.server_error(502), Fault.dropped())
    run.fake.push(run.updates.text(USER, QUESTION))
    (answer,) = await run.fake.wait_for_messages(1, USER.id)
    assert "Lukashenko" in answer.shown
    assert await run.stop() == 0
    (row,) = await log_rows(run.settings.db_path)
    assert row.outcome == "answered"


async def test_a_message_confirmed_after_the_read_timeout_is_not_sent_again(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot(api_timeout_seconds=0.5)
    # Telegram takes the answer and delivers it, but says so only after the bot stopped waiting.
    run.fake.fail("sendMessage", Fault.late(1.5))
    run.fake.push(run.updates.text(USER, QUESTION))
    (answer,) = await run.fake.wait_for_messages(1, USER.id)
    assert "Lukashenko" in answer.shown
    # The next question is answered (so the first one's handling is over) ...
    run.fake.push(run.updates.text(USER, "When was the roadmap signed?"))
    await run.fake.wait_for_messages(2, USER.id)
    assert await run.stop() == 0
    # ... and the first answer arrived exactly once.
    assert [m.text for m in run.fake.messages(USER.id)].count(answer.text) == 1
    rows = {row.question: row for row in await log_rows(run.settings.db_path)}
    assert len(rows) == 2
    assert rows[QUESTION].outcome == "failed" and "TimedOut" in (rows[QUESTION].error or "")
    assert rows["When was the roadmap signed?"].outcome == "answered"


async def test_a_send_that_keeps_failing_is_logged_as_failed(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot(send_retries=1)
    run.fake.fail("sendMessage", *[Fault.server_error(500)] * 2)
    run.fake.push(run.updates.text(USER, QUESTION))
    await run.fake.wait_for(lambda: len(run.fake.faults_served) == 2)
    run.fake.push(run.updates.text(USER, "When was the roadmap signed?"))
    await run.fake.wait_for_messages(1, USER.id)
    assert await run.stop() == 0
    first, second = await log_rows(run.settings.db_path)
    assert first.outcome == "failed" and first.error
    assert second.outcome == "answered"


async def test_a_user_who_blocked_the_bot_is_not_retried_and_is_logged(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    run.fake.fail("sendMessage", Fault.blocked())
    run.fake.push(run.updates.text(USER, QUESTION))
    await run.fake.wait_for(lambda: run.fake.faults_served == [("sendMessage", 403)])
    assert await run.stop() == 0
    assert run.fake.calls.count("sendMessage") == 1
    (row,) = await log_rows(run.settings.db_path)
    assert row.outcome == "failed"
    assert row.error is not None and "blocked" in row.error


async def test_html_telegram_cannot_parse_goes_out_as_plain_text(start_bot: StartBot) -> None:
    run = await start_bot()
    run.fake.fail("sendMessage", Fault.cant_parse())
    run.fake.push(run.updates.text(USER, QUESTION))
    (answer,) = await run.fake.wait_for_messages(1, USER.id)
    assert answer.parse_mode is None
    assert "Lukashenko" in answer.text
    assert "<b>" not in answer.text
    assert "Sources" in answer.text


async def test_typing_failures_are_ignored(start_bot: StartBot) -> None:
    run = await start_bot()
    run.fake.fail("sendChatAction", Fault.dropped(), Fault.server_error(500))
    run.fake.push(run.updates.text(USER, QUESTION))
    (answer,) = await run.fake.wait_for_messages(1, USER.id)
    assert "Lukashenko" in answer.shown


async def test_command_menu_failure_at_start_is_tolerated(
    fake_api: FakeBotApi, tmp_path: Path, roadmap_dir: Path, clean_env: Path
) -> None:
    fake_api.fail("setMyCommands", Fault.server_error(500), Fault.dropped())
    control = Control()
    settings = telegram_settings(fake_api, tmp_path)
    task = asyncio.create_task(serve(settings, control))
    await asyncio.wait_for(control.running.wait(), 20)
    control.stop()
    assert await task == 0


async def test_a_flaky_get_me_at_start_is_retried(
    fake_api: FakeBotApi, tmp_path: Path, roadmap_dir: Path, clean_env: Path
) -> None:
    fake_api.fail("getMe", Fault.server_error(502))
    control = Control()
    task = asyncio.create_task(serve(telegram_settings(fake_api, tmp_path), control))
    await asyncio.wait_for(control.running.wait(), 20)
    control.stop()
    assert await task == 0
    assert fake_api.calls.count("getMe") == 2


async def test_unreachable_api_at_start_gives_up_with_one_clear_error(
    tmp_path: Path, roadmap_dir: Path, clean_env: Path
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fake = FakeBotApi()
    fake.port = port
    settings = telegram_settings(fake, tmp_path, start_retries=2)
    with pytest.raises(StartError, match=r"cannot reach the Telegram Bot API .* after 3 attempts"):
        await serve(settings, Control())


async def test_invalid_token_stops_at_once_with_a_clear_error(
    fake_api: FakeBotApi, tmp_path: Path, roadmap_dir: Path, clean_env: Path
) -> None:
    settings = telegram_settings(fake_api, tmp_path, token=TOKEN + "x", start_retries=3)
    with pytest.raises(StartError) as raised:
        await serve(settings, Control())
    assert str(raised.value) == texts.TOKEN_REJECTED
    assert fake_api.calls == ["getMe"]


async def test_409_from_a_second_poller_exits_with_code_1(
    fake_api: FakeBotApi, tmp_path: Path, roadmap_dir: Path, clean_env: Path
) -> None:
    fake_api.fail("getUpdates", Fault.conflict(), *[Fault.conflict()] * 20)
    code = await serve(telegram_settings(fake_api, tmp_path), Control())
    assert code == 1
    assert fake_api.calls.count("getUpdates") <= 3


async def test_an_error_while_answering_is_logged_and_the_user_told(
    start_bot: StartBot, log_rows: LogRows, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Engine, question: str, q: object, **context: object) -> None:
        raise RuntimeError("engine exploded")

    run = await start_bot()
    monkeypatch.setattr(Engine, "answer_read", broken)
    run.fake.push(run.updates.text(USER, QUESTION))
    (reply,) = await run.fake.wait_for_messages(1, USER.id)
    assert "something went wrong" in reply.shown
    assert "exploded" not in reply.shown
    assert await run.stop() == 0
    (row,) = await log_rows(run.settings.db_path)
    assert row.outcome == "error"
    assert row.error is not None and "engine exploded" in row.error


async def test_the_fake_enforces_one_message_a_second_per_chat(start_bot: StartBot) -> None:
    # The load test relies on this: unpaced sends to one chat do meet 429s (and are retried).
    run = await start_bot(chat_interval_seconds=0.0)
    run.fake.enforce_rates = True
    for question in ("Who signed the roadmap?", "When was it signed?", "Where?"):
        run.fake.push(run.updates.text(USER, question))
    await run.fake.wait_for_messages(3, USER.id)
    assert run.fake.rate_limited > 0
    assert set(run.fake.limited_by) == {"chat"}


async def test_answers_cut_off_by_the_shutdown_deadline_are_logged_and_answered_next_start(
    start_bot: StartBot, fake_api: FakeBotApi, log_rows: LogRows
) -> None:
    # Queued before the start, so that the first poll takes them all.
    updates = Updates()
    for number in range(8):
        fake_api.push(updates.text(USER, f"Who signed the roadmap? ({number})"))
    # Eight answers to one chat take 21 s at this pace: the stop cuts them off however slow the
    # machine is between the first answer and the stop.
    run = await start_bot(chat_interval_seconds=3.0, shutdown_grace_seconds=0.5)
    await run.fake.wait_for(lambda: fake_api.confirmed_offset > 8)
    await run.fake.wait_for_messages(1, USER.id)
    assert await run.stop() == 0
    rows = await log_rows(run.settings.db_path)
    assert len(rows) == 8
    delivered = len(run.fake.messages(USER.id))
    outcomes = [r.outcome for r in rows]
    sent = outcomes.count("answered") + outcomes.count("declined")
    # A send cut off just as Telegram took it counts as failed, so delivered may exceed sent.
    assert sent <= delivered < 8
    assert outcomes.count("failed") == 8 - sent
    assert all("shut" in (r.error or "") for r in rows if r.outcome == "failed")
    # They stayed in the inbox: the next start answers them.
    again = await start_bot(chat_interval_seconds=0.0)
    await again.fake.wait_for_messages(8, USER.id)
    assert await again.stop() == 0


async def test_a_stop_during_a_storage_fault_ends_within_the_stop_budget(
    start_bot: StartBot,
) -> None:
    run = await start_bot(stop_timeout_seconds=1.0)
    with locked(run.settings.db_path):
        run.fake.push(run.updates.text(USER, QUESTION))
        await run.fake.wait_for_messages(1, USER.id)
        # The row cannot be written; the stop gives up on it within the budget (and the busy
        # timeout of the one write under way), not after the query log's own 30 s.
        assert await run.stop() == 0
