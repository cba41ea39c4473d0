"""The live answer engine: one owner that swaps in a freshly built engine whole, under a lock."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from bot.answer.engine import Engine
from bot.knowledge.documents import KnowledgeDiff, diff_knowledge


@dataclass(frozen=True)
class ReloadReport:
    """What a reload changed, and the size and version of the new knowledge base."""

    diff: KnowledgeDiff
    version: str
    documents: int
    paragraphs: int


class LiveEngine:
    """Holds the engine that answers now; ``reload`` builds a new one off the loop and swaps it."""

    def __init__(self, engine: Engine, build: Callable[[], Engine]) -> None:
        self._engine = engine
        self._build = build
        self._lock = asyncio.Lock()

    @property
    def current(self) -> Engine:
        """The engine that answers questions right now."""
        return self._engine

    @property
    def reloading(self) -> bool:
        """True while a reload is under way."""
        return self._lock.locked()

    async def reload(self) -> ReloadReport:
        """Rebuild from the knowledge folder; on ``KnowledgeError`` the old engine stays."""
        async with self._lock:
            old = self._engine
            new = await asyncio.to_thread(self._build)
            self._engine = new
        kb = new.kb
        return ReloadReport(
            diff=diff_knowledge(old.kb, kb),
            version=kb.version,
            documents=len(kb.documents),
            paragraphs=sum(len(d.paragraphs) for d in kb.documents),
        )
