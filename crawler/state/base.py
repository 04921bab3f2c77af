"""The crawl-state interface and the feed reconciliation every store shares."""
from __future__ import annotations

import time
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Protocol

from .. import defaults, feeds
from ..feeds import lines
from .reposts import Copy

# The feed files of the default name (tests and tools that index a feed folder directly).
DEFAULT_PATTERN = feeds.glob_of(defaults.NEWS_FEED_NAME)


def downloaded_at(item: dict) -> float:
    """When an indexed item was fetched (epoch seconds); now, for items without the field."""
    stamp = item.get("dateDownloaded")
    return datetime.fromisoformat(stamp).timestamp() if stamp else time.time()


class CrawlState(Protocol):
    def article(self, url: str) -> tuple[str | None, float] | None:
        """(storyId, when it was recorded) of a known page (article or reject), else None."""

    def copy_of(self, story_id: str) -> Copy | None:
        """The repost index's entry of a story (by its exact storyId)."""

    def candidates(self, keys: list[int]) -> list[Copy]:
        """Entries that share an LSH band with a signature (``reposts.bands``)."""

    def add_copy(self, copy: Copy) -> None:
        """Enter a story in the repost index; the first entry of a storyId stays."""

    def repost_lock(self) -> AbstractContextManager:
        """Held while a story is looked up and entered (workers share the index)."""

    def record(self, kind: str, item: dict) -> None:
        """Index one item read from a feed."""

    def feed_offset(self, path: str) -> int: ...

    def set_feed_offset(self, path: str, offset: int) -> None: ...

    def brief_bodies(self, first_id: str) -> list[tuple[str, str]]:
        """(body key, the id it went under) of every body emitted under the brief id
        ``first_id`` (``crawler.state.briefledger``) by earlier runs and, in a shared state, claimed
        by the other workers: a forged body under a known id is a variant across runs too."""

    def claim_brief(self, brief_id: str, page: str | None = None, first_id: str | None = None,
                    body_key: str | None = None) -> bool:
        """True when this crawl is the one to emit the brief ("first one wins"); ``page`` is
        where it was found, to read again should the claim be released; ``first_id`` and
        ``body_key`` what ``brief_bodies`` answers with (a variant's ``first_id`` is not its id)."""

    def claim_article(self, url: str, story_id: str | None) -> bool:
        """True when this crawl is the one to emit the page: new, or changed since emitted."""

    def claim_reject(self, url: str, reason: str) -> bool:
        """True when this crawl is the one to report the failed page."""

    def validators(self, url: str) -> dict | None:
        """What a sitemap or feed answered when last read whole: ``etag``, ``last_modified``
        (its headers, for a conditional request) and ``fetched`` (epoch seconds), else None."""

    def set_validators(self, url: str, validators: dict) -> None: ...

    def last_run_finished(self) -> bool:
        """False when a run began and never finished (the next one resumes)."""

    def begin_run(self) -> None:
        """Mark a run begun: until it ends, the next crawl resumes."""

    def end_run(self) -> None: ...

    def commit(self) -> None: ...

    def close(self) -> None: ...


def reconcile(state: CrawlState, feed_dir: str | Path, pattern: str = DEFAULT_PATTERN) -> dict[str, int]:
    """Index the feed bytes written since the last reconciliation (feed files matching
    ``pattern``, see ``crawler.feeds``). Returns counts per kind."""
    counts = dict.fromkeys(feeds.KINDS, 0)
    for kind, path in feeds.files(feed_dir, pattern):
        start = state.feed_offset(str(path))
        end = lines.repair(path, start)
        for item in lines.items(path, start, end):
            state.record(kind, item)
            counts[kind] += 1
        if end > start:
            state.set_feed_offset(str(path), end)
    state.commit()
    return counts

