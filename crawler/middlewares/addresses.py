"""Downloader middleware: a host that is not a start host is never contacted at a loopback,
private or link-local address.

A name proves nothing about where it leads: a subdomain of a start host under a wildcard
DNS record, or any other site a redirect names, may resolve to 127.0.0.1 or 10.0.0.5 and
so reach a local service. Before a request to a host other than a start host goes on
(robots.txt included: this runs before RobotsTxtMiddleware), the host is resolved with the
crawl's own resolver (``TWISTED_DNS_RESOLVER``, whose cache the download then reads, so the
address checked is the address connected to); if any address it has is not public, the
request is dropped: a ``private_address`` reject (``offsite/private_address``, a warning
once per host). Start hosts (the demo site, a site on the local network crawled on purpose)
are exempt. ``NEWS_ALLOW_PRIVATE_NETWORKS`` lets a user allow networks on purpose: a list of
CIDRs (`["10.0.0.0/8"]`), or True for every address.
"""
from __future__ import annotations

import ipaddress
import logging
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred
from twisted.internet.interfaces import IResolutionReceiver
from zope.interface import implementer

from ..meta import ROLE

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class PrivateAddressError(IgnoreRequest):
    """A host that is not a start host resolves to an address that is not public."""


def allowed_networks(value) -> list[Network] | None:
    """``NEWS_ALLOW_PRIVATE_NETWORKS`` as networks; None when every address is allowed."""
    word = str(value).strip().lower()
    if value is True or word in ("1", "true", "yes", "on"):
        return None
    if value is None or value is False or word in ("0", "false", "no", "off", ""):
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    try:
        return [ipaddress.ip_network(str(item).strip(), strict=False) for item in items if str(item).strip()]
    except ValueError as e:
        raise ValueError(f"NEWS_ALLOW_PRIVATE_NETWORKS: {e} (give networks as CIDRs, or True)") from e


def is_public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


@implementer(IResolutionReceiver)
class _Addresses:
    """Collects a resolution's addresses into a Deferred."""

    def __init__(self) -> None:
        self.found: list[str] = []
        self.done: Deferred[list[str]] = Deferred()

    def resolutionBegan(self, resolution) -> None:
        pass

    def addressResolved(self, address) -> None:
        self.found.append(address.host)

    def resolutionComplete(self) -> None:
        self.done.callback(self.found)


def resolve(host: str) -> Deferred[list[str]]:
    """Every address the reactor's installed resolver gives ``host`` (none if it fails)."""
    from twisted.internet import reactor

    receiver = _Addresses()
    reactor.nameResolver.resolveHostName(receiver, host, 0)
    return receiver.done


class PrivateAddressMiddleware:
    def __init__(self, crawler: Crawler, allowed: list[Network]):
        self.crawler = crawler
        self.stats = crawler.stats
        self.allowed = allowed
        self.start_hosts: set[str] | None = None
        self.warned: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        allowed = allowed_networks(crawler.settings.get("NEWS_ALLOW_PRIVATE_NETWORKS"))
        if allowed is None:
            raise NotConfigured
        return cls(crawler, allowed)

    def _permitted(self, text: str) -> bool:
        try:
            address = ipaddress.ip_address(text.split("%", 1)[0])  # an IPv6 zone: fe80::1%eth0
        except ValueError:
            return False
        return is_public(address) or any(address in network for network in self.allowed)

    def _start_hosts(self) -> set[str]:
        if self.start_hosts is None:
            # the start URLs' hosts (a distributed worker's sites: those queued when it began)
            spider = self.crawler.spider
            urls = getattr(spider, "start_urls", None) or []
            self.start_hosts = {h for h in (urlsplit(u).hostname for u in urls) if h}
            self.start_hosts.update(getattr(spider, "allowed_domains", None) or [])
        return self.start_hosts

    async def process_request(self, request: Request, spider: Spider | None = None):
        parts = urlsplit(request.url)
        host = parts.hostname
        if parts.scheme not in ("http", "https") or not host:
            return None
        meta = request.meta
        if ROLE not in meta and "redirect_urls" not in meta and "dont_obey_robotstxt" not in meta:
            # a start URL (a worker's, taken from Redis, too), or a page asked for by hand
            self._start_hosts().add(host)
            return None
        if host in self._start_hosts():
            return None
        try:
            literal = ipaddress.ip_address(host)
        except ValueError:
            addresses = await maybe_deferred_to_future(resolve(host))
        else:
            addresses = [str(literal)]
        refused = [a for a in addresses if not self._permitted(a)]
        if not refused:
            return None  # public, or unresolvable: the download tells (dns_error)
        self.stats.inc_value("offsite/private_address")
        if host not in self.warned:
            self.warned.add(host)
            logger.warning("%s resolves to %s, not a public address, and is not a start host: nothing is sent "
                           "there (first: %s; NEWS_ALLOW_PRIVATE_NETWORKS allows a network)", host,
                           refused[0], request.url)
        raise PrivateAddressError(f"{host} resolves to {refused[0]}, not a public address, and is not a start host")
