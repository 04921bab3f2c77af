"""Scrapy's duplicate filter, except for the hops of a redirect loop; and scrapy-redis's,
counting what it filters.

A page that redirects back to one already in its redirect chain (A→B→A, or to itself by a
302 or a meta refresh) was dropped as a duplicate: the request vanished with no reject.
Let through, the loop goes round until ``REDIRECT_MAX_TIMES`` and ends as a
``redirect_loop`` reject, as any request the spider makes ends as an item or a reject.

The shared filter of a distributed crawl persists between runs: start URLs pushed again
without clearing it are all filtered, and the run crawls nothing. scrapy-redis counts none
of it; counted as Scrapy counts its own (``dupefilter/filtered``), the crawl's last line
can say what happened.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.dupefilters import RFPDupeFilter
from scrapy_redis import dupefilter

if TYPE_CHECKING:
    from scrapy import Request, Spider


class RedirectLoopAwareDupeFilter(RFPDupeFilter):
    def request_seen(self, request: Request) -> bool:
        redirects = request.meta.get("redirect_urls")
        if redirects and request.url in redirects:
            return False
        return super().request_seen(request)


class CountingRedisDupeFilter(dupefilter.RFPDupeFilter):
    def log(self, request: Request, spider: Spider) -> None:
        super().log(request, spider)
        spider.crawler.stats.inc_value("dupefilter/filtered")
