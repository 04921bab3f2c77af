"""A resolver standing in for DNS with a wildcard record: every name under ``example.test``
resolves to 127.0.0.1 (``-s TWISTED_DNS_RESOLVER=tests.wildcarddns.WildcardResolver``)."""
from __future__ import annotations

from scrapy.resolver import CachingThreadedResolver
from twisted.internet import defer


class WildcardResolver(CachingThreadedResolver):
    def getHostByName(self, name: str, timeout=()):
        if name == "example.test" or name.endswith(".example.test"):
            return defer.succeed("127.0.0.1")
        return super().getHostByName(name, timeout)
