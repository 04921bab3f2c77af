"""Pipeline: ``datePublishedRaw`` -> ``datePublished`` (ISO 8601, +08:00) or None with a status."""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from ..items import Article, Brief
from ..text.dates import CHINA_TZ, DateParser

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class DatesPipeline:
    def __init__(self, parser: DateParser, stats: StatsCollector):
        self.parser = parser
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        s = crawler.settings
        if not s.getbool("DATES_ENABLED"):
            raise NotConfigured
        now = datetime.fromisoformat(s.get("DATES_NOW")) if s.get("DATES_NOW") else datetime.now(CHINA_TZ)
        parser = DateParser(now, timedelta(hours=s.getfloat("DATES_FUTURE_TOLERANCE_HOURS")),
                            s.getbool("DATES_USE_DATEPARSER"))
        return cls(parser, crawler.stats)

    def process_item(self, item, spider: Spider | None = None):
        if not isinstance(item, (Article, Brief)):
            return item
        if not item.datePublishedRaw:
            item.datePublishedStatus = "missing"
            self.stats.inc_value("dates/missing")
            return item
        parsed = self.parser.parse(item.datePublishedRaw)
        item.datePublished, item.datePublishedStatus = parsed.iso, parsed.status
        self.stats.inc_value(f"dates/{parsed.status}")
        if parsed.via:
            self.stats.inc_value(f"dates/via/{parsed.via}")
        return item
