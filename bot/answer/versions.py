"""Several documents on one fact: each that agrees cited, each version given where they differ."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Final

from bot.answer.composer import CONTEXT_CREDIT, Passage, asks_sum, dated, has_measure, mark
from bot.answer.questions import (
    AMOUNT_NOUNS,
    MONEY_NOUNS,
    ROOT_LETTERS,
    Kind,
    QueryTerm,
    Question,
)
from bot.answer.records import Answer, Citation
from bot.search.features import has_sum
from bot.search.textnorm import normalize, stem
from bot.search.values import Value, ValueKind, date_spans, values_in

# A sentence of another document answers the same question when it covers this share of what the
# answer's own sentence covers of the question.
SAME_QUESTION_SHARE: Final = 0.5
# And at least this share of the question's whole weight.
MIN_COVERAGE: Final = 0.4
# A year this close to a value (in characters) says which year the value is for.
YEAR_REACH: Final = 40
MAX_ANSWER_CHARS: Final = 900
# Another document says the same as the answer's sentence when one of its sentences has this
# share of the answer sentence's terms beyond the question's, and there are at least MIN_NEWS.
RESTATED_SHARE: Final = 0.6
MIN_NEWS: Final = 3
_TOKEN: Final = re.compile(r"[^\W_]+")
# What a sentence dates "during" an event, or "on the second day of" it, is a part of that event:
# its day is one of the event's days, not the event's own date.
_WITHIN_AN_EVENT: Final = re.compile(r"\b(?:during|(?:day|days|evening|morning) of)\b", re.I)
# The words of a "how much" question a sum holds: the money ("cost", "price") or the amount
# asked ("worth", "value").
_PRICED: Final = MONEY_NOUNS | AMOUNT_NOUNS


@dataclass(frozen=True)
class Claim:
    """One sentence's answer to the question: the value it gives, where, and how well it fits."""

    passage: Passage
    position: int
    value: Value
    coverage: float
    year: float | None
    # What a quantity measures or counts: its currency or unit, or the counted noun asked about.
    unit: str | None


