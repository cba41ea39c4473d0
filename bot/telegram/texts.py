"""The fixed sentences the bot says, in one place."""

from __future__ import annotations

ASK_USAGE = "Put your question after the command, for example: /ask Who signed the roadmap?"
EMPTY_QUESTION = "I could not find a question in that message. Please type it in words."
GROUP_EMPTY = "Yes? Ask me a question after the mention, or use /ask followed by the question."
UNKNOWN_COMMAND = "I don't know that command. /help lists what I can do."
NOT_TEXT = "I can only read text. Please type your question; /help shows how to ask."
DOCUMENT_NOT_ADMIN = (
    "Thanks, but I only take files from the bot's admins. Type your question instead."
)
SLOW_DOWN = "You are asking faster than I can keep up. Please wait a moment, then ask again."
FAILED = "Sorry, something went wrong while answering. Please try again in a moment."
REFUSED = "Sorry, that command is only for the bot's admins."
NO_ANSWER = "I have no answer to that."
STALE_BUTTON = "This button is no longer valid. Please ask the question again."
SOURCE_GONE = "That source is no longer in the knowledge base. Please ask again."
SOURCE_UNAVAILABLE = "I cannot show that source here. Please ask the question again."
FEEDBACK_THANKS = "Thanks for the feedback!"
EXAMPLE_ASKED = "Asking…"

TOKEN_MISSING = (
    "BOT_TOKEN is not set. Create a bot with @BotFather in Telegram (send /newbot), then put "
    "BOT_TOKEN=<the token it gives you> in the environment or in a .env file in this folder."
)
TOKEN_MALFORMED = (
    "BOT_TOKEN does not look like a bot token (it contains spaces or slashes); "
    "copy it again from @BotFather."
)
TOKEN_REJECTED = (
    "Telegram rejected BOT_TOKEN (invalid or revoked); check it, or get a new one from "
    "@BotFather with /token."
)
CONFLICT = (
    "another instance is already receiving updates for this bot (409 Conflict); exiting so "
    "a supervisor can restart this one once the other has stopped"
)
