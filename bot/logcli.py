"""The ``accords-bot log`` commands: reviewing the query log from the terminal."""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``log`` command and its sub-commands to the CLI."""
    raise NotImplementedError  # being written: the query log work
