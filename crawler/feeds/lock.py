"""One crawl at a time owns a feed folder.

Two crawls into one ``NEWS_FEED_DIR`` would each index the feeds, then each write every
item (and each cut the other's "partial" last line). ``scrapy crawl`` takes an exclusive
``flock`` on ``<NEWS_FEED_DIR>/.crawl.lock`` before its crawler is built, and holds it for
the life of its process: the kernel releases it when the process ends, however it ends
(``kill -9`` included), so a lock is never left behind. A second crawl stops at once with
``FeedDirBusy``, or waits up to ``NEWS_FEED_LOCK_WAIT`` seconds for the folder. Workers of
a distributed crawl share a folder by design and coordinate through Redis: no lock for
them. (The process holds the lock, not a crawler: a crawler built and never run, by
``scrapy shell`` or a test, takes none.)
"""
from __future__ import annotations

import fcntl
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from .. import feeds
from ..engine import distributed

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)
LOCK_FILE = ".crawl.lock"
POLL = 0.2  # seconds between tries while waiting for the folder


class FeedDirBusy(Exception):
    """Another crawl holds the feed folder."""


class FeedDirLock:
    def __init__(self, path: Path, wait: float):
        self.path, self.wait = path, wait
        self.fd: int | None = None

    @classmethod
    def for_crawl(cls, settings: BaseSettings) -> FeedDirLock | None:
        """The lock a crawl with these settings holds, taken; None when it needs none."""
        folder = feeds.feed_dir(settings)
        if folder is None or distributed.enabled(settings):
            return None
        lock = cls(folder / LOCK_FILE, settings.getfloat("NEWS_FEED_LOCK_WAIT"))
        lock.acquire()
        return lock

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline, said = time.monotonic() + self.wait, False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
                if time.monotonic() >= deadline:
                    os.close(fd)
                    by = f" (pid {holder})" if holder else ""
                    raise FeedDirBusy(f"{self.path.parent}/ is in use by another crawl{by}: one crawl writes a feed "
                                      f"folder at a time (-s NEWS_FEED_LOCK_WAIT=SECONDS waits for it)") from None
                if not said:
                    logger.info("Waiting up to %gs for another crawl%s to finish with %s/", self.wait,
                                f" (pid {holder})" if holder else "", self.path.parent)
                    said = True
                time.sleep(POLL)
        # who holds it, for the line a second crawl prints
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self.fd = fd
