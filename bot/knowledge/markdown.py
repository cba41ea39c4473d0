"""Markdown read as Markdown: the blocks of a file as plain text, headings marked as such."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from markdown_it import MarkdownIt
from markdown_it.token import Token

# CommonMark with tables and strikethrough, as most writers expect; raw HTML is never shown.
_PARSER: Final = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_CONTAINERS: Final = frozenset({"bullet_list", "ordered_list", "blockquote", "table"})
_LISTS: Final = frozenset({"bullet_list_open", "ordered_list_open"})
_SENTENCE_END: Final = (".", "!", "?", ":", ";", "…", "。", "؟")


@dataclass(frozen=True)
class Block:
    """One block of a Markdown file as plain text; ``heading`` marks a heading, not a paragraph."""

    text: str
    heading: int = 0
    """The heading's level (1 to 6), or 0 for a citable block."""


def markdown_blocks(text: str) -> list[Block]:
    """Return the top-level blocks of ``text``: headings, paragraphs, lists, quotes, code, tables.

    Emphasis, links and images become their text; raw HTML and rules are left out. A list, quote
    or table is one block whose items are joined as sentences.
    """
    tokens = _PARSER.parse(text)
    blocks: list[Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = _block_end(tokens, index)
        if token.type == "heading_open":
            heading = " ".join(_plain(tokens[index + 1 : end]).split())
            blocks.append(Block(heading, int(token.tag[1])))
        elif token.type in ("fence", "code_block"):
            blocks.append(Block(token.content))
        elif token.type in _LISTS and _loose(tokens[index:end]):
            # Items apart by blank lines are paragraphs apart, as in a plain text file.
            blocks.extend(Block(_joined(_inline_texts(item))) for item in _items(tokens, index))
        elif token.type == "paragraph_open" or token.type.removesuffix("_open") in _CONTAINERS:
            blocks.append(Block(_joined(_inline_texts(tokens[index:end]))))
        index = end + 1
    return [b for b in blocks if b.text.strip()]


def _block_end(tokens: Sequence[Token], start: int) -> int:
    """Index of the token that closes the block opened at ``start`` (itself when it has none)."""
    if tokens[start].nesting != 1:
        return start
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index
    return len(tokens) - 1


def _loose(tokens: Sequence[Token]) -> bool:
    """True when a list's items are set apart by blank lines (their paragraphs are shown)."""
    return any(t.type == "paragraph_open" and not t.hidden for t in tokens)


def _items(tokens: Sequence[Token], start: int) -> Iterator[Sequence[Token]]:
    """The tokens of each item of the list opened at ``start``."""
    index = start + 1
    while tokens[index].type == "list_item_open":
        end = _block_end(tokens, index)
        yield tokens[index:end]
        index = end + 1


def _inline_texts(tokens: Sequence[Token]) -> Iterator[str]:
    """The plain text of each inline run (a paragraph, list item or table cell) in ``tokens``.

    A numbered item keeps its number: it may be a year or a step the text refers to.
    """
    number = ""
    for token in tokens:
        if token.type == "list_item_open" and token.info:
            number = f"{token.info}{token.markup} "
        elif token.type == "inline":
            yield number + _plain([token])
            number = ""
        elif token.type in ("fence", "code_block"):
            yield token.content


def _plain(tokens: Sequence[Token]) -> str:
    """The text a reader sees in ``tokens``: no markup, links and images as their words."""
    parts: list[str] = []
    for token in tokens:
        if token.children:
            parts.append(_plain(token.children))
        elif token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def _joined(texts: Iterator[str]) -> str:
    """Join items into one paragraph, ending each item as a sentence so they stay apart."""
    items = [t.strip() for t in texts if t.strip()]
    return " ".join(
        t if i == len(items) - 1 or t.endswith(_SENTENCE_END) else t + ";"
        for i, t in enumerate(items)
    )
