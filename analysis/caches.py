"""The one bounded cache: a dict that computes a missing value and is cleared when full.

News reuses its words, so the pipeline computes what it needs of a token
string (its stem, its VADER reading, its CSV cell) once per process. A corpus
of any size must not grow memory without bound, so each cache is cleared when
it holds :data:`CACHE_LIMIT` keys (clearing costs only recomputation).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

#: keys held by a :class:`BoundedCache` before it is cleared (about 260,000: far more word types than
#: a million words of news has, so a real corpus never recomputes)
CACHE_LIMIT = 1 << 18


class BoundedCache(dict):
    """``cache[key]`` is ``compute(key)``, computed on first use and kept until the cache is full.

    Example:
        >>> lengths = BoundedCache(len)
        >>> lengths["news"], len(lengths)
        (4, 1)
    """

    def __init__(self, compute: Callable[[Any], Any], *, limit: int = CACHE_LIMIT):
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key):
        if len(self) >= self.limit:
            self.clear()
        value = self[key] = self.compute(key)
        return value
