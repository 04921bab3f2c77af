"""Why a page or item was rejected: every reason a reject carries, each with what the next
run does about it.

A reason is a short code written in the rejects feed (``reason``) and counted under
``rejects/<reason>``. Its policy says whether the crawl state remembers the page:

- ``PASSING``: the fault was the moment's (a timeout, a 5xx, a transfer cut short); the
  page is not remembered and the next run tries it again;
- ``PERMANENT``: the fault is the page's (a 404, an empty body); the state remembers it
  and later runs leave it alone.

HTTP statuses are a family rather than members: ``http_<status>`` for any status a
server answers (:func:`http`), passing for 5xx, 408 and 429. A new reason is a member
here, raised where it is found, listed in the README's fault table and allowed by
``crawler/schemas/reject.json`` (the tests check all three agree).
"""
from __future__ import annotations

import re
from enum import Enum, StrEnum


class Policy(Enum):
    """What the next run does with a page rejected for a reason."""

    PASSING = "passing"  #: not remembered: the next run tries the page again
    PERMANENT = "permanent"  #: remembered by the state: later runs leave the page alone


PASSING, PERMANENT = Policy.PASSING, Policy.PERMANENT


class RejectReason(StrEnum):
    """A reject's ``reason``: the member is the string the feeds hold."""

    policy: Policy

    def __new__(cls, value: str, policy: Policy, doc: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.policy = policy
        member.__doc__ = doc
        return member

    # -- the response is no page ---------------------------------------------------------
    EMPTY_RESPONSE = "empty_response", PERMANENT, "the response has no body"
    NOT_HTML = "not_html", PERMANENT, "an image, a PDF…: a content type no page is served as, or no HTML parsed"
    TOO_MANY_ELEMENTS = "too_many_elements", PERMANENT, "more tags than a page is parsed with"
    TOO_DEEP = "too_deep", PERMANENT, "markup nested past where the parser drops content"
    UNDECODABLE = "undecodable", PERMANENT, "the text is still garbled after every charset tried"
    # -- the page gives no article -------------------------------------------------------
    NO_HEADLINE = "no_headline", PERMANENT, "no headline anywhere on the page"
    EMPTY_BODY = "empty_body", PERMANENT, "no story text (or none with letters or digits)"
    ONLY_BRIEFS = "only_briefs", PERMANENT, "nothing but briefs: they are emitted, the page is no article"
    STORY_TOO_LONG = "story_too_long", PERMANENT, "this later page took the story past NEWS_MAX_STORY_CHARS"
    # -- the download ended without a page ---------------------------------------------------
    TRUNCATED_TRANSFER = "truncated_transfer", PASSING, "fewer bytes arrived than Content-Length announced"
    TOO_LARGE = "too_large", PERMANENT, "the body passed DOWNLOAD_MAXSIZE, announced, streamed or decompressed"
    HEADERS_TOO_LARGE = "headers_too_large", PERMANENT, "response headers past NEWS_MAX_HEADER_SIZE, or endless"
    REDIRECT_LOOP = "redirect_loop", PERMANENT, "REDIRECT_MAX_TIMES redirects and still no page"
    TIMEOUT = "timeout", PASSING, "no answer within DOWNLOAD_TIMEOUT"
    DNS_ERROR = "dns_error", PASSING, "the host name did not resolve"
    CONNECTION_REFUSED = "connection_refused", PASSING, "the host refused the connection"
    TLS_ERROR = "tls_error", PASSING, "the TLS handshake failed"
    DOWNLOAD_ERROR = "download_error", PASSING, "any other failure of the connection"
    FILE_NOT_FOUND = "file_not_found", PERMANENT, "a file:// URL to a file that is not there"
    NOT_A_FILE = "not_a_file", PERMANENT, "a file:// URL to a folder"
    # -- the crawl would not fetch it ----------------------------------------------------
    OFFSITE_PORT = "offsite_port", PERMANENT, "another port of a start host or of its subdomain"
    PRIVATE_ADDRESS = "private_address", PASSING, "a host that resolved to a loopback, private or link-local address"
    OUTSIDE_FOLDER = "outside_folder", PERMANENT, "a file:// URL out of the folders of the start pages"
    SITE_TIME_BUDGET = "site_time_budget", PASSING, "its site had spent NEWS_SITE_TIME_BUDGET"
    ROBOTS_FORBIDDEN = "robots_forbidden", PERMANENT, "robots.txt disallows the page"
    ROBOTS_UNAVAILABLE = "robots_unavailable", PASSING, "robots.txt could not be read: the site is disallowed this run"
    IGNORED = "ignored", PERMANENT, "a component turned the request away for a reason of its own"
    # -- a sitemap or a feed (crawler.discovery) -------------------------------------------
    MALFORMED_SITEMAP = "malformed_sitemap", PERMANENT, "not well-formed XML, not gzip, or no sitemap: not read"
    MALFORMED_FEED = "malformed_feed", PERMANENT, "not well-formed XML: not read"
    TOO_MANY_ENTRIES = "too_many_entries", PERMANENT, "more entries than DISCOVERY_MAX_*_ENTRIES: not read"
    SITEMAP_LOOP = "sitemap_loop", PERMANENT, "a sitemap index naming itself or an index above it"
    SITEMAP_TOO_DEEP = "sitemap_too_deep", PERMANENT, "sitemap indexes nested past DISCOVERY_MAX_DEPTH"
    DISCOVERY_BUDGET = "discovery_budget", PASSING, "sitemaps past the site's DISCOVERY_MAX_DOCUMENTS_PER_SITE"
    OFFSITE_ENTRIES = "offsite_entries", PERMANENT, "entries on other hosts, left out (the rest are followed)"
    FUTURE_DATES = "future_dates", PERMANENT, "dates past the crawl's clock, not kept (the entries are followed)"
    # -- an item, not a page -------------------------------------------------------------
    INVALID_ARTICLE = "invalid_article", PERMANENT, "the article breaks crawler/schemas/article.json"
    INVALID_BRIEF = "invalid_brief", PERMANENT, "the brief breaks crawler/schemas/brief.json"
    POSTGRES_REFUSED = "postgres_refused", PERMANENT, "a feed line PostgreSQL cannot store: a row of its rejects table"


_BY_CODE: dict[str, RejectReason] = {member.value: member for member in RejectReason}
# A status's reason: ``http_`` and the number, as the server answered it.
_HTTP = re.compile(r"http_([0-9]+)")
# Statuses worth asking again next run: the server's trouble (5xx), a request that took
# too long, too many requests.
_PASSING_STATUSES = frozenset((*range(500, 600), 408, 429))


def http(status: int) -> str:
    """The reason of a response refused for its status: ``http_404``, ``http_503``…"""
    return f"http_{status}"


def invalid(kind: str) -> RejectReason:
    """The reason of an item of ``kind`` (article, brief) that breaks its schema."""
    return _BY_CODE[f"invalid_{kind}"]


def policy_of(reason: str) -> Policy:
    """The policy of a reason as the feeds hold it; a reason no longer made (an old feed's)
    is permanent, as a page the crawl could not use."""
    member = _BY_CODE.get(reason)
    if member is not None:
        return member.policy
    status = _HTTP.fullmatch(reason)
    if status is not None:
        code = int(status.group(1))
        return PASSING if code in _PASSING_STATUSES else PERMANENT
    return PERMANENT


def remembered(reason: str) -> bool:
    """The state remembers a page rejected for ``reason``: later runs leave it alone."""
    return policy_of(reason) is PERMANENT
