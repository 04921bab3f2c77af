"""What earlier runs emitted, so a run emits only what is new.

The feeds are the truth: the state is an index of the feed files, brought up to date
from their new bytes when a run starts (``reconcile``). An item therefore counts as
emitted only once it is in a feed file; a crawl killed before its feed buffer reached
the disk simply fetches those pages again. ``SqliteState`` is the default store; the
interface is small so another store (Redis, for distributed crawls) can stand in.
"""
from .base import CrawlState, reconcile
from .sqlite import SqliteState

__all__ = ["CrawlState", "SqliteState", "reconcile"]
