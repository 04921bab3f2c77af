"""Scrapy's duplicate filter, except for the hops of a redirect loop.

A page that redirects back to one already in its redirect chain (A→B→A, or to itself by a
302 or a meta refresh) was dropped as a duplicate: the request vanished with no reject.
Let through, the loop goes round until ``REDIRECT_MAX_TIMES`` and ends as a
``redirect_loop`` reject, as any request the spider makes ends as an item or a reject.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.dupefilters import RFPDupeFilter

if TYPE_CHECKING:
    from scrapy import Request


class RedirectLoopAwareDupeFilter(RFPDupeFilter):
    def request_seen(self, request: Request) -> bool:
        redirects = request.meta.get("redirect_urls")
        if redirects and request.url in redirects:
            return False
        return super().request_seen(request)
