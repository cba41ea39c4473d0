"""Who is who in a document: office titles tied to names, and who a "he" or "she" refers to."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Final

from bot.search.features import RUSSIAN_SPEECH_VERBS, SPEECH_VERBS
from bot.search.languages import names_place
from bot.search.textnorm import STOP_WORDS, terms
from bot.search.thesaurus import names_a_person

_ROLE: Final = (
    r"(?:Vice President|President|Prime Minister|Deputy Prime Minister|Supreme Leader|"
    r"Foreign Minister|Minister(?: (?:of|for) [A-Z][a-z]+(?: and [A-Z][a-z]+)?)?|"
    r"Speaker|Leader|Chancellor|Ambassador|Secretary(?:-General)?|Governor|Mayor|King|Queen|"
    r"Emir|Sheikh|Chairman|Chairwoman|Chair|Spokesman|Spokeswoman|Spokesperson|CEO|Director|"
    r"Envoy|Commander|Chief)"
)
# Every title above holds one of these words.
_ROLE_WORD_LIST: Final = (
    "president minister leader speaker chancellor ambassador secretary governor mayor king "
    "queen emir sheikh chairman chairwoman chair spokesman spokeswoman spokesperson ceo "
    "director envoy commander chief"
)
ROLE_TERMS: Final = frozenset(terms(_ROLE_WORD_LIST))
# Any one of them, in a pattern.
_ROLE_WORD: Final = "|".join(_ROLE_WORD_LIST.split())
# A capitalised word, or one behind a lower-case particle ("el-Sisi", "van Rompuy").
_NAME_WORD: Final = r"(?:(?:al|el|van|von|de|da|di|du|bin|ibn|le|la)[-\s])?[A-Z][a-z][\w’'-]*"
# A name of one to four such words ("Raisi", "Anneke Vortmann").
_NAME: Final = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}"
_TITLED_NAME: Final = re.compile(
    rf"(?P<pre>(?:[A-Z][\w’'-]*\s+){{0,2}})(?P<role>{_ROLE}),?\s+"
    rf"(?P<name>{_NAME})"
)
# A person named with a common noun for what they are: "the architect Amara Okafor-Lind",
# "union spokesman Tomas Ridder"; or the noun after the name: "Hanno Petrikas, chief engineer of
# the joint venture", "Ines Sayer, an economist at Ardel University".
_FULL_NAME: Final = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,3}}"
# A cheap test that a text could name someone in full: two capitalised words in a row.
_TWO_CAPITALS: Final = re.compile(
    r"[A-Z][\w’'-]*\s+(?:(?:al|el|van|von|de|da|di|du|bin|ibn|le|la)[-\s])?[A-Z]"
)
_NOUN_BEFORE_NAME: Final = re.compile(rf"\b(?P<role>[a-z]+),?\s+(?P<name>{_FULL_NAME})")
# A title written in lower case, with the words before it that say whose: "Union leader Rosa
# Kettering", "presidential spokeswoman Hana Trevik", "opposition leader Nadia Rooke".
_LOWER_TITLE: Final = re.compile(
    rf"(?P<pre>\b(?:(?:[A-Z][\w’'-]*\s+){{1,2}}|[a-z][\w’'-]*\s+))?"
    rf"\b(?P<role>{_ROLE_WORD})\s+(?P<name>{_FULL_NAME})"
)
_NOUN_AFTER_NAME: Final = re.compile(
    rf"(?P<name>{_FULL_NAME}),\s+(?P<article>the\s+|an?\s+)?"
    r"(?P<after>[a-z][\w’'-]*(?:\s+[a-z][\w’'-]*){0,2})"
)
# A title after the name, of a body named: "Markus Dellan, leader of the Harvest Party".
_TITLE_AFTER_NAME: Final = re.compile(
    rf"(?P<name>{_FULL_NAME}),\s+(?:the\s+)?(?P<role>{_ROLE_WORD})\s+of\s+"
    r"(?:the\s+)?(?P<body>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})"
)
# The same title before the name, set off by commas: "The mayor of Brask, Karl Vesten, said".
_TITLE_OF_BEFORE_NAME: Final = re.compile(
    rf"\b(?P<role>{_ROLE_WORD})\s+of\s+(?:the\s+)?"
    rf"(?P<body>[A-Z][\w’'-]*(?:\s+(?:(?:of|and|for)\s+(?:the\s+)?)?[A-Z][\w’'-]*){{0,4}}),\s+"
    rf"(?P<name>{_FULL_NAME}),"
)
_POSSESSIVE: Final = re.compile(r"['’]s$")
# A word after which a name is where something is or goes: the text before a name ends in it,
# read this many characters back ("towards the ").
PLACE_WORD_REACH: Final = 16
_AFTER_PLACE_WORD: Final = re.compile(
    r"\b(?:at|in|into|near|towards|outside|inside|across|around)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ROLE_MENTION: Final = re.compile(
    rf"\bthe\s+(?P<pre>(?:[A-Za-z][\w’'-]*\s+){{0,2}}?)(?P<role>{_ROLE.lower()})\b",
    re.IGNORECASE,
)
_SHARED_ROLE_MENTION: Final = re.compile(
    r"\b[Tt]he\s+(?P<first>[A-Z][\w’'-]*)\s+and\s+(?P<second>[A-Z][\w’'-]*)\s+"
    r"(?P<role>presidents|leaders|ministers|prime ministers|foreign ministers|speakers|mayors)\b"
)
# "Danescu and his Quelmari counterpart, Leona Darrow": the second holds the first one's office
# for another country.
_COUNTERPART: Final = re.compile(
    rf"(?P<first>{_NAME_WORD})\s+and\s+(?:his|her|their)\s+(?P<demonym>[A-Z][\w’'-]*)\s+"
    rf"counterparts?,?\s+(?P<name>{_NAME})"
)
# What ends the words after a counterpart's name.
_PUNCTUATION: Final = re.compile(r"[,.;:()]")
# How the name of a people ends ("Quelmari", "Sorvenian", "Valmontese", "British"): such a word
# in a title says whose office it is.
_DEMONYM_ENDING: Final = re.compile(r"(?:i|an|ese|ish)$")
_RUSSIAN_NAME: Final = r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?"
# A Russian name of one to three such words ("Раиси", "Эбрахим Раиси").
_RUSSIAN_NAMES: Final = rf"{_RUSSIAN_NAME}(?:\s+{_RUSSIAN_NAME}){{0,2}}"
# Who speaks, in English: "the Iranian president", or a name of up to four words.
_SPEAKER: Final = (
    rf"(?P<who>(?i:the\s+(?:[a-z][\w’'-]*\s+){{0,2}}{_ROLE.lower()})|"
    rf"{_NAME})"
)
_ATTRIBUTION: Final = [
    re.compile(rf"{_SPEAKER},?\s+(?:{SPEECH_VERBS})\b"),
    re.compile(rf"\b(?i:according to)\s+(?P<who>{_NAME})"),
    # "Лукашенко заявил", "Галибаф призвал", "по словам Раиси".
    re.compile(rf"(?P<who>{_RUSSIAN_NAMES}),?\s+(?:{RUSSIAN_SPEECH_VERBS})а?\b"),
    re.compile(rf"(?i:по\s+словам)\s+(?P<who>{_RUSSIAN_NAMES})"),
]
# The verb before the speaker, after the words quoted: '"... connections," said Anneke Vortmann',
# '"...", said the minister'. Read in the sentence just before a "he" only: further back, a
# sentence this does not read ("X, a councillor, called it ...") may name someone nearer.
_QUOTE_THEN_SPEAKER: Final = re.compile(rf"[”\"’],?\s+(?:{SPEECH_VERBS})\s+{_SPEAKER}")
# '"... in space," she said': the words quoted are said by whom the "she" stands for.
_PRONOUN_AFTER_QUOTE: Final = re.compile(rf"[”\"’],?\s+(?:he|she)\s+(?:{SPEECH_VERBS})\b")
# A sentence whose subject is a person named in full, after a title if any ("Mayor Priya Raman
# called the vote ...", "Priya Lodge, the chief executive of Marrowport Water, called ...",
# "Opposition councillor Mark Dwyer voted against ..."): the "he" or "she" of the next sentence.
# Read in the sentence just before that one only.
_NAMED_SUBJECT: Final = re.compile(
    rf"^(?:[A-Z][a-z]+\s+){{0,2}}(?:[a-z]+\s+)?(?P<who>{_NAME_WORD}\s+{_NAME_WORD})(?=,\s|\s+[a-z])"
)
# "The Belarus president, who was on a visit to Tehran, said": a name inside the relative clause
# is not who speaks; the clause is read past.
_RELATIVE_CLAUSE: Final = re.compile(rf",?\s+who\s+[^,.;:“”\"]+,(?=\s+(?:{SPEECH_VERBS})\b)")
# Cheap tests that a text could hold a match of the slow patterns above, to skip those that can't.
_ROLE_CUE: Final = re.compile(_ROLE)
_ATTRIBUTION_CUE: Final = re.compile(
    rf"\s(?:{SPEECH_VERBS})\b|(?i:according to)|\s(?:{RUSSIAN_SPEECH_VERBS})а?\b|(?i:по\s+словам)"
)
# The same tests on a sentence's lower-case words: every match of the role and attribution
# patterns holds one of these words whole.
_ROLE_WORDS: Final = frozenset(_ROLE_WORD_LIST.split()) | frozenset(
    {"presidents", "leaders", "ministers", "speakers", "mayors"}
)
_SPEECH_WORDS: Final = (
    frozenset(v.split()[0] for v in SPEECH_VERBS.split("|"))
    | frozenset(RUSSIAN_SPEECH_VERBS.split("|"))
    | frozenset(f"{v}а" for v in RUSSIAN_SPEECH_VERBS.split("|"))
    | {"словам"}
)
_NOT_NAMES: Final = frozenset(
    {
        "The",
        "This",
        "That",
        "These",
        "Those",
        "He",
        "She",
        "It",
        "They",
        "We",
        "I",
        "In",
        "On",
        "At",
        # Russian pronouns and words that open a sentence before a verb of saying.
        "Он",
        "Она",
        "Они",
        "Оно",
        "Это",
        "Мы",
        "Я",
        "Также",
    }
)


@dataclass(frozen=True)
class Person:
    """An office holder named in a document: the title's terms and the name's terms."""

    role: frozenset[str]
    name: frozenset[str]
    display: str
    surname: str

    @property
    def office(self) -> frozenset[str]:
        """The title's word for the office ("minister" of "Kestrian Prime Minister"), or the whole
        title where it names no office ("architect")."""
        return self.role & ROLE_TERMS or self.role


def role_terms_cover(xs: frozenset[str], ys: frozenset[str]) -> bool:
    """True when every title term of ``xs`` has a match in ``ys``; a demonym matches by prefix."""
    return all(
        any(
            x == y or (min(len(x), len(y)) >= 4 and (x.startswith(y) or y.startswith(x)))
            for y in ys
        )
        for x in xs
    )


def _same_role(a: frozenset[str], b: frozenset[str]) -> bool:
    return role_terms_cover(a, b) and role_terms_cover(b, a)


def find_people(paragraphs: Sequence[str]) -> list[Person]:
    """Return the titled people of a document ("Belarusian President Alexander Lukashenko").

    A title shared by two different names is dropped: it could not tell them apart.
    So is a bare title that a fuller title gives to someone else.
    """
    found: dict[frozenset[str], Person] = {}
    ambiguous: set[frozenset[str]] = set()
    # The words of each surname's title as written, for a counterpart's.
    titles: dict[str, str] = {}

    def add(role_text: str, name_text: str) -> None:
        # "Prime Minister Teodor Alvane's visit": the possessive is no part of the name.
        name_words = [_POSSESSIVE.sub("", w) for w in name_text.split() if w not in _NOT_NAMES]
        if not name_words:
            return
        role = frozenset(terms(role_text))
        name = frozenset(terms(" ".join(name_words)))
        if not role or not name:
            return
        titles.setdefault(name_words[-1], role_text)
        known = found.get(role)
        if known is not None and not (known.name <= name or name <= known.name):
            ambiguous.add(role)
            return
        if known is None or len(name) > len(known.name):
            display = " ".join(name_words)
            found[role] = Person(role, name, display, terms(display)[-1])

    for text in paragraphs:
        if _ROLE_CUE.search(text) is not None:
            for match in _TITLED_NAME.finditer(text):
                pre = " ".join(w for w in match.group("pre").split() if w not in _NOT_NAMES)
                add(f"{pre} {match.group('role')}", match.group("name"))
        if _TWO_CAPITALS.search(text) is None:
            continue
        # Titles ("leader", "minister") are read as titles above, capitalised, or below.
        for match in _NOUN_BEFORE_NAME.finditer(text):
            if _describes_person(match.group("role")):
                add(match.group("role"), match.group("name"))
        if not _ROLE_WORDS.isdisjoint(text.split()):
            for match in _LOWER_TITLE.finditer(text):
                # "The Belarusian president Iranian Supreme Leader Ali": the name is another's.
                if _ROLE_CUE.search(match.group("name")) is None:
                    whose = (match.group("pre") or "").split()
                    kept = [w for w in whose if w.lower() not in STOP_WORDS]
                    add(" ".join([*kept, match.group("role")]), match.group("name"))
        for match in _NOUN_AFTER_NAME.finditer(text):
            start = match.start()
            if _AFTER_PLACE_WORD.search(text, max(0, start - PLACE_WORD_REACH), start):
                # "On the quay at Lesser Tamm, a girl waves": a name after "at" is a place, and
                # the noun after it is someone there.
                continue
            after = match.group("after").split()
            if match.group("article") is None and after[0].endswith("ed"):
                # A verb right after the comma says what the name did, and the noun after it
                # is its object ("Ardel University, called the target ...": no person).
                continue
            # A word in "-ed" after the comma is most often the verb ("Markus Dellan, leader of
            # the Harvest Party, accused ...": no person called "Harvest Party" is accused).
            role = next(
                (
                    w
                    for w in match.group("after").split()
                    if not w.endswith("ed") and _describes_person(w)
                ),
                None,
            )
            if role is not None:
                add(role, match.group("name"))
        for match in _TITLE_AFTER_NAME.finditer(text):
            # "Markus Dellan, leader of the Harvest Party": the title after the name, with whose.
            add(f"{match.group('body')} {match.group('role')}", match.group("name"))
        for match in _TITLE_OF_BEFORE_NAME.finditer(text):
            # "The mayor of Brask, Karl Vesten, welcomed": the title before the name.
            add(f"{match.group('body')} {match.group('role')}", match.group("name"))
    # Each counterpart's title, and the name of the person whose office it is for another people.
    counterparts: dict[frozenset[str], frozenset[str]] = {}
    for text in paragraphs:
        if "counterpart" in text:
            for match in _COUNTERPART.finditer(text):
                role = _counterpart_title(match, titles)
                if role is not None:
                    add(role, match.group("name"))
                    counterparts[frozenset(terms(role))] = frozenset(terms(match.group("first")))
    people = [p for r, p in found.items() if r not in ambiguous]
    # A bare title ("President Raisi") is ambiguous when a fuller one names someone else, unless
    # that one is the same office for another people ("his Belarusian counterpart").
    return [
        p
        for p in people
        if not any(
            p.role < o.role
            and not (p.name <= o.name or o.name <= p.name)
            and not (o.role in counterparts and counterparts[o.role] <= p.name)
            for o in people
        )
    ]


def _counterpart_title(match: re.Match[str], titles: dict[str, str]) -> str | None:
    """The title of a counterpart: the office of the person named first, for their own people.

    "Foreign Minister Aurel Danescu ... Danescu and his Quelmari counterpart, Leona Darrow":
    Darrow is the Quelmari Foreign Minister. A counterpart named with a title of their own keeps
    it (None).
    """
    title = titles.get(match.group("first"))
    # The title may run on past the words read as a name: "her Quorvian counterpart, Aviation
    # and Infrastructure Minister Piran Solvek".
    named = match.group("name") + _PUNCTUATION.split(match.string[match.end() :], maxsplit=1)[0]
    if title is None or _ROLE_CUE.search(named) is not None:
        return None
    *qualifiers, office = title.split()
    kept = [w for w in qualifiers if not (w[:1].isupper() and _DEMONYM_ENDING.search(w))]
    return " ".join([match.group("demonym"), *kept, office])


def _describes_person(word: str) -> bool:
    """True for a common noun for a person that is not a title: "architect", "skipper"."""
    return word not in _ROLE_WORDS and names_a_person(word)


def may_name_role(found: Collection[str]) -> bool:
    """False when a sentence's lower-case ``found`` words hold no title ("the president")."""
    return not _ROLE_WORDS.isdisjoint(found)


