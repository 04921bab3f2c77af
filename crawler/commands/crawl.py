"""``scrapy crawl``, as Scrapy's own, with two things a scheduler (cron, Scrapyd) needs: bad
start URLs, spider arguments the spider does not take or could not use and settings it
could not use are a usage error (one line, exit 2) before anything starts
(``crawler.checks``), and a crawl that failed (its monitors' verdict FAIL, an unexpected
finish reason, or a report that could not be written) exits 1. Its last line says what
was written where and whether it passed."""
from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.commands.crawl import Command as ScrapyCrawl
from scrapy.exceptions import UsageError

from .. import checks, feeds
from ..feeds.lock import FeedDirBusy, FeedDirLock

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)

# Schemes a start URL may have.
SCHEMES = ("http", "https", "file")
# Exit code of a crawl that did not start because another one holds its feed folder
# (sysexits' EX_TEMPFAIL: try again later).
BUSY = 75


def check_start_urls(value: str | None) -> None:
    """Raise UsageError for a start URL the crawl could not fetch."""
    for url in (u.strip() for u in (value or "").split(",")):
        if url and urlsplit(url).scheme not in SCHEMES:
            hint = f" (did you mean https://{url}?)" if "://" not in url else ""
            raise UsageError(f"start URL {url!r} has no scheme the crawler fetches ({', '.join(SCHEMES)}){hint}")


class Command(ScrapyCrawl):
    def _create_crawler(self, spidercls):
        self._crawler = super()._create_crawler(spidercls)
        return self._crawler

    def run(self, args, opts) -> None:
        if len(args) == 1:
            try:
                self.check(args[0], opts.spargs)
            except UsageError as e:
                self._to_log_file(logging.ERROR, f"Usage error: {e}")
                raise
            try:
                self._lock = FeedDirLock.for_crawl(self.settings)  # held until the process ends
            except FeedDirBusy as e:
                self.exitcode = BUSY
                print(f"Crawl not started: {e}", file=sys.stderr)
                self._to_log_file(logging.ERROR, f"Crawl not started: {e}")
                return
        self._crawler = None
        super().run(args, opts)
        if self._crawler is None or self._crawler.stats is None:
            return
        stats = self._crawler.stats
        reason = stats.get_value("finish_reason")
        verdict = stats.get_value("monitors/verdict")
        expected = self._crawler.settings.getlist("SPIDERMON_EXPECTED_FINISH_REASONS") or ["finished"]
        if verdict == "PASS" and stats.get_value("report/failed"):
            verdict = "FAIL"  # the monitors passed the crawl, then its report could not be written
        # a crawl that could not start (an error building it) failed too, whatever its stats say
        failed = verdict == "FAIL" or (reason is not None and reason not in expected) or bool(self.exitcode)
        if failed and not self.exitcode:
            self.exitcode = 1
        line = summary(stats.get_stats(), reason, verdict, failed, outputs(self._crawler.settings))
        print(line, file=sys.stderr)
        self._to_log_file(logging.INFO, line)

    def _to_log_file(self, level: int, line: str) -> None:
        """A line said on stderr, into the log file too when there is one (a Scrapyd job's log
        is its LOG_FILE; its stderr goes elsewhere)."""
        if self.settings.get("LOG_FILE"):
            logger.log(level, line)

    def check(self, name: str, arguments: dict) -> None:
        """Everything that can be known wrong before a crawl starts."""
        try:
            spidercls = self.crawler_process.spider_loader.load(name)
        except KeyError:
            return  # Scrapy's own error for an unknown spider follows
        checks.check_settings(self.settings)
        checks.warn_misspelled_settings(self.settings)
        checks.check_arguments(spidercls, arguments)
        check_start_urls(arguments.get("start_urls"))
        if self.settings.get("NEWS_FEED_NAME"):  # given (-s, settings.py)
            feeds.check_name(self.settings["NEWS_FEED_NAME"])
        spider_checks = getattr(spidercls, "check_arguments", None)
        if spider_checks is not None:
            spider_checks(self.settings, arguments)


def outputs(settings: BaseSettings) -> list[str]:
    """Where the crawl wrote: the feed folder, and any feed of the user's own (``-O all.jsonl``)."""
    folder = settings.get("NEWS_FEED_DIR")
    own = set(feeds.uris(settings)) if folder else set()
    return ([f"{str(folder).rstrip('/')}/"] if folder else []) + [
        str(uri) for uri in settings.getdict("FEEDS") if str(uri) not in own]


def summary(stats: dict, reason: str | None, verdict: str | None, failed: bool, written: Sequence[str] = ()) -> str:
    """`Crawl PASS: 40 articles, 15 briefs, 3 rejects in output/ (report output/reports/….json)`."""
    counts = ", ".join(f"{stats.get(f'items/{kind}', 0)} {kind}s" for kind in ("article", "brief", "reject"))
    where = f" in {', '.join(written)}" if written else ""
    report = f" (report {stats['report/path']})" if stats.get("report/path") else ""
    if stats.get("report/failed"):
        report = f" (report not written: {stats['report/failed']})"
    outcome = verdict or ("FAIL" if failed else "done")
    why = f", finish reason {reason}" if reason and reason != "finished" else ""
    quiet = not any(stats.get(f"items/{kind}") for kind in ("article", "brief", "reject"))
    nothing_new = quiet and stats.get("state/feeds_before_run") and outcome != "FAIL"
    hint = "; nothing new: earlier runs' items are in the feeds" if nothing_new else ""
    filtered = stats.get("dupefilter/filtered", 0)
    if quiet and filtered and not stats.get("downloader/request_count"):
        # only a filter that outlived its crawl (a distributed crawl's) filters a first request
        hint = (f"; nothing crawled: {filtered} requests filtered as seen by an earlier run (the distributed crawl's "
                "dupefilter persists: clear it before pushing start URLs again)")
    if outcome == "FAIL" and stats.get("monitors/failed"):
        # a cron log's reader sees the last line: it says why, not only that
        failures = "; ".join(f.replace("AssertionError: ", "") for f in stats["monitors/failed"])
        hint += f" — {failures}{_reject_reasons(stats)}"
    if stats.get("postgres/not_loaded"):
        hint += f"; PostgreSQL not loaded ({stats['postgres/not_loaded']}): the feeds keep every item for the next load"
    return f"Crawl {outcome}{why}: {counts}{where}{report}{hint}"


def _reject_reasons(stats: dict) -> str:
    """`: connection_refused 1, http_404 2`, the reasons of the crawl's rejects, most first."""
    counts = sorted(((n, key.removeprefix("rejects/")) for key, n in stats.items()
                     if key.startswith("rejects/") and key != "rejects/total"), reverse=True)
    return ": rejects " + ", ".join(f"{reason} {n}" for n, reason in counts) if counts else ""
