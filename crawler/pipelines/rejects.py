"""Pipeline: every Reject is counted under ``rejects/<reason>`` and logged once with its URL."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ..items import Reject

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


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
            logger.warning("Rejected %s: %s (%s)", item.url, item.reason, item.detail or "")
        return item
