"""RSS 2.0, RSS 1.0 and Atom feeds, read with feedparser after a bounded lxml pass that
counts their entries and refuses XML that is not well formed."""
from __future__ import annotations

import calendar
from datetime import datetime, timezone
from io import BytesIO

import feedparser
import lxml.etree

from ..pages import links
from ..reasons import RejectReason
from .entries import Discovered, DiscoveredEntry, Limits, future_reject, iso, local_name, offsite_reject, same_host

ENTRY_TAGS = ("item", "entry")
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml")


def feed_links(base_url: str, root: lxml.etree._Element | None) -> list[str]:
    """The feeds a page names: ``<link rel="alternate" type="application/rss+xml" href>``
    (or Atom), on the page's own host, in page order."""
    if root is None:
        return []
    found = []
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" in rel and kind in FEED_TYPES and link.get("href"):
            url = links.absolute(base_url, link.get("href"))
            if url and same_host(url, base_url) and url not in found:
                found.append(url)
    return found


def _count_entries(body: bytes, limit: int) -> tuple[int, str | None]:
    """(entries, None) or (entries so far, why the XML is refused); stops past ``limit``."""
    count = 0
    try:
        for _, elem in lxml.etree.iterparse(BytesIO(body), events=("end",), resolve_entities=False,
                                            no_network=True, huge_tree=False, remove_comments=True):
            if local_name(elem) in ENTRY_TAGS:
                count += 1
                if count > limit:
                    return count, None
                elem.clear()
    except lxml.etree.XMLSyntaxError as e:
        return count, str(e)
    return count, None


def _time(parsed) -> datetime | None:
    """feedparser's time (a UTC struct_time) as an aware datetime."""
    if not parsed:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(parsed), timezone.utc)
    except (OverflowError, ValueError, OSError):  # a year the platform's clock cannot hold
        return None


def read_feed(url: str, body: bytes, limits: Limits) -> Discovered:
    """The articles a feed at ``url`` names, each with its date and title as the feed gives
    them. Rejected whole: XML that is not well formed (``malformed_feed``), more than
    ``limits.max_entries`` entries (``too_many_entries``)."""
    count, malformed = _count_entries(body, limits.max_entries)
    if malformed:
        return Discovered("feed", reject=(RejectReason.MALFORMED_FEED, f"not well-formed XML: {malformed}"))
    if count > limits.max_entries:
        return Discovered("feed", reject=(RejectReason.TOO_MANY_ENTRIES,
                                          f"more than {limits.max_entries} entries: not read"))
    # a stream, never a string: feedparser fetches a string that looks like a URL or a path
    parsed = feedparser.parse(BytesIO(body), response_headers={"content-location": url},
                              sanitize_html=False, resolve_relative_uris=False)
    found = Discovered("feed")
    dated = 0
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        link = links.absolute(url, link) or link
        if not same_host(link, url):
            found.offsite += 1
            continue
        published, late = iso(_time(entry.get("published_parsed")), limits)
        # feedparser answers ``updated`` with ``published`` when a feed gives only that one
        updated = dict.get(entry, "updated_parsed")
        modified, late_update = iso(_time(updated), limits)
        dated += bool(entry.get("published_parsed")) + bool(updated)
        found.future += late + late_update
        found.entries.append(DiscoveredEntry(link, "feeds", published, modified, (entry.get("title") or "").strip()
                                             or None))
    offsite_reject(found)
    future_reject(found, dated)
    return found