def reconcile(
    q: Question,
    answer: Answer,
    read: Sequence[Passage],
    more: Callable[[], Sequence[Passage]],
    latest: bool = False,
) -> Answer:
    """Cite other documents that say the same; give each version where they differ.

    For a date, a count or an amount, versions come from sentences that cover the same question
    terms about as well as the answer's own sentence, carry a value of the asked kind, measure
    the same thing (the same unit or counted noun, of any spelling the question accepts) and,
    where a year qualifies the value, the same year. For other questions, a sentence of another
    document that restates the answer's sentence is cited beside it. ``read`` are the
    paragraphs the answer was composed from; ``more`` retrieves the wider set searched.
    """
    # The sources cannot differ about something a question word names that they never use; the
    # word of the measure or the amount asked for ("tunnel length", "trade volume") they give as
    # figures.
    if (
        not answer.answered
        or not answer.citations
        or not all(
            t.known or q.names_measure(t.surface) or q.names_amount(t.surface) for t in q.terms
        )
    ):
        return answer
    quoted = _quoted_sentences(answer, read)
    if not quoted:
        return answer
    if _asked_kinds(q) == ():
        # Only the paragraphs already read: a restatement is among the best retrieved, and the
        # wider search costs more than the citation is worth.
        return _also_cited(answer, quoted[0][0], _restated(q, quoted[0], read))
    kinds = _asked_kinds(q)
    stated = values_in(q.text)
    passage = quoted[0][0]
    main_claim = _best([_claim(q, p, pos, kinds, stated) for p, pos in quoted])
    if kinds is None:
        if main_claim is None:
            return answer
        kinds = (main_claim.value.kind,)
        main_claim = _best([_claim(q, p, pos, kinds, stated) for p, pos in quoted])
    reference = max(_coverage(q, p, pos) for p, pos in quoted)
    # How much of the question another document's sentence covers to answer it too.
    floor = max(MIN_COVERAGE, SAME_QUESTION_SHARE * reference)
    # What the answer's own sentence names beside the money: another document's sum is a version
    # of it only where that document names it too.
    thing = (
        [t for t in q.terms if t.surface not in _PRICED and _holds(main_claim, t)]
        if main_claim is not None
        else None
    )
    passages = more()
    best: dict[str, Claim] = {}
    # Sentences of other documents giving the answer's own value, of the same thing, that cover
    # too little of the question to be heard as versions of their own: "400 ground handling jobs
    # could go" restates "400 ground handling jobs could be lost".
    seconding: dict[str, Claim] = {}
    if main_claim is not None:
        best[passage.document.id] = main_claim
    for other in passages:
        for pos in range(len(other.sentences)):
            claim = _claim(q, other, pos, kinds, stated, thing=thing)
            if claim is None:
                continue
            if claim.coverage < floor:
                if (
                    main_claim is not None
                    and other.document.id != passage.document.id
                    and claim.coverage > 0
                    and claim.value.agrees(main_claim.value)
                    and _same_thing(q, main_claim, claim)
                ):
                    seconding.setdefault(other.document.id, claim)
                continue
            if main_claim is not None and not _same_thing(q, main_claim, claim):
                continue
            held = best.get(other.document.id)
            if held is None or (claim.coverage, -claim.passage.index) > (
                held.coverage,
                -held.passage.index,
            ):
                best[other.document.id] = claim
    claims = list(best.values())
    if main_claim is None:
        claims = [c for c in claims if all(_same_thing(q, c, d) for d in claims)]
        if not claims:
            return _also_cited(answer, passage, _restated(q, quoted[0], passages))
    versions = _versions(claims)
    if len(versions) >= 2:
        if _within_a_span(q, versions, [*read, *passages], floor):
            # Days of an event that lasts several: the signing on the 15th and the talks on the
            # 16th of a visit from the 14th to the 16th are no two versions of its date.
            return answer
        return _disagreement(answer, versions, latest)
    if main_claim is not None:
        agreeing = [
            c.passage for c in claims if c is not main_claim and c.value.agrees(main_claim.value)
        ] + [c.passage for doc, c in seconding.items() if doc not in best]
        return _also_cited(answer, passage, agreeing)
    return answer


def _holds(claim: Claim, term: QueryTerm) -> bool:
    """True when the claim's sentence (or the one before, which it leans on) holds ``term``."""
    return term.found_in(_leaned_stems(claim.passage, claim.position))


def _leaned_stems(passage: Passage, position: int) -> frozenset[str]:
    """The terms of a sentence, with those of the one before when it leans on that one."""
    sentences = passage.sentences
    stems = sentences[position].stems
    if position and sentences[position].shows_previous:
        stems = stems | sentences[position - 1].stems
    return stems


def _asked_kinds(q: Question) -> tuple[ValueKind, ...] | None:
    """The kinds of value the question asks for; None when only the answer can tell."""
    if q.kind is Kind.WHEN:
        return ("date", "year")
    if q.kind in (Kind.COUNT, Kind.AMOUNT) or q.measure is not None:
        return ("quantity",)
    if q.kind is Kind.GENERAL:
        # "In which room", "what is it called": a name is asked for, and a date or a figure in
        # the answer's sentence is not what the sources might differ on.
        return () if q.which_one or q.name_asked else None
    return ()


def _quoted_sentences(answer: Answer, passages: Sequence[Passage]) -> list[tuple[Passage, int]]:
    """The sentences of the first cited paragraph that the answer quotes."""
    first = answer.citations[0]
    for passage in passages:
        if passage.document.id == first.document and passage.number == first.paragraph:
            # The marker stands before the full stop, and a leading "He" may have the speaker's
            # name put after it.
            return [
                (passage, pos)
                for pos, sentence in enumerate(passage.sentences)
                # Its weekdays may be dated in the answer; most sentences have none.
                if _tail(sentence.text) in answer.text
                or _tail(dated(passage.document, sentence.text)) in answer.text
            ]
    return []


