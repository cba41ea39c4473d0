"""The on-disk index cache: the last build's documents, term counts and index, reused by content.

Each knowledge folder has its own snapshot, in a subfolder of the cache folder named by a hash of
its path, so switching between folders rebuilds nothing; the least recently used are removed
beyond ``MAX_SNAPSHOTS``. In a snapshot's folder, ``manifest.json`` names its files with their
sizes and CRC-32 checksums, and its first line is the SHA-256 of the rest. Count blocks are
``scipy.sparse.save_npz`` files, other arrays ``.npy`` (the index's three, memory-mapped when read),
words and metadata JSON; nothing is pickled.
Every file is written under a temporary name and moved into place, the manifest last, so a crash
leaves the previous snapshot whole. Whatever fails to load or verify is rebuilt, with a log line.

A process reading or building a snapshot holds the lock file in its folder (``flock``), so two
processes over one knowledge folder (the bot, and an admin's ``ask`` beside it) never build at
once: the second waits, then reads what the first wrote. Without the lock, one build's clean-up
removed the files the other was still writing and reading back. A lock held past
``LOCK_WAIT_SECONDS`` (a stopped process) is given up on: that build neither reads nor writes
the cache.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import importlib.metadata
import json
import logging
import mmap
import os
import re
import shutil
import sys
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import IO, Any, Final

import numpy as np
from scipy import sparse

from bot.knowledge.documents import Document, KnowledgeBase, Paragraph, parse_document
from bot.search.indexing import (
    ANALYSING,
    PROGRESS_EVERY,
    Counted,
    Earlier,
    IndexParts,
    Progress,
    no_progress,
)
from bot.search.retrieval import BlockSource, TfidfIndex
from bot.search.sentencerecords import RECORD_END, RecordError, SentenceStore, analyse, encode
from bot.search.speakers import Person
from bot.search.termcounts import Place
from bot.search.textnorm import known_stems, remember_stems
from bot.search.thesaurus import PEOPLE

log = logging.getLogger(__name__)

# Bump when the layout of the files changes.
FORMAT: Final = 5
MANIFEST: Final = "manifest.json"
LOCK: Final = "lock"
# How long a build waits for another process's build of the same snapshot (a million paragraphs
# take minutes) before it builds without the cache, and how often it looks.
LOCK_WAIT_SECONDS: Final = 600.0
_LOCK_POLL_SECONDS: Final = 0.1
# Code whose output the snapshot holds: a change to any of it makes the snapshot stale.
_CODE_MODULES: Final = (
    "bot.knowledge.languages",
    "bot.search.languages",
    "bot.knowledge.documents",
    "bot.knowledge.markdown",
    "bot.search.textnorm",
    "bot.search.features",
    "bot.search.speakers",
    "bot.search.termcounts",
    "bot.search.retrieval",
    "bot.search.indexing",
    "bot.search.sentencerecords",
    "bot.search.indexcache",
)
_LIBRARIES: Final = ("snowballstemmer", "simplemma", "numpy", "scipy", "markdown-it-py")
# Data the snapshot's people were found with.
_DATA_FILES: Final = (PEOPLE.path,)
_CHUNK: Final = 1 << 22
# The arrays of the index's sparse matrix, each in a file of its own.
_POSTINGS: Final = ("data", "indices", "indptr")
# Snapshots kept, one per knowledge folder, the least recently used removed first.
MAX_SNAPSHOTS: Final = 8
_SNAPSHOT_NAME: Final = re.compile(r"[0-9a-f]{16}")
# Temporary files of another process younger than this may still be in use.
_STALE_TEMP_SECONDS: Final = 3600


def snapshot_folder(cache_dir: Path, knowledge_dir: Path) -> Path:
    """Return the folder of the snapshot of ``knowledge_dir`` in the cache folder."""
    path = str(knowledge_dir.resolve()).encode("utf-8", "surrogateescape")
    return cache_dir / hashlib.sha256(path).hexdigest()[:16]


def prune_snapshots(cache_dir: Path, used: Path) -> None:
    """Mark ``used`` as just used; remove the snapshots beyond ``MAX_SNAPSHOTS``, oldest first.

    Files of the single snapshot that earlier versions kept in the cache folder itself go too.
    """
    with contextlib.suppress(OSError):
        os.utime(used)
    try:
        entries = list(cache_dir.iterdir())
    except OSError:
        return
    snapshots = []
    for path in entries:
        with contextlib.suppress(OSError):
            if path.is_dir() and _SNAPSHOT_NAME.fullmatch(path.name):
                snapshots.append((path.stat().st_mtime, path))
            elif path.name == MANIFEST or path.name.split("-", 1)[0] in _KINDS:
                path.unlink()
    snapshots.sort(reverse=True)
    for _, path in snapshots[MAX_SNAPSHOTS:]:
        if path == used:
            continue
        try:
            lock = _lock(path, 0.0, create=False)
        except _BusyError:
            # Another process is reading or building it: it is in use, whatever its age.
            continue
        if lock is None:
            continue
        try:
            log.debug("index cache: removing the least recently used snapshot %s", path.name)
            shutil.rmtree(path, ignore_errors=True)
        finally:
            os.close(lock)


class _BusyError(Exception):
    """Another process holds the snapshot's lock (past the time given to wait for it)."""


