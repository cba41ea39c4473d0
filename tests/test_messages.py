"""Rendering answers as Telegram HTML: escaping, allowed tags only, and splitting at 4096 units."""

from __future__ import annotations

import pytest
from conftest import KNOWLEDGE
from fakes import html_problems, html_to_text, utf16_len
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answer.engine import Engine, build_engine
from bot.answer.records import Answer, Citation
from bot.knowledge.documents import parse_document
from bot.telegram.handlers import tidy_question
from bot.telegram.messages import (
    MAX_MESSAGE_UNITS,
    answer_messages,
    bold,
    citation_label,
    documents_messages,
    escape,
    help_messages,
    italic,
    link,
    paragraph_messages,
    plain,
    split_messages,
    start_messages,
    to_plain,
)


def citation(ref: int = 1, **overrides: object) -> Citation:
    values: dict[str, object] = {
        "ref": ref,
        "document": "roadmap",
        "title": "Iran & Belarus <sign> a roadmap",
        "paragraph": 2,
        "text": "Raisi & Lukashenko signed <the roadmap>.",
        "published": "2023-03-15",
        "url": None,
        "score": 0.5,
    }
    values.update(overrides)
    return Citation(**values)  # type: ignore[arg-type]


def answered(text: str, *citations: Citation) -> Answer:
    return Answer("q", True, text, 0.8, citations or (citation(),))


def assert_valid(messages: list[str]) -> None:
    assert messages, "nothing rendered"
    for message in messages:
        assert html_problems(message) == [], message[:300]


def test_escape_keeps_telegram_entities_only() -> None:
    assert escape("<script>alert('x') & \"y\"</script>") == (
        "&lt;script&gt;alert('x') &amp; \"y\"&lt;/script&gt;"
    )


def test_hostile_answer_and_source_text_are_escaped() -> None:
    answer = answered("<script>alert(1)</script> & bare ampersand <b>not bold</b> [1]")
    (message,) = answer_messages(answer)
    assert_valid([message])
    assert "<script>" not in message
    assert "&lt;script&gt;" in message
    shown = html_to_text(message)
    assert "<b>not bold</b>" in shown
    assert "Iran & Belarus <sign> a roadmap — 2023-03-15, ¶2" in shown


def test_answer_keeps_markers_and_lists_sources_by_title_date_and_paragraph() -> None:
    answer = answered("They signed it [1] and met [2].", citation(1), citation(2, paragraph=5))
    shown = html_to_text(answer_messages(answer)[0])
    assert "[1]" in shown and "[2]" in shown
    assert "Sources" in shown
    assert "[2] Iran & Belarus <sign> a roadmap — 2023-03-15, ¶5" in shown
    assert citation_label(citation(3)) == "[3] Iran & Belarus <sign> a roadmap — 2023-03-15, ¶2"


def test_declined_answer_has_no_source_list() -> None:
    declined = Answer("q", False, "I could not find that in my sources.", 0.1, ())
    (message,) = answer_messages(declined)
    assert "Sources" not in message
    assert message == "I could not find that in my sources. Send /sources to list them."


def test_small_talk_gets_no_pointer_to_the_sources() -> None:
    hello = Answer("hi", False, "Hello!", 0.0, (), kind="smalltalk")
    assert answer_messages(hello) == ["Hello!"]


def test_only_http_links_become_links() -> None:
    safe = html_to_text(
        answer_messages(answered("a [1]", citation(url="https://x.org/a?b=1&c=2")))[0]
    )
    assert "Iran & Belarus" in safe
    linked = answer_messages(answered("a [1]", citation(url="https://x.org/a?b=1&c=2")))[0]
    assert '<a href="https://x.org/a?b=1&amp;c=2">' in linked
    for bad in ("javascript:alert(1)", 'https://x.org/"><b>', "ftp://x.org", "https://x y"):
        (message,) = answer_messages(answered("a [1]", citation(url=bad)))
        assert "<a " not in message
        assert_valid([message])


def test_long_answer_splits_on_paragraphs_under_the_limit() -> None:
    paragraphs = [f"Paragraph {n}: " + "word & more <words>. " * 60 for n in range(12)]
    messages = answer_messages(answered("\n\n".join(paragraphs) + " [1]"))
    assert len(messages) > 1
    assert_valid(messages)
    assert all(utf16_len(m) <= MAX_MESSAGE_UNITS for m in messages)
    for message in messages[:-1]:
        assert html_to_text(message).rstrip().endswith(".")
    joined = " ".join(html_to_text(m) for m in messages)
    for n in range(12):
        assert f"Paragraph {n}:" in joined


def test_sentence_boundaries_are_preferred_inside_a_long_paragraph() -> None:
    text = " ".join(f"Sentence number {n} says something about the roadmap." for n in range(300))
    messages = split_messages([[plain(text)]])
    assert len(messages) > 1
    assert all(m.endswith(".") for m in messages)
    assert all(utf16_len(m) <= MAX_MESSAGE_UNITS for m in messages)


