"""Conversations: follow-ups read in the context of the answer before, small talk, more."""

from __future__ import annotations

from pathlib import Path

import pytest
from readers import article, engine_of, engine_over

from benchmarks.quality import SETS, QualitySet
from bot.answer.conversation import Contexts, Conversation, Examples, reply
from bot.answer.engine import Engine, build_engine
from bot.answer.evaluation import parse_questions, score
from bot.answer.records import Answer

REPO = Path(__file__).resolve().parent.parent

HARBOUR = """---
title: Harbour Deal Signed
source: Test Wire
published: 2024-05-02
---

Portland and Riga signed a harbour agreement on May 1, 2024, in Riga.

Mayor Jane Doe of Portland led the delegation. She said the ferries would start in 2025.

Mayor Tom Roe of Riga hosted the visit. He said the ferries would be free for children.

Trade between the two cities reached $12 million in 2022. In 2023, this figure rose to $20 million.

The agreement also covers customs checks at the ferry terminal. A customs office opens in 2026.
"""


DIARY = """---
title: Visit Diary
source: Test Wire
published: 2024-05-04
---

Mayor Jane Doe arrived in Riga on 1 May 2024 and was met at the airport by Mayor Tom Roe.

On 2 May 2024 the two mayors toured the ferry terminal and the new customs office.

On 3 May 2024 Jane Doe flew home after a dinner with local traders.

Trade between the two cities reached $12 million in 2022. In 2021 it had been $9 million.
"""


SIGNING = """---
title: Harbour Deal
source: Test Wire
published: 2024-05-02
---

The harbour agreement was signed by Mayor Jane Doe of Portland and Mayor Tom Roe of Riga.

Both cities signed it in the old customs hall of Riga on 1 May 2024, after two years of talks.

The agreement covers ferries, customs checks and a shared pilot service.
"""


PACT = """---
title: Twin Cities Pact
source: Test Wire
published: 2024-05-02
---

Mayor Jane Doe of Portland and Mayor Tom Roe of Riga met in Riga on 1 May 2024 and signed four
agreements.

The agreements cover ferries, customs, pilots and weather data. They were drafted by deputy mayors
Ann Vale and Karl Berg.

Mayor Jane Doe said the ferries would start in 2025. Mayor Tom Roe said the ferries would be free
for children.

Harbour master Ola Lind also spoke about the ferries, saying the terminal would be ready in April.

At the Riga Dock Forum, union leader Eva Lund said the terminal would need forty new cranes.
"""


