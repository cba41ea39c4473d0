"""The bot's own words in English, Russian and Persian, and how the language to use is chosen.

Every text a user reads that the bot writes itself (declines, greeting, help, notices, buttons)
is here, in each language; the Telegram shell and the engine take them by key.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Final

from bot.knowledge.languages import ARABIC, ENGLISH, PERSIAN, RUSSIAN, SUPPORTED, detect_language
from bot.search.languages import typed_in_latin

# Each text in every supported language; {name} fields are filled by ``say``.
TEXTS: Final[dict[str, dict[str, str]]] = {
    "no_answer": {
        ENGLISH: "I couldn't find a clear answer to that in my sources.",
        RUSSIAN: "В моих источниках я не нашёл ясного ответа на этот вопрос.",
        PERSIAN: "پاسخ روشنی برای این پرسش در منابعم پیدا نکردم.",
    },
    # "Tell me more" after everything the sources say of the topic has been given.
    "no_more": {
        ENGLISH: "I found nothing more about that in my sources.",
        RUSSIAN: "Больше ничего об этом в моих источниках я не нашёл.",
        PERSIAN: "چیز بیشتری دربارهٔ آن در منابعم پیدا نکردم.",
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
    # What a document's front matter says of it: who wrote it, who published it, and when.
    "meta_author": {
        ENGLISH: "{title} was written by {author}",
        RUSSIAN: "Автор материала {title} — {author}",
        PERSIAN: "نویسندهٔ مطلب {title}: {author}",
    },
    "meta_author_source": {
        ENGLISH: " for {source}",
        RUSSIAN: ", издание {source}",
        PERSIAN: "، رسانه: {source}",
    },
    "meta_author_date": {
        ENGLISH: ", published on {date}",
        RUSSIAN: ", дата публикации {date}",
        PERSIAN: "، تاریخ انتشار: {date}",
    },
    "meta_publisher": {
        ENGLISH: "{title} was published by {source}",
        RUSSIAN: "Материал {title} опубликовало издание {source}",
        PERSIAN: "ناشر مطلب {title}: {source}",
    },
    "meta_publisher_date": {
        ENGLISH: " on {date}",
        RUSSIAN: ", дата публикации {date}",
        PERSIAN: "، تاریخ انتشار: {date}",
    },
    "meta_published": {
        ENGLISH: "{title} was published on {date}",
        RUSSIAN: "Материал {title} опубликован {date}",
        PERSIAN: "تاریخ انتشار مطلب {title}: {date}",
    },
    "meta_published_source": {
        ENGLISH: " by {source}",
        RUSSIAN: ", издание {source}",
        PERSIAN: "، ناشر: {source}",
    },
    "needs_topic": {
        # Said also after a question the sources could not answer, which leaves nothing to
        # lean on: the text does not claim that nothing was asked.
        ENGLISH: "I'm not sure what that refers to; please ask the whole question, naming who "
        "or what it is about.",
        RUSSIAN: "Не понимаю, к чему относится вопрос. "
        "Задайте, пожалуйста, вопрос целиком и назовите, о ком или о чём он.",
        PERSIAN: "متوجه نشدم این پرسش به چه اشاره دارد؛ "
        "لطفاً پرسش را کامل بپرسید و بگویید دربارهٔ چه کسی یا چه چیزی است.",
    },
    "sources_are": {
        ENGLISH: "My sources are {titles}, in {languages}.",
        RUSSIAN: "Мои источники: {titles}; языки источников: {languages}.",
        PERSIAN: "منابع من: {titles}؛ زبان منابع: {languages}.",
    },
    # How Telegram users list the sources, after a decline.
    "sources_hint": {
        ENGLISH: "Send /sources to list them.",
        RUSSIAN: "Список источников — /sources.",
        PERSIAN: "فهرست منابع: /sources",
    },
    # How the terminal lists the sources, after a decline: in `chat`, and after `ask`.
    "chat_sources_hint": {
        ENGLISH: "Type :sources to list them.",
        RUSSIAN: "Список источников — :sources.",
        PERSIAN: "فهرست منابع: :sources",
    },
    "ask_sources_hint": {
        ENGLISH: "Run `accords-bot check` to list them.",
        RUSSIAN: "Список источников выводит `accords-bot check`.",
        PERSIAN: "فهرست منابع را `accords-bot check` نشان می‌دهد.",
    },
    # A cited paragraph in the terminal's source list.
    "paragraph_number": {
        ENGLISH: "paragraph {number}",
        RUSSIAN: "абзац {number}",
        PERSIAN: "بند {number}",
    },
    # Example questions made from what the documents hold, when too few are configured.
    "example_who": {
        ENGLISH: "Who is {name}?",
        RUSSIAN: "Кто это — {name}?",
        PERSIAN: "{name} کیست؟",
    },
    # Before a summary of one document: its title, then publisher and date in brackets.
    "summary_lead": {
        ENGLISH: "“{title}”{about}, in short: ",
        RUSSIAN: "«{title}»{about}, кратко: ",
        PERSIAN: "«{title}»{about}، به طور خلاصه: ",
    },
    "example_about": {
        ENGLISH: "What is “{title}” about?",
        RUSSIAN: "О чём «{title}»?",
        PERSIAN: "«{title}» درباره چیست؟",
    },
    "and_more": {
        ENGLISH: " and {count} more",
        RUSSIAN: " и ещё {count}",
        PERSIAN: " و {count} منبع دیگر",
    },
    # The Telegram shell.
    "hello": {ENGLISH: "Hello!", RUSSIAN: "Здравствуйте!", PERSIAN: "سلام!"},
    "i_answer": {
        ENGLISH: "I answer questions about these documents and cite the paragraph behind each "
        "answer:",
        RUSSIAN: "Я отвечаю на вопросы об этих документах и указываю абзац, на котором основан "
        "каждый ответ:",
        PERSIAN: "من به پرسش‌ها دربارهٔ این اسناد پاسخ می‌دهم و بند پشتوانهٔ هر پاسخ را ذکر می‌کنم:",
    },
    "more_documents": {
        ENGLISH: "… and {count} more (see /sources).",
        RUSSIAN: "… и ещё {count} (см. /sources).",
        PERSIAN: "… و {count} سند دیگر (/sources را ببینید).",
    },
    "how_to_ask": {
        ENGLISH: "Just send me a question. /help lists every command.",
        RUSSIAN: "Просто пришлите мне вопрос. /help — список команд.",
        PERSIAN: "کافی است پرسش خود را بفرستید. /help فهرست فرمان‌ها را نشان می‌دهد.",
    },
    "how_to_ask_examples": {
        ENGLISH: "Just send me a question, or tap one of the examples below. "
        "/help lists every command.",
        RUSSIAN: "Просто пришлите мне вопрос или нажмите на один из примеров ниже. "
        "/help — список команд.",
        PERSIAN: "کافی است پرسش خود را بفرستید یا یکی از نمونه‌های زیر را بزنید. "
        "/help فهرست فرمان‌ها را نشان می‌دهد.",
    },
    "commands": {ENGLISH: "Commands", RUSSIAN: "Команды", PERSIAN: "فرمان‌ها"},
    "admin": {ENGLISH: "Admin", RUSSIAN: "Администратору", PERSIAN: "مدیر"},
    "cmd_start": {
        ENGLISH: "Greeting and example questions",
        RUSSIAN: "Приветствие и примеры вопросов",
        PERSIAN: "خوشامد و پرسش‌های نمونه",
    },
    "cmd_help": {ENGLISH: "Every command", RUSSIAN: "Все команды", PERSIAN: "همهٔ فرمان‌ها"},
    "cmd_ask": {
        ENGLISH: "Ask a question: /ask Who signed the roadmap?",
        RUSSIAN: "Задать вопрос: /ask Кто подписал дорожную карту?",
        PERSIAN: "پرسیدن: /ask چه کسی نقشه راه را امضا کرد؟",
    },
    "cmd_sources": {
        ENGLISH: "The documents I answer from",
        RUSSIAN: "Документы, по которым я отвечаю",
        PERSIAN: "اسنادی که از آن‌ها پاسخ می‌دهم",
    },
    "cmd_summary": {
        ENGLISH: "A short cited summary: /summary, or /summary followed by a document",
        RUSSIAN: "Краткое изложение со ссылками: /summary или /summary и название документа",
        PERSIAN: "خلاصه‌ای کوتاه با ارجاع: /summary یا /summary و نام سند",
    },
    "cmd_reload": {
        ENGLISH: "Reload the knowledge base from its folder",
        RUSSIAN: "Перезагрузить базу знаний из папки",
        PERSIAN: "بارگذاری دوبارهٔ پایگاه دانش از پوشه",
    },
    "cmd_stats": {
        ENGLISH: "Query log figures",
        RUSSIAN: "Статистика журнала вопросов",
        PERSIAN: "آمار گزارش پرسش‌ها",
    },
    "cmd_unanswered": {
        ENGLISH: "Latest questions I could not answer",
        RUSSIAN: "Последние вопросы без ответа",
        PERSIAN: "آخرین پرسش‌های بی‌پاسخ",
    },
    "cmd_export": {
        ENGLISH: "The query log as a CSV file",
        RUSSIAN: "Журнал вопросов в файле CSV",
        PERSIAN: "گزارش پرسش‌ها در قالب فایل CSV",
    },
    "help_chats": {
        ENGLISH: "In a private chat any message is a question. In a group, use /ask, mention me, "
        "or reply to one of my messages. Under each answer, ",
        RUSSIAN: "В личном чате любое сообщение — вопрос. В группе используйте /ask, упомяните "
        "меня или ответьте на моё сообщение. Под каждым ответом кнопка ",
        PERSIAN: "در گفت‌وگوی خصوصی هر پیامی یک پرسش است. در گروه از /ask استفاده کنید، از من نام "
        "ببرید یا به یکی از پیام‌هایم پاسخ دهید. زیر هر پاسخ، دکمهٔ ",
    },
    "help_buttons": {
        ENGLISH: " shows the cited paragraph and 👍 / 👎 tell us how it went.",
        RUSSIAN: " показывает цитируемый абзац, а 👍 / 👎 — ваша оценка ответа.",
        PERSIAN: " بند استنادشده را نشان می‌دهد و 👍 / 👎 نظر شما دربارهٔ پاسخ است.",
    },
    "help_upload": {
        ENGLISH: "Send a .md or .txt file to add it to the knowledge base.",
        RUSSIAN: "Пришлите файл .md или .txt, чтобы добавить его в базу знаний.",
        PERSIAN: "برای افزودن به پایگاه دانش، یک فایل .md یا .txt بفرستید.",
    },
    "sources_heading": {ENGLISH: "Sources", RUSSIAN: "Источники", PERSIAN: "منابع"},
    "source_heading": {ENGLISH: "Source: ", RUSSIAN: "Источник: ", PERSIAN: "منبع: "},
    "source_button": {
        ENGLISH: "📄 Source",
        RUSSIAN: "📄 Источник (Source)",
        PERSIAN: "📄 منبع (Source)",
    },
    "empty_knowledge": {
        ENGLISH: "The knowledge base is empty.",
        RUSSIAN: "База знаний пуста.",
        PERSIAN: "پایگاه دانش خالی است.",
    },
    "ask_usage": {
        ENGLISH: "Put your question after the command, for example: /ask Who signed the roadmap?",
        RUSSIAN: "Напишите вопрос после команды, например: /ask Кто подписал дорожную карту?",
        PERSIAN: "پرسش خود را پس از فرمان بنویسید، مثلاً: /ask چه کسی نقشه راه را امضا کرد؟",
    },
    "empty_question": {
        ENGLISH: "I could not find a question in that message. Please type it in words.",
        RUSSIAN: "Я не нашёл вопроса в этом сообщении. Напишите его, пожалуйста, словами.",
        PERSIAN: "در این پیام پرسشی پیدا نکردم. لطفاً آن را با کلمات بنویسید.",
    },
    "group_empty": {
        ENGLISH: "Yes? Ask me a question after the mention, or use /ask followed by the question.",
        RUSSIAN: "Да? Задайте вопрос после упоминания или напишите /ask и вопрос.",
        PERSIAN: "بله؟ پرسش خود را پس از نام من بنویسید یا از /ask و سپس پرسش استفاده کنید.",
    },
    "unknown_command": {
        ENGLISH: "I don't know that command. /help lists what I can do.",
        RUSSIAN: "Я не знаю такой команды. /help — что я умею.",
        PERSIAN: "این فرمان را نمی‌شناسم. /help کارهایی را که می‌توانم انجام دهم فهرست می‌کند.",
    },
    "not_text": {
        ENGLISH: "I can only read text. Please type your question; /help shows how to ask.",
        RUSSIAN: "Я понимаю только текст. Напишите вопрос; /help подскажет, как спрашивать.",
        PERSIAN: "من فقط متن را می‌خوانم. لطفاً پرسش خود را بنویسید؛ /help روش پرسیدن را نشان می‌دهد.",
    },
    "document_not_admin": {
        ENGLISH: "Thanks, but I only take files from the bot's admins. Type your question instead.",
        RUSSIAN: "Спасибо, но файлы я принимаю только от администраторов. Лучше напишите вопрос.",
        PERSIAN: "سپاس، اما فقط از مدیران ربات فایل می‌پذیرم. به جای آن پرسش خود را بنویسید.",
    },
    "slow_down": {
        ENGLISH: "You are asking faster than I can keep up. Please wait a moment, then ask again.",
        RUSSIAN: "Вы спрашиваете быстрее, чем я успеваю. Подождите немного и спросите снова.",
        PERSIAN: "سریع‌تر از توان من می‌پرسید. لطفاً کمی صبر کنید و دوباره بپرسید.",
    },
    "failed": {
        ENGLISH: "Sorry, something went wrong while answering. Please try again in a moment.",
        RUSSIAN: "Извините, при ответе что-то пошло не так. Попробуйте ещё раз чуть позже.",
        PERSIAN: "متأسفم، هنگام پاسخ‌دادن مشکلی پیش آمد. لطفاً کمی بعد دوباره امتحان کنید.",
    },
    "refused": {
        ENGLISH: "Sorry, that command is only for the bot's admins.",
        RUSSIAN: "Извините, эта команда только для администраторов бота.",
        PERSIAN: "متأسفم، این فرمان فقط برای مدیران ربات است.",
    },
    "no_reply": {
        ENGLISH: "I have no answer to that.",
        RUSSIAN: "На это у меня нет ответа.",
        PERSIAN: "پاسخی برای این ندارم.",
    },
    "stale_button": {
        ENGLISH: "This button is no longer valid. Please ask the question again.",
        RUSSIAN: "Эта кнопка больше не действует. Задайте вопрос ещё раз.",
        PERSIAN: "این دکمه دیگر معتبر نیست. لطفاً پرسش را دوباره بفرستید.",
    },
    "source_gone": {
        ENGLISH: "That source is no longer in the knowledge base. Please ask again.",
        RUSSIAN: "Этого источника больше нет в базе знаний. Спросите ещё раз.",
        PERSIAN: "این منبع دیگر در پایگاه دانش نیست. لطفاً دوباره بپرسید.",
    },
    "source_unavailable": {
        ENGLISH: "I cannot show that source here. Please ask the question again.",
        RUSSIAN: "Здесь я не могу показать этот источник. Задайте вопрос ещё раз.",
        PERSIAN: "نمی‌توانم این منبع را اینجا نشان دهم. لطفاً پرسش را دوباره بفرستید.",
    },
    "feedback_thanks": {
        ENGLISH: "Thanks for the feedback!",
        RUSSIAN: "Спасибо за отзыв!",
        PERSIAN: "از بازخورد شما سپاسگزارم!",
    },
    # Replies to small talk (bot/answer/smalltalk.py), one for each act it recognises.
    "talk_greeting": {
        ENGLISH: "Hello! I answer questions about my sources and cite the paragraph each answer "
        "comes from.",
        RUSSIAN: "Здравствуйте! Я отвечаю на вопросы о моих источниках и указываю абзац, "
        "на котором основан каждый ответ.",
        PERSIAN: "سلام! من به پرسش‌ها دربارهٔ منابعم پاسخ می‌دهم و بند پشتوانهٔ هر پاسخ را ذکر می‌کنم.",
    },
    "talk_thanks": {
        ENGLISH: "You're welcome! Ask me anything else about my sources.",
        RUSSIAN: "Пожалуйста! Спрашивайте ещё о моих источниках.",
        PERSIAN: "خواهش می‌کنم! باز هم دربارهٔ منابعم بپرسید.",
    },
    "talk_farewell": {
        ENGLISH: "Goodbye! Come back with more questions any time.",
        RUSSIAN: "До свидания! Возвращайтесь с новыми вопросами.",
        PERSIAN: "خدانگهدار! هر وقت پرسشی داشتید برگردید.",
    },
    "talk_help": {
        ENGLISH: "Ask me a question in plain words and I answer from my sources, citing the "
        "paragraph each answer comes from; you can follow up with “and when?” or “tell me more”. "
        "/sources lists the documents.",
        RUSSIAN: "Задайте вопрос обычными словами, и я отвечу по моим источникам, указав "
        "абзац, на котором основан ответ; можно уточнить: «а когда?» или "
        "«расскажи подробнее». /sources — список документов.",
        PERSIAN: "پرسش خود را با کلمات ساده بنویسید تا از روی منابعم پاسخ دهم و بند پشتوانهٔ "
        "پاسخ را ذکر کنم؛ می‌توانید ادامه دهید: «و کی؟» یا «بیشتر بگو». /sources فهرست اسناد "
        "است.",
    },
    "talk_about_bot": {
        ENGLISH: "I'm a bot that answers questions about my sources and cites the paragraph each "
        "answer comes from; /sources lists them.",
        RUSSIAN: "Я бот, который отвечает на вопросы о моих источниках и указывает "
        "абзац, на котором основан каждый ответ; /sources — их список.",
        PERSIAN: "من رباتی هستم که به پرسش‌ها دربارهٔ منابعم پاسخ می‌دهد و بند پشتوانهٔ هر "
        "پاسخ را ذکر می‌کند؛ /sources فهرست آن‌هاست.",
    },
    "examples_intro": {ENGLISH: "For example:", RUSSIAN: "Например:", PERSIAN: "برای نمونه:"},
    # Joins two example questions: "“…” or “…”".
    "either": {ENGLISH: "or", RUSSIAN: "или", PERSIAN: "یا"},
    "example_asked": {ENGLISH: "Asking…", RUSSIAN: "Спрашиваю…", PERSIAN: "در حال پرسیدن…"},
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

    Russian typed in Latin letters ("kto podpisal?") is Russian.

    ``user_language`` is an IETF tag as Telegram gives it ("ru", "fa-IR", "en-US").
    """
    found = _question_language(question) if question else None
    if found is not None:
        return found
    if user_language:
        code = user_language.split("-")[0].lower()
        if code in SUPPORTED:
            return code
    return ENGLISH


