"""The ``accords-bot`` command line: thin commands over settings, knowledge and the engine."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import logging
import os
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

from tqdm import tqdm

from bot import __version__
from bot.answer.evaluation import (
    ConversationReport,
    EvalReport,
    Miss,
    QuestionSetError,
    Rate,
    is_conversation_set,
    parse_conversations,
    parse_questions,
    score,
    score_conversations,
)
from bot.answer.records import Answer
from bot.answer.texts import say
from bot.cli import log as logcli
from bot.cli.chat import ASK_SOURCES_HINT, Ask, render_answer, run_chat, run_json_chat
from bot.cli.errors import PROG, CliError, fail, load_settings
from bot.knowledge.documents import KnowledgeError, load_knowledge
from bot.knowledge.languages import ENGLISH
from bot.querylog.writer import QueryLog, QueryLogError, QueryRecord, new_query_id
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.answer.conversation import Conversation, Examples
    from bot.answer.engine import Engine

LOG_HELP = "write each question and its answer to the query log (BOT_DB_PATH)"
FAILED_REPLY = "Sorry, something went wrong while answering that question. Please try again."
TOKEN_HELP = (
    "BOT_TOKEN is not set: create a bot with @BotFather in Telegram and put BOT_TOKEN=<token> "
    "in the environment or in .env (or try the bot without one: accords-bot chat)"
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit code 1."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code; user errors are one line on stderr."""
    _tolerate_bad_text()
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not hasattr(args, "func"):
            parser.print_help()
            return 0
        code: int = args.func(args)
        return code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    except (CliError, KnowledgeError) as exc:
        fail(str(exc))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from complaining
        # about the unflushed stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except OSError as exc:
        # An unreadable folder or a full disk: the system's own words are the clearest.
        fail(str(exc))
        return 1


