"""Downloader middleware: Scrapy's retries (5xx, 408/429, timeouts, cut transfers), with
an exponential pause before each retry. Scrapy retries at once, which hammers a site
that is failing because it is overloaded. A ``Retry-After`` the server sends is honoured:
the pause is at least that long, and a wait longer than ``RETRY_BACKOFF_MAX`` is not
made now: the response stands (an ``http_<status>`` reject, tried again next run)."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware

from ..handlers import HeadersTooLarge


class BackoffRetryMiddleware(RetryMiddleware):
    def __init__(self, settings):
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX")

    @classmethod
    def from_crawler(cls, crawler):
        mw = super().from_crawler(crawler)
        mw.stats = crawler.stats
        return mw

    async def _pause(self, result, asked: float = 0.0):
        if isinstance(result, Request) and (self.base > 0 or asked):
            delay = max(asked, min(self.cap, self.base * 2 ** (result.meta.get("retry_times", 1) - 1)))
            self.stats.inc_value("retry/backoff_seconds", delay)
            await asyncio.sleep(delay)
        return result

    async def process_response(self, request, response, spider=None):
        asked = retry_after(response.headers.get(b"Retry-After"))
        if asked > self.cap and response.status in self.retry_http_codes:
            self.stats.inc_value("retry/after_too_long")
            return response  # not now: the site asked for a longer pause than a crawl makes
        return await self._pause(super().process_response(request, response), asked)

    async def process_exception(self, request, exception, spider=None):
        if isinstance(exception, OSError) and request.url.startswith("file:"):
            return None  # a local file that is missing or unreadable stays so: no retry
        if isinstance(exception, HeadersTooLarge):
            return None  # a server that sent endless headers would send them again
        return await self._pause(super().process_exception(request, exception))


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
