"""Scrapy's own downloader middlewares that give up on a request, each raising an
``IgnoreRequest`` of its own type, so that a reject's reason comes from the exception's
type and never from its message.

Scrapy raises a plain ``IgnoreRequest`` when robots.txt forbids a page, when redirects
run out, and when a compressed body grows past ``DOWNLOAD_MAXSIZE``; each subclass here
re-raises that one from the same public method, and does nothing else. The add-on puts
them where Scrapy's sit.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares import httpcompression, redirect, robotstxt
from scrapy.exceptions import IgnoreRequest

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.http import Response


class RobotsForbidden(IgnoreRequest):
    """robots.txt disallows the page."""


class RedirectsExhausted(IgnoreRequest):
    """``REDIRECT_MAX_TIMES`` redirects and still no page: a loop, or a chain too long."""


class DecompressedTooLarge(IgnoreRequest):
    """The body grew past ``DOWNLOAD_MAXSIZE`` while it was decompressed."""


@contextmanager
def _typed(cls: type[IgnoreRequest]) -> Iterator[None]:
    """Re-raise a plain IgnoreRequest from inside as ``cls``; any other passes as it is."""
    try:
        yield
    except IgnoreRequest as e:
        if type(e) is IgnoreRequest:
            raise cls(*e.args) from e
        raise


class RobotsTxtMiddleware(robotstxt.RobotsTxtMiddleware):
    async def process_request(self, request: Request, spider: Spider | None = None):
        with _typed(RobotsForbidden):
            return await super().process_request(request)


class RedirectMiddleware(redirect.RedirectMiddleware):
    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        with _typed(RedirectsExhausted):
            return super().process_response(request, response)


class MetaRefreshMiddleware(redirect.MetaRefreshMiddleware):
    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        with _typed(RedirectsExhausted):
            return super().process_response(request, response)


class HttpCompressionMiddleware(httpcompression.HttpCompressionMiddleware):
    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        with _typed(DecompressedTooLarge):
            return super().process_response(request, response)
