"""Incremental and resumable crawls, with real components: a loopback server, real
``scrapy crawl`` processes, the SQLite state, and SIGKILL."""
from __future__ import annotations

import signal
import subprocess
import time

from tests.conftest import REPO, CrawlResult, Server, crawl_command, paths, run_crawl


def test_second_run_writes_nothing_and_third_run_emits_exactly_the_new(tmp_path):
    server = Server()
    port = server.port
    try:
        first = run_crawl(tmp_path, "-a", "start_urls=" + ",".join(server.urls()))
        assert len(first.articles) == 40 and len(first.briefs) == 15
        second = run_crawl(tmp_path, "-a", "start_urls=" + ",".join(server.urls()))
        # and again: a recurring crawl of a quiet site finds nothing new run after run, and passes
        again = run_crawl(tmp_path, "-a", "start_urls=" + ",".join(server.urls()))
    finally:
        server.stop()
    assert second.report["verdict"] == again.report["verdict"] == "PASS"
    assert again.report["items"] == {} and again.stats["downloader/request_count"] <= 2 + 5 + 2
    s2 = second.stats
    assert second.report["items"] == {}
    assert s2["item_scraped_count"] == 0 and "Crawl verdict: PASS (9 monitors ran)" in second.log
    # at most the home pages, page 1 of each list, and robots.txt
    assert s2["downloader/request_count"] <= 2 + 5 + 2
    assert s2["incremental/lists_stopped"] == 5
    for kind in ("articles", "briefs", "rejects"):
        assert len(list((tmp_path / kind).glob("*.jsonl"))) == 1  # no empty files for the second run

    grown = Server(port=port, grow=3)
    try:
        third = run_crawl(tmp_path, "-a", "start_urls=" + ",".join(grown.urls()))
    finally:
        grown.stop()
    new_articles = [a for a in third.articles if a["url"] not in {x["url"] for x in first.articles}]
    new_briefs = [b for b in third.briefs if b["id"] not in {x["id"] for x in first.briefs}]
    assert sorted(a["url"].rsplit("/", 1)[1] for a in new_articles) == ["9001.html", "9002.html", "9003.html",
                                                                        "9101.html"]
    assert len(new_briefs) == 3 and all(b["headline"].startswith("新快讯") for b in new_briefs)
    assert len(third.articles) == 40 + 4 and len(third.briefs) == 15 + 3  # union of all runs' feeds
    # the sister site's cut-short copy of a story the first run wrote joins that story's cluster
    original = next(a for a in first.articles if a["url"].endswith("/info/1023.html"))
    copy = next(a for a in new_articles if a["url"].endswith("/info/9101.html"))
    assert copy["storyId"] != original["storyId"]
    assert (copy["storyCluster"], copy["repostOf"]) == (original["storyCluster"], original["url"])
    assert third.stats["reposts/near"] == 1 and third.report["reposts"]["largest_clusters"][0]["first_url"] == original["url"]
    assert third.stats["incremental/briefs_known"] == 3  # the old briefs the new articles carry


def test_a_feed_name_of_another_extension_stays_incremental(tmp_path, demo_server):
    args = ("-a", "start_urls=" + demo_server.urls()[1], "-s", "NEWS_FEED_NAME=%(time)s.jl")
    first = run_crawl(tmp_path, *args)
    second = run_crawl(tmp_path, *args)
    assert first.report["items"]["article"] == 12 and second.report["items"] == {}
    assert [p.suffix for p in (tmp_path / "articles").iterdir()] == [".jl"]


def test_a_full_run_fetches_everything_and_the_feeds_stay_unique(tmp_path, demo_server):
    first = run_crawl(tmp_path, "-a", "start_urls=" + demo_server.urls()[1])
    again = run_crawl(tmp_path, "-a", "start_urls=" + demo_server.urls()[1], "-a", "full=1")
    assert first.stats["items/article"] == 12 and again.report["items"] == {}
    assert again.stats["downloader/request_count"] >= first.stats["downloader/request_count"]
    assert again.stats["incremental/unchanged"] == 12  # fetched and read, known unchanged
    assert again.log.strip().splitlines()[-1].endswith("nothing new: earlier runs' items are in the feeds")


def test_sigkill_midway_then_restart_loses_and_doubles_nothing(tmp_path, demo_server):
    start = "start_urls=" + ",".join(demo_server.urls())
    clean = run_crawl(tmp_path / "clean", "-a", start)

    out = tmp_path / "killed"
    slow = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0.15", "-s", "CONCURRENT_REQUESTS=1"]
    cmd, env = crawl_command(out, "-a", start, *slow)
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until some items have reached the feed file
        written = sum(f.stat().st_size for f in (out / "articles").glob("*.jsonl")) if (out / "articles").exists() else 0
        if written > 40_000:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    killed = CrawlResult(out, subprocess.CompletedProcess(cmd, -9, "", ""))
    assert 0 < len(killed.articles) < len(clean.articles), "the crawl was not killed midway"

    resumed = run_crawl(out, "-a", start)
    assert resumed.stats.get("state/resumed") == 1
    # resumed.* re-reads every feed file in the folder: the union of both runs
    assert sorted(paths(resumed.articles)) == sorted(paths(clean.articles))
    assert len(set(paths(resumed.articles))) == len(resumed.articles)
    assert sorted(b["id"] for b in resumed.briefs) == sorted(b["id"] for b in clean.briefs)
    assert sorted(paths(resumed.rejects)) == sorted(paths(clean.rejects))


