"""Query log rows for what people ask the bot in Telegram."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

from telegram import Update

from bot.answer.records import Answer
from bot.querylog.writer import QueryRecord


@dataclass(frozen=True)
class Asked:
    """Who asked what, where and when: the parts of a row known before answering."""

    query_id: str
    update_id: int | None
    chat_type: str
    user_id: int | None
    chat_id: int | None
    question: str
    started: float

    @classmethod
    def from_update(cls, update: Update, query_id: str, question: str) -> Asked:
        """Describe the question carried by ``update``."""
        chat = update.effective_chat
        user = update.effective_user
        return cls(
            query_id=query_id,
            update_id=update.update_id,
            chat_type=chat.type if chat else "private",
            user_id=user.id if user else None,
            chat_id=chat.id if chat else None,
            question=question,
            started=time.monotonic(),
        )

    def record(
        self,
        outcome: str,
        kb_version: str,
        *,
        answer: Answer | None = None,
        reply: str = "",
        error: str | None = None,
    ) -> QueryRecord:
        """Return the finished row; ``outcome`` is one of the query log's outcomes."""
        return QueryRecord(
            query_id=self.query_id,
            time=datetime.now(UTC),
            channel="telegram",
            chat_type=self.chat_type,
            user_id=self.user_id,
            chat_id=self.chat_id,
            update_id=self.update_id,
            question=self.question,
            outcome=outcome,
            answered=answer.answered if answer else False,
            confidence=answer.confidence if answer else 0.0,
            answer=answer.text if answer else reply,
            citations=tuple((c.document, c.paragraph) for c in answer.citations) if answer else (),
            latency_ms=(time.monotonic() - self.started) * 1000.0,
            kb_version=kb_version,
            error=error,
            resolved=answer.resolved if answer else None,
            kind=answer.kind if answer else None,
        )
