"""Why a request gave no page: a reason from the exception's type, never its message."""
from __future__ import annotations

import inspect

import pytest
from scrapy.downloadermiddlewares import httpcompression, redirect, robotstxt
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
)
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler
from twisted.internet.error import DNSLookupError
from twisted.python.failure import Failure

from crawler.engine.handlers import HeadersTooLarge
from crawler.middlewares import ignores
from crawler.middlewares.origins import OffsitePortError
from crawler.middlewares.robots import RobotsUnavailable
from crawler.spiders.news import failure_reason


@pytest.mark.parametrize(("error", "reason"), [
    (ignores.RobotsForbidden("any words at all"), "robots_forbidden"),
    (ignores.RedirectsExhausted("any words at all"), "redirect_loop"),
    (ignores.DecompressedTooLarge("any words at all"), "too_large"),
    (OffsitePortError("any words at all"), "offsite_port"),
    (IgnoreRequest("Forbidden by robots.txt"), "ignored"),  # a plain one: its message is not read
    (DNSLookupError("x"), "dns_error"),
    (DownloadConnectionRefusedError("x"), "connection_refused"),
    (IsADirectoryError(21, "Is a directory"), "not_a_file"),
    (FileNotFoundError(2, "No such file"), "file_not_found"),
    # a site whose robots.txt could not be fetched is rejected for what kept it away
    (RobotsUnavailable("h", "why", CannotResolveHostError("x")), "dns_error"),
    (RobotsUnavailable("h", "why", DownloadTimeoutError("x")), "timeout"),
    (RobotsUnavailable("h", "it answered 503"), "robots_unavailable"),
    (RobotsUnavailable("h", "too large", DownloadCancelledError("x")), "robots_unavailable"),
    (HeadersTooLarge("x"), "headers_too_large"),
    (ValueError("max size"), "download_error"),
])
def test_the_reason_comes_from_the_type(error, reason):
    assert failure_reason(Failure(error)) == reason


@pytest.mark.parametrize(("ours", "method"), [
    (ignores.RobotsTxtMiddleware, "process_request"),
    (ignores.RedirectMiddleware, "process_response"),
    (ignores.MetaRefreshMiddleware, "process_response"),
    (ignores.HttpCompressionMiddleware, "process_response"),
])
def test_each_typed_middleware_wraps_a_method_scrapys_own_has(ours, method):
    """If Scrapy renames the method (or makes it sync), the wrapper would never run and
    every such failure would read as ``ignored``: fail here instead."""
    base = ours.__mro__[1]
    assert base.__module__.startswith("scrapy.downloadermiddlewares.")
    theirs, mine = getattr(base, method), vars(ours)[method]
    assert inspect.iscoroutinefunction(theirs) == inspect.iscoroutinefunction(mine)
    assert list(inspect.signature(theirs).parameters)[:3] == list(inspect.signature(mine).parameters)[:3]


def test_redirects_that_run_out_raise_the_typed_exception():
    mw = ignores.RedirectMiddleware.from_crawler(get_crawler(settings_dict={"REDIRECT_MAX_TIMES": 1}))
    request = Request("http://x/a", meta={"redirect_times": 1, "redirect_ttl": 1})
    response = HtmlResponse("http://x/a", status=302, headers={"Location": "/b"}, request=request)
    with pytest.raises(ignores.RedirectsExhausted, match="max redirections"):
        mw.process_response(request, response)


def test_scrapy_still_raises_a_plain_ignore_request_where_the_wrappers_expect_one():
    for module, words in ((robotstxt, "Forbidden by robots.txt"), (redirect, "max redirections reached"),
                          (httpcompression, "raise IgnoreRequest(msg) from e")):
        assert words in inspect.getsource(module), module.__name__


def test_the_scrapy_internals_fair_site_shares_rely_on_are_still_there():
    """The fair queue, the per-site download slots, the fail-closed robots middleware and
    the redirect-aware AutoThrottle override or read Scrapy's private parts: an upgrade
    that renames one would silently turn the feature off, so it fails here, by name."""
    from scrapy.core.downloader import Downloader
    from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
    from scrapy.extensions.throttle import AutoThrottle
    from scrapy.pqueues import DownloaderAwarePriorityQueue, DownloaderInterface

    assert "self._downloader_interface" in inspect.getsource(DownloaderAwarePriorityQueue.__init__)
    assert list(inspect.signature(DownloaderInterface.stats).parameters) == ["self", "possible_slots"]
    assert list(inspect.signature(DownloaderInterface.__init__).parameters) == ["self", "crawler"]
    assert callable(getattr(Downloader, "get_slot_key", None)) and hasattr(Downloader, "DOWNLOAD_SLOT")
    for attribute in ("self.active", "self.slots", "self.per_slot_settings", "self.ip_concurrency",
                      "self.domain_concurrency"):
        assert attribute in inspect.getsource(Downloader.__init__), f"scrapy: Downloader lost {attribute}"
    assert list(inspect.signature(RobotsTxtMiddleware._robots_error).parameters) == ["self", "exc", "netloc"]
    assert list(inspect.signature(AutoThrottle._adjust_delay).parameters) == ["self", "slot", "latency", "response"]