def _lock(folder: Path, wait: float, *, create: bool = True) -> int | None:
    """Take the snapshot folder's lock and return its file descriptor.

    A lock another process holds (it is reading or building this snapshot) is waited for, up to
    ``wait`` seconds, then ``_BusyError`` is raised. A folder that cannot hold a lock file
    (read-only, not a folder) gives None: the cache then fails to write, costing only the cache.
    With ``create``, a missing folder is made first.
    """
    path = folder / LOCK
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            if create:
                folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            log.debug("index cache: cannot lock %s (%s)", folder, exc)
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # The holder may have removed the folder (an unused snapshot pruned): lock anew.
            if os.fstat(fd).st_ino == os.stat(path).st_ino:
                return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise _BusyError(str(folder)) from None
            if not told:
                log.info("index cache: another process is indexing this knowledge folder; waiting")
                told = True
            time.sleep(_LOCK_POLL_SECONDS)
        except FileNotFoundError:
            pass
        except OSError as exc:
            os.close(fd)
            log.warning("index cache: cannot lock %s (%s); going on without it", folder, exc)
            return None
        os.close(fd)


class CacheError(Exception):
    """A cache file is missing, damaged or does not fit the knowledge base."""


def code_version() -> str:
    """Return a digest of the indexing code and library versions the snapshot depends on."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    for name in _CODE_MODULES:
        module = sys.modules.get(name) or __import__(name, fromlist=["_"])
        digest.update(name.encode() + b"\0" + Path(str(module.__file__)).read_bytes())
    for library in _LIBRARIES:
        digest.update(f"{library} {importlib.metadata.version(library)}\n".encode())
    for path in _DATA_FILES:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class _FileEntry:
    name: str
    size: int
    crc32: int


@dataclass(frozen=True)
class _DocEntry:
    """One document of the snapshot: its front matter, where its text is, its rows, its people."""

    id: str
    digest: str
    title: str
    source: str | None
    author: str | None
    published: str | None
    url: str | None
    metadata: dict[str, str]
    markdown: bool
    sections: tuple[tuple[int, str], ...]
    """Where a Markdown section starts: (first paragraph number, heading)."""
    paragraphs: int
    text: tuple[int, int, int]
    sentences: tuple[int, int, int]
    place: Place
    people: tuple[Person, ...]


class IndexCache:
    """The snapshot in one cache folder: read lazily, checked before use, replaced whole."""

    def __init__(self, folder: Path, progress: Progress = no_progress) -> None:
        self.folder = folder
        self._progress = progress
        self._code = code_version()
        self._manifest: dict[str, Any] | None = None
        self._docs: list[_DocEntry] = []
        self._by_digest: dict[str, _DocEntry] = {}
        self._files: dict[str, _FileEntry] = {}
        # The snapshot's text and sentence files, opened when first read.
        self._readers: dict[str, IO[bytes]] = {}
        # Held from before the manifest is read until the snapshot is written or given up.
        self._lock: int | None = None
        self._busy = False
        try:
            self._lock = _lock(folder, LOCK_WAIT_SECONDS)
        except _BusyError:
            # Another process has held it all this time (stopped, or building something huge):
            # this build neither reads the snapshot it may be replacing nor writes one.
            log.warning(
                "index cache: another process has held %s for %.0f s; building without the cache",
                folder,
                LOCK_WAIT_SECONDS,
            )
            self._busy = True
            return
        self._open()

    # Reading.

    def _open(self) -> None:
        path = self.folder / MANIFEST
        if not path.exists():
            return
        try:
            manifest = _read_manifest(path)
            if manifest.get("format") != FORMAT or manifest.get("code") != self._code:
                log.info("index cache: made by other code, rebuilding it")
                return
            self._files = {k: _FileEntry(**v) for k, v in manifest["files"].items()}
            self._docs = [_doc_entry(d) for d in manifest["documents"]]
        except (OSError, ValueError, KeyError, TypeError, CacheError) as exc:
            log.warning("index cache: unreadable manifest (%s), rebuilding it", exc)
            self._files, self._docs = {}, []
            return
        self._manifest = manifest
        for entry in self._docs:
            self._by_digest.setdefault(entry.digest, entry)

    def __enter__(self) -> IndexCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
        self.release()

    def release(self) -> None:
        """Let other processes read or build the snapshot (closing its lock file)."""
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def close(self) -> None:
        """Close the snapshot's text and sentence files."""
        for reader in self._readers.values():
            reader.close()
        self._readers.clear()

    def parse(self, doc_id: str, raw: bytes, max_bytes: int, markdown: bool) -> Document:
        """Return the document of a file's bytes: from the snapshot when known, else parsed."""
        digest = hashlib.sha256(raw).hexdigest()
        entry = self._by_digest.get(digest)
        if entry is not None and entry.markdown == markdown and len(raw) <= max_bytes:
            try:
                texts = self._read_texts(entry)
            except (OSError, CacheError) as exc:
                log.warning("index cache: text of %s unusable (%s), parsing it", doc_id, exc)
            else:
                return Document(
                    id=doc_id,
                    title=entry.title,
                    paragraphs=_paragraphs(doc_id, texts, entry.sections),
                    digest=digest,
                    source=entry.source,
                    author=entry.author,
                    published=entry.published,
                    url=entry.url,
                    metadata=dict(entry.metadata),
                    markdown=entry.markdown,
                )
        return parse_document(doc_id, raw, max_bytes, markdown)

    def _read_span(self, kind: str, span: tuple[int, int, int]) -> bytes:
        """Return one document's part of a snapshot file, checked against its checksum."""
        reader = self._readers.get(kind)
        if reader is None:
            reader = self._readers[kind] = self._path(kind).open("rb")
        offset, length, crc = span
        data = os.pread(reader.fileno(), length, offset)
        if len(data) != length or zlib.crc32(data) != crc:
            raise CacheError("checksum mismatch")
        return data

    def _read_texts(self, entry: _DocEntry) -> list[str]:
        texts = self._read_span("texts", entry.text).decode("utf-8").split("\n")
        if len(texts) != entry.paragraphs:
            raise CacheError("paragraph count mismatch")
        return texts

    def _sentence_records(self, digest: str, paragraphs: int) -> list[bytes] | None:
        """Return the sentence records of an earlier document, or None to work them out again."""
        entry = self._by_digest.get(digest)
        if entry is None or entry.paragraphs != paragraphs:
            return None
        try:
            data = self._read_span("sentences", entry.sentences)
        except (OSError, CacheError):
            return None
        records = data.split(RECORD_END)[:-1]
        return records if len(records) == paragraphs else None

    def _path(self, kind: str) -> Path:
        entry = self._files.get(kind)
        if entry is None:
            raise CacheError(f"no {kind} file")
        return self.folder / entry.name

    def _checked(self, kind: str) -> Path:
        """Return the path of a snapshot file after checking its size and checksum."""
        entry = self._files.get(kind)
        if entry is None:
            raise CacheError(f"no {kind} file")
        path = self.folder / entry.name
        size, crc = _crc32(path)
        if size != entry.size or crc != entry.crc32:
            raise CacheError(f"{entry.name} is damaged (size or checksum differs)")
        return path

    def _mapped(self, kind: str) -> np.ndarray[Any, Any]:
        """Return a snapshot array, read-only and mapped from its file, after checking the file.

        The pages the check reads are the array's own: the file is read once, and never copied.
        Snapshot files are only ever replaced whole, never written in place, so the map stays
        what was checked.
        """
        entry = self._files.get(kind)
        if entry is None:
            raise CacheError(f"no {kind} file")
        with (self.folder / entry.name).open("rb") as f:
            if os.fstat(f.fileno()).st_size != entry.size:
                raise CacheError(f"{entry.name} is damaged (size differs)")
            dtype, shape, offset = _npy_header(f)
            if offset + dtype.itemsize * int(np.prod(shape)) != entry.size:
                raise CacheError(f"{entry.name} does not fit its header")
            buffer = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        if zlib.crc32(buffer) != entry.crc32:
            raise CacheError(f"{entry.name} is damaged (checksum differs)")
        count = int(np.prod(shape))
        return np.frombuffer(buffer, dtype=dtype, count=count, offset=offset).reshape(shape)

    def load(self, kb: KnowledgeBase) -> IndexParts | None:
        """Return the index of exactly ``kb`` from the snapshot, or None to build it."""
        manifest = self._manifest
        if manifest is None or manifest.get("version") != kb.version:
            return None
        if [(d.id, d.digest) for d in self._docs] != [(d.id, d.digest) for d in kb.documents]:
            return None
        try:
            terms = _json_list(self._checked("terms"))
            idf = np.load(self._checked("idf"), allow_pickle=False)
            n = sum(len(d.paragraphs) for d in kb.documents)
            postings = sparse.csr_matrix(
                tuple(self._mapped(f"postings-{name}") for name in _POSTINGS),
                shape=(len(terms), n),
            )
            surface = _json_counts(self._checked("surface"))
            stems = _json_words(self._checked("stems"))
            if idf.shape != (len(terms),):
                raise CacheError("index shapes do not fit the documents")
            store = self._sentence_store(n)
        except (OSError, ValueError, KeyError, TypeError, CacheError, zlib.error) as exc:
            log.warning("index cache: %s, rebuilding the index", exc)
            return None
        remember_stems(stems)
        people = {d.id: d.people for d in self._docs}
        index = TfidfIndex(terms, np.asarray(idf, dtype=np.float64), postings, n)
        return IndexParts(index, surface, people, store)

    def _sentence_store(self, paragraphs: int) -> SentenceStore:
        """Open the sentence records of the snapshot's ``paragraphs`` paragraphs, checked."""
        offsets = np.load(self._checked("sentoffsets"), allow_pickle=False)
        if (
            offsets.dtype != np.int64
            or offsets.shape != (paragraphs + 1,)
            or int(offsets[0]) != 0
            or bool(np.any(np.diff(offsets) < 1))
        ):
            raise CacheError("sentence offsets do not fit the documents")
        try:
            return SentenceStore(self._checked("sentences"), offsets)
        except RecordError as exc:
            raise CacheError(str(exc)) from exc

    def earlier(self) -> Earlier | None:
        """Return what the snapshot offers a build of changed documents, or None."""
        if self._manifest is None:
            return None
        try:
            surface = _json_counts(self._checked("surface"))
            remember_stems(_json_words(self._checked("stems")))
            terms = _json_list(self._checked("counted"))
            self._checked("texts")
            blocks = [self._checked(f"counts-{n}") for n in range(self._count_blocks())]
        except (OSError, ValueError, KeyError, TypeError, CacheError) as exc:
            log.warning("index cache: %s, counting every document again", exc)
            return None

        def block(number: int) -> sparse.csr_matrix:
            counts = _load_counts(blocks[number])
            if counts.nnz and int(counts.indices.max()) >= len(terms):
                raise CacheError("count block does not fit its terms")
            return counts

        def texts(digest: str) -> list[str]:
            return self._read_texts(self._by_digest[digest])

        return Earlier(
            terms=terms,
            block=block,
            digests=[d.digest for d in self._docs],
            places={d: e.place for d, e in self._by_digest.items()},
            people={d: e.people for d, e in self._by_digest.items()},
            surface=surface,
            texts=texts,
        )

    def _count_blocks(self) -> int:
        return sum(1 for kind in self._files if kind.startswith("counts-"))

    # Writing.

    def save_counts(self, kb: KnowledgeBase, counted: Counted) -> _Pending | None:
        """Write the texts and term counts of ``kb`` (before the counts are weighted)."""
        if self._busy:
            return None
        pending = _Pending(self.folder, kb, counted.places, self._progress)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            pending.write("texts", "bin", pending.write_texts)
            for number, block in enumerate(counted.counts.blocks):
                pending.write(f"counts-{number}", "npz", functools.partial(_save_counts, block))
            pending.write("counted", "json", lambda f: _dump_json(f, counted.counts.terms))
            pending.write("surface", "json", lambda f: _dump_json(f, counted.counts.surface))
            stems = known_stems(counted.counts.surface)
            pending.write("stems", "json", lambda f: _dump_json(f, stems))
        except (OSError, ValueError, TypeError) as exc:
            pending.abandon(exc)
            return None
        return pending

    def save_index(self, pending: _Pending | None, parts: IndexParts) -> SentenceStore | None:
        """Write the index and the sentence records, and commit the snapshot (the manifest).

        Return the sentence records as written, for answering, or None if they could not be.
        """
        if pending is None:
            return None
        try:
            for name in _POSTINGS:
                array = getattr(parts.index.postings, name)
                pending.write(f"postings-{name}", "npy", functools.partial(_save_array, array))
            pending.write("idf", "npy", lambda f: np.save(f, parts.index.idf, allow_pickle=False))
            pending.write("terms", "json", lambda f: _dump_json(f, parts.index.terms))
            pending.write(
                "sentences",
                "bin",
                functools.partial(pending.write_sentences, self._sentence_records),
            )
            pending.write(
                "sentoffsets",
                "npy",
                lambda f: np.save(f, pending.sentence_offsets(), allow_pickle=False),
            )
            pending.commit(self._code, parts.people)
        except (OSError, ValueError, TypeError) as exc:
            pending.abandon(exc)
            return None
        self.close()
        self._sweep(pending.names())
        try:
            return SentenceStore(
                self.folder / pending.files["sentences"].name, pending.sentence_offsets()
            )
        except (OSError, RecordError) as exc:
            log.warning("index cache: sentence records unreadable (%s)", exc)
            return None

    def _sweep(self, keep: set[str]) -> None:
        """Remove files of older snapshots and temporary files left by crashed writers."""
        now = time.time()
        for path in self.folder.iterdir():
            name = path.name
            if name == MANIFEST or name in keep:
                continue
            with contextlib.suppress(OSError):
                if name.startswith(".tmp-"):
                    if now - path.stat().st_mtime > _STALE_TEMP_SECONDS:
                        path.unlink()
                elif name.split("-", 1)[0] in _KINDS:
                    path.unlink()


