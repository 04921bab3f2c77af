"""Extension: opens the crawl state, brings it up to date from the feeds, and marks runs.

Other components reach it with ``crawler.get_extension(CrawlStateExtension)``.
"""
from __future__ import annotations

import logging
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import NotConfigured

from ..state import SqliteState, reconcile

logger = logging.getLogger(__name__)


class CrawlStateExtension:
    def __init__(self, crawler, path: Path, feed_dir: str):
        self.crawler = crawler
        self.feed_dir = feed_dir
        self.state = SqliteState(path)
        self.path = path
        #: the previous run did not finish: walk every list page again
        self.resuming = False
        counts = reconcile(self.state, feed_dir)
        self.resuming = self.state.begin_run()
        crawler.stats.set_value("state/indexed_from_feeds", sum(counts.values()))
        if self.resuming:
            crawler.stats.set_value("state/resumed", 1)
            logger.info("The previous run did not finish: resuming (every list page is walked again)")

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        if not s.getbool("INCREMENTAL_ENABLED") or not s.get("NEWS_FEED_DIR"):
            raise NotConfigured
        name = crawler.spidercls.name
        path = Path(s.get("STATE_PATH") or Path(s.get("NEWS_FEED_DIR")) / ".state" / f"{name}.sqlite")
        ext = cls(crawler, path, s.get("NEWS_FEED_DIR"))
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def active_for(self, spider) -> bool:
        """Off for one crawl with ``-a full=1``."""
        return not getattr(spider, "full", False)

    def spider_closed(self, spider, reason):
        if reason == "finished":
            self.state.end_run()
        self.state.close()
