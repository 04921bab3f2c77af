"""Scrapy's own downloader middlewares that give up on a request, each raising an
``IgnoreRequest`` of its own type, so that a reject's reason comes from the exception's
type and never from its message.

Scrapy raises a plain ``IgnoreRequest`` when robots.txt forbids a page, when redirects
run out, and when a compressed body grows past ``DOWNLOAD_MAXSIZE``; each subclass here
re-raises that one from the same public method, and does nothing else. The add-on puts
them where Scrapy's sit.
"""
from __future__ import annotations

from scrapy.downloadermiddlewares import httpcompression, redirect, robotstxt
from scrapy.exceptions import IgnoreRequest


class RobotsForbidden(IgnoreRequest):
    """robots.txt disallows the page."""


class RedirectsExhausted(IgnoreRequest):
    """``REDIRECT_MAX_TIMES`` redirects and still no page: a loop, or a chain too long."""


class DecompressedTooLarge(IgnoreRequest):
    """The body grew past ``DOWNLOAD_MAXSIZE`` while it was decompressed."""


class RobotsTxtMiddleware(robotstxt.RobotsTxtMiddleware):
    async def process_request(self, request, spider=None):
        try:
            return await super().process_request(request)
        except IgnoreRequest as e:
            if type(e) is IgnoreRequest:
                raise RobotsForbidden(*e.args) from e
            raise


class RedirectMiddleware(redirect.RedirectMiddleware):
    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)
        except IgnoreRequest as e:
            if type(e) is IgnoreRequest:
                raise RedirectsExhausted(*e.args) from e
            raise


class MetaRefreshMiddleware(redirect.MetaRefreshMiddleware):
    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)
        except IgnoreRequest as e:
            if type(e) is IgnoreRequest:
                raise RedirectsExhausted(*e.args) from e
            raise


class HttpCompressionMiddleware(httpcompression.HttpCompressionMiddleware):
    def process_response(self, request, response, spider=None):
        try:
            return super().process_response(request, response)
        except IgnoreRequest as e:
            if type(e) is IgnoreRequest:
                raise DecompressedTooLarge(*e.args) from e
            raise


