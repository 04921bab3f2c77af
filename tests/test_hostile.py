"""Hostile sites: each attack served by a loopback server of its own, and crawled."""
from __future__ import annotations

import subprocess

from crawler.demo.site import MAIN, DemoSite
from tests.conftest import REPO, CrawlResult, crawl_command, run_crawl
from tests.loopback import page, send, serve

DEMO = DemoSite()
ARTICLE = DEMO.get(MAIN, "/info/1001.html").body
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "RETRY_BACKOFF_BASE=0.1", "-s", "NEWS_FOLLOW_RELATED=0",
        "-s", "NEWS_FOLLOW_SECTIONS=0"]
WILDCARD_DNS = ["-s", "TWISTED_DNS_RESOLVER=tests.wildcarddns.WildcardResolver"]


def listing(*urls: str) -> bytes:
    return page("<h1>列表</h1><ul>" + "".join(f'<li><a href="{u}">測試文章標題{i}</a><p>摘要.</p></li>'
                                              for i, u in enumerate(urls)) + "</ul>")


def article(handler) -> None:
    send(handler, ARTICLE)


def _local_service_crawl(tmp_path, *settings: str):
    """A site at www.example.test whose links and redirects lead to its subdomains, one of
    them on the port of a local service; a wildcard record points every name at 127.0.0.1."""
    with serve({"/info/101.html": article}) as service:
        routes = {"/info/102.html": article, "/info/104.html": article}
        with serve(routes) as site:
            evil_same_port = site.url("/info/102.html", host="evil.www.example.test")
            evil_service = service.url("/info/101.html", host="evil.www.example.test")
            moved_to_service = service.url("/info/101.html?via=302", host="evil.www.example.test")
            routes["/"] = lambda h: send(h, listing(evil_same_port, evil_service, "/info/103.html", "/info/104.html"))
            routes["/info/103.html"] = lambda h: send(h, b"", 302, Location=moved_to_service)
            crawl = run_crawl(tmp_path, "-a", f"start_urls={site.url('/', host='www.example.test')}",
                              *FAST, *WILDCARD_DNS, *settings)
        return crawl, site, service


def test_no_request_reaches_a_local_service_through_a_subdomain(tmp_path):
    crawl, site, service = _local_service_crawl(tmp_path)
    assert service.hits == []  # robots.txt included
    assert [h for h, _ in site.hits if not h.startswith("www.example.test")] == []
    reasons = sorted((r["url"].split("/", 3)[3], r["reason"]) for r in crawl.rejects)
    assert reasons == [("info/101.html", "offsite_port"), ("info/102.html", "private_address"),
                       ("info/103.html", "offsite_port")]
    assert [a["url"] for a in crawl.articles] == [site.url("/info/104.html", host="www.example.test")]
    assert crawl.stats["offsite/private_address"] == 1 and crawl.stats["offsite/port"] == 2
    assert "evil.www.example.test resolves to 127.0.0.1, not a public address" in crawl.log


def test_a_private_network_allowed_on_purpose_is_crawled(tmp_path):
    crawl, site, service = _local_service_crawl(tmp_path, "-s", "NEWS_ALLOW_PRIVATE_NETWORKS=127.0.0.0/8")
    assert service.hits == []  # another port stays off-site
    assert sorted(a["url"] for a in crawl.articles) == [site.url("/info/102.html", host="evil.www.example.test"),
                                                        site.url("/info/104.html", host="www.example.test")]


def test_a_saved_site_crawl_never_reads_outside_its_folder(tmp_path):
    """`../../secret/…` and `/../../secret/…` on a saved page, and a link to a symbolic link
    inside the folder that leads outside."""
    saved, secret = tmp_path / "saved" / "site", tmp_path / "secret" / "info"
    (saved / "info").mkdir(parents=True)
    secret.mkdir(parents=True)
    for n in (666, 667, 668):
        (secret / f"{n}.html").write_bytes(ARTICLE)
    (saved / "info" / "104.html").write_bytes(ARTICLE)
    (saved / "info" / "105.html").symlink_to(secret / "668.html")
    (saved / "index.html").write_bytes(listing("../../secret/info/666.html", "/../../secret/info/667.html",
                                               "info/104.html", "info/105.html"))
    crawl = run_crawl(tmp_path / "out", "-a", f"start_urls={(saved / 'index.html').as_uri()}", *FAST)
    assert [a["url"] for a in crawl.articles] == [(saved / "info" / "104.html").as_uri()]
    assert sorted((r["url"].rsplit("/", 1)[1], r["reason"]) for r in crawl.rejects) == [
        ("105.html", "outside_folder"), ("666.html", "outside_folder"), ("667.html", "outside_folder")]
    assert crawl.stats["offsite/folder"] == 3
    assert f"Rejected {(tmp_path / 'secret' / 'info' / '666.html').as_uri()}: outside_folder" in crawl.log


