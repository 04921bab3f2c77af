"""Extension: items per kind (``items/article``, ``items/brief``, ``items/reject``), counted
in every crawl, with or without per-kind feeds: the monitors and the crawl's last line read
them."""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy import signals

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response


class ItemCounts:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        ext = cls(crawler)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        return ext

    def item_scraped(self, item, response: Response | None = None, spider: Spider | None = None):
        self.crawler.stats.inc_value(f"items/{getattr(item, 'kind', 'other')}")
