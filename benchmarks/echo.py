"""The ceiling: python-telegram-bot as shipped echoing each text update, as a process of its own.

Run as ``python -m benchmarks.echo BASE_URL TOKEN CONCURRENT_UPDATES``; it polls until SIGTERM.
"""

from __future__ import annotations

import sys

from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

POLL_TIMEOUT = 10


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text of the message back."""
    message = update.effective_message
    if message is not None and message.text:
        await message.reply_text(message.text)


def main() -> None:
    """Poll the Bot API at BASE_URL and echo every text message."""
    base_url, token, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3])
    builder = Application.builder().token(token).base_url(base_url).concurrent_updates(concurrency)
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(poll_interval=0.0, timeout=POLL_TIMEOUT, drop_pending_updates=False)


if __name__ == "__main__":
    main()
