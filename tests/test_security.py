"""Security: the token never leaks, admins only for admin things, upload names made safe."""

from __future__ import annotations

import asyncio
import io
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from conftest import BotProcess, StartBot
from fakes import ADMIN, TOKEN, USER, FakeBotApi, Fault, Person, Updates, group_chat

from bot.telegram.admin import UploadError, safe_document_name
from bot.telegram.app import REDACTED, RedactingFormatter, configure_logging, redact

SECRET_PART = TOKEN.split(":", 1)[1]


def leaks(text: str) -> bool:
    return TOKEN in text or SECRET_PART in text


@pytest.mark.parametrize(
    "name",
    [
        "../evil.md",
        "../../etc/passwd.md",
        "/etc/cron.d/x.md",
        "..\\..\\evil.md",
        "a/../b.md",
        "．．／evil.md",
        "..",
        ".env.md",
        ".hidden.txt",
        "nul\x00byte.md",
        "script.py",
        "archive.md.zip",
        "",
        "   ",
        "---.md",
    ],
)
def test_unsafe_upload_names_are_refused(name: str) -> None:
    with pytest.raises(UploadError):
        safe_document_name(name)


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("notes.md", "notes.md"),
        ("Notes.TXT", "Notes.txt"),
        ("Minsk Tractors (final).md", "Minsk-Tractors-final.md"),
        ("Дорожная карта.md", "Дорожная-карта.md"),
        ("a;rm -rf ~.md", "a-rm-rf.md"),
        ("x" * 300 + ".md", "x" * 80 + ".md"),
    ],
)
def test_odd_upload_names_become_safe_names(name: str, safe: str) -> None:
    assert safe_document_name(name) == safe


def test_redaction_covers_messages_arguments_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter(logging.Formatter("%(message)s"), [TOKEN]))
    logger = logging.getLogger("tests.security.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("POST https://api.telegram.org/bot%s/getMe", TOKEN)
        logger.warning("only the secret half: %s", SECRET_PART)
        try:
            raise RuntimeError(f"boom at /bot{TOKEN}/sendMessage")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
    text = stream.getvalue()
    assert not leaks(text)
    assert text.count(REDACTED) == 3
    assert redact("a secret b", ["secret"]) == f"a {REDACTED} b"


def test_configure_logging_quiets_http_loggers_and_redacts_every_handler() -> None:
    root = logging.getLogger()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    root.addHandler(handler)
    levels = {name: logging.getLogger(name).level for name in ("httpx", "telegram")}
    try:
        configure_logging([TOKEN])
        assert logging.getLogger("httpx").getEffectiveLevel() >= logging.WARNING
        logging.getLogger("httpx").warning("HTTP Request: POST /bot%s/getUpdates", TOKEN)
        assert not leaks(stream.getvalue())
        assert REDACTED in stream.getvalue()
    finally:
        root.removeHandler(handler)
        for name, level in levels.items():
            logging.getLogger(name).setLevel(level)


async def test_admin_commands_are_refused_to_non_admins_everywhere(start_bot: StartBot) -> None:
    run = await start_bot()
    group = group_chat()
    stranger = Person(4242, "Mallory")
    for command in ("/reload", "/stats", "/unanswered", "/export"):
        run.fake.push(run.updates.text(stranger, command))
        run.fake.push(run.updates.text(stranger, f"{command}@accords_test_bot", chat=group))
    await run.fake.wait_for_messages(4, stranger.id)
    await run.fake.wait_for_messages(4, group["id"])
    assert all("only for the bot's admins" in s.shown for s in run.fake.messages())
    assert not any(s.method == "sendDocument" for s in run.fake.sent)


async def test_the_token_never_reaches_logs_replies_the_database_or_exports(
    fake_api: FakeBotApi,
    start_process: Callable[..., Awaitable[BotProcess]],
    run_env: dict[str, str],
) -> None:
    updates = Updates()
    fake_api.fail("getUpdates", Fault.server_error(502), Fault.dropped())
    fake_api.fail("sendMessage", Fault.server_error(502), Fault.cant_parse())
    fake_api.fail("sendChatAction", Fault.dropped())
    bot = await start_process()
    await fake_api.wait_for(lambda: fake_api.calls.count("getUpdates") >= 3)
    fake_api.push(updates.text(USER, "Who signed the roadmap?"))
    fake_api.push(updates.text(USER, "What is the population of Brazil?"))
    await fake_api.wait_for_messages(2, USER.id)
    fake_api.fail("sendMessage", Fault.blocked())
    fake_api.push(updates.text(Person(77, "Gone"), "Who signed the roadmap?"))
    fake_api.push(updates.text(ADMIN, "/export"))
    (export,) = await fake_api.wait_for_messages(1, ADMIN.id)
    bot.proc.send_signal(signal.SIGTERM)
    assert await bot.finish(timeout=10) == 0
    assert not leaks(bot.stderr)
    assert "Traceback" not in bot.stderr
    assert not any(leaks(sent.text) for sent in fake_api.sent)
    assert export.content is not None
    assert not leaks(export.content.decode())
    database = Path(run_env["BOT_DB_PATH"])
    stored = b"".join(p.read_bytes() for p in database.parent.glob(database.name + "*"))
    assert SECRET_PART.encode() not in stored
    for fmt in ("csv", "jsonl"):
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "log",
            "export",
            "--format",
            fmt,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=run_env,
        )
        out, err = await proc.communicate()
        assert proc.returncode == 0
        assert out.decode().count("\n") >= 3
        assert not leaks(out.decode() + err.decode())
