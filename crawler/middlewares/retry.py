"""Downloader middleware: Scrapy's retries (5xx, 408/429, timeouts, cut transfers), with
an exponential pause before each retry. Scrapy retries at once, which hammers a site
that is failing because it is overloaded."""
from __future__ import annotations

import asyncio

from scrapy import Request
from scrapy.downloadermiddlewares.retry import RetryMiddleware


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

    async def _pause(self, result):
        if isinstance(result, Request) and self.base > 0:
            delay = min(self.cap, self.base * 2 ** (result.meta.get("retry_times", 1) - 1))
            self.stats.inc_value("retry/backoff_seconds", delay)
            await asyncio.sleep(delay)
        return result

    async def process_response(self, request, response, spider=None):
        return await self._pause(super().process_response(request, response))

    async def process_exception(self, request, exception, spider=None):
        if isinstance(exception, OSError) and request.url.startswith("file:"):
            return None  # a local file that is missing or unreadable stays so: no retry
        return await self._pause(super().process_exception(request, exception))
