"""Small Telegram parts on their own: flood guard, callback data, keyboards, URLs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.answer.records import Answer, Citation
from bot.settings import Settings
from bot.telegram.app import file_base_url
from bot.telegram.buttons import (
    MAX_CALLBACK_BYTES,
    AskExample,
    Feedback,
    ShowSource,
    answer_keyboard,
    decode,
    doc_key,
    encode,
    examples_keyboard,
)
from bot.telegram.runtime import FloodGuard


def test_default_flood_guard_allows_bursts_of_10_and_20_a_minute() -> None:
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    guard = FloodGuard(defaults.flood_rate_per_minute, defaults.flood_burst)
    assert all(guard.check(1, 0.0).allowed for _ in range(10))
    allowed = 10 + sum(guard.check(1, 60.0 * n / 30).allowed for n in range(1, 31))
    assert allowed >= 20


def test_flood_guard_warns_once_a_run_and_keeps_users_apart() -> None:
    guard = FloodGuard(per_minute=6, burst=2)
    assert [guard.check(1, 0.0).allowed for _ in range(2)] == [True, True]
    third, fourth = guard.check(1, 0.0), guard.check(1, 0.1)
    assert (third.allowed, third.warn) == (False, True)
    assert (fourth.allowed, fourth.warn) == (False, False)
    assert guard.check(2, 0.1).allowed
    assert guard.check(1, 10.1).allowed
    assert guard.check(1, 10.2).warn


def test_callback_data_round_trips_within_64_bytes() -> None:
    actions = [
        ShowSource(doc_key("iran-belarus-roadmap-2023"), 12),
        ShowSource(doc_key("д" * 300), 999_999),
        Feedback("0123456789abcdef", 1),
        Feedback("fedcba9876543210", -1),
        AskExample(3),
        AskExample(0, "fa"),
    ]
    for action in actions:
        data = encode(action)
        assert len(data.encode()) <= MAX_CALLBACK_BYTES
        assert decode(data) == action


@given(st.text(max_size=80))
def test_any_callback_data_decodes_or_is_refused_without_error(data: str) -> None:
    action = decode(data)
    if action is not None:
        assert encode(action) == data


def test_keyboards_carry_source_per_citation_and_feedback() -> None:
    cites = tuple(Citation(n, "doc", "Title", n, "text", None, None, 0.5) for n in range(1, 4))
    markup = answer_keyboard(Answer("q", True, "a [1] [2] [3]", 0.9, cites), "0123456789abcdef")
    labels = [b.text for row in markup.inline_keyboard for b in row]
    assert labels == ["📄 Source [1]", "📄 Source [2]", "📄 Source [3]", "👍", "👎"]
    declined = answer_keyboard(Answer("q", False, "no", 0.1, ()), "0123456789abcdef")
    assert [b.text for row in declined.inline_keyboard for b in row] == ["👍", "👎"]
    assert examples_keyboard([]) is None
    examples = examples_keyboard(["One?", "  ", "Two?"])
    assert examples is not None
    assert [row[0].callback_data for row in examples.inline_keyboard] == ["q:en:0", "q:en:2"]
    russian = examples_keyboard(["Когда?"], "ru")
    assert russian is not None and decode(
        russian.inline_keyboard[0][0].callback_data
    ) == AskExample(0, "ru")


def test_file_url_follows_the_api_url() -> None:
    assert file_base_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_base_url("http://127.0.0.1:8081/bot/") == "http://127.0.0.1:8081/file/bot"
    assert file_base_url("http://local:9/custom") == "http://local:9/custom/file/bot"
