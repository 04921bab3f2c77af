"""Pipeline: each brief once per crawl; reposted stories marked, not dropped.

The same brief is injected into many articles: its first sighting is emitted, later
ones are dropped (each article still lists it in ``briefIds``). A story seen again on
another page is still emitted, with ``repostOf`` naming the first page.
"""
from __future__ import annotations

import logging

from scrapy.exceptions import DropItem, NotConfigured

from ..items import Article, Brief

logger = logging.getLogger(__name__)


class DedupPipeline:
    def __init__(self, stats):
        self.stats = stats
        self.briefs: set[str] = set()
        self.stories: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("DEDUP_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats)

    def process_item(self, item, spider=None):
        if isinstance(item, Brief):
            if item.id in self.briefs:
                self.stats.inc_value("briefs/duplicate")
                raise DropItem(f"brief {item.id} already emitted", log_level="DEBUG")
            self.briefs.add(item.id)
            self.stats.inc_value("briefs/unique")
        elif isinstance(item, Article) and item.storyId:
            first = self.stories.setdefault(item.storyId, item.url)
            if first != item.url:
                item.repostOf = first
                self.stats.inc_value("stories/duplicate")
            else:
                self.stats.inc_value("stories/unique")
        return item
