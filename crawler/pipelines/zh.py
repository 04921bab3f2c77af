"""Pipeline: every text field in one script (``ZH_SCRIPT``), artifacts repaired, raw kept."""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured

from ..items import Article, Brief, Reject
from ..text.zh import ZhNormalizer

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.crawler import Crawler
    from scrapy.statscollectors import StatsCollector


# An article's single text fields, converted with its lists in one call: a field added
# here is converted, nothing else to change.
ARTICLE_TEXT_FIELDS = ("headline", "headlineTag", "author", "editor", "category", "description")


class ZhNormalizePipeline:
    def __init__(self, normalizer: ZhNormalizer, stats: StatsCollector, script: str):
        self.zh = normalizer
        self.stats = stats
        #: the script of the text written, when the pipeline converts it
        self.script = None if script == "none" else script

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        s = crawler.settings
        script, repair = s.get("ZH_SCRIPT"), s.getbool("ZH_REPAIR_ARTIFACTS")
        if script == "none" and not repair and not s.getbool("ZH_FULLWIDTH_PUNCT"):
            raise NotConfigured
        return cls(ZhNormalizer(script, repair, s.getbool("ZH_FULLWIDTH_PUNCT")), crawler.stats, script)

    def process_item(self, item, spider: Spider | None = None):
        if isinstance(item, Article):
            item.sourceScript, language = self.zh.read((item.headlineRaw or "") + (item.articleBodyRaw or ""))
            self._article(item)
        elif isinstance(item, Brief):
            item.sourceScript, language = self.zh.read((item.headlineRaw or "") + (item.bodyRaw or ""))
            self._brief(item)
        else:
            if isinstance(item, Reject) and item.headline:  # in the script of everything else written
                item.headline = self.zh.convert(item.headline) or item.headline
            return item
        # the script written, for a Chinese text; a page in English is said to be one
        item.inLanguage = (self.script or item.sourceScript) if language == "zh" else language
        self.stats.inc_value(f"zh/source/{item.sourceScript or 'unknown'}")
        return item

    def _article(self, a: Article) -> None:
        # every text field in one OpenCC call: the per-call cost dominates short texts
        texts = ([getattr(a, name) or "" for name in ARTICLE_TEXT_FIELDS] + [b["text"] for b in a.blocks] + a.tags
                 + [c["name"] for c in a.breadcrumbs]
                 + [x for r in a.related for x in (r["headline"] or "", r["summary"] or "")])
        out = iter(self.zh.convert_many(texts, a.sourceScript))
        for name in ARTICLE_TEXT_FIELDS:
            value = next(out)
            # repair never empties a headline; an emptied optional field is None
            setattr(a, name, value or (a.headline if name == "headline" else None))
        a.set_story([{"type": b["type"], "text": t} for b, t in zip(a.blocks, out) if t], as_printed=False)
        a.tags = [t for t in (next(out) for _ in a.tags) if t]
        a.breadcrumbs = [{**c, "name": next(out)} for c in a.breadcrumbs]
        a.related = [{**r, "headline": next(out) or None, "summary": next(out) or None} for r in a.related]

    def _brief(self, b: Brief) -> None:
        headline, body, source = self.zh.convert_many([b.headline or "", b.body or "", b.source or ""],
                                                      b.sourceScript)
        b.headline, b.body, b.source = headline or b.headline, body or b.body, source or None
