"""Logging for the bot: quiet HTTP loggers and every line scrubbed of the token and secrets."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable

REDACTED = "[REDACTED]"

NOISY_LOGGERS = (
    "httpx",
    "httpcore",
    "telegram",
    "apscheduler",
    "tornado",
    "hpack",
    "aiosqlite",
)
"""Loggers that print request URLs (and so the token, which python-telegram-bot puts in them)."""


def redact(text: str, secrets: Iterable[str]) -> str:
    """Replace every secret in ``text`` (and the token's secret half) with ``[REDACTED]``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text


def _secret_parts(secrets: Iterable[str]) -> list[str]:
    """Each secret, and for a bot token also the part after the colon, longest first."""
    parts: set[str] = set()
    for secret in secrets:
        if len(secret) < 6:
            continue
        parts.add(secret)
        _, sep, tail = secret.partition(":")
        if sep and len(tail) >= 6:
            parts.add(tail)
    return sorted(parts, key=len, reverse=True)


def _one_line(record: logging.LogRecord) -> logging.LogRecord:
    """A copy of ``record`` with its exception as a short suffix instead of a traceback."""
    exc = record.exc_info[1] if record.exc_info else None
    summary = f" ({type(exc).__name__}: {exc})" if exc is not None else ""
    fields = {**record.__dict__, "msg": record.getMessage() + summary, "args": None}
    fields.update(exc_info=None, exc_text=None)
    return logging.makeLogRecord(fields)


class RedactingFormatter(logging.Formatter):
    """Formats like its inner formatter, then removes the secrets from the finished line.

    Errors that libraries log with a traceback (python-telegram-bot logs one for every failed
    poll) are shortened to one line; our own errors keep theirs.
    """

    def __init__(self, inner: logging.Formatter | None, secrets: Iterable[str]) -> None:
        super().__init__()
        self._inner = inner or logging.Formatter()
        self._secrets = _secret_parts(secrets)

    def format(self, record: logging.LogRecord) -> str:
        """Format ``record`` and scrub it."""
        if record.exc_info and record.name.split(".")[0] in NOISY_LOGGERS:
            record = _one_line(record)
        return redact(self._inner.format(record), self._secrets)


def configure_logging(secrets: Iterable[str], level: int = logging.INFO) -> None:
    """Log to stderr with timestamps; every handler of the root logger redacts ``secrets``."""
    secrets = list(secrets)
    root = logging.getLogger()
    if not root.handlers:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(stream)
        root.setLevel(level)
    for handler in root.handlers:
        inner = handler.formatter
        if isinstance(inner, RedactingFormatter):
            inner = inner._inner
        handler.setFormatter(RedactingFormatter(inner, secrets))
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