def test_a_spider_argument_never_writes_outside_the_feed_folder(tmp_path):
    """Every spider attribute is a feed URI parameter: the start URLs, in a name, put their
    slashes and dot segments in the path."""
    out = tmp_path / "a" / "b" / "out"
    path = "/info/../../../../../tmp/x/101.html"
    with serve({path: article, "/tmp/x/101.html": article}) as site:
        start = site.url(path)
        run_crawl(out, "-a", f"start_urls={start}", "-s", "NEWS_FEED_NAME=%(start_urls)s-%(time)s.jsonl", *FAST)
    written = sorted(tmp_path.rglob("*.jsonl"))
    assert all(p.is_relative_to(out) for p in written)  # nothing in a/tmp/
    feeds = [p for p in written if p.parent.name in ("articles", "briefs", "rejects")]
    assert [p.parent.name for p in feeds] == ["articles", "briefs", "rejects"]  # one file each
    assert all(p.name.startswith("__http___127.0.0.1_") for p in feeds)


def test_a_feed_name_that_leads_out_of_the_kinds_folders_is_refused(tmp_path):
    cmd, env = crawl_command(tmp_path / "out", "-a", "start_urls=http://127.0.0.1:9/", "-s",
                             "NEWS_FEED_NAME=../all-%(time)s.jsonl")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2  # a usage error, said before anything starts
    assert "error: NEWS_FEED_NAME '../all-%(time)s.jsonl' leads out of each kind's folder" in proc.stderr
    assert not list(tmp_path.rglob("*.jsonl"))


def _robots_crawl(tmp_path, robots):
    """``robots(site)``: the route of the site's robots.txt."""
    routes = {"/info/101.html": article}
    with serve(routes) as site:
        routes["/robots.txt"] = robots(site)
        routes["/"] = lambda h: send(h, listing("/info/101.html"))
        # nothing of the site is fetched, its start URL included: the crawl fails (Start URL Monitor)
        crawl = run_crawl(tmp_path, "-a", f"start_urls={site.url('/')}", *FAST, returncode=1)
    return crawl, site


def test_a_robots_txt_too_big_once_decompressed_disallows_the_site(tmp_path):
    """`Disallow: /` padded to 630 KB, served gzipped: 2 KB on the wire, over ROBOTSTXT_MAXSIZE
    once inflated, where the decompression cap stops it."""
    import gzip

    body = gzip.compress(b"User-agent: *\nDisallow: /\n" + b"# nothing to see here\n" * 30_000)
    crawl, site = _robots_crawl(tmp_path, lambda site: lambda h: send(h, body, ctype="text/plain",
                                                                     Content_Encoding="gzip"))
    assert [path for _, path in site.hits] == ["/robots.txt"]
    assert [(r["url"], r["reason"]) for r in crawl.rejects] == [(site.url("/"), "robots_unavailable")]
    assert crawl.stats["robotstxt/unavailable"] == 1
    assert f"robots.txt of 127.0.0.1:{site.port} cannot be read" in crawl.log
    assert crawl.stats.get("log_count/ERROR", 0) == 0 and crawl.report["verdict"] == "FAIL"


def test_a_robots_txt_redirected_to_another_host_is_unavailable_for_its_own_host(tmp_path):
    crawl, site = _robots_crawl(tmp_path, lambda site: lambda h: send(h, b"", 302,
                                                                     Location=site.url("/robots.txt", "localhost")))
    assert [(r["url"], r["reason"]) for r in crawl.rejects] == [(site.url("/"), "robots_unavailable")]
    assert f"robots.txt of 127.0.0.1:{site.port} (redirected to http://localhost:{site.port}/robots.txt) " \
           "cannot be read" in crawl.log
    assert "robots.txt of localhost" not in crawl.log
    from crawler.reasons import remembered

    assert not remembered("robots_unavailable")