def _tail(sentence: str) -> str:
    """A sentence past its first word and before its full stop: what an answer's text keeps."""
    return sentence.rstrip().removesuffix(".").split(" ", 1)[-1]


def _best(claims: Sequence[Claim | None]) -> Claim | None:
    """The claim that covers the question best, the earlier one on a tie."""
    found = [c for c in claims if c is not None]
    return max(found, key=lambda c: c.coverage) if found else None


def _coverage(
    q: Question, passage: Passage, position: int, thing: Collection[QueryTerm] | None = None
) -> float:
    """Share of the question's weight a sentence covers, as the composer counts it.

    Terms in the sentence (or in the one before, which it leans on) count whole; terms only
    elsewhere in its paragraph or in its document's title count CONTEXT_CREDIT. The measure
    word of "how long" or "how far" frames the question; it is not what the question is about.
    A sentence with a sum holds the word of a "how much" question for the money or the amount
    ("cost", "worth"), when it holds one of ``thing`` too (any other term of the question when
    None): what the answer prices.
    """
    sentence = passage.sentences[position]
    stems = _leaned_stems(passage, position)
    about = [t for t in q.terms if t.surface != q.measure]
    total = sum(t.weight for t in about)
    if total <= 0:
        return 0.0
    held = [t for t in about if t.found_in(stems)]
    if (
        q.kind is Kind.AMOUNT
        and has_sum(sentence.text)
        and any(t.surface not in _PRICED and (thing is None or t in thing) for t in held)
    ):
        # "A deal valued at 2.1 billion dollars" holds the "worth" of "what is the deal worth":
        # its sum does, beside the thing the answer's own sentence prices.
        held += [t for t in about if t.surface in _PRICED and t not in held]
    own = sum(t.weight for t in held)
    near = sum(t.weight for t in about if not t.found_in(stems) and t.found_in(passage.context))
    return (own + CONTEXT_CREDIT * near) / total


def _claim(
    q: Question,
    passage: Passage,
    position: int,
    kinds: tuple[ValueKind, ...] | None,
    stated: list[Value],
    *,
    thing: Collection[QueryTerm] | None = None,
) -> Claim | None:
    """The value a sentence gives the question: of an asked kind, nearest the question's words."""
    if kinds == ():
        return None
    text = passage.sentences[position].text
    sum_asked = asks_sum(q)
    found = [
        v
        for v in values_in(text)
        if (kinds is None or v.kind in kinds)
        and not any(v.agrees(s) for s in stated)
        and (not q.count_focus or v.kind != "quantity" or _counts(v, q.count_focus))
        # "How long": a length or a time, never a sum of money.
        and (q.measure is None or v.kind != "quantity" or has_measure(q.measure, v.phrase))
        # "What did it cost": a sum, never a length.
        and (not sum_asked or v.kind != "quantity" or has_sum(v.phrase))
    ]
    if q.count_focus:
        found = [v for v in found if v.kind != "quantity" or v.key[0] == int(v.key[0])]
    if not found:
        return None
    anchors: dict[int, list[int]] = {}
    for m in _TOKEN.finditer(text):
        term = stem(normalize(m.group()))
        for i, t in enumerate(q.terms):
            if any(term in form for form in t.forms):
                anchors.setdefault(i, []).append(m.start())
    if not anchors:
        return None

    def distance(v: Value) -> int:
        return sum(min(abs(v.start - at) for at in spots) for spots in anchors.values())

    years_here = [y for y in values_in(text) if y.kind == "year"]

    def year_of(v: Value) -> float | None:
        near = [y for y in years_here if y is not v and abs(y.start - v.end) <= YEAR_REACH]
        return min(near, key=lambda y: abs(y.start - v.end)).key[0] if near else None

    if q.years:
        # "What was the trade in 2026": a figure another year qualifies ("$1.9 billion in 2025",
        # a target "by 2030" in a sentence of no other year) answers another question.
        asked = {float(y) for y in q.years}
        others = any(y.key[0] not in asked for y in years_here)
        found = [v for v in found if (year := year_of(v)) in asked or (year is None and not others)]
        if not found:
            return None
    # Dates before years: "15 October 2025" says more than "2025".
    value = min(found, key=lambda v: (v.kind == "year", distance(v), v.start))
    year = year_of(value)
    coverage = _coverage(q, passage, position, thing)
    focused = [u for u in value.units if _counted(u) in q.count_focus]
    unit = focused[0] if focused else (value.units[0] if value.units else None)
    return Claim(passage, position, value, coverage, year, unit)


