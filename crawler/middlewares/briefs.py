"""Spider middleware: each brief once per crawl, or none.

The reader splits the briefs out of a story (``crawler.pages.split``) and the spider yields
them before their article. Most briefs are repeats, injected into page after page: a brief
already yielded in this crawl is held back here (``briefs/duplicate``), since an item Scrapy
processes only to drop costs as much as one it keeps. Its article still lists it in
``briefIds``. Another body under a yielded brief's id is a variant, yielded under an id of
its own (``briefs/variants``, ``crawler.state.briefledger``), and its article lists that id.
The bodies earlier runs and other workers emitted are the crawl state's: a body one of them
emitted is yielded once under the id it went under (the state drops it), another body is a
variant.

``BRIEFS_ENABLED = False``: no brief is emitted. Articles are what they always are (the
story without the briefs, the same ``storyId``), with empty ``briefIds``: an article never
names a brief the feeds do not hold.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .. import signals as crawl_signals
from ..extensions.state import CrawlStateExtension
from ..items import Article, Brief
from ..pages.split import t2s
from ..state.briefledger import BriefLedger, Seen

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.signalmanager import SignalManager
    from scrapy.statscollectors import StatsCollector


class BriefsMiddleware:
    def __init__(self, stats: StatsCollector, enabled: bool = True, state_ext: CrawlStateExtension | None = None,
                 signals: SignalManager | None = None):
        self.stats = stats
        self.enabled = enabled
        self.state_ext = state_ext
        self.signals = signals
        self.ledger = BriefLedger(t2s(), self._earlier)  # the briefs yielded in this crawl, by id and body

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler.stats, crawler.settings.getbool("BRIEFS_ENABLED"),
                   crawler.get_extension(CrawlStateExtension), crawler.signals)

    def _earlier(self, first_id: str) -> list[tuple[str, str]]:
        """The bodies emitted under a brief id before this crawl (none without a state)."""
        state = self.state_ext.state if self.state_ext is not None else None
        return state.brief_bodies(first_id) if state is not None else []

    def process_spider_output(self, response: Response, result, spider: Spider | None = None):
        ids: list[str] = []  # the ids a response's briefs go under: they come from one story
        for item in result:
            if isinstance(item, Brief):
                if self._admit(item, ids):
                    yield item
                else:
                    self._held_back(item, response)
            else:
                yield self._listing(item, ids)

    async def process_spider_output_async(self, response: Response, result, spider: Spider | None = None):
        ids: list[str] = []
        async for item in result:
            if isinstance(item, Brief):
                if self._admit(item, ids):
                    yield item
                else:
                    self._held_back(item, response)
            else:
                yield self._listing(item, ids)

    def _admit(self, brief: Brief, ids: list[str]) -> bool:
        """Whether ``brief`` is yielded; the id it goes under is added to ``ids``."""
        self.stats.inc_value("briefs/found")
        if not ids:
            self.stats.inc_value("briefs/split")
        if not self.enabled:
            ids.append(brief.id)
            return False
        admitted = self.ledger.admit(brief)
        ids.append(admitted.id)
        if admitted.seen is Seen.REPEAT:
            self.stats.inc_value("briefs/duplicate")
            return False
        if admitted.seen is Seen.VARIANT:
            self.stats.inc_value("briefs/variants")
        return True

    def _held_back(self, brief: Brief, response: Response) -> None:
        if self.signals is not None:
            self.signals.send_catch_log(signal=crawl_signals.brief_held_back, brief=brief, response=response)

    def _listing(self, item, ids: list[str]):
        """The article lists its briefs by the ids they went under (a variant's own: the body
        this page printed), or none when no brief is emitted."""
        if isinstance(item, Article) and (ids or not self.enabled):
            item.briefIds = list(ids) if self.enabled else []
        return item
