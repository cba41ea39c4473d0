"""Records that leave the core: answers and their citations."""

from __future__ import annotations

from dataclasses import asdict, dataclass


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


@dataclass(frozen=True)
class Answer:
    """The reply to one question: text with ``[n]`` markers, a confidence, and the citations."""

    question: str
    answered: bool
    text: str
    confidence: float
    citations: tuple[Citation, ...]

    def to_json(self) -> dict[str, object]:
        """Return the ``ask --json`` object of the contract."""
        return {
            "question": self.question,
            "answered": self.answered,
            "answer": self.text,
            "confidence": round(self.confidence, 4),
            "citations": [{**asdict(c), "score": round(c.score, 4)} for c in self.citations],
        }
