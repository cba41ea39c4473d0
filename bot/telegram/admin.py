"""Admin handlers: reload, log figures, export and adding documents; everyone else is refused.
Also their replies as Telegram HTML and the safe saving (and undo) of uploaded documents."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.answer.live import ReloadReport
from bot.knowledge.documents import (
    SUFFIXES,
    FileProblem,
    KnowledgeDiff,
    KnowledgeError,
    is_markdown,
    parse_document,
)
from bot.querylog.writer import LogStats, QueryLog, UnansweredGroup, new_query_id
from bot.telegram import texts
from bot.telegram.messages import Block, Run, bold, italic, notice, plain, split_messages
from bot.telegram.runtime import Asked, Context, Runtime, runtime
from bot.telegram.sending import send_html

MAX_STEM_CHARS = 80
_UNSAFE_CHARS = re.compile(r"[^\w.-]+")
_DASHES = re.compile(r"-{2,}")


class UploadError(Exception):
    """An upload that cannot be taken; the message says why, for the admin."""


def safe_document_name(name: str | None) -> str:
    """Return a safe file name for an upload, or raise ``UploadError``.

    Names with folders, ``..`` or a leading dot are refused outright (after Unicode
    normalisation, so look-alike slashes and dots count too); other odd characters become ``-``.
    """
    if not name or not name.strip():
        raise UploadError("the file has no name")
    normal = unicodedata.normalize("NFKC", name).strip()
    if any(sep in normal for sep in ("/", "\\", "\x00")) or ".." in normal:
        raise UploadError(f"unsafe file name {name!r}: no folders or '..' allowed")
    if normal.startswith("."):
        raise UploadError(f"unsafe file name {name!r}: hidden files are not allowed")
    stem, suffix = os.path.splitext(normal)
    if suffix.lower() not in SUFFIXES:
        raise UploadError(f"only {' and '.join(SUFFIXES)} files can be added, not {name!r}")
    stem = _DASHES.sub("-", _UNSAFE_CHARS.sub("-", stem)).strip("-._")[:MAX_STEM_CHARS]
    if not stem:
        raise UploadError(f"no usable name left in {name!r}")
    return stem + suffix.lower()


@dataclass(frozen=True)
class SavedUpload:
    """A file written into the knowledge folder, and what it replaced (for undo)."""

    path: Path
    previous: bytes | None


def _write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` beside ``path`` under a hidden name, then move it into place."""
    temporary = path.with_name(f".upload-{secrets.token_hex(6)}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def save_upload(folder: Path, name: str, data: bytes) -> SavedUpload:
    """Save ``data`` as ``folder/name`` (``name`` from ``safe_document_name``)."""
    path = folder / name
    if path.resolve().parent != folder.resolve():
        raise UploadError(f"unsafe file name {name!r}")
    previous = path.read_bytes() if path.is_file() else None
    _write_atomically(path, data)
    return SavedUpload(path, previous)


def undo_upload(saved: SavedUpload) -> None:
    """Put the folder back as it was before ``saved``: remove the file or restore the old one."""
    if saved.previous is None:
        saved.path.unlink(missing_ok=True)
    else:
        _write_atomically(saved.path, saved.previous)


def _names(ids: Sequence[str]) -> str:
    return ", ".join(ids) if ids else "none"


def _diff_block(diff: KnowledgeDiff) -> Block:
    return [
        plain(f"Documents added: {_names(diff.documents_added)}\n"),
        plain(f"Documents removed: {_names(diff.documents_removed)}\n"),
        plain(f"Documents changed: {_names(diff.documents_changed)}\n"),
        plain(
            f"Paragraphs: {diff.paragraphs_added} added, {diff.paragraphs_removed} removed, "
            f"{diff.paragraphs_changed} changed"
        ),
    ]


def reload_messages(
    report: ReloadReport, headline: str = "Reloaded the knowledge base."
) -> list[str]:
    """Render a successful reload: what changed, and the new version and size."""
    summary: list[Run] = [
        bold(headline),
        plain(
            f"\nVersion {report.version}: {report.documents} documents, "
            f"{report.paragraphs} paragraphs."
        ),
    ]
    if report.diff.unchanged:
        summary.append(italic("\nNothing changed."))
        return split_messages([summary])
    return split_messages([summary, _diff_block(report.diff)])


def reload_failed_messages(
    problems: Sequence[FileProblem], version: str, headline: str = "Reload failed."
) -> list[str]:
    """Render a failed reload: each bad file and why, and the version still answering."""
    lines: list[Run] = [bold(headline), plain(f"\nStill answering from version {version}.")]
    problem_lines: list[Run] = [bold("Problems")]
    for problem in problems:
        problem_lines.extend([plain("\n• "), bold(problem.name), plain(f": {problem.reason}")])
    return split_messages([lines, problem_lines])


def stats_messages(stats: LogStats) -> list[str]:
    """Render the query log figures for /stats."""
    median = f"{stats.median_latency_ms:,.0f} ms" if stats.median_latency_ms is not None else "n/a"
    figures: list[Run] = [
        bold("Questions"),
        plain(f"\nToday: {stats.today:,}  ·  7 days: {stats.week:,}  ·  All: {stats.total:,}"),
        plain(f"\nAnswered: {stats.answered_share:.0%}  ·  Median latency: {median}"),
        plain(f"\nFeedback: 👍 {stats.thumbs_up:,}  ·  👎 {stats.thumbs_down:,}"),
        plain(
            f"\nRefused: {stats.refused:,}  ·  Slowed down: {stats.flood:,}  ·  "
            f"Failed to send: {stats.failed:,}  ·  Log write failures: {stats.write_failures:,}"
        ),
    ]
    blocks: list[Block] = [figures]
    if stats.top_questions:
        top: list[Run] = [bold("Most asked")]
        for question, count in stats.top_questions:
            top.extend([plain(f"\n{count:,} × "), italic(question)])
        blocks.append(top)
    return split_messages(blocks)


def unanswered_messages(groups: Sequence[UnansweredGroup]) -> list[str]:
    """Render the latest unanswered questions, similar ones grouped with their counts."""
    if not groups:
        return split_messages([[plain("No unanswered questions. 🎉")]])
    lines: list[Run] = [bold("Unanswered questions")]
    for group in groups:
        when = group.last_time.strftime("%Y-%m-%d %H:%M")
        lines.extend([plain(f"\n{group.count:,} × "), italic(group.question), plain(f" ({when})")])
    return split_messages([lines])


_LOGGER = logging.getLogger(__name__)
LOG_FLUSH_SECONDS = 2.0


async def _admin_only(
    update: Update, context: Context, attempt: str, refusal_key: str = "refused"
) -> bool:
    """True for an admin; anyone else gets a polite refusal, and the attempt is logged."""
    rt = runtime(context)
    if rt.is_admin(update.effective_user):
        return True
    refusal = texts.for_user(update, refusal_key)
    chat = update.effective_chat
    asked = Asked.from_update(update, new_query_id(), attempt)
    error = "not an admin"
    try:
        if chat is not None:
            await send_html(context.bot, chat.id, [notice(refusal)])
    except TelegramError as exc:
        error = f"not an admin; the refusal could not be sent: {exc.message}"
    finally:
        record = asked.record("refused", rt.live.current.version, reply=refusal, error=error)
        await rt.querylog.submit(record)
    return False


def _attempt(update: Update) -> str:
    message = update.effective_message
    return (message.text or "").strip() if message else ""


async def reload_knowledge(rt: Runtime) -> ReloadReport | list[FileProblem]:
    """Rebuild the engine off the event loop; on a bad file the old one keeps answering.

    The caller holds ``rt.reload_lock``, so reloads and uploads happen one at a time.
    """
    try:
        return await rt.live.reload()
    except KnowledgeError as exc:
        return exc.problems
    except OSError as exc:
        return [FileProblem(str(rt.settings.knowledge_dir), str(exc))]


def reload_reply(result: ReloadReport | list[FileProblem], version: str) -> list[str]:
    """Render the outcome of ``reload_knowledge``."""
    if isinstance(result, ReloadReport):
        return reload_messages(result)
    return reload_failed_messages(result, version)


async def reload_command(update: Update, context: Context) -> None:
    """Reload the knowledge base and report what changed (admins only)."""
    if not await _admin_only(update, context, _attempt(update)):
        return
    chat = update.effective_chat
    if chat is None:
        return
    rt = runtime(context)
    async with rt.reload_lock:
        result = await reload_knowledge(rt)
    _LOGGER.info("reload by an admin: %s", _summary(result))
    await send_html(context.bot, chat.id, reload_reply(result, rt.live.current.version))


def _summary(result: ReloadReport | list[FileProblem]) -> str:
    if isinstance(result, ReloadReport):
        return f"version {result.version}, {result.documents} documents"
    return "failed: " + "; ".join(str(p) for p in result)


async def _admin_log(update: Update, context: Context) -> tuple[int, QueryLog] | None:
    """For an admin in a chat: the chat id and the query log, written up to now."""
    if not await _admin_only(update, context, _attempt(update)):
        return None
    chat = update.effective_chat
    if chat is None:
        return None
    log = runtime(context).querylog
    # Bounded: while the disk is full or the database locked, report what is stored so far.
    await log.flush(timeout=LOG_FLUSH_SECONDS)
    return chat.id, log


async def stats_command(update: Update, context: Context) -> None:
    """Show the query log figures (admins only)."""
    found = await _admin_log(update, context)
    if found is not None:
        chat_id, log = found
        await send_html(context.bot, chat_id, stats_messages(await log.stats()))


async def unanswered_command(update: Update, context: Context) -> None:
    """Show the latest unanswered questions, similar ones grouped (admins only)."""
    found = await _admin_log(update, context)
    if found is not None:
        chat_id, log = found
        await send_html(context.bot, chat_id, unanswered_messages(await log.unanswered()))


async def export_command(update: Update, context: Context) -> None:
    """Send the whole query log as a CSV file (admins only)."""
    found = await _admin_log(update, context)
    if found is None:
        return
    chat_id, log = found
    buffer = io.StringIO()
    rows = await log.export("csv", buffer)
    name = f"queries-{datetime.now(UTC):%Y%m%d-%H%M%S}.csv"
    await context.bot.send_document(
        chat_id,
        buffer.getvalue().encode("utf-8"),
        filename=name,
        caption=f"{rows:,} rows",
    )


async def document(update: Update, context: Context) -> None:
    """Add a .md or .txt file sent by an admin to the knowledge base, or say why not."""
    message = update.effective_message
    if message is None or message.document is None:
        return
    if message.chat.type != ChatType.PRIVATE:
        return
    file_name = message.document.file_name or ""
    if not await _admin_only(update, context, f"[document] {file_name}", "document_not_admin"):
        return
    rt = runtime(context)
    try:
        reply = await _take_upload(
            rt, context, message.document.file_id, file_name, message.document.file_size
        )
    except UploadError as exc:
        reply = [notice(f"Not added: {exc}")]
    await send_html(context.bot, message.chat.id, reply)


async def _take_upload(
    rt: Runtime, context: Context, file_id: str, file_name: str, size: int | None
) -> list[str]:
    """Validate, save and load one uploaded document; undo the save if the reload fails."""
    name = safe_document_name(file_name)
    limit = rt.settings.max_upload_bytes
    if size is not None and size > limit:
        raise UploadError(f"{name} is too large ({size:,} bytes; the limit is {limit:,})")
    telegram_file = await context.bot.get_file(file_id)
    data = bytes(await telegram_file.download_as_bytearray())
    if len(data) > limit:
        raise UploadError(f"{name} is too large ({len(data):,} bytes; the limit is {limit:,})")
    try:
        parsed = parse_document(
            Path(name).stem, data, rt.settings.max_file_bytes, is_markdown(name)
        )
    except ValueError as exc:
        raise UploadError(f"{name}: {exc}") from None
    folder = rt.settings.knowledge_dir
    async with rt.reload_lock:
        try:
            saved = await asyncio.to_thread(save_upload, folder, name, data)
        except OSError as exc:
            raise UploadError(f"cannot write {name}: {exc.strerror or exc}") from None
        result = await reload_knowledge(rt)
        if not isinstance(result, ReloadReport):
            await asyncio.to_thread(undo_upload, saved)
    _LOGGER.info("upload of %s by an admin: %s", name, _summary(result))
    if isinstance(result, ReloadReport):
        verb = "Replaced" if saved.previous is not None else "Added"
        headline = f"{verb} {name} ({len(parsed.paragraphs)} paragraphs)."
        return reload_messages(result, headline=headline)
    return reload_failed_messages(
        result, rt.live.current.version, headline=f"{name} was not added: the reload failed."
    )
