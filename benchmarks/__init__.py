"""Benchmarks of the accords bot against bm25s and rank_bm25, and of its Telegram side."""
