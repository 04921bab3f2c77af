"""What a sitemap or a feed says: its entries and child sitemaps, or why it was rejected."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from io import BytesIO
from urllib.parse import urlsplit

import lxml.etree

from ..reasons import RejectReason
from ..text.dates import CHINA_TZ

SITEMAP_ROOTS = ("urlset", "sitemapindex")
FEED_ROOTS = ("rss", "feed", "RDF")


@dataclass(frozen=True)
class Limits:
    """The bounds a document is read within (from the crawl's settings)."""

    max_bytes: int  #: a gzip body inflating past this is a bomb (``DOWNLOAD_MAXSIZE``)
    max_entries: int  #: entries (and child sitemaps) one document may hold
    now: datetime  #: the crawl's clock, aware
    future: timedelta  #: a date later than ``now`` plus this is a lie, not a date


@dataclass(frozen=True)
class DiscoveredEntry:
    """One article a sitemap or a feed names, with what the document says of it."""

    url: str  #: the article's URL, absolute
    via: str  #: ``sitemaps`` or ``feeds``
    published: str | None = None  #: its publication time (news:publication_date, pubDate…), ISO 8601 +08:00
    modified: str | None = None  #: when it last changed (lastmod, Atom updated), ISO 8601 +08:00
    title: str | None = None  #: its title (news:title, the feed item's title)

    def evidence(self) -> dict:
        """Plain data for a request's meta (``crawler.meta.EVIDENCE``)."""
        return {"via": self.via, "published": self.published, "modified": self.modified, "title": self.title}


@dataclass(frozen=True)
class Sitemap:
    """A child sitemap a sitemap index names."""

    url: str  #: its URL, absolute
    modified: str | None = None  #: its lastmod, ISO 8601 +08:00


@dataclass
class Discovered:
    """What one document yields; a rejected one yields nothing but its ``reject``."""

    kind: str  #: ``sitemap``, ``sitemapindex`` or ``feed``
    entries: list[DiscoveredEntry] = field(default_factory=list)  #: articles on the document's host
    sitemaps: list[Sitemap] = field(default_factory=list)  #: child sitemaps on the document's host
    #: why the document (or part of it) was not used: (reason, detail); entries kept when only
    #: part of it was (entries on other hosts, lying dates)
    reject: tuple[RejectReason, str] | None = None
    offsite: int = 0  #: entries and child sitemaps on other hosts, left out
    future: int = 0  #: dates later than the crawl's clock allows, left out


def date_from_evidence(article, evidence: dict | None) -> None:
    """An article whose page prints no date takes the publication time its sitemap or feed
    entry gives (never ``lastmod``: a change is not a publication)."""
    if article is not None and not article.datePublishedRaw and evidence and evidence.get("published"):
        article.datePublishedRaw = evidence["published"]


def kind_of(body: bytes) -> str | None:
    """``sitemap`` or ``feed`` when the body's root element is one (gzip counts as a
    sitemap: feeds are never served so), else None. Reads no further than the root."""
    if body[:2] == b"\x1f\x8b":
        return "sitemap"
    head = body.lstrip()[:1]
    if head not in (b"<", b"\xef"):  # markup, or markup after a UTF-8 BOM
        return None
    try:
        for _, elem in lxml.etree.iterparse(BytesIO(body), events=("start",), resolve_entities=False,
                                            no_network=True, recover=True, huge_tree=False):
            tag = local_name(elem)
            return "sitemap" if tag in SITEMAP_ROOTS else "feed" if tag in FEED_ROOTS else None
    except lxml.etree.XMLSyntaxError:
        return None
    return None


def local_name(elem) -> str:
    tag = elem.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def same_host(url: str, document: str) -> bool:
    """Sitemaps and feeds name the articles of their own host (sitemaps.org): an entry on
    another host is left out, whatever the crawl's scope."""
    a, b = urlsplit(url), urlsplit(document)
    return a.scheme in ("http", "https") and a.hostname is not None and a.hostname == b.hostname


def iso(when: datetime | None, limits: Limits) -> tuple[str | None, bool]:
    """(the time in ISO 8601 +08:00, or None; True when it lay in the future and was dropped).
    A time without a zone is taken as China's."""
    if when is None:
        return None, False
    if when.tzinfo is None:
        when = when.replace(tzinfo=CHINA_TZ)
    if when > limits.now + limits.future:
        return None, True
    try:
        return when.astimezone(CHINA_TZ).isoformat(timespec="seconds"), False
    except OverflowError:  # 0001-01-01T00:00+14:00 has no time in China
        return None, False


def w3c_time(text: str | None) -> datetime | None:
    """A sitemap's W3C datetime (``2026-12-01``, ``2026-12-01T10:00:00+08:00``, ``…Z``)."""
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        return None


def future_reject(found: Discovered, dated: int) -> None:
    """A document whose dates lie: its entries are still followed, their dates not kept."""
    if found.future and found.reject is None:
        found.reject = (RejectReason.FUTURE_DATES, f"{found.future} of {dated} dates lie after the crawl's clock: "
                                        "they are not kept (the entries are still followed)")


def offsite_reject(found: Discovered) -> None:
    if found.offsite and found.reject is None:
        found.reject = (RejectReason.OFFSITE_ENTRIES, f"{found.offsite} entries on other hosts are not followed")
