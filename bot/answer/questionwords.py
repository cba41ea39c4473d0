"""Question words of Russian and Persian: the kind of answer a question asks for, and its frame.

Kinds are the values of ``bot.answer.questions.Kind``. Patterns are tried in order on the question
folded and in lower case (see ``bot.search.textnorm.normalize``), as the English ones are.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final

from bot.knowledge.languages import PERSIAN, RUSSIAN
from bot.search.features import RUSSIAN_SPEECH_VERBS
from bot.search.languages import (
    TIME_UNITS,
    fold,
    indefinite_base,
    is_known_word,
    lemma,
    script_of,
    term,
)

_KINDS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    RUSSIAN: (
        ("count", r"\bсколько\b|\bкакое\s+(?:количество|число)\b|\bчисло\b|\bколичество\b"),
        (
            "amount",
            r"\bкаков[аоы]?\b.*\b(?:объем|сумма|стоимость|размер|величина)|"
            r"\bкак(?:ой|ая|ое|ов[а-я]*)\s+(?:\w+\s+)?(?:объем|сумма|стоимость|размер|величина)\b",
        ),
        (
            "when",
            r"\bкогда\b|\bв\s+как(?:ом|ой|ую|ие)\s+(?:году|месяце|день|дату|время)\b|"
            r"\bкакого\s+числа\b|\bкакая\s+дата\b|\bдат[аеуы]\b|\bс\s+какого\s+времени\b",
        ),
        (
            "where",
            r"\bгде\b|\bкуда\b|\bоткуда\b|\bв\s+каком\s+(?:городе|месте|стране)\b|"
            r"\bв\s+какой\s+стране\b",
        ),
        (
            "why",
            r"\bпочему\b|\bзачем\b|\bс\s+какой\s+целью\b|\bдля\s+чего\b|\bкакова\s+цель\b|"
            r"\bпо\s+какой\s+причине\b|\bради\s+чего\b",
        ),
        ("who", r"\bкто\b|\bкем\b|\bкого\b|\bкому\b|\bчей\b|\bчья\b|\bчьи\b"),
        (
            "say",
            # Asking and urging report words as saying does ("о чём просил", "что предложил").
            rf"\b(?:{RUSSIAN_SPEECH_VERBS}|говорил|высказал|по\s+словам|заявлени|слова|"
            r"(?:по)?требовал|предлагал|призывал|обещал)",
        ),
        ("yesno", r"\bли\b|^(?:правда|верно)\b"),
        ("list", r"^(?:какие|каких|перечисли|назови|в\s+каких|по\s+каким)\b"),
    ),
    PERSIAN: (
        ("count", r"\bچند\b|\bچه\s+تعداد\b|\bتعداد\b"),
        ("amount", r"\bچقدر\b|\bچه\s+مقدار\b|\bمیزان\b|\bحجم\b|\bارزش\b"),
        (
            "when",
            r"\bکی\b|\bچه\s+(?:زمانی|زمان|تاریخی|روزی|سالی|ماهی)\b|\bدر\s+چه\s+(?:سال|روز|ماه|تاریخ)|"
            r"\bتاریخ\b|\bچه\s+وقت\b",
        ),
        ("where", r"\bکجا\b|\bکجاست\b|\bدر\s+کدام\s+(?:شهر|کشور|مکان)\b|\bچه\s+شهری\b"),
        ("why", r"\bچرا\b|\bبه\s+چه\s+دلیل\b|\bبه\s+چه\s+منظور\b|\bبرای\s+چه\b|\bهدف\b"),
        ("who", r"\bچه\s+کس(?:ی|انی)\b|\bکیست\b|\bچه\s+شخصی\b|\bکدام\s+(?:شخص|مقام)"),
        ("say", r"گفت|\bاظهار\b|\bتاکید\b|\bسخن\b|\bبه\s+گفته\b|\bنظر\b"),
        ("yesno", r"^ایا\b"),
        ("list", r"\bکدام\b|\bچه\s+\S+(?:هایی|هائی)\b"),
    ),
}


def _compiled(
    tables: dict[str, tuple[tuple[str, str], ...]],
) -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    """Each language's (name, pattern) pairs, the patterns compiled on folded letters."""
    return {
        language: tuple((name, re.compile(fold(pattern))) for name, pattern in table)
        for language, table in tables.items()
    }