def test_reconcile_cuts_a_partial_last_line(tmp_path):
    from crawler.state import SqliteState, reconcile

    feed = tmp_path / "briefs"
    feed.mkdir()
    (feed / "run.jsonl").write_bytes(b'{"id": "aaaaaaaaaaaaaaaa", "kind": "brief"}\n{"id": "bbbb')
    state = SqliteState(tmp_path / "state.sqlite")
    assert reconcile(state, tmp_path)["briefs"] == 1
    assert state.has_brief("aaaaaaaaaaaaaaaa") and not state.has_brief("bbbb")
    assert (feed / "run.jsonl").read_bytes().endswith(b"}\n")
    assert reconcile(state, tmp_path)["briefs"] == 0  # offsets: nothing is read twice


def test_transient_failures_are_not_remembered(tmp_path):
    from crawler.state import SqliteState

    state = SqliteState(tmp_path / "s.sqlite")
    state.record("rejects", {"url": "http://x/1", "reason": "timeout"})
    state.record("rejects", {"url": "http://x/2", "reason": "http_503"})
    state.record("rejects", {"url": "http://x/3", "reason": "http_404"})
    state.record("rejects", {"url": "http://x/4", "reason": "truncated_transfer"})  # a cut transfer passes
    assert [state.article(f"http://x/{i}") is not None for i in (1, 2, 3, 4)] == [False, False, True, False]


def test_revisit_refetches_old_articles_and_emits_only_changed_ones(tmp_path, demo_server):
    start = "start_urls=" + demo_server.urls()[1]
    first = run_crawl(tmp_path, "-a", start)
    time.sleep(1.5)
    # 1 s-old articles count as due for a revisit: fetched again, unchanged, so not emitted
    again = run_crawl(tmp_path, "-a", start, "-s", "INCREMENTAL_REVISIT_HOURS=0.0002")
    assert again.stats["incremental/unchanged"] == len(first.articles) == 12
    assert again.stats.get("items/article", 0) == 0
    assert "incremental/skipped" not in again.stats


def test_the_demo_keeps_its_urls_when_its_port_is_taken(tmp_path):
    squatter = Server()  # something else already listens on the demo's port
    port = squatter.port
    try:
        first = run_crawl(tmp_path, "-s", f"NEWS_DEMO_PORT={port}", spider="demo")
    finally:
        squatter.stop()
    assert f"Port {port} is taken" in first.log
    assert len(first.articles) == 40 and all(f":{port}/" in a["url"] for a in first.articles)
    second = run_crawl(tmp_path, "-s", f"NEWS_DEMO_PORT={port}", spider="demo")  # the port is free again
    assert second.report["items"] == {} and second.stats["downloader/request_count"] <= 2 + 5 + 2


def test_scrapy_shell_leaves_no_unfinished_run(tmp_path, demo_server):
    start = "start_urls=" + demo_server.urls()[1]
    run_crawl(tmp_path, "-a", start)
    cmd, env = crawl_command(tmp_path)
    shell = [cmd[0], "-m", "scrapy", "shell", "--spider", "news", demo_server.urls()[1] + "info/2003.html",
             "-s", f"NEWS_FEED_DIR={tmp_path}", "-c", "response.status"]
    proc = subprocess.run(shell, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip() == "200", proc.stderr[-2000:]
    after = run_crawl(tmp_path, "-a", start)
    assert "state/resumed" not in after.stats and after.report["items"] == {}


def test_killed_again_and_again_every_article_and_every_brief_it_lists_once(tmp_path):
    """A site of 1,000 articles whose briefs are nearly all distinct, the crawl killed with
    SIGKILL five times at random moments and then run to the end: every article once, and
    every brief an article lists in briefIds written once. (The two feeds are separate files:
    an article flushed before its briefs lost them for good, 3 to 21 a campaign.)"""
    import random

    rng = random.Random(3)
    server = Server(generate=1000, brief_pool=10000)
    start = "start_urls=" + ",".join(server.urls())
    fast = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS=16", "-s", "NEWS_MAX_LIST_PAGES=10000",
            "-s", "LOG_LEVEL=WARNING"]
    try:
        for _ in range(5):
            cmd, env = crawl_command(tmp_path, "-a", start, *fast)
            proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.5, 1.5))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        final = run_crawl(tmp_path, "-a", start, *fast)
    finally:
        server.stop()
    articles, briefs = final.articles, final.briefs  # every feed file of the folder: all runs
    assert len(articles) == len({a["url"] for a in articles}) == 1000
    ids = [b["id"] for b in briefs]
    assert len(ids) == len(set(ids))
    listed = {i for a in articles for i in a["briefIds"]}
    assert not listed - set(ids), f"{len(listed - set(ids))} briefs listed by articles were never written"
    assert final.report["verdict"] == "PASS"
