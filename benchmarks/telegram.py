"""The Telegram benchmark: updates answered a second, and update-to-reply latency.

The fake Bot API of the tests runs in this process; the bot under test runs as a process of its
own (``accords-bot run``, query log on), and so does python-telegram-bot's echo bot beside it, the
ceiling on this machine (both on python-telegram-bot's stock parts). Each runs at several
``concurrent_updates`` settings: a burst of updates gives the rate, then a steady stream at
Telegram's pace (about 30 messages a second) gives the latency.
"""

from __future__ import annotations

import asyncio
import importlib.util
import json
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from benchmarks.lines import python_env
from benchmarks.report import BotResult

REPO = Path(__file__).resolve().parent.parent
SETTINGS = (1, 16, 32, 64)
QUICK_SETTINGS = (32,)
# About what Telegram lets one bot send a second: the pace of the steady stream.
TELEGRAM_PACE = 30.0
FIRST_USER = 500_000
ECHO = "echo"


def _fakes() -> ModuleType:
    """Load the fake Bot API that the tests use."""
    spec = importlib.util.spec_from_file_location("fakes", REPO / "tests" / "fakes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["fakes"] = module
    spec.loader.exec_module(module)
    return module


def _questions() -> list[str]:
    rows = (REPO / "tests" / "data" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(r)["question"] for r in rows if r.strip()]


class _Clock:
    """When each update went to the fake, and when the reply to its chat came back."""

    def __init__(self) -> None:
        self.pushed: dict[int, float] = {}
        self.replied: dict[int, float] = {}


def _timed_fake(fakes: ModuleType, clock: _Clock) -> Any:
    """The tests' fake, stamping each sendMessage and waking long polls on every push."""

    class TimedFake(fakes.FakeBotApi):  # type: ignore[name-defined,misc]
        async def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
            clock.replied.setdefault(int(params["chat_id"]), time.perf_counter())
            result: dict[str, Any] = await super()._send_message(params)
            return result

        async def push_now(self, *updates: dict[str, Any]) -> None:
            now = time.perf_counter()
            for update in updates:
                clock.pushed[update["message"]["chat"]["id"]] = now
            self.push(*updates)
            await self._notify()

    return TimedFake()


async def _measure(
    cmd: list[str],
    env: dict[str, str],
    home: Path,
    handler: str,
    *,
    concurrency: int,
    updates: int,
    steady: int,
) -> BotResult:
    """Start one bot against a fresh fake; time a burst, then a steady stream."""
    fakes = _fakes()
    clock = _Clock()
    fake = _timed_fake(fakes, clock)
    await fake.start()
    env = {**env, "BOT_TOKEN": fake.token, "BOT_API_BASE_URL": fake.base_url}
    proc = subprocess.Popen(
        [*cmd, fake.base_url, fake.token, str(concurrency)] if handler == ECHO else cmd,
        env=env,
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        await fake.wait_for(lambda: "getUpdates" in fake.calls or proc.poll() is not None, 120)
        if proc.poll() is not None:
            assert proc.stderr is not None
            raise RuntimeError(f"{handler} did not start:\n{proc.stderr.read().decode()[-2000:]}")
        make = fakes.Updates()
        questions = _questions()
        users = iter(range(FIRST_USER, FIRST_USER + 10 * updates))

        def update(n: int) -> dict[str, Any]:
            person = fakes.Person(next(users), "Reader")
            return make.text(person, questions[n % len(questions)])  # type: ignore[no-any-return]

        # A burst: how many a second the bot gets through when it has plenty waiting.
        burst = [update(n) for n in range(updates)]
        chats = [u["message"]["chat"]["id"] for u in burst]
        started = time.perf_counter()
        await fake.push_now(*burst)
        await fake.wait_for(lambda: len(clock.replied) >= len(chats), timeout=600)
        rate = updates / (max(clock.replied[c] for c in chats) - started)
        # A steady stream at Telegram's pace: how long each update waits for its reply.
        waits = await _steady(fake, clock, update, TELEGRAM_PACE, steady)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
        await fake.close()
    logged = 0 if handler == ECHO else await _logged(Path(env["BOT_DB_PATH"]))
    return BotResult(
        handler=handler,
        concurrency=concurrency,
        updates_per_s=rate,
        p50_ms=_percentile(waits, 0.5),
        p95_ms=_percentile(waits, 0.95),
        logged=logged,
        updates=updates + steady,
    )


async def _steady(
    fake: Any, clock: _Clock, update: Callable[[int], dict[str, Any]], pace: float, count: int
) -> list[float]:
    """Push ``count`` updates at ``pace`` a second; return each one's wait for its reply, in ms."""
    items = [update(n) for n in range(count)]
    chats = [u["message"]["chat"]["id"] for u in items]
    expected = len(clock.replied) + count
    begin = time.perf_counter()
    for n, item in enumerate(items):
        await asyncio.sleep(max(0.0, begin + n / pace - time.perf_counter()))
        await fake.push_now(item)
    await fake.wait_for(lambda: len(clock.replied) >= expected, timeout=600)
    return sorted(1000 * (clock.replied[c] - clock.pushed[c]) for c in chats)


def _percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted ``values`` lie."""
    return values[min(len(values) - 1, int(share * len(values)))]


async def _logged(db: Path) -> int:
    from bot.querylog.writer import LogReader  # noqa: PLC0415

    reader = await LogReader.open(db)
    try:
        return len(await reader.recent(limit=10_000_000))
    finally:
        await reader.close()


def run_bot_benchmark(work: Path, quick: bool = False) -> list[BotResult]:
    """Measure the echo ceiling and the accords bot at each concurrency setting."""
    shape: dict[str, Any] = {"updates": 400 if quick else 1500, "steady": 90 if quick else 300}
    results: list[BotResult] = []
    for concurrency in QUICK_SETTINGS if quick else SETTINGS:
        home = work / f"bot-{concurrency}"
        home.mkdir(parents=True, exist_ok=True)
        env = python_env()
        echo = [sys.executable, "-m", "benchmarks.echo"]
        print(f"\r  {ECHO}, {concurrency} at once", file=sys.stderr, flush=True)
        results.append(
            asyncio.run(_measure(echo, env, home, ECHO, **shape, concurrency=concurrency))
        )
        env.update(
            BOT_KNOWLEDGE_DIR=str(REPO / "knowledge"),
            BOT_DB_PATH=str(home / "queries.db"),
            BOT_INDEX_CACHE_DIR=str(home / "index-cache"),
            BOT_CONCURRENT_UPDATES=str(concurrency),
            BOT_SEND_RATE_PER_SECOND="1000000",
            BOT_CHAT_INTERVAL_SECONDS="0",
            BOT_POLL_TIMEOUT_SECONDS="10",
        )
        bot = [sys.executable, "-m", "bot", "run"]
        print(f"\r  accords bot, {concurrency} at once", file=sys.stderr, flush=True)
        results.append(
            asyncio.run(_measure(bot, env, home, "accords bot", **shape, concurrency=concurrency))
        )
    return results
