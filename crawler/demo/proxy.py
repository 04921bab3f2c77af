"""Downloader middleware of the demo spider: the demo site keeps its URLs when its port is taken.

The demo's pages are known by their URLs (`http://127.0.0.1:8713/info/1001.html`), and a
later run recognises what an earlier one emitted by them. When ``NEWS_DEMO_PORT`` is
taken, the spider serves the demo on a free port and sets ``demo_proxy``: requests for
the demo's own host:port go through that server as an HTTP proxy (the demo server
answers proxy requests), so every URL, and what later runs know, stays the same.
"""
from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured

from .server import canonical_netlocs

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler


class DemoProxyMiddleware:
    def __init__(self, proxy: str, netlocs: tuple[str, ...]):
        self.proxy = proxy
        self.netlocs = netlocs

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        proxy = getattr(crawler.spider, "demo_proxy", None)
        if not proxy:
            raise NotConfigured
        return cls(proxy, canonical_netlocs(crawler.settings.getint("NEWS_DEMO_PORT")))

    def process_request(self, request: Request, spider: Spider | None = None):
        if urlsplit(request.url).netloc in self.netlocs:
            request.meta["proxy"] = self.proxy
