"""Pipeline: on incremental runs, nothing that an earlier run already emitted into the same
feeds (or, in a distributed crawl, that another worker emits).

Every item claims its place in the crawl state ("first one wins"): a brief by its id, an
article by its URL and ``storyId`` (a changed story is a new item), a reject by its URL and
reason. An item whose claim fails is dropped before it reaches a feed, so the feeds hold
each item once whatever else is switched off (``DEDUP_ENABLED``, ``-a full=1``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import DropItem, NotConfigured

from ..extensions.state import CrawlStateExtension
from ..items import Article, Brief, Reject

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class IncrementalPipeline:
    def __init__(self, stats: StatsCollector, state_ext: CrawlStateExtension):
        self.stats = stats
        self.state_ext = state_ext

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        ext = crawler.get_extension(CrawlStateExtension)
        if ext is None:  # INCREMENTAL_ENABLED off, or no NEWS_FEED_DIR
            raise NotConfigured
        return cls(crawler.stats, ext)

    def process_item(self, item, spider: Spider | None = None):
        state = self.state_ext.state
        if state is None:
            return item
        self.state_ext.begin_run()  # before this item can reach a feed
        if isinstance(item, Brief) and not state.claim_brief(item.id, item.firstSeenIn, item.first_id or item.id,
                                                             item.body_key or None):
            self.stats.inc_value("incremental/briefs_known")
            raise DropItem(f"brief {item.id} emitted by an earlier run or another worker", log_level="DEBUG")
        if isinstance(item, Article) and item.storyId and not state.claim_article(item.url, item.storyId):
            self.stats.inc_value("incremental/unchanged")
            raise DropItem(f"{item.url} emitted unchanged by an earlier run or another worker", log_level="DEBUG")
        if isinstance(item, Reject) and not state.claim_reject(item.url, item.reason):
            self.stats.inc_value("incremental/rejects_known")
            raise DropItem(f"{item.url} was reported by an earlier run or another worker", log_level="DEBUG")
        return item
