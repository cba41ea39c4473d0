"""Telegram HTML: escaping, UTF-16 lengths and splitting into messages, and answers and
knowledge rendered as messages: pure functions, no Telegram calls."""

from __future__ import annotations

import html
import re
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from itertools import groupby
from typing import NamedTuple

from bot.answer.records import Answer, Citation
from bot.answer.texts import paragraphs_label, say
from bot.knowledge.documents import Document
from bot.knowledge.languages import ENGLISH

MAX_MESSAGE_UNITS = 4096
"""Telegram's limit on one message, in UTF-16 code units."""

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff]")
_TOKEN = re.compile(r"\n[ \t]*\n\s*|\n|[^\S\n]+|[^\s]+")
_SENTENCE_END = re.compile(r"[.!?…;:)\]»\"”]$")
_TAGS = re.compile(r"<[^>]*>")
_SAFE_URL = re.compile(r"https?://[^\s<>\"']{1,500}", re.IGNORECASE)


def clean(text: str) -> str:
    """Return ``text`` with control characters dropped and lone surrogates replaced."""
    return _UNSAFE.sub(lambda m: "" if m.group() < "\ud800" else "\ufffd", text)


def escape(text: str) -> str:
    """Escape text for Telegram HTML: ``&``, ``<`` and ``>`` only, as Telegram expects."""
    return html.escape(clean(text), quote=False)


