"""The reader's bounded caches. A site prints its menus, labels and furniture and injects
its briefs on page after page: a verdict on a short line, a link's address or a label is
found again instead of weighed again. A line longer than ``MAX_CACHED_LINE`` is weighed
each time, so a page's huge text never stays in memory. Each verdict kept is a pure
function of its arguments, or of the line it is kept under (an entry's markup): a cache
changes how fast a page reads, never what it reads.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TypeVar

from .tunables import CACHED_LINES, MAX_CACHED_LINE

T = TypeVar("T")
_CACHES: list = []


def remembered(maxsize: int = CACHED_LINES) -> Callable:
    """``functools.lru_cache``, its cache emptied with the others by ``clear_cache``."""
    def wrap(fn):
        cached = lru_cache(maxsize=maxsize)(fn)
        _CACHES.append(cached)
        return cached
    return wrap


def per_short_line(fn: Callable[[str], T]) -> Callable[[str], T]:
    """``fn(line)``, remembered for a line of ``MAX_CACHED_LINE`` characters or fewer."""
    cached = remembered()(fn)

    @wraps(fn)
    def call(text: str) -> T:
        return cached(text) if len(text) <= MAX_CACHED_LINE else fn(text)
    return call


def per_short_key(key: Callable[..., str]) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """``fn(*args)``, remembered under ``key(*args)``: a line that determines what ``fn``
    returns (the markup of the elements it reads), when it has ``MAX_CACHED_LINE``
    characters or fewer. Only the line is kept, never the arguments: an element holds its
    whole page."""
    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        @remembered()
        def cell(line: str) -> list:  # filled on the first call with this line
            return []

        @wraps(fn)
        def call(*args):
            line = key(*args)
            if len(line) > MAX_CACHED_LINE:
                return fn(*args)
            found = cell(line)
            if not found:
                found.append(fn(*args))
            return found[0]
        return call
    return wrap


def clear_cache() -> None:
    """Forget every verdict kept (a benchmark's warm-up must not answer its run)."""
    for cached in _CACHES:
        cached.cache_clear()
