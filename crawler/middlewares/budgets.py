"""Downloader middleware: each site has ``NEWS_SITE_TIME_BUDGET`` seconds of a crawl.

A site whose pages drip until the download timeout costs that timeout for every page and
every retry (40 pages: 454 s with the defaults). From a site's first request on, its
requests may run only until its budget is spent: a download's timeout is cut to what is
left, and a request past the budget is not sent, a ``site_time_budget`` reject (tried again
next run), counted under ``sites/out_of_time/<host:port>`` and logged once per site. The
crawl's verdict names the sites that ran out. 0 turns it off.
"""
from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
OUT_OF_TIME = "sites/out_of_time/"  # + host:port: requests not sent, a stat the monitors read


class SiteTimeBudgetExceeded(IgnoreRequest):
    """The request's site has spent its ``NEWS_SITE_TIME_BUDGET``."""


class SiteTimeBudgetMiddleware:
    def __init__(self, crawler: Crawler, budget: float):
        self.stats = crawler.stats
        self.budget = budget
        self.timeout = crawler.settings.getfloat("DOWNLOAD_TIMEOUT")
        self.started: dict[str, float] = {}  # site -> when its first request went out
        self.out_of_time: set[str] = set()  # sites that have spent their budget, said once each

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        budget = crawler.settings.getfloat("NEWS_SITE_TIME_BUDGET")
        if budget <= 0:
            raise NotConfigured
        return cls(crawler, budget)

    def process_request(self, request: Request, spider: Spider | None = None):
        site = urlsplit(request.url).netloc
        if not site:
            return None  # file://: no site to wait on
        now = time.monotonic()
        left = self.started.setdefault(site, now) + self.budget - now
        if left > 0:
            request.meta["download_timeout"] = min(self.timeout, left)
            return None
        if site not in self.out_of_time:
            self.out_of_time.add(site)
            logger.warning("%s has spent its time budget (NEWS_SITE_TIME_BUDGET=%g s): its remaining requests "
                           "are not sent this run (first: %s)", site, self.budget, request.url)
        self.stats.inc_value(OUT_OF_TIME + site)
        self.stats.inc_value("sites/out_of_time")
        raise SiteTimeBudgetExceeded(f"{site} has spent its {self.budget:g} s (NEWS_SITE_TIME_BUDGET)")
