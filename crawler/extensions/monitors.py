"""Spidermon monitors run when a crawl closes, and the verdict they leave behind.

The verdict is logged in one line and sent as a typed value (``crawler.outcome.Verdict``,
the ``verdict_reached`` signal of ``crawler.signals``) to the crawl report and the crawl
command, which decide from it; it is written into the stats too (``monitors/verdict``,
``monitors/failed``), for people reading them. A failed verdict names the sites with the
most rejects (``monitors/failed_sites``): one site in trouble among many is told from a
crawl in trouble.
"""
from __future__ import annotations

import logging
import warnings

from spidermon import monitors
from spidermon.contrib.scrapy.monitors import (
    BaseScrapyMonitor,
    DownloaderExceptionMonitor,
    ErrorCountMonitor,
    FinishReasonMonitor,
    RetryCountMonitor,
    UnwantedHTTPCodesMonitor,
)
from spidermon.core.actions import Action
from spidermon.core.suites import MonitorSuite
from spidermon.settings import MONITOR

from .. import signals
from ..middlewares.budgets import OUT_OF_TIME
from ..outcome import Verdict
from ..pipelines.rejects import SITE_REJECTS
from .state import CrawlStateExtension

SKIPPED = MONITOR.STATUS.SKIPPED

logger = logging.getLogger(__name__)
# Spidermon 1.27 still logs through Spider.log(); its deprecation warning is not ours to fix
warnings.filterwarnings("ignore", message=r"Spider\.log\(\) is deprecated", module="spidermon")


@monitors.name("Item Count Monitor")
class FirstRunItemCountMonitor(BaseScrapyMonitor):
    """``SPIDERMON_MIN_ITEMS`` articles and briefs, required only of a single-process crawl
    whose feeds were empty: an incremental run on an unchanged site rightly emits nothing.
    Rejects are no content: a first run of a dead site does not pass on its rejects."""

    def _later_run(self) -> bool:
        # earlier runs wrote feeds here (the third run of a quiet site indexes no new bytes,
        # yet is no first run); a worker of a distributed crawl may find nothing left to do
        state = self.crawler.get_extension(CrawlStateExtension)
        return bool(state and state.feeds_before_run) or bool(self.crawler.settings.get("REDIS_URL"))

    @monitors.name("A first run emits articles or briefs")
    def test_a_first_run_emits_content(self):
        if self._later_run():
            return
        emitted = self.stats.get("items/article", 0) + self.stats.get("items/brief", 0)
        least = self.crawler.settings.getint("SPIDERMON_MIN_ITEMS")
        self.assertGreaterEqual(emitted, least, msg=f"a first run emitted {emitted} articles and briefs, "
                                                    f"fewer than SPIDERMON_MIN_ITEMS={least}")


@monitors.name("Start URL Monitor")
class StartUrlsMonitor(BaseScrapyMonitor):
    """A crawl none of whose start URLs could be downloaded (a dead or mistyped site, a
    refused port, a folder given as a file) failed, first run or not. The spider counts them."""

    @monitors.name("Some start URL was downloaded")
    def test_some_start_url_was_downloaded(self):
        spider = self.crawler.spider
        failed = getattr(spider, "start_urls_failed", 0)
        self.assertFalse(failed and not getattr(spider, "start_urls_downloaded", 0),
                         msg=f"none of the {failed} start URLs could be downloaded (see the rejects)")


