"""Text normalisation shared by indexing and questions: one spelling for quotes, dashes, money."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Final

import simplemma
import snowballstemmer
from simplemma.strategies import DictionaryLookupStrategy

from bot.search.languages import (
    CYRILLIC_FOLD,
    OTHER_STOP_WORDS,
    PERSIAN_FOLD,
    compound_figure,
    join_affixes,
)
from bot.search.languages import term as foreign_term

_TRANSLATE: Final = str.maketrans(
    {
        **PERSIAN_FOLD,
        **CYRILLIC_FOLD,
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)

# Symbols become words so that "$100 million" and "100 million dollars" meet.
_SYMBOL_WORDS: Final = {"$": "dollar", "€": "euro", "£": "pound", "%": "percent"}
_TOKEN: Final = re.compile(
    r"[$€£%]|\d+(?:[.,]\d+)*(?:bn|mln|m|b|k)(?![^\W_])|\d+(?:[.,]\d+)+(?![^\W_]|-\w)"
    r"|[^\W_]+(?:-[^\W_]+)*"
)
# Within a name that mixes letters and figures ("S-400", "G7", "2023-2026"): its runs.
_RUN: Final = re.compile(r"\d+|[^\W\d_]+")
_ORDINAL_FIGURE: Final = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
# A hyphen between a letter and a figure is spelling, not structure: "S-400" is "S400".
_LETTER_FIGURE_HYPHEN: Final = re.compile(r"(?<=[^\W\d_])-(?=\d)|(?<=\d)-(?=[^\W\d_])")
# ASCII text without digits, "$" or "%" takes the fast path of ``words``: no symbol, figure or
# name-with-figures rule applies, and the words are the runs of letters.
_NOT_RULE_BYTES: Final = bytes(b for b in range(256) if b not in b"0123456789$%")
_LETTERS_ONLY: Final = bytes(b if 97 <= b <= 122 else 32 for b in range(256))
_ARABIC_SCRIPT: Final = re.compile(r"[\u0600-\u06ff]")
_THOUSANDS_COMMA: Final = re.compile(r",(?=\d{3}(?!\d))")
_NUMBER: Final = re.compile(r"\d+(?:[.,]\d+)*$")
_MONEY_SUFFIX: Final = re.compile(r"^(\d+(?:[.,]\d+)*)(bn|mln|m|b|k)$")
_MONEY_UNITS: Final = {
    "m": "million",
    "mln": "million",
    "bn": "billion",
    "b": "billion",
    "k": "thousand",
}

_CARDINALS: Final = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS: Final = "twenty thirty forty fifty sixty seventy eighty ninety".split()
# English ordinals that are not the cardinal plus "th" (or "y" to "ieth"): a closed class.
_IRREGULAR_ORDINALS: Final = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _ordinal(cardinal: str) -> str:
    """Return the English ordinal of a cardinal number word ("forty" -> "fortieth")."""
    if cardinal in _IRREGULAR_ORDINALS:
        return _IRREGULAR_ORDINALS[cardinal]
    if cardinal.endswith("y"):
        return cardinal[:-1] + "ieth"
    return cardinal + "th"


def _number_words() -> dict[str, str]:
    """Number words up to a hundred and their ordinals, each mapped to its digits."""
    values = {w: n for n, w in enumerate(_CARDINALS)}
    values |= {w: 20 + 10 * n for n, w in enumerate(_TENS)}
    values["hundred"] = 100
    out = {w: str(n) for w, n in values.items() if n > 0}
    out |= {_ordinal(w): str(n) for w, n in values.items() if n > 0}
    return out


# "seven documents" and "7 documents", "the thirtieth" and "the 30th" meet.
NUMBER_WORDS: Final = _number_words()
# The cardinal number words, one to a hundred's words ("fifteen", "forty", "hundred").
CARDINAL_WORDS: Final = (*_CARDINALS[1:], *_TENS, "hundred")
_CARDINAL_SET: Final = frozenset(CARDINAL_WORDS)
# A figure, with an ordinal's ending or without ("30th", "30"), or a word; not a figure that ends
# a name ("Velna-1", "S-400"), which is no cardinal beside an ordinal.
_FIGURE_OR_WORD: Final = re.compile(
    r"(?<![^\W\d_]-)\b(\d+)(st|nd|rd|th)?\b|\b([a-z]+)\b", re.IGNORECASE
)


def ordinal_figures(text: str) -> frozenset[str]:
    """The figures ``text`` writes only as ordinals ("the fourth floor", "its 30th year"): the
    digits ``terms`` reads them as, where no cardinal of the same value stands beside them."""
    ordinals: set[str] = set()
    cardinals: set[str] = set()
    for match in _FIGURE_OR_WORD.finditer(text):
        figure, ending, word = match.groups()
        if figure is not None:
            (ordinals if ending else cardinals).add(figure)
        elif (low := word.lower()) in NUMBER_WORDS:
            (cardinals if low in _CARDINAL_SET else ordinals).add(NUMBER_WORDS[low])
    return frozenset(ordinals - cardinals)


# Short written forms of units and currencies: "bn" is "billion" wherever it stands.
_ABBREVIATIONS: Final = {"usd": "dollar", "bn": "billion", "mln": "million"}
# Words shortened as people type them in chats, read as the words they stand for.
CHAT_SHORTHAND: Final = {
    "ppl": "people",
    "govt": "government",
    "govts": "governments",
    "gov": "government",
    "doc": "document",
    "docs": "documents",
    "org": "organization",
    "orgs": "organizations",
    "tech": "technology",
    "econ": "economy",
    "biz": "business",
    "yr": "year",
    "yrs": "years",
    "dept": "department",
    "intl": "international",
    "natl": "national",
    "mgr": "manager",
    "corp": "corporation",
    "approx": "approximately",
}

# Sounds and asides of chat that say nothing of what is asked: "hmm", "lol", "btw".
CHAT_PARTICLES: Final = frozenset("hmm hm um uh oh ah wow lol anyway anyways btw".split())
# Words that open a chat message without asking anything: "ok and when?", "hmm, who said that".
DISCOURSE_MARKERS: Final = CHAT_PARTICLES | frozenset(
    "ok okay so well hey hi hello please pls plz yes yeah yep no nope right alright but".split()
)

STOP_WORDS: Final = (
    frozenset(
        """
    a an the and or but nor so yet of to in on at by for from with about as into onto over under
    between among through during before after above below up down out off than then there here
    this that these those it its it's itself i me my we us our you your he him his she her they
    them their who whom whose which what when where why how whether if because while although
    is are was were be been being am do does did doing done have has had having will would shall
    should can could may might must not no yes any all some each every both either neither such
    very too also just only same other another more most much many few s t th st nd rd
    ll ve re d o y ain isn aren wasn weren don doesn didn hasn haven hadn won wouldn shouldn couldn
    mustn ok okay please pls plz thanks thank thx hi hello hey dear well vs versus now
    whats whos wheres whens hows whys thats theres dont doesnt didnt isnt arent wasnt werent
    cant wont tho though
    """.split()
    )
    | CHAT_PARTICLES
    | OTHER_STOP_WORDS
)

# Words that frame a question without saying what it is about.
QUESTION_FRAME_WORDS: Final = frozenset(
    """
    ask asked asking say says said saying tell tells telling told mention mentioned mentions
    mentioning talk talked talking describe describes described describing explain explains
    explained explaining know knows knew known
    happen happens happened happening status info information detail details regarding concerning
    according thing things anything something everything kind sort type way ways exactly
    specifically particular actually really give me show list name named names summary summarize
    summarise overview question questions answer
    statement statements remark remarks comment comments quote quotes speech words view views
    value amount total figure figures size level sum extent scale article articles story piece
    text source sources purpose purposes reason reasons aim aims goal goals objective objectives
    significance meaning role besides except apart else get gets getting got date dates number
    numbers count counts tally
    gonna wanna gotta
    """.split()
)


_STEMMER = snowballstemmer.stemmer("english")
_STEM_CACHE: dict[str, str] = {}
# Snowball in pure Python costs tens of microseconds a word: each word is stemmed once.
_STEM_CACHE_LIMIT: Final = 1_000_000


def normalize(text: str) -> str:
    """Fold compatibility forms, curly quotes and dashes to one spelling, in lower case."""
    if text.isascii():
        # NFKC and the table only change non-ASCII characters.
        return text.lower()
    return unicodedata.normalize("NFKC", text).translate(_TRANSLATE).lower()


# simplemma's dictionary alone, without its guesses at words it lacks (affixes, prefixes).
_LOOKUP: Final = simplemma.Lemmatizer(lemmatization_strategy=DictionaryLookupStrategy())


def lemma(word: str, language: str = "en") -> str:
    """Return the dictionary form of one lower-case word of ``language`` (simplemma's tables),
    or the word itself where the dictionary lacks it.

    A word the dictionary lacks is in no word list as a lemma either; guessing one from its
    affixes costs several times the look-up, for names and typos above all.
    """
    return str(_LOOKUP.lemmatize(word, lang=language)).lower()


def stem(word: str) -> str:
    """Return the index term of one lower-case word: figures as digits, words lemmatised, stemmed.

    A name that mixes letters and figures ("s400", "g7", "2023-2026") is its own term, unchanged.
    """
    cached = _STEM_CACHE.get(word)
    if cached is not None:
        return cached
    if word in _ABBREVIATIONS:
        result = _ABBREVIATIONS[word]
    elif word in CHAT_SHORTHAND:
        result = stem(CHAT_SHORTHAND[word])
    elif word in NUMBER_WORDS:
        result = NUMBER_WORDS[word]
    elif word[0].isdigit() and _NUMBER.match(word):
        # A comma before three digits groups thousands ("1,500"); any other is a decimal comma,
        # as Russian writes it ("1,5 млрд" is 1.5 billion).
        result = _THOUSANDS_COMMA.sub("", word).replace(",", ".")
        if result.endswith(".0"):
            result = result[:-2]
    elif not word.isalpha():
        result = word
    elif not word.isascii():
        # Russian and Persian words get their own language's lemma (``bot.search.languages``).
        result = foreign_term(word)
    else:
        base = lemma(word)
        if len(base) <= 3:
            result = base
        elif base.endswith("ship") and len(base) > 8 and simplemma.is_known(base, lang="en"):
            # "partnership" and "partner", "relationship" and "relations" are one topic; a word
            # the dictionary lacks ("firstship", two question words joined) is no such noun.
            result = stem(base[: base.rindex("ship")])
        else:
            result = _STEMMER.stemWord(base)
    if len(_STEM_CACHE) < _STEM_CACHE_LIMIT:
        _STEM_CACHE[word] = result
    return result


def known_stems(candidates: Iterable[str]) -> dict[str, str]:
    """Return the stems of those ``candidates`` stemmed so far (the index cache keeps them)."""
    cache = _STEM_CACHE
    return {w: cache[w] for w in candidates if w in cache}


def remember_stems(stems: Mapping[str, str]) -> None:
    """Take stems worked out before by this same code, so they are not worked out again."""
    room = _STEM_CACHE_LIMIT - len(_STEM_CACHE)
    if room >= len(stems):
        _STEM_CACHE.update(stems)
    else:
        _STEM_CACHE.update(itertools.islice(stems.items(), max(room, 0)))


def words(text: str) -> list[str]:
    """Split text into lower-case words and symbol words, before stemming."""
    norm = normalize(text)
    if norm.isascii():
        raw = norm.encode("ascii")
        if not raw.translate(None, _NOT_RULE_BYTES):
            return raw.translate(_LETTERS_ONLY).decode("ascii").split()
    return rule_words(norm)


def rule_words(norm: str) -> list[str]:
    """Split normalised text into words by the token rules (``words`` without its fast path)."""
    out: list[str] = []
    for raw in _TOKEN.findall(norm):
        symbol = _SYMBOL_WORDS.get(raw)
        if symbol is not None:
            out.append(symbol)
            continue
        money = _MONEY_SUFFIX.match(raw)
        if money is not None:
            out.append(money.group(1))
            out.append(_MONEY_UNITS[money.group(2)])
            continue
        if raw.isalpha() or _NUMBER.match(raw):
            compound = None if raw.isascii() else compound_figure(raw)
            out.extend(compound or (raw,))
            continue
        ordinal = _ORDINAL_FIGURE.match(raw)
        if ordinal is not None:
            out.append(ordinal.group(1))
            continue
        runs = _RUN.findall(raw)
        if any(r[0].isdigit() for r in runs) and len(runs) > 1:
            # A name with figures is found by its whole name first, and by its parts too.
            out.append(_LETTER_FIGURE_HYPHEN.sub("", raw))
        out.extend(runs)
    if _ARABIC_SCRIPT.search(norm):
        return join_affixes(out)
    return out


def terms(text: str) -> list[str]:
    """Return the index terms of ``text``: words without stop words, stemmed."""
    return terms_of_words(words(text))


def terms_of_words(found: Iterable[str]) -> list[str]:
    """Return the index terms of words from ``words``: stop words dropped, the rest stemmed."""
    cache = _STEM_CACHE
    listed = found if isinstance(found, list) else list(found)
    return [
        cache.get(w) or stem(w)
        for at, w in enumerate(listed)
        if w not in STOP_WORDS
        and (len(w) > 1 or w.isdigit())
        # Asked of "own" alone: this reads every word of every paragraph when indexing.
        and (w != "own" or not after_possessive(listed, at))
    ]


# "Own" after a possessive ("its own terminal", "on their own") says nothing; as a verb ("who
# will own the cable") it is what the question asks.
_POSSESSIVES: Final = frozenset("my your his her its our their whose one s".split())


def after_possessive(found: Sequence[str], at: int) -> bool:
    """True when ``found[at]`` is "own" after a possessive, where it is a stop word."""
    return found[at] == "own" and at > 0 and found[at - 1] in _POSSESSIVES


# Words a noun or adjective follows, not a verb: an article, "this", "each", a possessive ("the
# state dinner", "its own"). Left out: "that" ("said that prices rose"), "one", and the "s" of
# "kellin's", which may be the "is" of "who's leading".
_DETERMINERS: Final = frozenset("a an the this these those each every another".split()) | (
    _POSSESSIVES - {"one", "s"}
)


def after_determiner(found: Sequence[str]) -> frozenset[str]:
    """The words of ``found`` that stand right after a determiner or a possessive."""
    return frozenset(w for before, w in itertools.pairwise(found) if before in _DETERMINERS)
