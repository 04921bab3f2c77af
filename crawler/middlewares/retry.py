"""Downloader middleware: Scrapy's retries (5xx, 408/429, timeouts, cut transfers), with
an exponential pause before each retry. Scrapy retries at once, which hammers a site
that is failing because it is overloaded. A ``Retry-After`` the server sends is honoured:
the pause is at least that long, and a wait longer than ``RETRY_BACKOFF_MAX`` is not
made now: the response stands (an ``http_<status>`` reject, tried again next run).

The pause is not slept in the downloader, where the request would count against
``CONCURRENT_REQUESTS`` all along (one failing site with long pauses would stall every
other): the retry is handed back to the engine when the pause is over, and the request
in hand ends with :class:`RetryScheduled`, which the spider's errbacks pass over. The
crawl stays open while retries wait."""
from __future__ import annotations

from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from scrapy import Request, signals
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import DontCloseSpider, IgnoreRequest

from ..engine.handlers import HeadersTooLarge

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector


class RetryScheduled(IgnoreRequest):
    """This request's retry is scheduled: its outcome is the retry's, not this."""


class BackoffRetryMiddleware(RetryMiddleware):
    crawler: Crawler
    stats: StatsCollector  # set by from_crawler

    def __init__(self, settings: BaseSettings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX")
        self.waiting: set = set()  # the reactor's delayed calls of retries not yet handed back

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        mw = super().from_crawler(crawler)
        mw.crawler, mw.stats = crawler, crawler.stats
        crawler.signals.connect(mw.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def _pause(self, result, asked: float = 0.0):
        if not isinstance(result, Request) or not (self.base > 0 or asked):
            return result
        if result.meta.get("dont_obey_robotstxt"):
            return result  # robots.txt is fetched outside the scheduler: retried at once
        from twisted.internet import reactor

        delay = max(asked, min(self.cap, self.base * 2 ** (result.meta.get("retry_times", 1) - 1)))
        self.stats.inc_value("retry/backoff_seconds", delay)
        call = reactor.callLater(delay, self._hand_back, result)
        self.waiting.add(call)
        raise RetryScheduled(f"retry of {result.url} scheduled in {delay:g} s")

    def _hand_back(self, request: Request) -> None:
        self.waiting = {c for c in self.waiting if c.active()}
        self.crawler.engine.crawl(request)

    def spider_idle(self, spider: Spider | None = None) -> None:
        if any(c.active() for c in self.waiting):
            raise DontCloseSpider  # retries are waiting for their pause to end

    def spider_closed(self, spider: Spider | None = None, reason=None) -> None:
        for call in self.waiting:
            if call.active():
                call.cancel()  # a crawl stopped early: their pages are fetched again next run

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        asked = retry_after(response.headers.get(b"Retry-After"))
        if asked > self.cap and response.status in self.retry_http_codes:
            self.stats.inc_value("retry/after_too_long")
            return response  # not now: the site asked for a longer pause than a crawl makes
        return self._pause(super().process_response(request, response), asked)

    def process_exception(self, request: Request, exception, spider: Spider | None = None):
        if isinstance(exception, OSError) and request.url.startswith("file:"):
            return None  # a local file that is missing or unreadable stays so: no retry
        if isinstance(exception, HeadersTooLarge):
            return None  # a server that sent endless headers would send them again
        return self._pause(super().process_exception(request, exception))


def retry_after(value: bytes | None) -> float:
    """Seconds a `Retry-After` header asks for (delta seconds or an HTTP date); 0 if none."""
    if not value:
        return 0.0
    text = value.decode("latin-1").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
