"""The word analysis of Russian and Persian: lemmas, stop words, numbers, one spelling.

English words are analysed in ``bot.search.textnorm``; this module gives every other supported
language its lemmas, stop words, number words and units, and Persian its one spelling.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Final

import cyrtranslit
import simplemma
import stop_words
import stopwordsiso

from bot.knowledge.languages import ENGLISH, PERSIAN, RUSSIAN

if TYPE_CHECKING:
    import pymorphy3

# One spelling for Persian: the Arabic forms of yeh and kaf, hamza seats and heh forms fold to
# what Persian keyboards type; vowel marks and the elongation stroke go; digits of either
# Eastern set become ASCII. The zero-width non-joiner goes too, so that "تحریم‌ها",
# "تحریمها" (typed without it) and the lemmatizer's entries meet.
PERSIAN_FOLD: Final = {
    "\u064a": "\u06cc",  # ي → ی
    "\u0649": "\u06cc",  # ى → ی
    "\u0626": "\u06cc",  # ئ → ی
    "\u0643": "\u06a9",  # ك → ک
    "\u0629": "\u0647",  # ة → ه
    "\u06c0": "\u0647",  # ۀ → ه
    "\u0623": "\u0627",  # أ → ا
    "\u0625": "\u0627",  # إ → ا
    "\u0622": "\u0627",  # آ → ا
    "\u0624": "\u0648",  # ؤ → و
    "\u0640": "",  # tatweel
    "\u200c": "",  # zero-width non-joiner
    **{chr(c): "" for c in range(0x064B, 0x0660)},  # harakat
    "\u0670": "",
    **{chr(0x06F0 + d): str(d) for d in range(10)},
    **{chr(0x0660 + d): str(d) for d in range(10)},
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
}
CYRILLIC_FOLD: Final = {"ё": "е", "Ё": "Е"}

# Persian writes the verb prefix and plural and comparative suffixes joined by a non-joiner,
# and "ای" after a final "ه"; typed with a space instead, they are joined back so the word
# reads as one.
_PERSIAN_PREFIXES: Final = frozenset({"می", "نمی"})
_PERSIAN_SUFFIXES: Final = frozenset({"ها", "های", "هایی", "هایش", "تر", "ترین"})
_PERSIAN_SUFFIX_ORDER: Final = sorted(_PERSIAN_SUFFIXES, key=len, reverse=True)

# Units and number words: one term across languages, so figures carry from one to another.
_UNITS: Final = {
    RUSSIAN: {
        "доллар": "dollar",
        "евро": "euro",
        "процент": "percent",
        "млн": "million",
        "миллион": "million",
        "млрд": "billion",
        "миллиард": "billion",
        "тыс": "thousand",
        "тысяча": "thousand",
        "рубль": "ruble",
        "риал": "rial",
    },
    PERSIAN: {
        "دلار": "dollar",
        "یورو": "euro",
        "درصد": "percent",
        "میلیون": "million",
        "میلیارد": "billion",
        "هزار": "thousand",
        "ریال": "rial",
        "روبل": "ruble",
    },
}
_NUMBERS: Final = {
    RUSSIAN: (
        "один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать",
        {"двадцать": "20", "тридцать": "30", "сорок": "40", "пятьдесят": "50", "сто": "100"},
        "первый второй третий четвёртый пятый шестой седьмой восьмой девятый десятый",
    ),
    PERSIAN: (
        "یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده",
        {"بیست": "20", "سی": "30", "چهل": "40", "پنجاه": "50", "صد": "100"},
        "اول دوم سوم چهارم پنجم ششم هفتم هشتم نهم دهم",
    ),
}


# Units of time, as their index terms.
TIME_UNITS: Final = {
    RUSSIAN: frozenset("секунда минута час сутки день неделя месяц год век".split()),
    PERSIAN: frozenset("ثانیه دقیقه ساعت روز هفته ماه سال قرن".split()),
}
# The unit of years, whose count ("сколько лет") a calendar year ("2023 года") does not give.
YEAR_UNITS: Final = frozenset({"year", "год", "سال"})
# A figure before one of these counts years too: "the 30th anniversary" is thirty years.
YEARS_COUNTED: Final = frozenset({"anniversari", "годовщина", "سالگرد"})


# A Russian adjective of a figure and a unit of time ("двухдневный", "пятилетний") gives both:
# the figure's stem as it stands in such words, and the unit's root.
_RUSSIAN_COMPOUND_FIGURES: Final = {
    "одно": "1",
    "двух": "2",
    "трех": "3",
    "четырех": "4",
    **{
        w[:-1] + "и": str(n)
        for n, w in enumerate(
            "пять шесть семь восемь девять десять одиннадцать двенадцать тринадцать "
            "четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать "
            "двадцать".split(),
            start=5,
        )
    },
    "тридцати": "30",
    "сорока": "40",
    "пятидесяти": "50",
    "сто": "100",
}
_RUSSIAN_COMPOUND_UNITS: Final = {
    "секундн": "секунда",
    "минутн": "минута",
    "часов": "час",
    "суточн": "сутки",
    "дневн": "день",
    "недельн": "неделя",
    "месячн": "месяц",
    "летн": "год",
}
_RUSSIAN_COMPOUND: Final = re.compile(
    "^({})({})".format(
        "|".join(sorted(_RUSSIAN_COMPOUND_FIGURES, key=len, reverse=True)),
        "|".join(_RUSSIAN_COMPOUND_UNITS),
    )
)


def compound_figure(word: str) -> tuple[str, str] | None:
    """The figure and unit of time a Russian compound adjective holds, or None.

    "двухдневным" → ("2", "день"), so "сколько дней" finds "a two-day visit" as "two days" does.
    """
    match = _RUSSIAN_COMPOUND.match(word)
    if match is None:
        return None
    return _RUSSIAN_COMPOUND_FIGURES[match.group(1)], _RUSSIAN_COMPOUND_UNITS[match.group(2)]


# A Russian noun and the adjective made of it ("паром" and "паромный", "банк" and "банковский",
# "экономика" and "экономический"): the adjective's endings, longest first, and the endings its
# noun may have.
_ADJECTIVE_ENDINGS: Final = (
    "ический",
    "овский",
    "евский",
    "овый",
    "овой",
    "евый",
    "евой",
    "яной",
    "аный",
    "ский",
    "ской",
    "ный",
    "ной",
    "ний",
)
_NOUN_ENDINGS: Final = ("", "а", "я", "ь", "о", "ы", "ика")
_SHORTEST_ROOT: Final = 4


def russian_relatives(word: str) -> tuple[str, ...]:
    """The words a Russian noun's adjective or an adjective's noun could be, as dictionary forms.

    A verb and its reflexive form are one word too ("открыть", "открыться"). Which of them are
    real is for the caller to check against the words the sources use.
    """
    if word.endswith(("ться", "тись", "чься")):
        return (word[:-2],)
    if word.endswith(("ть", "ти", "чь")):
        return (word + ("сь" if word.endswith("ти") else "ся"),)
    for ending in _ADJECTIVE_ENDINGS:
        root = word.removesuffix(ending)
        if root != word:
            if len(root) < _SHORTEST_ROOT:
                return ()
            return tuple(root + e for e in _NOUN_ENDINGS)
    last = 3 if word.endswith("ика") else 1 if word[-1:] in "аяоеьйыи" else 0
    root = word[: len(word) - last]
    if len(root) < _SHORTEST_ROOT:
        return ()
    return tuple(root + e for e in _ADJECTIVE_ENDINGS)


def _number_words(language: str) -> dict[str, str]:
    """The cardinal number words of ``language``, as their digits.

    Ordinals ("первый", "دوم") stay words: "за первый год" counts no years.
    """
    units, tens, _ = _NUMBERS[language]
    out = {w: str(i) for i, w in enumerate(units.split(), start=1)}
    out.update(tens)
    return {fold(w): n for w, n in out.items()}


def _ordinal_words(language: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _NUMBERS[language][2].split())


_TRANSLATE: Final = str.maketrans({**PERSIAN_FOLD, **CYRILLIC_FOLD})


def fold(text: str) -> str:
    """Fold Persian letter forms, digits and non-joiners, and Russian ё, to one spelling."""
    return text.translate(_TRANSLATE)


def script_of(word: str) -> str | None:
    """Return the language a word's script stands for here (en, ru or fa), or None."""
    for ch in word:
        if "a" <= ch <= "z" or "A" <= ch <= "Z":
            return ENGLISH
        if "\u0400" <= ch <= "\u04ff":
            return RUSSIAN
        if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff":
            return PERSIAN
    return None