def may_attribute(found: Collection[str]) -> bool:
    """False when a sentence's lower-case ``found`` words report nobody's words ("said")."""
    return not _SPEECH_WORDS.isdisjoint(found)


def expand_people(
    sentence: str,
    stems: frozenset[str],
    people: Sequence[Person],
    titles: bool = True,
) -> frozenset[str]:
    """Add name terms where a sentence uses a title, and title terms where it uses a name.

    ``titles=False`` says the sentence has no title word (``may_name_role``): the title
    patterns are skipped.
    """
    if not people:
        return stems
    extra: set[str] = set()
    mentions: list[str] = []
    if titles:
        mentions = [f"{m.group('pre')} {m.group('role')}" for m in _ROLE_MENTION.finditer(sentence)]
        for m in _SHARED_ROLE_MENTION.finditer(sentence):
            # "the Iranian and Belarusian presidents" names two title holders at once.
            role = m.group("role").removesuffix("s")
            mentions += [f"{m.group('first')} {role}", f"{m.group('second')} {role}"]
    for mention_text in mentions:
        mention = frozenset(terms(mention_text))
        matches = [p for p in people if _same_role(mention, p.role)]
        if len(matches) == 1:
            extra |= matches[0].name | matches[0].role
    for person in people:
        if person.surname in stems:
            extra |= person.role | person.name
    return stems | extra if extra else stems


