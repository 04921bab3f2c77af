"""Scrapy's AutoThrottle, whose delay also comes down on redirects.

AutoThrottle lowers a site's delay only on 200 responses: error pages are small and quick,
and would otherwise lower the delay of a site in trouble. A redirect is no error, but it
is as small: a site whose links all redirect (to another site: 5,000 of them took 771 s)
kept the start delay for every request. Here a 3xx response adjusts the delay as a 200
does; 4xx and 5xx still only raise it.
"""
from __future__ import annotations

from http import HTTPStatus
from types import SimpleNamespace
from typing import TYPE_CHECKING

from scrapy.extensions import throttle

if TYPE_CHECKING:
    from scrapy.core.downloader import Slot
    from scrapy.http import Response

_AS_A_PAGE = SimpleNamespace(status=200)  # all that Scrapy's adjustment reads of a response


class AutoThrottle(throttle.AutoThrottle):
    def _adjust_delay(self, slot: Slot, latency: float, response: Response) -> None:
        redirect = HTTPStatus.MULTIPLE_CHOICES <= response.status < HTTPStatus.BAD_REQUEST
        super()._adjust_delay(slot, latency, _AS_A_PAGE if redirect else response)  # type: ignore[arg-type]