@pytest.fixture(scope="module")
def pact(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("pact")
    (folder / "twin-cities-pact.md").write_text(PACT, encoding="utf-8")
    return build_engine(folder)


@pytest.fixture(scope="module")
def diary(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("diary")
    (folder / "visit-diary.md").write_text(DIARY, encoding="utf-8")
    return build_engine(folder)


@pytest.fixture(scope="module")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    folder = tmp_path_factory.mktemp("harbour")
    (folder / "harbour-deal.md").write_text(HARBOUR, encoding="utf-8")
    return build_engine(folder)


@pytest.fixture(scope="module")
def roadmap() -> Engine:
    return build_engine(REPO / "knowledge")


def ask_all(engine: Engine, questions: list[str]) -> list[Answer]:
    conversation = Conversation(engine, Examples(["When was the harbour agreement signed?"]))
    return [conversation.ask(q) for q in questions]


def test_an_elliptical_question_is_read_against_the_one_before(harbour: Engine) -> None:
    first, second = ask_all(harbour, ["How much was trade in 2022?", "and in 2023?"])
    assert "$12 million" in first.text
    assert second.answered and "$20 million" in second.text
    assert second.resolved is not None and "trade" in second.resolved
    assert second.question == "and in 2023?"


def test_a_pronoun_is_read_as_the_person_named_before(harbour: Engine) -> None:
    first, second = ask_all(harbour, ["Who hosted the visit?", "what did he say about ferries?"])
    assert "Tom Roe" in first.text
    assert second.answered and "free for children" in second.text
    assert second.resolved is not None and "Tom Roe" in second.resolved


@pytest.mark.parametrize("question", ["where?", "and when?", "what did he say about it?"])
def test_a_follow_up_without_a_conversation_is_declined(harbour: Engine, question: str) -> None:
    answer = reply(harbour, question, None).answer
    assert not answer.answered
    # It is missing its subject, not asking about something the sources leave out.
    assert "whole question" in answer.text
    assert "please ask about something in them" not in answer.text


def test_a_follow_up_without_a_conversation_asks_for_its_subject_in_its_language(
    harbour: Engine,
) -> None:
    assert "вопрос целиком" in reply(harbour, "а когда?", None).answer.text


def test_a_question_of_no_word_the_sources_use_is_still_off_their_subject(
    harbour: Engine,
) -> None:
    answer = reply(harbour, "what about the weather?", None).answer
    assert not answer.answered
    assert "whole question" not in answer.text


def test_more_and_more_gives_new_sentences_each_time_then_says_there_is_no_more(
    harbour: Engine,
) -> None:
    roadmap = build_engine(REPO / "knowledge")
    answers = ask_all(roadmap, ["Who signed the roadmap?", *["tell me more"] * 3])
    assert answers[1].answered
    given = [a.text for a in answers if a.answered]
    assert len(set(given)) == len(given)
    assert all(a.resolved and "roadmap" in a.resolved for a in answers[1:])
    last = ask_all(harbour, ["Who hosted the visit?", *["tell me more"] * 6])[-1]
    assert not last.answered and "please ask about" not in last.text
    assert last.text.startswith("I found nothing more about that in my sources.")
    assert last.kind == "decline"


def test_no_more_is_said_in_the_language_asked() -> None:
    russian = build_engine(REPO / "tests/data/ru-knowledge")
    answers = ask_all(russian, ["Кто подписал дорожную карту?", *["расскажи подробнее"] * 6])
    assert answers[0].answered and answers[1].answered
    assert not answers[-1].answered
    assert answers[-1].text.startswith("Больше ничего об этом в моих источниках я не нашёл.")


def test_what_else_need_not_name_the_people_earlier_answers_named(roadmap: Engine) -> None:
    who, when, more = ask_all(
        roadmap, ["who signed the roadmap?", "when?", "what else was signed?"]
    )
    assert "Lukashenko" in who.text and "March 13, 2023" in when.text
    # The documents the senior officials signed name neither president, and are what else was.
    assert more.answered and "senior officials" in more.text


def test_tell_me_more_gives_what_was_not_said(harbour: Engine) -> None:
    first, more = ask_all(harbour, ["What does the agreement cover?", "tell me more"])
    assert first.answered and more.answered
    assert more.text != first.text
    said = {s.strip() for s in first.text.split("[1]")}
    assert not any(part and part in more.text for part in said if len(part) > 20)


def test_a_question_that_stands_alone_is_answered_alone(harbour: Engine) -> None:
    alone = harbour.answer("When does the customs office open?")
    _, again = ask_all(harbour, ["Who led the Portland delegation?", alone.question])
    assert again.text == alone.text and again.resolved is None


def test_the_next_year_is_counted_from_the_year_asked_before(harbour: Engine) -> None:
    first, then = ask_all(harbour, ["How much was trade in 2022?", "and the next year?"])
    assert "$20 million" not in first.text
    assert then.answered and "$20 million" in then.text
    assert then.resolved == "and in 2023 (trade)?"


def test_a_follow_up_naming_someone_the_answer_did_not_gets_new_sentences(
    roadmap: Engine,
) -> None:
    questions = [
        "what did qalibaf ask for?",
        "what about the banking part?",
        "and what did lukashenko say about it?",
    ]
    _, first, then = ask_all(roadmap, questions)
    assert "banking" in first.text and "Lukashenko" not in first.text
    assert then.answered and then.text.startswith("Lukashenko promised to tackle banking")


@pytest.mark.parametrize("follow_up", ["and rouhani?", "what about zelensky?"])
def test_a_follow_up_asking_the_same_of_someone_the_sources_never_name_is_declined(
    roadmap: Engine, follow_up: str
) -> None:
    first, then = ask_all(roadmap, ["what did khamenei say", follow_up])
    assert first.answered and "Khamenei" in first.text
    assert not then.answered and "Khamenei" not in then.text


def test_a_pronoun_keeps_the_subject_though_the_verb_is_one_the_sources_never_use(
    roadmap: Engine,
) -> None:
    first, then = ask_all(roadmap, ["who is qalibaf", "what did he push for?"])
    assert "Qalibaf" in first.text
    assert then.answered and "banking" in then.text


def test_a_word_capitalised_after_a_dateline_is_no_one_a_pronoun_stands_for(
    tmp_path: Path,
) -> None:
    engine = engine_over(
        tmp_path,
        article(
            "Harbour opens",
            "2027-05-10",
            "MARROWICK — When the Outer Harbour opens this week, it will be the deepest port on "
            "the strait and the most expensive ever built by Valdren.",
        ),
    )
    first, then = ask_all(
        engine, ["who built the outer harbour?", "how many people worked for them?"]
    )
    assert first.answered
    assert "(When)" not in (then.resolved or "")


def test_an_answer_leading_with_what_was_said_is_not_new(roadmap: Engine) -> None:
    first, then = ask_all(roadmap, ["что сказал хаменеи о санкциях?", "а лукашенко?"])
    assert first.text.startswith("Верховный лидер Ирана")
    lead = then.text.split("[1]")[0]
    assert then.answered and "Лукашенко" in lead and "санкции" in lead


def test_who_else_names_someone_not_given_before(pact: Engine) -> None:
    first, then = ask_all(pact, ["What did Jane Doe say about the ferries?", "who else?"])
    assert "Jane Doe" in first.text and "Tom Roe" not in first.text
    lead = then.text.split("[1]")[0]
    assert then.answered and "Tom Roe" in lead and "Jane Doe" not in lead
    assert then.resolved == "who else (ferries)?"


def test_a_pronoun_shows_the_person_named_last(roadmap: Engine) -> None:
    first, then = ask_all(roadmap, ["Who signed the roadmap?", "what did he say about sanctions?"])
    assert first.text.index("Raisi") < first.text.index("Lukashenko")
    assert then.resolved == "what did he (Alexander Lukashenko) say about sanctions?"
    # His own words, from a paragraph retrieved below those naming the roadmap's signing; not
    # Khamenei's words to "the Belarusian president".
    lead = then.text.split("[1]")[0]
    assert "no sanctions and pressure could stop" in lead and "Khamenei" not in lead


def test_a_pronoun_shows_the_speaker_an_answer_quotes(pact: Engine) -> None:
    first, then = ask_all(pact, ["How many cranes will the terminal need?", "what is her job?"])
    assert "Riga Dock Forum" in first.text
    assert then.resolved == "what is her (Eva Lund) job?"


def test_a_person_named_by_title_alone_is_who_he_stands_for(roadmap: Engine) -> None:
    questions = [
        "was the belarus president on an official visit?",
        "what did he say about sanctions?",
    ]
    first, then = ask_all(roadmap, questions)
    assert "Lukashenko" not in first.text
    assert then.resolved == "what did he (Alexander Lukashenko) say about sanctions?"


def test_they_after_a_question_about_things_stands_for_the_things(pact: Engine) -> None:
    first, then = ask_all(pact, ["How many agreements were signed?", "and who drafted them?"])
    assert "four" in first.text
    assert then.answered and "Ann Vale" in then.text
    assert then.resolved == "and who drafted them (agreements signed)?"


def test_more_leaves_out_what_the_whole_conversation_said(pact: Engine) -> None:
    questions = [
        "What did Jane Doe say about the ferries?",
        "What did Tom Roe say about the ferries?",
        "tell me more",
    ]
    first, _, more = ask_all(pact, questions)
    assert "start in 2025" in first.text
    assert more.answered and "start in 2025" not in more.text


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        ("How much was trade in 2022?", "and the year before?", "$9 million"),
        ("When did Jane Doe fly home?", "and the day before?", "ferry terminal"),
    ],
)
def test_a_time_shift_is_read_against_the_date_of_the_answer_before(
    diary: Engine, before: str, question: str, expected: str
) -> None:
    first, then = ask_all(diary, [before, question])
    assert first.answered and expected not in first.text
    assert then.answered and expected in then.text