def _counted(unit: str) -> str:
    """What a unit counts: "flight" of "flight/week" (10 flights a week), the unit itself else."""
    return unit.split("/", 1)[0]


def _counts(value: Value, focus: frozenset[str]) -> bool:
    """True when ``value`` counts one of ``focus``, alone or per a unit of time or place."""
    return any(_counted(u) in focus for u in value.units)


def _same_thing(q: Question, a: Claim, b: Claim) -> bool:
    """True when two claims measure the same thing: one kind, one unit, one year."""
    kinds = {a.value.kind, b.value.kind}
    if len(kinds) > 1:
        # A year and a date compare only when the date says its year.
        return kinds == {"date", "year"} and all(
            v.kind == "year" or v.key[0] for v in (a.value, b.value)
        )
    if a.year is not None and b.year is not None and a.year != b.year:
        return False
    if a.value.kind == "quantity" and not _near_in_size(a.value.key[0], b.value.key[0]):
        # Outlets that differ on a figure differ by a little: a fare of €29 is no version of a
        # harbour's €2.3 billion, whatever the words around them.
        return False
    if a.value.kind != "quantity" or a.unit == b.unit:
        return True
    if a.unit is None or b.unit is None:
        return False
    if ("/" in a.unit) != ("/" in b.unit):
        # A rate is no amount of its unit: "60 kilometres per hour" is no length.
        return False
    if a.unit.startswith(b.unit) or b.unit.startswith(a.unit):
        # One word in two spellings: "12.6-kilometre", "11.4 kilometres".
        return min(len(a.unit), len(b.unit)) >= ROOT_LETTERS
    # Two spellings the question accepts for one of its terms ("agreements", "documents").
    return any(
        any(a.unit in f for f in t.forms) and any(b.unit in f for f in t.forms) for t in q.terms
    )


# Two figures further apart than this factor are two facts, not two versions of one.
VERSION_SPREAD: Final = 3.0


def _near_in_size(a: float, b: float) -> bool:
    """True when two figures are within ``VERSION_SPREAD`` of each other (and of one sign)."""
    if a == b:
        return True
    if a <= 0 or b <= 0:
        return False
    return max(a, b) <= VERSION_SPREAD * min(a, b)


def _within_a_span(
    q: Question, versions: list[list[Claim]], passages: Sequence[Passage], floor: float
) -> bool:
    """True when every version is a day within one span of days a sentence about the same
    question gives ("from 14 to 16 October"), and a version tells its day as one of an event's
    ("signed on 15 October, during the visit"). Two sources giving each its own single day of the
    event asked about disagree, even where a third tells of several days that event was one
    part of."""
    days = [group[0].value for group in versions]
    if any(v.kind != "date" for v in days):
        return False
    if not any(
        _WITHIN_AN_EVENT.search(c.passage.sentences[c.position].text) for g in versions for c in g
    ):
        return False
    for passage in passages:
        for pos, sentence in enumerate(passage.sentences):
            for first, last in date_spans(sentence.text):
                if all(first <= (int(v.key[1]), int(v.key[2])) <= last for v in days) and (
                    _coverage(q, passage, pos) >= floor
                ):
                    return True
    return False


