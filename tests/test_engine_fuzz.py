"""Property tests: any question and any knowledge text give a bounded, well-formed reply."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answer.engine import Engine, build_engine
from bot.knowledge.documents import KnowledgeError, clean_text, knowledge_base, parse_document

REPO = Path(__file__).resolve().parent.parent
ENGINE = build_engine(REPO / "knowledge")

odd_text = st.text(
    alphabet=st.characters(codec="utf-8", categories=["L", "M", "N", "P", "S", "Z", "C"]),
    max_size=300,
)
nasty = st.sampled_from(
    [
        "\x00",
        "\u202e",
        "\ud800",
        "<script>alert(1)</script>",
        "&amp;",
        "?!?!",
        "Raisi",
        "road map",
        "$100 million",
        "2022",
        "\n\n",
    ]
)
questions = st.lists(st.one_of(odd_text, nasty), max_size=6).map("".join)


def _well_formed(engine: Engine, question: str) -> None:
    answer = engine.answer(question)
    assert answer.question == question
    assert 0.0 <= answer.confidence <= 1.0
    assert len(answer.text) <= 1200
    if answer.answered:
        assert answer.citations
        markers = {int(m) for m in re.findall(r"\[(\d+)\]", answer.text)}
        assert markers == {c.ref for c in answer.citations}
    else:
        assert answer.citations == ()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(questions)
def test_any_question_gets_a_bounded_reply(question: str) -> None:
    _well_formed(ENGINE, question)


def test_letters_that_unicode_gives_no_name() -> None:
    # A Tangut character beside Cyrillic: the Russian word analysis must not fail on it.
    for question in ["Ѐ{0\U00017000", "кто подписал \U00017000 дорожную карту"]:
        _well_formed(ENGINE, question)


def test_huge_and_punctuation_only_questions() -> None:
    for question in ["?" * 100_000, "Raisi " * 20_000, ".,;:!?" * 50, "\ud800\udfff" * 10]:
        _well_formed(ENGINE, question)


def test_a_question_about_the_document_keeps_its_spacing_and_a_bare_prefix_is_read() -> None:
    for question in [" WRITER", "نمی"]:
        _well_formed(ENGINE, question)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_as_a_file_either_load_or_say_why(raw: bytes) -> None:
    try:
        doc = parse_document("fuzz", raw)
    except ValueError as exc:
        assert str(exc)
        return
    engine = Engine(knowledge_base([doc]))
    assert all(p.text == p.text.strip() and p.text for p in doc.paragraphs)
    _well_formed(engine, "What happened?")


@settings(max_examples=100, deadline=None)
@given(st.lists(odd_text, min_size=1, max_size=5))
def test_any_knowledge_text_builds_an_engine(paragraphs: list[str]) -> None:
    body = "\n\n".join(paragraphs)
    try:
        doc = parse_document("fuzz", body.encode("utf-8", "surrogatepass"))
    except ValueError:
        return
    engine = Engine(knowledge_base([doc]))
    _well_formed(engine, clean_text(paragraphs[0])[:50] or "anything?")


def test_a_broken_file_in_the_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text("Good text.\n", encoding="utf-8")
    (tmp_path / "noise.txt").write_bytes(bytes(range(256)))
    try:
        build_engine(tmp_path)
    except KnowledgeError as exc:
        assert [p.name for p in exc.problems] == ["noise.txt"]
    else:
        raise AssertionError("a binary file must be refused")