_LATIN_WORD: Final = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)*")
# Words this short read as a word of either language ("a", "i", "v", "to"): they decide nothing.
_MIN_TELLING: Final = 3
# The Cyrillic letters a Latin letter or group can stand for, likeliest first. People type Russian
# in Latin letters by no one scheme: "shch", "sch" and "sh" all start a word, "y" is "ы" or "й",
# and the soft sign is mostly left out ("skolko"); of the spellings these allow, the one the
# dictionary knows is the word.
_LATIN_LETTERS: Final = {
    "shch": ("щ",),
    "sch": ("щ", "сч"),
    "zh": ("ж",),
    "kh": ("х",),
    "ch": ("ч",),
    "sh": ("ш",),
    "ts": ("ц", "тс"),
    "tc": ("ц", "тц"),
    "ya": ("я", "ыа"),
    "ja": ("я",),
    "ia": ("я", "иа"),
    "yu": ("ю", "ыу"),
    "ju": ("ю",),
    "iu": ("ю", "иу"),
    "yo": ("ё", "йо"),
    "jo": ("ё",),
    "ye": ("е", "ые"),
    "je": ("е",),
    "y": ("ы", "й", "и"),
    "j": ("й", "ж"),
    "i": ("и", "й"),
    "e": ("е", "э"),
    "x": ("кс", "х"),
    "h": ("х",),
    "c": ("ц", "к", "ч"),
    "w": ("в",),
    "q": ("к",),
    "'": ("ь",),
    **{
        latin: (cyrillic,)
        for latin, cyrillic in zip("abvgdzklmnoprstuf", "абвгдзклмнопрстуф", strict=True)
    },
}
_LATIN_GROUPS: Final = sorted(_LATIN_LETTERS, key=len, reverse=True)
# Spellings of one word tried at most, before and again with a soft sign put in.
_MAX_SPELLINGS: Final = 256
_CONSONANTS: Final = frozenset("бвгджзклмнпрстфхцчшщ")


