"""Distributed crawls on a real Redis: two workers, one frontier, one memory of what was
emitted; and a worker killed midway."""
from __future__ import annotations

import signal
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import redis

from tests.conftest import REPO, CrawlResult, crawl_command, paths, run_crawl

REDIS_URL = "redis://127.0.0.1:6379/15"  # a database of its own, flushed by each test
# few requests in flight per worker, so the frontier stays in Redis for the other one to share
SLOW = ["-s", "DOWNLOAD_DELAY=0.3", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
        "-s", "CONCURRENT_REQUESTS=2",
        "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=12"]


@pytest.fixture
def server():
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # .ci/run starts a redis-server when none answers: never a skip
    client.flushdb()
    yield client
    client.flushdb()


def worker(out: Path, name: str, *extra: str) -> subprocess.Popen:
    cmd, env = crawl_command(out, "-s", f"REDIS_URL={REDIS_URL}", "-s", f"NEWS_WORKER_ID={name}", *SLOW, *extra)
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen) -> str:
    _, err = proc.communicate(timeout=240)
    assert proc.returncode == 0, err[-3000:]
    return err



@pytest.fixture(scope="module")
def single(demo_server, tmp_path_factory):
    return run_crawl(tmp_path_factory.mktemp("single"), "-a", "start_urls=" + ",".join(demo_server.urls()))


def union(out: Path) -> CrawlResult:
    return CrawlResult(out, subprocess.CompletedProcess([], 0, "", ""))


def clusters(result: CrawlResult) -> list[list[str]]:
    """Articles grouped by storyCluster; each group has one first copy, whose story names it."""
    groups: dict[str, list[dict]] = {}
    for a in result.articles:
        groups.setdefault(a["storyCluster"], []).append(a)
    for cluster, members in groups.items():
        firsts = [a for a in members if a["repostOf"] is None]
        assert len(firsts) == 1 and firsts[0]["storyId"] == cluster, members
        assert all(a["repostOf"] == firsts[0]["url"] for a in members if a is not firsts[0])
    return sorted(sorted(paths(members)) for members in groups.values())


def test_two_workers_share_the_frontier_and_emit_nothing_twice(server, demo_server, single, tmp_path):
    server.rpush("news:start_urls", demo_server.urls()[0], '{"url": "%s"}' % demo_server.urls()[1])
    workers = [worker(tmp_path, "w1"), worker(tmp_path, "w2")]
    logs = [finish(w) for w in workers]
    both = union(tmp_path)
    assert sorted(paths(both.articles)) == sorted(paths(single.articles))
    assert len(set(paths(both.articles))) == len(both.articles) == 40
    assert sorted(b["id"] for b in both.briefs) == sorted(b["id"] for b in single.briefs)
    assert sorted(paths(both.rejects)) == sorted(paths(single.rejects))
    # every copy of a story in one cluster, whichever worker read it: the same groups as one crawl's
    assert clusters(both) == clusters(single) and sum(len(g) > 1 for g in clusters(single)) == 5
    reports = [r for r in sorted((tmp_path / "reports").glob("*.json"))]
    import json

    stats = [json.loads(r.read_text())["stats"] for r in reports]
    assert len(stats) == 2
    # every page fetched once across both workers (each also reads robots.txt of both hosts)
    fetched = sum(s.get("response_received_count", 0) - s.get("robotstxt/response_count", 0) for s in stats)
    assert fetched == single.stats["response_received_count"] - single.stats["robotstxt/response_count"]
    assert all(s.get("response_received_count", 0) > s.get("robotstxt/response_count", 0) for s in stats), \
        "one worker did no work"
    assert {p.name.rsplit("-", 1)[1] for p in (tmp_path / "articles").glob("*.jsonl")} == {"w1.jsonl", "w2.jsonl"}
    assert all("Crawl verdict: PASS" in log for log in logs)


def test_a_worker_killed_midway_loses_and_doubles_nothing(server, demo_server, single, tmp_path):
    server.rpush("news:start_urls", *demo_server.urls())
    w1, w2 = worker(tmp_path, "w1"), worker(tmp_path, "w2")
    deadline = time.time() + 60
    while time.time() < deadline:  # until w1 has written some items
        w1_bytes = sum(f.stat().st_size for f in (tmp_path / "articles").glob("*-w1.jsonl")) \
            if (tmp_path / "articles").exists() else 0
        if w1_bytes > 20_000:
            break
        time.sleep(0.05)
    w1.send_signal(signal.SIGKILL)
    w1.wait()
    finish(w2)
    restarted = finish(worker(tmp_path, "w1"))
    assert "Resuming an unfinished run as a sweep" in restarted
    both = union(tmp_path)
    assert sorted(paths(both.articles)) == sorted(paths(single.articles))
    assert len(set(paths(both.articles))) == len(both.articles)
    assert sorted(b["id"] for b in both.briefs) == sorted(b["id"] for b in single.briefs)
    assert len(set(b["id"] for b in both.briefs)) == len(both.briefs)
    assert sorted(paths(both.rejects)) == sorted(paths(single.rejects))
    assert clusters(both) == clusters(single)


