"""Answers and knowledge as Telegram HTML messages: pure functions, no Telegram calls."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer.records import Answer, Citation
from bot.answer.texts import paragraphs_label, say
from bot.knowledge.documents import Document
from bot.search.languages import ENGLISH
from bot.telegram.markup import Block, Run, bold, italic, link, plain, split_messages

SOURCES_HINT = say("sources_hint", ENGLISH)


def citation_label(citation: Citation) -> str:
    """Return the short source line of a citation: ``[1] Title — 2023-03-15, ¶2``."""
    return f"[{citation.ref}] {citation.title}{_dated(citation.published)}, ¶{citation.paragraph}"


def _dated(published: str | None) -> str:
    return f" — {published}" if published else ""


def _citation_line(citation: Citation) -> list[Run]:
    return [
        plain(f"[{citation.ref}] "),
        link(citation.title, citation.url),
        plain(f"{_dated(citation.published)}, ¶{citation.paragraph}"),
    ]


def answer_messages(answer: Answer, language: str = ENGLISH) -> list[str]:
    """Render an answer: its text with ``[n]`` markers, then the short source list."""
    blocks: list[Block] = [[plain(answer.with_sources_hint(say("sources_hint", language)))]]
    if answer.answered and answer.citations:
        lines: list[Run] = [bold(say("sources_heading", language))]
        for citation in answer.citations:
            lines.append(plain("\n"))
            lines.extend(_citation_line(citation))
        blocks.append(lines)
    return split_messages(blocks)


def paragraph_messages(
    title: str,
    published: str | None,
    number: int,
    text: str,
    *,
    url: str | None = None,
    section: str | None = None,
    language: str = ENGLISH,
) -> list[str]:
    """Render one whole cited paragraph under its document title, date, section and number."""
    heading: list[Run] = [
        bold(say("source_heading", language)),
        link(title, url),
        plain(f"{_dated(published)}, {f'{section}, ' if section else ''}¶{number}"),
    ]
    return split_messages([heading, [italic(text)]])


def documents_messages(documents: Sequence[Document], language: str = ENGLISH) -> list[str]:
    """Render the list of documents with title, publisher and date."""
    if not documents:
        return split_messages([[plain(say("empty_knowledge", language))]])
    blocks: list[Block] = [[bold(f"{say('sources_heading', language)} ({len(documents)})")]]
    for number, doc in enumerate(documents, start=1):
        details = ", ".join(part for part in (doc.source, doc.published) if part)
        runs: list[Run] = [plain(f"{number}. "), link(doc.title, doc.url)]
        if details:
            runs.append(plain(f" — {details}"))
        runs.append(italic("\n" + paragraphs_label(len(doc.paragraphs), language)))
        blocks.append(runs)
    return split_messages(blocks)


def start_messages(
    documents: Sequence[Document], examples: Sequence[str], language: str = ENGLISH
) -> list[str]:
    """Render the greeting: what the bot does, what it knows, and how to ask."""
    known: list[Run] = [plain(say("i_answer", language))]
    for doc in documents[:10]:
        known.append(plain("\n• "))
        known.append(italic(doc.title))
    if len(documents) > 10:
        known.append(plain("\n" + say("more_documents", language, count=len(documents) - 10)))
    how = say("how_to_ask_examples" if examples else "how_to_ask", language)
    blocks: list[Block] = [[bold(say("hello", language))], known, [plain(how)]]
    return split_messages(blocks)


USER_COMMANDS: tuple[tuple[str, str], ...] = tuple(
    (name, say(f"cmd_{name}", ENGLISH)) for name in ("start", "help", "ask", "sources", "summary")
)
ADMIN_COMMANDS: tuple[tuple[str, str], ...] = tuple(
    (name, say(f"cmd_{name}", ENGLISH)) for name in ("reload", "stats", "unanswered", "export")
)


def help_messages(is_admin: bool, language: str = ENGLISH) -> list[str]:
    """Render every command; admin commands only for admins."""
    users: list[Run] = [bold(say("commands", language))]
    for name, _ in USER_COMMANDS:
        users.extend([plain(f"\n/{name} — "), plain(say(f"cmd_{name}", language))])
    blocks: list[Block] = [
        users,
        [
            plain(say("help_chats", language)),
            italic(say("source_button", language).removeprefix("📄 ")),
            plain(say("help_buttons", language)),
        ],
    ]
    if is_admin:
        admins: list[Run] = [bold(say("admin", language))]
        for name, _ in ADMIN_COMMANDS:
            admins.extend([plain(f"\n/{name} — "), plain(say(f"cmd_{name}", language))])
        admins.append(plain("\n" + say("help_upload", language)))
        blocks.append(admins)
    return split_messages(blocks)


def notice(text: str) -> str:
    """Render one short plain notice as a single escaped message."""
    return split_messages([[plain(text)]])[0]
