"""Extension: what the crawl starts with is left out of the garbage collector's passes.

A crawl's process holds some 200,000 objects once Scrapy, Twisted, lxml, numpy and the
project are imported and the components built, and all of them live until the crawl ends.
Python's cyclic collector walks every one of them on each full pass, and a crawl's
requests, responses and Deferreds bring a full pass every few hundred pages: a tenth of a
second each (1.4% of a generated site's crawl in instructions a page, BENCHMARKS.md).
``gc.freeze()`` once the engine has started moves them to a generation no pass walks; the
objects made while crawling are collected as before. They are given back to the collector
when the engine stops, so a process that runs crawl after crawl (a test suite, Scrapyd's
runner) frees each crawl's cycles.
"""
from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


class GcFreeze:
    def __init__(self, crawler: Crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        if not crawler.settings.getbool("GC_FREEZE_ENABLED"):
            raise NotConfigured
        ext = cls(crawler)
        crawler.signals.connect(ext.engine_started, signal=signals.engine_started)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_started(self) -> None:
        gc.collect()  # what is garbage already is freed, not kept for the whole crawl
        gc.freeze()
        self.stats.set_value("gc_freeze/objects", gc.get_freeze_count())

    def engine_stopped(self) -> None:
        gc.unfreeze()
