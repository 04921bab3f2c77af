"""Pipeline: every Reject is counted under ``rejects/<reason>`` and logged once with its URL."""
from __future__ import annotations

import logging

from ..items import Reject

logger = logging.getLogger(__name__)


class RejectsPipeline:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_item(self, item, spider=None):
        if isinstance(item, Reject):
            self.stats.inc_value("rejects/total")
            self.stats.inc_value(f"rejects/{item.reason}")
            logger.warning("Rejected %s: %s (%s)", item.url, item.reason, item.detail or "")
        return item
