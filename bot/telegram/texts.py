"""The fixed sentences the bot says: to users (in their language) and to the operator."""

from __future__ import annotations

from telegram import Update

from bot.answer.texts import choose_language, say
from bot.knowledge.languages import ENGLISH


def language_of(update: object, question: str | None = None) -> str:
    """The language to speak to an update's user: the question's, else their Telegram setting."""
    user = update.effective_user if isinstance(update, Update) else None
    return choose_language(question, user.language_code if user is not None else None)


def for_user(update: object, key: str, question: str | None = None) -> str:
    """Text ``key`` in the language of the update's user (see ``language_of``)."""
    return say(key, language_of(update, question))


# What users read comes from ``bot.answer.texts`` in their language; these are its English words.
ASK_USAGE = say("ask_usage", ENGLISH)
EMPTY_QUESTION = say("empty_question", ENGLISH)
GROUP_EMPTY = say("group_empty", ENGLISH)
UNKNOWN_COMMAND = say("unknown_command", ENGLISH)
NOT_TEXT = say("not_text", ENGLISH)
DOCUMENT_NOT_ADMIN = say("document_not_admin", ENGLISH)
SLOW_DOWN = say("slow_down", ENGLISH)
FAILED = say("failed", ENGLISH)
REFUSED = say("refused", ENGLISH)
NO_ANSWER = say("no_reply", ENGLISH)
STALE_BUTTON = say("stale_button", ENGLISH)
SOURCE_GONE = say("source_gone", ENGLISH)
SOURCE_UNAVAILABLE = say("source_unavailable", ENGLISH)
FEEDBACK_THANKS = say("feedback_thanks", ENGLISH)
EXAMPLE_ASKED = say("example_asked", ENGLISH)

# What the operator reads, in English.
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
