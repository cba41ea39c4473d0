"""Synonyms of English words (and those only a verb sense gives), the nouns for people (and the
index terms that count them), the names of monetary units, the national capitals, the words
written as names, the nouns for places and made things, the words that are only adverbs and the
adjectives of quality, from WordNet-derived tables (README.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from bot.search.wordtables import WordTable

TABLE: Final = WordTable(Path(__file__).with_name("en.tsv"))
VERBS: Final = WordTable(Path(__file__).with_name("verbs-en.tsv"))
PEOPLE: Final = WordTable(Path(__file__).with_name("people-en.tsv"))
PEOPLE_COUNTED: Final = WordTable(Path(__file__).with_name("people-counted-en.tsv"))
MONEY: Final = WordTable(Path(__file__).with_name("money-en.tsv"))
CAPITALS: Final = WordTable(Path(__file__).with_name("capitals-en.tsv"))
NAMES: Final = WordTable(Path(__file__).with_name("names-en.tsv"))
PLACES: Final = WordTable(Path(__file__).with_name("places-en.tsv"))
ADVERBS: Final = WordTable(Path(__file__).with_name("adverbs-en.tsv"))
ADJECTIVES: Final = WordTable(Path(__file__).with_name("adjectives-en.tsv"))


def synonyms(word: str) -> tuple[str, ...]:
    """Return the synonyms of a lower-case English word (words or two-word phrases), or ()."""
    return TABLE.get(word)


def verb_synonyms(word: str) -> tuple[str, ...]:
    """Return the synonyms a lower-case English word has only through its senses as a verb ("say"
    of "state"), or ()."""
    return VERBS.get(word)


def names_a_person(word: str) -> bool:
    """True when a lower-case English noun stands for a kind of person ("architect", "skipper")."""
    return bool(PEOPLE.get(word))


def terms_for_people() -> frozenset[str]:
    """The index terms of English nouns for people that no other English word shares
    ("passeng", "worker"; not "support", of "supporter" and "support" both), nor a noun for a
    thing ("carrier"): people-counted-en.tsv, README.md."""
    return frozenset(PEOPLE_COUNTED.rows)


def names_money(word: str) -> bool:
    """True when a lower-case English noun, in its dictionary form, names a monetary unit
    ("dollar", "cent", "kopeck")."""
    return bool(MONEY.get(word))


def countries_of(word: str) -> tuple[str, ...]:
    """The names of the country whose national capital a lower-case English word names, or ()."""
    return CAPITALS.get(word)


def written_as_name(word: str) -> bool:
    """True when English writes a lower-case word, or two words joined by a space, as a name: its
    commonest sense is capitalised ("kazakhstan", "putin", "world cup"; not "turkey", the bird
    first)."""
    return bool(NAMES.get(word))


def names_a_place(word: str) -> bool:
    """True when a lower-case English noun stands only for a made thing, a place or a natural
    object ("bridge", "harbour", "strait"; not "bank" or "group")."""
    return bool(PLACES.get(word))


def is_adverb(word: str) -> bool:
    """True when a lower-case English word is an adverb in every sense ("originally", "often")."""
    return bool(ADVERBS.get(word))


def is_quality(word: str, after: str | None = None) -> bool:
    """True when a lower-case English word is, in its frequent senses, an adjective of quality
    (or an adverb): "new", "usual", "previous"; not "presidential" or "nuclear", which say what a
    thing is of, nor "original", a noun too. Before ``after``, not where WordNet joins the two as
    the name of a kind ("focal length", "foreign minister")."""
    found = ADJECTIVES.get(word)
    return bool(found) and (after is None or after not in found[1:])