def _spellings(word: str) -> list[str]:
    """The Cyrillic spellings a lower-case Latin word allows, likeliest first."""
    options: list[tuple[str, ...]] = []
    at = 0
    while at < len(word):
        group = next((g for g in _LATIN_GROUPS if word.startswith(g, at)), None)
        if group is None:
            return []
        options.append(_LATIN_LETTERS[group])
        at += len(group)
    return ["".join(p) for p in itertools.islice(itertools.product(*options), _MAX_SPELLINGS)]


@functools.lru_cache(maxsize=4096)
def cyrillic_word(word: str) -> str | None:
    """The Russian word a lower-case Latin word spells, as the dictionary knows it, or None.

    A spelling the letters allow is taken first; then the same with a soft sign after a consonant.
    """
    spellings = _spellings(word)
    morph = _morph()
    for spelling in spellings:
        if morph.word_is_known(spelling):
            return spelling
    for spelling in spellings[:8]:
        for at in range(1, len(spelling) + 1):
            if spelling[at - 1] in _CONSONANTS:
                softened = spelling[:at] + "ь" + spelling[at:]
                if morph.word_is_known(softened):
                    return softened
    return None


# The grammemes of people's names in pymorphy3's dictionary (first names, surnames,
# patronymics), and of all proper names: those and places, organisations and trade marks.
_PERSON_TAGS: Final = frozenset({"Name", "Surn", "Patr"})
_PLACE_TAGS: Final = frozenset({"Geox", "Orgn"})
_NAME_GRAMMEMES: Final = _PERSON_TAGS | _PLACE_TAGS | frozenset({"Trad"})


