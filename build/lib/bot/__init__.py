"""Answers questions about the Iran-Belarus cooperation accords of March 2023, with citations."""

__version__ = "0.1.0"
