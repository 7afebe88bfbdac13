"""Failed look-ups by number and query code (tracking a case, a request, a message) are counted
per number in the cache, so a number cannot be tried against every code."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class LookupThrottle:
    prefix: str  # what is looked up, e.g. "case"
    allowed: int = 10  # failed look-ups per number in the window
    window_seconds: int = 15 * 60

    def _key(self, number: str) -> str:
        return (
            f"zhengwu:track-failures:{self.prefix}:" + hashlib.sha256(number.encode()).hexdigest()
        )

    @property
    def window_minutes(self) -> int:
        return self.window_seconds // 60

    def blocked(self, number: str) -> bool:
        return cache.get(self._key(number), 0) >= self.allowed

    def failed(self, number: str) -> None:
        key = self._key(number)
        cache.add(key, 0, self.window_seconds)
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls
            cache.set(key, 1, self.window_seconds)
