"""A killed bot loses no question: updates wait in an inbox on disk until they are handled."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from conftest import BotProcess, StartBot
from fakes import USER, FakeBotApi, Person, Updates
from telegram import Update

from bot.telegram.inbox import Inbox, InboxQueue, inbox_path


async def test_inbox_keeps_updates_until_done_across_reopening(tmp_path: Path) -> None:
    path = inbox_path(tmp_path / "queries.db")
    updates = Updates()
    first = Update.de_json(updates.text(USER, "Who signed \ud800 it?"), None)
    second = Update.de_json(updates.text(USER, "When?"), None)
    assert first is not None and second is not None
    inbox = await Inbox.open(path)
    inbox.add(first)
    inbox.add(second)
    inbox.add(second)
    inbox.done(first.update_id)
    await inbox.written()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT update_id FROM pending").fetchall() == [(second.update_id,)]
    await inbox.close()
    reopened = await Inbox.open(path)
    (left,) = await reopened.pending()
    await reopened.close()
    assert left["update_id"] == second.update_id
    assert left["message"]["text"] == "When?"


async def test_queued_updates_are_on_disk_once_written_returns(tmp_path: Path) -> None:
    path = inbox_path(tmp_path / "queries.db")
    updates = Updates()
    queue = InboxQueue()
    queue.inbox = await Inbox.open(path)
    try:
        batch = [Update.de_json(updates.text(USER, f"Question {n}?"), None) for n in range(30)]
        for update in batch:
            assert update is not None
            await queue.put(update)
        await queue.written()
        with sqlite3.connect(path) as conn:
            kept = [row[0] for row in conn.execute("SELECT update_id FROM pending")]
        assert kept == [u.update_id for u in batch if u is not None]
        for update in batch[:10]:
            assert update is not None
            queue.handled(update.update_id)
        await queue.written()
        with sqlite3.connect(path) as conn:
            assert conn.execute("SELECT count(*) FROM pending").fetchone() == (20,)
    finally:
        await queue.inbox.close()


async def test_in_webhook_mode_an_update_is_on_disk_once_put_returns(tmp_path: Path) -> None:
    path = inbox_path(tmp_path / "queries.db")
    queue = InboxQueue(put_waits_for_disk=True)
    queue.inbox = await Inbox.open(path)
    try:
        update = Update.de_json(Updates().text(USER, "Who signed it?"), None)
        assert update is not None
        # The webhook server answers 200 (Telegram forgets the update) as soon as put returns.
        await queue.put(update)
        with sqlite3.connect(path) as conn:
            kept = conn.execute("SELECT update_id FROM pending").fetchall()
        assert kept == [(update.update_id,)]
    finally:
        await queue.inbox.close()


async def test_a_failing_inbox_is_logged_and_never_holds_up_polling(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = inbox_path(tmp_path / "queries.db")
    updates = Updates()
    inbox = await Inbox.open(path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE pending")
    conn.close()
    first = Update.de_json(updates.text(USER, "Who signed it?"), None)
    assert first is not None
    inbox.add(first)
    await asyncio.wait_for(inbox.written(), 20)
    assert "no longer kept" in caplog.text
    inbox.add(first)
    inbox.done(first.update_id)
    await asyncio.wait_for(inbox.written(), 20)
    await inbox.close()


async def test_updates_left_by_a_killed_run_are_answered_once_at_start(
    start_bot: StartBot, fake_api: FakeBotApi, tmp_path: Path
) -> None:
    updates = Updates()
    left = updates.text(USER, "Who signed the roadmap?")
    inbox = await Inbox.open(inbox_path(tmp_path / "queries.db"))
    update = Update.de_json(left, None)
    assert update is not None
    inbox.add(update)
    await inbox.close()
    # Telegram had not seen the confirmation either, so it delivers the same update again.
    fake_api.push(left)
    run = await start_bot()
    (answer,) = await fake_api.wait_for_messages(1, USER.id)
    assert "Lukashenko" in answer.shown
    assert await run.stop() == 0
    assert len(fake_api.messages(USER.id)) == 1
    reopened = await Inbox.open(inbox_path(tmp_path / "queries.db"))
    assert await reopened.pending() == []
    await reopened.close()


async def test_sigkill_under_load_loses_no_question(
    fake_api: FakeBotApi,
    start_process: Callable[..., Awaitable[BotProcess]],
    run_env: dict[str, str],
) -> None:
    updates = Updates()
    people = [Person(7000 + n, f"K{n}") for n in range(24)]
    slow = {"BOT_SEND_RATE_PER_SECOND": "6"}
    bot = await start_process(**slow)
    await fake_api.wait_for(lambda: "getUpdates" in fake_api.calls)
    for person in people:
        fake_api.push(updates.text(person, "Who signed the roadmap?"))
    await fake_api.wait_for_messages(3)
    bot.proc.send_signal(signal.SIGKILL)
    assert await bot.finish(timeout=10) == -signal.SIGKILL
    assert len(fake_api.messages()) < len(people)
    again = await start_process(**slow)
    await fake_api.wait_for(lambda: all(fake_api.messages(p.id) for p in people), timeout=60)
    again.proc.send_signal(signal.SIGTERM)
    assert await again.finish(timeout=15) == 0
    database = Path(run_env["BOT_DB_PATH"])
    with sqlite3.connect(database) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