class VerdictAction(Action):
    """The verdict as a typed value, sent to whoever decides from it (``verdict_reached``);
    logged in one line and written into the stats from that same value."""

    def run_action(self):
        result, crawler = self.result, self.data.crawler
        failed = sorted(f"{r.monitor.monitor_name}: {_last_line(r.error)}" for r in result.monitors_failed_results)
        # Spidermon counts a skipped monitor as passed: a verdict says which did not run
        skipped = sorted(r.monitor.monitor_name for r in result.monitor_results if r.status == SKIPPED)
        sites = _most_rejected(crawler.stats.get_stats()) if failed else []
        verdict = Verdict(len(result.monitors_passed_results) - len(skipped), tuple(failed), tuple(skipped),
                          tuple(sites))
        _write(crawler.stats, verdict)
        ran = f"{verdict.passed + len(verdict.failed)} monitors ran"
        ran += f", {len(verdict.skipped)} skipped: {', '.join(verdict.skipped)}" if verdict.skipped else ""
        if verdict.failed:
            where = f" — sites with the most rejects: {', '.join(verdict.failed_sites)}" if verdict.failed_sites else ""
            logger.warning("Crawl verdict: FAIL (%d failed; %s) — %s%s", len(verdict.failed), ran,
                           "; ".join(verdict.failed), where)
        else:
            logger.info("Crawl verdict: PASS (%s)", ran)
        crawler.signals.send_catch_log(signals.verdict_reached, verdict=verdict)


def _write(stats, verdict: Verdict) -> None:
    """The verdict in the stats, for the report's readers (``monitors/…``)."""
    stats.set_value("monitors/verdict", verdict.word)
    stats.set_value("monitors/passed", verdict.passed)
    stats.set_value("monitors/skipped", list(verdict.skipped))
    stats.set_value("monitors/failed", list(verdict.failed))
    if verdict.failed:
        stats.set_value("monitors/failed_sites", list(verdict.failed_sites))


# Fields a switchable component fills: with it off, no rule on them is checked.
FILLED_BY = {"datePublished": "DATES_ENABLED"}


@monitors.name("Field coverage of the kinds emitted")
class EmittedKindsFieldCoverageMonitor(BaseScrapyMonitor):
    """``SPIDERMON_FIELD_COVERAGE_RULES``, for each item kind the crawl emitted at all (an
    incremental run may rightly emit no briefs; Spidermon's own monitor fails it then)."""

    @monitors.name("Fields are covered as the rules ask")
    def test_field_coverage(self):
        stats, failures, settings = self.data.stats, [], self.crawler.settings
        for field, expected in settings.getdict("SPIDERMON_FIELD_COVERAGE_RULES").items():
            kind, _, name = field.partition("/")
            switch = FILLED_BY.get(name)
            if not stats.get(f"spidermon_item_scraped_count/{kind}") or (switch and not settings.getbool(switch)):
                continue
            actual = stats.get(f"spidermon_field_coverage/{field}", 0)
            if actual < expected - 1e-9:
                failures.append(f"{field} {actual:.2f} < {expected}")
        self.assertFalse(failures, msg="field coverage: " + ", ".join(failures))


@monitors.name("Sites within their time budget")
class SiteTimeBudgetMonitor(BaseScrapyMonitor):
    """``NEWS_SITE_TIME_BUDGET``: a site that ran out of time is named, the others pass."""

    @monitors.name("No site ran out of its time budget")
    def test_sites_in_time(self):
        out = {k[len(OUT_OF_TIME):]: v for k, v in self.data.stats.items() if k.startswith(OUT_OF_TIME)}
        self.assertFalse(out, msg="out of time: " + ", ".join(f"{site} ({n} requests not sent)"
                                                            for site, n in sorted(out.items())))


def _most_rejected(stats: dict, top: int = 3) -> list[str]:
    """`host:port (rejects)` of the sites with the most rejects, most first."""
    counts = sorted(((v, k[len(SITE_REJECTS):]) for k, v in stats.items() if k.startswith(SITE_REJECTS)),
                    key=lambda c: (-c[0], c[1]))
    return [f"{site} ({n})" for n, site in counts[:top]]


def _last_line(error) -> str:
    lines = [line for line in str(error or "").splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


class CloseMonitors(MonitorSuite):
    monitors = [FirstRunItemCountMonitor, StartUrlsMonitor, EmittedKindsFieldCoverageMonitor, ErrorCountMonitor,
                RetryCountMonitor, DownloaderExceptionMonitor, UnwantedHTTPCodesMonitor, FinishReasonMonitor,
                SiteTimeBudgetMonitor]
    monitors_finished_actions = [VerdictAction]
