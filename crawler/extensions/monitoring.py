"""Spidermon's extension, with its per-item field coverage counted in one pass for our items.

Spidermon counts, for every item scraped, each field holding a value
(``spidermon_item_scraped_count/<Item>/<field>``); at close it turns the counts into
``spidermon_field_coverage/…`` for the monitors. Its own count reads six settings, walks
each field through generic checks and calls ``inc_value`` once per field, on every item.
For a dataclass item with no dict-valued field, and list fields not descended into
(``SPIDERMON_LIST_FIELDS_COVERAGE_LEVELS`` 0, the default), the same counts come from one
loop over precomputed stat names, 8x faster (``bench.micro``); anything else is counted
by Spidermon itself.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from scrapy import signals
from spidermon.contrib.scrapy.extensions import Spidermon as SpidermonExtension
from spidermon.contrib.scrapy.monitors import DownloaderExceptionMonitor, ErrorCountMonitor, ItemCountMonitor

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

# Counters Scrapy creates at their first increment, which these monitors skip when absent:
# a crawl with no error must pass them, not skip them.
ZERO_UNTIL_COUNTED = (ErrorCountMonitor.stat_name, DownloaderExceptionMonitor.stat_name, ItemCountMonitor.stat_name)


class Spidermon(SpidermonExtension):
    @classmethod
    def from_crawler(cls, crawler: Crawler):
        ext = super().from_crawler(crawler)
        s = crawler.settings
        ext._skip_none = s.getbool("SPIDERMON_FIELD_COVERAGE_SKIP_NONE", False)
        ext._skip_falsy = s.getbool("SPIDERMON_FIELD_COVERAGE_SKIP_FALSY", True)
        # Spidermon skips a value equal to a listed one *of the same type*: grouped by type
        skip_by_type: dict[type, list] = {}
        ext._skip_by_type = skip_by_type
        for value in ext._get_skip_values_list(s):
            ext._skip_by_type.setdefault(type(value), []).append(value)
        ext._fast = (s.getint("SPIDERMON_LIST_FIELDS_COVERAGE_LEVELS", 0) <= 0
                     and not isinstance(s.get("SPIDERMON_DICT_FIELDS_COVERAGE_LEVELS", -1), dict)
                     # counts go into the collector's own dict: not into a copy of it
                     and crawler.stats.get_stats() is crawler.stats.get_stats())
        stat_names: dict[type, tuple] = {}
        ext._stat_names = stat_names
        crawler.signals.connect(ext._zero_counters, signal=signals.spider_opened)
        return ext

    def _zero_counters(self, spider: Spider) -> None:
        for name in ZERO_UNTIL_COUNTED:
            if self.crawler.stats.get_value(name) is None:
                self.crawler.stats.set_value(name, 0)

    def _stats_of(self, cls: type) -> tuple | None:
        """(item stat, ((field, field stat), …)) of a dataclass, else None."""
        if cls not in self._stat_names:
            if dataclasses.is_dataclass(cls):
                item_stat = f"spidermon_item_scraped_count/{cls.__name__}"
                fields = tuple((f.name, f"{item_stat}/{f.name}") for f in dataclasses.fields(cls))
                self._stat_names[cls] = (item_stat, fields)
            else:
                self._stat_names[cls] = None
        return self._stat_names[cls]

    def item_scraped(self, item, response: Response, spider: Spider):
        names = self._stats_of(type(item)) if self._fast else None
        values = [getattr(item, name) for name, _ in names[1]] if names else ()
        if not names or any(isinstance(v, dict) for v in values):
            return super().item_scraped(item, response, spider)
        # the live stats dict, updated in place as Spidermon updates it with the coverage at
        # close: Scrapy 2.19 wraps every inc_value() call in a deprecation check
        stats = self.crawler.stats.get_stats()
        skip_none, skip_falsy, skip_by_type = self._skip_none, self._skip_falsy, self._skip_by_type
        for stat in ("spidermon_item_scraped_count", names[0]):
            stats[stat] = stats.get(stat, 0) + 1
        for (_, stat), value in zip(names[1], values):
            if value is None:
                if skip_none:
                    continue
            elif skip_falsy and not value:
                continue
            skips = skip_by_type.get(type(value))
            if skips and value in skips:
                continue
            stats[stat] = stats.get(stat, 0) + 1
