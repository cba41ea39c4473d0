"""The on-disk index cache: hits answer like cold builds, changes recount only themselves."""

from __future__ import annotations

import json
import logging
import shutil
import threading
import zipfile
from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

import bot.search.indexcache
from bot.answer.engine import Engine, build_engine
from bot.knowledge.documents import load_knowledge
from bot.search.indexcache import MANIFEST, MAX_SNAPSHOTS, IndexCache, snapshot_folder
from bot.search.indexing import Counted, Progress, count_knowledge, index_parts, no_progress
from bot.search.sentencerecords import Facts, analyse

REPO = Path(__file__).resolve().parent.parent
SOURCES = [
    REPO / "knowledge" / "iran-belarus-roadmap-2023.md",
    *sorted((REPO / "tests" / "data" / "other-knowledge").glob("*.md")),
]
QUESTIONS = [
    "Who signed the roadmap?",
    "How long will the tram line be?",
    "What did the mayor say about the tram?",
    "sanctons",
    "What is the population of Brazil?",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A knowledge folder of three documents."""
    out = tmp_path / "knowledge"
    out.mkdir()
    for source in SOURCES:
        shutil.copy(source, out / source.name)
    return out


def answers(engine: Engine) -> list[dict[str, object]]:
    """Return the JSON answers of the fixed questions."""
    return [engine.answer(q).to_json() for q in QUESTIONS]


def assert_counted_alike(a: Counted, b: Counted) -> None:
    """Assert two countings give the same surface words and the same index, bit for bit."""
    assert a.counts.surface == b.counts.surface
    assert a.counts.paragraphs == b.counts.paragraphs
    x = index_parts(a).index
    y = index_parts(b).index
    assert x.terms == y.terms
    assert np.array_equal(x.idf, y.idf)
    assert (x.postings != y.postings).nnz == 0


def count_with_cache_and_from_scratch(folder: Path, cache: Path) -> tuple[Counted, Counted]:
    """Count ``folder`` reusing the cache's earlier counts, and again from scratch; assert the
    two alike and return both."""
    kb = load_knowledge(folder)
    with IndexCache(cache) as store:
        counted = count_knowledge(kb, store.earlier())
    scratch = count_knowledge(kb)
    assert_counted_alike(counted, scratch)
    return counted, scratch


def snapshot_file(cache: Path, kind: str) -> Path:
    """Return the path of the current snapshot's file of one kind."""
    (path,) = cache.glob(f"{kind}-*")
    return path


def test_a_cache_hit_answers_exactly_like_a_cold_build(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "cache"
    cache = snapshot_folder(root, folder)
    cold = build_engine(folder)
    first = build_engine(folder, cache_dir=root)
    assert (cache / MANIFEST).exists()
    with caplog.at_level(logging.DEBUG):
        warm = build_engine(folder, cache_dir=root)
    assert "index: loaded from" in caplog.text
    assert warm.kb == cold.kb
    assert warm.version == cold.version
    assert answers(warm) == answers(first) == answers(cold)
    assert warm.index.terms == cold.index.terms
    assert (warm.index.postings != cold.index.postings).nnz == 0
    assert warm.index.postings.shape == cold.index.postings.shape
    for name in ("data", "indices", "indptr"):
        loaded, built = getattr(warm.index.postings, name), getattr(cold.index.postings, name)
        assert loaded.dtype == built.dtype
        assert np.array_equal(loaded, built)
    assert warm.index.idf.dtype == cold.index.idf.dtype
    assert np.array_equal(warm.index.idf, cold.index.idf)


def test_a_changed_document_is_the_only_one_counted_again(folder: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    cache = snapshot_folder(root, folder)
    build_engine(folder, cache_dir=root)
    tram = folder / "riverside-tram-line-2025.md"
    tram.write_text(tram.read_text().replace("22 stops", "25 stops"))
    counted, scratch = count_with_cache_and_from_scratch(folder, cache)
    assert counted.tokenised == ("riverside-tram-line-2025",)
    assert counted.people == scratch.people
    engine = build_engine(folder, cache_dir=root)
    assert answers(engine) == answers(build_engine(folder))
    assert "25" in engine.answer("How many stops will the tram line have?").text


def test_added_removed_and_duplicated_documents_count_like_a_scratch_build(
    folder: Path, tmp_path: Path
) -> None:
    root = tmp_path / "cache"
    cache = snapshot_folder(root, folder)
    build_engine(folder, cache_dir=root)
    (folder / "norway-chile-fisheries-2024.md").rename(tmp_path / "away.md")
    shutil.copy(SOURCES[0], folder / "a-copy-of-the-roadmap.md")
    (folder / "note.txt").write_text("Potash exports to Iran rose sharply.\n\nMinsk welcomed it.")
    counted, _ = count_with_cache_and_from_scratch(folder, cache)
    assert counted.tokenised == ("note",)
    assert answers(build_engine(folder, cache_dir=root)) == answers(build_engine(folder))


def test_documents_come_from_the_cache_equal_to_parsed_ones(folder: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    cache = snapshot_folder(root, folder)
    build_engine(folder, cache_dir=root)
    with IndexCache(cache) as store:
        cached = load_knowledge(folder, parse=store.parse)
    assert cached == load_knowledge(folder)


def test_markdown_sections_and_the_reading_come_from_the_cache(
    folder: Path, tmp_path: Path
) -> None:
    text = "# Notes\n\nIntro.\n\n## Trade\n\nTrade *grew*.\n\n## Ports\n\nPorts opened.\n"
    (folder / "notes.md").write_text(text, encoding="utf-8")
    # The same bytes as plain text are another document.
    (folder / "plain.txt").write_text(text, encoding="utf-8")
    root = tmp_path / "cache"
    cache = snapshot_folder(root, folder)
    build_engine(folder, cache_dir=root)
    with IndexCache(cache) as store:
        cached = load_knowledge(folder, parse=store.parse)
    assert cached == load_knowledge(folder)
    notes = cached.document("notes")
    assert notes is not None
    assert [(p.text, p.section) for p in notes.paragraphs] == [
        ("Intro.", None),
        ("Trade grew.", "Trade"),
        ("Ports opened.", "Ports"),
    ]


def test_a_file_over_the_size_limit_is_refused_even_when_cached(
    folder: Path, tmp_path: Path
) -> None:
    root = tmp_path / "cache"
    build_engine(folder, cache_dir=root)
    with pytest.raises(Exception, match="too large"):
        build_engine(folder, max_file_bytes=1000, cache_dir=root)


def damage_truncate_postings(cache: Path) -> None:
    path = snapshot_file(cache, "postings-indices")
    path.write_bytes(path.read_bytes()[:-200])


def damage_flip_a_byte_of_the_postings(cache: Path) -> None:
    path = snapshot_file(cache, "postings-data")
    data = bytearray(path.read_bytes())
    data[-5] ^= 0x10
    path.write_bytes(bytes(data))


def damage_grow_the_postings_pointers(cache: Path) -> None:
    path = snapshot_file(cache, "postings-indptr")
    np.save(path, np.append(np.load(path), 0))


def damage_flip_a_byte_of_the_idf(cache: Path) -> None:
    path = snapshot_file(cache, "idf")
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))


def damage_bad_json_terms(cache: Path) -> None:
    snapshot_file(cache, "terms").write_text('["roadmap", ')


def damage_bad_manifest(cache: Path) -> None:
    path = cache / MANIFEST
    data = path.read_bytes()
    changed = data.replace(b'"code": "', b'"code": "0', 1)
    assert changed != data
    path.write_bytes(changed)


def damage_garbage_manifest(cache: Path) -> None:
    (cache / MANIFEST).write_bytes(b"\x00\x01not json at all")


def damage_delete_stems(cache: Path) -> None:
    snapshot_file(cache, "stems").unlink()


def damage_flip_a_byte_of_the_sentence_records(cache: Path) -> None:
    path = snapshot_file(cache, "sentences")
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def damage_shift_the_sentence_offsets(cache: Path) -> None:
    path = snapshot_file(cache, "sentoffsets")
    offsets = np.load(path)
    offsets[1:-1] += 1
    np.save(path, offsets)


@pytest.mark.parametrize(
    "damage",
    [
        damage_truncate_postings,
        damage_flip_a_byte_of_the_postings,
        damage_grow_the_postings_pointers,
        damage_flip_a_byte_of_the_idf,
        damage_bad_json_terms,
        damage_bad_manifest,
        damage_garbage_manifest,
        damage_delete_stems,
        damage_flip_a_byte_of_the_sentence_records,
        damage_shift_the_sentence_offsets,
    ],
)
def test_a_damaged_cache_is_rebuilt_with_a_log_line(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, damage: object
) -> None:
    root = tmp_path / "cache"
    cache = snapshot_folder(root, folder)
    expected = answers(build_engine(folder, cache_dir=root))
    assert callable(damage)
    damage(cache)
    with caplog.at_level(logging.DEBUG):
        engine = build_engine(folder, cache_dir=root)
    assert answers(engine) == expected
    assert "index cache:" in caplog.text
    assert "index: counted" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.DEBUG):
        again = build_engine(folder, cache_dir=root)
    assert "index: loaded from" in caplog.text
    assert answers(again) == expected


def test_a_damaged_document_text_is_parsed_from_the_file(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "cache"
    cache = snapshot_folder(root, folder)
    build_engine(folder, cache_dir=root)
    path = snapshot_file(cache, "texts")
    data = bytearray(path.read_bytes())
    data[10] ^= 0x20
    path.write_bytes(bytes(data))
    with caplog.at_level(logging.WARNING):
        engine = build_engine(folder, cache_dir=root)
    assert "parsing it" in caplog.text
    assert engine.kb == load_knowledge(folder)


def test_a_crash_while_writing_keeps_the_previous_snapshot_whole(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    cache = snapshot_folder(root, folder)
    build_engine(folder, cache_dir=root)
    before = sorted(p.name for p in cache.iterdir())
    tram = folder / "riverside-tram-line-2025.md"
    tram.write_text(tram.read_text().replace("22 stops", "25 stops"))

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(bot.search.indexcache.np, "save", crash)
    engine = build_engine(folder, cache_dir=root)
    assert "25" in engine.answer("How many stops will the tram line have?").text
    assert sorted(p.name for p in cache.iterdir()) == before
    monkeypatch.undo()
    tram.write_text(tram.read_text().replace("25 stops", "22 stops"))
    with IndexCache(cache) as store:
        assert store.load(load_knowledge(folder)) is not None


def test_an_unwritable_cache_folder_only_costs_the_cache(folder: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    engine = build_engine(folder, cache_dir=blocker / "cache")
    assert "Lukashenko" in engine.answer("Who signed the roadmap?").text


def test_nothing_in_the_cache_is_pickled(folder: Path, tmp_path: Path) -> None:
    root = tmp_path / "cache"
    cache = snapshot_folder(root, folder)
    build_engine(folder, cache_dir=root)
    arrays = 0
    for path in cache.iterdir():
        if path.suffix == ".npz":
            with np.load(path, allow_pickle=False) as loaded, zipfile.ZipFile(path) as zipped:
                for name in loaded.files:
                    assert loaded[name].dtype != object
                    arrays += 1
                assert zipped.testzip() is None
            assert sparse.load_npz(path).nnz > 0
        elif path.suffix == ".npy":
            assert np.load(path, allow_pickle=False).dtype in (
                np.float32,
                np.float64,
                np.int32,
                np.int64,
            )
            arrays += 1
        elif path.name == MANIFEST:
            assert isinstance(json.loads(path.read_bytes().partition(b"\n")[2]), dict)
        elif path.suffix == ".json":
            assert json.loads(path.read_bytes())
    assert arrays >= 8
    source = Path(bot.search.indexcache.__file__).read_text()
    assert "import pickle" not in source
    assert "allow_pickle=True" not in source


def assert_records_are_the_analysis(engine: Engine) -> None:
    """Assert the engine reads stored sentence records, each the analysis of its paragraph."""
    store = engine.sentence_store
    assert store is not None
    assert store.paragraphs == len(engine.kb.paragraphs)
    for number, paragraph in enumerate(engine.kb.paragraphs):
        assert store.facts(number, paragraph.text) == analyse(paragraph.text)


def test_the_cached_sentence_records_are_the_analysis_of_each_paragraph(
    folder: Path, tmp_path: Path
) -> None:
    root = tmp_path / "cache"
    built = build_engine(folder, cache_dir=root)
    loaded = build_engine(folder, cache_dir=root)
    for engine in (built, loaded):
        assert_records_are_the_analysis(engine)


def test_a_changed_document_is_the_only_one_analysed_again(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    build_engine(folder, cache_dir=root)
    analysed: list[str] = []

    def counting(text: str) -> list[Facts]:
        analysed.append(text)
        return analyse(text)

    monkeypatch.setattr(bot.search.indexcache, "analyse", counting)
    tram = folder / "riverside-tram-line-2025.md"
    tram.write_text(tram.read_text().replace("22 stops", "25 stops"))
    engine = build_engine(folder, cache_dir=root)
    changed = engine.kb.document("riverside-tram-line-2025")
    assert changed is not None
    assert analysed == [p.text for p in changed.paragraphs]
    assert_records_are_the_analysis(engine)


def test_a_sentence_record_spoilt_after_loading_is_worked_out_again(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = tmp_path / "cache"
    cache = snapshot_folder(root, folder)
    expected = answers(build_engine(folder))
    engine = build_engine(folder, cache_dir=root)
    path = snapshot_file(cache, "sentences")
    with path.open("r+b") as f:
        f.write(b"\xff" * path.stat().st_size)
    with caplog.at_level(logging.WARNING):
        assert answers(engine) == expected
    assert "sentence record" in caplog.text


def test_switching_between_knowledge_folders_rebuilds_neither(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SOURCES[1], other / SOURCES[1].name)
    root = tmp_path / "cache"
    build_engine(folder, cache_dir=root)
    build_engine(other, cache_dir=root)
    with caplog.at_level(logging.DEBUG, logger="bot.answer.engine"):
        build_engine(folder, cache_dir=root)
        build_engine(other, cache_dir=root)
    assert caplog.text.count("index: loaded from") == 2
    assert "counted" not in caplog.text


def test_the_cache_keeps_a_bounded_number_of_snapshots(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    # A snapshot left by the one-snapshot layout, in the cache folder itself, goes too.
    root.mkdir()
    (root / MANIFEST).write_text("{}")
    (root / "terms-0.json").write_text("[]")
    folders = []
    for number in range(MAX_SNAPSHOTS + 2):
        knowledge = tmp_path / f"knowledge-{number}"
        knowledge.mkdir()
        (knowledge / "notes.txt").write_text(
            f"Notes {number}\n\nThe harbour opened in 19{number}.\n"
        )
        build_engine(knowledge, cache_dir=root)
        folders.append(knowledge)
    kept = sorted(p.name for p in root.iterdir())
    assert len(kept) == MAX_SNAPSHOTS
    # The most recently used are the ones kept.
    assert kept == sorted(snapshot_folder(root, f).name for f in folders[-MAX_SNAPSHOTS:])


def test_a_second_build_waits_for_the_first_and_reads_its_snapshot(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Two builds of one folder at once used to write their files side by side, and the first
    # to finish removed the other's files, which it was about to read back.
    root = tmp_path / "cache"
    counting = threading.Event()
    go_on = threading.Event()

    def pause_while_counting(step: str, done: int, total: int) -> None:
        if not counting.is_set():
            counting.set()
            assert go_on.wait(60)

    built: dict[str, Engine] = {}

    def build(name: str, progress: Progress = no_progress) -> None:
        built[name] = build_engine(folder, cache_dir=root, progress=progress)

    first = threading.Thread(target=build, args=("first", pause_while_counting))
    second = threading.Thread(target=build, args=("second",))
    with caplog.at_level(logging.DEBUG):
        first.start()
        assert counting.wait(60)
        second.start()
        second.join(timeout=1.0)
        waited = second.is_alive()
        go_on.set()
        first.join(60)
        second.join(60)
    assert waited, "the second build did not wait for the first"
    assert set(built) == {"first", "second"}
    assert caplog.text.count("index: counted") == 1
    assert caplog.text.count("index: loaded from") == 1
    assert "another process is indexing this knowledge folder; waiting" in caplog.text
    assert answers(built["second"]) == answers(built["first"])


def test_a_snapshot_in_use_is_not_pruned(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    folders = []
    for number in range(MAX_SNAPSHOTS + 1):
        knowledge = tmp_path / f"knowledge-{number}"
        knowledge.mkdir()
        (knowledge / "notes.txt").write_text(f"Notes {number}\n\nThe pier opened in 19{number}.\n")
        folders.append(knowledge)
    oldest = snapshot_folder(root, folders[0])
    build_engine(folders[0], cache_dir=root)
    with IndexCache(oldest):
        # Another reader or builder holds the oldest snapshot while the others come in.
        for knowledge in folders[1:]:
            build_engine(knowledge, cache_dir=root)
        assert (oldest / MANIFEST).exists()
    extra = tmp_path / "knowledge-extra"
    extra.mkdir()
    (extra / "notes.txt").write_text("Notes\n\nThe ferry started in 1950.\n")
    build_engine(extra, cache_dir=root)
    assert not oldest.exists()
    assert len(list(root.iterdir())) == MAX_SNAPSHOTS


def test_a_lock_held_too_long_is_given_up_and_the_cache_left_alone(
    folder: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    snapshot = snapshot_folder(root, folder)
    expected = answers(build_engine(folder, cache_dir=root))
    before = {p.name: p.stat().st_mtime_ns for p in snapshot.iterdir()}
    monkeypatch.setattr(bot.search.indexcache, "LOCK_WAIT_SECONDS", 0.3)
    tram = folder / "riverside-tram-line-2025.md"
    tram.write_text(tram.read_text().replace("22 stops", "25 stops"))
    with IndexCache(snapshot), caplog.at_level(logging.DEBUG):
        # A process stopped while it holds the snapshot: the build does not wait for ever.
        engine = build_engine(folder, cache_dir=root)
    assert "building without the cache" in caplog.text
    assert "25" in engine.answer("How many stops will the tram line have?").text
    # Nothing of the snapshot was read as current, nor written over.
    assert {p.name: p.stat().st_mtime_ns for p in snapshot.iterdir()} == before
    tram.write_text(tram.read_text().replace("25 stops", "22 stops"))
    assert answers(build_engine(folder, cache_dir=root)) == expected
