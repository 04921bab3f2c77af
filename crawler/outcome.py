"""How a crawl ended, as typed values: the close monitors' verdict, and the outcome the
crawl command's exit code and last line are made from, gathered from the crawl's signals
(``crawler.signals``) as its components send them."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scrapy import signals as scrapy_signals

from . import signals

if TYPE_CHECKING:
    from scrapy.signalmanager import SignalManager


@dataclass(frozen=True)
class Verdict:
    """The close monitors' judgement of a crawl."""

    passed: int  #: monitors that ran and passed
    failed: tuple[str, ...] = ()  #: `monitor: why` of each monitor that failed
    skipped: tuple[str, ...] = ()  #: monitors that could not run (Spidermon counts them as passed)
    failed_sites: tuple[str, ...] = ()  #: when failed: `host:port (rejects)` of the sites with the most rejects

    @property
    def word(self) -> str:
        return "FAIL" if self.failed else "PASS"


@dataclass
class CrawlOutcome:
    """What the crawl's components said of its end. ``connect`` it to a crawler's signals
    before the crawl starts."""

    finish_reason: str | None = None  #: the spider's close reason; None: the crawl never opened
    verdict: Verdict | None = None  #: the monitors' verdict; None: no monitor ran
    report_path: str | None = None  #: where the crawl report was written, or was to be
    report_error: str | None = None  #: why the crawl report could not be written
    postgres_error: str | None = None  #: why the last PostgreSQL load failed; None once one loaded

    def connect(self, manager: SignalManager) -> None:
        manager.connect(self._spider_closed, signal=scrapy_signals.spider_closed)
        manager.connect(self._verdict_reached, signal=signals.verdict_reached)
        manager.connect(self._report_written, signal=signals.report_written)
        manager.connect(self._postgres_loaded, signal=signals.postgres_loaded)

    @property
    def word(self) -> str | None:
        """PASS or FAIL as the monitors judged the crawl; FAIL too when they passed it and its
        report could then not be written. None when no monitor ran."""
        if self.verdict is None:
            return None
        return "FAIL" if self.verdict.failed or self.report_error else "PASS"

    def failed(self, expected_reasons: Collection[str]) -> bool:
        """A failed verdict, or a finish reason not among ``expected_reasons``."""
        unexpected = self.finish_reason is not None and self.finish_reason not in expected_reasons
        return self.word == "FAIL" or unexpected

    def _spider_closed(self, reason: str) -> None:
        self.finish_reason = reason

    def _verdict_reached(self, verdict: Verdict) -> None:
        self.verdict = verdict

    def _report_written(self, path: str, error: str | None) -> None:
        self.report_path, self.report_error = path, error

    def _postgres_loaded(self, error: str | None) -> None:
        self.postgres_error = error
