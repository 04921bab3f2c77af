"""What the commands that look at pages without crawling them share: no crawl report and no
monitors' verdict (a page fetched by hand is no crawl to judge)."""
from __future__ import annotations

NOT_A_CRAWL = {"NEWS_REPORT_ENABLED": False, "SPIDERMON_ENABLED": False}


class NotACrawl:
    """Mixed into a Scrapy command: its settings win over the add-on's defaults."""

    def process_options(self, args, opts) -> None:
        super().process_options(args, opts)
        self.settings.setdict(NOT_A_CRAWL, priority="cmdline")
