"""The command line, run as a real subprocess against knowledge folders written in tmp_path."""

from __future__ import annotations

import contextlib
import json
import re
import selectors
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from conftest import REPO

RunCli = Callable[..., subprocess.CompletedProcess[str]]

BRAZIL = "What is the population of Brazil?"
SIGNED = "Who signed the roadmap?"
ANSWER_KEYS = {"question", "answered", "kind", "answer", "confidence", "citations"}
CITATION_KEYS = {"ref", "document", "title", "paragraph", "text", "published", "url", "score"}


def one_line(stderr: str) -> str:
    """Return stderr's only line, failing if there are more or if it holds a traceback."""
    assert "Traceback" not in stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


def check_answer_object(obj: dict[str, Any]) -> None:
    """Assert the ``ask --json`` object has the contract's fields, types and markers."""
    assert set(obj) - {"resolved"} == ANSWER_KEYS
    assert isinstance(obj["question"], str)
    assert isinstance(obj["answered"], bool)
    assert isinstance(obj["answer"], str) and obj["answer"]
    assert isinstance(obj["confidence"], float | int) and 0 <= obj["confidence"] <= 1
    assert isinstance(obj["citations"], list)
    for cite in obj["citations"]:
        assert set(cite) == CITATION_KEYS
        assert isinstance(cite["ref"], int)
        assert isinstance(cite["document"], str)
        assert isinstance(cite["title"], str)
        assert isinstance(cite["paragraph"], int) and cite["paragraph"] >= 1
        assert isinstance(cite["text"], str) and cite["text"]
        assert cite["published"] is None or isinstance(cite["published"], str)
        assert cite["url"] is None or isinstance(cite["url"], str)
        assert isinstance(cite["score"], float | int)
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", obj["answer"])}
    assert markers == {c["ref"] for c in obj["citations"]}
    assert obj["kind"] in {"answer", "decline", "smalltalk"}
    assert (obj["kind"] == "answer") == obj["answered"]
    if not obj["answered"]:
        assert obj["citations"] == []


def read_line(stream: IO[str]) -> str:
    """Read one line, failing instead of hanging when none arrives."""
    with selectors.DefaultSelector() as sel:
        sel.register(stream, selectors.EVENT_READ)
        assert sel.select(timeout=60), "no output line arrived"
    return stream.readline()