_KINDS: Final = frozenset(
    {
        "texts",
        "counts",
        "counted",
        "terms",
        "surface",
        "stems",
        "postings",
        "idf",
        "sentences",
        "sentoffsets",
    }
)


class _Pending:
    """A snapshot being written: its files go in under final names, the manifest last."""

    def __init__(
        self, folder: Path, kb: KnowledgeBase, places: list[Place], progress: Progress
    ) -> None:
        self.folder = folder
        self.kb = kb
        self.places = places
        self._progress = progress
        self.key = hashlib.sha256(f"{FORMAT}\0{kb.version}\0{time.time_ns()}".encode()).hexdigest()
        self.files: dict[str, _FileEntry] = {}
        self.text_spans: list[tuple[int, int, int]] = []
        self.sentence_spans: list[tuple[int, int, int]] = []
        self._record_lengths: list[int] = []

    def write(self, kind: str, suffix: str, body: Callable[[IO[bytes]], object]) -> None:
        """Write one file through ``body``, checksum it and move it to its final name."""
        name = f"{kind}-{self.key[:16]}.{suffix}"
        _atomic_write(self.folder / name, body)
        size, crc = _crc32(self.folder / name)
        self.files[kind] = _FileEntry(name, size, crc)

    def write_texts(self, out: IO[bytes]) -> None:
        """Write every document's paragraphs, one per line, remembering where each is."""
        offset = 0
        for doc in self.kb.documents:
            data = "\n".join(p.text for p in doc.paragraphs).encode("utf-8")
            out.write(data)
            self.text_spans.append((offset, len(data), zlib.crc32(data)))
            offset += len(data)

    def write_sentences(
        self, earlier: Callable[[str, int], list[bytes] | None], out: IO[bytes]
    ) -> None:
        """Write every paragraph's sentence record, each followed by ``RECORD_END``.

        A document the earlier snapshot holds keeps its records; only the others are analysed.
        """
        offset = 0
        done = 0
        total = sum(len(doc.paragraphs) for doc in self.kb.documents)
        for doc in self.kb.documents:
            records = earlier(doc.digest, len(doc.paragraphs))
            if records is None:
                records = []
                for paragraph in doc.paragraphs:
                    records.append(encode(paragraph.text, analyse(paragraph.text)))
                    if not (done + len(records)) % PROGRESS_EVERY:
                        self._progress(ANALYSING, done + len(records), total)
            done += len(doc.paragraphs)
            self._progress(ANALYSING, done, total)
            data = b"".join(r + RECORD_END for r in records)
            out.write(data)
            self.sentence_spans.append((offset, len(data), zlib.crc32(data)))
            self._record_lengths.extend(len(r) + len(RECORD_END) for r in records)
            offset += len(data)

    def sentence_offsets(self) -> np.ndarray[Any, np.dtype[np.int64]]:
        """Where each paragraph's record starts in the sentence file, and where the file ends."""
        offsets = np.zeros(len(self._record_lengths) + 1, dtype=np.int64)
        np.cumsum(self._record_lengths, out=offsets[1:])
        return offsets

    def commit(self, code: str, people: dict[str, tuple[Person, ...]]) -> None:
        """Write the manifest that makes this snapshot the current one."""
        documents = []
        spans = zip(
            self.kb.documents, self.text_spans, self.sentence_spans, self.places, strict=True
        )
        for doc, span, sentence_span, place in spans:
            documents.append(
                {
                    "id": doc.id,
                    "digest": doc.digest,
                    "title": doc.title,
                    "source": doc.source,
                    "author": doc.author,
                    "published": doc.published,
                    "url": doc.url,
                    "metadata": dict(doc.metadata),
                    "markdown": doc.markdown,
                    "sections": _sections(doc.paragraphs),
                    "paragraphs": len(doc.paragraphs),
                    "text": list(span),
                    "sentences": list(sentence_span),
                    "rows": [place.block, place.start, place.stop],
                    "people": [_person_json(p) for p in people[doc.id]],
                }
            )
        body = {
            "format": FORMAT,
            "code": code,
            "version": self.kb.version,
            "files": {k: vars(v) for k, v in self.files.items()},
            "documents": documents,
        }
        text = json.dumps(body, ensure_ascii=False, sort_keys=True).encode("utf-8")
        head = hashlib.sha256(text).hexdigest().encode("ascii")
        _atomic_write(self.folder / MANIFEST, lambda f: f.write(head + b"\n" + text))

    def saved_blocks(self) -> list[BlockSource]:
        """Return sources that read this snapshot's count blocks back from disk."""
        paths = [
            self.folder / self.files[k].name
            for k in sorted((k for k in self.files if k.startswith("counts-")), key=_block_number)
        ]
        return [functools.partial(_load_counts, path) for path in paths]

    def names(self) -> set[str]:
        """The file names of this snapshot."""
        return {f.name for f in self.files.values()}

    def abandon(self, exc: BaseException) -> None:
        """Give up writing: remove this snapshot's files and say why."""
        log.warning("index cache: cannot write to %s (%s); answering without it", self.folder, exc)
        for entry in self.files.values():
            with contextlib.suppress(OSError):
                (self.folder / entry.name).unlink()


