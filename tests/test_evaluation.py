"""Question sets and their scoring, with hand-made answers and exact expected rates."""

from __future__ import annotations

import json

import pytest

from bot.answer.evaluation import (
    EvalReport,
    Outcome,
    Question,
    QuestionSetError,
    Rate,
    parse_questions,
    score,
)
from bot.answer.records import Answer, Citation


def cite(ref: int, text: str) -> Citation:
    return Citation(ref, "doc", "Doc", ref, text, "2023-03-15", None, 0.5)


def answered(text: str, *paragraphs: str) -> Answer:
    cites = tuple(cite(i, p) for i, p in enumerate(paragraphs, start=1))
    return Answer("q", True, text, 0.8, cites)


DECLINED = Answer("q", False, "I cannot answer that from my sources.", 0.1, ())


def q(
    qid: str,
    in_scope: bool = True,
    evidence: str | None = None,
    *groups: tuple[str, ...],
) -> Question:
    return Question(qid, f"question {qid}?", in_scope, evidence, tuple(groups))


# parsing


def line(**row: object) -> str:
    return json.dumps(row)


def test_parse_reads_every_field_and_skips_blank_lines() -> None:
    text = "\n".join(
        [
            line(
                id="q1",
                question="Who signed?",
                in_scope=True,
                evidence="signed a roadmap",
                expect=[["Raisi"], ["Lukashenko", "Lukashenka"]],
            ),
            "",
            "   ",
            line(id="q2", question="Weather?", in_scope=False, evidence=None, expect=[]),
            line(id=3, question="No expect or evidence keys", in_scope=True),
        ]
    )
    groups = (("Raisi",), ("Lukashenko", "Lukashenka"))
    assert parse_questions(text) == [
        Question("q1", "Who signed?", True, "signed a roadmap", groups),
        Question("q2", "Weather?", False, None, ()),
        Question("3", "No expect or evidence keys", True, None, ()),
    ]


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (line(question="x", in_scope=True), "missing id"),
        (line(id="a"), "missing question, in_scope"),
        (line(id="", question="x", in_scope=True), "id must be"),
        (line(id=True, question="x", in_scope=True), "id must be"),
        (line(id="a", question=5, in_scope=True), "question must be a string"),
        (line(id="a", question="x", in_scope="yes"), "in_scope must be true or false"),
        (line(id="a", question="x", in_scope=True, evidence=""), "evidence must be"),
        (line(id="a", question="x", in_scope=True, evidence=["e"]), "evidence must be"),
        (line(id="a", question="x", in_scope=True, expect="Raisi"), "expect must be"),
        (line(id="a", question="x", in_scope=True, expect=["Raisi"]), "expect must be"),
        (line(id="a", question="x", in_scope=True, expect=[[]]), "expect must be"),
        (line(id="a", question="x", in_scope=True, expect=[[""]]), "expect must be"),
        (line(id="a", question="x", in_scope=True, expect=[[1]]), "expect must be"),
    ],
)
def test_parse_names_the_bad_line(bad: str, reason: str) -> None:
    good = line(id="ok", question="fine", in_scope=False)
    with pytest.raises(QuestionSetError) as caught:
        parse_questions(f"{good}\n\n{bad}\n{good.replace('ok', 'ok2')}")
    assert caught.value.line == 3
    assert reason in caught.value.reason
    assert str(caught.value).startswith("line 3: ")


def test_parse_rejects_duplicate_ids_and_empty_sets() -> None:
    row = line(id="same", question="x", in_scope=False)
    with pytest.raises(QuestionSetError, match="line 2: duplicate id 'same'"):
        parse_questions(f"{row}\n{row}\n")
    with pytest.raises(QuestionSetError, match="no questions"):
        parse_questions("\n  \n")


# scoring