def names_place(word: str) -> bool:
    """True when every reading of a capitalised Russian word is a place or an organisation
    ("Ирана", "Беларуси"): before a person's name it says whose office they hold, not who."""
    readings = _readings(word.lower())
    return bool(readings) and all(not _PLACE_TAGS.isdisjoint(p.tag.grammemes) for p in readings)


def _may_be_a_name(word: str) -> bool:
    """True when a Russian word may be a person's name ("путин", "лавров": a surname among other
    readings) or can only be a proper name: spelled the same in either alphabet, it tells no
    language.
    """
    readings = _readings(word)
    return bool(readings) and (
        any(not _PERSON_TAGS.isdisjoint(p.tag.grammemes) for p in readings)
        or all(not _NAME_GRAMMEMES.isdisjoint(p.tag.grammemes) for p in readings)
    )


@functools.lru_cache(maxsize=1024)
def typed_in_latin(text: str) -> str | None:
    """The Cyrillic spelling of ``text`` when it is Russian typed in Latin letters, else None.

    It is when, of its words longer than two letters, at least half are Russian words once spelled
    in Cyrillic (``cyrillic_word``, pymorphy3's dictionary) and not English ones (simplemma's
    words, but for rare ones that spell a Russian word), and no fewer than are English.
    """
    # The word vectors' module reads this module's analysis: it is imported when first needed.
    from bot.search.wordvectors import is_common_english  # noqa: PLC0415

    if any(not c.isascii() for c in text if c.isalpha()):
        return None
    telling = [w for w in _LATIN_WORD.findall(text.lower()) if len(w) >= _MIN_TELLING]
    # A rare English word that spells a Russian one ("privet") is the Russian word.
    known = {
        w: simplemma.is_known(w, lang=ENGLISH)
        and (is_common_english(w) or cyrillic_word(w) is None)
        for w in telling
    }
    if sum(known[w] for w in telling) * 2 > len(telling):
        # Mostly English whatever its names are: their spellings need not be looked up.
        return None
    # A name ("lukashenko", "putin") is spelled in either alphabet: it tells no language.
    found = [
        w
        for w in telling
        if known[w] or not ((spelled := cyrillic_word(w)) and _may_be_a_name(spelled))
    ]
    if not found:
        return None
    english = [known[w] for w in found]
    if sum(english) * 2 > len(found):
        return None
    russian = sum(
        not known and cyrillic_word(w) is not None for w, known in zip(found, english, strict=True)
    )
    # A tie is English, the language questions are most often typed in: "can i go on a mondy"
    # is one English word against one slip that happens to spell a Russian word.
    if russian * 2 < len(found) or russian <= sum(english):
        return None
    return _LATIN_WORD.sub(lambda m: _with_case(m.group(), _spelled(m.group().lower())), text)


def _spelled(word: str) -> str:
    """A lower-case Latin word in Cyrillic: the Russian word it spells, else its likeliest spelling.

    A word the dictionary does not know (a name) takes the likeliest spelling ("khamenei" is
    "хаменеи"); one no spelling fits, cyrtranslit's Russian table.
    """
    found = cyrillic_word(word)
    if found is not None:
        return found
    spellings = _spellings(word)
    return spellings[0] if spellings else str(cyrtranslit.to_cyrillic(word, RUSSIAN))


