"""How a site's articles are found besides its lists: sitemaps and RSS/Atom feeds.

Like the page classes (``crawler.pages``), the readers here are pure: they take a URL, body
bytes and headers and return plain data (``Discovered``), with no Scrapy engine. The spider
routes what they say; the ways a crawl uses are chosen with ``-a discover=`` or
``DISCOVERY_WAYS`` (``ways``).
"""
from .entries import Discovered, DiscoveredEntry, Limits, Sitemap, date_from_evidence, kind_of
from .feeds import feed_links, read_feed
from .sitemaps import read_sitemap
from .ways import WAYS, Ways, ways

__all__ = ["WAYS", "Discovered", "DiscoveredEntry", "Limits", "Sitemap", "Ways", "date_from_evidence", "feed_links",
           "kind_of", "read_feed", "read_sitemap", "ways"]
