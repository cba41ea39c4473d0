"""Inline keyboards: Source and feedback buttons under answers, example questions."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.languages import ENGLISH
from bot.records import Answer
from bot.telegram.callbacks import AskExample, Feedback, ShowSource, doc_key, encode
from bot.texts import say

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


def examples_keyboard(examples: Sequence[str]) -> InlineKeyboardMarkup | None:
    """One button per example question, or None when there are none."""
    rows = [
        [InlineKeyboardButton(text[:MAX_EXAMPLE_BUTTON_CHARS], callback_data=encode(AskExample(i)))]
        for i, text in enumerate(examples)
        if text.strip()
    ]
    return InlineKeyboardMarkup(rows) if rows else None