@pytest.mark.parametrize("follow_up", ["and when?", "ok and when?", "hmm, and when?"])
def test_a_follow_up_asking_what_the_answer_lacked_gets_new_sentences(
    tmp_path: Path, follow_up: str
) -> None:
    # Words that only open a chat message ("ok", "hmm") leave the follow-up a follow-up.
    (tmp_path / "harbour-deal.md").write_text(SIGNING, encoding="utf-8")
    first, then = ask_all(build_engine(tmp_path), ["Who signed the harbour agreement?", follow_up])
    assert "1 May 2024" not in first.text
    assert then.answered and "1 May 2024" in then.text


BYPASS = """---
title: Town Roads
source: Test Wire
published: 2024-06-02
---

The mayor of Dunholm, Petra Sill, wants a bypass road so that lorries stop crossing the old
town. She said the council had put it in the 2027 budget.

"Nobody should breathe diesel on the way to school," the head of the parents' group, Omar Lee,
said at the meeting.

The regional government paid for a new bridge in 2019 and for the sports hall in 2021.
"""


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # The date is in the paragraph cited, in a sentence that holds one word of the question.
        ("when is the council supposed to pay for it?", "2027"),
        # The quotation goes on in the paragraph after it.
        ("what did the parents say about that?", "diesel"),
    ],
)
def test_a_follow_up_reads_on_where_the_answer_before_was_cited(
    tmp_path: Path, question: str, expected: str
) -> None:
    (tmp_path / "town-roads.md").write_text(BYPASS, encoding="utf-8")
    first, then = ask_all(build_engine(tmp_path), ["what does the mayor want?", question])
    assert first.answered and expected not in first.text
    assert then.answered and expected in then.text


