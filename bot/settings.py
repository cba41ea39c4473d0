"""Settings read from the environment and from ``.env``, all under the ``BOT_`` prefix."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal

from dotenv import dotenv_values
from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict, SettingsError

from bot.answer.confidence import DEFAULT_MIN_CONFIDENCE

PREFIX = "BOT_"
ENV_FILE = ".env"


def default_cache_dir() -> Path | None:
    """Return where the index cache lives by default: the user's cache folder, if there is one."""
    base = os.environ.get("XDG_CACHE_HOME")
    if base:
        return Path(base) / "accords-bot" / "index"
    try:
        return Path.home() / ".cache" / "accords-bot" / "index"
    except RuntimeError:
        return None


class Settings(BaseSettings):
    """Every setting of the bot; the token stays a ``SecretStr`` until the bot is built."""

    model_config = SettingsConfigDict(
        env_prefix=PREFIX, env_file=ENV_FILE, env_file_encoding="utf-8", extra="ignore"
    )

    token: SecretStr | None = None
    admin_ids: list[int] = Field(default_factory=list)
    knowledge_dir: Path = Path("knowledge")
    db_path: Path = Path("data/queries.db")
    api_base_url: str = "https://api.telegram.org/bot"
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    webhook_secret: SecretStr | None = None

    # Answering.
    # Chosen from the reliability table of `make quality` (README, "Evaluation").
    min_confidence: float = Field(default=DEFAULT_MIN_CONFIDENCE, ge=0.0, le=1.0)
    max_question_chars: int = Field(default=2000, ge=10)
    max_file_bytes: int = Field(default=2_000_000, ge=1)
    index_cache_dir: Path | None = Field(default_factory=default_cache_dir)
    # How long a chat's last answer stays the context its next question may follow up on.
    context_minutes: float = Field(default=15.0, gt=0)
    # Re-ranking by meaning (bot/search/semantic.py), opt-in: measured over every public question
    # set it does not raise the answer rates yet. "auto" is on when its install extra is there.
    semantic: Literal["auto", "on", "off"] = "off"

    # Telegram behaviour.
    flood_rate_per_minute: int = Field(default=30, ge=1)
    flood_burst: int = Field(default=10, ge=1)
    # As many chats as Telegram's pace (about 30 messages a second, one a second per chat) can hold
    # back at once, so that those waiting leave room for others; more only adds switching in
    # python-telegram-bot's httpx pool (the bot benchmark answers slowest at 64).
    concurrent_updates: int = Field(default=32, ge=1, le=512)
    start_retries: int = Field(default=5, ge=0)
    start_backoff_seconds: float = Field(default=1.0, gt=0)
    max_upload_bytes: int = Field(default=1_000_000, ge=1)
    send_rate_per_second: float = Field(default=30.0, gt=0)
    chat_interval_seconds: float = Field(default=1.0, ge=0)
    send_retries: int = Field(default=5, ge=0)
    poll_timeout_seconds: int = Field(default=10, ge=0, le=50)
    # Connect, write and read timeout of a Bot API call. A message whose confirmation comes later
    # than this is not sent again (Telegram may well have it); only one that surely did not reach
    # Telegram is.
    api_timeout_seconds: float = Field(default=10.0, gt=0)
    shutdown_grace_seconds: float = Field(default=7.0, ge=0)
    # All that SIGTERM waits for (answers in flight, then the query log's last writes, even under
    # a storage fault) ends within this: under the unit's TimeoutStopSec=15, so the log is not
    # cut off by a SIGKILL halfway through a write.
    stop_timeout_seconds: float = Field(default=12.0, gt=0)
    example_questions: list[str] = Field(
        default_factory=lambda: [
            "Who signed the roadmap?",
            "When was the roadmap signed?",
            "Which fields do the agreements cover?",
            "How much did trade between Iran and Belarus grow in 2022?",
            # Each user is offered the examples in their own language.
            "Когда подписали дорожную карту?",
            "Кто присутствовал при подписании?",
            "Что сказал Хаменеи о санкциях?",
            "Каким был товарооборот Ирана и Беларуси в 2022 году?",
            "چه کسی نقشه راه را امضا کرد؟",
            "نقشه راه کی امضا شد؟",
            "خامنه‌ای درباره تحریم‌ها چه گفت؟",
            "حجم تجارت ایران و بلاروس در سال ۲۰۲۲ چقدر بود؟",
        ]
    )

    # Query log.
    log_salt: SecretStr | None = None
    log_raw_ids: bool = False
    retention_days: int = Field(default=365, ge=1)
    log_queue_size: int = Field(default=10_000, ge=10)

    @field_validator("api_base_url")
    @classmethod
    def _strip_base_url(cls, value: str) -> str:
        return value.strip()

    def run_problems(self) -> list[str]:
        """Return what is missing for ``run`` in the chosen mode, one sentence a problem."""
        problems: list[str] = []
        if self.mode == "webhook":
            if not self.webhook_url:
                problems.append("BOT_WEBHOOK_URL is required when BOT_MODE=webhook")
            if self.webhook_secret is None or not self.webhook_secret.get_secret_value():
                problems.append("BOT_WEBHOOK_SECRET is required when BOT_MODE=webhook")
        return problems


class BadSettingsError(ValueError):
    """The settings cannot be used; the message is one line naming each bad variable."""


def read_settings(
    environ: Mapping[str, str] = os.environ, env_file: Path = Path(ENV_FILE)
) -> Settings:
    """Read the settings from the environment and ``.env``; raise ``BadSettingsError`` if bad.

    A ``BOT_`` variable that names no setting is refused, with the closest known name: read
    alone, pydantic-settings would ignore a misspelt one without a word.
    """
    keys = list(environ)
    if env_file.is_file():
        keys += list(dotenv_values(env_file, encoding="utf-8"))
    unknown = unknown_settings(keys)
    if unknown:
        raise BadSettingsError("; ".join(unknown))
    try:
        return Settings()
    except ValidationError as exc:
        problems = [
            f"{PREFIX}{'_'.join(str(part) for part in err['loc']).upper()}: {err['msg']}"
            for err in exc.errors()
        ]
        raise BadSettingsError("bad setting: " + "; ".join(problems)) from None
    except SettingsError as exc:
        field = re.search(r'field "(\w+)"', str(exc))
        name = f"{PREFIX}{field.group(1).upper()}" if field else "a setting"
        raise BadSettingsError(
            f"bad setting: {name} could not be parsed (lists are JSON, e.g. [123, 456])"
        ) from None


def unknown_settings(keys: Iterable[str]) -> list[str]:
    """One line for each ``BOT_`` key among ``keys`` that names no setting, with a suggestion."""
    known = [PREFIX + name.upper() for name in Settings.model_fields]
    problems = []
    for key in dict.fromkeys(k.upper() for k in keys):
        if key.startswith(PREFIX) and key not in known:
            match = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
            hint = f" (did you mean {match[0]}?)" if match else ""
            problems.append(f"unknown setting {key}{hint}")
    return problems
