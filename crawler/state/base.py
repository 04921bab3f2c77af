"""The crawl-state interface and the feed reconciliation every store shares."""
from __future__ import annotations

import json
import logging
import os
import time
from contextlib import AbstractContextManager
from datetime import datetime
from pathlib import Path
from typing import Protocol

from .. import defaults, feeds
from .reposts import Copy

logger = logging.getLogger(__name__)
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


def _cut_partial_tail(path: Path, start: int) -> int:
    """A killed writer can leave half a line: cut it. Returns the file's usable length."""
    size = path.stat().st_size
    if size <= start:
        return size
    with path.open("rb+") as f:
        f.seek(max(start, size - 1))
        if f.read(1) == b"\n":
            return size
        f.seek(start)
        data = f.read()
        keep = start + data.rfind(b"\n") + 1 if b"\n" in data else start
        f.truncate(keep)
        os.fsync(f.fileno())
    logger.warning("Cut a partial last line from %s (%d bytes): its item will be fetched again", path, size - keep)
    return keep


def _items_from(path: Path, start: int) -> tuple[list[dict], int]:
    """The complete lines of a feed file from byte ``start``, and where they end."""
    end = _cut_partial_tail(path, start)
    if end <= start:
        return [], end
    with path.open("rb") as f:
        f.seek(start)
        data = f.read(end - start)
    return [json.loads(line) for line in data.splitlines() if line.strip()], end


def reconcile(state: CrawlState, feed_dir: str | Path, pattern: str = DEFAULT_PATTERN) -> dict[str, int]:
    """Index the feed bytes written since the last reconciliation (feed files matching
    ``pattern``, see ``crawler.feeds``). Returns counts per kind."""
    counts = dict.fromkeys(feeds.KINDS, 0)
    for kind, path in feeds.files(feed_dir, pattern):
        start = state.feed_offset(str(path))
        items, end = _items_from(path, start)
        for item in items:
            state.record(kind, item)
        counts[kind] += len(items)
        if end > start:
            state.set_feed_offset(str(path), end)
    state.commit()
    return counts


def read_feed_items(feed_dir: str | Path, pattern: str):
    """(kind, item) for every complete line of the feed files matching ``pattern``."""
    for kind, path in feeds.files(feed_dir, pattern):
        for item in _items_from(path, 0)[0]:
            yield kind, item
