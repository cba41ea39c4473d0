"""``accords-bot run`` as a real process against the fake Bot API: signals, start-up failures."""

from __future__ import annotations

import asyncio
import json
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import aiohttp
from conftest import BotProcess
from fakes import TOKEN, USER, FakeBotApi, Fault, Updates

TRACTORS = (
    b"---\ntitle: Minsk tractor deal\npublished: 2023-04-02\n---\n\n"
    b"Belarus agreed to deliver five hundred MTZ tractors to Isfahan province in 2024.\n"
)


async def export_rows(env: dict[str, str]) -> list[dict[str, object]]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "log",
        "export",
        "--format",
        "jsonl",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    out, err = await proc.communicate()
    assert proc.returncode == 0, err.decode()
    return [json.loads(line) for line in out.decode().splitlines()]


def assert_clean(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert TOKEN not in stderr
    assert TOKEN.split(":")[1] not in stderr


async def test_run_answers_reloads_on_sighup_and_exits_0_on_sigterm(
    fake_api: FakeBotApi,
    start_process: Callable[..., Awaitable[BotProcess]],
    run_env: dict[str, str],
) -> None:
    updates = Updates()
    bot = await start_process()
    await fake_api.wait_for(lambda: "getUpdates" in fake_api.calls)
    fake_api.push(updates.text(USER, "Who signed the roadmap?"))
    (answer,) = await fake_api.wait_for_messages(1, USER.id)
    assert "Lukashenko" in answer.shown
    (Path(run_env["BOT_KNOWLEDGE_DIR"]) / "minsk-tractors.md").write_bytes(TRACTORS)
    bot.proc.send_signal(signal.SIGHUP)
    await bot.wait_line(r"reloaded: version \w+, 2 documents")
    fake_api.push(updates.text(USER, "How many tractors will Belarus deliver to Isfahan?"))
    (_, tractors) = await fake_api.wait_for_messages(2, USER.id)
    assert "Minsk tractor deal" in tractors.shown
    bot.proc.send_signal(signal.SIGTERM)
    assert await bot.finish(timeout=10) == 0
    assert_clean(bot.stderr)
    rows = await export_rows(run_env)
    assert [r["question"] for r in rows] == [
        "Who signed the roadmap?",
        "How many tractors will Belarus deliver to Isfahan?",
    ]
    assert all(r["answered"] for r in rows)


async def test_sigterm_lets_answers_in_flight_finish(
    fake_api: FakeBotApi,
    start_process: Callable[..., Awaitable[BotProcess]],
    run_env: dict[str, str],
) -> None:
    updates = Updates()
    bot = await start_process(BOT_CHAT_INTERVAL_SECONDS="1")
    await fake_api.wait_for(lambda: "getUpdates" in fake_api.calls)
    for question in ("Who signed the roadmap?", "When?", "Where?", "Why?"):
        fake_api.push(updates.text(USER, question))
    await fake_api.wait_for_messages(1, USER.id)
    bot.proc.send_signal(signal.SIGINT)
    assert await bot.finish(timeout=10) == 0
    assert len(fake_api.messages(USER.id)) == 4
    assert len(await export_rows(run_env)) == 4
    assert_clean(bot.stderr)


async def test_webhook_mode_process_answers_with_the_secret_only(
    fake_api: FakeBotApi, start_process: Callable[..., Awaitable[BotProcess]]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bot = await start_process(
        BOT_MODE="webhook",
        BOT_WEBHOOK_URL="https://bot.example.org/hook",
        BOT_WEBHOOK_PORT=str(port),
        BOT_WEBHOOK_SECRET="hunter2-secret",
    )
    await fake_api.wait_for(lambda: "setWebhook" in fake_api.calls)
    await bot.wait_line("is answering")
    update = Updates().text(USER, "Who signed the roadmap?")
    async with aiohttp.ClientSession() as session:
        for secret, expected in (("wrong", 403), ("hunter2-secret", 200)):
            async with session.post(
                f"http://127.0.0.1:{port}/hook",
                json=update,
                headers={"X-Telegram-Bot-Api-Secret-Token": secret},
            ) as response:
                assert response.status == expected
    (answer,) = await fake_api.wait_for_messages(1, USER.id)
    assert "Lukashenko" in answer.shown
    bot.proc.send_signal(signal.SIGTERM)
    assert await bot.finish(timeout=10) == 0
    assert "hunter2-secret" not in bot.stderr
    assert_clean(bot.stderr)


async def test_no_token_explains_how_to_get_one(
    start_process: Callable[..., Awaitable[BotProcess]],
) -> None:
    bot = await start_process(BOT_TOKEN="")
    assert await bot.finish(timeout=30) == 1
    assert "@BotFather" in bot.stderr
    assert "BOT_TOKEN" in bot.stderr and ".env" in bot.stderr
    assert_clean(bot.stderr)


async def test_unreachable_api_exits_1_with_one_clear_line(
    start_process: Callable[..., Awaitable[BotProcess]],
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    bot = await start_process(BOT_API_BASE_URL=f"http://127.0.0.1:{port}/bot")
    assert await bot.finish(timeout=30) == 1
    last = bot.stderr.strip().splitlines()[-1]
    assert last.startswith("accords-bot: cannot reach the Telegram Bot API")
    assert "after 2 attempts" in last
    assert_clean(bot.stderr)


async def test_invalid_token_exits_1_with_one_clear_line(
    fake_api: FakeBotApi, start_process: Callable[..., Awaitable[BotProcess]]
) -> None:
    bot = await start_process(BOT_TOKEN="999:WrongTokenWrongTokenWrongToken")
    assert await bot.finish(timeout=30) == 1
    (line,) = bot.stderr.strip().splitlines()
    assert line.startswith("accords-bot: Telegram rejected BOT_TOKEN")
    assert "WrongToken" not in bot.stderr


async def test_409_conflict_exits_1_with_a_clear_log_line(
    fake_api: FakeBotApi, start_process: Callable[..., Awaitable[BotProcess]]
) -> None:
    fake_api.fail("getUpdates", *[Fault.conflict()] * 50)
    bot = await start_process()
    assert await bot.finish(timeout=30) == 1
    assert "409 Conflict" in bot.stderr
    assert fake_api.calls.count("getUpdates") <= 3
    assert_clean(bot.stderr)
