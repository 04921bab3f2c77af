"""Spider middleware: a request for a URL this crawl has already requested stops here.

Most links a page yields were yielded before (the related lists and the lists repeat the
same articles): four in five requests of a crawl are repeats. Scrapy's dupefilter drops
them too, but only after each has gone through the engine: the ``request_scheduled``
signal, a fingerprint, the dupefilter, the ``request_dropped`` signal. A set of the URLs
already yielded drops exact repeats before all that (``requests/repeated``).

The dupefilter stays the authority: it alone sees fingerprints (URLs equal once
canonicalized), persists with JOBDIR, and is shared by distributed workers. Requests with
``dont_filter``, a method other than GET or a body are always let through. This sits
below the incremental middleware, which must see every article link of a list page to
know whether the page held only known articles.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector


class RepeatedRequestsMiddleware:
    def __init__(self, stats: StatsCollector):
        self.stats = stats
        self.requested: set[str] = set()  # URLs this middleware let through

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        if not crawler.settings.getbool("REPEATS_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats)

    def process_spider_output(self, response: Response, result, spider: Spider | None = None):
        for out in result:
            if not (isinstance(out, Request) and self._repeated(out)):
                yield out

    async def process_spider_output_async(self, response: Response, result, spider: Spider | None = None):
        async for out in result:
            if not (isinstance(out, Request) and self._repeated(out)):
                yield out

    def _repeated(self, request: Request) -> bool:
        if request.dont_filter or request.method != "GET" or request.body:
            return False
        if request.url in self.requested:
            self.stats.inc_value("requests/repeated")
            return True
        self.requested.add(request.url)
        return False