def _with_case(typed: str, cyrillic: str) -> str:
    """``cyrillic`` capitalised as ``typed`` is ("Lukashenko" → "Лукашенко")."""
    return cyrillic[:1].upper() + cyrillic[1:] if typed[:1].isupper() else cyrillic


def join_affixes(tokens: list[str]) -> list[str]:
    """Join Persian verb prefixes and plural suffixes typed as separate words to their word."""
    out: list[str] = []
    glue = False
    for token in tokens:
        after_prefix = glue and script_of(token) == PERSIAN
        suffix = (
            out
            and script_of(out[-1]) == PERSIAN
            and (token in _PERSIAN_SUFFIXES or (token == "ای" and out[-1].endswith("ه")))
        )
        if after_prefix or suffix:
            out[-1] += token
        else:
            out.append(token)
        glue = token in _PERSIAN_PREFIXES
    return out


@functools.cache
def _morph() -> pymorphy3.MorphAnalyzer:
    import pymorphy3  # noqa: PLC0415  (its dictionaries load only when Russian is met)

    return pymorphy3.MorphAnalyzer()


def _readings(word: str) -> list[pymorphy3.analyzer.Parse]:
    """pymorphy3's readings of ``word``, none for a word with a letter Unicode gives no name
    (a Tangut or Khitan character), on which pymorphy3's check of the alphabet fails."""
    if any(c.isalpha() and not unicodedata.name(c, "") for c in word):
        return []
    return list(_morph().parse(word))


@functools.cache
def _tables(language: str) -> tuple[dict[str, str], dict[str, str]]:
    return _UNITS[language], _number_words(language)


def lemma(word: str, language: str) -> str:
    """Return the index term of one lower-case, folded word of ``language`` (ru or fa).

    Russian words become their dictionary form (pymorphy3), Persian ones their lemma
    (simplemma); number words become digits and units one term shared by every language.
    """
    units, numbers = _tables(language)
    if word in units:
        return units[word]
    if word in numbers:
        return numbers[word]
    if language == RUSSIAN:
        readings = _readings(word)
        base = fold(readings[0].normal_form) if readings else word
    elif word[:-1] in TIME_UNITS[PERSIAN] and word.endswith("ه"):
        # "دو روزه", "ده ساله": a unit of time with "ه" is "lasting so long", the unit itself.
        base = word[:-1]
    else:
        base = _persian_lemma(word)
    return units.get(base) or numbers.get(base) or base


def russian_person_noun(word: str) -> bool:
    """True when a folded Russian word is a noun for living beings ("работников", "жителей")."""
    readings = _readings(word)
    return bool(readings) and readings[0].tag.POS == "NOUN" and readings[0].tag.animacy == "anim"


def russian_verb(word: str) -> tuple[str, bool] | None:
    """A folded Russian finite verb as its index term and whether it is in the past tense
    ("обошлась": ("обойтись", True), "обойдется": ("обойтись", False)); None for other words
    (pymorphy3's reading)."""
    readings = _readings(word)
    if not readings or readings[0].tag.POS != "VERB" or readings[0].tag.tense is None:
        return None
    parsed = readings[0]
    return lemma(word, RUSSIAN), parsed.tag.tense == "past"


def is_known_word(word: str, language: str) -> bool:
    """True when the lemmatizer's dictionary has ``word`` or the word its affixes are put on.

    A Persian word also counts with the indefinite "ی" ("رقمی", "a figure") on a dictionary word;
    its lemma keeps the "ی", which ends names too ("رئیسی").
    """
    if language == RUSSIAN:
        return bool(_morph().word_is_known(word))
    if _in_dictionary(word) is not None:
        return True
    base = _persian_lemma(word)
    if base != word and _in_dictionary(base) is not None:
        return True
    return indefinite_base(word) is not None


def indefinite_base(word: str) -> str | None:
    """The dictionary word a Persian word is with the indefinite "ی" put on ("رقمی"), or None."""
    for suffix in ("ای", "ی"):
        base = word.removesuffix(suffix)
        if base != word and len(base) >= 2 and _in_dictionary(base) is not None:
            return base
    return None


