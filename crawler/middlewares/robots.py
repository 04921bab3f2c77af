"""Downloader middleware: a robots.txt that cannot be read means "disallow all" for the crawl.

Scrapy's RobotsTxtMiddleware crawls the whole site when its robots.txt answers 5xx, never
answers, or is too big to download (fail-open), and logs the last two as ERRORs. RFC 9309
(2.3.1.3, 2.3.1.4) says a crawler must assume complete disallow while robots.txt is
unreachable because of server or network errors, and need not read more than 500 KiB. This
middleware sits below RobotsTxtMiddleware on its robots.txt request: it caps the download
(``ROBOTSTXT_MAXSIZE``), and turns a 5xx or a failure into a robots.txt that disallows all,
for the site, for this crawl. The pages then forbidden are ``robots_unavailable`` rejects,
tried again next run (``robotstxt/unavailable``).
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import NotConfigured
from scrapy.http import TextResponse

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
UNAVAILABLE = "robotstxt/unavailable/"  # + host:port, a stat the spider's rejects read


def _is_robots_request(request: Request) -> bool:
    return request.meta.get("dont_obey_robotstxt") and urlsplit(request.url).path == "/robots.txt"


class RobotsUnavailableMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.maxsize = crawler.settings.getint("ROBOTSTXT_MAXSIZE")

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None):
        if _is_robots_request(request) and self.maxsize:
            request.meta.setdefault("download_maxsize", self.maxsize)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        if _is_robots_request(request) and response.status >= HTTPStatus.INTERNAL_SERVER_ERROR:
            return self._disallow_all(request, f"it answered {response.status}")
        return response

    def process_exception(self, request: Request, exception, spider: Spider | None = None):
        if _is_robots_request(request):
            return self._disallow_all(request, f"{type(exception).__name__}: {exception}"[:200])
        return None

    def _disallow_all(self, request: Request, why: str) -> TextResponse:
        netloc = urlsplit(request.url).netloc
        self.crawler.stats.set_value(UNAVAILABLE + netloc, 1)
        self.crawler.stats.inc_value("robotstxt/unavailable")
        logger.warning("robots.txt of %s cannot be read (%s): nothing of the site is crawled this run", netloc, why)
        return TextResponse(request.url, status=200, body=DISALLOW_ALL, encoding="utf-8", request=request)
