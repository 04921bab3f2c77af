"""Scrapy's duplicate filter and scrapy-redis's, except for the hops of a redirect loop; and
scrapy-redis's counting what it filters.

A page that redirects back to one already in its redirect chain (A→B→A, or to itself by a
302 or a meta refresh) was dropped as a duplicate: the request vanished with no reject.
Let through, the loop goes round until ``REDIRECT_MAX_TIMES`` and ends as a
``redirect_loop`` reject, as any request the spider makes ends as an item or a reject.

A loop across requests vanished too: A and B both listed, A redirecting to B and B to A.
Each hop reaches a page requested already, and is dropped. A request whose redirect is
dropped so ends as the page it reached ends; the filter remembers that (the URL asked
for -> the URL reached, and the dropped hop), and when a dropped hop closes a circle of such
requests, each of them goes round its loop again, unfiltered, to end as a ``redirect_loop``
reject. In a distributed crawl the hops of one circle may be dropped by different workers:
that memory is in Redis beside the shared fingerprints, and a circle's hops are taken out
of it one by one (``HDEL``), so two workers closing it at once send each hop round once.

The shared filter of a distributed crawl persists between runs: start URLs pushed again
without clearing it are all filtered, and the run crawls nothing. scrapy-redis counts none
of it; counted as Scrapy counts its own (``dupefilter/filtered``), the crawl's last line
can say what happened.
"""
from __future__ import annotations

import pickle
from typing import TYPE_CHECKING

from scrapy.dupefilters import BaseDupeFilter, RFPDupeFilter
from scrapy.utils.asyncio import call_later
from scrapy.utils.request import request_from_dict
from scrapy_redis import dupefilter

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


class RedirectLoops(BaseDupeFilter):
    """The redirect-loop part of a duplicate filter: ``request_seen`` over the filter's own
    (the class after this one in a filter's bases)."""

    crawler: Crawler | None = None

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
        self._remember(asked, hop)
        circle, url = [asked], hop.url
        while (reached := self._reached(url)) is not None and url not in circle:
            circle.append(url)
            url = reached
        if url != asked or self._take(asked) is None:  # not a circle, or another worker took it
            return False
        assert self.crawler.engine is not None  # requests are filtered while it runs
        for member in circle[1:]:
            dropped = self._take(member)
            if dropped is not None:  # after this request is in: the engine is not re-entered
                call_later(0, self.crawler.engine.crawl, dropped.replace(dont_filter=True))
        self.crawler.stats.inc_value("dupefilter/redirect_loops")
        return True

    def _remember(self, asked: str, hop: Request) -> None:
        """``asked`` was redirected to ``hop``, which was dropped."""
        raise NotImplementedError

    def _reached(self, asked: str) -> str | None:
        """The URL a remembered request was redirected to."""
        raise NotImplementedError

    def _take(self, asked: str) -> Request | None:
        """The dropped hop of ``asked``, forgotten; None when none is remembered (any more)."""
        raise NotImplementedError


class RedirectLoopAwareDupeFilter(RedirectLoops, RFPDupeFilter):
    reached: dict[str, tuple[str, Request]]  #: the URL a request asked for -> (the URL reached, that dropped hop)

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        instance = super().from_crawler(crawler)
        instance.crawler, instance.reached = crawler, {}
        return instance

    def _remember(self, asked: str, hop: Request) -> None:
        self.reached[asked] = (hop.url, hop)

    def _reached(self, asked: str) -> str | None:
        return self.reached[asked][0] if asked in self.reached else None

    def _take(self, asked: str) -> Request | None:
        return self.reached.pop(asked, (None, None))[1]


class CountingRedisDupeFilter(RedirectLoops, dupefilter.RFPDupeFilter):
    """The hops are kept as scrapy-redis keeps its queued requests (a pickled dict), in the
    hash ``<dupefilter key>:redirects``: the URL asked for -> the URL reached, and the hop."""

    @classmethod
    def from_spider(cls, spider: Spider):
        instance = super().from_spider(spider)
        instance.crawler = spider.crawler
        return instance

    @property
    def redirects(self) -> str:
        return f"{self.key}:redirects"

    def _remember(self, asked: str, hop: Request) -> None:
        spider = self.crawler.spider if self.crawler else None
        self.server.hset(self.redirects, asked, pickle.dumps((hop.url, hop.to_dict(spider=spider)), protocol=4))

    def _reached(self, asked: str) -> str | None:
        raw = self.server.hget(self.redirects, asked)
        return pickle.loads(raw)[0] if raw is not None else None

    def _take(self, asked: str) -> Request | None:
        pipe = self.server.pipeline()  # read and delete as one step: one worker takes each hop
        raw, taken = pipe.hget(self.redirects, asked).hdel(self.redirects, asked).execute()
        if not taken:
            return None
        spider = self.crawler.spider if self.crawler else None
        return request_from_dict(pickle.loads(raw)[1], spider=spider)

    def clear(self) -> None:
        super().clear()
        self.server.delete(self.redirects)

    def log(self, request: Request, spider: Spider) -> None:
        super().log(request, spider)
        spider.crawler.stats.inc_value("dupefilter/filtered")
