"""Per-user flood guard: a token bucket that lets a person ask in bursts, then slows them down."""

from __future__ import annotations

from dataclasses import dataclass, field

_PRUNE_AT = 10_000


@dataclass
class _Bucket:
    tokens: float
    stamp: float
    warned: bool = False


@dataclass(frozen=True)
class Verdict:
    """Whether a question may be answered, and whether to tell the user to slow down."""

    allowed: bool
    warn: bool


@dataclass
class FloodGuard:
    """Token buckets per user: ``burst`` questions at once, refilled at ``per_minute``.

    Each question takes one token; a bucket holds at most ``burst`` tokens and gains
    ``per_minute / 60`` tokens a second. Over the limit, only the first refused question of a
    run is answered with a warning, so a flood does not turn into a flood of warnings.
    """

    per_minute: float
    burst: int
    _buckets: dict[int, _Bucket] = field(default_factory=dict)

    def check(self, user_id: int, now: float) -> Verdict:
        """Take a token for ``user_id`` at time ``now`` (seconds, monotonic)."""
        bucket = self._buckets.get(user_id)
        if bucket is None:
            if len(self._buckets) >= _PRUNE_AT:
                self._prune(now)
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
        rate = self.per_minute / 60.0
        bucket.tokens = min(float(self.burst), bucket.tokens + (now - bucket.stamp) * rate)
        bucket.stamp = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            bucket.warned = False
            return Verdict(allowed=True, warn=False)
        warn = not bucket.warned
        bucket.warned = True
        return Verdict(allowed=False, warn=warn)

    def _prune(self, now: float) -> None:
        """Forget users whose buckets have refilled completely."""
        rate = self.per_minute / 60.0
        full = [
            uid
            for uid, b in self._buckets.items()
            if b.tokens + (now - b.stamp) * rate >= self.burst
        ]
        for uid in full:
            del self._buckets[uid]
