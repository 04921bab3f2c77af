"""Where the crawl's briefs were first published, and how the network re-injected them.

A flash read from its outlet's flash page carries ``originUrl`` and its outlet's time; the
same flash injected into an article has the same brief id, and the article lists it in
``briefIds``. Joined, per outlet (the origin's host): how many of its flashes the crawl
read, how many of those the network injected into articles, into how many, and how late
(the article's ``datePublished`` minus the flash's). Every article a brief was injected
into is the articles whose ``briefIds`` hold its id: a view of the feeds, not a field.
"""
from __future__ import annotations

from datetime import datetime
from statistics import median
from urllib.parse import urlsplit

from ..items import Article, Brief
from ..text.dates import DateParser

MINUTE = 60


class FlashOrigins:
    """This crawl's flash origins and injections, joined when asked for the view."""

    def __init__(self, parser: DateParser | None = None):
        self.parser = parser or DateParser(use_dateparser=False)
        self.origins: dict[str, tuple[str, datetime | None]] = {}  # brief id -> (outlet host, its time)
        self.injected: dict[str, list[datetime | None]] = {}  # brief id -> the injecting articles' times

    def add_brief(self, brief: Brief) -> None:
        """A brief read (emitted or held back as a repeat): an origin when it has one."""
        if brief.originUrl and brief.id not in self.origins:
            self.origins[brief.id] = (urlsplit(brief.originUrl).netloc, self._time(brief.datePublished,
                                                                                   brief.datePublishedRaw))

    def add_article(self, article: Article) -> None:
        when = self._time(article.datePublished, None)
        for bid in article.briefIds:
            self.injected.setdefault(bid, []).append(when)

    def _time(self, iso: str | None, raw: str | None) -> datetime | None:
        """The item's time: normalized by the dates pipeline, else (a brief held back before
        the pipelines) parsed here from its raw form."""
        if not iso and raw:
            iso = self.parser.parse(raw).iso
        return datetime.fromisoformat(iso) if iso else None

    def view(self) -> dict:
        """{outlet host: {flashes, reinjected, injections, delay_minutes: {median, max}}}."""
        out: dict[str, dict] = {}
        delays: dict[str, list[float]] = {}
        for bid, (host, published) in sorted(self.origins.items()):
            entry = out.setdefault(host, {"flashes": 0, "reinjected": 0, "injections": 0})
            entry["flashes"] += 1
            times = self.injected.get(bid, [])
            entry["reinjected"] += bool(times)
            entry["injections"] += len(times)
            if published is not None:
                delays.setdefault(host, []).extend((t - published).total_seconds() / MINUTE
                                                   for t in times if t is not None)
        for host, entry in out.items():
            late = delays.get(host)
            entry["delay_minutes"] = ({"median": round(median(late), 1), "max": round(max(late), 1)}
                                      if late else None)
        return dict(sorted(out.items()))
