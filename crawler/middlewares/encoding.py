"""Downloader middleware: read undeclared (or wrongly declared) pages with the right codec.

Scrapy guesses only ascii/utf-8/cp1252 when a page declares nothing, which turns GBK
and Big5 into mojibake; this sniffs among the Chinese codecs instead.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, TextResponse
from w3lib.encoding import http_content_type_encoding

from ..pages.decode import declared_encoding, decode_html, is_garbled

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response
    from scrapy.statscollectors import StatsCollector

logger = logging.getLogger(__name__)


class CharsetDetectionMiddleware:
    def __init__(self, stats: StatsCollector):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        if not crawler.settings.getbool("CHARSET_DETECTION_ENABLED"):
            raise NotConfigured
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response, spider: Spider | None = None):
        if not isinstance(response, TextResponse) or not response.body:
            return response
        ctype = (response.headers.get(b"Content-Type") or b"").decode("latin-1") or None
        declared = declared_encoding(response.body, ctype)
        header = http_content_type_encoding(ctype) if ctype else None
        # a header's label the page's bytes contradict (``declared_encoding``)
        set_aside = header if header and (declared is None or declared[1] != "header") else None
        if declared and not set_aside and not is_garbled(response.text):
            return response
        encoding = decode_html(response.body, ctype).encoding  # the choice the page classes make
        if declared or set_aside:
            self.stats.inc_value("charset/mismatch")
            logger.warning("Declared charset %s garbles %s; read as %s", set_aside or (declared and declared[0]),
                           response.url, encoding)
        else:
            self.stats.inc_value(f"charset/detected/{encoding}")
        cls = response.__class__ if isinstance(response, HtmlResponse) else HtmlResponse
        return response.replace(cls=cls, encoding=encoding)