@functools.lru_cache(maxsize=1024)
def _question_language(question: str) -> str | None:
    """The supported language ``question`` is written in, or None when its letters tell none.

    Remembered: one reply asks it of the same question several times.
    """
    if not any(c.isalpha() for c in question):
        return None
    found = detect_language(question)
    if found == ENGLISH and typed_in_latin(question) is not None:
        return RUSSIAN
    if found in SUPPORTED:
        return found
    if found == ARABIC:
        # A short Persian question may use no letter Arabic lacks ("سلام"); Persian is the
        # Arabic-script language spoken here.
        return PERSIAN
    return None


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


def paragraphs_label(count: int, language: str) -> str:
    """Return "N paragraphs" in ``language``, with its plural form."""
    if language == RUSSIAN:
        tens, units = count % 100, count % 10
        if units == 1 and tens != 11:
            word = "абзац"
        elif 2 <= units <= 4 and not 12 <= tens <= 14:
            word = "абзаца"
        else:
            word = "абзацев"
        return f"{count} {word}"
    if language == PERSIAN:
        return f"{count} بند"
    return f"{count} paragraph{'' if count == 1 else 's'}"


def documents_known(count: int, language: str) -> str:
    """Return "I know N documents." in ``language``, with its plural form."""
    if language == RUSSIAN:
        return f"Документов у меня: {count}."
    if language == PERSIAN:
        return f"{count} سند در اختیار دارم."
    return f"I know {count} document{'' if count == 1 else 's'}."


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
