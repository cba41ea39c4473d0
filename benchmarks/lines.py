"""Driving a process that answers each stdin line with one flushed stdout line, timed."""

from __future__ import annotations

import itertools
import json
import os
import queue
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Served:
    """What one answering process did: its start, its answers and their gaps, its memory."""

    ready: dict[str, Any]
    start_s: float
    answers: list[dict[str, Any]]
    gap_ms: float
    peak_rss_kb: int
    done: dict[str, Any]


def serve(
    cmd: list[str],
    questions: list[str],
    label: str,
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    ready_line: bool = True,
) -> Served:
    """Start ``cmd``, send every question at once, and time the answer lines as they come.

    The start is the time from spawning to the first answer line; the time per question is the
    mean gap between consecutive answer lines, so each question is answered one at a time. The
    peak memory is read from /proc before stdin is closed, while the process still runs.
    """
    spawned = time.perf_counter()
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=cwd,
        text=True,
        encoding="utf-8",
        bufsize=1,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    lines: queue.Queue[tuple[float, str | None]] = queue.Queue()
    errors: list[str] = []
    threading.Thread(target=_read, args=(proc.stdout, lines), daemon=True).start()
    threading.Thread(target=lambda: errors.extend(proc.stderr or []), daemon=True).start()

    def next_line() -> tuple[float, str]:
        while True:
            try:
                at, line = lines.get(timeout=1.0)
            except queue.Empty:
                _progress(f"{label}: {time.perf_counter() - spawned:.0f} s")
                continue
            if line is None:
                proc.wait()
                raise RuntimeError(f"{label} ended early:\n{''.join(errors[-20:])}")
            return at, line

    ready: dict[str, Any] = {}
    if ready_line:
        ready = json.loads(next_line()[1])
    threading.Thread(target=_write, args=(proc.stdin, questions), daemon=True).start()
    times: list[float] = []
    answers: list[dict[str, Any]] = []
    for _ in questions:
        at, line = next_line()
        times.append(at)
        answers.append(json.loads(line))
    _progress(f"{label}: done in {time.perf_counter() - spawned:.1f} s", end=True)
    peak = peak_rss_kb(proc.pid)
    proc.stdin.close()
    done: dict[str, Any] = {}
    if ready_line:
        done = json.loads(next_line()[1])
    proc.wait(timeout=120)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    return Served(
        ready=ready,
        start_s=times[0] - spawned if times else 0.0,
        answers=answers,
        gap_ms=1000 * sum(gaps) / len(gaps) if gaps else 0.0,
        peak_rss_kb=peak,
        done=done,
    )


def peak_rss_kb(pid: int) -> int:
    """Return a running process's peak resident set size (VmHWM) in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _read(stream: Any, out: queue.Queue[tuple[float, str | None]]) -> None:
    for line in stream:
        out.put((time.perf_counter(), line))
    out.put((time.perf_counter(), None))


def _write(stream: Any, questions: list[str]) -> None:
    for question in questions:
        stream.write(question + "\n")
    stream.flush()


def _progress(text: str, end: bool = False) -> None:
    """Show one line of progress on stderr, rewritten in place."""
    print(f"\r  {text:<70}", end="\n" if end else "", file=sys.stderr, flush=True)


def python_env(**extra: str) -> dict[str, str]:
    """The environment for a child Python: no BOT_ settings but those given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BOT_")}
    env.update(extra)
    env["PYTHONIOENCODING"] = "utf-8"
    # The benchmarks package is not installed: let children import it from any folder.
    repo = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (repo, env.get("PYTHONPATH")) if p)
    return env
