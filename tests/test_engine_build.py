"""Building the engine: counting, tokenising and the stem cache give what answering expects."""

from __future__ import annotations

import gc
import shutil
import string
import weakref
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer.engine import Engine, build_engine
from bot.knowledge.documents import KnowledgeError, load_knowledge
from bot.search import textnorm
from bot.search.indexing import count_knowledge, index_parts
from bot.search.speakers import find_people

REPO = Path(__file__).resolve().parent.parent
ROADMAP = REPO / "knowledge" / "iran-belarus-roadmap-2023.md"


def slow_words(text: str) -> list[str]:
    """The token rules of ``textnorm.words`` applied to every token, without its fast path."""
    return textnorm.rule_words(textnorm.normalize(text))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=string.printable + "éü’“”—€£\u00a0", max_size=60))
def test_the_plain_text_fast_path_tokenises_like_the_rules(text: str) -> None:
    assert textnorm.words(text) == slow_words(text)


def test_plain_ascii_words_are_split_on_everything_but_letters() -> None:
    assert textnorm.words("Roadmap_signed; Iran-Belarus (TRADE)!") == [
        "roadmap",
        "signed",
        "iran",
        "belarus",
        "trade",
    ]
    assert textnorm.words("$100 million, 5th") == ["dollar", "100", "million", "5"]


def test_remembered_stems_are_used_and_known_stems_are_reported() -> None:
    textnorm.remember_stems({"zqxwordings": "zqxword"})
    assert textnorm.stem("zqxwordings") == "zqxword"
    assert textnorm.known_stems(["zqxwordings", "never-stemmed-zqx"]) == {"zqxwordings": "zqxword"}


def test_an_engine_from_counted_parts_is_the_engine_built_whole(tmp_path: Path) -> None:
    folder = tmp_path / "knowledge"
    folder.mkdir()
    shutil.copy(ROADMAP, folder / ROADMAP.name)
    kb = load_knowledge(folder)
    whole = Engine(kb)
    parted = Engine(kb, parts=index_parts(count_knowledge(kb)))
    built = build_engine(folder)
    for question in ["Who signed the roadmap?", "sanctons", "What is the weather in Minsk?"]:
        assert whole.answer(question) == parted.answer(question) == built.answer(question)


def test_people_are_found_once_per_document_at_build_time() -> None:
    kb = load_knowledge(REPO / "knowledge")
    counted = count_knowledge(kb)
    for doc in kb.documents:
        assert list(counted.people[doc.id]) == find_people([p.text for p in doc.paragraphs])
    assert any(counted.people.values())


class _Node:
    """An object that can refer to itself, making a reference cycle."""

    other: object = None


def test_a_rebuild_does_not_freeze_garbage_for_good(roadmap_dir: Path) -> None:
    build_engine(roadmap_dir)
    cycle = _Node()
    cycle.other = cycle
    alive = weakref.ref(cycle)
    del cycle
    # The second build is what a reload does: garbage alive at that moment must stay collectable.
    build_engine(roadmap_dir)
    gc.collect()
    assert alive() is None


def test_building_and_loading_leave_the_collector_as_they_found_it(
    roadmap_dir: Path, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            shutil.rmtree(cache, ignore_errors=True)
            build_engine(roadmap_dir, cache_dir=cache)
            assert gc.isenabled() is enabled
            build_engine(roadmap_dir, cache_dir=cache)
            assert gc.isenabled() is enabled
            with pytest.raises(KnowledgeError):
                build_engine(tmp_path / "missing", cache_dir=cache)
            assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_a_built_engine_answers_its_first_question_without_reading_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The language data (word tables, the model's vocabulary) is read when the engine is built,
    # so that the first user's question does not wait for it.
    (tmp_path / "a.md").write_text(
        "---\ntitle: Ferry\n---\n\nThe ferry to Vintra leaves at noon, the captain said.\n",
        encoding="utf-8",
    )
    engine = build_engine(tmp_path)

    def no_files(*args: object, **kwargs: object) -> None:
        raise AssertionError("a question read a file")

    monkeypatch.setattr(Path, "read_text", no_files)
    monkeypatch.setattr(Path, "read_bytes", no_files)
    monkeypatch.setattr(Path, "open", no_files)
    answer = engine.answer("when does the ferry leave for vintra")
    assert answer.answered and "noon" in answer.text
