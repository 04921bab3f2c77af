"""Scrapy's HTTP/1.1 download handler with a bound on a response's header section.

``DOWNLOAD_MAXSIZE`` counts only the body: a server that sends header lines forever
fills memory until the download timeout (gigabytes in 30 s on loopback). Here the
connection is dropped once ``NEWS_MAX_HEADER_SIZE`` bytes have arrived without the blank
line that ends the headers, and the request fails with :class:`HeadersTooLarge`.

Twisted has no such limit on its client side and Scrapy builds the connection's protocol
itself, so this subclasses both (the way Scrapy's own lenient parser is installed);
``tests/test_memory.py`` fails if either changes shape underneath.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.core.downloader.handlers.http11 import (
    HTTP11DownloadHandler,
    _LenientHTTP11ClientFactory,
    _LenientHTTP11ClientProtocol,
)
from scrapy.exceptions import DownloadFailedError
from twisted.python.failure import Failure
from twisted.web._newclient import BODY, ResponseFailed

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler


class HeadersTooLarge(Exception):
    """A response's header section went past ``NEWS_MAX_HEADER_SIZE``."""


class _BoundedHeadersProtocol(_LenientHTTP11ClientProtocol):
    max_header_size = 0  # set per handler on a subclass
    _header_bytes = 0

    def request(self, request):  # twisted's request, which Scrapy's lenient protocol passes on
        self._header_bytes = 0
        return super().request(request)

    def dataReceived(self, data: bytes) -> None:
        parser = self._parser
        if parser is not None and parser.state != BODY:
            # counts whole reads: the read that ends the headers may carry some body too
            self._header_bytes += len(data)
            if self._header_bytes > self.max_header_size:
                self._giveUp(Failure(HeadersTooLarge(
                    f"response headers over {self.max_header_size} bytes (NEWS_MAX_HEADER_SIZE)")))
                return
        super().dataReceived(data)


class _BoundedHeadersFactory(_LenientHTTP11ClientFactory):
    protocol_class = _BoundedHeadersProtocol  # a subclass with the handler's limit

    def buildProtocol(self, addr):
        return self.protocol_class(self._quiescentCallback)


class BoundedHeadersDownloadHandler(HTTP11DownloadHandler):
    """``DOWNLOAD_HANDLERS`` for http and https; ``NEWS_MAX_HEADER_SIZE = 0`` turns the bound off."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        limit = crawler.settings.getint("NEWS_MAX_HEADER_SIZE")
        if limit <= 0:
            return
        protocol = type("BoundedHeadersProtocol", (_BoundedHeadersProtocol,), {"max_header_size": limit})
        self._pool._factory = type(  # type: ignore[assignment]  # a subclass of the pool's factory class
            "BoundedHeadersFactory", (_BoundedHeadersFactory,), {"protocol_class": protocol})

    async def download_request(self, request: Request):
        try:
            return await super().download_request(request)
        except DownloadFailedError as e:  # raised from Twisted's ResponseFailed, which lists the causes
            cause = e.__cause__
            if isinstance(cause, ResponseFailed) and any(r.check(HeadersTooLarge) for r in cause.reasons):
                raise HeadersTooLarge(str(cause.reasons[0].value)) from e
            raise
