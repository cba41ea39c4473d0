"""The knowledge loader: front matter, titles, paragraphs, bad files and diffs."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.knowledge.documents import (
    KnowledgeError,
    diff_knowledge,
    knowledge_base,
    load_knowledge,
    parse_document,
)

ROADMAP = Path(__file__).resolve().parent.parent / "knowledge" / "iran-belarus-roadmap-2023.md"


def doc_bytes(text: str) -> bytes:
    return text.encode("utf-8")


# parsing one document


def test_front_matter_fields_and_extra_metadata() -> None:
    raw = doc_bytes(
        "---\n"
        "title: The Harbour Accord\n"
        "Source: Coastal Times\n"
        "author: 'A. Writer'\n"
        "published: 2021-07-04\n"
        "url: https://example.org/harbour\n"
        "updated: 2022-01-01\n"
        "# comments and blank lines are skipped\n"
        "\n"
        "---\n"
        "First paragraph.\n"
    )
    doc = parse_document("harbour", raw)
    assert doc.id == "harbour"
    assert doc.title == "The Harbour Accord"
    assert doc.source == "Coastal Times"
    assert doc.author == "A. Writer"
    assert doc.published == "2021-07-04"
    assert doc.url == "https://example.org/harbour"
    assert dict(doc.metadata) == {"updated": "2022-01-01"}
    assert [p.text for p in doc.paragraphs] == ["First paragraph."]


def test_title_without_front_matter_is_the_first_non_empty_line() -> None:
    doc = parse_document(
        "notes", doc_bytes("\n\n  Harbour notes  \nMore of the first paragraph.\n")
    )
    assert doc.title == "Harbour notes"
    assert doc.source is None and doc.published is None and doc.url is None
    assert doc.paragraphs[0].text == "Harbour notes More of the first paragraph."


def test_title_drops_markdown_heading_marks() -> None:
    doc = parse_document("notes", doc_bytes("# Harbour   notes\n\nBody.\n"))
    assert doc.title == "Harbour notes"


# Markdown


def test_markdown_heading_is_the_title_and_not_a_paragraph() -> None:
    doc = parse_document("notes", doc_bytes("# Harbour *notes*\n\nBody.\n"), markdown=True)
    assert doc.title == "Harbour notes"
    assert [(p.number, p.text, p.section) for p in doc.paragraphs] == [(1, "Body.", None)]


def test_markdown_emphasis_links_code_and_html_become_plain_text() -> None:
    raw = doc_bytes(
        "The **accord** was [signed](https://example.org/a) in _Oslo_ by `A. Writer`<br>.\n\n"
        "<div>raw html</div>\n\n"
        "![a harbour map](map.png) shows the ~~old~~ port.\n"
    )
    doc = parse_document("n", raw, markdown=True)
    assert [p.text for p in doc.paragraphs] == [
        "The accord was signed in Oslo by A. Writer.",
        "a harbour map shows the old port.",
    ]


def test_markdown_sections_name_the_paragraphs_under_them() -> None:
    raw = doc_bytes(
        "---\ntitle: Harbour notes\n---\n# Harbour notes\n\nIntro.\n\n"
        "## Trade\n\nTrade grew.\n\n- fish\n- salt.\n\n"
        "Shipping\n--------\n\n1. Ports opened.\n\n2. Ferries ran.\n"
    )
    doc = parse_document("n", raw, markdown=True)
    assert doc.title == "Harbour notes"
    assert [(p.number, p.text, p.section) for p in doc.paragraphs] == [
        (1, "Intro.", None),
        (2, "Trade grew.", "Trade"),
        (3, "fish; salt.", "Trade"),
        (4, "1. Ports opened.", "Shipping"),
        (5, "2. Ferries ran.", "Shipping"),
    ]


def test_a_line_in_capitals_is_a_subheading_of_the_paragraphs_under_it() -> None:
    body = (
        "Talks ended on Friday.\n\nHARBOUR DUES\n\nDues fall by a third.\n\n"
        "STOP THE DREDGERS!\n\n"
        "THE MINISTER SAID THE FERRIES WOULD RUN ALL WINTER AT THE OLD FARES\n\n"
        "ПРОТЕСТ У ПОРТА\n\nОколо ста рыбаков вышли к порту.\n"
    )
    expected = [
        (1, "Talks ended on Friday.", None),
        (2, "Dues fall by a third.", "HARBOUR DUES"),
        # A shout ends as a sentence ends; a line of more words is a sentence in capitals.
        (3, "STOP THE DREDGERS!", "HARBOUR DUES"),
        (4, "THE MINISTER SAID THE FERRIES WOULD RUN ALL WINTER AT THE OLD FARES", "HARBOUR DUES"),
        (5, "Около ста рыбаков вышли к порту.", "ПРОТЕСТ У ПОРТА"),
    ]
    for markdown in (True, False):
        doc = parse_document("n", doc_bytes(body), markdown=markdown)
        assert [(p.number, p.text, p.section) for p in doc.paragraphs] == expected


def test_a_file_opening_in_capitals_keeps_that_line_as_its_title_and_first_paragraph() -> None:
    for markdown in (True, False):
        raw = doc_bytes("HARBOUR ACCORD SIGNED\n\nTalks ended on Friday.\n")
        doc = parse_document("n", raw, markdown=markdown)
        assert doc.title == "HARBOUR ACCORD SIGNED"
        assert [(p.number, p.section) for p in doc.paragraphs] == [(1, None), (2, None)]


def test_markdown_with_headings_only_is_empty() -> None:
    with pytest.raises(ValueError, match="empty"):
        parse_document("n", doc_bytes("# One\n\n## Two\n"), markdown=True)


def test_text_files_stay_plain() -> None:
    doc = parse_document("n", doc_bytes("Plain *stars* stay.\n\n# Not a heading\n"))
    assert [p.text for p in doc.paragraphs] == ["Plain *stars* stay.", "# Not a heading"]


def test_loader_reads_md_as_markdown_and_txt_as_text(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "# Ay\n\n*Bee*.\n")
    write(tmp_path, "b.txt", "# Ay\n\n*Bee*.\n")
    kb = load_knowledge(tmp_path)
    by_id = {d.id: [p.text for p in d.paragraphs] for d in kb.documents}
    assert by_id == {"a": ["Bee."], "b": ["# Ay", "*Bee*."]}


def test_front_matter_without_title_uses_the_first_body_line() -> None:
    raw = doc_bytes("---\nsource: Coastal Times\n---\n\nThe accord\nwas signed.\n")
    doc = parse_document("x", raw)
    assert doc.title == "The accord"
    assert doc.source == "Coastal Times"


def test_paragraphs_are_numbered_from_one_and_whitespace_is_collapsed() -> None:
    raw = doc_bytes("One  line\nwrapped.\n\n\n \t \nTwo.\r\n\r\nThree\tend.\n\n")
    doc = parse_document("p", raw)
    assert [(p.document, p.number, p.text) for p in doc.paragraphs] == [
        ("p", 1, "One line wrapped."),
        ("p", 2, "Two."),
        ("p", 3, "Three end."),
    ]


def test_control_characters_and_bom_are_dropped() -> None:
    doc = parse_document("c", "\ufeffTitle\u200b here\x07\n\nBody\x1b.\n".encode())
    assert doc.title == "Title here"
    assert doc.paragraphs[1].text == "Body."


def test_digest_follows_the_bytes() -> None:
    a = parse_document("a", doc_bytes("Same.\n"))
    b = parse_document("a", doc_bytes("Same.\n"))
    c = parse_document("a", doc_bytes("Other.\n"))
    assert a.digest == b.digest != c.digest


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"  \n\n\t\n", "empty"),
        (b"---\ntitle: only front matter\n---\n\n", "empty"),
        (b"Caf\xe9\n", "not UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
        (b"---\ntitle: never closed\nsource: x\n", "no closing '---'"),
        (b"---\ntitle: fine\njust words\n---\nBody.\n", "line 3 is not 'key: value'"),
        (b"---\npublished: 15 March 2023\n---\nBody.\n", "published must be YYYY-MM-DD"),
        (b"---\npublished: 20230315\n---\nBody.\n", "published must be YYYY-MM-DD"),
        (b"---\npublished: 2023-02-30\n---\nBody.\n", "published must be YYYY-MM-DD"),
    ],
    ids=[
        "empty",
        "whitespace",
        "front-matter-only",
        "latin-1",
        "binary",
        "unclosed",
        "bad-line",
        "words-date",
        "basic-date",
        "impossible-date",
    ],
)
def test_bad_documents_say_why(raw: bytes, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_document("bad", raw)


def test_too_large_names_size_and_limit() -> None:
    with pytest.raises(ValueError, match=r"too large \(1,001 bytes; the limit is 1,000\)"):
        parse_document("big", b"a" * 1001, max_bytes=1000)
    assert parse_document("ok", b"a" * 1000, max_bytes=1000).paragraphs


# loading a folder


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return path


def test_load_reads_md_and_txt_in_name_order(tmp_path: Path) -> None:
    write(tmp_path, "b.txt", "Bee\n\nTwo.\n")
    write(tmp_path, "a.md", "Ay\n")
    write(tmp_path, "c.csv", "not,a,document")
    write(tmp_path, ".hidden.md", "\x00 never read")
    (tmp_path / "sub.md").mkdir()
    kb = load_knowledge(tmp_path)
    assert [d.id for d in kb.documents] == ["a", "b"]
    assert [(p.document, p.number) for p in kb.paragraphs] == [("a", 1), ("b", 1), ("b", 2)]
    assert kb.document("b") is not None and kb.document("zzz") is None
    para = kb.paragraph("b", 2)
    assert para is not None and para.text == "Two."
    assert kb.paragraph("b", 3) is None and kb.paragraph("b", 0) is None


def test_load_names_every_bad_file(tmp_path: Path) -> None:
    write(tmp_path, "good.md", "Fine.\n")
    write(tmp_path, "a.md", b"\xff")
    write(tmp_path, "b.txt", "")
    write(tmp_path, "c.md", "---\ntitle: x\n")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(tmp_path)
    problems = {p.name: p.reason for p in caught.value.problems}
    assert set(problems) == {"a.md", "b.txt", "c.md"}
    assert "not UTF-8" in problems["a.md"]
    assert "empty" in problems["b.txt"]
    assert "front matter" in problems["c.md"]
    assert "a.md: not UTF-8" in str(caught.value)


def test_load_too_large_uses_the_limit(tmp_path: Path) -> None:
    write(tmp_path, "big.md", "x" * 50)
    with pytest.raises(KnowledgeError, match=r"big\.md: too large"):
        load_knowledge(tmp_path, max_bytes=49)
    assert load_knowledge(tmp_path, max_bytes=50).documents[0].id == "big"


def test_same_id_in_two_files_is_a_problem(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "One.\n")
    write(tmp_path, "a.txt", "Two.\n")
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(tmp_path)
    [problem] = caught.value.problems
    assert problem.name == "a.txt" and "same document id as a.md" in problem.reason


@pytest.mark.parametrize("kind", ["missing", "file", "empty"])
def test_unusable_folders(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "knowledge"
    if kind == "file":
        folder.write_text("not a folder", encoding="utf-8")
    elif kind == "empty":
        folder.mkdir()
        write(folder, "readme.rst", "ignored")
    expected = {
        "missing": "does not exist",
        "file": "not a folder",
        "empty": "no .md or .txt documents",
    }[kind]
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    [problem] = caught.value.problems
    assert problem.name == str(folder) and expected in problem.reason


def test_the_shipped_article() -> None:
    kb = load_knowledge(ROADMAP.parent)
    doc = kb.document("iran-belarus-roadmap-2023")
    assert doc is not None and doc.language == "en"
    assert doc.title.startswith("Iran, Belarus Sign Comprehensive Cooperation Roadmap")
    assert doc.source == "Caspian News"
    assert doc.author == "Nigar Bayramli"
    assert doc.published == "2023-03-15"
    assert doc.metadata.get("updated") == "2024-04-16"
    assert len(doc.paragraphs) == 16
    assert doc.paragraphs[0].text.startswith("The comprehensive cooperation roadmap")
    assert "seven cooperation documents" in doc.paragraphs[0].text


def test_the_shipped_russian_summary_names_what_it_draws_on() -> None:
    doc = load_knowledge(ROADMAP.parent).document("iran-belarus-roadmap-2023-ru")
    assert doc is not None and doc.language == "ru"
    assert doc.source is not None and "Caspian News" in doc.source
    assert "дорожную карту" in doc.paragraphs[0].text


def test_version_changes_with_content_only(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "One.\n")
    first = load_knowledge(tmp_path).version
    assert load_knowledge(tmp_path).version == first
    write(tmp_path, "a.md", "One!\n")
    assert load_knowledge(tmp_path).version != first


# diffs


def test_diff_of_identical_bases_is_unchanged() -> None:
    old = knowledge_base([parse_document("a", b"One.\n\nTwo.\n")])
    new = knowledge_base([parse_document("a", b"One.\n\nTwo.\n")])
    diff = diff_knowledge(old, new)
    assert diff.unchanged
    assert (diff.paragraphs_added, diff.paragraphs_removed, diff.paragraphs_changed) == (0, 0, 0)


def test_diff_counts_documents_and_paragraphs() -> None:
    old = knowledge_base(
        [
            parse_document("keep", b"A.\n\nB.\n\nC.\n\nD.\n"),
            parse_document("gone", b"X.\n\nY.\n"),
            parse_document("same", b"S.\n"),
        ]
    )
    new = knowledge_base(
        [
            # B changed, C removed, E and F added at the end
            parse_document("keep", b"A.\n\nB, revised.\n\nD.\n\nE.\n\nF.\n"),
            parse_document("same", b"S.\n"),
            parse_document("fresh", b"N1.\n\nN2.\n\nN3.\n"),
        ]
    )
    diff = diff_knowledge(old, new)
    assert not diff.unchanged
    assert diff.documents_added == ("fresh",)
    assert diff.documents_removed == ("gone",)
    assert diff.documents_changed == ("keep",)
    assert diff.paragraphs_added == 3 + 2
    assert diff.paragraphs_removed == 2 + 1
    assert diff.paragraphs_changed == 1


def test_diff_replacing_more_paragraphs_than_before() -> None:
    old = knowledge_base([parse_document("a", b"A.\n\nB.\n\nZ.\n")])
    new = knowledge_base([parse_document("a", b"A.\n\nB1.\n\nB2.\n\nB3.\n\nZ.\n")])
    diff = diff_knowledge(old, new)
    assert (diff.paragraphs_changed, diff.paragraphs_added, diff.paragraphs_removed) == (1, 2, 0)
    back = diff_knowledge(new, old)
    assert (back.paragraphs_changed, back.paragraphs_added, back.paragraphs_removed) == (1, 0, 2)


def test_a_documents_language_is_told_from_its_opening() -> None:
    opening = "Паром ходит через озеро шесть раз в день. " * 60
    line = "The ferry crosses the lake six times a day, every day of the week, in all weathers. "
    tail = "\n\n".join(line * 4 for _ in range(300))
    doc = parse_document("ferry", doc_bytes(f"{opening}\n\n{tail}\n"))
    assert len(doc.paragraphs) == 301
    # The English tail outweighs the Russian opening, but only the opening is read.
    assert doc.language == "ru"
    english = parse_document("note", doc_bytes("The ferry crosses the lake.\n"))
    assert english.language == "en"