def _versions(claims: Sequence[Claim]) -> list[list[Claim]]:
    """Group claims whose values agree; each group is one version of the fact."""
    groups: list[list[Claim]] = []
    for claim in claims:
        for group in groups:
            if group[0].value.agrees(claim.value):
                group.append(claim)
                break
        else:
            groups.append([claim])
    return groups


def _outlet(claim: Claim) -> str:
    doc = claim.passage.document
    who = doc.source or f"“{doc.title}”"
    return f"{who}, {doc.published}" if doc.published else who


def _disagreement(answer: Answer, versions: list[list[Claim]], latest: bool) -> Answer:
    """Say that the sources differ and give each version with its source, date and citation."""
    claims = sorted(
        (c for group in versions for c in group),
        key=lambda c: (c.passage.document.published or "9999", c.passage.index),
    )
    if latest:
        claims.reverse()
    refs = {id(c): n for n, c in enumerate(claims, start=1)}
    parts = []
    for group in sorted(versions, key=lambda g: min(refs[id(c)] for c in g)):
        members = sorted(group, key=lambda c: refs[id(c)])
        marks = "".join(f"[{refs[id(c)]}]" for c in members)
        per = "; ".join(_outlet(c) for c in members)
        first = members[0]
        quoted = first.value.quoted_to(first.passage.sentences[first.position].text, first.unit)
        if first.value.start == 0 and first.value.kind == "quantity":
            # A number word that opened its sentence does not open this clause.
            quoted = quoted[:1].lower() + quoted[1:]
        parts.append(f"{quoted}, per {per} {marks}")
    lead = (
        "The most recent report first; the sources disagree: "
        if latest
        else "The sources disagree: "
    )
    quoted = " ".join(
        mark(dated(c.passage.document, c.passage.sentences[c.position].text), refs[id(c)])
        for c in claims
    )
    text = lead + "; ".join(parts) + ". " + quoted
    if len(text) > MAX_ANSWER_CHARS:
        text = text[: MAX_ANSWER_CHARS - 1].rsplit(" ", 1)[0] + "…"
    citations = tuple(c.passage.citation(refs[id(c)]) for c in claims)
    return dataclasses.replace(answer, text=text, citations=citations)


def _restated(q: Question, main: tuple[Passage, int], passages: Sequence[Passage]) -> list[Passage]:
    """Paragraphs of other documents with a sentence that says what the answer's sentence says.

    Such a sentence has every question term the answer's sentence has (in it, or in its
    paragraph and title), and at least RESTATED_SHARE of the answer sentence's other terms: what
    the answer adds to the question.
    """
    passage, position = main
    sentence = passage.sentences[position]
    asked = [t for t in q.terms if t.found_in(sentence.stems)]
    news = sentence.stems - q.stems
    if len(news) < MIN_NEWS:
        return []
    found: dict[str, Passage] = {}
    for other in passages:
        doc = other.document.id
        if doc == passage.document.id or doc in found:
            continue
        for candidate in other.sentences:
            stems = candidate.stems
            if len(news & stems) >= RESTATED_SHARE * len(news) and all(
                t.found_in(stems) or t.found_in(other.context) for t in asked
            ):
                found[doc] = other
                break
    return list(found.values())


def _also_cited(answer: Answer, passage: Passage, agreeing: Sequence[Passage]) -> Answer:
    """Add the paragraphs of other documents that say the same to the answer's first marker."""
    cited = {(c.document, c.paragraph) for c in answer.citations}
    added: list[Citation] = []
    for other in sorted(agreeing, key=lambda p: p.index):
        key = (other.document.id, other.number)
        if key not in cited:
            cited.add(key)
            added.append(other.citation(len(answer.citations) + len(added) + 1))
    if not added:
        return answer
    ref = next(
        c.ref
        for c in answer.citations
        if (c.document, c.paragraph) == (passage.document.id, passage.number)
    )
    marks = f"[{ref}]" + "".join(f"[{c.ref}]" for c in added)
    text = answer.text.replace(f"[{ref}]", marks, 1)
    return dataclasses.replace(answer, text=text, citations=answer.citations + tuple(added))
