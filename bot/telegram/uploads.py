"""Saving a document an admin sends into the knowledge folder: safe names, atomic writes, undo."""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from bot.knowledge.documents import SUFFIXES

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
