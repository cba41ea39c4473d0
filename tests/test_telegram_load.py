"""Load: a burst of 1,000 questions from 100 users through a fake that enforces Telegram's rates.

The fake answers 429 to more than about 30 messages a second overall or one a second in a chat,
so every question answered with no 429 seen means the bot paced itself. This is the one slow
test of the suite (about 35 s: 1,000 messages at 30 a second).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from conftest import StartBot
from fakes import Person

from bot.querylog.writer import LoggedQuery

LogRows = Callable[[Path], Awaitable[list[LoggedQuery]]]
USERS = 100
EACH = 10
QUESTIONS = [
    "Who signed the roadmap?",
    "When was the roadmap signed?",
    "What is the population of Brazil?",
    "Which fields do the agreements cover?",
    "How much did trade grow in 2022?",
]


@pytest.mark.slow
async def test_a_burst_of_1000_questions_is_all_answered_paced_and_logged(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot(chat_interval_seconds=1.0, send_rate_per_second=30.0)
    run.fake.enforce_rates = True
    people = [Person(100_000 + n, f"U{n}") for n in range(USERS)]
    for round_number in range(EACH):
        for person in people:
            question = QUESTIONS[(person.id + round_number) % len(QUESTIONS)]
            run.fake.push(run.updates.text(person, question))
    total = USERS * EACH
    await run.fake.wait_for(lambda: len(run.fake.messages()) >= total, timeout=150)
    assert run.fake.rate_limited == 0, run.fake.limited_by
    per_chat = Counter(s.chat_id for s in run.fake.messages())
    assert set(per_chat.values()) == {EACH}
    assert await run.stop() == 0
    rows = await log_rows(run.settings.db_path)
    assert len(rows) == total
    assert {r.outcome for r in rows} <= {"answered", "declined"}
