"""The one table the benchmark prints: the machine, the figures side by side, ratios and targets."""

from __future__ import annotations

import datetime
import os
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from benchmarks.corpus import size_label
from benchmarks.sides import SideResult


@dataclass(frozen=True)
class BotResult:
    """Telegram updates answered through python-telegram-bot at one concurrency setting."""

    handler: str
    concurrency: int
    updates_per_s: float
    p50_ms: float
    """Update-to-reply at Telegram's pace (30 updates a second), as are ``p95_ms``."""
    p95_ms: float
    logged: int
    updates: int


@dataclass(frozen=True)
class Check:
    """One target of the benchmark: what it asks, what was measured, and whether it holds."""

    what: str
    measured: str
    holds: bool


def machine() -> str:
    """Describe this machine: date, cores, memory and CPU model."""
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kb = int(meminfo.read_text().split("MemTotal:", 1)[1].split()[0])
        memory = f", {total_kb / 1024 / 1024:.1f} GB RAM"
    today = datetime.date.today().isoformat()
    return (
        f"{today}; {os.cpu_count()} cores{memory}; {cpu}; "
        f"Python {platform.python_version()} on {platform.system()}"
    )


def _num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or b is None or b == 0 else f"{a / b:.2f}x"


def retrieval_table(results: Sequence[SideResult]) -> list[str]:
    """Rows of the retrieval table, with ratio rows project/anchor under each size."""
    head = (
        "| paragraphs | side | index build s | start with cache s | ms/question (stream) "
        "| ms/question (in-process) | peak RSS build GB | peak RSS serve GB | top-1 |"
    )
    rows = [head, "|" + "---|" * 9]
    sizes = sorted({r.paragraphs for r in results})
    for size in sizes:
        here = [r for r in results if r.paragraphs == size]
        for r in here:
            rows.append(
                f"| {size_label(size)} | {r.side} | {_num(r.build_s, 1)} | {_num(r.start_s)} "
                f"| {_num(r.stream_ms, 3)} | {_num(r.in_process_ms, 3)} "
                f"| {_num(r.build_rss_gb)} | {_num(r.serve_rss_gb)} | {r.top1:.3f} |"
            )
        project = next((r for r in here if r.side == "project"), None)
        if project is None:
            continue
        for anchor in (r for r in here if r.side != "project"):
            rows.append(
                f"| {size_label(size)} | project / {anchor.side} "
                f"| {_ratio(project.build_s, anchor.build_s)} "
                f"| {_ratio(project.start_s, anchor.build_s)} of its build "
                f"| {_ratio(project.stream_ms, anchor.stream_ms)} "
                f"| {_ratio(project.in_process_ms, anchor.in_process_ms)} "
                f"| {_ratio(project.build_rss_gb, anchor.build_rss_gb)} "
                f"| {_ratio(project.serve_rss_gb, anchor.serve_rss_gb or anchor.build_rss_gb)} "
                f"| |"
            )
    return rows


def bot_table(results: Sequence[BotResult]) -> list[str]:
    """Rows of the Telegram table, one per handler and concurrency setting."""
    rows = [
        "| handler | concurrent updates | updates/s (burst) | p50 / p95 ms at 30/s | rows logged |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        logged = f"{r.logged}/{r.updates}" if r.handler == "accords bot" else "-"
        rows.append(
            f"| {r.handler} | {r.concurrency} | {r.updates_per_s:.0f} "
            f"| {r.p50_ms:.1f} / {r.p95_ms:.1f} | {logged} |"
        )
    return rows


def checks(results: Sequence[SideResult], bots: Sequence[BotResult]) -> list[Check]:
    """The targets the benchmark holds the project to, where this run measured them."""
    out: list[Check] = []

    def pair(size: int) -> tuple[SideResult, SideResult] | None:
        here = {r.side: r for r in results if r.paragraphs == size}
        if "project" in here and "bm25s" in here:
            return here["project"], here["bm25s"]
        return None

    mid = pair(100_000)
    if mid is not None:
        p, b = mid
        out.append(
            Check(
                "100k: time per question <= 0.25 x bm25s",
                _ratio(p.stream_ms, b.stream_ms),
                p.stream_ms <= 0.25 * b.stream_ms,
            )
        )
        out.append(
            Check(
                "100k: start with the cache <= 0.5 x bm25s index build",
                _ratio(p.start_s, b.build_s),
                p.start_s is not None and p.start_s <= 0.5 * b.build_s,
            )
        )
        out.append(Check("100k: top-1 >= 0.99", f"{p.top1:.3f}", p.top1 >= 0.99))
    big = pair(1_000_000)
    if big is not None:
        p, b = big
        out.append(Check("1M: <= 1 ms a question", f"{p.stream_ms:.2f} ms", p.stream_ms <= 1.0))
        out.append(
            Check(
                "1M: start with the cache <= 0.1 x bm25s index build",
                _ratio(p.start_s, b.build_s),
                p.start_s is not None and p.start_s <= 0.1 * b.build_s,
            )
        )
        serve = p.serve_rss_gb or 0.0
        out.append(
            Check(
                "1M: peak RSS <= 2 GB (serving / building)",
                f"{serve:.2f} / {p.build_rss_gb:.2f} GB",
                serve <= 2.0,
            )
        )
    bot = [r for r in bots if r.handler == "accords bot"]
    if bot:
        best = max(bot, key=lambda r: r.updates_per_s)
        steadiest = min(bot, key=lambda r: r.p95_ms)
        out.append(
            Check(
                "bot: >= 100 answered updates/s, every row logged",
                f"{best.updates_per_s:.0f}/s at {best.concurrency}, {best.logged}/{best.updates}",
                best.updates_per_s >= 100 and best.logged == best.updates,
            )
        )
        out.append(
            Check(
                "bot: p95 update-to-reply < 50 ms at 30 updates/s",
                f"{steadiest.p95_ms:.1f} ms at {steadiest.concurrency}",
                steadiest.p95_ms < 50,
            )
        )
    return out


def render(results: Sequence[SideResult], bots: Sequence[BotResult], questions: int) -> str:
    """Return the whole report as Markdown."""
    lines = [f"Machine: {machine()}", ""]
    if results:
        lines += [
            f"Retrieval, {questions} target questions a size, one at a time:",
            "",
            *retrieval_table(results),
            "",
        ]
    if bots:
        lines += ["Telegram, through python-telegram-bot against a local fake Bot API:", ""]
        lines += [*bot_table(bots), ""]
        ours = [r for r in bots if r.handler == "accords bot"]
        if ours:
            best = max(ours, key=lambda r: r.updates_per_s)
            lines += [
                f"Best BOT_CONCURRENT_UPDATES measured here: {best.concurrency} "
                f"({best.updates_per_s:.0f} updates/s).",
                "",
            ]
            echo = [r for r in bots if r.handler == "echo"]
            if echo:
                ceiling = max(r.updates_per_s for r in echo)
                lines += [
                    f"The bot answers at {_ratio(best.updates_per_s, ceiling)} the rate of "
                    "python-telegram-bot's echo bot in the same run.",
                    "",
                ]
    found = checks(results, bots)
    if found:
        lines += ["Targets:", ""]
        lines += [f"- [{'x' if c.holds else ' '}] {c.what}: {c.measured}" for c in found]
    return "\n".join(lines)
