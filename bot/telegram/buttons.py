"""Inline buttons: Source, 👍 / 👎 and example questions, their callback data and keyboards.

Callback data are short strings (at most 64 bytes) that survive a reload.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answer.records import Answer
from bot.answer.texts import say
from bot.knowledge.languages import ENGLISH

MAX_CALLBACK_BYTES = 64
_QUERY_ID = re.compile(r"[0-9a-f]{16}")
_DOC_KEY = re.compile(r"[0-9a-f]{12}")
_NUMBER = re.compile(r"[0-9]{1,6}")
_LANGUAGE = re.compile(r"[a-z]{2}")


@dataclass(frozen=True)
class ShowSource:
    """Show paragraph ``paragraph`` of the document whose id hashes to ``doc_key``."""

    doc_key: str
    paragraph: int


@dataclass(frozen=True)
class Feedback:
    """A 👍 (+1) or 👎 (-1) for the logged query ``query_id``."""

    query_id: str
    value: int


@dataclass(frozen=True)
class AskExample:
    """Ask example question number ``index`` of those the greeting offered in ``language``."""

    index: int
    language: str = ENGLISH


Action = ShowSource | Feedback | AskExample


def doc_key(doc_id: str) -> str:
    """Return the short stable key of a document id used in callback data."""
    return hashlib.sha256(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def encode(action: Action) -> str:
    """Return the callback data string of ``action``."""
    match action:
        case ShowSource(key, paragraph):
            data = f"s:{key}:{paragraph}"
        case Feedback(query_id, value):
            data = f"f:{query_id}:{'+' if value > 0 else '-'}"
        case AskExample(index, language):
            data = f"q:{language}:{index}"
    if len(data.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> Action | None:
    """Parse callback data; return None for anything we did not make (forged or stale)."""
    if not data or len(data.encode("utf-8", "surrogatepass")) > MAX_CALLBACK_BYTES:
        return None
    parts = data.split(":")
    match parts:
        case ["s", key, number] if _DOC_KEY.fullmatch(key) and _NUMBER.fullmatch(number):
            return ShowSource(key, int(number))
        case ["f", query_id, "+" | "-" as sign] if _QUERY_ID.fullmatch(query_id):
            return Feedback(query_id, 1 if sign == "+" else -1)
        case ["q", language, number] if _LANGUAGE.fullmatch(language) and _NUMBER.fullmatch(number):
            return AskExample(int(number), language)
    return None


MAX_SOURCE_BUTTONS = 8
MAX_EXAMPLE_BUTTON_CHARS = 60


def answer_keyboard(answer: Answer, query_id: str, language: str = ENGLISH) -> InlineKeyboardMarkup:
    """Buttons under an answer: one Source per citation, then 👍 and 👎."""
    rows: list[list[InlineKeyboardButton]] = []
    sources = answer.citations[:MAX_SOURCE_BUTTONS] if answer.answered else ()
    row: list[InlineKeyboardButton] = []
    for citation in sources:
        label = say("source_button", language)
        if len(sources) > 1:
            label += f" [{citation.ref}]"
        data = encode(ShowSource(doc_key(citation.document), citation.paragraph))
        row.append(InlineKeyboardButton(label, callback_data=data))
        if len(row) == 4:
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    rows.append(
        [
            InlineKeyboardButton("👍", callback_data=encode(Feedback(query_id, 1))),
            InlineKeyboardButton("👎", callback_data=encode(Feedback(query_id, -1))),
        ]
    )
    return InlineKeyboardMarkup(rows)


def examples_keyboard(
    examples: Sequence[str], language: str = ENGLISH
) -> InlineKeyboardMarkup | None:
    """One button per example question offered in ``language``, or None when there are none."""
    rows = [
        [
            InlineKeyboardButton(
                text[:MAX_EXAMPLE_BUTTON_CHARS], callback_data=encode(AskExample(i, language))
            )
        ]
        for i, text in enumerate(examples)
        if text.strip()
    ]
    return InlineKeyboardMarkup(rows) if rows else None
