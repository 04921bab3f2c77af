"""Spider middleware: one article page in, its story plus one Brief item per brief out.

Item pipelines return exactly one item per item, so a pipeline cannot fan one page
out into several items; a spider middleware sits where the spider's output is still a
stream and can. Briefs are yielded before their article, so a consumer of the feeds
never sees a ``briefIds`` entry whose brief has not been written yet. A brief already
yielded in this crawl is not yielded again (``briefs/duplicate``): most briefs are
repeats, and an item Scrapy processes only to drop costs as much as one it keeps. Another
body under a yielded brief's id is a variant, yielded under an id of its own
(``briefs/variants``, ``crawler.briefledger``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import opencc
from scrapy.exceptions import NotConfigured

from ..briefledger import BriefLedger, Seen
from ..items import Article, Reject
from ..split import split_article

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector


class BriefSplitMiddleware:
    def __init__(self, stats: StatsCollector):
        self.stats = stats
        self.t2s = opencc.OpenCC("t2s")  # for ids only: the same brief in either script
        self.ledger = BriefLedger(self.t2s)  # the briefs yielded in this crawl, by id and body

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        if not crawler.settings.getbool("BRIEFS_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats)

    def process_spider_output(self, response: Response, result, spider: Spider | None = None):
        for item in result:
            if isinstance(item, Article):
                yield from self.split(item)
            else:
                yield item

    async def process_spider_output_async(self, response: Response, result, spider: Spider | None = None):
        async for item in result:
            if isinstance(item, Article):
                for out in self.split(item):
                    yield out
            else:
                yield item

    def split(self, article: Article):
        briefs = split_article(article, self.t2s)
        if briefs:
            self.stats.inc_value("briefs/found", len(briefs))
            self.stats.inc_value("briefs/split")
        for k, brief in enumerate(briefs):
            admitted = self.ledger.admit(brief)
            article.briefIds[k] = admitted.id  # a variant's own id: the body this page printed
            if admitted.seen is Seen.REPEAT:
                self.stats.inc_value("briefs/duplicate")
                continue
            if admitted.seen is Seen.VARIANT:
                self.stats.inc_value("briefs/variants")
            yield brief
        if article.storyId:  # a story with words is left
            yield article
        elif briefs:  # a page of nothing but briefs (a flash page): the briefs are the news
            yield Reject(url=article.url, reason="only_briefs", headline=article.headline,
                         detail=f"{len(briefs)} briefs and no story")
        else:
            yield Reject(url=article.url, reason="empty_body", headline=article.headline,
                         detail="the story has no letters or digits")