def utf16_len(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units, as Telegram counts it."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def safe_url(url: str | None) -> str | None:
    """Return ``url`` if it is a plain http(s) URL Telegram will accept in a link, else None."""
    if url is None:
        return None
    url = url.strip()
    return url if _SAFE_URL.fullmatch(url) else None


def to_plain(message: str) -> str:
    """Turn one of our HTML messages back into the plain text it shows."""
    return html.unescape(_TAGS.sub("", message))


@dataclass(frozen=True)
class Run:
    """A stretch of plain text in one style: ``tag`` is ``""``, ``"b"``, ``"i"`` or ``"a"``."""

    text: str
    tag: str = ""
    href: str | None = None

    @property
    def opening(self) -> str:
        """The opening tag of this run's style, or ``""``."""
        if not self.tag:
            return ""
        if self.tag == "a":
            return f'<a href="{html.escape(self.href or "", quote=True)}">'
        return f"<{self.tag}>"

    @property
    def closing(self) -> str:
        """The closing tag of this run's style, or ``""``."""
        return f"</{self.tag}>" if self.tag else ""


def plain(text: str) -> Run:
    """A run of unstyled text."""
    return Run(text)


def bold(text: str) -> Run:
    """A run of bold text."""
    return Run(text, "b")


def italic(text: str) -> Run:
    """A run of italic text."""
    return Run(text, "i")


def link(text: str, url: str | None) -> Run:
    """A link when ``url`` is a safe http(s) URL, else plain text."""
    href = safe_url(url)
    return Run(text, "a", href) if href else Run(text)


_UNSTYLED = Run("")

Block = Sequence[Run]
"""A paragraph: runs shown one after another; blocks are separated by a blank line."""


class Break(IntEnum):
    """How good a place to cut a message is, from worst to best."""

    NONE = 0
    WORD = 1
    SENTENCE = 2
    LINE = 3
    PARAGRAPH = 4


class _Atom(NamedTuple):
    """An unbreakable piece of text with its style and how good a cut after it is."""

    text: str
    run: Run
    after: Break

    @property
    def style(self) -> tuple[str, str | None]:
        return (self.run.tag, self.run.href)


def _pieces(token: str, cap: int) -> list[str]:
    """Cut ``token`` between code points so each piece escapes to at most ``cap`` units."""
    # A code point escapes to at most five units (``&amp;``): most words need no walk at all.
    if 5 * len(token) <= cap or utf16_len(escape(token)) <= cap:
        return [token]
    pieces: list[str] = []
    start, units = 0, 0
    for i, char in enumerate(token):
        cost = utf16_len(escape(char))
        if units + cost > cap and i > start:
            pieces.append(token[start:i])
            start, units = i, 0
        units += cost
    pieces.append(token[start:])
    return pieces


def _atoms(blocks: Iterable[Block], limit: int) -> list[_Atom]:
    """Cut blocks into words, spaces and line breaks; cap each piece at a sixteenth of ``limit``."""
    atoms: list[_Atom] = []
    cap = max(1, limit // 16)
    for block in blocks:
        if atoms:
            atoms.append(_Atom("\n\n", _UNSTYLED, Break.PARAGRAPH))
        for run in block:
            for token in _TOKEN.findall(clean(run.text)):
                if token.startswith("\n"):
                    kind = Break.PARAGRAPH if token.count("\n") > 1 else Break.LINE
                    atoms.append(_Atom(token if kind == Break.LINE else "\n\n", _UNSTYLED, kind))
                elif token.isspace():
                    atoms.append(_Atom(" ", run, Break.WORD))
                else:
                    pieces = _pieces(token, cap)
                    for piece in pieces[:-1]:
                        atoms.append(_Atom(piece, run, Break.NONE))
                    last = pieces[-1]
                    kind = Break.SENTENCE if _SENTENCE_END.search(last) else Break.NONE
                    atoms.append(_Atom(last, run, kind))
    return atoms


def _render(atoms: Sequence[_Atom]) -> str:
    """Render atoms as HTML, one tag pair around each stretch of the same style."""
    out: list[str] = []
    for _, stretch in groupby(atoms, key=lambda atom: atom.style):
        same = list(stretch)
        run = same[0].run
        out.append(run.opening + escape("".join(atom.text for atom in same)) + run.closing)
    return "".join(out)


def _trim(atoms: list[_Atom]) -> list[_Atom]:
    """Drop whitespace-only atoms from both ends of a message."""
    start, end = 0, len(atoms)
    while start < end and atoms[start].text.isspace():
        start += 1
    while end > start and atoms[end - 1].text.isspace():
        end -= 1
    return atoms[start:end]


def _cost(atom: _Atom, previous: _Atom | None) -> int:
    """UTF-16 units that ``atom`` adds after ``previous`` when rendered."""
    units = utf16_len(escape(atom.text))
    if previous is None or previous.style != atom.style:
        units += utf16_len(atom.run.opening + atom.run.closing)
    return units


def _best_cut(atoms: Sequence[_Atom], prefix_units: Sequence[int], limit: int) -> int:
    """Return how many atoms go in this message: the best break, not too early."""
    late = [i for i in range(len(atoms)) if prefix_units[i] >= limit // 2]
    pool = late or range(len(atoms))
    best = max(pool, key=lambda i: (atoms[i].after, i))
    return best + 1


def split_messages(blocks: Iterable[Block], limit: int = MAX_MESSAGE_UNITS) -> list[str]:
    """Render blocks as HTML messages of at most ``limit`` UTF-16 units each.

    Cuts fall at paragraph breaks first, then line ends, sentence ends and spaces; a word longer
    than a sixteenth of the limit is cut between code points. Tags are closed at each cut and
    reopened in the next message, so every message is well-formed on its own.
    """
    atoms = _atoms(blocks, limit)
    first = next((i for i, atom in enumerate(atoms) if not atom.text.isspace()), len(atoms))
    rest = atoms[first:]
    whole = _trim(rest)
    html = _render(whole)
    # Most answers fit one message: rendered whole, the same as cutting would give, far sooner.
    if utf16_len(html if len(whole) == len(rest) else _render(rest)) <= limit:
        return [html] if whole else []
    messages: list[str] = []
    current: list[_Atom] = []
    prefix: list[int] = []
    pending = deque(rest)
    while pending:
        atom = pending.popleft()
        if not current and atom.text.isspace():
            continue
        units = (prefix[-1] if prefix else 0) + _cost(atom, current[-1] if current else None)
        if units <= limit or not current:
            current.append(atom)
            prefix.append(units)
            continue
        cut = _best_cut(current, prefix, limit)
        messages.append(_render(_trim(current[:cut])))
        pending.extendleft(reversed([*current[cut:], atom]))
        current, prefix = [], []
    tail = _trim(current)
    if tail:
        messages.append(_render(tail))
    return messages


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
