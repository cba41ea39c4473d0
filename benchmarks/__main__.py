"""``python -m benchmarks``: the project beside bm25s and rank_bm25, and the Telegram bot.

Examples:
  python -m benchmarks                        # 10k, 100k and 1M paragraphs, then the bot
  python -m benchmarks --quick                # 10k only, fewer questions, a short bot run
  python -m benchmarks --sizes 10k,100k --no-bot
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import generate
from benchmarks.report import BotResult, render
from benchmarks.sides import SideResult, measure

CORPORA = Path(__file__).resolve().parent / ".corpora"


def parse_size(text: str) -> int:
    """Read a paragraph count such as 10k, 100k, 1M or 2500."""
    scale = {"k": 1_000, "m": 1_000_000}.get(text[-1:].lower(), 1)
    digits = text[:-1] if scale > 1 else text
    try:
        value = int(float(digits) * scale)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size like 10k or 1M") from None
    if value < 100:
        raise argparse.ArgumentTypeError(f"{text!r}: use at least 100 paragraphs")
    return value


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description=__doc__,
        formatter_class=argparse.RawTextHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=lambda s: [parse_size(x) for x in s.split(",") if x],
        help="corpus sizes, comma-separated (default 10k,100k,1M; --quick: 10k)",
    )
    parser.add_argument("--quick", action="store_true", help="a fast run: 10k, 50 questions")
    parser.add_argument("--questions", type=int, help="target questions a size (default 200)")
    parser.add_argument("--no-bot", action="store_true", help="skip the Telegram bot benchmark")
    parser.add_argument("--bot-only", action="store_true", help="only the Telegram bot benchmark")
    parser.add_argument(
        "--corpora", type=Path, default=CORPORA, help=f"where corpora are kept (default {CORPORA})"
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or ([10_000] if args.quick else [10_000, 100_000, 1_000_000])
    questions = args.questions or (50 if args.quick else 200)
    results: list[SideResult] = []
    bots: list[BotResult] = []
    with tempfile.TemporaryDirectory(prefix="accords-bench-") as work:
        if not args.bot_only:
            for size in sizes:
                print(f"{size:,} paragraphs", file=sys.stderr)
                corpus = generate(args.corpora / str(size), size, questions)
                results += measure(corpus, Path(work))
        if not args.no_bot:
            from benchmarks.telegram import run_bot_benchmark  # noqa: PLC0415

            print("Telegram bot", file=sys.stderr)
            bots = run_bot_benchmark(Path(work), quick=args.quick)
    print(render(results, bots, questions))
    return 0


if __name__ == "__main__":
    sys.exit(main())
