"""Articles printed over several pages: which link leads to the next page of the same
article, and how the pages' stories join into one article.

A CMS splits a long article at its page breaks and numbers the pages from the article's
own URL: `/info/1001.html` -> `/info/1001_2.html` (DedeCMS, Empire CMS), `show-12-34-1.html`
-> `show-12-34-2.html` (PHPCMS), `/archives/5120` -> `/archives/5120/2` (WordPress),
`?page=2`. A link is a page of the article only when both its URL has that shape and its
text is a pager's (a number, 下一页): a related article never passes for one.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from lxml import etree

from ..items import Article
from . import dom, links
from .tunables import MAX_PART

_EXTENSION = re.compile(r"\.[A-Za-z]{2,5}$")
_FIRST_PAGE = re.compile(r"[-_]1$")
# What follows the article's stem in a later page's path: a separator, the number, the extension.
_PAGE_SUFFIX = re.compile(r"[-_/](\d{1,3})/?(\.[A-Za-z]{2,5})?")
_PAGE_PARAM = re.compile(r"(?:page|paged)=(\d{1,3})$")
# What may follow an article's stem in the URL of one of its later pages.
_AFTER_STEM = ("_", "-", "/", "?", ".")


class PartMatcher:
    """Page numbers of an article's other pages, from their URLs. Built once per article:
    most links of a page fail its first test, a string prefix."""

    def __init__(self, first_url: str):
        parts = urlsplit(first_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.path, self.query = parts.path, parts.query
        path = parts.path.rstrip("/")
        ext = _EXTENSION.search(path)
        self.ext = ext.group(0) if ext else ""
        stem = path[: len(path) - len(self.ext)]
        stem = _FIRST_PAGE.sub("", stem)  # PHPCMS and Discuz number page 1 too: show-12-34-1.html
        self.prefix = self.origin + stem
        self.query_rest = _without_page(self.query)

    def number(self, url: str) -> int | None:
        """2 for the article's second page, None for any other URL."""
        # most links fail here: another article's URL may share the stem's digits, not a separator after it
        if not url.startswith(self.prefix) or url[len(self.prefix): len(self.prefix) + 1] not in _AFTER_STEM:
            return None
        parts = urlsplit(url)
        if parts.path == self.path:  # `?page=2` on the article's own path and query
            pages = [m for m in map(_PAGE_PARAM.match, parts.query.split("&")) if m]
            same = _without_page(parts.query) == self.query_rest
            n = int(pages[0].group(1)) if len(pages) == 1 and same else None
            return n if n and 1 < n <= MAX_PART else None
        m = _PAGE_SUFFIX.fullmatch(parts.path, len(self.prefix) - len(self.origin))
        n = int(m.group(1)) if m and (m.group(2) or "") == self.ext else None
        return n if n and 1 < n <= MAX_PART else None


def _without_page(query: str) -> list[str]:
    """A query's parameters but its page number."""
    return [kv for kv in query.split("&") if kv and not _PAGE_PARAM.match(kv)]


def part_links(first_url: str, anchors: Iterable[tuple[etree._Element, str]]) -> dict[int, str]:
    """{number: url} of the pages of the article at ``first_url`` that a page links to, from
    its ``(element, url)`` links; a link counts when its text is a pager's."""
    matcher = PartMatcher(first_url)
    found: dict[int, str] = {}
    for a, url in anchors:
        n = matcher.number(url)
        if n is not None and n not in found and links.pager_role(dom.text_of(a)):
            found[n] = url
    return found


def next_part(found: dict[int, str], current: int) -> str | None:
    """The URL of the page after page ``current``, if the page links to it (or to a later one:
    a pager may show only some numbers)."""
    later = [n for n in found if n > current]
    return found[min(later)] if later else None


def join(article: Article, part: Article) -> Article:
    """``article`` with the story of its next page appended; tags and related entries of both."""
    article.set_story(article.blocks + part.blocks)
    article.tags = article.tags + [t for t in part.tags if t not in article.tags]
    seen = {r["url"] for r in article.related}
    article.related = article.related + [r for r in part.related if r["url"] not in seen]
    return article


def cut_story(article: Article, max_chars: int) -> bool:
    """Cut ``article``'s story to at most ``max_chars`` characters of ``articleBody``: the
    blocks that fit whole, then the start of the next. True when something was cut."""
    if article.articleBody is None or len(article.articleBody) <= max_chars:
        return False
    kept: list[dict] = []
    room = max_chars
    for block in article.blocks:
        room -= 2 if kept else 0  # the blank line that joins blocks
        if room <= 0:
            break
        kept.append(block if len(block["text"]) <= room else {**block, "text": block["text"][:room]})
        room -= len(kept[-1]["text"])
    article.set_story(kept, as_printed=article.articleBodyRaw == article.articleBody)
    return True
