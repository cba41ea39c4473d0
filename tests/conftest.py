"""Shared fixtures: clean settings environments, knowledge folders and the command line."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

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
