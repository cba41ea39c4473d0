"""The bot's own words in English, Russian and Persian, and how the language to use is chosen."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from bot.languages import ENGLISH, PERSIAN, RUSSIAN, SUPPORTED, detect_language

# Each text in every supported language; {name} fields are filled by ``say``.
TEXTS: Final[dict[str, dict[str, str]]] = {
    "no_answer": {
        ENGLISH: "I couldn't find a clear answer to that in my sources.",
        RUSSIAN: "В моих источниках я не нашёл ясного ответа на этот вопрос.",
        PERSIAN: "پاسخ روشنی برای این پرسش در منابعم پیدا نکردم.",
    },
    "too_long": {
        ENGLISH: "That question is too long ({length:,} characters); "
        "please keep it under {limit:,}.",
        RUSSIAN: "Вопрос слишком длинный ({length:,} символов); "
        "уложитесь, пожалуйста, в {limit:,}.",
        PERSIAN: "این پرسش خیلی طولانی است ({length:,} نویسه)؛ لطفاً کمتر از {limit:,} بنویسید.",
    },
    "off_topic": {
        ENGLISH: "I answer questions about my sources; please ask about something in them.",
        RUSSIAN: "Я отвечаю на вопросы о моих источниках; "
        "спросите, пожалуйста, о том, что в них есть.",
        PERSIAN: "من به پرسش‌هایی دربارهٔ منابعم پاسخ می‌دهم؛ لطفاً دربارهٔ مطالب آن‌ها بپرسید.",
    },
    "sources_are": {
        ENGLISH: "My sources are {titles}, in {languages}: see /sources.",
        RUSSIAN: "Мои источники: {titles}; языки источников: {languages}. Список — /sources.",
        PERSIAN: "منابع من: {titles}؛ زبان منابع: {languages}. فهرست: /sources",
    },
    "and_more": {
        ENGLISH: " and {count} more",
        RUSSIAN: " и ещё {count}",
        PERSIAN: " و {count} منبع دیگر",
    },
    "quoted_source": {
        ENGLISH: "In the {language} source: «{answer}»",
        RUSSIAN: "В источнике на {language_prepositional} языке: «{answer}»",
        PERSIAN: "در منبع {language_adjective} آمده است: «{answer}»",
    },
}

# Names of languages as each language writes them in running text.
LANGUAGE_NAMES: Final[dict[str, dict[str, str]]] = {
    ENGLISH: {ENGLISH: "English", RUSSIAN: "Russian", PERSIAN: "Persian"},
    RUSSIAN: {ENGLISH: "английский", RUSSIAN: "русский", PERSIAN: "персидский"},
    PERSIAN: {ENGLISH: "انگلیسی", RUSSIAN: "روسی", PERSIAN: "فارسی"},
}
_PREPOSITIONAL_RU: Final = {ENGLISH: "английском", RUSSIAN: "русском", PERSIAN: "персидском"}


def choose_language(question: str | None = None, user_language: str | None = None) -> str:
    """Return the language to speak: the question's, else the user's setting, else English.

    ``user_language`` is an IETF tag as Telegram gives it ("ru", "fa-IR", "en-US").
    """
    if question and any(c.isalpha() for c in question):
        found = detect_language(question)
        if found in SUPPORTED:
            return found
    if user_language:
        code = user_language.split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return ENGLISH


def say(key: str, language: str, /, **fields: object) -> str:
    """Return text ``key`` in ``language`` (English when it has no such text), fields filled."""
    table = TEXTS[key]
    return table.get(language, table[ENGLISH]).format(**fields)


def language_name(code: str, language: str) -> str:
    """Return the name of language ``code`` written in ``language`` ("английский")."""
    names = LANGUAGE_NAMES.get(language, LANGUAGE_NAMES[ENGLISH])
    return names.get(code, code)


def sources_line(titles: list[str], languages: Iterable[str], language: str) -> str:
    """Return the sentence naming the sources and their languages, in ``language``."""
    shown = ", ".join(f"“{t}”" for t in titles[:3])
    if len(titles) > 3:
        shown += say("and_more", language, count=len(titles) - 3)
    names = ", ".join(language_name(code, language) for code in sorted(set(languages)))
    return say("sources_are", language, titles=shown, languages=names)


def quoted_source(answer: str, source_language: str, language: str) -> str:
    """Introduce an answer quoted from a source in another language, in ``language``."""
    return say(
        "quoted_source",
        language,
        answer=answer,
        language=language_name(source_language, language),
        language_prepositional=_PREPOSITIONAL_RU.get(source_language, source_language),
        language_adjective=language_name(source_language, language),
    )
