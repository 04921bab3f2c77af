"""A ``scrapy check`` contract for a page that emits an article and its briefs: Scrapy's own
``@scrapes`` asks every item for the fields, and an article's briefs have other ones."""
from __future__ import annotations

from scrapy.contracts import Contract
from scrapy.exceptions import ContractFail

from ..items import Article


class ArticleContract(Contract):
    """``@article FIELD …``: the callback emits one article, with a value in each field."""

    name = "article"

    def post_process(self, output) -> None:
        articles = [x for x in output if isinstance(x, Article)]
        if len(articles) != 1:
            raise ContractFail(f"{len(articles)} articles, expected 1")
        empty = [name for name in self.args if getattr(articles[0], name, None) in (None, "", [])]
        if empty:
            raise ContractFail(f"Empty article fields: {', '.join(empty)}")
