"""The answer engine: a knowledge base with its index, answering one question at a time."""

from __future__ import annotations

from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

from bot.knowledge import DEFAULT_MAX_FILE_BYTES, KnowledgeBase, load_knowledge
from bot.records import Answer, Citation

# TEMPORARY: a plain top-paragraph engine so the shells can be built against the interface.


class Engine:
    """Answers questions from one knowledge base; immutable once built."""

    def __init__(self, kb: KnowledgeBase, min_confidence: float = 0.4) -> None:
        self.kb = kb
        self.min_confidence = min_confidence
        self._paragraphs = kb.paragraphs
        self._vectorizer = TfidfVectorizer()
        self._matrix = self._vectorizer.fit_transform([p.text for p in self._paragraphs])

    @property
    def version(self) -> str:
        """The knowledge base version this engine answers from."""
        return self.kb.version

    def answer(self, question: str) -> Answer:
        """Answer ``question`` with cited sentences, or decline politely."""
        q = self._vectorizer.transform([question])
        scores = (self._matrix @ q.T).toarray().ravel()
        best = int(scores.argmax())
        score = float(scores[best])
        if score < 0.2:
            return Answer(question, False, "I could not find that in my sources.", score, ())
        para = self._paragraphs[best]
        doc = self.kb.document(para.document)
        assert doc is not None
        cite = Citation(1, doc.id, doc.title, para.number, para.text, doc.published, doc.url, score)
        return Answer(question, True, para.text + " [1]", score, (cite,))


def build_engine(
    folder: Path,
    min_confidence: float = 0.4,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    cache_dir: Path | None = None,
) -> Engine:
    """Load ``folder`` and build its engine; raise ``KnowledgeError`` on any bad file."""
    del cache_dir
    return Engine(load_knowledge(folder, max_file_bytes), min_confidence)
