"""Question sets and their scoring: answer, citation and abstention rates over engine answers."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol, TypeVar

from bot.answer.records import Answer


class QuestionSetError(ValueError):
    """A question set line that cannot be used; ``line`` is its number from 1."""

    def __init__(self, line: int, reason: str) -> None:
        self.line = line
        self.reason = reason
        super().__init__(f"line {line}: {reason}")


@dataclass(frozen=True)
class Question:
    """One graded question: what to ask and what a right answer holds."""

    id: str
    question: str
    in_scope: bool
    evidence: str | None
    expect: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Rate:
    """A share of right outcomes; ``value`` is None when nothing was counted."""

    right: int
    total: int

    @property
    def value(self) -> float | None:
        """``right / total``, or None when ``total`` is 0."""
        return self.right / self.total if self.total else None

    def below(self, bar: float | None) -> bool:
        """True when a bar is set and the rate (if any) falls short of it."""
        value = self.value
        return bar is not None and value is not None and value < bar


@dataclass(frozen=True)
class Miss:
    """A question graded wrong: which check failed (``kind``), why, and the answer given."""

    id: str
    question: str
    kind: str
    detail: str
    answer: str


@dataclass(frozen=True)
class Outcome:
    """One answered question: the confidence given, and whether answering it was right."""

    id: str
    confidence: float
    right: bool


@dataclass(frozen=True)
class EvalReport:
    """The three rates of a question set, every miss behind them, and each answer's outcome."""

    questions: int
    answer: Rate
    citation: Rate
    abstention: Rate
    misses: tuple[Miss, ...]
    outcomes: tuple[Outcome, ...] = ()

    def to_json(self) -> dict[str, object]:
        """Return the report as plain JSON values."""

        def rate(r: Rate) -> dict[str, object]:
            value = r.value
            return {
                "rate": None if value is None else round(value, 4),
                "right": r.right,
                "total": r.total,
            }

        return {
            "questions": self.questions,
            "answer": rate(self.answer),
            "citation": rate(self.citation),
            "abstention": rate(self.abstention),
            "misses": [
                {
                    "id": m.id,
                    "question": m.question,
                    "kind": m.kind,
                    "detail": m.detail,
                    "answer": m.answer,
                }
                for m in self.misses
            ],
            "outcomes": [
                {"id": o.id, "confidence": round(o.confidence, 4), "right": o.right}
                for o in self.outcomes
            ],
        }


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_Item = TypeVar("_Item", bound=_Identified)


def _parse_set(text: str, parse_line: Callable[[int, str], _Item], noun: str) -> list[_Item]:
    """Parse each non-blank line of a JSON-lines set; ids are unique and the set is not empty."""
    items: list[_Item] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        item = parse_line(number, line)
        if item.id in seen:
            raise QuestionSetError(number, f"duplicate id {item.id!r}")
        seen.add(item.id)
        items.append(item)
    if not items:
        raise QuestionSetError(1, f"no {noun} in the file")
    return items


def _json_object(number: int, line: str) -> dict[str, Any]:
    """Return line ``number`` read as a JSON object, or raise ``QuestionSetError``."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise QuestionSetError(number, f"not valid JSON ({exc.msg})") from None
    if not isinstance(row, dict):
        raise QuestionSetError(number, "expected a JSON object")
    return row


def parse_questions(text: str) -> list[Question]:
    """Parse a JSON-lines question set; raise ``QuestionSetError`` naming the first bad line."""
    return _parse_set(text, _parse_line, "questions")


def _parse_line(number: int, line: str) -> Question:
    row = _json_object(number, line)
    missing = [k for k in ("id", "question", "in_scope") if k not in row]
    if missing:
        raise QuestionSetError(number, f"missing {', '.join(missing)}")
    qid, question, in_scope = row["id"], row["question"], row["in_scope"]
    evidence = row.get("evidence")
    expect = row.get("expect", [])
    if not isinstance(qid, str | int) or isinstance(qid, bool) or not str(qid).strip():
        raise QuestionSetError(number, "id must be a non-empty string")
    if not isinstance(question, str):
        raise QuestionSetError(number, "question must be a string")
    if not isinstance(in_scope, bool):
        raise QuestionSetError(number, "in_scope must be true or false")
    if evidence is not None and (not isinstance(evidence, str) or not evidence):
        raise QuestionSetError(number, "evidence must be a non-empty string or null")
    if not isinstance(expect, list) or not all(
        isinstance(group, list) and group and all(isinstance(a, str) and a for a in group)
        for group in expect
    ):
        raise QuestionSetError(
            number, "expect must be a list of non-empty lists of non-empty strings"
        )
    return Question(
        id=str(qid),
        question=question,
        in_scope=in_scope,
        evidence=evidence,
        expect=tuple(tuple(group) for group in expect),
    )


def missing_groups(question: Question, answer: Answer) -> list[tuple[str, ...]]:
    """Return the expect groups none of whose alternatives is in the answer (case-insensitive)."""
    text = answer.text.casefold()
    return [g for g in question.expect if not any(a.casefold() in text for a in g)]


def evidence_cited(question: Question, answer: Answer) -> bool:
    """True when the question's evidence is a substring of some cited paragraph."""
    return question.evidence is not None and any(
        question.evidence in c.text for c in answer.citations
    )


