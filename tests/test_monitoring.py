"""Our Spidermon extension counts field coverage exactly as Spidermon's own does."""
from __future__ import annotations

import dataclasses

import pytest
from scrapy.utils.test import get_crawler
from spidermon.contrib.scrapy.extensions import Spidermon as SpidermonExtension

from crawler.addon import NewsCrawlerAddon
from crawler.extensions.monitoring import Spidermon
from crawler.items import Article, Brief, Reject
from crawler.spiders.news import NewsSpider


@dataclasses.dataclass
class Odd:
    """Values Spidermon's checks tell apart: falsy ones, placeholders, bool vs int, a dict."""

    a: object = None
    b: object = ""
    c: object = 0
    d: object = False
    e: object = "N/A"
    f: object = "-"
    g: object = dataclasses.field(default_factory=list)
    h: object = 1


ITEMS = [
    Article(url="https://example.com/info/1.html", headline="比特幣", author=None, tags=[], description="",
            breadcrumbs=[{"name": "首頁", "url": None}], blocks=[{"type": "paragraph", "text": "段"}]),
    Brief(id="b" * 16, headline="N/A", body="-", source=None),
    Reject(url="https://example.com/x", reason="http_404", status=404),
    Odd(), Odd(a=0.0, b=[0], c=True, d=1, e="n/a", f="—", g=["x"], h=0),
    Odd(a={"nested": "yes", "empty": None}),  # a dict field: Spidermon's own walk counts it
    {"plain": "dict item", "none": None},
]

SETTINGS = [
    {},
    {"SPIDERMON_FIELD_COVERAGE_SKIP_NONE": False, "SPIDERMON_FIELD_COVERAGE_SKIP_FALSY": False},
    {"SPIDERMON_FIELD_COVERAGE_SKIP_VALUES": [0, None, "-"], "SPIDERMON_FIELD_COVERAGE_SKIP_FALSY": False},
    {"SPIDERMON_LIST_FIELDS_COVERAGE_LEVELS": 1},
    {"SPIDERMON_DICT_FIELDS_COVERAGE_LEVELS": 0},
]


def coverage_counts(extension_cls, settings) -> dict:
    crawler = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}, **settings})
    crawler.stats.open_spider()
    ext = extension_cls.from_crawler(crawler)
    spider = NewsSpider.from_crawler(crawler, start_urls="https://example.com/")
    for item in ITEMS:
        ext.item_scraped(item, None, spider)
    return {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("spidermon_")}


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: ",".join(f"{k[10:]}={v}" for k, v in s.items()) or "defaults")
def test_same_counts_as_spidermons_own(settings):
    ours = coverage_counts(Spidermon, settings)
    assert ours == coverage_counts(SpidermonExtension, settings)
    assert ours["spidermon_item_scraped_count"] == len(ITEMS)


def test_defaults_count_only_real_values():
    counts = coverage_counts(Spidermon, {})
    assert counts["spidermon_item_scraped_count/Article/headline"] == 1
    assert "spidermon_item_scraped_count/Article/author" not in counts  # None
    assert "spidermon_item_scraped_count/Article/tags" not in counts  # []
    assert "spidermon_item_scraped_count/Brief/headline" not in counts  # "N/A"
    assert counts["spidermon_item_scraped_count/Odd/h"] == 2  # 1, then the dict item's 1


def test_the_addon_enables_ours_and_never_both():
    crawler = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}})
    extensions = crawler.settings.getwithbase("EXTENSIONS")
    assert extensions["crawler.extensions.monitoring.Spidermon"] == 400
    assert extensions["spidermon.contrib.scrapy.extensions.Spidermon"] is None


def test_our_items_are_counted_without_spidermons_walk(monkeypatch):
    def walk(self, *args, **kwargs):
        raise AssertionError("counted by Spidermon's own walk")

    monkeypatch.setattr(SpidermonExtension, "_count_item", walk)
    crawler = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}})
    crawler.stats.open_spider()
    ext = Spidermon.from_crawler(crawler)
    spider = NewsSpider.from_crawler(crawler, start_urls="https://example.com/")
    for item in ITEMS[:5]:  # dataclasses with no dict field
        ext.item_scraped(item, None, spider)
    assert crawler.stats.get_value("spidermon_item_scraped_count") == 5
    with pytest.raises(AssertionError):
        ext.item_scraped(ITEMS[5], None, spider)  # a dict field is Spidermon's business


def test_a_stats_collector_that_hands_out_copies_gets_spidermons_own_count():
    from scrapy.statscollectors import MemoryStatsCollector

    class CopyingStats(MemoryStatsCollector):
        def get_stats(self, spider=None):
            return dict(super().get_stats())

    crawler = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0},
                                                     "STATS_CLASS": CopyingStats})
    crawler.stats.open_spider()
    ext = Spidermon.from_crawler(crawler)
    ext.item_scraped(ITEMS[0], None, NewsSpider.from_crawler(crawler, start_urls="https://example.com/"))
    assert crawler.stats.get_value("spidermon_item_scraped_count/Article/headline") == 1


def test_the_spidermon_internal_our_count_reads_is_still_there():
    """The fast count reads the skip values through Spidermon's private
    ``_get_skip_values_list``: an upgrade that renames it must fail here, by name, and the
    parametrized comparison above catches one that changes what it returns."""
    assert callable(getattr(SpidermonExtension, "_get_skip_values_list", None)), \
        "spidermon no longer has _get_skip_values_list: see crawler/extensions/monitoring.py"
    crawler = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0},
                                                     "SPIDERMON_FIELD_COVERAGE_SKIP_VALUES": '[0, "-"]'})
    ours = Spidermon.from_crawler(crawler)
    assert ours._skip_by_type == {int: [0], str: ["-"]}  # read through it, JSON kept typed