@pytest.fixture(scope="module")
def visit() -> Engine:
    return build_engine(REPO / "tests/data/visit-knowledge")


def test_a_quotation_off_the_topic_gives_way_to_the_one_beside_the_answer(visit: Engine) -> None:
    first, then = ask_all(
        visit, ["what is the centrepiece of the package?", "what did ortolan say about it?"]
    )
    assert "energy accord" in first.text and "Our sun" not in first.text
    assert then.answered and then.text.startswith('"Our sun and your wind')


FORUM = """---
title: Dock Forum
source: Test Wire
published: 2024-05-09
---

At the dock forum in Hull, union leader Eva Lund said the terminal would need forty new cranes.
"""


def test_a_pronoun_question_answered_only_of_someone_else_is_declined(tmp_path: Path) -> None:
    (tmp_path / "harbour-deal.md").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "dock-forum.md").write_text(FORUM, encoding="utf-8")
    engine = build_engine(tmp_path)
    first, then = ask_all(engine, ["Who hosted the visit?", "how many cranes does he want?"])
    assert first.answered and "Tom Roe" in first.text
    assert engine.answer("how many cranes does he want?").answered
    assert not then.answered and "Eva Lund" not in then.text
    assert then.resolved is not None and "Tom Roe" in then.resolved


def test_that_after_is_stands_for_what_the_answer_before_said(visit: Engine) -> None:
    first, check, who = ask_all(
        visit,
        [
            "what target did the two governments set for trade?",
            "is that realistic?",
            "who said so?",
        ],
    )
    assert first.answered and "€3 billion" in first.text
    assert "fishermen" not in check.text
    assert check.resolved is not None and "trade" in check.resolved
    assert who.answered and "Ines Sayer" in who.text


