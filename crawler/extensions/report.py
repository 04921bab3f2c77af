"""Extension: a machine-readable crawl report beside the feeds, with the monitors' verdict
(the ``verdict_reached`` signal); it says where it wrote it, or why it could not, in the
``report_written`` signal (``crawler.signals``)."""
from __future__ import annotations

import json
import logging
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.exceptions import NotConfigured

from .. import feeds
from .. import signals as crawl_signals
from ..engine import distributed
from ..items import Article, Brief, Reject
from ..middlewares.discovery import SITES
from ..outcome import Verdict
from ..text.dates import CHINA_TZ
from .flashorigins import FlashOrigins
from .state import CrawlStateExtension

if TYPE_CHECKING:
    from scrapy import Request, Spider
    from scrapy.crawler import Crawler
    from scrapy.http import Response

logger = logging.getLogger(__name__)
EXAMPLES = 3  # URLs kept as examples of each reject reason


class CrawlReport:
    def __init__(self, crawler: Crawler, directory: Path):
        self.crawler = crawler
        self.directory = directory
        self.network = RepostNetwork()
        self.origins = FlashOrigins()
        self._state_ext: CrawlStateExtension | None | bool = False  # not looked up yet
        self.by_day: dict[str, Counter] = {"article": Counter(), "brief": Counter()}
        self.brief_sources: Counter = Counter()
        self.reject_examples: dict[str, list[str]] = {}
        self.verdict: Verdict | None = None  # none until the close monitors give theirs

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        s = crawler.settings
        if not s.getbool("NEWS_REPORT_ENABLED") or not s.get("NEWS_FEED_DIR"):
            raise NotConfigured
        folder = feeds.feed_dir(s)
        assert folder is not None  # NEWS_FEED_DIR is set
        ext = cls(crawler, folder / feeds.REPORTS)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.brief_held_back, signal=crawl_signals.brief_held_back)
        crawler.signals.connect(ext.request_scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        crawler.signals.connect(ext.verdict_reached, signal=crawl_signals.verdict_reached)
        return ext

    def verdict_reached(self, verdict: Verdict) -> None:
        self.verdict = verdict

    def response_received(self, response: Response | None = None, request: Request | None = None,
                          spider: Spider | None = None):
        # when the work ended, apart from a worker's idle wait before closing
        self.crawler.stats.set_value("crawl/last_response_time", datetime.now(timezone.utc))

    def request_scheduled(self, request: Request, spider: Spider | None = None):
        """Scrapy drops a redirect to another site at scheduling, where no errback sees it: say so."""
        redirects = request.meta.get("redirect_urls")
        if not redirects:  # nearly every request: not a redirect
            return
        domains = getattr(self.crawler.spider, "allowed_domains", None)
        host = urlsplit(request.url).hostname or ""
        if domains and not any(host == d or host.endswith("." + d) for d in domains):
            self.crawler.stats.inc_value("redirects/offsite")
            logger.warning("Not following the redirect of %s to another site: %s", redirects[0], request.url)

    def item_scraped(self, item, response: Response | None = None, spider: Spider | None = None):
        self._flash_origin(item)
        if isinstance(item, Article):
            self.network.add(item, self._state())
        if isinstance(item, (Article, Brief)) and item.datePublished:
            self.by_day[item.kind][item.datePublished[:10]] += 1
        if isinstance(item, Brief):
            self.brief_sources[item.source or "(none)"] += 1
        elif isinstance(item, Reject):
            examples = self.reject_examples.setdefault(item.reason, [])
            if len(examples) < EXAMPLES:
                examples.append(item.url)

    # -- where injected briefs were first published: its own section of the report ---------
    def brief_held_back(self, brief: Brief, response: Response | None = None):
        self.origins.add_brief(brief)

    def _flash_origin(self, item) -> None:
        if isinstance(item, Brief):
            self.origins.add_brief(item)
        elif isinstance(item, Article):
            self.origins.add_article(item)

    def report(self, reason: str) -> dict:
        stats = self.crawler.stats.get_stats()
        start = stats.get("start_time")
        elapsed = (datetime.now(timezone.utc) - start).total_seconds() if start else None

        def pick(prefix: str) -> dict:
            return {k[len(prefix):]: v for k, v in sorted(stats.items()) if k.startswith(prefix)}

        return {
            "spider": self.crawler.spider.name if self.crawler.spider else None,
            "finish_reason": reason,
            "start_time": start.isoformat() if start else None,
            "elapsed_seconds": round(elapsed, 3) if elapsed is not None else None,
            "pages": stats.get("response_received_count", 0),
            "requests": stats.get("downloader/request_count", 0),
            "items": pick("items/"),
            "rejects": pick("rejects/"),
            "reject_examples": self.reject_examples,
            "published_per_day": {f"{kind}s": dict(sorted(days.items())) for kind, days in self.by_day.items()},
            "brief_sources": dict(self.brief_sources.most_common()),
            "dates": pick("dates/"),
            "briefs": pick("briefs/"),
            "stories": pick("stories/"),
            "reposts": {**pick("reposts/"), **self.network.view()},
            "flash_origins": self.origins.view(),
            "charset": pick("charset/"),
            "discovery": self.discovery(stats),
            "errors": stats.get("log_count/ERROR", 0),
            "verdict": self.verdict.word if self.verdict else None,
            "monitors_failed": list(self.verdict.failed) if self.verdict else [],
            "stats": {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in sorted(stats.items())},
        }

    def discovery(self, stats: dict) -> dict:
        """How the crawl found articles: the ways it used, and per site the articles each way
        found and the requests each way cost (``crawler.middlewares.discovery``)."""
        spider = self.crawler.spider
        ways = getattr(spider, "ways", None)
        sites: dict[str, dict] = {}
        for key, value in sorted(stats.items()):
            if not key.startswith(SITES):
                continue
            site, _, rest = key[len(SITES):].partition("/")
            entry = sites.setdefault(site, {"articles": {}, "requests": {}, "capped": False})
            what, _, way = rest.partition("/")
            if what == "capped":
                entry["capped"] = True
            else:
                entry[what][way] = value
        return {"ways": ways.names if ways is not None else [],
                "totals": {k: v for k, v in sorted(stats.items())
                           if k.startswith("discovery/") and not k.startswith(SITES)},
                "sites": sites}

    def _state(self):
        if self._state_ext is False:  # looked up once, at the first article
            self._state_ext = self.crawler.get_extension(CrawlStateExtension)
        return self._state_ext.state if isinstance(self._state_ext, CrawlStateExtension) else None

    def spider_closed(self, spider: Spider, reason):
        start = self.crawler.stats.get_value("start_time") or datetime.now(timezone.utc)
        settings = self.crawler.settings
        worker = f"-{distributed.worker_id(settings)}" if distributed.enabled(settings) else ""
        path = self.directory / f"{start.isoformat().replace(':', '-').split('.')[0]}{worker}.json"
        self.crawler.stats.set_value("report/path", str(path))
        report = self.report(reason)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
            if self.crawler.settings.getbool("NEWS_REPORT_HTML"):
                from ..sinks import htmlreport  # matplotlib: loaded only when the pages are wanted

                htmlreport.write(self.directory, path)
        except Exception as e:  # the crawl's items are safe in the feeds; its account of them is not
            error = f"{type(e).__name__}: {e}"
            self.crawler.stats.set_value("report/failed", error)
            logger.error("Could not write the crawl report %s: %s", path, error)
            self.crawler.signals.send_catch_log(crawl_signals.report_written, path=str(path), error=error)
            return
        self.crawler.signals.send_catch_log(crawl_signals.report_written, path=str(path), error=None)
        logger.info("Crawl report: %s (%s, %d pages, rejects %s)", path, reason, report["pages"],
                    report["rejects"].get("total", 0))


class RepostNetwork:
    """This run's articles by story cluster: which hosts carry which stories, and which
    hosts mostly copy."""

    TOP = 10  # clusters in the report

    def __init__(self):
        self.clusters: dict[str, dict] = {}
        self.hosts: dict[str, list[int]] = {}  # host -> [articles, copies]

    def add(self, item: Article, state=None) -> None:
        if not item.storyCluster:
            return
        host = urlsplit(item.url).netloc
        counts = self.hosts.setdefault(host, [0, 0])
        counts[0] += 1
        counts[1] += item.repostOf is not None
        entry = self.clusters.setdefault(item.storyCluster, {"articles": 0, "copies": 0, "hosts": set(), "first": None})
        entry["articles"] += 1
        entry["copies"] += item.repostOf is not None
        entry["hosts"].add(host)
        if item.repostOf is None:
            entry["first"] = (item.url, item.dateDownloaded)
        elif entry["first"] is None:  # a copy of a story an earlier run wrote: when was that?
            first = state.copy_of(item.storyCluster) if state is not None else None
            seen = datetime.fromtimestamp(first.seen, CHINA_TZ).isoformat() if first and first.seen else None
            entry["first"] = (item.repostOf, seen)

    def view(self) -> dict:
        largest = sorted(((c, e) for c, e in self.clusters.items() if e["copies"]),
                         key=lambda ce: (-ce[1]["articles"], ce[0]))[:self.TOP]
        return {
            "largest_clusters": [self._cluster(c, e) for c, e in largest],
            "hosts": {h: {"articles": a, "copies": c, "copied_share": round(c / a, 3)}
                      for h, (a, c) in sorted(self.hosts.items())},
        }

    @staticmethod
    def _cluster(cluster: str, entry: dict) -> dict:
        url, seen = entry["first"]
        return {"cluster": cluster, "articles": entry["articles"], "copies": entry["copies"],
                "hosts": sorted(entry["hosts"]),
                "first_url": url, "first_host": urlsplit(url).netloc, "first_seen": seen}
