"""Pipeline: every Reject is counted under ``rejects/<reason>`` and ``sites/rejects/<host:port>``
(a failed crawl's verdict names the sites with the most), and logged once with its URL."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from ..items import Reject

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)
SITE_REJECTS = "sites/rejects/"  # + host:port


class RejectsPipeline:
    def __init__(self, stats: StatsCollector):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler.stats)

    def process_item(self, item, spider: Spider | None = None):
        if isinstance(item, Reject):
            self.stats.inc_value("rejects/total")
            self.stats.inc_value(f"rejects/{item.reason}")
            self.stats.inc_value(f"{SITE_REJECTS}{urlsplit(item.url).netloc or 'file'}")
            logger.warning("Rejected %s: %s (%s)", item.url, item.reason, item.detail or "")
        return item