CANAL = """---
title: Canal Opens
source: Test Wire
published: 2024-07-02
---

Transport minister Ida Brun said the new canal was in the interest of Portland, and also of Riga
and the whole coast.

The canal is 40 kilometres long and took six years to dig.
"""


def test_who_else_with_a_new_question_may_find_it_in_what_was_said(tmp_path: Path) -> None:
    (tmp_path / "canal-opens.md").write_text(CANAL, encoding="utf-8")
    first, then = ask_all(
        build_engine(tmp_path),
        ["what did ida brun say about the canal?", "who else would it benefit?"],
    )
    assert first.answered and "Riga" in first.text
    assert then.answered and "Riga" in then.text


TALKS = """---
title: Trade Talks
source: Test Wire
published: 2024-08-01
---

On Monday the trade delegation met Prime Minister Helga Moen and later the city council.

Moen said she wanted lower tariffs on fish. The council asked for a new ferry pier.
"""


def test_an_abbreviation_of_a_title_in_the_topic_is_read_as_its_words(tmp_path: Path) -> None:
    (tmp_path / "trade-talks.md").write_text(TALKS, encoding="utf-8")
    first, then = ask_all(
        build_engine(tmp_path), ["who did the delegation meet on monday?", "what did the pm want?"]
    )
    assert first.answered and "tariffs" not in first.text
    assert then.answered and "lower tariffs on fish" in then.text
    assert then.question == "what did the pm want?"
    assert then.resolved is not None and "prime minister" in then.resolved


def test_a_switch_to_another_name_leaves_out_the_name_it_replaces(pact: Engine) -> None:
    first, then = ask_all(pact, ["What did Jane Doe say about the ferries?", "and Tom Roe?"])
    assert first.text.startswith("Mayor Jane Doe said")
    lead = then.text.split("[1]")[0]
    assert then.answered and "free for children" in lead and "Jane Doe" not in lead
    # A first name is part of the name replaced, though a capital follows it as one follows a
    # title ("Mayor Jane").
    assert then.resolved is not None and "doe" not in then.resolved
    assert "jane" not in then.resolved


def test_a_switch_beside_the_answer_asks_the_question_before_of_something_else() -> None:
    knowledge = REPO.parent / "shared/eval/multi-dev/knowledge"
    if not knowledge.is_dir():
        pytest.skip(f"{knowledge} is not beside the repository")
    first, then = ask_all(
        build_engine(knowledge),
        [
            "how much does it cost to ship a container from ostrel by road?",
            "and by rail once the line is rebuilt?",
        ],
    )
    assert first.answered and "1,900 euros" in first.text and "1,100" not in first.text
    assert then.answered and "1,100 euros" in then.text


def test_a_question_starting_with_a_preposition_finishes_the_one_before(visit: Engine) -> None:
    first, then = ask_all(
        visit, ["when will the national council debate the agreements?", "on which agreements?"]
    )
    assert first.answered and "7 July" in first.text
    assert then.answered and "ratification" in then.text and "disagree" not in then.text
    assert then.resolved == "on which agreements (national council debate agreements)?"


def test_the_topic_of_disagreeing_sources_is_what_they_say_not_who_says_it(visit: Engine) -> None:
    engine = visit
    turn = reply(engine, "what's the centrepiece of the package?", None)
    assert turn.answer.text.startswith("The sources disagree")
    assert turn.topic is not None
    words = {t.surface for t in turn.topic.answer_terms} | set(turn.topic.people)
    assert words and not words & {"agency", "press", "Sorvenia Press Agency", "2026"}


