"""Page classes: URL + body bytes + headers in, plain data out. No Scrapy engine needed.

``read_page`` decides what a page is from its content (and, as a hint, its URL):
an :class:`ArticlePage`, a :class:`ListPage`, or a :class:`FlashPage` (a list of news
flashes). Their ``emitted`` is what the crawl writes for the page, computed here once: the
article with the briefs split out of its story and its ids, the brief items, or the reject
(``split.py``).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import brieftime, labels, links
from .article import ArticlePage
from .brieftime import CLOCK_LED
from .document import Document
from .flashes import Flashes
from .listing import FlashPage, Listing, ListPage
from .tunables import (
    LABEL_BLOCKS,
    MIN_FLASHES,
    MIN_LIST_ENTRIES,
    MIN_STORY_CHARS,
    MIN_TITLED_STORY,
    MIN_WEIGHED_STORY,
)

__all__ = ["ArticlePage", "Document", "FlashPage", "ListPage", "Listing", "page_classes", "page_kind", "read_page"]



def read_page(url: str, body: bytes, headers: Mapping[Any, Any] | None = None,
              encoding: str | None = None) -> ArticlePage | ListPage:
    """Parse a page once and return the page class that fits it."""
    article, listing = page_classes(url, body, headers, encoding)
    kind = page_kind(article, listing)[0]
    if kind == "flashes":
        return FlashPage(url, body, document=article.doc)
    return article if kind == "article" else listing


def page_classes(url: str, body: bytes, headers: Mapping[Any, Any] | None = None,
                 encoding: str | None = None) -> tuple[ArticlePage, ListPage]:
    """Both readings of one parsed page, for ``page_kind`` to choose between."""
    doc = Document(url, body, headers, encoding)
    return ArticlePage(url, body, document=doc), ListPage(url, body, document=doc)


def page_kind(page: ArticlePage, listing: ListPage) -> tuple[str, str]:
    """("article", "list" or "flashes", the rule that decided it)."""
    if page.doc.root is None:  # read as an article, its problem() is the reject that says why
        return "article", "no HTML document to read (empty, or not markup)"
    if page.embedded.story is not None:  # an HTML shell over the article its script state holds
        return "article", page.embedded.verdict
    flash_page = _flash_page(page, listing)
    if flash_page is not None:
        return "flashes", flash_page
    if _titled_story(page):
        return "article", f"a headline the <title> names over {page.story_chars} story characters"
    if links.is_article_url(page.url):
        return _kind_at_article_url(page, listing)
    return _kind_by_weight(page, listing)


def _kind_at_article_url(page: ArticlePage, listing: ListPage) -> tuple[str, str]:
    """The URL's shape is a hint: `/list/bnb/12.html` is page 12 of a list, known by its
    pager and by entries outweighing the story (an empty article has no pager)."""
    entries, entry_chars = len(page.doc.entries), _entry_chars(page)
    if entries >= MIN_LIST_ENTRIES and page.story_chars < entry_chars and _has_list_pager(page, listing):
        return "list", (f"an article's URL, but {entries} entries ({entry_chars} characters) outweigh "
                        f"{page.story_chars} story characters, under a list's pager")
    return "article", "an article's URL, and no list's pager over entries that outweigh the story"


def _kind_by_weight(page: ArticlePage, listing: ListPage) -> tuple[str, str]:
    """A page at a URL of no known shape: its headline, labels, story and entries decide."""
    entries, entry_chars = len(page.doc.entries), _entry_chars(page)
    labelled = any(labels.META_LINE.match(b.text) for b in page.doc.blocks[:LABEL_BLOCKS])
    if not page.headline:  # an article all the same when labelled: a no_headline reject, not nothing
        if labelled and not page.doc.entries[MIN_LIST_ENTRIES:]:
            return "article", "no headline, but the labelled fields an article prints and few entries"
        return "list", "no headline"
    if page.story_chars >= MIN_WEIGHED_STORY and page.story_chars > entry_chars:
        return "article", f"{page.story_chars} story characters outweigh {entries} entries ({entry_chars} characters)"
    if labelled and page.story_chars >= MIN_STORY_CHARS and not _has_list_pager(page, listing):
        return "article", "a headline over a story, the labelled fields an article prints, and no list's pager"
    if (not entries and page.story_chars >= MIN_STORY_CHARS and not _has_list_pager(page, listing)
            and not listing.article_links()):
        # a list of one article is no article: its story is that article's teaser
        return "article", "a headline over a story, and no list's entries, pager or article links"
    return "list", (f"{page.story_chars} story characters under a headline the <title> does not name, "
                    f"beside {entries} entries ({entry_chars} characters)")


def _flash_page(page: ArticlePage, listing: ListPage) -> str | None:
    """Why the page is a list of news flashes, or None: once its flashes are taken out, the
    article reading leaves too little story for an article, no group of entries beside
    them leads to articles, and none of them is an article's dated teaser. Only a page whose
    story is short, or holds items led by a clock, is read for flashes: an article's story
    with briefs injected into it is neither, and is let go before any reading."""
    story = page.story
    if story.chars >= MIN_WEIGHED_STORY and sum(1 for b in story.blocks if CLOCK_LED.match(b.text)) < MIN_FLASHES:
        return None
    flashes: Flashes | None = listing.flashes
    if flashes is None or flashes.teasers:
        return None
    taken, own = flashes.texts, flashes.urls
    # a flash's clock, its linked title read as an entry, is left alone in the story's blocks
    left = sum(len(b.text) for b in story.blocks
               if b.type == "paragraph" and b.text not in taken and not _time_alone(b.text))
    other = [e for e in page.doc.entries if e.url not in own]
    if left >= MIN_STORY_CHARS or len(other) >= MIN_LIST_ENTRIES:
        return None
    return (f"{len(flashes.found)} dated flashes ({flashes.chars} characters), {left} characters of story "
            f"beside them, and {len(other)} entries")


def _time_alone(text: str) -> bool:
    mark = brieftime.find(text)
    return mark is not None and mark.kind in ("clock", "alone", "day")


def _has_list_pager(article: ArticlePage, listing: ListPage) -> bool:
    """A pager, and not the one of an article printed over several pages (its links are the
    article's own later pages)."""
    return listing.has_pager and not listing.pager_urls <= set(article.parts().values())


def _titled_story(page: ArticlePage) -> bool:
    return page.titled and page.story_chars >= MIN_TITLED_STORY


def _entry_chars(page: ArticlePage) -> int:
    return sum(len(e.headline) + len(e.summary or "") for e in page.doc.entries)
