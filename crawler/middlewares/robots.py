"""Downloader middlewares: a robots.txt that cannot be read means "disallow all" for the crawl.

Scrapy's RobotsTxtMiddleware crawls the whole site when its robots.txt answers 5xx, never
answers, or is too big to download (fail-open), and logs the last two as ERRORs. RFC 9309
(2.3.1.3, 2.3.1.4) says a crawler must assume complete disallow while robots.txt is
unreachable because of server or network errors, and need not read more than 500 KiB. This
middleware sits below RobotsTxtMiddleware: it caps the robots.txt download
(``ROBOTSTXT_MAXSIZE``), notes a 5xx or a failure of it for the site, and from then on
turns away every request to that site with ``RobotsUnavailable`` (``robotstxt/unavailable``).
The exception carries what kept robots.txt away, so a site that is down is rejected as down
(``dns_error``, ``connection_refused``…), not as a robots.txt matter. A robots.txt
redirected to another host counts for the host whose robots.txt it is.

A failure raised where this middleware does not see it (the decompression cap, when a
small gzipped robots.txt inflates past ``ROBOTSTXT_MAXSIZE``; anything raised while a
response goes up the chain) reached Scrapy's RobotsTxtMiddleware, which then crawls the
whole site. :class:`FailClosedRobotsTxtMiddleware` takes its place and turns the site's
requests away the same way.
"""
from __future__ import annotations

import logging
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.httpobj import urlparse_cached

from .ignores import RobotsTxtMiddleware

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)


class RobotsUnavailable(IgnoreRequest):
    """robots.txt of the request's site could not be read this run: the site is disallowed.
    ``cause`` is the exception that kept robots.txt from arriving, or None when it arrived
    unusable (a 5xx answer)."""

    def __init__(self, netloc: str, why: str, cause: BaseException | None = None):
        super().__init__(f"robots.txt of {netloc} could not be read ({why}): the site is disallowed this run")
        self.cause = cause


def _is_robots_request(request: Request) -> bool:
    return bool(request.meta.get("dont_obey_robotstxt")) and urlsplit(request.url).path == "/robots.txt"


def _warn(netloc: str, why: str, redirected_to: str | None = None) -> None:
    where = f"{netloc} (redirected to {redirected_to})" if redirected_to else netloc
    logger.warning("robots.txt of %s cannot be read (%s): nothing of the site is crawled this run", where, why)


class RobotsUnavailableMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.maxsize = crawler.settings.getint("ROBOTSTXT_MAXSIZE")
        #: host:port -> why its robots.txt could not be read, and the exception if one did it
        self.unavailable: dict[str, tuple[str, BaseException | None]] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        if not crawler.settings.getbool("ROBOTSTXT_OBEY"):
            raise NotConfigured
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None):
        if _is_robots_request(request):
            if self.maxsize:
                request.meta.setdefault("download_maxsize", self.maxsize)
            return
        netloc = urlsplit(request.url).netloc
        if netloc in self.unavailable:
            why, cause = self.unavailable[netloc]
            raise RobotsUnavailable(netloc, why, cause)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        if _is_robots_request(request) and response.status >= HTTPStatus.INTERNAL_SERVER_ERROR:
            self._unavailable(request, f"it answered {response.status}", None)
        return response

    def process_exception(self, request: Request, exception, spider: Spider | None = None):
        if _is_robots_request(request) and not isinstance(exception, RobotsUnavailable):
            self._unavailable(request, f"{type(exception).__name__}: {exception}"[:200], exception)
        return None

    def _unavailable(self, request: Request, why: str, cause: BaseException | None):
        """Note the site, and end the robots.txt request with an IgnoreRequest: Scrapy's
        RobotsTxtMiddleware then logs no ERROR and counts no response that never came."""
        asked = request.meta.get("redirect_urls", [request.url])[0]  # the host whose robots.txt it is
        netloc = urlsplit(asked).netloc
        self.unavailable[netloc] = (why, cause)
        self.crawler.stats.inc_value("robotstxt/unavailable")
        _warn(netloc, why, request.url if asked != request.url else None)
        raise RobotsUnavailable(netloc, why, cause)


class FailClosedRobotsTxtMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware (with its typed forbidden), turning away the requests of
    a site whose robots.txt failed in a way :class:`RobotsUnavailableMiddleware` did not see."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        #: host:port -> why its robots.txt failed, and the exception that did it
        self.failed: dict[str, tuple[str, BaseException]] = {}

    async def process_request(self, request: Request, spider: Spider | None = None):
        await super().process_request(request, spider)
        if self.failed and not request.meta.get("dont_obey_robotstxt"):
            netloc = urlparse_cached(request).netloc
            if netloc in self.failed:
                why, cause = self.failed[netloc]
                raise RobotsUnavailable(netloc, why, cause)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        if not isinstance(exc, RobotsUnavailable):  # else noted by RobotsUnavailableMiddleware
            why = f"{type(exc).__name__}: {exc}"[:200]
            self.failed[netloc] = (why, exc)
            self.crawler.stats.inc_value("robotstxt/unavailable")
            _warn(netloc, why)
        super()._robots_error(exc, netloc)
