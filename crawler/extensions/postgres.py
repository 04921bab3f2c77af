"""Extension: keep a PostgreSQL database up to date with the feeds (``DATABASE_URL``).

Loads what earlier runs wrote when the crawl opens (a run whose database was down is
caught up then), and what this run wrote once the engine has stopped and every feed and
the report are closed. See ``crawler.sinks.postgres`` for how each line lands exactly once.
A database that cannot be reached is a warning and a stat (``postgres/unavailable``),
never a lost item: the lines wait in the feeds for the next load. Each load says whether
it failed and why in the ``postgres_loaded`` signal (``crawler.signals``): why the last
load of the run failed ends the crawl's last line, so a database that is missing for good
does not pass unnoticed (``postgres/not_loaded`` in the stats, empty once a later one
succeeds). A line the
database refuses is a warning, a stat (``postgres/refused``) and a reject row, and the
lines after it load.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import psycopg
from scrapy import signals
from scrapy.exceptions import NotConfigured

from .. import feeds
from .. import signals as crawl_signals
from ..sinks import postgres

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class PostgresSink:
    def __init__(self, crawler: Crawler, url: str, feed_dir):
        self.crawler, self.url, self.feed_dir = crawler, url, feed_dir
        # every feed file of the folder, every worker's: any loader may load any line, each once
        self.pattern = feeds.glob_of(crawler.settings.get("NEWS_FEED_NAME"))

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        url = crawler.settings.get("DATABASE_URL")
        if not url:
            raise NotConfigured  # off by default: nothing to say
        feed_dir = feeds.feed_dir(crawler.settings)
        if feed_dir is None:
            raise NotConfigured("the PostgreSQL sink loads the per-kind feeds: NEWS_FEED_DIR is empty")
        ext = cls(crawler, url, feed_dir)
        crawler.signals.connect(ext.load, signal=signals.spider_opened)
        crawler.signals.connect(ext.load, signal=signals.engine_stopped)
        return ext

    def load(self, *args, **kwargs) -> None:
        stats = self.crawler.stats
        try:
            counts = postgres.sync(self.url, self.feed_dir, self.pattern)
        except (psycopg.OperationalError, OSError) as e:
            why = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            stats.inc_value("postgres/unavailable")
            stats.set_value("postgres/not_loaded", why)
            logger.warning("PostgreSQL is unavailable (%s); the feeds keep every item and the next run loads "
                           "them", why)
            self.crawler.signals.send_catch_log(crawl_signals.postgres_loaded, error=why)
            return
        stats.set_value("postgres/not_loaded", "")
        self.crawler.signals.send_catch_log(crawl_signals.postgres_loaded, error=None)
        for kind, n in counts.items():
            stats.inc_value(f"postgres/{kind}", n)
        refused = counts.pop("refused")
        logger.info("PostgreSQL: loaded %s%s", ", ".join(f"{n} {kind}" for kind, n in counts.items()),
                    f"; {refused} lines refused (rejects {postgres.REFUSED})" if refused else "")
