"""The command line's one error path: user errors, the line they print, and reading settings."""

from __future__ import annotations

import sys
from typing import Final

from bot.settings import BadSettingsError, Settings, read_settings

PROG: Final = "accords-bot"


class CliError(Exception):
    """A user error: its message is printed as one line on stderr and the exit code is 1."""


def fail(message: str) -> int:
    """Print ``message`` as one line on stderr after the program's name; return exit code 1."""
    print(f"{PROG}: {' '.join(message.split())}", file=sys.stderr)
    return 1


def load_settings() -> Settings:
    """Read the settings; raise ``CliError`` naming each bad value or unknown variable."""
    try:
        return read_settings()
    except BadSettingsError as exc:
        raise CliError(str(exc)) from None
