"""Admin replies as Telegram HTML: reload reports, log figures, unanswered questions."""

from __future__ import annotations

from collections.abc import Sequence

from bot.answer.live import ReloadReport
from bot.knowledge.documents import FileProblem, KnowledgeDiff
from bot.querylog.writer import LogStats, UnansweredGroup
from bot.telegram.markup import Block, Run, bold, italic, plain, split_messages


def _names(ids: Sequence[str]) -> str:
    return ", ".join(ids) if ids else "none"


def _diff_block(diff: KnowledgeDiff) -> Block:
    return [
        plain(f"Documents added: {_names(diff.documents_added)}\n"),
        plain(f"Documents removed: {_names(diff.documents_removed)}\n"),
        plain(f"Documents changed: {_names(diff.documents_changed)}\n"),
        plain(
            f"Paragraphs: {diff.paragraphs_added} added, {diff.paragraphs_removed} removed, "
            f"{diff.paragraphs_changed} changed"
        ),
    ]


def reload_messages(
    report: ReloadReport, headline: str = "Reloaded the knowledge base."
) -> list[str]:
    """Render a successful reload: what changed, and the new version and size."""
    summary: list[Run] = [
        bold(headline),
        plain(
            f"\nVersion {report.version}: {report.documents} documents, "
            f"{report.paragraphs} paragraphs."
        ),
    ]
    if report.diff.unchanged:
        summary.append(italic("\nNothing changed."))
        return split_messages([summary])
    return split_messages([summary, _diff_block(report.diff)])


def reload_failed_messages(
    problems: Sequence[FileProblem], version: str, headline: str = "Reload failed."
) -> list[str]:
    """Render a failed reload: each bad file and why, and the version still answering."""
    lines: list[Run] = [bold(headline), plain(f"\nStill answering from version {version}.")]
    problem_lines: list[Run] = [bold("Problems")]
    for problem in problems:
        problem_lines.extend([plain("\n• "), bold(problem.name), plain(f": {problem.reason}")])
    return split_messages([lines, problem_lines])


def stats_messages(stats: LogStats) -> list[str]:
    """Render the query log figures for /stats."""
    median = f"{stats.median_latency_ms:,.0f} ms" if stats.median_latency_ms is not None else "n/a"
    figures: list[Run] = [
        bold("Questions"),
        plain(f"\nToday: {stats.today:,}  ·  7 days: {stats.week:,}  ·  All: {stats.total:,}"),
        plain(f"\nAnswered: {stats.answered_share:.0%}  ·  Median latency: {median}"),
        plain(f"\nFeedback: 👍 {stats.thumbs_up:,}  ·  👎 {stats.thumbs_down:,}"),
        plain(
            f"\nRefused: {stats.refused:,}  ·  Slowed down: {stats.flood:,}  ·  "
            f"Failed to send: {stats.failed:,}  ·  Log write failures: {stats.write_failures:,}"
        ),
    ]
    blocks: list[Block] = [figures]
    if stats.top_questions:
        top: list[Run] = [bold("Most asked")]
        for question, count in stats.top_questions:
            top.extend([plain(f"\n{count:,} × "), italic(question)])
        blocks.append(top)
    return split_messages(blocks)


def unanswered_messages(groups: Sequence[UnansweredGroup]) -> list[str]:
    """Render the latest unanswered questions, similar ones grouped with their counts."""
    if not groups:
        return split_messages([[plain("No unanswered questions. 🎉")]])
    lines: list[Run] = [bold("Unanswered questions")]
    for group in groups:
        when = group.last_time.strftime("%Y-%m-%d %H:%M")
        lines.extend([plain(f"\n{group.count:,} × "), italic(group.question), plain(f" ({when})")])
    return split_messages([lines])
