"""Admin handlers: reload, log figures, export and adding documents; everyone else is refused."""

from __future__ import annotations

import asyncio
import io
import logging
from datetime import UTC, datetime
from pathlib import Path

from telegram import Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.answer.live import ReloadReport
from bot.knowledge.documents import FileProblem, KnowledgeError, is_markdown, parse_document
from bot.querylog.writer import QueryLog, new_query_id
from bot.telegram import texts
from bot.telegram.delivery import send_html
from bot.telegram.render import notice
from bot.telegram.reports import (
    reload_failed_messages,
    reload_messages,
    stats_messages,
    unanswered_messages,
)
from bot.telegram.rows import Asked
from bot.telegram.runtime import Context, Runtime, runtime
from bot.telegram.uploads import UploadError, safe_document_name, save_upload, undo_upload

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
