"""The request meta keys this project sets, prefixed as Scrapy's own are (``depth``,
``download_slot``, ``deltafetch_key``). Values are plain data, so a JOBDIR or a Redis queue
can keep them."""
from enum import StrEnum

ROLE = "news_role"  #: what the spider expects at the URL: one of the roles below
LIST_PAGE = "news_list_page"  #: the number of the list page a "next" link leads to
KNOWN_PAGES = "news_known_pages"  #: list pages in a row that held only known articles
ARTICLE = "news_article"  #: an article printed over pages: the item its pages so far make
FIRST_PAGE = "news_first_page"  #: … the URL of its first page
PART = "news_part"  #: … and the number of the page this request fetches
VIA = "news_via"  #: how the request was found: lists, sitemaps or feeds (none: a start URL)
EVIDENCE = "news_evidence"  #: what a sitemap or feed says of the page (``DiscoveredEntry.evidence``)
SITEMAPS_ABOVE = "news_sitemaps_above"  #: the sitemap indexes that led to this sitemap, outermost first
ANNOUNCED = "news_announced_sitemaps"  #: on a start page: the sitemaps its site's robots.txt names
PROBE = "news_probe"  #: a sitemap asked for at /sitemap.xml unannounced: its absence is no fault


class Role(StrEnum):
    """What the spider expects at a URL (``ROLE``; meta holds the plain value)."""

    ARTICLE = "article"  #: an entry of a list, or a related article
    NEXT = "next"  #: a list's next page
    PAGE = "page"  #: another page of a list's pager
    SECTION = "section"  #: a section (category) of a site
    PART = "part"  #: a later page of an article printed over several
    SITEMAP = "sitemap"  #: a sitemap or sitemap index
    FEED = "feed"  #: an RSS or Atom feed
