"""The scheduler's priority queue: one slow site never holds the downloader.

Scrapy hands requests to the downloader until ``CONCURRENT_REQUESTS`` are in it, counting
those that wait in a site's own queue there. One site whose pages drip until the timeout
soon fills those places with its own requests, and every other site's requests wait in
the scheduler for its timeouts: a good site's crawl went from 3 s to 62 s beside 40
dripping pages. Here requests are handed out per site (download slot) as Scrapy's
DownloaderAwarePriorityQueue does, the least busy site first, and never to a site that
already has as many requests in the downloader as it may run at once
(``CONCURRENT_REQUESTS_PER_DOMAIN``): a slow site holds only its own places. A request is
in the downloader from the moment it is handed over, while it still goes through the
downloader middlewares (some of which wait), not only once it is in its slot.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy.pqueues import DownloaderAwarePriorityQueue, DownloaderInterface

if TYPE_CHECKING:
    from collections.abc import Iterable

    from scrapy import Request
    from scrapy.crawler import Crawler


class _OpenSlots(DownloaderInterface):
    """The sites with requests waiting, less those whose downloader places are all taken."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        # the slot key of a request handed out but not yet in its slot, worked out once: it
        # is asked again each time a request is handed out, and a key costs two URL parses
        self._keys: WeakKeyDictionary[Request, str] = WeakKeyDictionary()

    def stats(self, possible_slots: Iterable[str]) -> list[tuple[int, str]]:
        # a request in its slot has the slot's key in its meta: asked of every request in
        # the downloader (~25 a page)
        handed = Counter(request.meta.get(self.downloader.DOWNLOAD_SLOT) or self._key(request)
                         for request in self.downloader.active)
        open_slots = []
        for active, key in super().stats(possible_slots):
            busy = max(active, handed[key])
            if busy < self._concurrency(key):
                open_slots.append((busy, key))
        return open_slots

    def _key(self, request: Request) -> str:
        if self.downloader.ip_concurrency:  # by IP address: the key changes once the DNS answers
            return self.downloader.get_slot_key(request)
        key = self._keys.get(request)
        if key is None:
            key = self._keys[request] = self.downloader.get_slot_key(request)
        return key

    def _concurrency(self, key: str) -> int:
        """How many requests of the slot may run at once, as the downloader sets it."""
        downloader = self.downloader
        if key in downloader.slots:
            return downloader.slots[key].concurrency
        default = downloader.ip_concurrency or downloader.domain_concurrency
        return downloader.per_slot_settings.get(key, {}).get("concurrency", default)


class SiteFairPriorityQueue(DownloaderAwarePriorityQueue):
    """When every site waiting is busy, nothing is handed out: the engine asks again as a
    download ends."""

    def __init__(self, crawler: Crawler, *args, **kwargs):
        super().__init__(crawler, *args, **kwargs)
        self._downloader_interface = _OpenSlots(crawler)
