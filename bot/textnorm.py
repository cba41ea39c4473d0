"""Text normalisation shared by indexing and questions: one spelling for quotes, dashes, money."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Final

import snowballstemmer

_TRANSLATE: Final = str.maketrans(
    {
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
    r"[$€£%]|\d+(?:[.,]\d+)*(?:bn|mln|m|b|k)(?![^\W_])|\d+(?:[.,]\d+)*|[^\W\d_]+"
)
_ORDINAL_SUFFIX: Final = frozenset({"st", "nd", "rd", "th"})
# ASCII text without digits, "$" or "%" takes the fast path of ``words``: no symbol, figure or
# ordinal rule applies, and the words are the runs of letters.
_NOT_RULE_BYTES: Final = bytes(b for b in range(256) if b not in b"0123456789$%")
_LETTERS_ONLY: Final = bytes(b if 97 <= b <= 122 else 32 for b in range(256))
_MONEY_SUFFIX: Final = re.compile(r"^(\d+(?:[.,]\d+)*)(bn|mln|m|b|k)$")
_MONEY_UNITS: Final = {
    "m": "million",
    "mln": "million",
    "bn": "billion",
    "b": "billion",
    "k": "thousand",
}

NUMBER_WORDS: Final = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "thirteen": "13",
    "fourteen": "14",
    "fifteen": "15",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "hundred": "100",
    "first": "1",
    "second": "2",
    "third": "3",
    "thirtieth": "30",
}

_IRREGULAR: Final = {
    "dollars": "dollar",
    "usd": "dollar",
    "bucks": "dollar",
    "said": "say",
    "says": "say",
    "wrote": "write",
    "written": "write",
    "met": "meet",
    "came": "come",
    "saw": "see",
    "seen": "see",
    "got": "get",
    "brought": "bring",
    "bought": "buy",
    "thought": "think",
    "found": "find",
    "left": "leave",
    "built": "build",
    "chose": "choose",
    "chosen": "choose",
    "won": "win",
    "lost": "lose",
    "kept": "keep",
    "sent": "send",
    "spent": "spend",
    "struck": "strike",
    "broke": "break",
    "broken": "break",
    "drew": "draw",
    "drawn": "draw",
    "flew": "fly",
    "ran": "run",
    "sold": "sell",
    "began": "begin",
    "begun": "begin",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "made": "make",
    "held": "hold",
    "led": "lead",
    "went": "go",
    "gone": "go",
    "grew": "grow",
    "grown": "grow",
    "rose": "rise",
    "risen": "rise",
    "fell": "fall",
    "fallen": "fall",
    "paid": "pay",
    "sought": "seek",
    "spoke": "speak",
    "spoken": "speak",
    "signatories": "sign",
    "signatory": "sign",
    "signature": "sign",
    "signatures": "sign",
    "members": "member",
    "exceeded": "exceed",
    "bn": "billion",
    "mln": "million",
}

STOP_WORDS: Final = frozenset(
    """
    a an the and or but nor so yet of to in on at by for from with about as into onto over under
    between among through during before after above below up down out off than then there here
    this that these those it its it's itself i me my we our you your he him his she her they
    them their who whom whose which what when where why how whether if because while although
    is are was were be been being am do does did doing done have has had having will would shall
    should can could may might must not no yes any all some each every both either neither such
    very too also just only own same other another more most much many few s t th st nd rd
    ll ve re d o y ain isn aren wasn weren don doesn didn hasn haven hadn won wouldn shouldn couldn
    mustn ok okay please thanks thank hi hello hey dear
    """.split()
)

# Words that frame a question without saying what it is about.
QUESTION_FRAME_WORDS: Final = frozenset(
    """
    ask asked asking say says said saying tell tells telling told mention mentioned mentions
    mentioning discuss discussed discussing talk talked talking describe described explain
    explained know known
    happen happened happening status info information detail details regarding concerning
    according thing things anything something everything kind sort type way ways exactly
    specifically particular actually really give me show list name named names summary summarize
    summarise overview question questions answer
    statement statements remark remarks comment comments quote quotes speech words view views
    value amount total figure figures size level sum extent scale article articles story piece
    text source sources purpose purposes reason reasons aim aims goal goals objective objectives
    significance meaning role besides except apart get gets getting got
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


def stem(word: str) -> str:
    """Return the index term for one lower-case word: numbers as digits, English words stemmed."""
    cached = _STEM_CACHE.get(word)
    if cached is not None:
        return cached
    if word in _IRREGULAR:
        result = _IRREGULAR[word]
    elif word in NUMBER_WORDS:
        result = NUMBER_WORDS[word]
    elif word[0].isdigit():
        result = word.replace(",", "")
        if result.endswith(".0"):
            result = result[:-2]
    elif len(word) <= 3:
        result = word
    elif word.endswith(("ship", "ships")) and len(word) > 8:
        # "partnership" and "partner", "relationship" and "relations" are one topic.
        result = stem(word[: word.rindex("ship")])
    else:
        result = _STEMMER.stemWord(word)
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
        if raw in _ORDINAL_SUFFIX and out and out[-1][0].isdigit():
            continue
        out.append(raw)
    return out


def terms(text: str) -> list[str]:
    """Return the index terms of ``text``: words without stop words, stemmed."""
    return terms_of_words(words(text))


def terms_of_words(found: Iterable[str]) -> list[str]:
    """Return the index terms of words from ``words``: stop words dropped, the rest stemmed."""
    cache = _STEM_CACHE
    return [
        cache.get(w) or stem(w)
        for w in found
        if w not in STOP_WORDS and (len(w) > 1 or w.isdigit())
    ]
