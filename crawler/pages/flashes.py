"""News-flash (快讯) pages: an outlet's list of short dated flashes, read as briefs.

A flash page prints what the farms inject into their stories as briefs, at its source:
`<li><time>14:05</time><h3>标题</h3><p>某财经报道，…</p></li>`, as table rows or div soup,
under a heading per day, newest first. The brief reader (``crawler.pages.briefs``) reads it, over
every block of the page (a flash's title may link to the flash's own page, which makes the
titles an entry group the article reading leaves out). A clock no day heading dates takes
the page's own date (``brieftime.PageDay``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from ..text.dates import DateParser
from . import brieftime, dom, links
from .briefs import STORY, BlockRole, BriefParts, read_blocks
from .document import Document
from .fields import machine_date
from .tunables import MIN_FLASHES

# The <title>'s last part names the site: `7×24小时快讯_链报财经`, `快讯 - 讯币`.
_TITLE_PARTS = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)\s*")
MAX_SITE_NAME = 16
CLOCK_ITEM = "clock_under_day"  # briefevidence.TIME_WEIGHTS: a clock, the day from a heading or the page
# Roles of blocks that are no part of a flash.
_NOT_A_FLASH = frozenset((STORY, "the day heading of briefs", "a heading over briefs"))


@dataclass(frozen=True)
class Flash:
    """One flash of the page: its parts, and the flash's own page when its title links one."""

    parts: BriefParts
    url: str | None


@dataclass(frozen=True)
class Flashes:
    """A page read as a flash page: every block's role, and the flashes in page order."""

    blocks: list[dom.Block]
    roles: list[BlockRole]
    found: list[Flash]
    #: the outlet: og:site_name, else the <title>'s last part
    site: str | None

    @property
    def texts(self) -> frozenset[str]:
        """The texts of the blocks the flashes took."""
        return frozenset(b.text for b, r in zip(self.blocks, self.roles, strict=True) if r.role not in _NOT_A_FLASH)

    @property
    def chars(self) -> int:
        return sum(len(f.parts.title) + len(f.parts.body) for f in self.found)

    @property
    def teasers(self) -> int:
        """Flashes linking a page of their own under a full date: an article list's dated
        teasers, more likely than flashes (an outlet's flashes print the clock alone)."""
        return sum(1 for f in self.found if f.url and f.parts.evidence.time != CLOCK_ITEM)

    @property
    def urls(self) -> frozenset[str]:
        return frozenset(f.url for f in self.found if f.url)


def read_flashes(doc: Document) -> Flashes | None:
    """The page read as a flash page, or None when it holds fewer than ``MIN_FLASHES``."""
    if doc.body_el is None or len(brieftime.ANY_CLOCK.findall(doc.decoded.text)) < MIN_FLASHES:
        return None
    blocks = dom.iter_blocks(doc.body_el)
    dicts = [{"type": "heading" if b.heading else "paragraph", "text": b.text} for b in blocks]
    roles, found = read_blocks(dicts, at_top=False, page_day=page_day(doc))
    if len(found) < MIN_FLASHES:
        return None
    titles = _link_titles(doc)  # a flash's title that links its own page
    flashes = [Flash(parts, titles.get(parts.title)) for _, parts in found]
    return Flashes(blocks, roles, flashes, site_name(doc))


def page_day(doc: Document) -> brieftime.PageDay | None:
    """The page's own date, as the day of its undated clocks (the time the machines are
    given, in China's time zone)."""
    raw = machine_date(doc)
    iso = DateParser(use_dateparser=False).parse(raw).iso if raw else None
    if iso is None:
        return None
    value = datetime.fromisoformat(iso)
    clock = f"{value.hour:02d}:{value.minute:02d}" if brieftime.ANY_CLOCK.search(raw or "") else None
    return brieftime.PageDay(value.date(), clock)


def site_name(doc: Document) -> str | None:
    """The outlet that publishes the page: og:site_name, else the <title>'s last part."""
    named = doc.meta_content("og:site_name")
    if named:
        return named
    parts = [p for p in _TITLE_PARTS.split(doc.title_text) if p]
    return parts[-1] if len(parts) > 1 and len(parts[-1]) <= MAX_SITE_NAME else None


def _link_titles(doc: Document) -> dict[str, str]:
    """{link text: URL} of the page's links on its own site that may lead to a flash of its
    own (not the page itself, a file, nor a pager's): the first link for each text."""
    host = urlsplit(doc.url).netloc
    out: dict[str, str] = {}
    for _, url, text in doc.anchors:
        if (text and text not in out and urlsplit(url).netloc == host and url != doc.url
                and not links.is_asset_url(url) and not links.pager_role(text)):
            out[text] = url
    return out