def redirect_loop_routes() -> dict:
    """A → B → A with A and B both on the list page; and C → D, D listed too (not a loop)."""
    def to(path):
        return lambda h: send(h, b"", 302, Location=path)

    return {"/info/201.html": to("/info/202.html"), "/info/202.html": to("/info/201.html"),
            "/info/203.html": to("/info/204.html"), "/info/204.html": article,
            "/": lambda h: send(h, listing("/info/201.html", "/info/202.html", "/info/203.html", "/info/204.html"))}


def test_a_redirect_loop_between_two_listed_pages_ends_in_rejects(tmp_path):
    with serve(redirect_loop_routes()) as site:
        crawl = run_crawl(tmp_path, "-a", f"start_urls={site.url('/')}", *FAST, "-s", "REDIRECT_MAX_TIMES=4")
    assert sorted((r["url"], r["reason"]) for r in crawl.rejects) == [
        (site.url("/info/201.html"), "redirect_loop"), (site.url("/info/202.html"), "redirect_loop")]
    assert [a["url"] for a in crawl.articles] == [site.url("/info/204.html")]
    assert crawl.stats["dupefilter/redirect_loops"] == 1


def test_a_slow_site_costs_only_itself(tmp_path, demo_server):
    """40 pages dripping a byte every half second beside the demo site (40 articles): the
    demo's crawl is not held up by the slow site's timeouts, and the slow site stops at its
    time budget, named in the verdict. Both sites are on 127.0.0.1, on two ports."""
    from datetime import datetime

    from tests.loopback import drip

    slow_pages = [f"/info/{n}.html" for n in range(300, 340)]
    routes = {path: drip for path in slow_pages}
    with serve(routes) as slow:
        routes["/"] = lambda h: send(h, listing(*slow_pages))
        home = slow.url("/")
        cmd, env = crawl_command(tmp_path, "-a", "start_urls=" + ",".join([home, *demo_server.urls()]),
                                 "-s", "DOWNLOAD_TIMEOUT=10", "-s", "RETRY_TIMES=1", "-s", "RETRY_BACKOFF_BASE=0.1",
                                 "-s", "NEWS_SITE_TIME_BUDGET=6")
        proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    crawl = CrawlResult(tmp_path, proc)
    started = datetime.fromisoformat(crawl.report["start_time"])
    last_demo_page = max(datetime.fromisoformat(a["dateDownloaded"]) for a in crawl.articles)
    assert len(crawl.articles) == 40 and (last_demo_page - started).total_seconds() < 8
    assert crawl.report["elapsed_seconds"] < 20  # the slow site stopped at its budget
    site = home.split("/")[2]
    slow_rejects = {r["reason"] for r in crawl.rejects if r["url"].startswith(home + "info/")}
    assert len([r for r in crawl.rejects if r["url"].startswith(home + "info/")]) == 40
    assert slow_rejects <= {"timeout", "site_time_budget"} and "site_time_budget" in slow_rejects
    assert proc.returncode == 1 and crawl.report["verdict"] == "FAIL"
    assert f"Sites within their time budget: AssertionError: out of time: {site} (" in crawl.log
    assert crawl.stats["monitors/failed_sites"][0].startswith(f"{site} (")


def test_a_fan_out_of_offsite_redirects_does_not_keep_the_start_delay(tmp_path):
    """300 links of a site, each redirecting to another site, with AutoThrottle on (the
    default): at the start delay (0.25 s, then halved once by the list page) they took
    about 40 s; the delay now comes down on the redirects as on pages."""
    links = [f"/info/{n}.html" for n in range(5000, 5300)]
    routes = {path: (lambda h: send(h, b"", 302, Location="http://elsewhere.example.org/info/1.html"))
              for path in links}
    with serve(routes) as site:
        routes["/"] = lambda h: send(h, listing(*links))
        crawl = run_crawl(tmp_path, "-a", f"start_urls={site.url('/')}", "-s", "NEWS_FOLLOW_SECTIONS=0",
                          "-s", "SPIDERMON_MIN_ITEMS=0")
    assert crawl.stats["redirects/offsite"] == 300
    assert crawl.report["elapsed_seconds"] < 15