def _in_dictionary(word: str) -> str | None:
    """The spelling under which simplemma's Persian dictionary has a folded word, or None.

    Folding writes the madda "آ" as "ا", as many type it; the dictionary keeps it ("آینده").
    """
    if simplemma.is_known(word, lang=PERSIAN):
        return word
    if word.startswith("ا"):
        madda = "آ" + word[1:]
        if simplemma.is_known(madda, lang=PERSIAN):
            return madda
    return None


_CAPITALISED_CYRILLIC: Final = re.compile(r"(?<=\S)\s+([А-ЯЁ][а-яё]+)")


def names_russian_person(text: str) -> bool:
    """True when a Russian sentence names a person: a capitalised word past its first that the
    dictionary reads as a first name, surname or patronymic, or does not know (a foreign name).
    """
    morph = None
    for match in _CAPITALISED_CYRILLIC.finditer(text):
        morph = morph or _morph()
        word = match.group(1)
        if not morph.word_is_known(word.lower()):
            return True
        if any(_PERSON_TAGS & p.tag.grammemes for p in morph.parse(word)[:3]):
            return True
    return False


def _persian_lemma(word: str) -> str:
    """Return a Persian word's lemma, verbs as their past stem ("گفتن" and "گفت" are one).

    A word the lemmatizer does not know loses a plural or comparative suffix or the "ای"
    after a final "ه" (a form the dictionary knows first), or the verb prefix when the
    dictionary knows what is left.
    """
    spelled = _in_dictionary(word)
    if spelled is None:
        cut = [
            word[: -len(suffix)]
            for suffix in _PERSIAN_SUFFIX_ORDER
            if word.endswith(suffix) and len(word) - len(suffix) >= 2
        ]
        if word.endswith("های") and len(word) >= 5:
            cut.append(word[:-2])
        if cut:
            known = [c for c in cut if _in_dictionary(c) is not None]
            return _persian_lemma((known or cut)[0])
        for prefix in ("نمی", "می"):
            rest = word[len(prefix) :]
            # A prefix alone ("نمی") leaves nothing to look up.
            if rest and word.startswith(prefix) and _in_dictionary(rest) is not None:
                return _persian_lemma(rest)
    base = fold(simplemma.lemmatize(spelled or word, lang=PERSIAN))
    # An infinitive is the past stem and "ن": "کردن" and "کرد" are one verb.
    if len(base) >= 4 and base[-1] == "ن" and base[-2] in "تد":
        return base[:-1]
    return base


def term(word: str) -> str:
    """Return the index term of a lower-case, folded non-English word, by its script."""
    language = script_of(word)
    if language in (RUSSIAN, PERSIAN):
        return lemma(word, language)
    return word


@functools.cache
def stop_words_of(language: str) -> frozenset[str]:
    """Return the stop words of ``language`` (ru from stop-words, fa from stopwords-iso), folded.

    Figures, number words and units of time stay out: a question about "seven documents" is
    about seven, and "сколько лет" (how many years) wants a figure of years, as English counts
    "years" and "days" among its words.
    """
    if language == RUSSIAN:
        found: Iterable[str] = stop_words.get_stop_words("ru")
    elif language == PERSIAN:
        found = stopwordsiso.stopwords("fa")
    else:
        return frozenset()
    numbers = _number_words(language).keys() | _ordinal_words(language)
    units = _UNITS[language]
    times = TIME_UNITS[language]
    folded = (fold(w.lower()) for w in found)
    return frozenset(
        w
        for w in folded
        if w
        and not any(c.isdigit() for c in w)
        and w not in numbers
        and w not in units
        and lemma(w, language) not in times
    )


OTHER_STOP_WORDS: Final = stop_words_of(RUSSIAN) | stop_words_of(PERSIAN)
