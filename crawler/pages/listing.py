"""List pages (home, category, tag): entries, pagination and the site's other links."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from . import dom, labels, links
from .cache import cached_property
from .document import Document
from .flashes import Flashes, read_flashes
from .split import Emitted, emit_flashes


@dataclass
class Listing:
    """What a list page offers to follow, as plain data."""

    url: str
    entries: list[dict] = field(default_factory=list)  #: [{url, headline, headlineTag, summary, datePublishedRaw}]
    pageNumber: int = 1
    nextPage: str | None = None
    #: the pager's link to the last page, when it prints one
    lastPage: str | None = None
    #: other pages of the list by number: {number: url}
    pages: dict[int, str] = field(default_factory=dict)
    #: same-site links that are neither articles, tags, pager links nor files
    sectionLinks: list[str] = field(default_factory=list)


@dataclass
class Pager:
    """A list's pager: its numbered pages, the next, previous and last, and the current."""

    pages: dict[int, str] = field(default_factory=dict)  #: {number: url}, the first link for each number
    next: str | None = None
    prev: str | None = None
    last: str | None = None
    #: the number printed for this page, if any
    current: int | None = None


class ListPage:
    def __init__(self, url: str, body: bytes, headers: Mapping[Any, Any] | None = None, encoding: str | None = None,
                 document: Document | None = None):
        self.doc = document or Document(url, body, headers, encoding)
        self.url = url

    @cached_property
    def pager(self) -> Pager:
        pager = Pager()
        in_pager = []
        for a, url, text in self.doc.anchors:
            role = links.pager_role(text)
            if role is None or not text:
                continue
            if role == "number":
                n = int(text)
                if url == self.url:
                    pager.current = n
                pager.pages.setdefault(n, url)
            elif role in ("next", "last", "prev") and url != self.url and getattr(pager, role) is None:
                setattr(pager, role, url)
            if role != "first":  # `首页` is also every menu's home link
                in_pager.append(a)
        box = _common_parent(in_pager)
        if pager.current is None and box is not None:
            # the current page is the number printed without a link
            for el in box.iter():
                if el.tag != "a" and (el.text or "").strip().isdigit() and el.getparent().tag != "a":
                    pager.current = int(el.text.strip())
                    break
        return pager

    @cached_property
    def pager_urls(self) -> set[str]:
        """Every URL the pager links to: numbered pages, the next, previous and last."""
        pager = self.pager
        return set(pager.pages.values()) | {url for url in (pager.next, pager.prev, pager.last) if url}

    @property
    def has_pager(self) -> bool:
        """Links to other pages of this list: numbered ones, a next, previous or last page."""
        return bool(self.pager_urls)

    @property
    def page_number(self) -> int:
        pager = self.pager
        known = pager.current or links.page_number_in_url(self.url)
        if known:
            return known
        # printed nowhere: one after the previous page, or one before the next
        before = links.pager_link_number(pager.prev) if pager.prev else None
        if before:
            return before + 1
        after = links.pager_link_number(pager.next) if pager.next else None
        return after - 1 if after and after > 1 else 1

    @property
    def section_links(self) -> list[str]:
        host = urlsplit(self.url).netloc
        out, seen = [], set()
        for _, url, text in self.doc.anchors:
            if (url in seen or url in self.pager_urls or url in self.doc.entry_urls or url == self.url
                    or urlsplit(url).netloc != host or not links.same_scheme_family(self.url, url)
                    or links.is_tag_url(url) or links.is_asset_url(url) or links.is_article_url(url)
                    or links.pager_role(text)):
                continue
            seen.add(url)
            out.append(url)
        return out

    def article_links(self) -> list[str]:
        """Links to articles that are not in an entry group (a lone feature link); never the
        pager's own links (`/list/bnb/12.html` has an article URL's shape)."""
        seen, out = set(), []
        for _, url, _ in self.doc.anchors:
            if (links.is_article_url(url) and url not in self.doc.entry_urls and url not in seen
                    and url not in self.pager_urls):
                seen.add(url)
                out.append(url)
        return out

    @cached_property
    def flashes(self) -> Flashes | None:
        """The page read as a flash page (``flashes.py``), or None when it holds too few
        flashes; ``page_kind`` says whether it is one."""
        return read_flashes(self.doc)

    @property
    def emitted(self) -> Emitted | None:
        """What a list page emits itself: nothing (a flash page's briefs: ``FlashPage``)."""
        return None

    def to_listing(self) -> Listing:
        pager = self.pager
        return Listing(
            url=self.url,
            entries=[e.to_dict() for e in self.doc.entries],
            pageNumber=self.page_number,
            nextPage=pager.next,
            lastPage=pager.last,
            pages=dict(sorted(pager.pages.items())),
            sectionLinks=self.section_links,
        )


def _common_parent(elements: list):
    """The nearest element holding all of ``elements`` (a pager's links, each maybe in its
    own `<li>`), or None for none."""
    if not elements:
        return None
    box = elements[0].getparent()
    for el in elements[1:]:
        while box is not None and not dom.is_inside(el, (box,)):
            box = box.getparent()
    return box


class FlashPage(ListPage):
    """A news-flash page: a list whose news is its flashes. It emits them as briefs, and is
    walked like a list (its "load more" link is its next page); its flashes' own links are
    no entries to follow (the flashes are read here)."""

    @cached_property
    def emitted(self) -> Emitted:
        found = self.flashes
        if found is None:
            return Emitted(None)
        return emit_flashes(self.url, [(f.parts, f.url) for f in found.found], found.site)

    @cached_property
    def pager(self) -> Pager:
        pager = super().pager
        if pager.next is None:
            pager.next = next((url for _, url, text in self.doc.anchors
                               if labels.LOAD_MORE.match(text) and url != self.url), None)
        return pager

    def to_listing(self) -> Listing:
        listing = super().to_listing()
        own = self.flashes.urls if self.flashes is not None else frozenset()
        listing.entries = [e for e in listing.entries if e["url"] not in own]
        return listing
