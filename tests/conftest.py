"""Shared fixtures: clean settings environments, knowledge folders and the command line."""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fakes import ADMIN, FakeBotApi, Updates

from bot.querylog.writer import LoggedQuery, LogReader
from bot.settings import Settings
from bot.telegram.app import Control, serve

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"
ROADMAP = KNOWLEDGE / "iran-belarus-roadmap-2023.md"
QUESTIONS = REPO / "tests" / "data" / "questions.jsonl"

RunCli = Callable[..., subprocess.CompletedProcess[str]]


def bot_free_environ() -> dict[str, str]:
    """Return the environment without any ``BOT_`` variable, so tests set only their own."""
    return {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Drop every ``BOT_`` variable and work in an empty folder, so no ``.env`` is read."""
    for key in list(os.environ):
        if key.startswith("BOT_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@pytest.fixture
def roadmap_dir(tmp_path: Path) -> Path:
    """A knowledge folder holding a copy of the accords article."""
    folder = tmp_path / "knowledge"
    folder.mkdir()
    shutil.copy(ROADMAP, folder / ROADMAP.name)
    return folder


@pytest.fixture
def cli_env(tmp_path: Path, roadmap_dir: Path) -> dict[str, str]:
    """An environment for the command line: the article's folder, a query log in tmp_path."""
    env = bot_free_environ()
    env["BOT_KNOWLEDGE_DIR"] = str(roadmap_dir)
    env["BOT_DB_PATH"] = str(tmp_path / "queries.db")
    env["PYTHONIOENCODING"] = "utf-8"
    return env


@pytest.fixture
def run_cli(tmp_path: Path, cli_env: dict[str, str]) -> RunCli:
    """Run ``python -m bot ARGS`` in tmp_path with ``cli_env`` (plus ``env`` overrides)."""
    workdir = tmp_path / "work"
    workdir.mkdir(exist_ok=True)

    def run(
        *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        done = subprocess.run(
            [sys.executable, "-m", "bot", *args],
            input=data if data is not None else b"",
            capture_output=True,
            env={**cli_env, **(env or {})},
            cwd=workdir,
            timeout=120,
            check=False,
        )
        return subprocess.CompletedProcess(
            done.args,
            done.returncode,
            done.stdout.decode("utf-8"),
            done.stderr.decode("utf-8"),
        )

    return run


# --- Telegram: the fake Bot API server and the bot running against it -------------------------


@dataclass
class BotRun:
    """The bot running in this event loop against the fake Bot API."""

    fake: FakeBotApi
    settings: Settings
    control: Control
    task: asyncio.Task[int]
    updates: Updates

    async def stop(self) -> int:
        """Stop the bot as SIGTERM would and return its exit code."""
        self.control.stop()
        return await asyncio.wait_for(self.task, 20)


StartBot = Callable[..., Awaitable[BotRun]]


def telegram_settings(fake: FakeBotApi, tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a bot talking to ``fake``: fast pacing and retries, files in tmp_path."""
    values: dict[str, Any] = {
        "token": fake.token,
        "api_base_url": fake.base_url,
        "knowledge_dir": tmp_path / "knowledge",
        "db_path": tmp_path / "queries.db",
        "admin_ids": [ADMIN.id],
        "chat_interval_seconds": 0.0,
        "start_retries": 1,
        "start_backoff_seconds": 0.05,
        "poll_timeout_seconds": 1,
        "shutdown_grace_seconds": 5.0,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeBotApi]:
    """A fake Bot API server; the test fails if the bot sent anything Telegram would reject."""
    fake = FakeBotApi()
    await fake.start()
    yield fake
    await fake.close()
    assert fake.problems == [], "the bot sent messages Telegram would reject"


@pytest.fixture
async def start_bot(
    fake_api: FakeBotApi, tmp_path: Path, roadmap_dir: Path, clean_env: Path
) -> AsyncIterator[StartBot]:
    """Start the bot (settings overridable) and wait until it takes updates; stop it after."""
    runs: list[BotRun] = []

    async def start(**overrides: Any) -> BotRun:
        settings = telegram_settings(fake_api, tmp_path, **overrides)
        control = Control()
        task = asyncio.create_task(serve(settings, control))
        running = asyncio.create_task(control.running.wait())
        await asyncio.wait({task, running}, timeout=20, return_when=asyncio.FIRST_COMPLETED)
        if task.done():
            running.cancel()
            raise AssertionError(f"the bot did not start: {task.result()!r}")
        run = BotRun(fake_api, settings, control, task, Updates())
        runs.append(run)
        return run

    yield start
    for run in runs:
        if not run.task.done():
            assert await run.stop() == 0


@pytest.fixture
def log_rows() -> Callable[[Path], Awaitable[list[LoggedQuery]]]:
    """Read every row of a query log, oldest first."""

    async def read(path: Path) -> list[LoggedQuery]:
        reader = await LogReader.open(path)
        try:
            return list(reversed(await reader.recent(limit=1_000_000)))
        finally:
            await reader.close()

    return read


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``slow`` mark (the Telegram load test), so ``-m 'not slow'`` skips it."""
    config.addinivalue_line("markers", "slow: takes tens of seconds (the Telegram load test)")


# --- Telegram: `accords-bot run` as a process ------------------------------------------------


class BotProcess:
    """A running ``python -m bot run`` whose standard error is read line by line."""

    def __init__(self, proc: asyncio.subprocess.Process) -> None:
        self.proc = proc
        self.lines: list[str] = []
        self._changed = asyncio.Condition()
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        assert self.proc.stderr is not None
        async for raw in self.proc.stderr:
            async with self._changed:
                self.lines.append(raw.decode("utf-8", "replace"))
                self._changed.notify_all()

    async def wait_line(self, pattern: str, timeout: float = 20.0) -> str:
        """Wait for a line of standard error matching ``pattern`` and return it."""
        regex = re.compile(pattern)

        def found() -> str | None:
            return next((line for line in self.lines if regex.search(line)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), timeout)
        line = found()
        assert line is not None
        return line

    async def finish(self, timeout: float) -> int:
        """Wait for the process to exit (failing after ``timeout`` s) and for its output."""
        code = await asyncio.wait_for(self.proc.wait(), timeout)
        await self._reader
        return code

    @property
    def stderr(self) -> str:
        """Everything written to standard error so far."""
        return "".join(self.lines)


@pytest.fixture
def run_env(tmp_path: Path, fake_api: FakeBotApi) -> dict[str, str]:
    """Environment for ``accords-bot run`` against the fake, with a knowledge copy in tmp_path."""
    knowledge = tmp_path / "kb"
    knowledge.mkdir()
    shutil.copy(ROADMAP, knowledge / ROADMAP.name)
    (tmp_path / "work").mkdir()
    env = bot_free_environ()
    env.update(
        {
            "BOT_TOKEN": fake_api.token,
            "BOT_API_BASE_URL": fake_api.base_url,
            "BOT_KNOWLEDGE_DIR": str(knowledge),
            "BOT_DB_PATH": str(tmp_path / "queries.db"),
            "BOT_ADMIN_IDS": f"[{ADMIN.id}]",
            "BOT_CHAT_INTERVAL_SECONDS": "0",
            "BOT_POLL_TIMEOUT_SECONDS": "1",
            "BOT_START_RETRIES": "1",
            "BOT_START_BACKOFF_SECONDS": "0.1",
            "PYTHONIOENCODING": "utf-8",
        }
    )
    return env


@pytest.fixture
async def start_process(
    tmp_path: Path, run_env: dict[str, str]
) -> AsyncIterator[Callable[..., Awaitable[BotProcess]]]:
    """Start ``python -m bot run`` with ``run_env`` plus overrides; kill leftovers after."""
    started: list[BotProcess] = []

    async def start(**overrides: str) -> BotProcess:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env={**run_env, **overrides},
            cwd=tmp_path / "work",
        )
        bot = BotProcess(proc)
        started.append(bot)
        return bot

    yield start
    for bot in started:
        if bot.proc.returncode is None:
            bot.proc.kill()
            await bot.proc.wait()
        await bot._reader


@pytest.fixture(autouse=True, scope="session")
def _private_cache_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Keep the index cache that commands write by default inside the test run's temp folder."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache-home"))
    yield
    if previous is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = previous