def _atomic_write(path: Path, body: Callable[[IO[bytes]], object]) -> None:
    """Write a file under a temporary name in its folder, flush it to disk, then rename it."""
    fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            body(out)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _crc32(path: Path) -> tuple[int, int]:
    crc = 0
    size = 0
    with path.open("rb") as f:
        for block in iter(lambda: f.read(_CHUNK), b""):
            crc = zlib.crc32(block, crc)
            size += len(block)
    return size, crc


def _read_manifest(path: Path) -> dict[str, Any]:
    data = path.read_bytes()
    head, _, text = data.partition(b"\n")
    if hashlib.sha256(text).hexdigest().encode("ascii") != head:
        raise CacheError("manifest checksum mismatch")
    body = json.loads(text)
    if not isinstance(body, dict):
        raise CacheError("manifest is not an object")
    return body


def _sections(paragraphs: tuple[Paragraph, ...]) -> list[list[int | str]]:
    """Where each section starts, as (first paragraph number, heading); None ends a section."""
    starts: list[list[int | str]] = []
    current: str | None = None
    for paragraph in paragraphs:
        if paragraph.section != current:
            current = paragraph.section
            starts.append([paragraph.number, current or ""])
    return starts


def _paragraphs(
    doc_id: str, texts: list[str], sections: tuple[tuple[int, str], ...]
) -> tuple[Paragraph, ...]:
    """Rebuild a document's paragraphs from their texts and where its sections start."""
    heads = dict(sections)
    out: list[Paragraph] = []
    section: str | None = None
    for number, text in enumerate(texts, 1):
        if number in heads:
            section = heads[number] or None
        out.append(Paragraph(doc_id, number, text, section))
    return tuple(out)