def test_emoji_at_the_cut_is_never_split() -> None:
    for offset in range(4):
        text = "x" * (MAX_MESSAGE_UNITS - 2 - offset) + "😀" * 10 + "🇮🇷" * 5
        messages = split_messages([[plain(text)]])
        assert_valid(messages)
        assert "".join(messages) == text
        for message in messages:
            message.encode("utf-8")  # a split surrogate pair would not encode


def test_entities_are_never_cut() -> None:
    text = "&" * 5000 + "<>" * 3000
    messages = split_messages([[plain(text)]])
    assert_valid(messages)
    assert "".join(html_to_text(m) for m in messages) == text


def test_tags_are_closed_and_reopened_across_a_cut() -> None:
    messages = split_messages([[bold("bold " * 1200), italic("italic " * 1200)]])
    assert len(messages) >= 3
    assert_valid(messages)
    assert messages[1].startswith("<b>") or messages[1].startswith("<i>")


def test_plain_text_fallback_shows_the_same_words() -> None:
    message = split_messages([[bold("A & B"), plain(" <c> "), link("d", "https://e.org")]])[0]
    assert to_plain(message) == "A & B <c> d"


def test_lone_surrogates_and_control_characters_are_made_safe() -> None:
    (message,) = split_messages([[plain("bad \ud800 surrogate \x00 nul \x07 bell")]])
    assert_valid([message])
    message.encode("utf-8")
    assert "\x00" not in message


def test_paragraph_documents_start_and_help_render_valid_html() -> None:
    doc = parse_document(
        "d",
        b"---\ntitle: A <title> & more\nsource: Caspian & News\npublished: 2023-03-15\n"
        b"url: https://example.org/a\n---\n\n" + ("para <x> & y. " * 800).encode(),
    )
    assert_valid(
        paragraph_messages(doc.title, doc.published, 1, doc.paragraphs[0].text, url=doc.url)
    )
    assert len(paragraph_messages(doc.title, None, 1, doc.paragraphs[0].text)) > 1

    listing = documents_messages([doc])
    assert_valid(listing)
    assert "Caspian & News, 2023-03-15" in html_to_text(listing[0])
    assert "1 paragraph\n" in html_to_text(listing[0]) + "\n"
    assert_valid(start_messages([doc] * 12, ["<q>?"]))
    assert_valid(help_messages(True))
    assert_valid(help_messages(False))


def test_a_cited_paragraph_names_its_section() -> None:
    (message,) = paragraph_messages(
        "Notes", "2024-01-02", 3, "Trade grew.", section="Trade & ports"
    )
    assert "Trade &amp; ports, ¶3" in message


text_strategy = st.text(
    alphabet=st.characters() | st.sampled_from("<>&\"' \n\x00\u202e\ud800"),
    max_size=3000,
)


@settings(max_examples=150, deadline=None)
@given(
    answer_text=st.one_of(
        text_strategy, st.builds(lambda t, n: t * n, text_strategy, st.integers(1, 8))
    ),
    title=text_strategy,
    url=st.one_of(st.none(), st.text(max_size=60), st.just("https://x.org/<&>")),
    is_answered=st.booleans(),
)
def test_any_text_renders_to_valid_messages_within_the_limit(
    answer_text: str, title: str, url: str | None, is_answered: bool
) -> None:
    cites = (citation(1, title=title, url=url), citation(2, title=title[::-1]))
    answer = Answer("q", is_answered, answer_text, 0.5, cites if is_answered else ())
    messages = answer_messages(answer)
    for message in messages:
        assert html_problems(message) == [], message[:200]
        assert utf16_len(message) <= MAX_MESSAGE_UNITS
    shown = "".join(html_to_text(m) for m in messages)
    words = [w for w in answer_text.split() if w.isalnum()][:20]
    assert all(w in shown for w in words)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=500), max_size=10), st.integers(200, 5000))
def test_splitting_respects_any_limit(blocks: list[str], limit: int) -> None:
    messages = split_messages([[plain(b)] for b in blocks], limit)
    for message in messages:
        assert utf16_len(message) <= limit
        assert html_problems(message) == []


@pytest.fixture(scope="module")
def engine() -> Engine:
    return build_engine(KNOWLEDGE)


questions = st.one_of(
    st.text(alphabet=st.characters() | st.sampled_from("\x00\u202e\u2066\ud800<&>"), max_size=300),
    st.text(alphabet=st.sampled_from("?!.,;:-()[]{}«»…"), max_size=50),
    st.builds(
        lambda w, n: (w + " ") * n,
        st.sampled_from(["roadmap", "Raisi", "<b>"]),
        st.integers(1, 20_000),
    ),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=questions)
def test_any_question_gives_a_bounded_answer_in_valid_messages(
    engine: Engine, question: str
) -> None:
    answer = engine.answer(tidy_question(question))
    messages = answer_messages(answer)
    assert 1 <= len(messages) <= 10
    for message in messages:
        assert html_problems(message) == [], message[:200]
