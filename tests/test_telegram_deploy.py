"""The deploy files: every setting in .env.example, a hardened systemd unit, a non-root image."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import REPO

from bot.settings import Settings

DEPLOY = REPO / "deploy"


def test_env_example_lists_every_setting_and_parses(tmp_path: Path, clean_env: Path) -> None:
    text = (DEPLOY / ".env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?(BOT_[A-Z_]+)=", text, flags=re.MULTILINE))
    expected = {f"BOT_{name.upper()}" for name in Settings.model_fields}
    assert listed == expected
    # Every example value, uncommented, is a valid setting.
    examples = [
        line.lstrip("#")
        for line in text.splitlines()
        if re.match(r"^#?BOT_[A-Z_]+=\S", line) and "_SECRET=" not in line
    ]
    env_file = tmp_path / "env"
    env_file.write_text("\n".join(examples) + "\n", encoding="utf-8")
    settings = Settings(_env_file=env_file)  # type: ignore[call-arg]
    assert settings.mode == "polling"
    assert settings.webhook_url == "https://bot.example.org/telegram/updates"


def test_systemd_unit_restarts_on_failure_reloads_on_hup_and_is_hardened() -> None:
    unit = (DEPLOY / "accords-bot.service").read_text(encoding="utf-8")
    for line in (
        "ExecStart=/srv/accords/venv/bin/accords-bot run",
        "ExecReload=/bin/kill -HUP $MAINPID",
        "Restart=on-failure",
        "NoNewPrivileges=yes",
        "ProtectSystem=strict",
        "ReadWritePaths=/srv/accords/data /srv/accords/knowledge",
        "PrivateTmp=yes",
        "User=accords",
    ):
        assert line in unit.splitlines(), line


def test_the_stop_budget_fits_the_units_stop_timeout() -> None:
    unit = (DEPLOY / "accords-bot.service").read_text(encoding="utf-8")
    found = re.search(r"^TimeoutStopSec=(\d+)$", unit, flags=re.MULTILINE)
    assert found is not None
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    assert defaults.stop_timeout_seconds < int(found.group(1))


def test_image_runs_as_a_non_root_user_with_volumes() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3.11-slim$", dockerfile, flags=re.MULTILINE)
    assert re.search(r"^USER accords$", dockerfile, flags=re.MULTILINE)
    assert 'VOLUME ["/srv/accords/knowledge", "/srv/accords/data"]' in dockerfile
    assert dockerfile.rstrip().endswith('CMD ["accords-bot", "run"]')
    compose = (DEPLOY / "compose.yaml").read_text(encoding="utf-8")
    for line in ("env_file: .env", "restart: unless-stopped", "dockerfile: deploy/Dockerfile"):
        assert line in compose