def _doc_entry(obj: dict[str, Any]) -> _DocEntry:
    offset, length, crc = (int(x) for x in obj["text"])
    s_offset, s_length, s_crc = (int(x) for x in obj["sentences"])
    block, start, stop = (int(x) for x in obj["rows"])
    return _DocEntry(
        id=str(obj["id"]),
        digest=str(obj["digest"]),
        title=str(obj["title"]),
        source=obj["source"],
        author=obj["author"],
        published=obj["published"],
        url=obj["url"],
        metadata={str(k): str(v) for k, v in obj["metadata"].items()},
        markdown=bool(obj["markdown"]),
        sections=tuple((int(n), str(h)) for n, h in obj["sections"]),
        paragraphs=int(obj["paragraphs"]),
        text=(offset, length, crc),
        sentences=(s_offset, s_length, s_crc),
        place=Place(block, start, stop),
        people=tuple(_person(p) for p in obj["people"]),
    )


def _person_json(person: Person) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(person):
        value = getattr(person, f.name)
        out[f.name] = {"set": sorted(value)} if isinstance(value, frozenset) else value
    return out


def _person(obj: dict[str, Any]) -> Person:
    values: dict[str, Any] = {
        k: frozenset(v["set"]) if isinstance(v, dict) else v for k, v in obj.items()
    }
    return Person(**values)


