"""The ceiling: python-telegram-bot echoing each text update, as a process of its own.

Run as ``python -m benchmarks.echo BASE_URL TOKEN CONCURRENT_UPDATES [aiohttp]``; it polls until
SIGTERM. As shipped, python-telegram-bot talks to the Bot API through httpx; with ``aiohttp`` it
uses the bot's own transport instead, the ceiling for a bot on that transport.
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
    if sys.argv[4:] == ["aiohttp"]:
        from bot.telegram.transport import bot_api_requests  # noqa: PLC0415

        calls, polls = bot_api_requests(POLL_TIMEOUT)
        builder = builder.request(calls).get_updates_request(polls)
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_polling(poll_interval=0.0, timeout=POLL_TIMEOUT, drop_pending_updates=False)


if __name__ == "__main__":
    main()
