"""What the commands that look at pages without crawling them share: no crawl report and no
monitors' verdict (a page fetched by hand is no crawl to judge)."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.settings import Settings

NOT_A_CRAWL = {"NEWS_REPORT_ENABLED": False, "SPIDERMON_ENABLED": False}


class NotACrawl:
    """Mixed into a Scrapy command (not one itself: Scrapy would list it): its settings win
    over the add-on's defaults."""

    settings: Settings | None

    def process_options(self, args, opts) -> None:
        super().process_options(args, opts)  # type: ignore[misc]  # the command's, after this mixin
        assert self.settings is not None  # Scrapy sets a command's settings before its options
        self.settings.setdict(NOT_A_CRAWL, priority="cmdline")