def test_a_follow_up_the_answer_before_already_answers_is_not_read_on(roadmap: Engine) -> None:
    first, then = ask_all(roadmap, ["when was the roadmap signed?", "who signed it?"])
    assert "March 13, 2023" in first.text
    assert then.answered and "Raisi" in then.text and "Lukashenko" in then.text


@pytest.mark.parametrize(
    ("before", "question", "expected"),
    [
        (
            "What did Raisi say at the joint press conference?",
            "which organisations did he mention?",
            "Shanghai",
        ),
        ("Who did Khamenei meet?", "what did lukashenko tell him?", "new page"),
    ],
)
def test_a_pronoun_does_not_spoil_a_question_its_own_words_answer(
    roadmap: Engine, before: str, question: str, expected: str
) -> None:
    first, then = ask_all(roadmap, [before, question])
    assert first.answered and expected not in first.text
    assert then.answered and expected in then.text


@pytest.mark.parametrize("greeting", ["hi", "Hello!", "thanks", "ok thanks!", "who are you?"])
def test_small_talk_gets_a_friendly_reply_and_keeps_the_context(
    harbour: Engine, greeting: str
) -> None:
    first, talk, follow = ask_all(
        harbour, ["How much was trade in 2022?", greeting, "and in 2023?"]
    )
    assert talk.kind == "smalltalk" and not talk.answered and not talk.citations
    assert "“When was the harbour agreement signed?”" in talk.text
    assert first.answered and "$20 million" in follow.text


@pytest.mark.parametrize(
    "talk", ["quick question: thanks, bye", "pls tell me ok thanks", "one more thing - thank you!"]
)
def test_small_talk_behind_words_that_only_ask_is_small_talk(harbour: Engine, talk: str) -> None:
    assert reply(harbour, talk, None).answer.kind == "smalltalk"
    # A question behind the same words is still a question.
    asked = reply(harbour, "quick question: how much was trade in 2022?", None).answer
    assert asked.answered and "$12 million" in asked.text


@pytest.mark.parametrize("question", ["Hi, who led the delegation?", "thanks for the trade data"])
def test_a_greeting_with_a_question_in_it_is_a_question(harbour: Engine, question: str) -> None:
    assert reply(harbour, question, None).answer.kind != "smalltalk"


def test_the_context_holds_only_while_its_paragraphs_do(harbour: Engine, tmp_path: Path) -> None:
    turn = reply(harbour, "How much was trade in 2022?", None)
    assert turn.topic is not None and turn.topic.holds_in(harbour)
    (tmp_path / "harbour-deal.md").write_text(
        HARBOUR.replace("$12 million", "$13 million"), encoding="utf-8"
    )
    assert not turn.topic.holds_in(build_engine(tmp_path))


@pytest.mark.parametrize("quality_set", SETS, ids=[s.name for s in SETS])
def test_asked_one_after_another_plain_questions_lose_nothing(quality_set: QualitySet) -> None:
    if not quality_set.questions.is_file():
        pytest.skip(f"{quality_set.questions} is not beside the repository")
    engine = build_engine(quality_set.knowledge)
    questions = parse_questions(quality_set.questions.read_text(encoding="utf-8"))
    alone = score(questions, [engine.answer(q.question) for q in questions])
    together = score(questions, ask_all(engine, [q.question for q in questions]))
    assert together.answer.right >= alone.answer.right
    assert together.abstention.right >= alone.abstention.right


def test_contexts_expire_are_bounded_and_survive_only_a_reload_that_keeps_them(
    harbour: Engine, tmp_path: Path
) -> None:
    topic = reply(harbour, "How much was trade in 2022?", None).topic
    assert topic is not None
    contexts = Contexts(seconds=60, limit=2)
    contexts.put("a", topic, harbour, now=0)
    assert contexts.get("a", harbour, now=59) is topic
    assert contexts.get("a", harbour, now=60) is None
    for n, key in enumerate("bcd"):
        contexts.put(key, topic, harbour, now=n)
    assert len(contexts) == 2 and contexts.get("b", harbour, now=5) is None
    (tmp_path / "harbour-deal.md").write_text(HARBOUR + "\nA new closing line.\n", encoding="utf-8")
    unchanged = build_engine(tmp_path)
    assert unchanged.version != harbour.version
    assert contexts.get("c", unchanged, now=5) is topic
    (tmp_path / "harbour-deal.md").write_text(
        HARBOUR.replace("$12 million", "$13 million"), encoding="utf-8"
    )
    assert contexts.get("d", build_engine(tmp_path), now=5) is None


