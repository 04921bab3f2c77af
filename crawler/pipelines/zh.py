"""Pipeline: every text field in one script (``ZH_SCRIPT``), artifacts repaired, raw kept."""
from __future__ import annotations

from scrapy.exceptions import NotConfigured

from ..items import Article, Brief
from ..text.zh import ZhNormalizer


class ZhNormalizePipeline:
    def __init__(self, normalizer: ZhNormalizer, stats):
        self.zh = normalizer
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        script, repair = s.get("ZH_SCRIPT"), s.getbool("ZH_REPAIR_ARTIFACTS")
        if script == "none" and not repair and not s.getbool("ZH_FULLWIDTH_PUNCT"):
            raise NotConfigured
        return cls(ZhNormalizer(script, repair, s.getbool("ZH_FULLWIDTH_PUNCT")), crawler.stats)

    def process_item(self, item, spider=None):
        if isinstance(item, Article):
            self._article(item)
        elif isinstance(item, Brief):
            self._brief(item)
        else:
            return item
        self.stats.inc_value(f"zh/source/{item.inLanguage or 'unknown'}")
        return item

    def _article(self, a: Article) -> None:
        c = self.zh.convert
        a.inLanguage = self.zh.detect((a.headlineRaw or "") + (a.articleBodyRaw or ""))
        a.headline = c(a.headline) or a.headline  # repair never empties a headline
        texts = self.zh.convert_many([b["text"] for b in a.blocks])
        a.blocks = [{"type": b["type"], "text": t} for b, t in zip(a.blocks, texts) if t]
        a.articleBody = "\n\n".join(b["text"] for b in a.blocks) or None
        a.author, a.category, a.description = c(a.author), c(a.category), c(a.description)
        a.tags = [c(t) for t in a.tags]
        a.breadcrumbs = [{**b, "name": c(b["name"])} for b in a.breadcrumbs]
        a.related = [{**r, "headline": c(r["headline"]), "summary": c(r["summary"])} for r in a.related]

    def _brief(self, b: Brief) -> None:
        b.inLanguage = self.zh.detect((b.headlineRaw or "") + (b.bodyRaw or ""))
        b.headline, b.body, b.source = self.zh.convert(b.headline), self.zh.convert(b.body), self.zh.convert(b.source)