_COMPILED: Final = _compiled(_KINDS)
# Questions about a document itself: who wrote it, who published it, when it came out. As in
# English, "when" asks about the document only when it names one ("когда вышла статья").
_DOC_NOUN_RU: Final = r"(?:стать|материал|текст|новост|заметк|публикаци|репортаж|пересказ)"
_DOC_NOUN_FA: Final = r"(?:مقاله|خبر|گزارش|متن)"
_META: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    RUSSIAN: (
        ("author", r"\bавтор|\bкто\s+(?:написал|написала)\b"),
        (
            "publisher",
            r"\bиздател|\bкто\s+опубликовал|\bкакое\s+(?:издание|сми|агентство)\b|"
            r"\bв\s+каком\s+(?:издании|сми|агентстве)\b",
        ),
        ("published", rf"\bкогда\b.*\b(?:опубликова|вышл|вышел|напечата).*{_DOC_NOUN_RU}"),
        ("published", rf"\bкогда\b.*{_DOC_NOUN_RU}.*\b(?:опубликова|вышл|вышел|напечата)"),
    ),
    PERSIAN: (
        ("author", rf"نویسنده|چه\s+کسی\s+.*{_DOC_NOUN_FA}.*نوشت"),
        ("publisher", r"ناشر|(?:کدام|چه)\s+(?:رسانه|خبرگزاری|نشریه|روزنامه)"),
        ("published", rf"(?:\bکی\b|چه\s+(?:زمانی|تاریخی|روزی)).*منتشر|{_DOC_NOUN_FA}.*کی\s+منتشر"),
    ),
}
_META_COMPILED: Final = _compiled(_META)


def meta_asked(text: str, language: str) -> str | None:
    """Which fact about a document a normalised Russian or Persian question asks for, if any:
    "author", "publisher" or "published"."""
    for meta, pattern in _META_COMPILED.get(language, ()):
        if pattern.search(text):
            return meta
    return None


# Words that frame a question without saying what it is about, as their lemmas: the question
# words themselves, verbs of saying and knowing, and, as in the English list
# (``bot.search.textnorm.QUESTION_FRAME_WORDS``), the names of what is asked for: a name, an amount,
# a reason, the article itself, and the words of lasting ("сколько длился": ``lasting_units``
# asks for the figure instead). "Являться" is the copula of written Russian, "is" of "кто является
# президентом", which the stop-word list (with "быть") lacks.
_FRAME: Final = {
    RUSSIAN: "кто что какой каков который чей сколько где куда откуда когда почему зачем ли "
    "являться "
    "сказать заявить говорить рассказать подсказать объяснить напомнить сообщить отметить "
    "упомянуть известный "
    "информация подробность знать происходить "
    "называться название имя значение сумма размер величина уровень цифра "
    "цель причина статья текст источник вопрос ответ длиться продлиться продолжаться долго",
    PERSIAN: "چه چی چیست کدام کی کیست کجا کجاست چرا چند چقدر چگونه چطور ایا "
    "گفت اظهار بیان دانست اطلاعات "
    "نام اسم مقدار اندازه رقم هدف دلیل علت مقاله متن منبع پرسش سوال پاسخ مدت",
}
_FRAME_TERMS: Final = {
    language: frozenset(lemma(fold(w), language) for w in words.split())
    for language, words in _FRAME.items()
}


# Requests no news source answers, as the English list of ``bot.answer.questions`` has them.
_CHITCHAT: Final = {
    RUSSIAN: "шутка анекдот стих стихотворение песня рецепт фильм кино гороскоп загадка погода "
    "прогноз",
    PERSIAN: "جوک لطیفه شعر ترانه آهنگ دستور فیلم طالع معما هوا",
}
_CHITCHAT_TERMS: Final = frozenset(
    lemma(fold(w), language) for language, words in _CHITCHAT.items() for w in words.split()
)


# "Сколько лет", "چند روز" ask for a figure of that unit of time ("двадцать лет"), as "how long"
# does in English.
_HOW_MANY: Final = {RUSSIAN: frozenset({"сколько"}), PERSIAN: frozenset({"چند"})}


def _counted_words(words: Iterable[str], language: str) -> Iterator[str]:
    """Each word of ``language`` right after a word asking how many ("сколько", "چند")."""
    for before, word in itertools.pairwise(words):
        if before in _HOW_MANY[language] and script_of(word) == language:
            yield word


def counted_time_unit(words: Iterable[str], language: str) -> str | None:
    """The index term of the unit of time a question counts ("сколько лет" → "год"), or None."""
    units = TIME_UNITS.get(language)
    if units is None:
        return None
    return next(
        (unit for w in _counted_words(words, language) if (unit := lemma(w, language)) in units),
        None,
    )


