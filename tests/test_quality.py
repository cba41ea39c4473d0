"""The project's own question set: well formed, grounded in the article, and passed by the bot."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from bot.evaluation import parse_questions
from bot.knowledge import load_knowledge

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = REPO / "tests" / "data" / "questions.jsonl"
KNOWLEDGE = REPO / "knowledge"

ANSWER_BAR = 0.90
CITATION_BAR = 0.95
ABSTENTION_BAR = 0.90


def test_question_set_is_large_and_varied() -> None:
    questions = parse_questions(QUESTIONS.read_text(encoding="utf-8"))
    scope = Counter(q.in_scope for q in questions)
    assert len(questions) >= 90
    assert scope[False] >= 25
    assert all(q.id.startswith("q") for q in questions)
    assert len({q.question for q in questions}) == len(questions)
    assert sum(len(q.expect) >= 2 for q in questions if q.in_scope) >= 10
    assert all(q.expect for q in questions if q.in_scope)
    assert all(not q.expect and q.evidence is None for q in questions if not q.in_scope)


def test_evidence_is_an_exact_substring_of_one_paragraph() -> None:
    paragraphs = [p.text for p in load_knowledge(KNOWLEDGE).paragraphs]
    for q in parse_questions(QUESTIONS.read_text(encoding="utf-8")):
        if q.evidence is not None:
            assert any(q.evidence in text for text in paragraphs), (q.id, q.evidence)


def test_every_expected_fact_is_in_the_source() -> None:
    kb = load_knowledge(KNOWLEDGE)
    doc = kb.documents[0]
    facts = " ".join([p.text for p in kb.paragraphs] + [doc.title, *filter(None, [doc.source])])
    source = facts.casefold()
    for q in parse_questions(QUESTIONS.read_text(encoding="utf-8")):
        for group in q.expect:
            assert any(alt.casefold() in source for alt in group), (q.id, group)


def test_bot_passes_its_own_question_set(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "eval", str(QUESTIONS), "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PATH": "/usr/bin:/bin", "BOT_KNOWLEDGE_DIR": str(KNOWLEDGE)},
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    misses = "\n".join(f"{m['id']} {m['kind']}: {m['detail']}" for m in report["misses"])
    assert report["answer"]["rate"] >= ANSWER_BAR, misses
    assert report["citation"]["rate"] >= CITATION_BAR, misses
    assert report["abstention"]["rate"] >= ABSTENTION_BAR, misses
