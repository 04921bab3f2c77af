"""The ways a crawl finds a site's articles, as ``-a discover=`` and ``DISCOVERY_WAYS`` name them."""
from __future__ import annotations

from dataclasses import dataclass

WAYS = ("lists", "sitemaps", "feeds")  #: every way, in the order the report lists them


@dataclass(frozen=True)
class Ways:
    """What a crawl uses to find articles."""

    lists: bool  #: walk category lists, their pagers and related-article lists
    sitemaps: bool  #: read the sitemaps robots.txt names (and ``/sitemap.xml`` when ``probe``)
    feeds: bool  #: read the RSS/Atom feeds the start pages link, or that are start URLs
    #: ask for ``/sitemap.xml`` when robots.txt names no sitemap: asked for by name only, so a
    #: site that offers none costs no request by default
    probe: bool

    @property
    def names(self) -> list[str]:
        return [w for w in WAYS if getattr(self, w)]


def ways(value: str) -> Ways:
    """``auto`` (every way the site announces), ``all`` (every way, ``/sitemap.xml`` asked for
    too), or ways joined by commas (``sitemaps,feeds``); ValueError for anything else."""
    words = [w.strip().lower() for w in str(value).split(",") if w.strip()]
    if words == ["auto"]:
        return Ways(True, True, True, probe=False)
    if words == ["all"]:
        return Ways(True, True, True, probe=True)
    unknown = [w for w in words if w not in WAYS]
    if not words or unknown:
        raise ValueError(f"{value!r}: give auto, all, or one or more of {', '.join(WAYS)} joined by commas")
    return Ways(lists="lists" in words, sitemaps="sitemaps" in words, feeds="feeds" in words, probe=True)