def counted_word(words: Iterable[str], language: str) -> str | None:
    """The word right after a Russian or Persian word asking how many ("сколько документов",
    "چند سند"), or None."""
    return next(_counted_words(words, language), None) if language in _HOW_MANY else None


def counted_noun(words: Iterable[str], language: str) -> str | None:
    """The word a Russian question counts ("сколько работников": "работников"), or None."""
    return counted_word(words, language) if language == RUSSIAN else None


# "Сколько длился визит", "چه مدت طول کشید": how long something lasts, a figure of any unit of
# time, as "how long" asks in English. The words of lasting, as lemmas, and the question words
# that ask how long with them.
_LASTING: Final = {
    RUSSIAN: frozenset({"длиться", "продлиться", "продолжаться", "долго"}),
    PERSIAN: frozenset({"مدت", "طول"}),
}
_HOW_LONG: Final = {
    RUSSIAN: frozenset({"сколько", "долго"}),
    PERSIAN: frozenset({"چه", "چقدر", "چند"}),
}


def lasting_units(words: Iterable[str], language: str) -> frozenset[str]:
    """The units of time a Russian or Persian question asks a figure of when it asks how long
    something lasts (all of them), else none.
    """
    if language not in _LASTING:
        return frozenset()
    own = [w for w in words if script_of(w) == language]
    asked = any(w in _HOW_LONG[language] for w in own) and any(
        lemma(w, language) in _LASTING[language] for w in own
    )
    return TIME_UNITS[language] if asked else frozenset()


# "Как называется паром", "نام کشتی چیست": the question asks for a name.
_NAME_ASKED: Final = {
    RUSSIAN: re.compile(r"\bкак\s+(?:называ\w*|назван\w*|зов\w*)\b|\bназвани[еяю]\b"),
    PERSIAN: re.compile(r"\b(?:نام|اسم)\b"),
}


def asks_name(text: str, language: str) -> bool:
    """True when a normalised Russian or Persian question asks what something is called."""
    pattern = _NAME_ASKED.get(language)
    return pattern is not None and pattern.search(text) is not None


def is_chitchat(words: Iterable[str], known: Callable[[str], bool]) -> bool:
    """True when a Russian or Persian question asks for a joke, a poem, the weather ...

    A word the sources use themselves (``known`` tells an index term that is) is in scope.
    """
    return any(
        not w.isascii() and (t := term(w)) in _CHITCHAT_TERMS and not known(t) for w in words
    )


def looks_like_name(word: str) -> bool:
    """True when a Persian word is in neither the dictionary nor, as a form of a word, in it."""
    return script_of(word) == PERSIAN and not is_known_word(word, PERSIAN)


# Russian words that ask a question and also open a clause of a question asked before them: in
# "что будет зимой, когда озеро замёрзнет" the question is "что будет"; "когда" only says when.
# After "и" they ask a question of their own ("кто и когда подписал").
_ASKING_RU: Final = frozenset("кто что какой каков который чей сколько как".split())
_CLAUSE_RU: Final = frozenset("когда где куда откуда если пока чтобы".split())


def main_clause(text: str, language: str) -> str:
    """A normalised question without the clause a word like "когда" opens after its own
    question word ("что будет, когда ..."): the part that tells the kind."""
    if language != RUSSIAN:
        return text
    found = text.split()
    asked = False
    for i, word in enumerate(found):
        if asked and word in _CLAUSE_RU and found[i - 1] != "и":
            return " ".join(found[:i])
        asked = asked or (word.isalpha() and lemma(word, language) in _ASKING_RU)
    return text


def question_kind(text: str, language: str) -> str:
    """Return the kind of answer a normalised question in ``language`` asks for."""
    clause = main_clause(text, language)
    for kind, pattern in _COMPILED.get(language, ()):
        if pattern.search(clause):
            return kind
    return "general"


def kind_words(text: str, language: str) -> frozenset[str]:
    """The words of a normalised question that tell its kind ("в каком городе", "چه مقدار")."""
    clause = main_clause(text, language)
    for _, pattern in _COMPILED.get(language, ()):
        found = pattern.search(clause)
        if found:
            return frozenset(found.group().split())
    return frozenset()


def is_frame_word(word: str) -> bool:
    """True when a Russian or Persian question word frames the question ("сказал", "گفت")."""
    if word.isascii():
        return False
    language = script_of(word)
    frame = _FRAME_TERMS.get(language or "")
    if frame is None or language is None:
        return False
    if lemma(word, language) in frame:
        return True
    # "چه رقمی", "چه کسی": the indefinite "ی" on a frame word.
    base = indefinite_base(word) if language == PERSIAN else None
    return base is not None and lemma(base, language) in frame
