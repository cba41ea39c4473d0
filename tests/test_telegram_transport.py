"""The Bot API transport on aiohttp: calls, uploads, downloads, and failures as PTB expects them."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from aiohttp import web
from fakes import TOKEN, FakeBotApi, Fault
from telegram import Bot, InputFile
from telegram.error import Forbidden, NetworkError, RetryAfter, TimedOut

from bot.telegram.transport import AiohttpRequest
from bot.telegram.wiring import file_base_url


def transport(read_timeout: float = 5.0) -> AiohttpRequest:
    return AiohttpRequest(
        connections=4, connect_timeout=5, read_timeout=read_timeout, pool_timeout=5
    )


@pytest.fixture
async def bot(fake_api: FakeBotApi) -> AsyncIterator[Bot]:
    bot = Bot(
        fake_api.token,
        base_url=fake_api.base_url,
        base_file_url=file_base_url(fake_api.base_url),
        request=transport(),
        get_updates_request=transport(),
    )
    async with bot:
        yield bot


async def test_messages_go_and_replies_come_back_as_objects(bot: Bot, fake_api: FakeBotApi) -> None:
    message = await bot.send_message(42, "<b>Raisi</b> &amp; Lukashenko", parse_mode="HTML")
    assert message.chat.id == 42
    assert message.text == "Raisi & Lukashenko"
    (sent,) = fake_api.messages(42)
    assert sent.text == "<b>Raisi</b> &amp; Lukashenko"
    assert sent.parse_mode == "HTML"


async def test_files_go_up_as_multipart_and_come_down_whole(bot: Bot, fake_api: FakeBotApi) -> None:
    content = "é, 🙂 and\x00bytes".encode()
    await bot.send_document(42, InputFile(content, filename="log.csv"), caption="The log")
    (sent,) = fake_api.messages(42)
    assert (sent.filename, sent.content, sent.text) == ("log.csv", content, "The log")
    fake_api.add_file("doc-1", content)
    file = await bot.get_file("doc-1")
    assert bytes(await file.download_as_bytearray()) == content


async def test_telegram_errors_keep_their_meaning(
    bot: Bot, fake_api: FakeBotApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")
    fake_api.fail("sendMessage", Fault.too_many(retry_after=3), Fault.blocked())
    with pytest.raises(RetryAfter) as too_many:
        await bot.send_message(42, "hello")
    assert too_many.value.retry_after == timedelta(seconds=3)
    with pytest.raises(Forbidden):
        await bot.send_message(42, "hello")


async def test_before_each_is_awaited_before_the_request_goes(fake_api: FakeBotApi) -> None:
    entered, release = asyncio.Event(), asyncio.Event()
    seen: list[list[str]] = []

    async def before() -> None:
        seen.append(list(fake_api.calls))
        entered.set()
        await release.wait()

    request = AiohttpRequest(
        connections=1, connect_timeout=5, read_timeout=5, pool_timeout=5, before_each=before
    )
    await request.initialize()
    try:
        call = asyncio.create_task(request.post(f"{fake_api.base_url}{fake_api.token}/getMe"))
        await entered.wait()
        assert fake_api.calls == []
        release.set()
        await call
    finally:
        await request.shutdown()
    assert seen == [[]]
    assert fake_api.calls == ["getMe"]


async def test_a_dropped_connection_is_a_network_error(bot: Bot, fake_api: FakeBotApi) -> None:
    fake_api.fail("sendMessage", Fault.dropped())
    with pytest.raises(NetworkError) as raised:
        await bot.send_message(42, "hello")
    assert not isinstance(raised.value, TimedOut)
    assert (await bot.send_message(42, "again")).text == "again"


async def test_an_unreachable_api_fails_without_naming_the_token() -> None:
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    request = transport()
    await request.initialize()
    url = f"http://127.0.0.1:{port}/bot{TOKEN}/getMe"
    try:
        with pytest.raises(NetworkError) as raised:
            await request.post(url)
    finally:
        await request.shutdown()
    assert TOKEN.split(":", 1)[1] not in raised.value.message


async def test_a_reply_that_never_comes_times_out() -> None:
    never = asyncio.Event()

    async def hang(request: web.Request) -> web.Response:
        await never.wait()
        return web.Response()

    app = web.Application()
    app.router.add_post("/{path:.*}", hang)
    runner = web.AppRunner(app, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    request = transport(read_timeout=0.05)
    await request.initialize()
    try:
        with pytest.raises(TimedOut):
            await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
    finally:
        never.set()
        await request.shutdown()
        await runner.cleanup()


async def test_requests_need_an_initialized_transport() -> None:
    request = transport()
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post("http://127.0.0.1:9/bot/getMe")
    await request.initialize()
    await request.shutdown()
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post("http://127.0.0.1:9/bot/getMe")
