"""Pipeline: each brief once; reposted stories marked, not dropped; on incremental runs,
nothing that an earlier run already emitted.

The same brief is injected into many articles: its first sighting is emitted (repeats
within a crawl are already held back by ``BriefSplitMiddleware``; each article still
lists every brief in ``briefIds``). A story seen again on
another page is still emitted, with ``repostOf`` naming the first page. With the crawl
state on, "seen" includes everything in earlier runs' feeds.
"""
from __future__ import annotations

from scrapy.exceptions import DropItem, NotConfigured

from ..extensions.state import CrawlStateExtension
from ..items import Article, Brief, Reject


class DedupPipeline:
    def __init__(self, stats, state_ext: CrawlStateExtension | None = None):
        self.stats = stats
        self.state_ext = state_ext
        self.briefs: set[str] = set()
        self.stories: dict[str, str] = {}

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("DEDUP_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats, crawler.get_extension(CrawlStateExtension))

    def process_item(self, item, spider=None):
        state = self.state_ext.state if self.state_ext is not None else None
        if state is not None:
            self.state_ext.begin_run()  # before this item can reach a feed
        if isinstance(item, Brief):  # BriefSplitMiddleware holds repeats back; any that get here are dropped
            if item.id in self.briefs:
                raise DropItem(f"brief {item.id} already emitted", log_level="DEBUG")
            self.briefs.add(item.id)
            if state is not None and not state.claim_brief(item.id, item.firstSeenIn):
                self.stats.inc_value("incremental/briefs_known")
                raise DropItem(f"brief {item.id} emitted by an earlier run or another worker", log_level="DEBUG")
            self.stats.inc_value("briefs/unique")
        elif isinstance(item, Article) and item.storyId:
            if state is not None and not state.claim_article(item.url, item.storyId):
                self.stats.inc_value("incremental/unchanged")
                raise DropItem(f"{item.url} emitted unchanged by an earlier run or another worker", log_level="DEBUG")
            first = state.first_story_url(item.storyId, item.url) if state is not None else \
                self.stories.setdefault(item.storyId, item.url)
            if first != item.url:
                item.repostOf = first
                self.stats.inc_value("stories/duplicate")
            else:
                self.stats.inc_value("stories/unique")
        elif isinstance(item, Reject) and state is not None and not state.claim_reject(item.url, item.reason):
            self.stats.inc_value("incremental/rejects_known")
            raise DropItem(f"{item.url} was reported by an earlier run or another worker", log_level="DEBUG")
        return item