def score(questions: Sequence[Question], answers: Sequence[Answer]) -> EvalReport:
    """Grade ``answers[i]`` against ``questions[i]``.

    answer rate = in-scope questions answered with every expect group matched / in-scope questions;
    citation rate = in-scope questions with evidence whose evidence is in a cited paragraph /
    in-scope questions with evidence; abstention rate = out-of-scope questions not answered /
    out-of-scope questions. Each answered question gives an outcome: right when it is in scope
    and every expect group is matched.
    """
    if len(questions) != len(answers):
        raise ValueError(f"{len(questions)} questions but {len(answers)} answers")
    misses: list[Miss] = []
    outcomes: list[Outcome] = []
    answer_right = answer_total = cite_right = cite_total = abstain_right = abstain_total = 0
    for q, a in zip(questions, answers, strict=True):
        given = a.text if a.answered else f"(declined) {a.text}"
        if a.answered:
            right = q.in_scope and not missing_groups(q, a)
            outcomes.append(Outcome(q.id, a.confidence, right))
        if not q.in_scope:
            abstain_total += 1
            if a.answered:
                misses.append(Miss(q.id, q.question, "abstention", "answered out of scope", given))
            else:
                abstain_right += 1
            continue
        answer_total += 1
        if not a.answered:
            misses.append(Miss(q.id, q.question, "answer", "not answered", given))
        elif gaps := missing_groups(q, a):
            wanted = "; ".join(" or ".join(repr(alt) for alt in g) for g in gaps)
            misses.append(Miss(q.id, q.question, "answer", f"missing {wanted}", given))
        else:
            answer_right += 1
        if q.evidence is not None:
            cite_total += 1
            if evidence_cited(q, a):
                cite_right += 1
            else:
                detail = f"no cited paragraph contains {q.evidence!r}"
                misses.append(Miss(q.id, q.question, "citation", detail, given))
    return EvalReport(
        questions=len(questions),
        answer=Rate(answer_right, answer_total),
        citation=Rate(cite_right, cite_total),
        abstention=Rate(abstain_right, abstain_total),
        misses=tuple(misses),
        outcomes=tuple(outcomes),
    )


@dataclass(frozen=True)
class Turn:
    """One graded turn of a conversation: what to ask, and what a right reply is."""

    question: str
    expect: tuple[tuple[str, ...], ...]
    kind: str
    evidence: str | None


@dataclass(frozen=True)
class Dialogue:
    """One graded conversation: turns asked in order, each in the context of those before."""

    id: str
    turns: tuple[Turn, ...]


@dataclass(frozen=True)
class ConversationReport:
    """The rates of a conversation set and every miss behind them."""

    conversations: int
    turns: Rate
    follow_ups: Rate
    smalltalk: Rate
    citation: Rate
    misses: tuple[Miss, ...]

    def to_json(self) -> dict[str, object]:
        """Return the report as plain JSON values."""
        return {
            "conversations": self.conversations,
            "turns": _rate_json(self.turns),
            "follow_ups": _rate_json(self.follow_ups),
            "smalltalk": _rate_json(self.smalltalk),
            "citation": _rate_json(self.citation),
            "misses": [_miss_json(m) for m in self.misses],
        }


def _rate_json(r: Rate) -> dict[str, object]:
    value = r.value
    return {"rate": None if value is None else round(value, 4), "right": r.right, "total": r.total}


def _miss_json(m: Miss) -> dict[str, object]:
    return {
        "id": m.id,
        "question": m.question,
        "kind": m.kind,
        "detail": m.detail,
        "answer": m.answer,
    }


_TURN_KINDS: Final = ("answer", "decline", "smalltalk")


def is_conversation_set(text: str) -> bool:
    """True when the first object of a JSON-lines file is a conversation (it has ``turns``)."""
    for line in text.splitlines():
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                return False
            return isinstance(row, dict) and "turns" in row
    return False


