"""Scrapy's downloader with one slot per site, a site being a host and its port.

Scrapy keys its download slots (the per-site concurrency, delay and AutoThrottle state)
by host name alone: two sites on one host, on two ports, shared eight places, and one of
them dripping its pages until the timeout held the other (3 s became 62 s). A host on a
port its scheme does not imply is a slot of its own (`127.0.0.1:8713`); any other keeps
Scrapy's name (`www.example.com`), so ``DOWNLOAD_SLOTS`` keyed by host name still apply.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.core.downloader import Downloader
from scrapy.utils.httpobj import urlparse_cached

if TYPE_CHECKING:
    from scrapy import Request


class SiteSlotsDownloader(Downloader):
    def get_slot_key(self, request: Request) -> str:
        key = super().get_slot_key(request)
        if self.DOWNLOAD_SLOT in request.meta or self.ip_concurrency:
            return key
        try:
            port = urlparse_cached(request).port
        except ValueError:  # a port out of range: the download fails on its own
            return key
        return f"{key}:{port}" if port else key
