"""Page classes: URL + body bytes + headers in, plain data out. No Scrapy engine needed.

``read_page`` decides what a page is from its content (and, as a hint, its URL):
an :class:`ArticlePage` or a :class:`ListPage`.
"""
from __future__ import annotations

from . import labels, links
from .article import MIN_STORY_CHARS, ArticlePage
from .document import Document
from .listing import Listing, ListPage

__all__ = ["ArticlePage", "Document", "ListPage", "Listing", "read_page"]

# Entries a page needs to be a list though its URL looks like an article's.
MIN_LIST_ENTRIES = 3
# Story characters under a headline the <title> names that make an article, whatever lists
# stand beside it: a real article's sidebars and related lists often hold more entries
# than a short story has characters, and may have a pager of their own.
MIN_TITLED_STORY = 100


def read_page(url: str, body: bytes, headers=None, encoding: str | None = None) -> ArticlePage | ListPage:
    """Parse a page once and return the page class that fits it."""
    doc = Document(url, body, headers, encoding)
    article = ArticlePage(url, body, document=doc)
    listing = ListPage(url, body, document=doc)
    if links.is_article_url(url):
        # the URL's shape is a hint: `/list/bnb/12.html` is page 12 of a list, known by
        # its pager and by entries outweighing the story (an empty article has no pager)
        return listing if _is_list_at_article_url(article, listing) else article
    return article if _looks_like_article(article, listing) else listing


def _is_list_at_article_url(article: ArticlePage, listing: ListPage) -> bool:
    return (article.doc.root is not None and not _titled_story(article) and len(article.doc.entries) >= MIN_LIST_ENTRIES
            and article.story_chars < _entry_chars(article) and _has_list_pager(article, listing))


def _has_list_pager(article: ArticlePage, listing: ListPage) -> bool:
    """A pager, and not the one of an article printed over several pages (its links are the
    article's own later pages)."""
    return listing.has_pager and not listing.pager_urls <= set(article.parts().values())


def _looks_like_article(page: ArticlePage, listing: ListPage) -> bool:
    """A headline the <title> names over a story; a headline over a story that outweighs
    the page's entries; or, on a page with no
    pager (a list's mark), a headline over a story and the labelled fields an article
    prints (Time:, 作者:), however long the related list beside a short story."""
    if page.doc.root is None:
        return False
    if _titled_story(page):
        return True
    labelled = any(labels.META_LINE.match(b.text) for b in page.doc.blocks[:60])
    if not page.headline:  # an article all the same when labelled: a no_headline reject, not nothing
        return labelled and not page.doc.entries[3:]
    if page.story_chars >= 200 and page.story_chars > _entry_chars(page):
        return True
    return labelled and page.story_chars >= MIN_STORY_CHARS and not _has_list_pager(page, listing)


def _titled_story(page: ArticlePage) -> bool:
    return page.titled and page.story_chars >= MIN_TITLED_STORY


def _entry_chars(page: ArticlePage) -> int:
    return sum(len(e.headline) + len(e.summary or "") for e in page.doc.entries)