def test_start_urls_pushed_again_without_clearing_the_dupefilter_are_counted_and_said(server, tmp_path,
                                                                                      demo_server):
    def run() -> str:
        cmd, env = crawl_command(tmp_path, "-s", f"REDIS_URL={REDIS_URL}", "-s", "NEWS_WORKER_ID=w1",
                                 "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=2", "-s", "AUTOTHROTTLE_ENABLED=0")
        proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=240)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc.stderr.strip().splitlines()[-1]

    server.rpush("news:start_urls", demo_server.urls()[1])
    assert run().startswith("Crawl PASS: 12 articles, ")
    server.rpush("news:start_urls", demo_server.urls()[1])  # the next run, the shared dupefilter not cleared
    last = run()
    assert last.startswith("Crawl PASS: 0 articles, 0 briefs, 0 rejects in ")
    assert last.endswith("; nothing crawled: 1 requests filtered as seen by an earlier run (the distributed crawl's "
                         "dupefilter persists: clear it before pushing start URLs again)")


@pytest.fixture
def keys():
    """Redis keys of one test's own (the frontier and start URLs), removed after it: the
    test shares the database with no other."""
    client = redis.Redis.from_url(REDIS_URL)
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    yield client, prefix
    client.delete(*client.keys(f"{prefix}:*") or [f"{prefix}:none"])


def test_a_redirect_loop_between_two_listed_pages_ends_in_rejects_on_a_worker(keys, tmp_path):
    """A → B → A with both listed: the shared dupefilter of a worker lets the loop go round
    to its rejects, as a single-process crawl does (tests/test_hostile.py)."""
    from tests.loopback import serve
    from tests.test_hostile import FAST, redirect_loop_routes

    client, prefix = keys
    with serve(redirect_loop_routes()) as site:
        client.rpush(f"{prefix}:start_urls", site.url("/"))
        crawl = run_crawl(tmp_path, "-s", f"REDIS_URL={REDIS_URL}", "-s", f"NEWS_WORKER_ID={prefix}",
                          "-s", f"REDIS_START_URLS_KEY={prefix}:start_urls",
                          "-s", f"SCHEDULER_QUEUE_KEY={prefix}:requests",
                          "-s", f"SCHEDULER_DUPEFILTER_KEY={prefix}:dupefilter",
                          "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=3", *FAST, "-s", "REDIRECT_MAX_TIMES=4")
    assert sorted((r["url"], r["reason"]) for r in crawl.rejects) == [
        (site.url("/info/201.html"), "redirect_loop"), (site.url("/info/202.html"), "redirect_loop")]
    assert [a["url"] for a in crawl.articles] == [site.url("/info/204.html")]
    assert crawl.stats["dupefilter/redirect_loops"] == 1
    # the circle's hops taken out of the shared memory; C's stays (C → D closes no circle)
    assert client.hkeys(f"{prefix}:dupefilter:redirects") == [site.url("/info/203.html").encode()]


def test_a_redirect_loop_whose_hops_two_workers_dropped_is_closed_by_the_second(keys, monkeypatch):
    """A's hop to B dropped by one worker, B's to A by another: the second closes the circle
    and sends A's hop round again, the first sends nothing twice."""
    from types import SimpleNamespace

    from scrapy import Request

    from crawler.engine import dupefilter
    from crawler.engine.dupefilter import CountingRedisDupeFilter

    client, prefix = keys
    monkeypatch.setattr(dupefilter, "call_later", lambda delay, f, *args: f(*args))
    workers = []
    for _ in range(2):
        sent: list[Request] = []
        counts: dict[str, int] = {}
        f = CountingRedisDupeFilter(client, key=f"{prefix}:dupefilter")
        f.crawler = SimpleNamespace(spider=None, engine=SimpleNamespace(crawl=sent.append),
                                    stats=SimpleNamespace(inc_value=lambda k, c=counts: c.update({k: c.get(k, 0) + 1})))
        workers.append((f, sent, counts))
    (one, sent_one, counts_one), (two, sent_two, counts_two) = workers
    a, b = "http://site.test/info/201.html", "http://site.test/info/202.html"
    assert not one.request_seen(Request(a)) and not two.request_seen(Request(b))  # both listed
    assert one.request_seen(Request(b, meta={"redirect_urls": [a], "redirect_times": 1}))  # dropped: B was asked for
    assert not two.request_seen(Request(a, meta={"redirect_urls": [b], "redirect_times": 1}))  # closes the circle
    assert [(r.url, r.meta["redirect_urls"], r.dont_filter) for r in sent_two] == [(b, [a], True)]
    assert sent_one == [] and counts_two == {"dupefilter/redirect_loops": 1} and counts_one == {}
    assert client.hlen(f"{prefix}:dupefilter:redirects") == 0
