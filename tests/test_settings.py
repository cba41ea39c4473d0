"""Settings: the BOT_ prefix, JSON lists, the .env file in the working folder, bad values."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from pydantic_settings import SettingsError

from bot.settings import Settings


def test_defaults(clean_env: Path) -> None:
    settings = Settings()
    assert settings.token is None
    assert settings.admin_ids == []
    assert settings.knowledge_dir == Path("knowledge")
    assert settings.db_path == Path("data/queries.db")
    assert settings.api_base_url == "https://api.telegram.org/bot"
    assert settings.mode == "polling"
    assert settings.webhook_url is None
    assert (settings.webhook_listen, settings.webhook_port) == ("127.0.0.1", 8443)
    assert settings.webhook_secret is None
    assert settings.run_problems() == []


def test_environment_uses_the_bot_prefix(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_KNOWLEDGE_DIR", "/srv/docs")
    monkeypatch.setenv("BOT_DB_PATH", "/var/lib/bot/q.db")
    monkeypatch.setenv("BOT_MIN_CONFIDENCE", "0.65")
    monkeypatch.setenv("BOT_API_BASE_URL", "  http://127.0.0.1:8081/bot  ")
    monkeypatch.setenv("KNOWLEDGE_DIR", "/not/this/one")
    settings = Settings()
    assert settings.knowledge_dir == Path("/srv/docs")
    assert settings.db_path == Path("/var/lib/bot/q.db")
    assert settings.min_confidence == 0.65
    assert settings.api_base_url == "http://127.0.0.1:8081/bot"


def test_admin_ids_are_a_json_list(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_ADMIN_IDS", "[123, 456]")
    assert Settings().admin_ids == [123, 456]


@pytest.mark.parametrize("value", ["123, 456", "[1, two]", "{"])
def test_admin_ids_that_are_not_json_are_rejected(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("BOT_ADMIN_IDS", value)
    with pytest.raises((SettingsError, ValidationError)):
        Settings()


def test_dotenv_in_the_working_folder_is_read(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (clean_env / ".env").write_text(
        "BOT_TOKEN=123:from-dotenv\nBOT_ADMIN_IDS=[7]\nBOT_MODE=webhook\nOTHER=ignored\n",
        encoding="utf-8",
    )
    settings = Settings()
    assert settings.token is not None
    assert settings.token.get_secret_value() == "123:from-dotenv"
    assert settings.admin_ids == [7]
    assert settings.mode == "webhook"

    monkeypatch.setenv("BOT_MODE", "polling")
    assert Settings().mode == "polling"  # the environment wins over .env


def test_token_stays_secret(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:very-secret")
    settings = Settings()
    assert "very-secret" not in repr(settings)
    assert "very-secret" not in str(settings.model_dump())


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("BOT_MODE", "carrier-pigeon"),
        ("BOT_WEBHOOK_PORT", "0"),
        ("BOT_WEBHOOK_PORT", "70000"),
        ("BOT_WEBHOOK_PORT", "eighty"),
        ("BOT_MIN_CONFIDENCE", "1.5"),
        ("BOT_MIN_CONFIDENCE", "-0.1"),
        ("BOT_MAX_FILE_BYTES", "0"),
        ("BOT_LOG_RAW_IDS", "perhaps"),
    ],
)
def test_bad_values_are_rejected_by_name(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError) as caught:
        Settings()
    [error] = caught.value.errors()
    assert error["loc"] == (name.removeprefix("BOT_").lower(),)


def test_webhook_mode_needs_url_and_secret(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BOT_MODE", "webhook")
    problems = Settings().run_problems()
    assert len(problems) == 2
    assert "BOT_WEBHOOK_URL" in problems[0] and "BOT_WEBHOOK_SECRET" in problems[1]
    monkeypatch.setenv("BOT_WEBHOOK_URL", "https://bot.example.org/hook")
    monkeypatch.setenv("BOT_WEBHOOK_SECRET", "s3cret")
    assert Settings().run_problems() == []
