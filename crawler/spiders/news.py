"""The ``news`` spider: routes pages, nothing more. Reading a page is the page classes'
work (``crawler.pages``, which also splits the briefs out of a story); it yields what the
reader says a page emits. Normalizing and checking items is the pipelines' work."""
from __future__ import annotations

import json
import time
from dataclasses import asdict
from datetime import datetime, timedelta
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import scrapy
from OpenSSL import SSL
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
    UsageError,
)
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy_redis.spiders import RedisMixin
from twisted.internet.defer import CancelledError
from twisted.internet.error import ConnectionRefusedError as TxConnectionRefusedError
from twisted.internet.error import DNSLookupError, TCPTimedOutError, TimeoutError

from .. import checks, discovery
from ..discovery import Discovered, Limits
from ..engine import distributed
from ..engine.handlers import HeadersTooLarge
from ..items import Article, Reject, from_dict
from ..meta import (
    ANNOUNCED,
    ARTICLE,
    EVIDENCE,
    FIRST_PAGE,
    LIST_PAGE,
    PART,
    PROBE,
    ROLE,
    SITEMAPS_ABOVE,
    VIA,
    Role,
)
from ..middlewares.addresses import PrivateAddressError
from ..middlewares.budgets import SiteTimeBudgetExceeded
from ..middlewares.discovery import SITES
from ..middlewares.ignores import DecompressedTooLarge, RedirectsExhausted, RobotsForbidden
from ..middlewares.origins import OffsitePortError, OutsideFolderError
from ..middlewares.retry import RetryScheduled
from ..middlewares.robots import RobotsUnavailable
from ..pages import ArticlePage, Document, parts, read_page
from ..pages import links as page_links
from ..pages.split import Emitted, emit
from ..reasons import RejectReason, http
from ..text.dates import CHINA_TZ

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.settings import BaseSettings
    from twisted.python.failure import Failure


# Content types a page of these sites may be served as; anything else is not a page.
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")
# What a later page of an article may lack and still add to it (the last page: an image, a line).
PART_TOLERATED = (RejectReason.EMPTY_BODY, RejectReason.NO_HEADLINE)


