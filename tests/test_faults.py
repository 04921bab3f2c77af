"""Every fault of tests/faultserver.py in one crawl; one test per fault: its stat, its log
line with the URL, and the good pages' items intact beside it."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO, run_crawl

SETTINGS = ["-s", "DOWNLOAD_TIMEOUT=1", "-s", "DOWNLOAD_MAXSIZE=200000", "-s", "RETRY_BACKOFF_BASE=0.1",
            "-s", "NEWS_MAX_LIST_PAGES=5", "-s", "DEPTH_LIMIT=8", "-s", "NEWS_FOLLOW_RELATED=0",
            "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "REDIRECT_MAX_TIMES=5"]


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    server = subprocess.Popen([sys.executable, "-m", "tests.faultserver"], cwd=REPO, stdout=subprocess.PIPE, text=True)
    base = server.stdout.readline().strip()
    try:
        result = run_crawl(tmp_path_factory.mktemp("faults"), "-a", f"start_urls={base}", *SETTINGS)
    finally:
        server.terminate()
        server.wait(10)
    result.base = base
    return result


def reject(crawl, path):
    found = [r for r in crawl.rejects if r["url"].startswith(crawl.base + path.lstrip("/"))]
    assert len(found) == 1, (path, crawl.rejects)
    return found[0]


@pytest.mark.parametrize("path,reason", [
    ("/info/404.html", "http_404"),
    ("/info/410.html", "http_410"),
    ("/info/500.html", "http_500"),
    ("/info/301.html", "redirect_loop"),
    ("/info/777.html", "timeout"),
    ("/info/888.html", "truncated_transfer"),
    ("/info/999.html", "too_large"),
    ("/info/998.html", "too_large"),  # a decompression bomb
    ("/info/992.html", "too_large"),  # no Content-Length: cut while it arrives
    ("/info/997.html", "not_html"),
    ("/private/info/996.html", "robots_forbidden"),
    ("/info/994.html", "no_headline"),
    ("/info/993.html", "empty_response"),
    ("/info/701.html", "redirect_loop"),  # A -> B -> A: not dropped as a duplicate
    ("/info/703.html", "redirect_loop"),  # a meta refresh to itself
])
def test_fault_becomes_a_counted_logged_reject(crawl, path, reason):
    r = reject(crawl, path)
    assert r["reason"] == reason
    assert crawl.stats[f"rejects/{reason}"] >= 1
    assert f"Rejected {r['url']}: {reason}" in crawl.log


def test_good_pages_survive_beside_the_faults(crawl):
    urls = sorted(a["url"].rsplit("/", 1)[1] for a in crawl.articles)
    assert urls == ["101.html", "102.html", "503.html", "600.html", "601.html", "995.html"]
    assert crawl.report["finish_reason"] == "finished"
    assert crawl.report["verdict"] == "PASS"
    assert crawl.stats.get("log_count/ERROR", 0) == 0


def test_404_and_410_are_not_retried_but_5xx_are_with_backoff(crawl):
    s = crawl.stats
    assert s["retry/reason_count/500 Internal Server Error"] == 2
    assert s["retry/reason_count/503 Service Unavailable"] == 1  # then served: an item
    assert not any("404" in k or "410" in k for k in s if k.startswith("retry/reason_count"))
    assert s["retry/backoff_seconds"] >= 0.1 * (1 + 2 + 1)
    assert "Gave up retrying <GET " + crawl.base + "info/500.html>" in crawl.log


def test_redirect_off_site_is_counted_and_logged(crawl):
    assert crawl.stats["offsite/filtered"] >= 1 and crawl.stats["redirects/offsite"] == 1
    assert f"Not following the redirect of {crawl.base}info/302.html to another site" in crawl.log


def test_infinite_pagination_stops_at_the_cap(crawl):
    assert crawl.stats["pagination/capped"] == 2
    assert "Pagination cap (NEWS_MAX_LIST_PAGES=5) reached at " + crawl.base + "list/inf_5.html" in crawl.log
    # a pager whose every page calls itself page 1 stops there too
    assert "Pagination cap (NEWS_MAX_LIST_PAGES=5) reached at " + crawl.base + "list/one_5.html" in crawl.log


def test_nothing_is_sent_to_another_port_of_a_start_host(crawl):
    from tests.faultserver import OTHER_PORT

    assert reject(crawl, "/info/700.html")["reason"] == "offsite_port"  # a 302 there: named by the URL asked for
    assert f"(redirected to {OTHER_PORT}/info/12.html)" in reject(crawl, "/info/700.html")["detail"]
    linked = [r for r in crawl.rejects if r["url"] == f"{OTHER_PORT}/info/1005.html"]  # a link there
    assert [r["reason"] for r in linked] == ["offsite_port"]
    assert crawl.stats["offsite/port"] == 2  # robots.txt of that port was never asked for either


def test_section_farms_and_growing_links_stop_within_their_budgets(tmp_path):
    server = subprocess.Popen([sys.executable, "-m", "tests.faultserver"], cwd=REPO, stdout=subprocess.PIPE, text=True)
    base = server.stdout.readline().strip()
    try:
        crawl = run_crawl(tmp_path, "-a", f"start_urls={base}secfarm/s0.html,{base}grow/g.html", *SETTINGS,
                          "-s", "DEPTH_LIMIT=100", "-s", "NEWS_MAX_REQUESTS_PER_SITE=120",
                          "-s", "SPIDERMON_MIN_ITEMS=0")  # traps and nothing else: no article to ask for
    finally:
        server.terminate()
        server.wait(10)
    s = crawl.stats
    assert s["traps/site_requests"] >= 1 and "Crawler trap (site_requests): not following" in crawl.log
    # the site's budget of requests the spider yields, and the two start URLs and robots.txt
    assert s["downloader/request_count"] <= 120 + 3


def test_calendar_trap_stays_bounded(crawl):
    assert crawl.stats["request_depth_max"] <= 8
    assert crawl.stats["downloader/request_count"] < 60 + 2 * 5  # and the redirect loops' hops


def test_wrong_charset_is_overruled_and_counted(crawl):
    item = next(a for a in crawl.articles if a["url"].endswith("/995.html"))
    assert item["encoding"] == "gb18030" and "挖矿" in item["headline"]
    assert crawl.stats["charset/mismatch"] == 1
    assert f"Declared charset utf-8 garbles {crawl.base}info/995.html" in crawl.log


def test_an_article_printed_over_pages_is_one_article(crawl):
    article = next(a for a in crawl.articles if a["url"].endswith("/600.html"))
    texts = [b["text"] for b in article["blocks"]]
    assert [t[:3] for t in texts] == ["第一页", "第二页", "第三页"]  # each page's story, in order (zh-Hans)
    assert len(article["briefIds"]) == 1  # the brief on page 2, split from the joined story
    assert any(b["id"] == article["briefIds"][0] for b in crawl.briefs)
    assert crawl.stats["parts/joined"] == 2
    assert not any(r["url"].startswith(crawl.base + "info/600_") for r in crawl.rejects)


def test_a_lost_page_of_an_article_is_a_reject_and_the_rest_is_kept(crawl):
    article = next(a for a in crawl.articles if a["url"].endswith("/601.html"))
    assert article["articleBody"].startswith("只有第一页还在的文章")
    r = reject(crawl, "/info/601_2.html")
    assert r["reason"] == "http_404" and f"page 2 of {crawl.base}info/601.html" in r["detail"]
    assert f"Rejected {r['url']}: http_404" in crawl.log


@pytest.mark.parametrize("robots,reason", [("503", "robots_unavailable"), ("huge", "robots_unavailable"),
                                           ("drop", "download_error")])
def test_a_robots_txt_that_cannot_be_read_disallows_the_site_for_the_run(tmp_path, robots, reason):
    """RFC 9309: a 5xx or unreachable robots.txt means complete disallow; more than 500 KiB
    need not be read. The site is not crawled (Scrapy's default crawls it all), no ERROR is
    logged, the rejects are tried again next run, and a crawl that got no start page failed.
    A robots.txt the connection dropped is that download error."""
    import os

    env = {**os.environ, "FAULT_ROBOTS": robots}
    server = subprocess.Popen([sys.executable, "-m", "tests.faultserver"], cwd=REPO, stdout=subprocess.PIPE,
                              text=True, env=env)
    base = server.stdout.readline().strip()
    try:
        crawl = run_crawl(tmp_path, "-a", f"start_urls={base}", *SETTINGS, returncode=1)
    finally:
        server.terminate()
        server.wait(10)
    assert [(r["url"], r["reason"]) for r in crawl.rejects] == [(base, reason)]
    assert crawl.stats["robotstxt/unavailable"] == 1 and crawl.stats["downloader/request_count"] == 1
    assert not any(k.startswith("robotstxt/response_status_count/") for k in crawl.stats)  # none came
    assert crawl.stats["log_count/ERROR"] == 0 and crawl.report["verdict"] == "FAIL"
    from crawler.reasons import remembered

    assert not remembered(reason)


def _refusing_port() -> str:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}/"


@pytest.mark.parametrize("kind,reason", [("dns", "dns_error"), ("refused", "connection_refused"),
                                         ("silent", "timeout"), ("tls", "tls_error"), ("folder", "not_a_file"),
                                         ("missing", "file_not_found")])
def test_a_dead_site_fails_the_crawl_and_names_the_cause(tmp_path, kind, reason):
    """A crawl none of whose start URLs could be downloaded is a FAIL (exit 1) on a first run
    as on a later one; its reject says why, the last line too, and no robots.txt answer is
    reported that never came."""
    import socket
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from crawler.reasons import remembered

    silent = socket.socket()  # accepts connections (the kernel's backlog) and never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(8)
    plain = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)  # plain HTTP where TLS is spoken
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    (tmp_path / "site").mkdir()
    url = {"dns": "http://no-such-host.invalid/", "refused": _refusing_port(),
           "silent": f"http://127.0.0.1:{silent.getsockname()[1]}/",
           "tls": f"https://127.0.0.1:{plain.server_address[1]}/",
           "folder": (tmp_path / "site").as_uri(), "missing": (tmp_path / "site" / "nope.html").as_uri()}[kind]
    try:
        for run in ("first", "later"):
            crawl = run_crawl(tmp_path / "out", "-a", f"start_urls={url}", "-s", "DOWNLOAD_TIMEOUT=1",
                              "-s", "RETRY_TIMES=0", returncode=1)
            last = crawl.log.strip().splitlines()[-1]
            assert last.startswith("Crawl FAIL: 0 articles, 0 briefs, "), run
            assert "Start URL Monitor: none of the 1 start URLs could be downloaded" in last, last
            assert (f"rejects {reason} 1" in last) == (run == "first" or not remembered(reason)), last
            assert any(m.startswith("Start URL Monitor") for m in crawl.report["monitors_failed"]), run
            assert not any(k.startswith("robotstxt/response_status_count/") for k in crawl.stats)
    finally:
        silent.close()
        plain.shutdown()
    # a passing fault is written by each run; a permanent one once
    assert [r["reason"] for r in crawl.rejects] == [reason] * (1 if remembered(reason) else 2)
    assert crawl.stats["log_count/ERROR"] == 0


def test_a_site_waiting_out_its_retries_does_not_stall_another(tmp_path, demo_server):
    """Retries wait outside the downloader: four pages of a failing site pausing 20 s each
    before their retry take none of the two download places the demo site needs."""
    import threading
    from datetime import datetime
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Failing(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(503 if self.path != "/robots.txt" else 404)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    failing = ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=failing.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{failing.server_address[1]}"
    try:
        crawl = run_crawl(tmp_path, "-a", "start_urls=" + ",".join([f"{base}/info/{n}.html" for n in range(4)]
                                                                  + demo_server.urls()),
                          "-s", "CONCURRENT_REQUESTS=2", "-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_TIMES=1",
                          "-s", "RETRY_BACKOFF_BASE=20", "-s", "RETRY_BACKOFF_MAX=60")
    finally:
        failing.shutdown()
    started = datetime.fromisoformat(crawl.report["start_time"])
    last_demo_page = max(datetime.fromisoformat(a["dateDownloaded"]) for a in crawl.articles)
    assert len(crawl.articles) == 40 and (last_demo_page - started).total_seconds() < 15
    assert crawl.report["elapsed_seconds"] >= 20  # the crawl stayed open for the retries
    assert [r["reason"] for r in crawl.rejects if r["url"].startswith(base)] == ["http_503"] * 4
    # and the demo's cut transfer (1020.html), retried once too
    assert crawl.stats["retry/count"] == 4 + 1 and crawl.stats["retry/backoff_seconds"] == 20 * 5
