"""``scrapy crawl``, as Scrapy's own, with two things a scheduler (cron, Scrapyd) needs: bad
start URLs, spider arguments the spider does not take or could not use and settings it
could not use are a usage error (one line, exit 2) before anything starts
(``crawler.checks``), and a crawl that failed (its monitors' verdict FAIL, an unexpected
finish reason, or a report that could not be written) exits 1. Its last line says what
was written where and whether it passed.

Whether the crawl failed is decided from what the crawl's components sent as it closed
(``crawler.outcome.CrawlOutcome``, from the signals of ``crawler.signals``), never from
its stats: the stats only give the last line its counts."""
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
from ..outcome import CrawlOutcome

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
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
    _run_crawler: Crawler | None = None  # the crawl's, once built

    def _create_crawler(self, spidercls):
        self._run_crawler = super()._create_crawler(spidercls)
        self._outcome = CrawlOutcome()
        self._outcome.connect(self._run_crawler.signals)
        return self._run_crawler

    def run(self, args, opts) -> None:
        assert self.settings is not None  # Scrapy sets a command's settings before it runs
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
        self._run_crawler = None
        super().run(args, opts)
        if self._run_crawler is None or self._run_crawler.stats is None:
            return
        outcome = self._outcome
        expected = self._run_crawler.settings.getlist("SPIDERMON_EXPECTED_FINISH_REASONS") or ["finished"]
        # a crawl that could not start (an error building it) failed too, whatever was sent
        failed = outcome.failed(expected) or bool(self.exitcode)
        if failed and not self.exitcode:
            self.exitcode = 1
        line = summary(self._run_crawler.stats.get_stats(), outcome, failed, outputs(self._run_crawler.settings))
        print(line, file=sys.stderr)
        self._to_log_file(logging.INFO, line)

    def _to_log_file(self, level: int, line: str) -> None:
        """A line said on stderr, into the log file too when there is one (a Scrapyd job's log
        is its LOG_FILE; its stderr goes elsewhere)."""
        if self.settings is not None and self.settings.get("LOG_FILE"):
            logger.log(level, line)

    def check(self, name: str, arguments: dict) -> None:
        """Everything that can be known wrong before a crawl starts."""
        assert self.settings is not None and self.crawler_process is not None  # set before run()
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


def summary(stats: dict, outcome: CrawlOutcome, failed: bool, written: Sequence[str] = ()) -> str:
    """`Crawl PASS: 40 articles, 15 briefs, 3 rejects in output/ (report output/reports/….json)`:
    the outcome as ``outcome`` says it, the counts from ``stats``."""
    counts = ", ".join(f"{stats.get(f'items/{kind}', 0)} {kind}s" for kind in ("article", "brief", "reject"))
    where = f" in {', '.join(written)}" if written else ""
    report = f" (report {outcome.report_path})" if outcome.report_path else ""
    if outcome.report_error:
        report = f" (report not written: {outcome.report_error})"
    word = outcome.word or ("FAIL" if failed else "done")
    reason = outcome.finish_reason
    why = f", finish reason {reason}" if reason and reason != "finished" else ""
    quiet = not any(stats.get(f"items/{kind}") for kind in ("article", "brief", "reject"))
    nothing_new = quiet and stats.get("state/feeds_before_run") and word != "FAIL"
    hint = "; nothing new: earlier runs' items are in the feeds" if nothing_new else ""
    filtered = stats.get("dupefilter/filtered", 0)
    if quiet and filtered and not stats.get("downloader/request_count"):
        # only a filter that outlived its crawl (a distributed crawl's) filters a first request
        hint = (f"; nothing crawled: {filtered} requests filtered as seen by an earlier run (the distributed crawl's "
                "dupefilter persists: clear it before pushing start URLs again)")
    if word == "FAIL" and outcome.verdict is not None and outcome.verdict.failed:
        # a cron log's reader sees the last line: it says why, not only that
        failures = "; ".join(f.replace("AssertionError: ", "") for f in outcome.verdict.failed)
        hint += f" — {failures}{_reject_reasons(stats)}"
    if outcome.postgres_error:
        hint += f"; PostgreSQL not loaded ({outcome.postgres_error}): the feeds keep every item for the next load"
    return f"Crawl {word}{why}: {counts}{where}{report}{hint}"


def _reject_reasons(stats: dict) -> str:
    """`: connection_refused 1, http_404 2`, the reasons of the crawl's rejects, most first."""
    counts = sorted(((n, key.removeprefix("rejects/")) for key, n in stats.items()
                     if key.startswith("rejects/") and key != "rejects/total"), reverse=True)
    return ": rejects " + ", ".join(f"{reason} {n}" for n, reason in counts) if counts else ""
