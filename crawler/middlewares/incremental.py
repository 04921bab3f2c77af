"""Spider middleware: on incremental runs, do not fetch what earlier runs already emitted.

- requests for known article pages are dropped (``incremental/skipped``), unless older
  than ``INCREMENTAL_REVISIT_HOURS``, or changed since by their sitemap's ``lastmod`` or
  their feed's date (``incremental/entry_changed``);
- lists are walked by their "next" links from page 1, and a list stops once
  ``INCREMENTAL_KNOWN_PAGES`` pages in a row held only known articles
  (``incremental/lists_stopped``). After an unfinished run every page is walked again.

The spider marks each request's role (``crawler.ROLE``: article, next, page, section,
and part: a later page of an article, which carries the article and always goes through).
"""
from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING

from scrapy import Request
from scrapy.exceptions import NotConfigured

from ..extensions.state import CrawlStateExtension
from ..meta import EVIDENCE, KNOWN_PAGES, ROLE, Role

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector


class IncrementalMiddleware:
    def __init__(self, ext: CrawlStateExtension, stats: StatsCollector, known_pages: int, revisit_hours: float):
        self.ext = ext
        self.stats = stats
        self.known_pages = known_pages
        self.revisit = revisit_hours * 3600

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        ext = crawler.get_extension(CrawlStateExtension)
        if ext is None:
            raise NotConfigured
        s = crawler.settings
        return cls(ext, crawler.stats, s.getint("INCREMENTAL_KNOWN_PAGES"), s.getfloat("INCREMENTAL_REVISIT_HOURS"))

    def is_known(self, url: str, evidence: dict | None = None) -> bool:
        """Emitted by an earlier run, and not due again: neither older than the revisit
        interval nor changed since, as its sitemap's ``lastmod`` (or its feed's date) says."""
        assert self.ext.state is not None  # requests flow between the spider's opening and closing
        known = self.ext.state.article(url)
        if known is None:
            return False
        changed = max((datetime.fromisoformat(d).timestamp() for d in
                       ((evidence or {}).get("modified"), (evidence or {}).get("published")) if d), default=0.0)
        if changed > known[1]:
            self.stats.inc_value("incremental/entry_changed")
            return False
        return not (self.revisit and time.time() - known[1] > self.revisit)

    def filter(self, response: Response, outputs: list, spider: Spider | None) -> list:
        if not self.ext.skips_known_pages(spider):
            return outputs
        articles = [r for r in outputs if isinstance(r, Request) and r.meta.get(ROLE) == Role.ARTICLE]
        known = {r.url for r in articles if self.is_known(r.url, r.meta.get(EVIDENCE))}
        all_known = bool(articles) and len(known) == len(articles)
        streak = response.meta.get(KNOWN_PAGES, 0) + 1 if all_known else 0
        kept = []
        for out in outputs:
            role = out.meta.get(ROLE) if isinstance(out, Request) else None
            if role == Role.ARTICLE and out.url in known:
                self.stats.inc_value("incremental/skipped")
                continue
            if role in (Role.NEXT, Role.PAGE) and not self.ext.resuming:
                if role == Role.PAGE:
                    continue  # walk by "next" links, so a list can stop where the news ends
                if streak >= self.known_pages:
                    self.stats.inc_value("incremental/lists_stopped")
                    continue
                out.meta[KNOWN_PAGES] = streak
            kept.append(out)
        return kept

    def process_spider_output(self, response: Response, result, spider: Spider | None = None):
        yield from self.filter(response, list(result), spider or self.ext.crawler.spider)

    async def process_spider_output_async(self, response: Response, result, spider: Spider | None = None):
        outputs = [out async for out in result]
        for out in self.filter(response, outputs, spider or self.ext.crawler.spider):
            yield out
