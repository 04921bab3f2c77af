"""Spider middleware: crawler traps end within a budget.

A site whose list pages each link new same-site "sections" (`/secfarm/s/<path>`), or whose
links grow a character per hop (`/grow/g/…`), keeps a crawl busy forever; ``DEPTH_LIMIT``
bounds neither (nor ``URLLENGTH_LIMIT``, Scrapy's cap on a URL's length, soon enough).
Requests the spider yields are dropped here, each bite counted under ``traps/<rule>`` and
logged once a rule with the URL:

- ``NEWS_MAX_SEGMENT_REPEATS``: a path segment repeated this often (`/a/b/a/b/a/b/`);
- ``NEWS_MAX_SECTIONS_PER_SITE``: sections (category links found on lists) per host;
- ``NEWS_MAX_REQUESTS_PER_SITE``: requests per host in one crawl;
- ``DISCOVERY_MAX_ENTRIES_PER_SITE``: pages per host requested from its sitemaps and feeds
  in one crawl (``discovery/sites/<host:port>/capped`` too: those documents are read again
  next run, for the entries left).

0 turns a rule off. Later pages of an article (``part``) carry an article already read and
always go through.
"""
from __future__ import annotations

import logging
from collections import Counter
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import Request

from ..meta import ROLE, VIA, Role
from .discovery import SITES

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class TrapsMiddleware:
    def __init__(self, stats: StatsCollector, settings: BaseSettings):
        self.stats = stats
        self.max_repeats = settings.getint("NEWS_MAX_SEGMENT_REPEATS")
        self.max_sections = settings.getint("NEWS_MAX_SECTIONS_PER_SITE")
        self.max_requests = settings.getint("NEWS_MAX_REQUESTS_PER_SITE")
        self.max_entries = settings.getint("DISCOVERY_MAX_ENTRIES_PER_SITE")
        self.sections: Counter = Counter()
        self.entries: Counter = Counter()
        self.requests: Counter = Counter()
        self.warned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler.stats, crawler.settings)

    def trap(self, request: Request) -> str | None:
        """The rule a request breaks, or None (and then it counts towards its site's budgets)."""
        parts = urlsplit(request.url)
        segments = [s for s in parts.path.split("/") if s]
        if self.max_repeats and segments and max(Counter(segments).values()) >= self.max_repeats:
            return "repeated_segment"
        host = parts.netloc
        role = request.meta.get(ROLE)
        if role == Role.SECTION and self.max_sections and self.sections[host] >= self.max_sections:
            return "site_sections"
        if self.max_requests and self.requests[host] >= self.max_requests:
            return "site_requests"
        entry = role == Role.ARTICLE and request.meta.get(VIA) in ("sitemaps", "feeds")
        if entry and self.max_entries and self.entries[host] >= self.max_entries:
            self.stats.inc_value(f"{SITES}{host}/capped")
            return "site_entries"
        self.requests[host] += 1
        self.entries[host] += entry
        if role == Role.SECTION:
            self.sections[host] += 1
        return None

    def _kept(self, out) -> bool:
        if not isinstance(out, Request) or out.meta.get(ROLE) in (None, Role.PART) or out.dont_filter:
            return True
        rule = self.trap(out)
        if rule is None:
            return True
        self.stats.inc_value(f"traps/{rule}")
        if rule not in self.warned:
            self.warned.add(rule)
            logger.info("Crawler trap (%s): not following %s (and further ones, counted under traps/%s)",
                        rule, out.url, rule)
        return False

    def process_spider_output(self, response: Response, result, spider: Spider | None = None):
        for out in result:
            if self._kept(out):
                yield out

    async def process_spider_output_async(self, response: Response, result, spider: Spider | None = None):
        async for out in result:
            if self._kept(out):
                yield out