class NewsSpider(RedisMixin, scrapy.Spider):
    """With ``REDIS_URL`` set, a worker of a distributed crawl: start URLs come from the Redis
    list ``news:start_urls`` (plain URLs or ``{"url": …}``), see ``crawler.engine.distributed``."""

    name = "news"

    def __init__(self, start_urls: str | list[str] | None = None, full: str | bool = False,
                 discover: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        #: ``-a discover=``: the ways this crawl finds articles (``DISCOVERY_WAYS`` when not given)
        self.discover = discover
        self._documents: dict[str, int] = {}  # host:port -> child sitemaps requested this crawl
        #: ``-a full=1``: fetch every page and walk every list again; only what is new or
        #: changed is emitted (the feeds stay unique)
        self.full = checks.boolean(full)
        if isinstance(start_urls, str):
            start_urls = start_urls.split(",")
        self.start_urls = [u.strip() for u in (start_urls or []) if u.strip()]
        #: start URLs that gave a response, and that gave none (the start-URL monitor asks)
        self.start_urls_downloaded = self.start_urls_failed = 0

    @classmethod
    def check_arguments(cls, settings: BaseSettings, arguments: dict) -> None:
        """Before ``scrapy crawl`` starts: an argument the spider could not use, or no start
        URL at all, is a UsageError (the crawl never falls back to other pages)."""
        check_full(arguments)
        if "discover" in arguments:
            try:
                discovery.ways(arguments["discover"])
            except ValueError as e:
                raise UsageError(f"-a discover={e}") from None
        given = arguments.get("start_urls")
        if given is not None and not given.strip(" ,"):
            raise UsageError("-a start_urls= is empty (an unset variable?): give the URLs to crawl, comma-separated")
        if not given and not settings.getlist("NEWS_START_URLS") and not distributed.enabled(settings):
            raise UsageError("no start URL: give -a start_urls=URL[,URL…] (or the NEWS_START_URLS setting); "
                             "`scrapy crawl demo` crawls the bundled demo site")

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.start_urls = spider.start_urls or spider.default_start_urls()
        if distributed.enabled(crawler.settings):
            spider._setup_worker(crawler)
        # stay on the start URLs' sites (file:// URLs have no host to restrict to)
        hosts = {urlsplit(u).hostname for u in spider.start_urls + spider._queued_start_urls() if urlsplit(u).hostname}
        if hosts:
            spider.allowed_domains = sorted(hosts)
        return spider

    def _setup_worker(self, crawler: Crawler) -> None:
        if distributed.resuming(crawler.settings, self.name):
            # a sweep: start again from every start URL the workers took
            taken = distributed.server(crawler.settings).smembers(distributed.taken_start_urls_key(self.name))
            self.start_urls = self.start_urls or sorted(u.decode() for u in taken)
            self.logger.info("Resuming an unfinished run as a sweep from %d start URLs", len(self.start_urls))
        else:
            self.setup_redis(crawler)
            self.spider_idle_start_time = int(time.time())  # scrapy-redis sets it at import time

    def _queued_start_urls(self) -> list[str]:
        """Start URLs waiting in Redis: their hosts are the crawl's sites."""
        if self.server is None:
            return []
        return [_url_of(raw.decode()) for raw in self.server.lrange(self.redis_key, 0, -1)]

    def make_request_from_data(self, data):
        url = _url_of(data.decode() if isinstance(data, bytes) else data)
        self.server.sadd(distributed.taken_start_urls_key(self.name), url)
        return scrapy.Request(url, callback=self.parse, errback=self.failed)

    def default_start_urls(self) -> list[str]:
        """Start URLs when ``-a start_urls`` is not given."""
        return self.crawler.settings.getlist("NEWS_START_URLS")

    # Read when used, not in from_crawler (add-ons apply their settings after the spider
    # exists) nor in start() (`scrapy parse` and `scrapy shell` call callbacks without it).
    @property
    def max_list_pages(self) -> int:
        return self.crawler.settings.getint("NEWS_MAX_LIST_PAGES")

    @property
    def max_article_pages(self) -> int:
        return self.crawler.settings.getint("NEWS_MAX_ARTICLE_PAGES")

    @property
    def follow_related(self) -> bool:
        return self.crawler.settings.getbool("NEWS_FOLLOW_RELATED")

    @property
    def follow_sections(self) -> bool:
        return self.crawler.settings.getbool("NEWS_FOLLOW_SECTIONS")

    @property
    def ways(self) -> discovery.Ways:
        return discovery.ways(self.discover or self.crawler.settings.get("DISCOVERY_WAYS"))

    async def start(self):
        if self.server is not None:  # a worker: the first batch from Redis, more when idle
            for request in self.next_requests():
                yield request
            return
        for url in self.start_urls:
            yield scrapy.Request(url, callback=self.parse, errback=self.failed)

    # -- routing -----------------------------------------------------------------------
    def parse(self, response: Response):
        """Any page: an article (its item and briefs, its related links) or a list (its
        entries and pager)."""
        start = ROLE not in response.meta
        if start:  # a start URL
            self.start_urls_downloaded += 1
            self.crawler.stats.inc_value("start_urls/downloaded")
        unchanged = response.status == HTTPStatus.NOT_MODIFIED  # a sitemap or feed start URL, as last read
        if start and (unchanged or ("dataloss" not in response.flags and discovery.kind_of(response.body))):
            yield from self.parse_document(response)  # a sitemap or a feed given as a start URL
            return
        unreadable = _unreadable(response)
        if unreadable is not None:
            yield unreadable
            return
        assert isinstance(response, scrapy.http.TextResponse)  # _unreadable lets only text through
        page = read_page(response.url, response.body, response.headers, response.encoding)
        if isinstance(page, ArticlePage):
            yield from self.parse_article(page, response)
        else:
            yield from self.parse_listing(page, response)
        if start:
            yield from self.discover_from(response, page.doc)
        self.count_invalid_chars(page.doc, response.url)

    def parse_article(self, page: ArticlePage, response: Response):
        reject = page.reject(response.status)
        if reject is not None:
            yield reject
        else:
            discovery.date_from_evidence(page.emitted.article, response.meta.get(EVIDENCE))
            yield from self.article_or_next_part(page, response.url, 1, via=response.meta.get(VIA))
        if not self.ways.lists:
            return
        if self.follow_related:
            for entry in page.related:
                yield from self.follow(response, entry.url, Role.ARTICLE)
        if ROLE not in response.meta:  # a start page: its category leads to the rest of the site
            for crumb in page.breadcrumbs[1:]:
                if crumb.url:
                    yield from self.follow(response, crumb.url, Role.SECTION)

    # -- sitemaps and feeds --------------------------------------------------------------
    def discover_from(self, response: Response, doc: Document):
        """A start page leads to its site's sitemaps (those robots.txt names, else
        ``/sitemap.xml`` when asked for by name) and to the feeds it links."""
        ways = self.ways
        if ways.sitemaps and response.url.startswith(("http://", "https://")):
            announced = response.meta.get(ANNOUNCED) or []
            probe = [] if announced or not ways.probe else [response.urljoin("/sitemap.xml")]
            for url in announced or probe:
                yield self.document(url, Role.SITEMAP, [], **({PROBE: True} if probe else {}))
        if ways.feeds:
            for url in discovery.feed_links(doc.base_url, doc.root):
                yield self.document(url, Role.FEED, [])

    def document(self, url: str, role: Role, above: list[str], **extra) -> scrapy.Request:
        """A sitemap's or a feed's request; a 304 answers a conditional one
        (``crawler.middlewares.discovery``)."""
        way = "sitemaps" if role == Role.SITEMAP else "feeds"
        return scrapy.Request(url, callback=self.parse_document, errback=self.document_failed,
                              meta={ROLE: role.value, VIA: way, SITEMAPS_ABOVE: above,
                                    "handle_httpstatus_list": [304], **extra})

    def discovery_limits(self, kind: str | None) -> Limits:
        s = self.crawler.settings
        now = datetime.fromisoformat(s.get("DATES_NOW")) if s.get("DATES_NOW") else datetime.now(CHINA_TZ)
        if now.tzinfo is None:  # a pinned clock without a zone is China's, as the dates pipeline reads it
            now = now.replace(tzinfo=CHINA_TZ)
        cap = s.getint("DISCOVERY_MAX_FEED_ENTRIES" if kind == "feed" else "DISCOVERY_MAX_SITEMAP_ENTRIES")
        return Limits(max_bytes=s.getint("DOWNLOAD_MAXSIZE"), max_entries=cap, now=now,
                      future=timedelta(hours=s.getfloat("DATES_FUTURE_TOLERANCE_HOURS")))

    def parse_document(self, response: Response):
        """A sitemap, a sitemap index or a feed: requests for its entries and child sitemaps."""
        stats = self.crawler.stats
        if response.status == HTTPStatus.NOT_MODIFIED:
            stats.inc_value("discovery/not_modified")
            return
        if "dataloss" in response.flags:
            yield _unreadable(response)
            return
        kind = discovery.kind_of(response.body)
        if kind is None and response.meta.get(PROBE):
            stats.inc_value("discovery/sitemap_absent")  # /sitemap.xml asked for on the off chance
            return
        role = response.meta.get(ROLE)
        kind = kind or ("sitemap" if role == Role.SITEMAP else "feed")
        limits = self.discovery_limits(kind)
        read = discovery.read_sitemap if kind == "sitemap" else discovery.read_feed
        found = read(response.url, response.body, limits)
        stats.inc_value(f"discovery/documents/{found.kind}")
        stats.inc_value("discovery/entries", len(found.entries))
        if found.offsite:
            stats.inc_value("discovery/offsite_entries", found.offsite)
        if found.future:
            stats.inc_value("discovery/future_dates", found.future)
        if found.reject is not None:
            reason, detail = found.reject
            yield Reject(url=response.url, reason=reason, status=response.status, detail=f"{found.kind}: {detail}")
        yield from self.child_sitemaps(response, found)
        for entry in found.entries:
            yield scrapy.Request(entry.url, callback=self.parse, errback=self.failed,
                                 meta={ROLE: Role.ARTICLE.value, VIA: entry.via, EVIDENCE: entry.evidence()})

    def child_sitemaps(self, response: Response, found: Discovered):
        """The sitemaps an index names, within the depth and the site's document budget; an
        index that names itself or one above it is a loop, read no further."""
        s = self.crawler.settings
        above = [*response.meta.get(SITEMAPS_ABOVE, []), response.url]
        loops = [c.url for c in found.sitemaps if c.url in above]
        if loops:
            self.crawler.stats.inc_value("discovery/loops")
            yield Reject(url=response.url, reason=RejectReason.SITEMAP_LOOP, status=response.status,
                         detail=f"sitemapindex names {loops[0]}, itself or an index above it: not read again")
        children = [c for c in found.sitemaps if c.url not in above]
        if children and len(above) > s.getint("DISCOVERY_MAX_DEPTH"):
            self.crawler.stats.inc_value("discovery/too_deep")
            yield Reject(url=response.url, reason=RejectReason.SITEMAP_TOO_DEEP, status=response.status,
                         detail=f"sitemapindex {len(above)} indexes deep (DISCOVERY_MAX_DEPTH="
                                f"{s.getint('DISCOVERY_MAX_DEPTH')}): its {len(children)} sitemaps are not read")
            return
        site = urlsplit(response.url).netloc
        budget = s.getint("DISCOVERY_MAX_DOCUMENTS_PER_SITE")
        read = self._documents.get(site, 0)
        kept = children[:max(0, budget - read)] if budget else children
        self._documents[site] = read + len(kept)
        if len(kept) < len(children):
            self.crawler.stats.inc_value(f"{SITES}{site}/capped")
            yield Reject(url=response.url, reason=RejectReason.DISCOVERY_BUDGET, status=response.status,
                         detail=f"{len(children) - len(kept)} of its {len(children)} sitemaps are past the site's "
                                f"DISCOVERY_MAX_DOCUMENTS_PER_SITE={budget}: not read this run")
        for child in kept:
            yield self.document(child.url, Role.SITEMAP, above, **{EVIDENCE: {"modified": child.modified}})

    def document_failed(self, failure: Failure):
        """A sitemap or feed that could not be fetched: a reject, as for a page; a
        ``/sitemap.xml`` asked for on the off chance may well not be there."""
        if failure.check(HttpError) and failure.request.meta.get(PROBE):  # type: ignore[attr-defined]
            self.crawler.stats.inc_value("discovery/sitemap_absent")
            return
        yield from self.failed(failure)

    # -- articles printed over several pages ------------------------------------------------
    def article_or_next_part(self, page: ArticlePage, first_url: str, number: int, joined: Article | None = None,
                             via: str | None = None):
        """What the article emits, or, when page ``number`` links to a later page of it, the
        request for that page, carrying the article read so far (``joined``: its pages up to
        this one), briefs still in its story (plain data: requests stay picklable). Only the
        whole article is split. A story that this later page takes past NEWS_MAX_STORY_CHARS
        is cut there and emitted, with a reject for this page (one page alone is bounded by
        DOWNLOAD_MAXSIZE)."""
        url = parts.next_part(page.parts(first_url), number)
        limit = self.crawler.settings.getint("NEWS_MAX_STORY_CHARS")
        if joined is not None and parts.cut_story(joined, limit):
            self.crawler.stats.inc_value("parts/story_cut")
            later = ", its later pages not read" if url else ""
            yield Reject(url=page.url, reason=RejectReason.STORY_TOO_LONG, headline=joined.headline,
                         detail=f"page {number} of {first_url}: the story passed NEWS_MAX_STORY_CHARS ({limit} "
                                f"characters); the article is cut there{later}")
        elif url is not None and number >= self.max_article_pages:
            self.crawler.stats.inc_value("parts/capped")
            self.logger.info("Article page cap (NEWS_MAX_ARTICLE_PAGES=%d) reached at %s", self.max_article_pages, url)
        elif url is not None:
            so_far = joined if joined is not None else page.read_item()
            yield scrapy.Request(url, callback=self.parse_part, errback=self.part_failed,
                                 meta={ROLE: Role.PART.value, ARTICLE: asdict(so_far), FIRST_PAGE: first_url,
                                       PART: number + 1, **({VIA: via} if via else {})})
            return
        yield from self.emit(page.emitted if joined is None else emit(joined))

    def parse_part(self, response: Response):
        meta = response.meta
        article = from_dict(Article, meta[ARTICLE])
        bad = _unreadable(response)
        page: ArticlePage | None = None
        if bad is not None:
            problem: tuple[str, str | None] | None = (bad.reason, bad.detail)
        else:
            assert isinstance(response, scrapy.http.TextResponse)  # _unreadable lets only text through
            page = ArticlePage(response.url, response.body, response.headers, response.encoding)
            problem = page.problem()
        # an unreadable page, or one without the story: the pages read so far are still the article
        if page is None or (problem and problem[0] not in PART_TOLERATED):
            assert problem is not None
            yield Reject(url=response.url, reason=problem[0], status=response.status, headline=article.headline,
                         detail=f"page {meta[PART]} of {meta[FIRST_PAGE]}: {problem[1]}")
            yield from self.emit(emit(article))
            return
        self.crawler.stats.inc_value("parts/joined")
        joined = parts.join(article, page.read_item())
        yield from self.article_or_next_part(page, meta[FIRST_PAGE], meta[PART], joined, meta.get(VIA))
        self.count_invalid_chars(page.doc, response.url)

    def count_invalid_chars(self, doc: Document, url: str) -> None:
        """What the reader removed to keep the page's text valid Unicode, said once a page."""
        if doc.invalid_chars:
            self.crawler.stats.inc_value("text/invalid_chars", doc.invalid_chars)
            self.logger.warning("Removed %d NUL or unpaired surrogate characters from the text of %s",
                                doc.invalid_chars, url)

    def part_failed(self, failure: Failure):
        """A later page of an article could not be fetched: a reject for it, and the article
        with the pages it has."""
        if failure.check(RetryScheduled):
            return  # the retry's outcome will be this page's
        meta = failure.request.meta  # type: ignore[attr-defined]  # Scrapy attaches the request
        for reject in self.failed(failure):
            reject.detail = f"page {meta[PART]} of {meta[FIRST_PAGE]}: {reject.detail}"
            yield reject
        yield from self.emit(emit(from_dict(Article, meta[ARTICLE])))

    def emit(self, emitted: Emitted):
        """The items the reader says an article emits, the article stamped with when it was
        fetched (the revisit interval counts from here, and reposts are dated by it)."""
        if emitted.article is not None and emitted.reject is None:
            emitted.article.dateDownloaded = datetime.now(CHINA_TZ).isoformat(timespec="seconds")
        return emitted.items()

    def parse_listing(self, page, response: Response):
        if page.emitted is not None:  # a list of news flashes: its briefs are news
            yield from self.emit(page.emitted)
        if self.ways.lists:
            yield from self.walk_list(page, response)

    def walk_list(self, page, response: Response):
        """A list's entries, its pager within NEWS_MAX_LIST_PAGES, and its site's sections."""
        listing = page.to_listing()
        for entry in listing.entries:
            yield from self.follow(response, entry["url"], Role.ARTICLE)
        for url in page.article_links():
            yield from self.follow(response, url, Role.ARTICLE)
        # pages walked by "next" links count too: a pager whose pages all call themselves
        # page 1 would otherwise never reach the cap
        number = max(listing.pageNumber, response.meta.get(LIST_PAGE, 1))
        if listing.nextPage and number < self.max_list_pages:
            yield from self.follow(response, listing.nextPage, Role.NEXT, **{LIST_PAGE: number + 1})
        elif listing.nextPage:
            self.crawler.stats.inc_value("pagination/capped")
            self.logger.info("Pagination cap (NEWS_MAX_LIST_PAGES=%d) reached at %s", self.max_list_pages, response.url)
        for number, url in listing.pages.items():
            if number <= self.max_list_pages:
                yield from self.follow(response, url, Role.PAGE)
        if self.follow_sections and listing.pageNumber == 1:  # the same menu is on every page of a list
            for url in listing.sectionLinks:
                yield from self.follow(response, url, Role.SECTION)

    def follow(self, response: Response, url: str, role: Role, **extra):
        """``role`` (plain data in meta) lets middlewares tell entries from pagination.
        ``url`` is absolute and escaped already (``links.absolute``): a plain Request skips
        ``response.follow``'s second join with the page's base URL."""
        if page_links.same_scheme_family(response.url, url):
            yield scrapy.Request(url, callback=self.parse, errback=self.failed,
                                 meta={ROLE: role.value, VIA: "lists", **extra})

    # -- failures ----------------------------------------------------------------------
    def failed(self, failure: Failure):
        """A reject for the URL the spider asked for; a redirect's target is in the detail."""
        if failure.check(RetryScheduled):
            return  # the retry's outcome will be this page's
        request = failure.request  # type: ignore[attr-defined]  # Scrapy attaches the request
        status = failure.value.response.status if isinstance(failure.value, HttpError) else None
        detail = str(failure.value)[:300] or type(failure.value).__name__
        asked = request.meta.get("redirect_urls", [request.url])[0]
        if asked != request.url:
            detail += f" (redirected to {request.url})"
        if ROLE not in request.meta:
            self.start_urls_failed += 1
            self.crawler.stats.inc_value("start_urls/failed")
        yield Reject(url=asked, reason=failure_reason(failure), status=status, detail=detail)


def check_full(arguments: dict) -> None:
    if "full" in arguments:
        try:
            checks.boolean(arguments["full"])
        except ValueError as e:
            raise UsageError(f"-a full: {e}") from None


def _unreadable(response: Response) -> Reject | None:
    """A reject for a response that is not a page (an image, a PDF…) or that the transfer
    cut short, else None. Only the transfer tells a cut page: real pages often end without
    </html>, or carry kilobytes of script after it."""
    if "dataloss" in response.flags:  # DOWNLOAD_FAIL_ON_DATALOSS=False lets such a response through
        return Reject(url=response.url, reason=RejectReason.TRUNCATED_TRANSFER, status=response.status,
                      detail="fewer bytes arrived than Content-Length announced")
    ctype = (response.headers.get("Content-Type") or b"").decode("latin-1").split(";")[0].strip().lower()
    if isinstance(response, scrapy.http.TextResponse) and (not ctype or ctype in HTML_TYPES):
        return None
    return Reject(url=response.url, reason=RejectReason.NOT_HTML, status=response.status,
                  detail=f"content type {(response.headers.get('Content-Type') or b'').decode()}")


def _url_of(data: str) -> str:
    """A start URL pushed to Redis, as a plain string or as ``{"url": …}``."""
    data = data.strip()
    return json.loads(data)["url"] if data.startswith("{") else data


# Why a request gave no page, by the exception's type: the first that matches.
_FAILURES: tuple[tuple[tuple[type[BaseException], ...], RejectReason], ...] = (
    ((OffsitePortError,), RejectReason.OFFSITE_PORT),
    ((PrivateAddressError,), RejectReason.PRIVATE_ADDRESS),
    ((OutsideFolderError,), RejectReason.OUTSIDE_FOLDER),
    ((SiteTimeBudgetExceeded,), RejectReason.SITE_TIME_BUDGET),
    ((RobotsForbidden,), RejectReason.ROBOTS_FORBIDDEN),
    ((RedirectsExhausted,), RejectReason.REDIRECT_LOOP),
    ((DecompressedTooLarge,), RejectReason.TOO_LARGE),
    ((IgnoreRequest,), RejectReason.IGNORED),
    ((FileNotFoundError, NotADirectoryError), RejectReason.FILE_NOT_FOUND),
    ((IsADirectoryError,), RejectReason.NOT_A_FILE),
    ((DNSLookupError, CannotResolveHostError), RejectReason.DNS_ERROR),
    ((TxConnectionRefusedError, DownloadConnectionRefusedError), RejectReason.CONNECTION_REFUSED),
    ((TimeoutError, TCPTimedOutError, DownloadTimeoutError), RejectReason.TIMEOUT),
    # the download handler cancels a transfer only past DOWNLOAD_MAXSIZE
    ((DownloadCancelledError, CancelledError), RejectReason.TOO_LARGE),
    ((ResponseDataLossError,), RejectReason.TRUNCATED_TRANSFER),
    ((HeadersTooLarge,), RejectReason.HEADERS_TOO_LARGE),
)


# Reasons that say the site could not be reached at all.
UNREACHABLE = (RejectReason.DNS_ERROR, RejectReason.CONNECTION_REFUSED, RejectReason.TIMEOUT, RejectReason.TLS_ERROR,
               RejectReason.DOWNLOAD_ERROR)


def failure_reason(failure: Failure) -> str:
    """A short, stable code for why a request gave no page."""
    error = failure.value
    if isinstance(error, HttpError):
        return http(error.response.status)
    assert error is not None  # a failure holds its exception
    return exception_reason(error)


def exception_reason(error: BaseException) -> RejectReason:
    """The reason code of an exception a download ended with."""
    if isinstance(error, RobotsUnavailable):  # a site that is down is down, whatever was asked of it first
        cause = exception_reason(error.cause) if error.cause is not None else None
        return cause if cause is not None and cause in UNREACHABLE else RejectReason.ROBOTS_UNAVAILABLE
    for types, reason in _FAILURES:
        if isinstance(error, types):
            return reason
    return RejectReason.TLS_ERROR if _tls_failed(error) else RejectReason.DOWNLOAD_ERROR


def _tls_failed(error: BaseException) -> bool:
    """Twisted reports a failed TLS handshake as the reasons of a ResponseNeverReceived,
    which Scrapy wraps in a DownloadFailedError."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        e = pending.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        if isinstance(e, SSL.Error):
            return True
        pending += [r.value for r in getattr(e, "reasons", ()) if isinstance(getattr(r, "value", None), BaseException)]
        pending += [c for c in (e.__cause__, e.__context__) if c is not None]
    return False
