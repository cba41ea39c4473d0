"""Records that leave the core: answers and their citations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.knowledge.documents import Document

# "answer" when answered, "decline" when the sources do not answer, "smalltalk" for greetings,
# thanks and questions about the bot itself.
AnswerKind = Literal["answer", "decline", "smalltalk"]


@dataclass(frozen=True)
class Citation:
    """A cited paragraph; ``ref`` is the number of its ``[n]`` marker in the answer."""

    ref: int
    document: str
    title: str
    paragraph: int
    text: str
    published: str | None
    url: str | None
    score: float

    @classmethod
    def of(cls, ref: int, document: Document, number: int, text: str, score: float) -> Citation:
        """Cite paragraph ``number`` (``text``) of ``document`` as source ``ref``."""
        return cls(
            ref, document.id, document.title, number, text, document.published, document.url, score
        )

    def to_json(self) -> dict[str, object]:
        """Return the citation object of the contract's ``ask --json`` answer."""
        return {
            "ref": self.ref,
            "document": self.document,
            "title": self.title,
            "paragraph": self.paragraph,
            "text": self.text,
            "published": self.published,
            "url": self.url,
            "score": round(self.score, 4),
        }


@dataclass(frozen=True)
class Answer:
    """The reply to one question: text with ``[n]`` markers, a confidence, and the citations."""

    question: str
    answered: bool
    text: str
    confidence: float
    citations: tuple[Citation, ...]
    kind: AnswerKind | None = None
    # The question as read in a conversation's context ("when was the roadmap signed" for
    # "and when?"), when that differs from the question as typed.
    resolved: str | None = None

    def __post_init__(self) -> None:
        if self.kind is None:
            object.__setattr__(self, "kind", "answer" if self.answered else "decline")

    def with_sources_hint(self, hint: str) -> str:
        """The text, and for a decline, ``hint``: how the shell showing it lists the sources."""
        if self.kind != "decline" or not hint:
            return self.text
        return f"{self.text} {hint}"

    def to_json(self) -> dict[str, object]:
        """Return the ``ask --json`` object of the contract, with ``resolved`` when there is one."""
        out: dict[str, object] = {
            "question": self.question,
            "answered": self.answered,
            "kind": self.kind,
            "answer": self.text,
            "confidence": round(self.confidence, 4),
            "citations": [c.to_json() for c in self.citations],
        }
        if self.resolved is not None:
            out["resolved"] = self.resolved
        return out
