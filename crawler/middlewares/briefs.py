"""Spider middleware: one article page in, its story plus one Brief item per brief out.

Item pipelines return exactly one item per item, so a pipeline cannot fan one page
out into several items; a spider middleware sits where the spider's output is still a
stream and can. Briefs are yielded before their article, so a consumer of the feeds
never sees a ``briefIds`` entry whose brief has not been written yet.
"""
from __future__ import annotations

import opencc
from scrapy.exceptions import NotConfigured

from .. import fingerprints
from ..briefs import split_blocks
from ..items import Article, Brief


class BriefSplitMiddleware:
    def __init__(self, stats):
        self.stats = stats
        self.t2s = opencc.OpenCC("t2s")  # for ids only: the same brief in either script

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("BRIEFS_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats)

    def process_spider_output(self, response, result, spider=None):
        for item in result:
            if isinstance(item, Article):
                yield from self.split(item)
            else:
                yield item

    async def process_spider_output_async(self, response, result, spider=None):
        async for item in result:
            if isinstance(item, Article):
                for out in self.split(item):
                    yield out
            else:
                yield item

    def split(self, article: Article):
        story, found = split_blocks(article.blocks)
        article.blocks = story
        article.articleBody = article.articleBodyRaw = "\n\n".join(b["text"] for b in story) or None
        article.storyId = fingerprints.story_id([b["text"] for b in story if b["type"] == "paragraph"], self.t2s)
        if found:
            self.stats.inc_value("briefs/found", len(found))
            self.stats.inc_value("briefs/split")
        for _, parts in found:
            bid = fingerprints.brief_id(parts.title, parts.time_raw, self.t2s)
            article.briefIds.append(bid)
            yield Brief(id=bid, headline=parts.title, headlineRaw=parts.title, body=parts.body,
                        bodyRaw=parts.body, source=parts.source, datePublishedRaw=parts.time_raw,
                        firstSeenIn=article.url)
        yield article
