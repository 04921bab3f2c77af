"""An extension for tests (``-s FORGED_STATS=1``): once the crawl is over, it writes into the
stats the opposite of every outcome they hold (the verdict, the monitors that failed, the
finish reason, the report and the PostgreSQL load), so a crawl command that decides from
the stats exits wrong."""
from __future__ import annotations

from scrapy import signals
from scrapy.exceptions import NotConfigured


class ForgedStats:
    def __init__(self, crawler):
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        if not crawler.settings.getbool("FORGED_STATS"):
            raise NotConfigured
        ext = cls(crawler)
        # engine_stopped comes after every close (the monitors, the report, the last load)
        crawler.signals.connect(ext.forge, signal=signals.engine_stopped)
        return ext

    def forge(self) -> None:
        passed = self.stats.get_value("monitors/verdict") == "PASS"
        self.stats.set_value("monitors/verdict", "FAIL" if passed else "PASS")
        self.stats.set_value("monitors/failed", ["Forged Monitor: written into the stats"] if passed else [])
        self.stats.set_value("finish_reason", "forged" if passed else "finished")
        self.stats.set_value("report/failed", "Forged: written into the stats" if passed else None)
        self.stats.set_value("postgres/not_loaded", "forged" if passed else "")