def _interruptible() -> None:
    """Give the child the default SIGINT a terminal's Ctrl-C meets.

    A shell starts a background job with SIGINT ignored, and Python keeps an ignored SIGINT
    ignored: run from such a job, the child would never see the interrupt the test sends.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@contextlib.contextmanager
def batch_process(env: dict[str, str], cwd: Path) -> Iterator[subprocess.Popen[str]]:
    """Start ``ask --json -`` with pipes; kill it if the test leaves it running."""
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        preexec_fn=_interruptible,  # noqa: PLW1509 (one call to signal(), no lock taken)
    ) as proc:
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()


# ask


def test_ask_prints_the_answer_and_its_sources(run_cli: RunCli) -> None:
    done = run_cli("ask", SIGNED)
    assert done.returncode == 0, done.stderr
    assert "Lukashenko" in done.stdout
    assert "Sources:" in done.stdout
    assert re.search(r"\[1\] .+, 2023-03-15, paragraph \d+", done.stdout)
    assert done.stderr == ""


def test_ask_joins_unquoted_words(run_cli: RunCli) -> None:
    done = run_cli("ask", "--json", "Who", "signed", "the", "roadmap?")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["question"] == SIGNED


def test_ask_json_follows_the_contract(run_cli: RunCli) -> None:
    done = run_cli("ask", "--json", SIGNED)
    assert done.returncode == 0, done.stderr
    obj = json.loads(done.stdout)
    check_answer_object(obj)
    assert obj["question"] == SIGNED
    assert obj["answered"] is True
    assert "Lukashenko" in obj["answer"]
    cite = obj["citations"][0]
    assert cite["document"] == "iran-belarus-roadmap-2023"
    assert cite["published"] == "2023-03-15"
    assert cite["title"].startswith("Iran, Belarus Sign")


def test_ask_declines_pointing_to_the_command_that_lists_the_sources(run_cli: RunCli) -> None:
    done = run_cli("ask", BRAZIL)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("Run `accords-bot check` to list them.")
    assert "/sources" not in done.stdout


def test_ask_json_declines_out_of_scope(run_cli: RunCli) -> None:
    done = run_cli("ask", "--json", BRAZIL)
    assert done.returncode == 0, done.stderr
    obj = json.loads(done.stdout)
    check_answer_object(obj)
    assert obj["answered"] is False
    assert obj["citations"] == []


def test_ask_batch_keeps_lines_aligned(run_cli: RunCli) -> None:
    questions = [SIGNED, "", "   ", "zzzz qqqq", "When was the roadmap signed?"]
    done = run_cli("ask", "--json", "-", stdin="\n".join(questions) + "\n")
    assert done.returncode == 0, done.stderr
    objs = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o["question"] for o in objs] == questions
    for obj in objs:
        check_answer_object(obj)
    assert [o["answered"] for o in objs[1:4]] == [False, False, False]
    assert objs[0]["answered"] is True


def test_ask_batch_reads_the_last_line_without_newline(run_cli: RunCli) -> None:
    done = run_cli("ask", "--json", "-", stdin=f"{SIGNED}\r\n{BRAZIL}")
    assert done.returncode == 0, done.stderr
    assert [json.loads(x)["question"] for x in done.stdout.splitlines()] == [SIGNED, BRAZIL]


def test_ask_batch_answers_each_line_before_the_next_arrives(
    cli_env: dict[str, str], tmp_path: Path
) -> None:
    with batch_process(cli_env, tmp_path) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        for question in (SIGNED, "", "How many documents were signed?"):
            proc.stdin.write(question + "\n")
            proc.stdin.flush()
            assert json.loads(read_line(proc.stdout))["question"] == question
        proc.stdin.close()
        assert proc.stdout.read() == ""
        assert proc.wait(timeout=60) == 0


def test_ask_dash_without_json_prints_each_answer(run_cli: RunCli) -> None:
    done = run_cli("ask", "-", stdin=f"{SIGNED}\n\n{SIGNED}\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("Lukashenko") >= 2
    assert "I could not find a question in that message" in done.stdout


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   \t ",
        "x" * 10_000,
    ],
    ids=["empty", "whitespace", "10000-chars"],
)
def test_ask_declines_bad_questions_politely(run_cli: RunCli, question: str) -> None:
    done = run_cli("ask", "--json", question)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    obj = json.loads(done.stdout)
    check_answer_object(obj)
    assert obj["answered"] is False


@pytest.mark.parametrize(
    "question",
    [
        "Кто подписал дорожную карту между Ираном и Беларусью?",
        "چه کسی نقشه راه ایران و بلاروس را امضا کرد؟",
    ],
    ids=["russian", "persian"],
)
def test_ask_answers_russian_and_persian_from_the_english_article(
    run_cli: RunCli, question: str
) -> None:
    done = run_cli("ask", "--json", question)
    assert done.returncode == 0, done.stderr
    obj = json.loads(done.stdout)
    check_answer_object(obj)
    assert obj["answered"] is True and "Lukashenko" in obj["answer"]
    assert obj["citations"][0]["document"] == "iran-belarus-roadmap-2023"


@pytest.mark.parametrize(
    ("question", "hint", "heading"),
    [
        ("Какая погода будет завтра в Мадриде?", "Список источников", "Источники:"),
        ("هوای فردای مادرید چطور است؟", "فهرست منابع", "منابع:"),
    ],
    ids=["russian", "persian"],
)
def test_ask_and_chat_speak_the_questions_language_around_the_answer(
    run_cli: RunCli, question: str, hint: str, heading: str
) -> None:
    asked = run_cli("ask", question)
    assert asked.returncode == 0, asked.stderr
    assert hint in asked.stdout and "`accords-bot check`" in asked.stdout
    assert "to list them" not in asked.stdout
    chatted = run_cli("chat", stdin=question + "\n")
    assert hint in chatted.stdout and ":sources" in chatted.stdout
    assert "Type :sources" not in chatted.stdout
    answered = run_cli("ask", "Кто подписал дорожную карту между Ираном и Беларусью?")
    assert "Источники:" in answered.stdout and ", абзац " in answered.stdout
    assert "Sources:" not in answered.stdout


def test_russian_typed_in_latin_letters_is_answered_in_russian(run_cli: RunCli) -> None:
    done = run_cli("ask", "kto podpisal dorozhnuyu kartu?")
    assert done.returncode == 0, done.stderr
    assert "В источнике на английском языке" in done.stdout and "Lukashenko" in done.stdout
    assert "Источники:" in done.stdout
    declined = run_cli("ask", "--json", "kakaya pogoda budet zavtra v Madride?")
    assert "не нашёл" in json.loads(declined.stdout)["answer"]


def test_russian_and_persian_summaries_from_ask_and_chat(run_cli: RunCli) -> None:
    knowledge = {"BOT_KNOWLEDGE_DIR": str(REPO / "tests" / "data" / "fa-knowledge")}
    asked = run_cli("ask", "این سند درباره چیست؟", env=knowledge)
    assert asked.returncode == 0, asked.stderr
    assert "، به طور خلاصه: " in asked.stdout and "منابع:" in asked.stdout
    knowledge = {"BOT_KNOWLEDGE_DIR": str(REPO / "tests" / "data" / "ru-knowledge")}
    chatted = run_cli("chat", stdin=":summary\nрезюме\n", env=knowledge)
    assert chatted.stdout.count(", кратко: ") == 1 and "in short" in chatted.stdout


@pytest.mark.parametrize(
    ("greeting", "example"),
    [("Привет!", "Когда подписали дорожную карту?"), ("سلام", "چه کسی نقشه راه را امضا کرد؟")],
    ids=["russian", "persian"],
)
def test_small_talk_offers_example_questions_in_the_users_language(
    run_cli: RunCli, greeting: str, example: str
) -> None:
    done = run_cli("ask", "--json", greeting)
    obj = json.loads(done.stdout)
    assert obj["kind"] == "smalltalk" and example in obj["answer"]
    assert "Who signed" not in obj["answer"]


def test_ask_survives_control_characters_and_bad_bytes(run_cli: RunCli) -> None:
    lines = [b"Who\x07 signed\x1b[31m the\x00 roadmap?", b"\xff\xfe\xfd broken bytes", b"\x7f\x08"]
    done = run_cli("ask", "--json", "-", stdin=b"\n".join(lines) + b"\n")
    assert done.returncode == 0, done.stderr
    objs = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(objs) == 3
    for obj in objs:
        check_answer_object(obj)


def test_ask_text_question_with_control_characters(run_cli: RunCli) -> None:
    done = run_cli("ask", "\x1b[2J\x07\x08")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


# errors


@pytest.mark.parametrize(
    "args",
    [["--bogus"], ["frobnicate"], ["ask", "--bogus", "hi"], ["ask"], ["eval"], ["check", "x"]],
)
def test_usage_errors_are_one_line_and_exit_1(run_cli: RunCli, args: list[str]) -> None:
    done = run_cli(*args)
    assert done.returncode == 1
    assert done.stdout == ""
    assert "accords-bot" in one_line(done.stderr)


@pytest.mark.parametrize("command", ["run", "chat", "ask", "check", "eval"])
def test_every_command_has_help_with_an_example(run_cli: RunCli, command: str) -> None:
    done = run_cli(command, "--help")
    assert done.returncode == 0
    assert f"usage: accords-bot {command}" in done.stdout
    assert "examples:" in done.stdout


def test_no_command_prints_help(run_cli: RunCli) -> None:
    done = run_cli()
    assert done.returncode == 0
    for command in ("run", "chat", "ask", "check", "eval"):
        assert command in done.stdout


def test_missing_knowledge_folder(run_cli: RunCli, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    for command in (["ask", SIGNED], ["check"], ["chat"]):
        done = run_cli(*command, env={"BOT_KNOWLEDGE_DIR": str(missing)})
        assert done.returncode == 1
        line = one_line(done.stderr)
        assert str(missing) in line and "does not exist" in line


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("BOT_MODE", "carrier-pigeon", "BOT_MODE"),
        ("BOT_ADMIN_IDS", "123, 456", "BOT_ADMIN_IDS"),
        ("BOT_MIN_CONFIDENCE", "2", "BOT_MIN_CONFIDENCE"),
        ("BOT_WEBHOOK_PORT", "0", "BOT_WEBHOOK_PORT"),
    ],
)
def test_bad_settings_are_one_line(run_cli: RunCli, name: str, value: str, shown: str) -> None:
    done = run_cli("ask", SIGNED, env={name: value})
    assert done.returncode == 1
    assert shown in one_line(done.stderr)


def test_bad_setting_in_dotenv_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "work").mkdir(exist_ok=True)
    (tmp_path / "work" / ".env").write_text("BOT_MODE=sideways\n", encoding="utf-8")
    done = run_cli("check")
    assert done.returncode == 1
    assert "BOT_MODE" in one_line(done.stderr)


@pytest.mark.parametrize("command", [("ask", SIGNED), ("run",), ("log", "stats")])
def test_a_misspelt_setting_is_refused_naming_the_right_one(
    run_cli: RunCli, command: tuple[str, ...]
) -> None:
    done = run_cli(*command, env={"BOT_ADMIN_ID": "123", "BOT_TOKEN": "123:abc"})
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "BOT_ADMIN_ID " in line and "did you mean BOT_ADMIN_IDS?" in line


def test_a_misspelt_setting_in_dotenv_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "work").mkdir(exist_ok=True)
    (tmp_path / "work" / ".env").write_text(
        "OTHER_TOOL=kept\nbot_knowlege_dir=/srv\n", encoding="utf-8"
    )
    done = run_cli("check")
    assert done.returncode == 1
    assert "BOT_KNOWLEGE_DIR (did you mean BOT_KNOWLEDGE_DIR?)" in one_line(done.stderr)


def test_variables_without_the_prefix_are_not_settings(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "work").mkdir(exist_ok=True)
    (tmp_path / "work" / ".env").write_text("OTHER_TOOL=kept\n", encoding="utf-8")
    done = run_cli("check", env={"BOTANY": "yes"})
    assert done.returncode == 0, done.stderr


def test_run_without_token_explains_how_to_get_one(run_cli: RunCli) -> None:
    done = run_cli("run")
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "BOT_TOKEN" in line and "BotFather" in line


def test_run_in_webhook_mode_names_what_is_missing(run_cli: RunCli) -> None:
    done = run_cli("run", env={"BOT_TOKEN": "123:secret-token-value", "BOT_MODE": "webhook"})
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "BOT_WEBHOOK_URL" in line and "BOT_WEBHOOK_SECRET" in line
    assert "secret-token-value" not in line


def test_ctrl_c_exits_quietly(cli_env: dict[str, str], tmp_path: Path) -> None:
    with batch_process(cli_env, tmp_path) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(SIGNED + "\n")
        proc.stdin.flush()
        read_line(proc.stdout)  # the engine is built and the loop waits for the next line
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode == 130
        assert "Traceback" not in err


# check


def write(folder: Path, name: str, data: str | bytes) -> None:
    path = folder / name
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def test_check_lists_glossary_files_and_names_a_bad_line(run_cli: RunCli, tmp_path: Path) -> None:
    write(tmp_path, "a.md", "Один абзац.\n")
    write(tmp_path, "glossary.ru-en.tsv", "# terms\nсанкция\tsanctions\nдорожная карта\troadmap\n")
    done = run_cli("check", env={"BOT_KNOWLEDGE_DIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert "glossary.ru-en.tsv: glossary, 2 terms" in done.stdout.splitlines()
    write(tmp_path, "glossary.ru-en.tsv", "санкция sanctions\n")
    done = run_cli("check", env={"BOT_KNOWLEDGE_DIR": str(tmp_path)})
    assert done.returncode == 1
    assert "glossary.ru-en.tsv: line 1" in done.stderr and "Traceback" not in done.stderr


def test_check_lists_documents_and_totals(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "good"
    folder.mkdir()
    write(folder, "alpha.md", "---\ntitle: Alpha accord\n---\n\nOne.\n\nTwo.\n\nThree.\n")
    write(folder, "beta.txt", "Beta notes\n\nA paragraph.\n")
    # A heading is a title, not a paragraph.
    write(folder, "gamma.md", "# Gamma\n\nOnly *this*.\n")
    done = run_cli("check", env={"BOT_KNOWLEDGE_DIR": str(folder)})
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "alpha: Alpha accord (3 paragraphs)"
    assert lines[1] == "beta: Beta notes (2 paragraphs)"
    assert lines[2] == "gamma: Gamma (1 paragraph)"
    assert lines[3].startswith("3 documents, 6 paragraphs")
    assert done.stderr == ""


def test_check_the_shipped_article(run_cli: RunCli) -> None:
    done = run_cli("check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("iran-belarus-roadmap-2023: Iran, Belarus Sign")
    assert "1 document, 16 paragraphs" in done.stdout


def test_check_names_every_bad_file_with_its_reason(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    write(folder, "good.md", "Fine title\n\nFine text.\n")
    write(folder, "latin1.md", "Caf\xe9 society".encode("latin-1"))
    write(folder, "fence.md", "---\ntitle: never closed\n\nBody.\n")
    write(folder, "empty.txt", "")
    write(folder, "image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(folder, "huge.txt", "word " * 400)
    write(folder, "notes.csv", "ignored,because,of,suffix")
    done = run_cli("check", env={"BOT_KNOWLEDGE_DIR": str(folder), "BOT_MAX_FILE_BYTES": "1000"})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    reasons = dict(line.split(": ", 1) for line in done.stderr.splitlines()[:-1])
    assert set(reasons) == {"latin1.md", "fence.md", "empty.txt", "image.md", "huge.txt"}
    assert "not UTF-8" in reasons["latin1.md"]
    assert "front matter" in reasons["fence.md"]
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["image.md"]
    assert "too large" in reasons["huge.txt"]
    assert done.stderr.splitlines()[-1] == f"accords-bot: 5 bad files in {folder}"


def test_ask_with_a_bad_file_names_it_on_one_line(run_cli: RunCli, roadmap_dir: Path) -> None:
    write(roadmap_dir, "broken.md", b"\xff\xfe\x00")
    done = run_cli("ask", SIGNED)
    assert done.returncode == 1
    assert "broken.md: binary" in one_line(done.stderr)


def test_check_empty_folder(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "nothing"
    folder.mkdir()
    done = run_cli("check", env={"BOT_KNOWLEDGE_DIR": str(folder)})
    assert done.returncode == 1
    assert "no .md or .txt documents" in one_line(done.stderr)


# eval


def write_questions(path: Path, rows: list[dict[str, object]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


TINY_SET: list[dict[str, object]] = [
    # right: answered with the fact, cited
    {"id": "a", "question": SIGNED, "in_scope": True, "evidence": "Lukashenko",
     "expect": [["lukashenko"]]},
    # wrong twice: an empty question is never answered, so nothing is cited
    {"id": "b", "question": "", "in_scope": True, "evidence": "Lukashenko",
     "expect": [["Lukashenko"]]},
    # wrong: no answer holds this made-up word
    {"id": "c", "question": SIGNED, "in_scope": True, "evidence": None,
     "expect": [["Lukashenko"], ["xylophone-quartet"]]},
    # right: blank and nonsense questions are declined
    {"id": "d", "question": "   ", "in_scope": False, "evidence": None, "expect": []},
    {"id": "e", "question": "zzzz qqqq", "in_scope": False, "evidence": None, "expect": []},
]  # fmt: skip


def test_eval_prints_rates_and_misses(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    write_questions(path, TINY_SET)
    done = run_cli("eval", str(path))
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert re.search(r"answer rate\s+0\.333\s+\(1/3 in-scope questions\)", out)
    assert re.search(r"citation rate\s+0\.500\s+\(1/2 with evidence\)", out)
    assert re.search(r"abstention rate\s+1\.000\s+\(2/2 out-of-scope questions\)", out)
    assert "misses (3):" in out
    assert "b [answer] not answered" in out
    assert "b [citation]" in out
    assert "c [answer] missing 'xylophone-quartet'" in out


def test_eval_json_and_thresholds(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    write_questions(path, TINY_SET)
    done = run_cli("eval", str(path), "--json", "--min-answer", "0.3", "--min-abstention", "1")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["questions"] == 5
    assert report["answer"] == {"rate": 0.3333, "right": 1, "total": 3}
    assert report["citation"] == {"rate": 0.5, "right": 1, "total": 2}
    assert report["abstention"] == {"rate": 1.0, "right": 2, "total": 2}
    assert [(m["id"], m["kind"]) for m in report["misses"]] == [
        ("b", "answer"),
        ("b", "citation"),
        ("c", "answer"),
    ]
    assert set(report["misses"][0]) == {"id", "question", "kind", "detail", "answer"}

    done = run_cli("eval", str(path), "--json", "--min-answer", "0.5", "--min-citation", "0.9")
    assert done.returncode == 1
    assert json.loads(done.stdout)["answer"]["right"] == 1
    line = one_line(done.stderr)
    assert "answer rate 0.333 is below 0.5" in line
    assert "citation rate 0.500 is below 0.9" in line


@pytest.mark.parametrize("bar", ["1.5", "-0.1", "most"])
def test_eval_rejects_bad_bars(run_cli: RunCli, tmp_path: Path, bar: str) -> None:
    path = tmp_path / "tiny.jsonl"
    write_questions(path, TINY_SET)
    done = run_cli("eval", str(path), "--min-answer", bar)
    assert done.returncode == 1
    assert "--min-answer" in one_line(done.stderr)


def test_eval_unreadable_file(run_cli: RunCli, tmp_path: Path) -> None:
    done = run_cli("eval", str(tmp_path / "absent.jsonl"))
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "absent.jsonl" in line and "No such file" in line

    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"id": "caf\xe9"}\n')
    done = run_cli("eval", str(latin))
    assert done.returncode == 1
    assert "latin.jsonl" in one_line(done.stderr)


def test_eval_malformed_line_names_its_number(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    good = json.dumps(TINY_SET[0])
    path.write_text(f"{good}\n\n{{not json\n", encoding="utf-8")
    done = run_cli("eval", str(path))
    assert done.returncode == 1
    line = one_line(done.stderr)
    assert "broken.jsonl" in line and "line 3" in line and "not valid JSON" in line


# chat


def test_chat_with_piped_input_answers_each_line(run_cli: RunCli) -> None:
    done = run_cli("chat", stdin=f"{SIGNED}\n\n\n{BRAZIL}\n:sources\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Lukashenko" in out
    assert "Sources:\n  [1] Iran, Belarus Sign" in out
    assert "Caspian News, 2023-03-15" in out  # :sources
    # The decline points to the chat's own way of listing the sources.
    assert "Type :sources to list them." in out and "/sources" not in out
    assert "> " not in out
    assert "Ctrl-D" not in out
    assert done.stderr == ""


def test_chat_quit_ends_the_session(run_cli: RunCli) -> None:
    done = run_cli("chat", stdin=f":quit\n{SIGNED}\n")
    assert done.returncode == 0
    assert done.stdout == ""


def test_python_dash_m_and_console_script_agree(run_cli: RunCli) -> None:
    script = Path(sys.executable).parent / "accords-bot"
    if not script.exists():
        pytest.skip("the console script is not installed next to this Python")
    done = run_cli("--version")
    direct = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert done.returncode == direct.returncode == 0
    assert done.stdout == direct.stdout
    assert done.stdout.startswith("accords-bot ")


# --log


def exported(run_cli: RunCli) -> list[dict[str, Any]]:
    done = run_cli("log", "export", "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_ask_without_log_writes_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    assert run_cli("ask", SIGNED).returncode == 0
    assert run_cli("ask", "--json", "-", stdin=f"{SIGNED}\n").returncode == 0
    assert not (tmp_path / "queries.db").exists()


def test_ask_log_writes_one_cli_row(run_cli: RunCli) -> None:
    done = run_cli("ask", "--json", "--log", SIGNED)
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    [row] = exported(run_cli)
    assert row["channel"] == "cli" and row["chat_type"] == "cli"
    assert row["user_key"] is None and row["chat_key"] is None and row["update_id"] is None
    assert row["question"] == SIGNED
    assert row["outcome"] == "answered" and row["answered"] is True
    assert row["answer"] == answer["answer"]
    assert row["confidence"] == pytest.approx(answer["confidence"], abs=1e-3)
    assert row["citations"] == [
        {"document": c["document"], "paragraph": c["paragraph"]} for c in answer["citations"]
    ]
    assert row["latency_ms"] >= 0
    assert row["error"] is None


def test_ask_batch_log_writes_each_question_in_order(run_cli: RunCli) -> None:
    done = run_cli("ask", "--json", "--log", "-", stdin=f"{SIGNED}\n\n{BRAZIL}\nzzzz qqqq\n")
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == 4
    rows = sorted(exported(run_cli), key=lambda r: r["time"])
    assert [r["question"] for r in rows] == [SIGNED, BRAZIL, "zzzz qqqq"]
    assert [r["outcome"] for r in rows][1:] == ["declined", "declined"]


def test_chat_log_writes_each_question(run_cli: RunCli) -> None:
    done = run_cli("chat", "--log", stdin=f"{SIGNED}\n:sources\n\n")
    assert done.returncode == 0, done.stderr
    assert [r["question"] for r in exported(run_cli)] == [SIGNED]


def test_log_that_cannot_be_opened_is_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    done = run_cli("ask", "--log", SIGNED, env={"BOT_DB_PATH": str(folder)})
    assert done.returncode == 1
    assert "query log" in one_line(done.stderr)


def test_chat_json_reads_turns_as_one_conversation(run_cli: RunCli) -> None:
    turns = "hi\nHow much was trade between Iran and Belarus in 2021?\n\nand in 2022?\n"
    done = run_cli("chat", "--json", stdin=turns + ":new\nand what did he say?\n")
    assert done.returncode == 0, done.stderr
    objs = [json.loads(line) for line in done.stdout.splitlines()]
    for obj in objs:
        check_answer_object(obj)
    assert [o["question"] for o in objs] == [
        "hi",
        "How much was trade between Iran and Belarus in 2021?",
        "and in 2022?",
        "and what did he say?",
    ]
    assert objs[0]["kind"] == "smalltalk"
    assert "$33 million" in objs[1]["answer"]
    assert objs[2]["answered"] and "100 million" in objs[2]["answer"]
    assert "trade" in objs[2]["resolved"]
    # After ":new" the same words have nothing to follow up on.
    assert not objs[3]["answered"]


def test_chat_json_answers_each_line_as_it_comes(tmp_path: Path, cli_env: dict[str, str]) -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=cli_env,
        cwd=tmp_path,
    ) as proc:
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write("Who signed the roadmap?\n")
            proc.stdin.flush()
            first = json.loads(read_line(proc.stdout))
            assert "Raisi" in first["answer"]
            proc.stdin.write("thanks!\n")
            proc.stdin.flush()
            assert json.loads(read_line(proc.stdout))["kind"] == "smalltalk"
        finally:
            proc.stdin.close()
            assert proc.wait(timeout=60) == 0


def test_eval_scores_a_conversation_set(run_cli: RunCli, tmp_path: Path) -> None:
    conversations = tmp_path / "conversations.jsonl"
    rows = [
        {
            "id": "t1",
            "turns": [
                {"q": "hello", "expect": [], "kind": "smalltalk"},
                {"q": SIGNED, "expect": [["Raisi"]], "evidence": "have signed a roadmap"},
                {"q": "and when?", "expect": [["2023"]]},
                {"q": "What is the capital of Mars?", "expect": [], "kind": "decline"},
            ],
        },
        {"id": "t2", "turns": [{"q": "where?", "expect": [["Tehran"]]}]},
    ]
    conversations.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    done = run_cli("eval", str(conversations), "--json")
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert report["conversations"] == 2
    assert report["smalltalk"] == {"rate": 1.0, "right": 1, "total": 1}
    assert report["citation"]["right"] == 1
    assert report["turns"]["total"] == 5
    assert [m["id"] for m in report["misses"]] == ["t2.1"]
    text = run_cli("eval", str(conversations), "--min-answer", "0.9")
    assert text.returncode == 1
    assert "follow-ups" in text.stdout
    assert one_line(text.stderr).endswith("turn rate 0.800 is below 0.9")


def test_eval_names_a_bad_conversation_line(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "c", "turns": [{"q": "hi", "kind": "chat"}]}\n', encoding="utf-8")
    done = run_cli("eval", str(bad))
    assert done.returncode == 1
    assert "line 1: turn 1: kind must be one of" in one_line(done.stderr)


def test_ask_json_summarize_gives_a_short_cited_summary(run_cli: RunCli) -> None:
    done = run_cli("ask", "--json", "summarize")
    assert done.returncode == 0, done.stderr
    obj = json.loads(done.stdout)
    check_answer_object(obj)
    assert obj["answered"] is True
    assert obj["kind"] == "answer"
    assert 3 <= len(re.findall(r"\[\d+\]", obj["answer"])) <= 5
    assert {c["document"] for c in obj["citations"]} == {"iran-belarus-roadmap-2023"}
    assert "comprehensive cooperation" in obj["answer"].lower()


def test_two_commands_started_together_over_one_cache_both_answer(
    tmp_path: Path, cli_env: dict[str, str]
) -> None:
    # The bot and an admin's ``ask`` over one knowledge folder build its index at the same time.
    env = {**cli_env, "BOT_INDEX_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "bot", "ask", "--json", SIGNED],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tmp_path,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (stdout, stderr) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, stderr
        assert "Traceback" not in stderr
        check_answer_object(json.loads(stdout))
    assert len({stdout for stdout, _ in outputs}) == 1
    assert json.loads(outputs[0][0])["answered"] is True
