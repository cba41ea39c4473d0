"""Answers and knowledge as Telegram HTML messages: pure functions, no Telegram calls."""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge import Document
from bot.records import Answer, Citation
from bot.telegram.markup import Block, Run, bold, italic, link, plain, split_messages

SOURCES_HINT = "Send /sources to list them."


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


def answer_messages(answer: Answer) -> list[str]:
    """Render an answer: its text with ``[n]`` markers, then the short source list."""
    blocks: list[Block] = [[plain(answer.with_sources_hint(SOURCES_HINT))]]
    if answer.answered and answer.citations:
        lines: list[Run] = [bold("Sources")]
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
) -> list[str]:
    """Render one whole cited paragraph under its document title, date, section and number."""
    heading: list[Run] = [
        bold("Source: "),
        link(title, url),
        plain(f"{_dated(published)}, {f'{section}, ' if section else ''}¶{number}"),
    ]
    return split_messages([heading, [italic(text)]])


def documents_messages(documents: Sequence[Document]) -> list[str]:
    """Render the list of documents with title, publisher and date."""
    if not documents:
        return split_messages([[plain("The knowledge base is empty.")]])
    blocks: list[Block] = [[bold(f"Sources ({len(documents)})")]]
    for number, doc in enumerate(documents, start=1):
        details = ", ".join(part for part in (doc.source, doc.published) if part)
        runs: list[Run] = [plain(f"{number}. "), link(doc.title, doc.url)]
        if details:
            runs.append(plain(f" — {details}"))
        count = len(doc.paragraphs)
        runs.append(italic(f"\n{count} paragraph{'' if count == 1 else 's'}"))
        blocks.append(runs)
    return split_messages(blocks)


def start_messages(documents: Sequence[Document], examples: Sequence[str]) -> list[str]:
    """Render the greeting: what the bot does, what it knows, and how to ask."""
    known: list[Run] = [
        plain("I answer questions about these documents and cite the paragraph behind each answer:")
    ]
    for doc in documents[:10]:
        known.append(plain("\n• "))
        known.append(italic(doc.title))
    if len(documents) > 10:
        known.append(plain(f"\n… and {len(documents) - 10} more (see /sources)."))
    how = "Just send me a question"
    if examples:
        how += ", or tap one of the examples below"
    blocks: list[Block] = [[bold("Hello!")], known, [plain(how + ". /help lists every command.")]]
    return split_messages(blocks)


USER_COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Greeting and example questions"),
    ("help", "Every command"),
    ("ask", "Ask a question: /ask Who signed the roadmap?"),
    ("sources", "The documents I answer from"),
)
ADMIN_COMMANDS: tuple[tuple[str, str], ...] = (
    ("reload", "Reload the knowledge base from its folder"),
    ("stats", "Query log figures"),
    ("unanswered", "Latest questions I could not answer"),
    ("export", "The query log as a CSV file"),
)


def help_messages(is_admin: bool) -> list[str]:
    """Render every command; admin commands only for admins."""
    users: list[Run] = [bold("Commands")]
    for name, text in USER_COMMANDS:
        users.extend([plain(f"\n/{name} — "), plain(text)])
    blocks: list[Block] = [
        users,
        [
            plain("In a private chat any message is a question. In a group, use /ask, "),
            plain("mention me, or reply to one of my messages. Under each answer, "),
            italic("Source"),
            plain(" shows the cited paragraph and 👍 / 👎 tell us how it went."),
        ],
    ]
    if is_admin:
        admins: list[Run] = [bold("Admin")]
        for name, text in ADMIN_COMMANDS:
            admins.extend([plain(f"\n/{name} — "), plain(text)])
        admins.append(plain("\nSend a .md or .txt file to add it to the knowledge base."))
        blocks.append(admins)
    return split_messages(blocks)


def notice(text: str) -> str:
    """Render one short plain notice as a single escaped message."""
    return split_messages([[plain(text)]])[0]
