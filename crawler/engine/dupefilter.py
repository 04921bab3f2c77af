"""Scrapy's duplicate filter, except for the hops of a redirect loop; and scrapy-redis's,
counting what it filters.

A page that redirects back to one already in its redirect chain (A→B→A, or to itself by a
302 or a meta refresh) was dropped as a duplicate: the request vanished with no reject.
Let through, the loop goes round until ``REDIRECT_MAX_TIMES`` and ends as a
``redirect_loop`` reject, as any request the spider makes ends as an item or a reject.

A loop across requests vanished too: A and B both listed, A redirecting to B and B to A.
Each hop reaches a page requested already, and is dropped. A request whose redirect is
dropped so ends as the page it reached ends; this filter remembers that (the URL asked
for -> the URL reached), and when a dropped hop closes a circle of such requests, each of
them goes round its loop again, unfiltered, to end as a ``redirect_loop`` reject.

The shared filter of a distributed crawl persists between runs: start URLs pushed again
without clearing it are all filtered, and the run crawls nothing. scrapy-redis counts none
of it; counted as Scrapy counts its own (``dupefilter/filtered``), the crawl's last line
can say what happened.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.dupefilters import RFPDupeFilter
from scrapy.utils.asyncio import call_later
from scrapy_redis import dupefilter

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


class RedirectLoopAwareDupeFilter(RFPDupeFilter):
    crawler: Crawler | None = None
    reached: dict[str, tuple[str, Request]]  #: the URL a request asked for -> (the URL reached, that dropped hop)

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        instance = super().from_crawler(crawler)
        instance.crawler, instance.reached = crawler, {}
        return instance

    def request_seen(self, request: Request) -> bool:
        redirects = request.meta.get("redirect_urls")
        if redirects and request.url in redirects:
            return False
        if not super().request_seen(request):
            return False
        return not (redirects and self._closes_a_loop(redirects[0], request))

    def _closes_a_loop(self, asked: str, hop: Request) -> bool:
        """Whether ``hop`` (where ``asked`` was redirected, a page requested already) closes a
        circle of requests each redirected to the next; if so, every other request of the
        circle is sent round again, and this hop is let through."""
        if self.crawler is None:
            return False
        self.reached[asked] = (hop.url, hop)
        circle, url = [asked], hop.url
        while url in self.reached and url not in circle:
            circle.append(url)
            url = self.reached[url][0]
        if url != asked:
            return False
        assert self.crawler.engine is not None  # requests are filtered while it runs
        for member in circle:
            _, dropped = self.reached.pop(member)
            if dropped is not hop:  # after this request is in: the engine is not re-entered
                call_later(0, self.crawler.engine.crawl, dropped.replace(dont_filter=True))
        self.crawler.stats.inc_value("dupefilter/redirect_loops")
        return True


class CountingRedisDupeFilter(dupefilter.RFPDupeFilter):
    def log(self, request: Request, spider: Spider) -> None:
        super().log(request, spider)
        spider.crawler.stats.inc_value("dupefilter/filtered")
