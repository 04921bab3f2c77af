"""The feeds' exporter writes exactly what Scrapy's JSON Lines exporter writes."""
from __future__ import annotations

import dataclasses
import io

import pytest
from scrapy.exporters import JsonLinesItemExporter as ScrapyExporter
from scrapy.utils.test import get_crawler

from crawler.addon import NewsCrawlerAddon
from crawler.feeds.exporter import JsonLinesItemExporter
from crawler.items import Article, Brief, Reject
from crawler.spiders.news import NewsSpider

ITEMS = [
    Article(url="https://example.com/info/1.html", headline="比特幣「新高」\u2028", headlineRaw="比特幣",
            breadcrumbs=[{"name": "首頁", "url": None}], blocks=[{"type": "paragraph", "text": "第一段"}],
            tags=["BTC"], briefIds=["a" * 16]),
    Brief(id="b" * 16, headline="灰度：增持", body="据报道…\n", datePublished="2022-12-16T21:49:04+08:00"),
    Reject(url="https://example.com/x", reason="http_404", status=404),
    {"plain": "dict item", "n": 1},
]


def export(cls, items, **options) -> bytes:
    buf = io.BytesIO()
    exporter = cls(buf, encoding="utf-8", ensure_ascii=False, **options)
    for item in items:
        exporter.export_item(item)
    return buf.getvalue()


@pytest.mark.parametrize("item", ITEMS, ids=lambda i: type(i).__name__)
def test_same_bytes_as_scrapys_exporter(item):
    ours = export(JsonLinesItemExporter, [item])
    assert ours == export(ScrapyExporter, [item])
    assert ours.count(b"\n") == 1


def test_our_items_skip_the_per_field_pass(monkeypatch):
    def per_field_pass(self, item, *args, **kwargs):
        raise AssertionError("took Scrapy's per-field road")

    monkeypatch.setattr(ScrapyExporter, "get_serialized_fields", per_field_pass)
    assert export(JsonLinesItemExporter, ITEMS[:3]).count(b"\n") == 3
    with pytest.raises(AssertionError):
        export(JsonLinesItemExporter, ITEMS[3:])  # a dict item is Scrapy's business


def test_fields_to_export_takes_scrapys_road():
    ours = export(JsonLinesItemExporter, ITEMS[:1], fields_to_export=["headline", "url"])
    assert ours == export(ScrapyExporter, ITEMS[:1], fields_to_export=["headline", "url"])
    assert ours.startswith(b'{"headline": ')


def test_a_field_serializer_is_applied():
    @dataclasses.dataclass
    class Priced:
        name: str
        price: float = dataclasses.field(default=0.0, metadata={"serializer": lambda v: f"{v:.2f}"})

    assert export(JsonLinesItemExporter, [Priced("x", 1.5)]) == b'{"name": "x", "price": "1.50"}\n'


def test_the_addon_makes_it_the_jsonlines_exporter():
    crawler = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}})
    exporters = crawler.settings.getwithbase("FEED_EXPORTERS")
    assert exporters["jsonlines"] == exporters["jsonl"] == "crawler.feeds.exporter.JsonLinesItemExporter"


def test_an_unpaired_surrogate_is_written_as_its_escape_not_lost():
    import json

    item = Article(url="https://example.com/info/2.html", author="李\ud800四", blocks=[{"type": "paragraph", "text": "正文"}])
    line = export(JsonLinesItemExporter, [item])
    assert json.loads(line)["author"] == "李\ud800四" and b"\\ud800" in line
