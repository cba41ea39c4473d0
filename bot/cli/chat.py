"""The terminal session: answers as text with numbered sources, and the ``chat`` loop."""

from __future__ import annotations

import contextlib
import importlib
import json
from collections.abc import Callable
from typing import TextIO

from bot.answer.records import Answer
from bot.answer.summaries import summary_question
from bot.answer.texts import choose_language, say
from bot.knowledge.documents import KnowledgeBase

Ask = Callable[[str], Answer]

PROMPT = "> "
HELP = """Type a question and press Enter. Commands:
  :sources   the documents I answer from
  :summary   a short cited summary; :summary NAME for one document
  :show N    the whole paragraph behind source [N] of the last answer
  :new       start a new conversation (questions no longer follow up on earlier ones)
  :help      this help
  :quit      leave (Ctrl-D works too)
Commands may start with / instead of :, as in Telegram."""


# Keys of the texts saying how each command lists the sources (bot.answer.texts).
CHAT_SOURCES_HINT = "chat_sources_hint"
ASK_SOURCES_HINT = "ask_sources_hint"


def render_answer(answer: Answer, sources_hint: str = "") -> str:
    """Return the answer text followed by its numbered sources (title, date, paragraph).

    A decline ends with the text ``sources_hint`` names: how this shell lists the sources. The
    bot's own words are in the question's language.
    """
    language = choose_language(answer.question)
    lines = [answer.with_sources_hint(say(sources_hint, language) if sources_hint else "")]
    if answer.citations:
        lines.append(say("sources_heading", language) + ":")
        for c in answer.citations:
            date = f", {c.published}" if c.published else ""
            where = say("paragraph_number", language, number=c.paragraph)
            lines.append(f"  [{c.ref}] {c.title}{date}, {where}")
    return "\n".join(lines)


def render_sources(kb: KnowledgeBase) -> str:
    """Return one line per document: title, publisher and date, and its paragraph count."""
    lines = []
    for doc in kb.documents:
        about = ", ".join(x for x in (doc.source, doc.published) if x)
        about = f" ({about})" if about else ""
        count = len(doc.paragraphs)
        lines.append(f"- {doc.title}{about}: {count} paragraph{'s' * (count != 1)}")
    return "\n".join(lines)


def greeting(kb: KnowledgeBase) -> str:
    """Return the opening lines of an interactive session, naming the documents."""
    count = len(kb.documents)
    noun = "document" if count == 1 else "documents"
    return (
        f"I answer questions about {count} {noun}, with sources:\n"
        f"{render_sources(kb)}\n"
        "Type a question, :help for commands, Ctrl-D to leave."
    )


class ChatSession:
    """Answers one line at a time and keeps the last answer for ``:show``."""

    def __init__(
        self, ask: Ask, kb: KnowledgeBase, out: TextIO, restart: Callable[[], None] | None = None
    ) -> None:
        self._ask = ask
        self._kb = kb
        self._out = out
        self._restart = restart
        self._last: Answer | None = None

    def handle(self, line: str) -> bool:
        """Answer or run one input line; return False when the session should end."""
        text = line.strip()
        if not text:
            return True
        if text.startswith((":", "/")):
            return self._command(text)
        self._last = self._ask(text)
        self._say(render_answer(self._last, CHAT_SOURCES_HINT))
        return True

    def _command(self, text: str) -> bool:
        # Telegram's "/sources" spelling works too, since replies may point to it.
        word, _, arg = text.partition(" ")
        name = word[1:].lower()
        if name in ("quit", "q", "exit"):
            return False
        if name == "help":
            self._say(HELP)
        elif name == "sources":
            self._say(render_sources(self._kb))
        elif name == "summary":
            self._last = self._ask(summary_question(arg, choose_language(arg)))
            self._say(render_answer(self._last, CHAT_SOURCES_HINT))
        elif name == "show":
            self._say(self._show(arg.strip()))
        elif name == "new":
            if self._restart is not None:
                self._restart()
            self._last = None
            self._say("New conversation: ask away.")
        elif name == "ask" and arg.strip():
            self._last = self._ask(arg.strip())
            self._say(render_answer(self._last, CHAT_SOURCES_HINT))
        else:
            self._say(f"Unknown command {word}. Type :help for the list.")
        return True

    def _show(self, arg: str) -> str:
        if self._last is None or not self._last.citations:
            return "There is no cited source yet: ask a question first."
        refs = {str(c.ref): c for c in self._last.citations}
        cite = refs.get(arg.strip("[]"))
        if cite is None:
            return f"Say which source: :show {' or '.join(sorted(refs))}."
        date = f", {cite.published}" if cite.published else ""
        return f"[{cite.ref}] {cite.title}{date}, paragraph {cite.paragraph}:\n{cite.text}"

    def _say(self, text: str) -> None:
        self._out.write(text + "\n\n")
        self._out.flush()


def run_chat(
    ask: Ask,
    kb: KnowledgeBase,
    stdin: TextIO,
    out: TextIO,
    interactive: bool,
    *,
    restart: Callable[[], None] | None = None,
) -> int:
    """Run a session until end of input or ``:quit``; greet and prompt only when ``interactive``.

    An interactive session reads the terminal through ``input()``, with line editing when the
    ``readline`` module is available; otherwise lines are read from ``stdin`` as they come.
    """
    session = ChatSession(ask, kb, out, restart)
    if not interactive:
        for line in iter(stdin.readline, ""):
            if not session.handle(line):
                break
        return 0
    with contextlib.suppress(ImportError):
        importlib.import_module("readline")  # importing it gives input() history and editing
    out.write(greeting(kb) + "\n\n")
    out.flush()
    while True:
        try:
            line = input(PROMPT)
        except EOFError:
            out.write("\n")
            return 0
        if not session.handle(line):
            return 0


NEW_CONVERSATION = ":new"


def run_json_chat(ask: Ask, restart: Callable[[], None], stdin: TextIO, out: TextIO) -> int:
    """Answer one conversation's turns, a line each, with one JSON object a line, flushed.

    Blank lines are skipped; a line ``:new`` starts a new conversation and prints nothing.
    """
    for line in iter(stdin.readline, ""):
        text = line.strip()
        if not text:
            continue
        if text == NEW_CONVERSATION:
            restart()
            continue
        out.write(json.dumps(ask(text).to_json(), ensure_ascii=False) + "\n")
        out.flush()
    return 0
