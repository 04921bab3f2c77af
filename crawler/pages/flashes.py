"""News-flash (快讯) pages: an outlet's list of short dated flashes, read as briefs.

A flash page prints what the farms inject into their stories as briefs, at its source:
`<li><time>14:05</time><h3>标题</h3><p>某财经报道，…</p></li>`, as table rows or div soup,
under a heading per day, newest first. The brief reader (``crawler.briefs``) reads it, over
every block of the page (a flash's title may link to the flash's own page, which makes the
titles an entry group the article reading leaves out). A clock no day heading dates takes
the page's own date (``brieftime.PageDay``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from itertools import islice
from urllib.parse import urlsplit

from .. import brieftime
from ..briefs import STORY, BlockRole, BriefParts, read_blocks
from ..dates import DateParser
from . import dom, links
from .document import Document
from .fields import machine_date
from .tunables import MIN_FLASHES

# The <title>'s last part names the site: `7×24小时快讯_链报财经`, `快讯 - 讯币`.
_TITLE_PARTS = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s)\s*")
MAX_SITE_NAME = 16
MAX_LINKS_LOOKED_AT = 8
CLOCK_ITEM = "clock_under_day"  # briefevidence.TIME_WEIGHTS: a clock, the day from a heading or the page
# Roles that end a flash: the blocks after it are another flash's or the page's own.
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
    starts = {first for first, _ in found}
    flashes = [Flash(parts, _own_url(doc, blocks, roles, first, starts)) for first, parts in found]
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


def _own_url(doc: Document, blocks: list[dom.Block], roles: list[BlockRole], first: int,
             starts: set[int]) -> str | None:
    """The page of its own a flash's blocks link to (its title's link), on the page's site."""
    host = urlsplit(doc.url).netloc
    for k in range(first, len(blocks)):
        if k != first and (k in starts or roles[k].role in _NOT_A_FLASH):
            return None
        b = blocks[k]
        if not b.link_chars:
            continue
        # a flash's block holds a link or two; an element holding many blocks (`<br>` lines) is
        # looked into no further than that, or a page of such flashes costs their square
        for a in islice(b.owner.iter("a"), MAX_LINKS_LOOKED_AT):
            url = links.absolute(doc.base_url, a.get("href"))
            text = dom.text_of(a)
            if (url and text and text in b.text and urlsplit(url).netloc == host and url != doc.url
                    and not links.is_asset_url(url) and not links.pager_role(text)):
                return url
    return None
