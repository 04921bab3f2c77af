"""Extension: opens the crawl state, brings it up to date from the feeds, and marks runs.

Other components reach it with ``crawler.get_extension(CrawlStateExtension)``.
"""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

from .. import feeds
from ..engine import distributed
from ..state import SqliteState, reconcile
from ..state.base import read_feed_items
from ..state.redis import RedisState

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class CrawlStateExtension:
    """The state is opened when the spider opens, as Scrapy's own stateful extensions do: a
    crawler that is built and never run (``scrapy shell``, a test, a benchmark) leaves no
    unfinished run behind, which would make the next crawl resume and walk every list again."""

    def __init__(self, crawler: Crawler, open_state, feed_dir: str):
        self.crawler = crawler
        self.feed_dir = feed_dir
        self._open_state = open_state
        self.state = None  #: the crawl state, from the spider's opening to its closing
        #: the previous run did not finish: walk every list page again
        self.resuming = False
        #: feed files earlier runs wrote into the folder, counted when the spider opens: a
        #: later run of a quiet site rightly emits nothing (the item-count monitor asks)
        self.feeds_before_run = 0
        self._begun = False

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        s = crawler.settings
        if not s.get("NEWS_FEED_DIR"):
            raise NotConfigured
        if not s.getbool("INCREMENTAL_ENABLED"):
            warn_of_duplicates(crawler)
            raise NotConfigured
        name = crawler.spidercls.name
        if distributed.enabled(s):
            def open_state():
                return RedisState(distributed.server(s), name, distributed.worker_id(s))
        else:
            def open_state():
                default = Path(s.get("NEWS_FEED_DIR")) / ".state" / f"{name}.sqlite"
                return SqliteState(Path(s.get("STATE_PATH") or default))
        ext = cls(crawler, open_state, s.get("NEWS_FEED_DIR"))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.begin_run, signal=signals.item_scraped)
        return ext

    def spider_opened(self, spider: Spider):
        stats, feed_dir = self.crawler.stats, self.feed_dir
        # earlier runs' feeds, whether or not they grew since the last run
        every = feeds.glob_of(self.crawler.settings.get("NEWS_FEED_NAME"))
        self.feeds_before_run = sum(1 for _, path in feeds.files(feed_dir, every) if path.stat().st_size)
        stats.set_value("state/feeds_before_run", self.feeds_before_run)
        state = self._open_state()
        if isinstance(state, RedisState):
            counts = reconcile_worker(state, feed_dir, feeds.glob_of(feeds.file_name(self.crawler.settings)), stats)
        else:
            counts = reconcile(state, feed_dir, every)
        self.resuming = not state.last_run_finished()
        self.state = state
        self._begun = False
        stats.set_value("state/indexed_from_feeds", sum(counts.values()))
        if self.resuming:
            stats.set_value("state/resumed", 1)
            logger.info("The previous run did not finish: resuming (every list page is walked again)")

    def skips_known_pages(self, spider: Spider | None) -> bool:
        """Known pages are not fetched again, nor lists walked past them; ``-a full=1``
        fetches and walks everything for one crawl (the feeds still get only what is new
        or changed: they stay unique)."""
        return not getattr(spider, "full", False)

    def begin_run(self, *args, **kwargs) -> None:
        """Mark the run begun, once, before its first item reaches a feed (the de-duplication
        pipeline calls it; the first item_scraped too, when that pipeline is off). A crawler
        that emits nothing, `scrapy shell` among them, leaves no unfinished run behind."""
        if not self._begun and self.state is not None:
            self.state.begin_run()
            self._begun = True

    def spider_closed(self, spider: Spider, reason):
        if self.state is None:
            return
        if reason == "finished":
            self.begin_run()
            self.state.end_run()
        self.state.close()


def warn_of_duplicates(crawler: Crawler) -> None:
    """With the state off, a crawl into feeds that hold earlier runs' items writes them again:
    said loudly once, counted (``state/off_over_feeds``: the earlier feed files)."""
    s = crawler.settings
    earlier = sum(1 for _, path in feeds.files(s.get("NEWS_FEED_DIR"), feeds.glob_of(s.get("NEWS_FEED_NAME")))
                  if path.stat().st_size)
    if earlier:
        crawler.stats.set_value("state/off_over_feeds", earlier)
        logger.warning("INCREMENTAL_ENABLED is off and %s holds %d feed files of earlier runs: every item this run "
                       "finds is written again, so the feeds will hold duplicates (python -m crawler.sinks.export "
                       "leaves them out; readers of the feeds must too)", s.get("NEWS_FEED_DIR"), earlier)


def reconcile_worker(state: RedisState, feed_dir: str, own: str, stats: StatsCollector) -> dict[str, int]:
    """Index this worker's own feed files (matching ``own``), and release its claims that
    never reached them."""
    pages: set[str] = set()
    briefs: set[str] = set()
    counts: dict[str, int] = {}
    for kind, item in read_feed_items(feed_dir, own):
        state.record(kind, item)
        counts[kind] = counts.get(kind, 0) + 1
        if kind == "briefs":
            briefs.add(item["id"])
        else:
            pages.add(item["url"])
    released = state.release_unwritten(pages, briefs)
    if released:
        stats.set_value("distributed/claims_released", released)
        logger.info("Released %d claims this worker made but never wrote (it was stopped)", released)
    return counts
