"""Webhook mode: setWebhook with the secret, updates accepted only with the right secret header."""

from __future__ import annotations

import json
import socket
from typing import Any

import aiohttp
from conftest import BotRun, StartBot
from fakes import USER

from bot.telegram.app import webhook_path

SECRET = "s3cret-Token_value"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


async def start_webhook_bot(start_bot: StartBot) -> BotRun:
    port = free_port()
    return await start_bot(
        mode="webhook",
        webhook_url="https://bot.example.org/telegram/hook-7?x=1",
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret=SECRET,
    )


async def post(
    run: BotRun, body: Any, headers: dict[str, str] | None = None, path: str = "/telegram/hook-7"
) -> int:
    url = f"http://127.0.0.1:{run.control.webhook_port}{path}"
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            url, data=data, headers={"Content-Type": "application/json", **(headers or {})}
        ) as response,
    ):
        await response.read()
        return response.status


def test_webhook_path_is_the_path_of_the_public_url() -> None:
    assert webhook_path("https://bot.example.org/telegram/hook?x=1") == "/telegram/hook"
    assert webhook_path("https://bot.example.org") == "/"


async def test_webhook_is_registered_with_its_secret(start_bot: StartBot) -> None:
    run = await start_webhook_bot(start_bot)
    assert run.fake.webhook["url"] == "https://bot.example.org/telegram/hook-7?x=1"
    assert run.fake.webhook["secret_token"] == SECRET
    assert "callback_query" in run.fake.webhook["allowed_updates"]
    assert "getUpdates" not in run.fake.calls


async def test_updates_with_the_secret_are_answered(start_bot: StartBot) -> None:
    run = await start_webhook_bot(start_bot)
    update = run.updates.text(USER, "Who signed the roadmap?")
    assert await post(run, update, {SECRET_HEADER: SECRET}) == 200
    (answer,) = await run.fake.wait_for_messages(1, USER.id)
    assert "Lukashenko" in answer.shown
    data = next(d for text, d in answer.buttons() if "Source" in text)
    assert await post(run, run.updates.callback(USER, answer, data), {SECRET_HEADER: SECRET}) == 200
    (_, paragraph) = await run.fake.wait_for_messages(2, USER.id)
    assert "Lukashenko" in paragraph.shown


async def test_requests_without_the_right_secret_get_403_and_are_not_processed(
    start_bot: StartBot,
) -> None:
    run = await start_webhook_bot(start_bot)
    update = run.updates.text(USER, "Who signed the roadmap?")
    assert await post(run, update) == 403
    assert await post(run, update, {SECRET_HEADER: SECRET + "x"}) == 403
    assert await post(run, update, {SECRET_HEADER: SECRET[:-1]}) == 403
    assert await post(run, update, {SECRET_HEADER: ""}) == 403
    # python-telegram-bot's server refuses what is not an update: 500 for a body that is not
    # JSON at all, 400 for JSON that is no update.
    assert await post(run, b"not json", {SECRET_HEADER: SECRET}) in {400, 500}
    assert await post(run, [1, 2], {SECRET_HEADER: SECRET}) == 400
    assert await post(run, update, {SECRET_HEADER: SECRET}, path="/elsewhere") == 404
    # One good update after the bad ones: only it is answered.
    good = run.updates.text(USER, "When was the roadmap signed?")
    assert await post(run, good, {SECRET_HEADER: SECRET}) == 200
    await run.fake.wait_for_messages(1, USER.id)
    assert await run.stop() == 0
    assert len(run.fake.messages(USER.id)) == 1