def _block_number(kind: str) -> int:
    return int(kind.split("-", 1)[1])


def _load_counts(path: Path) -> sparse.csr_matrix:
    return sparse.csr_matrix(sparse.load_npz(path), dtype=np.float32)


def _save_array(array: np.ndarray[Any, Any], out: IO[bytes]) -> None:
    np.save(out, array, allow_pickle=False)


def _npy_header(f: IO[bytes]) -> tuple[np.dtype[Any], tuple[int, ...], int]:
    """Read the header of an ``.npy`` file: its array's type and shape, and where its data starts.

    Only what ``np.save`` writes for a plain array in C order is accepted.
    """
    version = np.lib.format.read_magic(f)
    if version == (1, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
    elif version == (2, 0):
        shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
    else:
        raise CacheError(f"unknown array file version {version}")
    if fortran or dtype.hasobject:
        raise CacheError("not a plain array file")
    return dtype, shape, f.tell()


def _save_counts(matrix: sparse.csr_matrix, out: IO[bytes]) -> None:
    """Save float counts as the smallest unsigned integers that hold them."""
    top = int(matrix.data.max()) if matrix.nnz else 0
    as_ints = sparse.csr_matrix(
        (matrix.data.astype(np.min_scalar_type(top)), matrix.indices, matrix.indptr),
        shape=matrix.shape,
    )
    sparse.save_npz(out, as_ints, compressed=False)


def _dump_json(out: IO[bytes], value: object) -> None:
    out.write(json.dumps(value, ensure_ascii=False).encode("utf-8"))


def _json_list(path: Path) -> list[str]:
    value = json.loads(path.read_bytes())
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CacheError(f"{path.name} is not a list of words")
    return value


def _json_words(path: Path) -> dict[str, str]:
    value = json.loads(path.read_bytes())
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        raise CacheError(f"{path.name} is not a table of words")
    return value


def _json_counts(path: Path) -> dict[str, int]:
    value = json.loads(path.read_bytes())
    if not isinstance(value, dict):
        raise CacheError(f"{path.name} is not a table of counts")
    return {str(k): int(v) for k, v in value.items()}
