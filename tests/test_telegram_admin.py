"""Admin commands end to end: reload, stats, unanswered, export, uploads; everyone else refused."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

from conftest import ROADMAP, BotRun, StartBot
from fakes import ADMIN, USER, Person, Sent

from bot.knowledge.documents import KnowledgeBase, load_knowledge
from bot.querylog.writer import LoggedQuery

LogRows = Callable[[Path], Awaitable[list[LoggedQuery]]]
TRACTORS = (
    b"---\ntitle: Minsk tractor deal\nsource: Test Wire\npublished: 2023-04-02\n---\n\n"
    b"Belarus agreed to deliver five hundred MTZ tractors to Isfahan province in 2024.\n\n"
    b"The tractors will be assembled in a joint plant near Isfahan.\n"
)
TRACTOR_QUESTION = "How many tractors will Belarus deliver to Isfahan?"


async def say(run: BotRun, person: Person, text: str, count: int = 1) -> list[Sent]:
    before = len(run.fake.messages(person.id))
    run.fake.push(run.updates.text(person, text))
    sent = await run.fake.wait_for_messages(before + count, person.id)
    return sent[before:]


async def upload(run: BotRun, person: Person, name: str, content: bytes) -> Sent:
    before = len(run.fake.messages(person.id))
    file_id = f"file{len(run.fake.files)}"
    run.fake.add_file(file_id, content)
    run.fake.push(run.updates.document(person, file_id, name, len(content)))
    sent = await run.fake.wait_for_messages(before + 1, person.id)
    return sent[before]


async def test_every_admin_command_is_refused_to_others_and_logged(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot()
    commands = ["/reload", "/stats", "/unanswered", "/export"]
    for command in commands:
        (reply,) = await say(run, USER, command)
        assert "only for the bot's admins" in reply.shown
    assert not any(s.method == "sendDocument" for s in run.fake.sent)
    assert await run.stop() == 0
    rows = await log_rows(run.settings.db_path)
    assert [(r.question, r.outcome) for r in rows] == [(c, "refused") for c in commands]


async def test_reload_reports_an_added_document_which_then_answers(start_bot: StartBot) -> None:
    run = await start_bot()
    (unchanged,) = await say(run, ADMIN, "/reload")
    assert "Nothing changed" in unchanged.shown
    (run.settings.knowledge_dir / "minsk-tractors.md").write_bytes(TRACTORS)
    (report,) = await say(run, ADMIN, "/reload")
    assert "Documents added: minsk-tractors" in report.shown
    assert "Paragraphs: 2 added, 0 removed, 0 changed" in report.shown
    assert "2 documents" in report.shown
    (answer,) = await say(run, USER, TRACTOR_QUESTION)
    assert "Minsk tractor deal" in answer.shown


async def test_reload_with_a_bad_file_keeps_the_old_base_and_names_the_file(
    start_bot: StartBot,
) -> None:
    run = await start_bot()
    (run.settings.knowledge_dir / "broken.md").write_bytes(b"\xff\xfe not utf-8 \x00")
    (report,) = await say(run, ADMIN, "/reload")
    assert "Reload failed" in report.shown
    assert "broken.md" in report.shown
    assert "binary" in report.shown or "UTF-8" in report.shown
    (answer,) = await say(run, USER, "Who signed the roadmap?")
    assert "Lukashenko" in answer.shown


async def test_sighup_reload_request_swaps_the_base(start_bot: StartBot) -> None:
    run = await start_bot()
    (run.settings.knowledge_dir / "minsk-tractors.md").write_bytes(TRACTORS)
    run.control.reload()
    await run.control.reloads.join()
    (answer,) = await say(run, USER, TRACTOR_QUESTION)
    assert "Minsk tractor deal" in answer.shown


async def test_stats_unanswered_and_export(start_bot: StartBot) -> None:
    run = await start_bot()
    await say(run, USER, "Who signed the roadmap?")
    await say(run, USER, "What is the population of Brazil?")
    await say(run, USER, "what is the population of brazil")
    (stats,) = await say(run, ADMIN, "/stats")
    assert "All: 3" in stats.shown
    assert "Answered: 33%" in stats.shown
    (unanswered,) = await say(run, ADMIN, "/unanswered")
    assert "2 × " in unanswered.shown
    assert "population of brazil" in unanswered.shown.lower()
    (export,) = await say(run, ADMIN, "/export")
    assert export.method == "sendDocument"
    assert export.filename is not None and export.filename.endswith(".csv")
    assert export.content is not None
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8"))))
    assert [r["question"] for r in rows][:3] == [
        "Who signed the roadmap?",
        "What is the population of Brazil?",
        "what is the population of brazil",
    ]
    # No cell holds the raw id; the id columns hold keyed hashes. (The id's digits may turn up
    # inside a hash, a time or a latency by chance, so the whole text is not searched.)
    raw = str(USER.id)
    assert all(raw not in row.values() for row in rows)
    assert all(row["user_key"] and not row["user_key"].isdigit() for row in rows)


async def test_admin_upload_is_saved_reloaded_and_answerable(start_bot: StartBot) -> None:
    run = await start_bot()
    reply = await upload(run, ADMIN, "Minsk Tractors (final).MD", TRACTORS)
    assert "Added Minsk-Tractors-final.md (2 paragraphs)" in reply.shown
    assert "Documents added: Minsk-Tractors-final" in reply.shown
    assert (run.settings.knowledge_dir / "Minsk-Tractors-final.md").read_bytes() == TRACTORS
    (answer,) = await say(run, USER, TRACTOR_QUESTION)
    assert "Minsk tractor deal" in answer.shown


async def test_uploads_with_unsafe_names_bad_types_or_bad_content_are_refused(
    start_bot: StartBot, tmp_path: Path
) -> None:
    run = await start_bot(max_upload_bytes=1000)
    folder = run.settings.knowledge_dir
    before = sorted(p.name for p in folder.iterdir())
    cases = {
        "../../evil.md": "unsafe file name",
        "..\\evil.md": "unsafe file name",
        "sub/evil.md": "unsafe file name",
        "．．／evil.md": "unsafe file name",
        ".hidden.md": "hidden files",
        "notes.pdf": "only .md and .txt",
        "big.md": "too large",
        "binary.md": "binary",
        "empty.txt": "empty",
    }
    contents = {"big.md": b"x" * 2000, "binary.md": b"\x00\x01\x02", "empty.txt": b"\n\n"}
    for name, reason in cases.items():
        reply = await upload(run, ADMIN, name, contents.get(name, TRACTORS))
        assert "Not added" in reply.shown, name
        assert reason in reply.shown, (name, reply.shown)
    assert sorted(p.name for p in folder.iterdir()) == before
    assert not (tmp_path / "evil.md").exists()
    assert not (tmp_path.parent / "evil.md").exists()


async def test_an_upload_that_breaks_the_reload_is_removed_again(start_bot: StartBot) -> None:
    run = await start_bot()
    folder = run.settings.knowledge_dir
    # Same document id as the article (another suffix): the file parses but the reload fails.
    reply = await upload(run, ADMIN, ROADMAP.stem + ".txt", TRACTORS)
    assert "was not added" in reply.shown
    assert "same document id" in reply.shown
    assert sorted(p.name for p in folder.iterdir()) == [ROADMAP.name]
    (answer,) = await say(run, USER, "Who signed the roadmap?")
    assert "Lukashenko" in answer.shown


async def test_an_upload_replacing_a_document_is_restored_if_the_reload_fails(
    start_bot: StartBot,
) -> None:
    run = await start_bot()
    folder = run.settings.knowledge_dir
    (folder / "minsk-tractors.md").write_bytes(TRACTORS)
    (folder / "minsk-tractors.txt").write_bytes(b"")
    await say(run, ADMIN, "/reload")
    (folder / "minsk-tractors.txt").unlink()
    await say(run, ADMIN, "/reload")
    (folder / "extra.md").write_bytes(b"\x00")  # breaks every reload from now on
    reply = await upload(run, ADMIN, "minsk-tractors.md", TRACTORS.replace(b"five", b"six"))
    assert "was not added" in reply.shown
    assert "extra.md" in reply.shown
    assert (folder / "minsk-tractors.md").read_bytes() == TRACTORS


async def test_reload_under_a_stream_of_questions_never_mixes_versions(
    start_bot: StartBot, log_rows: LogRows
) -> None:
    run = await start_bot(flood_burst=1000)
    folder = run.settings.knowledge_dir
    first = load_knowledge(folder)
    people = [Person(5000 + n, f"P{n}") for n in range(8)]
    questions = ["Who signed the roadmap?", TRACTOR_QUESTION, "What did Raisi say about the SCO?"]
    extra = folder / "minsk-tractors.md"
    bases: dict[str, KnowledgeBase] = {first.version: first}
    asked = 0
    for round_number in range(6):
        for person in people:
            for question in questions:
                run.fake.push(run.updates.text(person, question))
                asked += 1
        if round_number % 2 == 0:
            staged = folder / ".staged"
            staged.write_bytes(TRACTORS)
            os.replace(staged, extra)
        else:
            extra.unlink()
        kb = load_knowledge(folder)
        bases[kb.version] = kb
        run.control.reload()
        # Questions of this round are still being answered while the reload runs.
        await run.control.reloads.join()
    await run.fake.wait_for(lambda: len(run.fake.messages()) >= asked, timeout=60)
    assert await run.stop() == 0
    rows = await log_rows(run.settings.db_path)
    assert len(rows) == asked
    versions = {row.kb_version for row in rows}
    assert versions <= set(bases)
    for row in rows:
        kb = bases[row.kb_version]
        for document, paragraph in row.citations:
            assert kb.paragraph(document, paragraph) is not None, (row.kb_version, document)
