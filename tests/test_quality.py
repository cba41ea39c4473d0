"""The project's own question set: well formed, grounded in the article, and passed by the bot."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import robustness
from benchmarks.quality import (
    CONVERSATION_SETS,
    SETS,
    ConversationResult,
    ConversationSet,
    QualitySet,
    evaluate,
    evaluate_conversations,
    render_conversations,
)
from bot.answer.evaluation import Rate, parse_questions
from bot.knowledge.documents import load_knowledge

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = REPO / "tests" / "data" / "questions.jsonl"
KNOWLEDGE = REPO / "knowledge"


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


@pytest.mark.parametrize("quality_set", SETS, ids=[s.name for s in SETS])
def test_every_question_set_is_grounded_in_its_knowledge(quality_set: QualitySet) -> None:
    if not quality_set.questions.is_file():
        pytest.skip(f"{quality_set.questions} is not beside the repository")
    kb = load_knowledge(quality_set.knowledge)
    paragraphs = [p.text for p in kb.paragraphs]
    about = [f"{d.title} {d.source or ''} {d.author or ''}" for d in kb.documents]
    source = " ".join(paragraphs + about).casefold()
    for q in parse_questions(quality_set.questions.read_text(encoding="utf-8")):
        assert q.in_scope == bool(q.expect), q.id
        if q.evidence is not None:
            assert any(q.evidence in text for text in paragraphs), (q.id, q.evidence)
        for group in q.expect:
            assert any(alt.casefold() in source for alt in group), (q.id, group)


@pytest.mark.parametrize("quality_set", SETS, ids=[s.name for s in SETS])
def test_bot_holds_its_bars_on_every_question_set(quality_set: QualitySet) -> None:
    if not quality_set.questions.is_file():
        pytest.skip(f"{quality_set.questions} is not beside the repository")
    result = evaluate(quality_set)
    assert not result.below(quality_set.bars), "\n".join(result.misses)


@pytest.mark.parametrize(
    "conversation_set", CONVERSATION_SETS, ids=[s.name for s in CONVERSATION_SETS]
)
def test_bot_holds_its_bars_on_every_conversation_set(conversation_set: ConversationSet) -> None:
    if not conversation_set.conversations.is_file():
        pytest.skip(f"{conversation_set.conversations} is not beside the repository")
    result = evaluate_conversations(conversation_set)
    assert not result.below(conversation_set.bars), "\n".join(result.misses)


def test_questions_typed_as_chat_users_type_them_keep_their_answers() -> None:
    # Lower case, capitals, a filler before the question, a slip in a word: each way of typing
    # keeps most of the answers and declines the sets get as written.
    for name, kept in robustness.totals_of().items():
        right_bar, declined_bar = robustness.BARS[name]
        assert kept.right >= right_bar * kept.right_total, (name, kept)
        assert kept.declined >= declined_bar * kept.declined_total, (name, kept)


def test_a_slip_is_one_edit_in_one_longer_word_drawn_the_same_each_run() -> None:
    question = "when was the harbour agreement signed"
    first = robustness.slipped(question, random.Random(robustness.SEED))
    assert first == robustness.slipped(question, random.Random(robustness.SEED))
    changed = [(a, b) for a, b in zip(question.split(), first.split(), strict=True) if a != b]
    assert len(changed) == 1 and len(changed[0][0]) >= 4
    assert abs(len(changed[0][0]) - len(changed[0][1])) <= 1


def test_a_long_conversation_set_name_stays_apart_from_its_rates() -> None:
    talked = [
        ConversationResult(
            "observatory talk", 6, Rate(12, 25), Rate(7, 17), Rate(4, 4), Rate(7, 21), ()
        )
    ]
    row = render_conversations(talked).splitlines()[2]
    assert row.split()[:3] == ["observatory", "talk", "0.480"]
