"""Building and running the Telegram application."""

from __future__ import annotations

from bot.settings import Settings


def run_bot(settings: Settings) -> int:
    """Run the bot by polling or webhook until SIGTERM or SIGINT; return the exit code."""
    raise NotImplementedError  # being written: the Telegram work