def display_name(who: str, people: Sequence[Person]) -> str:
    """Return the name behind a title ("the Iranian president" -> "Ebrahim Raisi"), or ``who``."""
    match = _ROLE_MENTION.match(who)
    if match is None:
        return who
    mention = frozenset(terms(f"{match.group('pre')} {match.group('role')}"))
    found = [p for p in people if _same_role(mention, p.role)]
    return found[0].display if len(found) == 1 else who


def said_by_pronoun(sentence: str) -> bool:
    """True when ``sentence`` gives words quoted as said by a "he" or "she" ('"...," she said')."""
    return _PRONOUN_AFTER_QUOTE.search(sentence) is not None


def find_speaker(earlier: Sequence[str], last: bool = True, subject: bool = False) -> str | None:
    """Return whose words the ``earlier`` sentences report, looking at the nearest sentence first.

    Within a sentence the last attribution wins when resolving a later "he" (``last``), the first
    when asking who speaks in the sentence itself. With ``subject``, a person named in full as
    the subject of the nearest sentence counts too, whatever its verb ("Mayor Priya Raman called
    the vote ..."): enough to show whom a "she" means, too loose to count their words as said.
    """
    for back, sentence in enumerate(reversed(earlier)):
        if _ATTRIBUTION_CUE.search(sentence) is None:
            opening = _NAMED_SUBJECT.match(sentence) if subject and back == 0 else None
            if opening is not None and opening.group("who").split()[0] not in _NOT_NAMES:
                return opening.group("who")
            continue
        read = _RELATIVE_CLAUSE.sub("", sentence) if " who " in sentence else sentence
        found: list[tuple[int, str]] = []
        for pattern in (*_ATTRIBUTION, _QUOTE_THEN_SPEAKER) if back == 0 else _ATTRIBUTION:
            for match in pattern.finditer(read):
                who = match.group("who").strip()
                if who.split()[0] in _NOT_NAMES and not who.lower().startswith("the "):
                    continue
                if not who.isascii():
                    # "президент Ирана Эбрахим Раиси заявил": the country is not the speaker.
                    named = who.split()
                    while len(named) > 1 and names_place(named[0]):
                        named.pop(0)
                    who = " ".join(named)
                found.append((match.start(), who))
        if found:
            return (max if last else min)(found)[1]
    return None
