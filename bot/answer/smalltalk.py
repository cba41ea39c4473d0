"""Small talk: greetings, thanks and questions about the bot itself, recognised and answered."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from bot.answer.texts import documents_known, say
from bot.search.textnorm import STOP_WORDS, words


class Act(enum.Enum):
    """What a piece of small talk does."""

    GREETING = "greeting"
    THANKS = "thanks"
    FAREWELL = "farewell"
    HELP = "help"
    ABOUT_BOT = "about_bot"


@dataclass(frozen=True)
class TalkWords:
    """One language's small-talk vocabulary: the cue words of each act."""

    cues: dict[Act, frozenset[str]]
    # Words addressing the bot ("you"): with nothing else asked, the message is about the bot.
    addressee: frozenset[str]
    # Words that only colour a greeting or thanks ("a lot", "very", "good").
    filler: frozenset[str]


def _cues(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Each language's closed-class words of greeting and politeness, keyed by ISO 639-1 code.
# Questions carry content words the sources use; these never do, whatever the sources are.
LANGUAGES: Final[dict[str, TalkWords]] = {
    "en": TalkWords(
        cues={
            Act.GREETING: _cues("hi hello hey hiya howdy greetings morning afternoon evening yo"),
            Act.THANKS: _cues("thanks thank thx ty cheers appreciate appreciated grateful"),
            Act.FAREWELL: _cues("bye goodbye farewell later night"),
            Act.HELP: _cues("help"),
        },
        addressee=_cues("you your yourself u ur"),
        filler=_cues(
            "good great nice cool fine well ok okay alright lot much very so all there bot "
            "dear friend pal buddy again doing going name called really awesome perfect see"
        ),
    ),
    "ru": TalkWords(
        cues={
            Act.GREETING: _cues(
                "привет здравствуйте здравствуй приветствую добрый доброе доброй день утро вечер "
                "салют хай"
            ),
            Act.THANKS: _cues("спасибо благодарю спс благодарен благодарна"),
            Act.FAREWELL: _cues("пока свидания досвидания прощай"),
            Act.HELP: _cues("помощь помоги помогите"),
        },
        addressee=_cues("ты тебя тебе вы вас вам твой ваш"),
        filler=_cues(
            "большое огромное очень хорошо отлично ладно бот друг дорогой еще снова как дела "
            "зовут кто такой такая здорово супер"
        ),
    ),
    "fa": TalkWords(
        cues={
            Act.GREETING: _cues("سلام درود صبح عصر شب بخیر وقت"),
            Act.THANKS: _cues("ممنون مرسی متشکرم سپاس سپاسگزارم تشکر مچکرم"),
            Act.FAREWELL: _cues("خداحافظ خدانگهدار بدرود"),
            Act.HELP: _cues("کمک راهنما راهنمایی"),
        },
        addressee=_cues("تو شما"),
        filler=_cues("خیلی زیاد خوب عالی ربات دوست عزیز حال چطوری چطورید اسمت کی هستی هستید"),
    ),
}
# A message longer than this is a question, whatever words it holds.
MAX_WORDS: Final = 8
# Words beyond the cues, the filler and the stop words that small talk may hold ("thanks, mate").
MAX_OTHER_WORDS: Final = 1


def recognise(text: str, known: Callable[[str], bool], language: str = "en") -> Act | None:
    """Return the small-talk act of ``text``, or None when it asks about something.

    ``known`` says whether a word is one the sources use as content: a message holding one is a
    question, not small talk.
    """
    vocab = LANGUAGES.get(language)
    found = words(text)
    if vocab is None or not found or len(found) > MAX_WORDS:
        return None
    cued = frozenset().union(*vocab.cues.values())
    others = [
        w
        for w in found
        if w not in cued
        and w not in vocab.addressee
        and w not in vocab.filler
        and w not in STOP_WORDS
    ]
    if len(others) > MAX_OTHER_WORDS or any(known(w) for w in others):
        return None
    for act in (Act.THANKS, Act.FAREWELL, Act.HELP, Act.GREETING):
        if any(w in vocab.cues[act] for w in found):
            return act
    if any(w in vocab.addressee for w in found):
        return Act.ABOUT_BOT
    return None


def reply(act: Act, examples: Sequence[str], documents: int, language: str = "en") -> str:
    """Return the short friendly reply to ``act``, offering up to two example questions."""
    text = say(f"talk_{act.value}", language)
    if act in (Act.ABOUT_BOT, Act.HELP):
        text += " " + documents_known(documents, language)
    shown = [f"“{q}”" for q in examples[:2]]
    if shown:
        either = say("either", language)
        text += f" {say('examples_intro', language)} {f' {either} '.join(shown)}"
    return text
