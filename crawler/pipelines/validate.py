"""Pipeline: each item against its feed's JSON Schema (``crawler/schemas``); an invalid
one becomes a Reject with the reason, never vanishes."""
from __future__ import annotations

import json
from importlib import resources

from itemadapter import ItemAdapter
from jsonschema import Draft202012Validator
from scrapy.exceptions import NotConfigured

from ..items import Article, Brief, Reject

SCHEMAS = {Article: "article.json", Brief: "brief.json", Reject: "reject.json"}


def load_validator(name: str) -> Draft202012Validator:
    schema = json.loads(resources.files("crawler").joinpath("schemas").joinpath(name).read_text("utf-8"))
    return Draft202012Validator(schema)


class ValidationPipeline:
    def __init__(self, stats):
        self.stats = stats
        self.validators = {cls: load_validator(name) for cls, name in SCHEMAS.items()}

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("VALIDATION_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats)

    def process_item(self, item, spider=None):
        validator = self.validators.get(type(item))
        if validator is None:
            return item
        errors = sorted(validator.iter_errors(ItemAdapter(item).asdict()), key=lambda e: list(e.path))
        if not errors or isinstance(item, Reject):
            return item
        self.stats.inc_value(f"validation/invalid/{item.kind}")
        first = errors[0]
        where = "/".join(str(p) for p in first.path) or "(item)"
        return Reject(url=getattr(item, "url", None) or getattr(item, "firstSeenIn", "") or "",
                      reason=f"invalid_{item.kind}", detail=f"{where}: {first.message}",
                      headline=getattr(item, "headline", None))
