"""Downloader middleware: what sitemaps and feeds need of the downloads, and what each way
of finding articles costs.

- robots.txt's ``Sitemap:`` lines are noted as Scrapy's RobotsTxtMiddleware fetches it (no
  second request), and handed to the spider on its site's start page (``ANNOUNCED``);
- a sitemap or feed (a start URL among them) read by an earlier run is asked for conditionally
  (``If-None-Match``/``If-Modified-Since``): an unchanged one answers 304 and is not walked.
  A child sitemap whose index dates it no later than its last reading is not asked for at
  all (a 304 made here, ``discovery/unchanged``). What a document answered is remembered
  when the crawl goes idle, unless its site hit ``DISCOVERY_MAX_ENTRIES_PER_SITE`` (its
  remaining entries are for the next run); after a run that did not finish, or with
  ``-a full=1``, every document is read again;
- requests are counted per way (``discovery/requests/<way>``, ``start`` and ``robots``
  included) and articles emitted per way (``discovery/articles/<way>``), each also per site
  (``discovery/sites/<host:port>/…``), for the crawl report.
"""
from __future__ import annotations

import time
from datetime import datetime
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.http import Response
from scrapy.utils.sitemap import sitemap_urls_from_robots

from ..discovery import kind_of
from ..extensions.state import CrawlStateExtension
from ..items import Article
from ..meta import ANNOUNCED, EVIDENCE, ROLE, VIA, Role

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

SITES = "discovery/sites/"  # + host:port + /requests/<way>, /articles/<way>, /capped
DOCUMENTS = (Role.SITEMAP, Role.FEED)


def is_robots_request(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and urlsplit(request.url).path == "/robots.txt"


class DiscoveryMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.state_ext = crawler.get_extension(CrawlStateExtension)
        self.announced: dict[str, list[str]] = {}  #: host:port -> the sitemaps its robots.txt names
        self.pending: dict[str, dict] = {}  #: document URL -> its validators, remembered when idle

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        mw = cls(crawler)
        crawler.signals.connect(mw.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(mw.remember, signal=signals.spider_idle)
        return mw

    def _state(self):
        ext = self.state_ext
        if ext is None or ext.state is None or ext.resuming or not ext.skips_known_pages(self.crawler.spider):
            return None
        return ext.state

    def _count(self, site: str, what: str, way: str) -> None:
        site = site or "file"  # file:// URLs have no host
        self.stats.inc_value(f"discovery/{what}/{way}")
        self.stats.inc_value(f"{SITES}{site}/{what}/{way}")

    def process_request(self, request: Request, spider: Spider | None = None):
        # a start URL may be a sitemap or a feed: it has validators only if it was one
        state = self._state() if request.meta.get(ROLE, Role.SITEMAP) in DOCUMENTS else None
        known = state.validators(request.url) if state is not None else None
        if known is not None:
            request.meta.setdefault("handle_httpstatus_list", [HTTPStatus.NOT_MODIFIED])
            modified = (request.meta.get(EVIDENCE) or {}).get("modified")
            if modified and datetime.fromisoformat(modified).timestamp() <= known["fetched"]:
                self.stats.inc_value("discovery/unchanged")
                return Response(request.url, status=304, request=request, flags=["unchanged"])
            if known.get("etag"):
                request.headers.setdefault("If-None-Match", known["etag"])
            if known.get("last_modified"):
                request.headers.setdefault("If-Modified-Since", known["last_modified"])
        way = "robots" if is_robots_request(request) else request.meta.get(VIA, "start")
        self._count(urlsplit(request.url).netloc, "requests", way)
        return None

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        netloc = urlsplit(request.meta.get("redirect_urls", [request.url])[0]).netloc
        if is_robots_request(request):
            if response.status == HTTPStatus.OK:
                self.announced[netloc] = list(dict.fromkeys(sitemap_urls_from_robots(response.body, response.url)))
        elif ROLE not in request.meta and not (response.status == HTTPStatus.OK and kind_of(response.body)):
            request.meta[ANNOUNCED] = self.announced.get(netloc, [])  # robots.txt was read before it was sent
        elif request.meta.get(ROLE, Role.SITEMAP) in DOCUMENTS and response.status == HTTPStatus.OK:
            self.pending[request.url] = {"etag": _header(response, b"ETag"),
                                         "last_modified": _header(response, b"Last-Modified"),
                                         "fetched": time.time()}
        return response

    def item_scraped(self, item, response: Response | None = None, spider: Spider | None = None):
        if isinstance(item, Article) and response is not None:
            self._count(urlsplit(item.url).netloc, "articles", response.meta.get(VIA, "start"))

    def remember(self, spider: Spider | None = None) -> None:
        """Every response has been read when the crawl goes idle: what the documents answered
        is kept for the next run's conditional requests."""
        state = self._state()
        if state is None:
            self.pending.clear()
            return
        for url, validators in self.pending.items():
            if not self.stats.get_value(f"{SITES}{urlsplit(url).netloc}/capped"):
                state.set_validators(url, validators)
        self.pending.clear()


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
