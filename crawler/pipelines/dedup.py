"""Pipeline: each brief once; reposted stories marked, not dropped.

The same brief is injected into many articles: its first sighting is emitted (repeats
within a crawl are already held back by ``BriefsMiddleware``; each article still lists
every brief in ``briefIds``). A story seen again on another page, word for word or as a
near copy (``crawler.state.reposts``), is still emitted, with ``storyCluster`` naming the first
copy's story and ``repostOf`` its page; a sentence the site printed at the edge of two
earlier stories (its slogan) is left out of the comparison. With the crawl state on,
"seen" includes everything in earlier runs' feeds and, in a distributed crawl, every
worker's. What earlier runs emitted is held back before this pipeline
(``IncrementalPipeline``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import DropItem, NotConfigured

from ..extensions.state import CrawlStateExtension
from ..items import Article, Brief
from ..pages.fingerprints import key_of_lines
from ..state import reposts
from ..state.base import downloaded_at

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


class DedupPipeline:
    def __init__(self, stats: StatsCollector, state_ext: CrawlStateExtension | None = None):
        self.stats = stats
        self.state_ext = state_ext
        self.briefs: set[str] = set()
        self.copies = reposts.RepostIndex()  # without a crawl state: this crawl's stories
        self.site_lines = reposts.SiteLines()

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        if not crawler.settings.getbool("DEDUP_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats, crawler.get_extension(CrawlStateExtension))

    def process_item(self, item, spider: Spider | None = None):
        if isinstance(item, Brief):  # BriefsMiddleware holds repeats back; any that get here are dropped
            if item.id in self.briefs:
                raise DropItem(f"brief {item.id} already emitted", log_level="DEBUG")
            self.briefs.add(item.id)
            self.stats.inc_value("briefs/unique")
        elif isinstance(item, Article) and item.storyId:
            state = self.state_ext.state if self.state_ext is not None else None
            self._mark_repost(item, state if state is not None else self.copies)
        return item

    def _mark_repost(self, item: Article, index) -> None:
        """Set ``storyCluster`` and, for a copy of an earlier story, ``repostOf``."""
        seen = downloaded_at({"dateDownloaded": item.dateDownloaded})
        # the site's own lines (a slogan on every page) are no part of what makes two stories one
        own, removed = self.site_lines.own(urlsplit(item.url).netloc, item.story_lines)
        if removed:
            self.stats.inc_value("reposts/site_lines", removed)
        # the same story entered before needs no signature: entries never change, first one wins
        first = index.copy_of(item.storyId)
        if first is None:
            assert item.storyId is not None  # the reader gives every article it emits its storyId
            # the story key the reader made, unless the site's lines were left out of it
            key = key_of_lines(own) if removed else item.story_key
            story = reposts.Copy(item.storyId, item.url, item.storyId, item.url, seen, reposts.signature(key))
            with index.repost_lock():  # another worker may have entered it since: looked up again
                first, _ = reposts.find(index, story)
                if first is None:
                    first = story
                    index.add_copy(story)
                elif first.story_id != item.storyId:
                    story.cluster, story.head, story.seen = first.cluster, first.head, first.seen
                    index.add_copy(story)
        item.storyCluster = first.cluster
        if first.head == item.url:  # the first copy (or, after a kill, that page again)
            self.stats.inc_value("stories/unique")
        else:
            item.repostOf = first.head
            self.stats.inc_value("reposts/exact" if first.story_id == item.storyId else "reposts/near")
