"""Source documents: reading the knowledge folder into documents and their paragraphs."""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.knowledge.languages import LANGUAGE_CODE, detect_language
from bot.knowledge.markdown import markdown_blocks

SUFFIXES = (".md", ".txt")
DEFAULT_MAX_FILE_BYTES = 2_000_000
FRONT_MATTER_FENCE = "---"
_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s*(.*)$")
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
_BLANK_SPLIT = re.compile(r"\n[ \t]*\n")
_SPACES = re.compile(r"\s+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
MAX_TITLE_CHARS = 200
# A line of its own in capitals, of this many words at most and with no full stop, is a
# subheading, as news copy writes them ("TRADE TARGET"): it names the paragraphs below it and
# answers nothing itself.
MAX_SUBHEAD_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…:;]$")
# A document's language is told from its first letters: this many characters of its opening
# paragraphs show the script it is written in (a long document need not be read through).
LANGUAGE_SAMPLE = 2_000


@dataclass(frozen=True)
class Paragraph:
    """One citable unit: a paragraph of a document, numbered from 1."""

    document: str
    number: int
    text: str
    section: str | None = None
    """The heading of the section the paragraph is in (a Markdown heading or a subheading in
    capitals), if any."""


@dataclass(frozen=True)
class Document:
    """A source document with its front matter and paragraphs."""

    id: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    digest: str
    source: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)
    markdown: bool = False
    """True when the file was read as Markdown."""

    @functools.cached_property
    def language(self) -> str:
        """The document's language: ``language`` from its front matter, else detected."""
        named = self.metadata.get("language")
        if named:
            return named
        sample: list[str] = []
        size = 0
        for paragraph in self.paragraphs:
            sample.append(paragraph.text)
            size += len(paragraph.text)
            if size >= LANGUAGE_SAMPLE:
                break
        return detect_language(" ".join(sample)[:LANGUAGE_SAMPLE])


@dataclass(frozen=True)
class FileProblem:
    """A file that could not be loaded, and why."""

    name: str
    reason: str

    def __str__(self) -> str:
        return f"{self.name}: {self.reason}"