def test_a_one_off_question_keeps_no_topic_and_gets_the_same_answer(roadmap: Engine) -> None:
    question = "When was the roadmap signed?"
    kept = reply(roadmap, question, None)
    alone = reply(roadmap, question, None, goes_on=False)
    assert kept.topic is not None
    assert alone.topic is None
    assert alone.answer == kept.answer


def test_a_pronoun_amid_the_questions_own_words_stands_for_them_not_the_topic(
    tmp_path: Path,
) -> None:
    (tmp_path / "harbour-deal.md").write_text(HARBOUR, encoding="utf-8")
    (tmp_path / "exports.md").write_text(
        "---\ntitle: Exports\nsource: Trade Wire\npublished: 2024-06-01\n---\n\n"
        "Latvia sells mostly timber to Oregon, and the trade was worth $4 million last year.\n",
        encoding="utf-8",
    )
    engine = build_engine(tmp_path)
    question = "what does latvia sell to oregon and how much was it worth"
    alone = engine.answer(question)
    first, second = ask_all(engine, ["Who hosted the visit?", question])
    assert "Tom Roe" in first.text
    assert alone.answered and second.answered and "$4 million" in second.text
    # Last in the question, the pronoun stands for the topic.
    _, again = ask_all(engine, ["Who hosted the visit?", "what did he say about it"])
    assert again.resolved is not None and again.resolved != "what did he say about it"


def test_a_possessive_after_a_name_the_question_gives_is_that_persons(tmp_path: Path) -> None:
    engine = engine_of(
        tmp_path,
        {
            "study": article(
                "Rail study timetable",
                "2026-03-01",
                "The environmental impact study for the new line is due in 2027, the ministry "
                "said.",
            ),
            "arrival": article(
                "Kask arrives in Ostmere",
                "2026-03-05",
                "Prime Minister Mirela Kask landed at Ostmere airport on Thursday, where "
                "Foreign Minister Ilse Varnholt was waiting for her on the tarmac.",
            ),
        },
    )
    question = "who was waiting at the airport for kask when her plane landed"
    alone = engine.answer(question)
    first, second = ask_all(engine, ["when is the environmental impact study due", question])
    assert "2027" in first.text and alone.answered and "Varnholt" in alone.text
    # "Her" is Kask's: the question stands alone, not as a follow-up about the study.
    assert second.answered and "Varnholt" in second.text
    # Opened as a follow-up and shifted in time against the topic's year ("the year before" is
    # read as "in 2026"), the question is read the same way.
    _, shifted = ask_all(
        engine, ["when is the environmental impact study due", f"and {question} the year before"]
    )
    assert shifted.answered and "Varnholt" in shifted.text


def test_a_new_question_the_sources_cannot_answer_ends_the_topic(harbour: Engine) -> None:
    first, declined, after = ask_all(
        harbour, ["How much was trade in 2022?", "What is the population of Minsk?", "and in 2023?"]
    )
    assert first.answered and not declined.answered
    # "And in 2023?" is read as typed: the trade question is no longer the topic.
    assert after.resolved is None
    _, follow = ask_all(harbour, ["How much was trade in 2022?", "and in 2023?"])
    assert follow.resolved is not None and "trade" in follow.resolved