def _tolerate_bad_text() -> None:
    """Never crash on undecodable input or unprintable output: replace the bad characters."""
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every command; each command's help has an example."""
    parser = _Parser(
        prog=PROG,
        description="Answers questions about the Iran-Belarus cooperation accords, with sources.",
        epilog="example: accords-bot ask 'Who signed the roadmap?'",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(title="commands", metavar="COMMAND"),
    )

    _command(
        commands,
        "run",
        cmd_run,
        "Run the Telegram bot, by polling or webhook as set (BOT_TOKEN, BOT_MODE).",
        "accords-bot run",
        "BOT_MODE=webhook BOT_WEBHOOK_URL=https://bot.example.org/hook "
        "BOT_WEBHOOK_SECRET=s3cret accords-bot run",
    )

    chat = _command(
        commands,
        "chat",
        cmd_chat,
        "Ask questions in the terminal: each answer is followed by its numbered sources. "
        "Ctrl-D ends the session; with piped input, each line is answered.",
        "accords-bot chat",
        "accords-bot chat --log",
        "echo 'Who signed the roadmap?' | accords-bot chat",
        "printf 'Who signed the roadmap?\\nand when?\\n' | accords-bot chat --json",
    )
    chat.add_argument("--log", action="store_true", help=LOG_HELP)
    chat.add_argument(
        "--json",
        action="store_true",
        help="read one conversation's turns from standard input, one a line, and print one "
        "JSON object a line (as ask --json); a line ':new' starts a new conversation",
    )

    ask = _command(
        commands,
        "ask",
        cmd_ask,
        "Answer one question. With '-' instead of a question, answer each line of standard "
        "input in order (one JSON object a line with --json).",
        "accords-bot ask 'Who signed the roadmap?'",
        "accords-bot ask --json 'When was the roadmap signed?'",
        "accords-bot ask --json - < questions.txt > answers.jsonl",
        "accords-bot ask --log 'How much was trade in 2022?'",
    )
    ask.add_argument("question", nargs="+", metavar="QUESTION", help="the question, or '-'")
    ask.add_argument("--json", action="store_true", help="print the answer as a JSON object")
    ask.add_argument("--log", action="store_true", help=LOG_HELP)

    _command(
        commands,
        "check",
        cmd_check,
        "Validate the knowledge folder (BOT_KNOWLEDGE_DIR): list each document with its "
        "paragraph count, or name every bad file and why (exit 1).",
        "accords-bot check",
        "BOT_KNOWLEDGE_DIR=/srv/accords/knowledge accords-bot check",
    )

    evaluate = _command(
        commands,
        "eval",
        cmd_eval,
        "Score a JSON-lines question set: answer, citation and abstention rates, and the misses. "
        "A conversation set (objects with 'turns') is asked a conversation at a time: turns, "
        "follow-ups and small talk right.",
        "accords-bot eval tests/data/questions.jsonl",
        "accords-bot eval tests/data/visit-conversations.jsonl",
        "accords-bot eval tests/data/questions.jsonl --json --min-answer 0.9",
    )
    evaluate.add_argument("file", metavar="FILE.jsonl", type=Path, help="the question set")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")
    for name, what in (
        ("answer", "answer rate (of a conversation set: the turn rate)"),
        ("citation", "citation rate"),
        ("abstention", "abstention rate"),
    ):
        evaluate.add_argument(
            f"--min-{name}",
            type=_share,
            metavar="RATE",
            help=f"exit 1 when the {what} is below RATE (0 to 1)",
        )

    logcli.register(commands)
    return parser


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    func: Callable[[argparse.Namespace], int],
    description: str,
    *examples: str,
) -> argparse.ArgumentParser:
    """Add command ``name`` run by ``func``, whose docstring is its one-line summary."""
    parser = commands.add_parser(
        name,
        help=(func.__doc__ or "").rstrip("."),
        description=textwrap.fill(description, 79),
        epilog="\n".join(["examples:", *(f"  {e}" for e in examples)]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(func=func)
    return parser


def _share(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


class BuildProgress:
    """Shows how far a long step of an index build is, once it has taken ``delay`` seconds.

    On a terminal, a progress bar (tqdm) on ``stream``; elsewhere (systemd, Docker, a pipe), a
    line through ``say`` each tenth of the way. A step over fewer than ``least`` paragraphs shows
    nothing: a busy machine can make it slow, but it is never long.
    """

    def __init__(
        self,
        say: Callable[[str], None],
        stream: TextIO | None = None,
        delay: float = 1.0,
        least: int = 10_000,
    ) -> None:
        self._say = say
        self._least = least
        self._stream = stream if stream is not None else sys.stderr
        self._delay = delay
        self._step = ""
        self._started = 0.0
        self._tenths = 0
        self._bar: tqdm | None = None

    def __call__(self, step: str, done: int, total: int) -> None:
        """Take news of ``step``: ``done`` of ``total`` paragraphs."""
        if step != self._step:
            self._end()
            self._step, self._started, self._tenths = step, time.monotonic(), 0
        shown = self._bar is not None or self._tenths > 0
        quick = time.monotonic() - self._started < self._delay
        # A step that ends, or is still young, before anything was shown shows nothing.
        if shown or not (quick or done >= total or total < self._least):
            if self._stream.isatty():
                self._draw(step, done, total)
            elif done * 10 // total > self._tenths:
                self._tenths = done * 10 // total
                self._say(f"index: {step}, {self._tenths * 10}% ({done:,} of {total:,} paragraphs)")
        if done >= total:
            self._end()

    def _draw(self, step: str, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = tqdm(
                total=total,
                desc=f"index: {step}",
                unit=" paragraphs",
                file=self._stream,
                leave=False,
            )
        self._bar.update(done - self._bar.n)

    def _end(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        self._step = ""


def say_on_stderr(line: str) -> None:
    """Write one line for the person at the command line."""
    print(f"{PROG}: {line}", file=sys.stderr, flush=True)


def load_engine(settings: Settings) -> Engine:
    """Build the answer engine from the knowledge folder; raise ``CliError`` if it cannot."""
    # Imported here: scikit-learn takes a second to import, and help, usage errors and
    # `check` do without it.
    from bot.answer.engine import engine_from_settings  # noqa: PLC0415
    from bot.search.semantic import SemanticUnavailableError  # noqa: PLC0415

    try:
        return engine_from_settings(settings, BuildProgress(say_on_stderr))
    except SemanticUnavailableError as exc:
        raise CliError(str(exc)) from None
    except KnowledgeError as exc:
        raise CliError(knowledge_message(settings.knowledge_dir, exc)) from None
    except OSError as exc:
        raise CliError(f"cannot build the answer engine: {exc}") from None


def knowledge_message(folder: Path, exc: KnowledgeError) -> str:
    """Say in one line why ``folder`` could not be loaded, naming each bad file."""
    parts = [p.reason if p.name == str(folder) else str(p) for p in exc.problems]
    hint = "" if folder.is_dir() else " (set BOT_KNOWLEDGE_DIR to the folder of documents)"
    return f"cannot load the knowledge folder {folder}: {'; '.join(parts)}{hint}"


class CliLog:
    """The query log for terminal questions, driven from synchronous code on a private loop."""

    def __init__(self, runner: asyncio.Runner, log: QueryLog) -> None:
        self._runner = runner
        self._log = log

    @classmethod
    def open(cls, settings: Settings) -> CliLog:
        """Open the log at ``BOT_DB_PATH``; raise ``CliError`` if it cannot be opened."""
        runner = asyncio.Runner()
        salt = settings.log_salt.get_secret_value() if settings.log_salt else None
        threads = set(threading.enumerate())
        try:
            log = runner.run(
                QueryLog.open(
                    settings.db_path,
                    salt=salt,
                    raw_ids=settings.log_raw_ids,
                    queue_size=settings.log_queue_size,
                    retention_days=settings.retention_days,
                )
            )
        except QueryLogError as exc:
            # A failed connect leaves aiosqlite's worker thread to post its last result to
            # this loop: let it finish before the loop closes, or it dies with a traceback.
            for thread in set(threading.enumerate()) - threads:
                thread.join(timeout=10)
            runner.close()
            raise CliError(str(exc)) from None
        return cls(runner, log)

    def write(self, record: QueryRecord) -> None:
        """Write one row before returning, so a session cut short loses nothing."""
        self._runner.run(self._write(record))

    async def _write(self, record: QueryRecord) -> None:
        await self._log.submit(record)
        await self._log.flush()

    def close(self) -> None:
        """Close the log; say on stderr if any row could not be written."""
        try:
            self._runner.run(self._log.close())
        finally:
            self._runner.close()
        if self._log.failures:
            fail(
                f"warning: {self._log.failures} question(s) could not be written to the "
                f"query log {self._log.path}: {self._log.last_error}"
            )


@contextlib.contextmanager
def query_log(settings: Settings, wanted: bool) -> Iterator[CliLog | None]:
    """Yield the open query log when ``wanted`` (``--log``), else None; close it after."""
    if not wanted:
        yield None
        return
    log = CliLog.open(settings)
    try:
        yield log
    finally:
        log.close()


def asker(
    engine: Engine,
    log: CliLog | None = None,
    *,
    examples: Examples | None = None,
    conversation: Conversation | None = None,
) -> Ask:
    """Return the one answer path of the command line: guards around the conversation's reply.

    With a ``conversation``, each question is read in the context of those before it; without,
    each stands alone. With a ``log``, every non-blank question is written to it, channel and
    chat type "cli".
    """
    from bot.answer.conversation import reply  # noqa: PLC0415

    def ask(question: str) -> Answer:
        # Undecodable bytes from argv arrive as lone surrogates; make them printable.
        question = question.encode("utf-8", "replace").decode("utf-8")
        if not question.strip():
            return Answer(question, False, say("empty_question", ENGLISH), 0.0, ())
        started = time.perf_counter()
        error: str | None = None
        try:
            if conversation is not None:
                answer = conversation.ask(question)
            else:
                answer = reply(engine, question, None, examples, goes_on=False).answer
        except Exception as exc:
            # One bad question must not end a session or a batch; say what broke, briefly.
            error = f"{type(exc).__name__}: {exc}"
            fail(f"answering failed: {error}")
            answer = Answer(question, False, FAILED_REPLY, 0.0, ())
        if log is not None:
            latency_ms = (time.perf_counter() - started) * 1000
            log.write(_record(answer, latency_ms, engine.version, error))
        return answer

    return ask


def _record(answer: Answer, latency_ms: float, kb_version: str, error: str | None) -> QueryRecord:
    outcome = "error" if error else "answered" if answer.answered else "declined"
    return QueryRecord(
        query_id=new_query_id(),
        time=datetime.now(UTC),
        channel="cli",
        chat_type="cli",
        user_id=None,
        chat_id=None,
        update_id=None,
        question=answer.question,
        outcome=outcome,
        answered=answer.answered,
        confidence=answer.confidence,
        answer=answer.text,
        citations=tuple((c.document, c.paragraph) for c in answer.citations),
        latency_ms=latency_ms,
        kb_version=kb_version,
        error=error,
        resolved=answer.resolved,
        kind=None if error else answer.kind,
    )


def cmd_run(args: argparse.Namespace) -> int:
    """Run the Telegram bot until SIGTERM or SIGINT."""
    settings = load_settings()
    if settings.token is None or not settings.token.get_secret_value().strip():
        raise CliError(TOKEN_HELP)
    problems = settings.run_problems()
    if problems:
        raise CliError("; ".join(problems))
    # Imported here: python-telegram-bot is slow to import and only `run` needs it.
    from bot.telegram.app import run_bot  # noqa: PLC0415

    return run_bot(settings, BuildProgress(logging.getLogger("bot.index").info))


def cmd_chat(args: argparse.Namespace) -> int:
    """Ask questions in a terminal session; answers come with their sources."""
    # Imported here, as in load_engine: the conversation module needs the engine's imports.
    from bot.answer.conversation import Conversation, Examples  # noqa: PLC0415

    settings = load_settings()
    engine = load_engine(settings)
    conversation = Conversation(engine, Examples(settings.example_questions))
    with query_log(settings, args.log) as log:
        ask = asker(engine, log, conversation=conversation)
        if args.json:
            return run_json_chat(ask, conversation.restart, sys.stdin, sys.stdout)
        interactive = sys.stdin.isatty() and sys.stdout.isatty()
        return run_chat(
            ask, engine.kb, sys.stdin, sys.stdout, interactive, restart=conversation.restart
        )


def cmd_ask(args: argparse.Namespace) -> int:
    """Answer one question, or each line of standard input for '-'."""
    settings = load_settings()
    engine = load_engine(settings)
    words: list[str] = args.question
    batch = words == ["-"]
    questions = (
        (line.rstrip("\r\n") for line in iter(sys.stdin.readline, ""))
        if batch
        else iter([" ".join(words)])
    )
    from bot.answer.conversation import Examples  # noqa: PLC0415

    with query_log(settings, args.log) as log:
        ask = asker(engine, log, examples=Examples(settings.example_questions))
        for question in questions:
            answer = ask(question)
            if args.json:
                sys.stdout.write(json.dumps(answer.to_json(), ensure_ascii=False) + "\n")
            else:
                sys.stdout.write(
                    render_answer(answer, ASK_SOURCES_HINT) + ("\n\n" if batch else "\n")
                )
            sys.stdout.flush()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate the knowledge folder: list its documents, or name every bad file."""
    from bot.answer.crosslingual import BUILT_IN, load_glossary  # noqa: PLC0415

    settings = load_settings()
    folder = settings.knowledge_dir
    try:
        kb = load_knowledge(folder, settings.max_file_bytes)
        glossary = load_glossary(folder)
    except KnowledgeError as exc:
        bad_files = [p for p in exc.problems if p.name != str(folder)]
        if len(bad_files) < len(exc.problems):
            raise CliError(knowledge_message(folder, exc)) from None
        for problem in bad_files:
            print(f"{problem.name}: {problem.reason}", file=sys.stderr)
        count = len(bad_files)
        print(f"{PROG}: {count} bad file{'s' * (count != 1)} in {folder}", file=sys.stderr)
        return 1
    for doc in kb.documents:
        count = len(doc.paragraphs)
        print(f"{doc.id}: {doc.title} ({count} paragraph{'s' * (count != 1)})")
    sizes = glossary.sizes()
    for language, origin in sorted(glossary.origins.items()):
        if origin != BUILT_IN:
            count = sizes.get(language, 0)
            print(f"{origin}: glossary, {count} term{'s' * (count != 1)}")
    paragraphs = sum(len(d.paragraphs) for d in kb.documents)
    documents = len(kb.documents)
    print(
        f"{documents} document{'s' * (documents != 1)}, {paragraphs} paragraphs "
        f"in {folder} (version {kb.version})"
    )
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    """Score a question set: answer, citation and abstention rates."""
    path: Path = args.file
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise CliError(f"cannot read {path}: {reason}") from None
    if is_conversation_set(text):
        return _eval_conversations(args, path, text)
    try:
        questions = parse_questions(text)
    except QuestionSetError as exc:
        raise CliError(f"{path}: {exc}") from None
    from bot.answer.conversation import Examples  # noqa: PLC0415

    settings = load_settings()
    ask = asker(load_engine(settings), examples=Examples(settings.example_questions))
    report = score(questions, [ask(q.question) for q in questions])
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(_render_report(report))
    return _bars(
        ("answer", report.answer, args.min_answer),
        ("citation", report.citation, args.min_citation),
        ("abstention", report.abstention, args.min_abstention),
    )


def _eval_conversations(args: argparse.Namespace, path: Path, text: str) -> int:
    """Score a conversation set: each conversation asked in order, in one context."""
    try:
        dialogues = parse_conversations(text)
    except QuestionSetError as exc:
        raise CliError(f"{path}: {exc}") from None
    from bot.answer.conversation import Conversation, Examples  # noqa: PLC0415

    settings = load_settings()
    engine = load_engine(settings)
    examples = Examples(settings.example_questions)
    replies: list[list[Answer]] = []
    for dialogue in dialogues:
        conversation = Conversation(engine, examples)
        ask = asker(engine, conversation=conversation)
        replies.append([ask(turn.question) for turn in dialogue.turns])
    report = score_conversations(dialogues, replies)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        print(_render_conversation_report(report))
    # A conversation set's turns are its answers: --min-answer holds the turn rate.
    return _bars(
        ("turn", report.turns, args.min_answer), ("citation", report.citation, args.min_citation)
    )


def _bars(*rates: tuple[str, Rate, float | None]) -> int:
    """Say which rates fall below their bars and return 1 if any does, else 0."""
    short = [
        f"{name} rate {rate.value:.3f} is below {bar}"
        for name, rate, bar in rates
        if rate.below(bar) and rate.value is not None
    ]
    if short:
        fail("; ".join(short))
        return 1
    return 0


def _rate_line(name: str, rate: Rate, of: str) -> str:
    value = "n/a" if rate.value is None else f"{rate.value:.3f}"
    return f"{name:<16}{value:>6}  ({rate.right}/{rate.total} {of})"


def _render_misses(misses: Sequence[Miss]) -> list[str]:
    lines: list[str] = []
    if misses:
        lines.append("")
        lines.append(f"misses ({len(misses)}):")
        for miss in misses:
            lines.append(f"  {miss.id} [{miss.kind}] {miss.detail}")
            lines.append(f"    question: {miss.question}")
            lines.append(f"    answer:   {' '.join(miss.answer.split())}")
    return lines


def _render_conversation_report(report: ConversationReport) -> str:
    lines = [
        _rate_line("turns right", report.turns, f"turns in {report.conversations} conversations"),
        _rate_line("follow-ups", report.follow_ups, "later turns asking about the sources"),
        _rate_line("small talk", report.smalltalk, "greetings, thanks and the like"),
        _rate_line("citation rate", report.citation, "with evidence"),
    ]
    return "\n".join(lines + _render_misses(report.misses))


def _render_report(report: EvalReport) -> str:
    lines = [
        _rate_line("answer rate", report.answer, "in-scope questions"),
        _rate_line("citation rate", report.citation, "with evidence"),
        _rate_line("abstention rate", report.abstention, "out-of-scope questions"),
    ]
    return "\n".join(lines + _render_misses(report.misses))