def test_rates_are_exact() -> None:
    questions = [
        q("a", True, "Raisi signed", ("raisi",), ("Lukashenko",)),  # right, cited
        q("b", True, "on March 13", ("March 13", "13 March")),  # right, wrong paragraph cited
        q("c", True, None, ("seven",)),  # declined: answer miss, no citation check
        q("d", True, "seven documents", ("seven",), ("roadmap",)),  # one group missing
        q("e", False),  # declined: right
        q("f", False),  # answered: wrong
        q("g", False),  # declined: right
    ]
    answers = [
        answered("RAISI and lukashenko signed it [1].", "Presidents Raisi signed the roadmap."),
        answered("It was signed on 13 March 2023 [1].", "A paragraph without the date."),
        DECLINED,
        answered("Seven documents were signed [1].", "Along with seven cooperation documents."),
        DECLINED,
        answered("Minsk is cold [1].", "Something."),
        DECLINED,
    ]
    report = score(questions, answers)
    assert report.questions == 7
    assert report.answer == Rate(2, 4)
    assert report.citation == Rate(1, 3)
    assert report.abstention == Rate(2, 3)
    assert report.answer.value == 0.5
    assert report.citation.value == pytest.approx(1 / 3)
    assert [(m.id, m.kind) for m in report.misses] == [
        ("b", "citation"),
        ("c", "answer"),
        ("d", "answer"),
        ("d", "citation"),
        ("f", "abstention"),
    ]
    by_key = {(m.id, m.kind): m for m in report.misses}
    assert by_key["c", "answer"].detail == "not answered"
    assert by_key["c", "answer"].answer.startswith("(declined) ")
    assert by_key["d", "answer"].detail == "missing 'roadmap'"
    assert by_key["b", "citation"].detail == "no cited paragraph contains 'on March 13'"
    assert by_key["f", "abstention"].answer == "Minsk is cold [1]."
    assert by_key["f", "abstention"].question == "question f?"


def test_evidence_may_be_in_any_cited_paragraph() -> None:
    question = q("a", True, "form a united front", ("united front",))
    answer = answered("A united front [1][2].", "Unrelated.", "They must form a united front.")
    report = score([question], [answer])
    assert report.citation == Rate(1, 1)
    assert report.misses == ()


def test_alternatives_in_a_group_are_either_or() -> None:
    question = q("a", True, None, ("two-day", "two days", "2 days"))
    assert score([question], [answered("A visit of two days [1].", "x")]).answer == Rate(1, 1)
    assert score([question], [answered("A short visit [1].", "x")]).answer == Rate(0, 1)


def test_missing_detail_lists_every_unmatched_group() -> None:
    question = q("a", True, None, ("x", "y"), ("z",), ("found",))
    [miss] = score([question], [answered("found it [1]", "p")]).misses
    assert miss.detail == "missing 'x' or 'y'; 'z'"


def test_empty_categories_have_no_rate() -> None:
    report = score([q("a", False)], [DECLINED])
    assert report.answer == Rate(0, 0) and report.answer.value is None
    assert report.citation.value is None
    assert report.abstention.value == 1.0
    assert not report.answer.below(0.9)


def test_rate_below() -> None:
    assert Rate(8, 10).below(0.9)
    assert not Rate(9, 10).below(0.9)
    assert not Rate(1, 10).below(None)


def test_outcomes_record_each_answered_question_and_whether_it_was_right() -> None:
    days = ("two days",)
    questions = [q("a", True, None, days), q("b", True, None, days), q("c", False), q("d")]
    answers = [
        answered("A visit of two days [1].", "x"),
        answered("Nothing to do with it [1].", "x"),
        answered("An answer out of scope [1].", "x"),
        DECLINED,
    ]
    outcomes = score(questions, answers).outcomes
    assert [(o.id, o.right) for o in outcomes] == [("a", True), ("b", False), ("c", False)]


def test_answers_must_match_questions_one_to_one() -> None:
    with pytest.raises(ValueError, match="2 questions but 1 answers"):
        score([q("a"), q("b")], [DECLINED])


def test_report_json() -> None:
    report = EvalReport(3, Rate(2, 3), Rate(0, 0), Rate(1, 1), (), (Outcome("a", 0.81234, True),))
    assert report.to_json() == {
        "questions": 3,
        "answer": {"rate": 0.6667, "right": 2, "total": 3},
        "citation": {"rate": None, "right": 0, "total": 0},
        "abstention": {"rate": 1.0, "right": 1, "total": 1},
        "misses": [],
        "outcomes": [{"id": "a", "confidence": 0.8123, "right": True}],
    }
    json.dumps(report.to_json())