class KnowledgeError(Exception):
    """The knowledge folder could not be loaded; ``problems`` names each bad file."""

    def __init__(self, problems: list[FileProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


@dataclass(frozen=True)
class KnowledgeBase:
    """Every document of the knowledge folder, and a version that changes with their content."""

    documents: tuple[Document, ...]
    version: str

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph of every document, in document order."""
        return tuple(p for d in self.documents for p in d.paragraphs)

    def document(self, doc_id: str) -> Document | None:
        """Return the document with this id, if there is one."""
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        return None

    def paragraph(self, doc_id: str, number: int) -> Paragraph | None:
        """Return paragraph ``number`` (from 1) of document ``doc_id``, if it exists."""
        doc = self.document(doc_id)
        if doc is None or not 1 <= number <= len(doc.paragraphs):
            return None
        return doc.paragraphs[number - 1]


@dataclass(frozen=True)
class KnowledgeDiff:
    """What changed between two knowledge bases, by document and by paragraph."""

    documents_added: tuple[str, ...]
    documents_removed: tuple[str, ...]
    documents_changed: tuple[str, ...]
    paragraphs_added: int
    paragraphs_removed: int
    paragraphs_changed: int

    @property
    def unchanged(self) -> bool:
        """True when nothing was added, removed or changed."""
        return not (self.documents_added or self.documents_removed or self.documents_changed)


def clean_text(text: str) -> str:
    """Normalise line ends and Unicode form and drop control and direction characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFC", text)
    return _CONTROL.sub("", text)


def parse_document(
    doc_id: str, raw: bytes, max_bytes: int = DEFAULT_MAX_FILE_BYTES, markdown: bool = False
) -> Document:
    """Parse one file's bytes into a document; raise ``ValueError`` with the reason if it is bad.

    With ``markdown`` the body is read as Markdown (a ``.md`` file), else as plain text.
    """
    if len(raw) > max_bytes:
        raise ValueError(f"too large ({len(raw):,} bytes; the limit is {max_bytes:,})")
    if b"\x00" in raw:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        decoded = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 (invalid byte at offset {exc.start})") from None
    text = clean_text(decoded)
    meta, body = _split_front_matter(text)
    if markdown:
        paragraphs, first_line = _markdown_paragraphs(doc_id, body, meta.get("title"))
    else:
        paragraphs = _text_paragraphs(doc_id, body)
        first_line = _first_line(body) if paragraphs else ""
    if not paragraphs:
        raise ValueError("empty (no paragraphs)")
    title = meta.pop("title", "") or first_line
    published = meta.pop("published", None) or None
    if published is not None:
        try:
            if not _ISO_DATE.fullmatch(published):
                raise ValueError(published)
            date.fromisoformat(published)
        except ValueError:
            raise ValueError(
                f"front matter: published must be YYYY-MM-DD, not {published!r}"
            ) from None
    language = meta.get("language")
    if language is not None:
        meta["language"] = language = language.lower()
        if not LANGUAGE_CODE.fullmatch(language):
            raise ValueError(
                f"front matter: language must be a two-letter ISO 639-1 code, not {language!r}"
            )
    return Document(
        id=doc_id,
        title=title,
        paragraphs=paragraphs,
        digest=hashlib.sha256(raw).hexdigest(),
        source=meta.pop("source", None) or None,
        author=meta.pop("author", None) or None,
        published=published,
        url=meta.pop("url", None) or None,
        metadata=meta,
        markdown=markdown,
    )


def _first_line(body: str) -> str:
    """Return the first non-empty line, without heading marks, as a title."""
    line = next(line for line in body.split("\n") if line.strip())
    return _SPACES.sub(" ", line.lstrip().lstrip("#")).strip()[:MAX_TITLE_CHARS]


def _opens_section(block: str, started: bool) -> bool:
    """True when a block of text is a subheading: one line in capitals, of MAX_SUBHEAD_WORDS
    words at most, that does not end as a sentence ends ("TRADE TARGET", "ПРОТЕСТ У ДВОРЦА"),
    once a paragraph or a section has ``started``; before either, it is the first paragraph, as
    the title is."""
    line = block.strip()
    return (
        started
        and "\n" not in line
        and line.isupper()
        and len(line.split()) <= MAX_SUBHEAD_WORDS
        and not _SENTENCE_END.search(line)
    )


def _text_paragraphs(doc_id: str, body: str) -> tuple[Paragraph, ...]:
    """Return the paragraphs of a plain-text body, blocks parted by blank lines; a subheading
    names the paragraphs under it as their section (``_opens_section``)."""
    paragraphs: list[Paragraph] = []
    section: str | None = None
    for block in _BLANK_SPLIT.split(body):
        # str.split() and the regex \s agree on what whitespace is; split is ten times faster.
        text = " ".join(block.split())
        if not text:
            continue
        if _opens_section(block, bool(paragraphs) or section is not None):
            section = text
        else:
            paragraphs.append(Paragraph(doc_id, len(paragraphs) + 1, text, section))
    return tuple(paragraphs)


def _markdown_paragraphs(
    doc_id: str, body: str, title: str | None
) -> tuple[tuple[Paragraph, ...], str]:
    """Return the citable paragraphs of a Markdown body, and its first line of text as a title.

    Headings are not paragraphs: each names the paragraphs under it as their section, except the
    one that is the document's title. So does a subheading in capitals after the first paragraph
    or heading (``_opens_section``).
    """
    blocks = markdown_blocks(body)
    first = blocks[0].text.strip().split("\n")[0] if blocks else ""
    first_line = " ".join(first.split())[:MAX_TITLE_CHARS]
    named = title or (first_line if blocks and blocks[0].heading else None)
    paragraphs: list[Paragraph] = []
    section: str | None = None
    for block in blocks:
        if block.heading:
            section = block.text if block.text != named else None
            continue
        text = " ".join(block.text.split())
        if _opens_section(block.text, bool(paragraphs) or section is not None):
            section = text
        else:
            paragraphs.append(Paragraph(doc_id, len(paragraphs) + 1, text, section))
    return tuple(paragraphs), first_line


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != FRONT_MATTER_FENCE:
        return {}, text
    meta: dict[str, str] = {}
    for i in range(first + 1, len(lines)):
        line = lines[i].strip()
        if line == FRONT_MATTER_FENCE:
            return meta, "\n".join(lines[i + 1 :])
        if not line or line.startswith("#"):
            continue
        match = _KEY_LINE.match(line)
        if match is None:
            raise ValueError(f"front matter: line {i + 1} is not 'key: value'")
        meta[match.group(1).lower()] = match.group(2).strip().strip("\"'")
    raise ValueError("front matter: no closing '---' line")


def is_markdown(name: str) -> bool:
    """True when the file ``name`` is read as Markdown (``.md``)."""
    return name.lower().endswith(".md")


def knowledge_files(folder: Path) -> list[Path]:
    """Return the document files of ``folder`` in name order; raise ``KnowledgeError`` if absent."""
    if not folder.exists():
        raise KnowledgeError([FileProblem(str(folder), "knowledge folder does not exist")])
    if not folder.is_dir():
        raise KnowledgeError([FileProblem(str(folder), "not a folder")])
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() in SUFFIXES and not p.name.startswith(".") and p.is_file()
    )


def load_knowledge(
    folder: Path,
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    parse: Callable[[str, bytes, int, bool], Document] = parse_document,
) -> KnowledgeBase:
    """Load every document of ``folder``; raise ``KnowledgeError`` naming every bad file.

    ``parse`` turns a file's bytes into its document (the index cache passes one that knows
    documents it has seen).
    """
    files = knowledge_files(folder)
    problems: list[FileProblem] = []
    documents: list[Document] = []
    seen: dict[str, str] = {}
    for path in files:
        doc_id = path.stem
        if doc_id in seen:
            problems.append(FileProblem(path.name, f"same document id as {seen[doc_id]}"))
            continue
        seen[doc_id] = path.name
        try:
            raw = path.read_bytes()
        except OSError as exc:
            problems.append(FileProblem(path.name, f"unreadable ({exc.strerror or exc})"))
            continue
        try:
            documents.append(parse(doc_id, raw, max_bytes, is_markdown(path.name)))
        except ValueError as exc:
            problems.append(FileProblem(path.name, str(exc)))
    if problems:
        raise KnowledgeError(problems)
    if not documents:
        raise KnowledgeError([FileProblem(str(folder), "no .md or .txt documents")])
    return knowledge_base(documents)


def knowledge_base(documents: list[Document]) -> KnowledgeBase:
    """Bundle documents into a knowledge base whose version hashes their ids and content."""
    digest = hashlib.sha256()
    for doc in documents:
        digest.update(f"{doc.id}\0{doc.digest}\n".encode())
    return KnowledgeBase(tuple(documents), digest.hexdigest()[:12])


def diff_knowledge(old: KnowledgeBase, new: KnowledgeBase) -> KnowledgeDiff:
    """Compare two knowledge bases: documents by id, paragraphs by aligned text."""
    old_docs = {d.id: d for d in old.documents}
    new_docs = {d.id: d for d in new.documents}
    added = tuple(sorted(new_docs.keys() - old_docs.keys()))
    removed = tuple(sorted(old_docs.keys() - new_docs.keys()))
    changed = tuple(
        sorted(
            k for k in new_docs.keys() & old_docs.keys() if new_docs[k].digest != old_docs[k].digest
        )
    )
    p_added = sum(len(new_docs[k].paragraphs) for k in added)
    p_removed = sum(len(old_docs[k].paragraphs) for k in removed)
    p_changed = 0
    for key in changed:
        before = [p.text for p in old_docs[key].paragraphs]
        after = [p.text for p in new_docs[key].paragraphs]
        matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "replace":
                p_changed += min(i2 - i1, j2 - j1)
                p_added += max(0, (j2 - j1) - (i2 - i1))
                p_removed += max(0, (i2 - i1) - (j2 - j1))
            elif tag == "insert":
                p_added += j2 - j1
            elif tag == "delete":
                p_removed += i2 - i1
    return KnowledgeDiff(added, removed, changed, p_added, p_removed, p_changed)