def test_a_follow_up_after_a_declined_question_asks_for_the_whole_question(
    harbour: Engine,
) -> None:
    first, declined, after = ask_all(
        harbour,
        ["How much was trade in 2022?", "What is the population of Minsk?", "what did he say?"],
    )
    assert first.answered and not declined.answered and not after.answered
    # Two questions were asked before it: the reply asks for the whole question without
    # claiming that nothing was.
    assert "ask the whole question" in after.text
    assert "nothing was asked" not in after.text


def test_a_short_follow_up_asking_a_measure_takes_the_answer_in_context() -> None:
    knowledge = REPO.parent / "shared/eval/multi-dev/knowledge"
    if not knowledge.is_dir():
        pytest.skip(f"{knowledge} is not beside the repository")
    _, _, land = ask_all(
        build_engine(knowledge),
        [
            "who heads the brask port authority?",
            "what did she show moravec?",
            # "It" is the terminal: the area it will be built on answers, without "take up".
            "how much land will it take up?",
        ],
    )
    assert land.answered and "42 hectares" in land.text


def test_a_question_naming_its_own_person_is_about_that_person() -> None:
    engine = build_engine(REPO / "tests/data/satellite-knowledge")
    first, then = ask_all(
        engine,
        [
            "what did varnek say when it seperated from the rocket?",
            "was kalvonia's president there?",
        ],
    )
    assert first.answered and "Varnek" in first.text
    # "There" leans on the last answer, but the question names its own person, whom the
    # sources name: the answer that names her is about her, not Varnek's words again.
    assert then.answered and "Dastan" in then.text and "Varnek" not in then.text


def test_when_was_that_after_a_quotation_asks_when_the_topic_happened() -> None:
    engine = build_engine(Path(__file__).resolve().parent / "data" / "windfarm-knowledge")
    questions = ["who opened the new wind farm", "what did she say", "and when was that"]
    *_, then = ask_all(engine, questions)
    # The words she said are no part of what "that" was: the opening she spoke at was.
    assert then.answered and "13 May 2027" in then.text


def test_who_else_may_give_what_an_earlier_answer_said_but_not_the_last() -> None:
    engine = build_engine(Path(__file__).resolve().parent / "data" / "windfarm-knowledge")
    questions = ["how much did the wind farm cost", "who paid for it", "who else?"]
    first, then, more = ask_all(engine, questions)
    # The first answer named the utility and the fund; the second the bank. Nothing unsaid
    # names anyone else who paid: the first answer's sentence answers, the second's does not.
    assert "Calvenergi" in first.text and "National Development Bank" in then.text
    assert more.answered and "Calvenergi" in more.text
    assert "National Development Bank" not in more.text


def test_else_after_the_question_s_own_words_is_of_its_own_subject() -> None:
    museum = next(s for s in SETS if s.name == "museum")
    engine = build_engine(museum.knowledge)
    first, then = ask_all(
        engine,
        ["what was the budget originally", "how much did the state put in and who else chipped in"],
    )
    assert first.answered and "63 million" in first.text
    # "Who else" there asks past "the state", not past the answer before: no follow-up.
    assert then.answered and "52 million" in then.text
    assert then.resolved is None


def test_that_company_is_the_company_the_last_answer_named(tmp_path: Path) -> None:
    engine = engine_over(
        tmp_path,
        article(
            "Solar plant",
            "2026-06-11",
            "The Quelmari company Solenta Power will build and run the 320-megawatt plant.",
            "Construction at Sella Ridge is due to start on 15 October.",
            '"The ridge gets more sun than anywhere," said Idris Falk, the chief executive of '
            "Solenta Power.",
        ),
    )
    first, second = ask_all(engine, ["who is building the solar plant?", "who runs that company?"])
    assert "Solenta Power" in first.text
    assert second.resolved == "who runs Solenta Power?"
    assert second.answered and "Falk" in second.text
    # Where the last answer named nothing so, the question stays as typed.
    _, third = ask_all(engine, ["when does construction start?", "who runs that company?"])
    assert third.resolved != "who runs Solenta Power?"
