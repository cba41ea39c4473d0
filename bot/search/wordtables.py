"""Word tables: a line a word, a tab, then its related words, comma-separated; ``#`` comments."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from pathlib import Path


class WordTable:
    """A word table file, read on first use (or by ``load``) and kept."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @cached_property
    def rows(self) -> dict[str, str]:
        """Each word's related words as written (comma-separated)."""
        lines = self.path.read_text(encoding="utf-8").splitlines()
        return dict(line.split("\t", 1) for line in lines if line and not line.startswith("#"))

    def load(self) -> None:
        """Read the file now, so that no later lookup waits for it."""
        _ = self.rows

    def get(self, word: str) -> tuple[str, ...]:
        """Return the words related to ``word``, in the table's order, or ()."""
        found = self.rows.get(word)
        return tuple(found.split(",")) if found else ()


def render(header: str, table: Mapping[str, Iterable[str]]) -> str:
    """Write a word table: ``header``'s lines as comments, then the words in sorted order."""
    lines = [f"# {line}" for line in header.splitlines()]
    lines += [f"{word}\t{','.join(related)}" for word, related in sorted(table.items())]
    return "\n".join(lines) + "\n"


def write(path: Path, header: str, table: Mapping[str, Iterable[str]]) -> None:
    """Write ``table`` to ``path`` as ``render`` lays it out, and say so on standard output."""
    path.write_text(render(header, table), encoding="utf-8")
    print(f"wrote {path}: {len(table)} words")
