"""Each documented switch off, in a crawl of the demo site: the feeds keep the README's
promises and the crawl passes."""
from __future__ import annotations

import pytest

from crawler.sinks.export import main as export
from tests.conftest import run_crawl

NOW = ("-s", "DATES_NOW=2026-11-28T12:00:00+08:00")


@pytest.fixture(scope="module")
def start(demo_server):
    return ("-a", "start_urls=" + ",".join(demo_server.urls()))


def last_line(crawl) -> str:
    return crawl.log.strip().splitlines()[-1]


@pytest.fixture(scope="module")
def twice_without_state(tmp_path_factory, start):
    """A crawl, then one with the crawl state off into the same feeds."""
    out = tmp_path_factory.mktemp("feeds")
    first = run_crawl(out, *start, *NOW)
    return out, first, run_crawl(out, *start, *NOW, "-s", "INCREMENTAL_ENABLED=0")


def test_briefs_off_emits_articles_without_briefs(tmp_path, start, twice_without_state):
    crawl = run_crawl(tmp_path, *start, *NOW, "-s", "BRIEFS_ENABLED=0")
    assert last_line(crawl).startswith("Crawl PASS: 40 articles, 0 briefs, 3 rejects")
    assert crawl.briefs == []
    assert all(a["storyId"] and a["briefIds"] == [] for a in crawl.articles)
    # the same stories as with the briefs on: the switch changes what is emitted, not what a story is
    _, first, _ = twice_without_state
    assert {a["url"]: a["storyId"] for a in crawl.articles} == {a["url"]: a["storyId"] for a in first.articles}
    assert not any("[" in a["articleBody"][-1:] for a in crawl.articles)


def test_dedup_off_still_writes_each_item_once(tmp_path, start):
    run_crawl(tmp_path, *start, *NOW, "-s", "DEDUP_ENABLED=0")
    again = run_crawl(tmp_path, *start, *NOW, "-s", "DEDUP_ENABLED=0", "-a", "full=1")
    # the cut transfer is a passing fault: tried again, and reported again
    assert last_line(again).startswith("Crawl PASS: 0 articles, 0 briefs, 1 rejects")
    assert len(again.articles) == len({a["url"] for a in again.articles}) == 40
    assert len(again.briefs) == len({b["id"] for b in again.briefs}) == 15
    assert sorted(r["reason"] for r in again.rejects) == ["empty_body", "http_404", "truncated_transfer",
                                                           "truncated_transfer"]
    assert all(a["storyCluster"] is None and a["repostOf"] is None for a in again.articles)  # not marked


def test_state_off_into_earlier_feeds_warns_and_the_export_leaves_duplicates_out(twice_without_state, capsys):
    out, _, again = twice_without_state
    assert last_line(again).startswith("Crawl PASS: 40 articles, 15 briefs, 3 rejects")
    assert "WARNING: INCREMENTAL_ENABLED is off and" in again.log and "will hold duplicates" in again.log
    assert again.stats["state/off_over_feeds"] == 3
    assert len(again.articles) == 80  # what the switch does, said above
    assert export(["csv", str(out), str(out / "csv")]) == 0
    said = capsys.readouterr().out
    assert "articles.csv: 40 rows (40 duplicates left out)" in said and "briefs.csv: 15 rows" in said
    assert len((out / "csv" / "articles.csv").read_text("utf-8").splitlines()) > 40  # header, rows with newlines


def test_dates_off_still_says_when_each_page_was_fetched(tmp_path, start):
    crawl = run_crawl(tmp_path, *start, "-s", "DATES_ENABLED=0")
    assert last_line(crawl).startswith("Crawl PASS: 40 articles, 15 briefs, 3 rejects")
    assert all(a["dateDownloaded"] and a["datePublished"] is None for a in crawl.articles)
    assert all(b["datePublished"] is None for b in crawl.briefs)
