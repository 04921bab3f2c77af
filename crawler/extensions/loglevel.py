"""Extension: Scrapy's loggers stop at ``LOG_LEVEL`` instead of building records no one prints.

Scrapy sets its ``scrapy`` logger to DEBUG whatever ``LOG_LEVEL`` says and leaves the
choice to its handlers, which all stop at ``LOG_LEVEL``: at the project's INFO, each
page's "Crawled" line and each item's "Scraped from" line is built as a record, handed to
every handler and dropped by each, a few times a page. With the logger itself at
``LOG_LEVEL`` those calls end at its level check. The level it had is put back when the
engine stops, for whatever else the process runs.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy import signals
from scrapy.exceptions import NotConfigured

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

SCRAPY_LOGGER = logging.getLogger("scrapy")


class ScrapyLogLevel:
    def __init__(self, level: int):
        self.before = SCRAPY_LOGGER.level
        SCRAPY_LOGGER.setLevel(level)

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        s = crawler.settings
        if not s.getbool("LOG_LEVEL_AT_SCRAPY_LOGGER"):
            raise NotConfigured
        level = s.get("LOG_LEVEL")
        if isinstance(level, str):  # a name, as Scrapy's handlers take it
            level = logging.getLevelName(level)
        if not isinstance(level, int):
            raise NotConfigured  # a level logging does not know: Scrapy's own handlers will say so
        ext = cls(level)
        crawler.signals.connect(ext.engine_stopped, signal=signals.engine_stopped)
        return ext

    def engine_stopped(self) -> None:
        SCRAPY_LOGGER.setLevel(self.before)
