"""Sitemaps (sitemaps.org), sitemap indexes and Google News sitemaps, read with Scrapy's own
streaming parser (lxml with entities unresolved and ``huge_tree`` off), gzip or not."""
from __future__ import annotations

from typing import Any

import lxml.etree
from scrapy.utils import gz

# what gunzip raises past its max_size: private, and what Scrapy's SitemapSpider catches too
from scrapy.utils._compression import _DecompressionMaxSizeExceeded
from scrapy.utils.sitemap import Sitemap as ScrapySitemap

from ..reasons import RejectReason
from .entries import (
    SITEMAP_ROOTS,
    Discovered,
    DiscoveredEntry,
    Limits,
    Sitemap,
    future_reject,
    iso,
    local_name,
    offsite_reject,
    same_host,
    w3c_time,
)

NEWS_FIELDS = ("publication_date", "title")  # of <news:news>, the rest (<news:publication>…) unused


class NewsSitemap(ScrapySitemap):
    """Scrapy's reader keeps only an entry's direct children: a Google News entry's date and
    title sit one level down, in ``<news:news>``."""

    __slots__ = ()

    def _process_sitemap_element(self, elem: lxml.etree._Element) -> dict[str, Any] | None:
        news = {}
        for child in elem:
            if local_name(child) == "news":
                news = {local_name(el): (el.text or "").strip() for el in child if local_name(el) in NEWS_FIELDS}
        found = super()._process_sitemap_element(elem)
        if found is not None and news:
            found["news"] = news
        return found


def read_sitemap(url: str, body: bytes, limits: Limits) -> Discovered:
    """What a sitemap or sitemap index at ``url`` names. Rejected whole: a gzip body that
    inflates past ``limits.max_bytes`` or is not gzip (``too_large``, ``malformed_sitemap``),
    XML that is not well formed or not a sitemap (``malformed_sitemap``), more than
    ``limits.max_entries`` entries (``too_many_entries``, read no further)."""
    if body[:2] == b"\x1f\x8b":
        inflated = _gunzip(body, limits.max_bytes)
        if isinstance(inflated, Discovered):
            return inflated
        body = inflated
    try:
        parsed = NewsSitemap(body)
    except (lxml.etree.XMLSyntaxError, StopIteration) as e:  # StopIteration: not one element
        return Discovered("sitemap", reject=(RejectReason.MALFORMED_SITEMAP, f"not XML: {e or 'no element'}"))
    if parsed.type not in SITEMAP_ROOTS:
        return Discovered("sitemap", reject=(RejectReason.MALFORMED_SITEMAP, f"the root element is <{parsed.type}>, "
                                                                  "not <urlset> or <sitemapindex>"))
    found = Discovered("sitemapindex" if parsed.type == "sitemapindex" else "sitemap")
    raw: list[dict] = []
    try:
        for entry in parsed:
            if len(raw) >= limits.max_entries:
                detail = f"more than {limits.max_entries} entries (sitemaps.org allows 50,000): not read"
                return Discovered(found.kind, reject=(RejectReason.TOO_MANY_ENTRIES, detail))
            raw.append(entry)
    except lxml.etree.XMLSyntaxError as e:
        return Discovered(found.kind, reject=(RejectReason.MALFORMED_SITEMAP, f"not well-formed XML: {e}"))
    fatal = [e for e in parsed.xmliter.error_log if e.level >= lxml.etree.ErrorLevels.FATAL]
    if fatal:
        detail = f"not well-formed XML: line {fatal[0].line}: {fatal[0].message}"
        return Discovered(found.kind, reject=(RejectReason.MALFORMED_SITEMAP, detail))
    return _named(url, found, raw, limits)


def _gunzip(body: bytes, max_bytes: int) -> bytes | Discovered:
    """The inflated body, never past ``max_bytes`` (memory stays bounded by it), or the reject."""
    try:
        return gz.gunzip(body, max_size=max_bytes)
    except _DecompressionMaxSizeExceeded:
        return Discovered("sitemap", reject=(RejectReason.TOO_LARGE, f"the gzip body inflates past {max_bytes} "
                                                          "bytes (DOWNLOAD_MAXSIZE): not read"))
    except OSError as e:
        return Discovered("sitemap", reject=(RejectReason.MALFORMED_SITEMAP, f"not gzip: {e}"))


def _named(url: str, found: Discovered, raw: list[dict], limits: Limits) -> Discovered:
    """The entries (or child sitemaps) on the sitemap's host, their dates checked."""
    dated = 0
    for entry in raw:
        loc = entry["loc"]
        if not same_host(loc, url):
            found.offsite += 1
            continue
        news = entry.get("news", {})
        modified, late = iso(w3c_time(entry.get("lastmod")), limits)
        published, late_news = iso(w3c_time(news.get("publication_date")), limits)
        dated += bool(entry.get("lastmod")) + bool(news.get("publication_date"))
        found.future += late + late_news
        if found.kind == "sitemapindex":
            found.sitemaps.append(Sitemap(loc, modified))
        else:
            found.entries.append(DiscoveredEntry(loc, "sitemaps", published, modified, news.get("title") or None))
    offsite_reject(found)
    future_reject(found, dated)
    return found
