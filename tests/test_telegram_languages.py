"""The bot end to end in Russian and Persian: real python-telegram-bot against the fake Bot API."""

from __future__ import annotations

from conftest import KNOWLEDGE, BotRun, StartBot
from fakes import Person, Sent, html_problems

RUSSIAN_USER = Person(3003, "Олег", language_code="ru")
PERSIAN_USER = Person(4004, "مریم", language_code="fa")
ENGLISH_USER = Person(5005, "Ann", language_code="en-GB")


async def ask(run: BotRun, person: Person, text: str) -> Sent:
    """Send ``text`` in ``person``'s private chat and return the one reply."""
    before = len(run.fake.messages(person.id))
    run.fake.push(run.updates.text(person, text))
    sent = await run.fake.wait_for_messages(before + 1, person.id)
    return sent[before]


async def test_greeting_and_help_follow_the_users_telegram_language(start_bot: StartBot) -> None:
    run = await start_bot(knowledge_dir=KNOWLEDGE)
    greeting = await ask(run, RUSSIAN_USER, "/start")
    assert "Здравствуйте" in greeting.shown and "/help" in greeting.shown
    assert "Иран и Беларусь подписали дорожную карту" in greeting.shown
    help_text = (await ask(run, RUSSIAN_USER, "/help")).shown
    assert "Команды" in help_text and "/ask" in help_text and "/sources" in help_text
    assert "/reload" not in help_text
    assert "Hello" in (await ask(run, ENGLISH_USER, "/start")).shown


async def test_russian_question_is_answered_in_russian_with_its_source(start_bot: StartBot) -> None:
    run = await start_bot(knowledge_dir=KNOWLEDGE)
    answer = await ask(run, RUSSIAN_USER, "Что сказал Хаменеи о санкциях?")
    assert "оружие санкций" in answer.shown and "[1]" in answer.shown
    assert "Источники" in answer.shown
    labels = [text for text, _ in answer.buttons()]
    assert any("Source" in label and "Источник" in label for label in labels)
    assert {"👍", "👎"} <= set(labels)


async def test_russian_question_gets_a_russian_decline_whatever_the_users_setting(
    start_bot: StartBot,
) -> None:
    run = await start_bot(knowledge_dir=KNOWLEDGE)
    decline = await ask(run, ENGLISH_USER, "Какая погода будет завтра в Мадриде?")
    assert "не нашёл" in decline.shown and "/sources" in decline.shown
    assert "Источники" not in decline.shown
    assert all("Source" not in text for text, _ in decline.buttons())


async def test_notices_and_persian_answers_stay_valid_html(start_bot: StartBot) -> None:
    run = await start_bot(knowledge_dir=KNOWLEDGE)
    assert "/help" in (await ask(run, RUSSIAN_USER, "/nonsense")).shown
    assert "команды" in (await ask(run, RUSSIAN_USER, "/nonsense")).shown
    reply = await ask(run, PERSIAN_USER, "خامنه‌ای درباره تحریم‌ها چه گفت؟")
    assert html_problems(reply.text) == []
    assert "منبع انگلیسی" in reply.shown and "Khamenei" in reply.shown and "منابع" in reply.shown


async def test_start_offers_example_buttons_in_the_users_language_and_asks_them(
    start_bot: StartBot,
) -> None:
    run = await start_bot(knowledge_dir=KNOWLEDGE)
    for person, example, answer_says in (
        (RUSSIAN_USER, "Когда подписали дорожную карту?", "13 марта 2023"),
        (PERSIAN_USER, "چه کسی نقشه راه را امضا کرد؟", "منبع انگلیسی"),
    ):
        greeting = await ask(run, person, "/start")
        labels = [text for text, _ in greeting.buttons()]
        assert example in labels and "Who signed the roadmap?" not in labels
        data = next(d for text, d in greeting.buttons() if text == example)
        before = len(run.fake.messages(person.id))
        run.fake.push(run.updates.callback(person, greeting, data))
        sent = await run.fake.wait_for_messages(before + 1, person.id)
        assert answer_says in sent[-1].shown


async def test_small_talk_offers_examples_in_the_users_language(start_bot: StartBot) -> None:
    run = await start_bot(knowledge_dir=KNOWLEDGE)
    reply = await ask(run, RUSSIAN_USER, "Привет!")
    assert "Здравствуйте" in reply.shown and "Когда подписали дорожную карту?" in reply.shown
    assert "Who signed" not in reply.shown


async def test_summary_command_and_summary_requests_follow_the_users_language(
    start_bot: StartBot,
) -> None:
    run = await start_bot(knowledge_dir=KNOWLEDGE)
    summary = await ask(run, RUSSIAN_USER, "/summary")
    assert "«Иран и Беларусь подписали дорожную карту" in summary.shown
    assert "кратко:" in summary.shown and "in short" not in summary.shown
    asked = await ask(run, ENGLISH_USER, "Вкратце, о чём это?")
    assert "кратко:" in asked.shown and "[1]" in asked.shown
