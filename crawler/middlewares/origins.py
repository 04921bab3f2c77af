"""Downloader middlewares: a crawl stays on its start URLs' ports, and in their folders.

``allowed_domains`` checks a host, not its port: a link, a 302 or a meta refresh to
another port of a start host (`127.0.0.1:6379`, a local service) was followed. A request
to an allowed host on a port no start URL of that host uses is dropped before anything is
sent, robots.txt included (this runs before RobotsTxtMiddleware): an ``offsite_port``
reject. A subdomain of a start host (which ``allowed_domains`` lets through, and which a
wildcard DNS record may point anywhere) is held to that start host's ports. Ports 80 and
443 count as one, so `http://` to `https://` upgrades go through; no other scheme is.
``NEWS_STAY_ON_START_PORTS = False`` turns it off.

A saved page may link `../../secret/x.html`, or `/etc/passwd` (a root-relative link means
the saved site's root, looked for in the folders above the page): a ``file://`` request
outside the folders of the crawl's ``file://`` start pages (symbolic links followed) is
dropped, an ``outside_folder`` reject. Always on.
"""
from __future__ import annotations

import os
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from w3lib.url import file_uri_to_path

from ..meta import ROLE

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

_DEFAULT_PORTS = {"http": 80, "https": 443}


class OffsitePortError(IgnoreRequest):
    """A request for a start host on a port no start URL uses."""


class OutsideFolderError(IgnoreRequest):
    """A ``file://`` request outside the folders of the crawl's ``file://`` start pages."""


def _start_host(host: str | None, ports: dict[str, set[int]]) -> str | None:
    """The start host that ``host`` is, or is a subdomain of (the nearest), or None."""
    while host:
        if host in ports:
            return host
        host = host.partition(".")[2]
    return None


def _origin(url: str) -> tuple[str | None, int | None]:
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        return parts.hostname, None
    return parts.hostname, port or _DEFAULT_PORTS.get(parts.scheme)


class StartPortsMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.ports: dict[str, set[int]] | None = None  # host -> its start URLs' ports

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        if not crawler.settings.getbool("NEWS_STAY_ON_START_PORTS"):
            raise NotConfigured
        return cls(crawler)

    def _start_ports(self, spider: Spider) -> dict[str, set[int]]:
        ports: dict[str, set[int]] = defaultdict(set)
        for url in getattr(spider, "start_urls", None) or []:
            host, port = _origin(url)
            if host and port:
                ports[host].add(port)
        return ports

    def process_request(self, request: Request, spider: Spider | None = None):
        if ROLE not in request.meta and "redirect_urls" not in request.meta:
            return None  # a start URL, or a page asked for by hand (scrapy shell, scrapy parse)
        if self.ports is None:  # the spider's start URLs are final once requests flow
            assert self.crawler.spider is not None  # requests flow: the spider is open
            self.ports = self._start_ports(self.crawler.spider)
        host, port = _origin(request.url)
        start = _start_host(host, self.ports)
        if start is None:
            return None  # another site: the offsite middleware's, or no host (file://)
        allowed = self.ports[start]
        if urlsplit(request.url).scheme in _DEFAULT_PORTS and (port in allowed or ({port} | allowed) <= {80, 443}):
            return None
        self.stats.inc_value("offsite/port")
        of = host if host == start else f"{host} (a subdomain of {start})"
        raise OffsitePortError(f"{urlsplit(request.url).scheme} port {port} of {of} is not a start URL's "
                               f"(start ports: {sorted(allowed)})")


def _local_path(url: str) -> Path:
    """The file a ``file://`` URL reads, as the download handler reads it, resolved."""
    return Path(os.path.realpath(file_uri_to_path(url)))


class StartFoldersMiddleware:
    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.stats = crawler.stats
        self.folders: list[Path] | None = None  # the folders of the file:// start pages

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None):
        if not request.url.startswith("file:") or (ROLE not in request.meta and "redirect_urls" not in request.meta):
            return None
        if self.folders is None:
            urls = getattr(self.crawler.spider, "start_urls", None) or []
            self.folders = [_local_path(u).parent for u in urls if u.startswith("file:")]
        path = _local_path(request.url)
        if any(folder == path or folder in path.parents for folder in self.folders):
            return None
        self.stats.inc_value("offsite/folder")
        raise OutsideFolderError(f"{path} is outside the folders of the start pages "
                                 f"({', '.join(map(str, self.folders)) or 'none'})")
