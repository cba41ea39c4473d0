"""Sentence records: what the index cache keeps of each paragraph reads back exactly."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.search import speakers
from bot.search.features import split_sentences
from bot.search.sentencerecords import (
    PRONOUN,
    RECORD_END,
    SPEECH,
    TITLE,
    RecordError,
    SentenceStore,
    analyse,
    decode,
    encode,
)
from bot.search.textnorm import terms, words

PARAGRAPHS = [
    "Iranian President Ebrahim Raisi arrived in Minsk on March 13. He said trade would grow.",
    "“We have signed seven documents,” Lukashenko told reporters. Trade reached $100 million.",
    "The Belarusian and Iranian presidents met in Tehran. Mr. Raisi welcomed the delegation.",
    "Trade was worth 1,2 bn dollars in 2022 (up 12%); it should reach €2bn, officials noted.",
    "Ça va très bien — Ülkü dit: «Tout est prêt». Всё готово.",
    "   ",
    "No full stop at the end",
]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_a_record_reads_back_as_the_analysis_it_was_made_from(text: str) -> None:
    facts = analyse(text)
    assert decode(text, encode(text, facts)) == facts
    assert [f[0] for f in facts] == split_sentences(text)
    assert [list(f[1]) for f in facts] == [terms(s) for s in split_sentences(text)]


def test_the_cue_flags_mark_pronouns_speech_and_titles() -> None:
    first, second = analyse(PARAGRAPHS[0])
    assert first[2] & TITLE and not first[2] & PRONOUN and not first[2] & SPEECH
    assert second[2] & PRONOUN and second[2] & SPEECH and not second[2] & TITLE
    (plain,) = analyse("Potash exports rose sharply")
    assert plain[2] == 0


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_round_trips_through_its_record(text: str) -> None:
    facts = analyse(text)
    record = encode(text, facts)
    assert RECORD_END not in record
    assert decode(text, record) == facts


CUE_WORDS = st.sampled_from(
    [
        "the",
        "The",
        "president",
        "Presidents",
        "prime",
        "Minister",
        "ministers",
        "of",
        "Energy",
        "Iranian",
        "and",
        "Belarusian",
        "said",
        "told",
        "according",
        "to",
        "pointed",
        "out",
        "Raisi",
        "Secretary-General",
        "CEO",
        ",",
        ".",
        "he",
    ]
)


@given(st.lists(CUE_WORDS, max_size=12).map(" ".join))
@settings(max_examples=400, deadline=None)
def test_the_word_cues_never_miss_a_title_or_an_attribution(sentence: str) -> None:
    found = words(sentence)
    if speakers._ROLE_MENTION.search(sentence) or speakers._SHARED_ROLE_MENTION.search(sentence):
        assert speakers.may_name_role(found)
    if speakers._ATTRIBUTION_CUE.search(sentence):
        assert speakers.may_attribute(found)


@pytest.mark.parametrize(
    "record",
    [b"0 500 0 trade", b"5 2 0 trade", b"x 3 0 trade", b"0 3", b"\xff\xfe 3 0 a"],
)
def test_a_record_that_does_not_fit_its_paragraph_is_refused(record: bytes) -> None:
    with pytest.raises(RecordError):
        decode("Trade grew.", record)


def write_store(tmp_path: Path, texts: list[str]) -> SentenceStore:
    records = [encode(t, analyse(t)) + RECORD_END for t in texts]
    path = tmp_path / "sentences.bin"
    path.write_bytes(b"".join(records))
    offsets = np.zeros(len(records) + 1, dtype=np.int64)
    np.cumsum([len(r) for r in records], out=offsets[1:])
    return SentenceStore(path, offsets)


def test_a_store_gives_each_paragraph_its_own_facts(tmp_path: Path) -> None:
    store = write_store(tmp_path, PARAGRAPHS)
    assert store.paragraphs == len(PARAGRAPHS)
    for number, text in reversed(list(enumerate(PARAGRAPHS))):
        assert store.facts(number, text) == analyse(text)
    store.close()


def test_a_store_file_of_another_length_than_its_offsets_is_refused(tmp_path: Path) -> None:
    write_store(tmp_path, PARAGRAPHS).close()
    path = tmp_path / "sentences.bin"
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(RecordError, match="does not fit"):
        SentenceStore(path, np.array([0, path.stat().st_size + 1], dtype=np.int64))