def parse_conversations(text: str) -> list[Dialogue]:
    """Parse a JSON-lines conversation set; raise ``QuestionSetError`` naming the first bad line."""
    return _parse_set(text, _parse_dialogue, "conversations")


def _parse_dialogue(number: int, line: str) -> Dialogue:
    row = _json_object(number, line)
    qid, turns = row.get("id"), row.get("turns")
    if not isinstance(qid, str | int) or isinstance(qid, bool) or not str(qid).strip():
        raise QuestionSetError(number, "id must be a non-empty string")
    if not isinstance(turns, list) or not turns:
        raise QuestionSetError(number, "turns must be a non-empty list")
    parsed: list[Turn] = []
    for n, turn in enumerate(turns, start=1):
        where = f"turn {n}"
        if not isinstance(turn, dict) or not isinstance(turn.get("q"), str):
            raise QuestionSetError(number, f"{where}: expected an object with a string q")
        kind = turn.get("kind", "answer")
        if kind not in _TURN_KINDS:
            raise QuestionSetError(number, f"{where}: kind must be one of {', '.join(_TURN_KINDS)}")
        expect = turn.get("expect", [])
        if not isinstance(expect, list) or not all(
            isinstance(group, list) and group and all(isinstance(a, str) and a for a in group)
            for group in expect
        ):
            raise QuestionSetError(
                number, f"{where}: expect must be a list of non-empty lists of non-empty strings"
            )
        evidence = turn.get("evidence")
        if evidence is not None and (not isinstance(evidence, str) or not evidence):
            raise QuestionSetError(number, f"{where}: evidence must be a non-empty string or null")
        parsed.append(Turn(turn["q"], tuple(tuple(g) for g in expect), kind, evidence))
    return Dialogue(str(qid), tuple(parsed))


def score_conversations(
    dialogues: Sequence[Dialogue], answers: Sequence[Sequence[Answer]]
) -> ConversationReport:
    """Grade ``answers[i][j]``, the reply to turn j of conversation i.

    turn rate = turns right / turns, where a smalltalk turn is right when the reply's kind is
    smalltalk, a decline turn when it is not answered, any other when it is answered with every
    expect group matched; follow-up rate = the same over answer turns after a conversation's first;
    smalltalk rate = over smalltalk turns; citation rate = answer turns with evidence whose
    evidence is in a cited paragraph / answer turns with evidence.
    """
    if len(dialogues) != len(answers):
        raise ValueError(f"{len(dialogues)} conversations but {len(answers)} answer lists")
    misses: list[Miss] = []
    turns, follow, talk, cite = [0, 0], [0, 0], [0, 0], [0, 0]
    for dialogue, replies in zip(dialogues, answers, strict=True):
        for n, (turn, a) in enumerate(zip(dialogue.turns, replies, strict=True), start=1):
            tid = f"{dialogue.id}.{n}"
            given = a.text if a.answered else f"({a.kind}) {a.text}"
            detail = _turn_miss(turn, a)
            turns[1] += 1
            turns[0] += detail is None
            if turn.kind == "smalltalk":
                talk[1] += 1
                talk[0] += detail is None
            elif turn.kind == "answer" and n > 1:
                follow[1] += 1
                follow[0] += detail is None
            if detail is not None:
                misses.append(Miss(tid, turn.question, turn.kind, detail, given))
            if turn.kind == "answer" and turn.evidence is not None:
                cite[1] += 1
                if any(turn.evidence in c.text for c in a.citations):
                    cite[0] += 1
                else:
                    detail = f"no cited paragraph contains {turn.evidence!r}"
                    misses.append(Miss(tid, turn.question, "citation", detail, given))
    return ConversationReport(
        conversations=len(dialogues),
        turns=Rate(*turns),
        follow_ups=Rate(*follow),
        smalltalk=Rate(*talk),
        citation=Rate(*cite),
        misses=tuple(misses),
    )


def _turn_miss(turn: Turn, answer: Answer) -> str | None:
    """Why ``answer`` is a wrong reply to ``turn``, or None when it is right."""
    if turn.kind == "smalltalk":
        return None if answer.kind == "smalltalk" else f"expected small talk, got {answer.kind}"
    if turn.kind == "decline":
        return "answered, expected a decline" if answer.answered else None
    if not answer.answered:
        return "not answered"
    text = answer.text.casefold()
    gaps = [g for g in turn.expect if not any(a.casefold() in text for a in g)]
    if gaps:
        return "missing " + "; ".join(" or ".join(repr(alt) for alt in g) for g in gaps)
    return None
