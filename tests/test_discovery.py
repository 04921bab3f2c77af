"""Sitemaps and feeds: the readers on invented documents, then crawls of loopback sites that
publish more than their lists show, and of sites whose sitemaps and feeds attack."""
from __future__ import annotations

import gzip
import time
from datetime import datetime, timedelta

import pytest

from crawler.discovery import Limits, date_from_evidence, feed_links, kind_of, read_feed, read_sitemap, ways
from crawler.items import Article
from crawler.pages.dom import parse_html
from crawler.text.dates import CHINA_TZ
from tests import discoverysite as site
from tests.conftest import run_crawl
from tests.loopback import page, send, serve

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=CHINA_TZ)
LIMITS = Limits(max_bytes=1_000_000, max_entries=50_000, now=NOW, future=timedelta(hours=24))
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32",
        "-s", "DATES_NOW=2026-12-07T12:00:00+08:00", "-s", "NEWS_REPORT_HTML=0"]
HOST = "a.test"


def urlset(*locs: str) -> bytes:
    return ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{u}</loc></url>" for u in locs) + "</urlset>").encode()


# -- the readers ------------------------------------------------------------------------
def test_a_news_sitemap_gives_each_entry_its_date_and_title_gzip_or_not():
    body = site.urlset(HOST, range(1, 4), news=True)
    found = read_sitemap(f"http://{HOST}/news.xml", body, LIMITS)
    assert (found.kind, found.reject) == ("sitemap", None)
    first = found.entries[0]
    assert (first.url, first.via, first.title) == (f"http://{HOST}/info/1.html", "sitemaps", site.headline(1))
    assert first.published == "2026-06-01T17:00:00+08:00" and first.modified == "2026-06-01T00:00:00+08:00"
    assert read_sitemap(f"http://{HOST}/news.xml.gz", gzip.compress(body), LIMITS) == found


def test_a_sitemap_index_names_its_sitemaps_with_their_dates():
    body = site.sitemap_index(HOST, [("/s1.xml", datetime(2026, 12, 1, 8, 0))])
    found = read_sitemap(f"http://{HOST}/index.xml", body, LIMITS)
    assert found.kind == "sitemapindex" and found.entries == []
    assert [(c.url, c.modified) for c in found.sitemaps] == [(f"http://{HOST}/s1.xml", "2026-12-01T08:00:00+08:00")]


def test_rss_and_atom_give_each_item_its_date_and_title():
    rss = read_feed(f"http://{HOST}/feed.xml", site.rss(HOST, range(3, 0, -1)), LIMITS)
    atom = read_feed(f"http://{HOST}/atom.xml", site.atom(HOST, range(3, 0, -1)), LIMITS)
    assert [e.url for e in rss.entries] == [e.url for e in atom.entries] == [
        f"http://{HOST}/info/{n}.html" for n in (3, 2, 1)]
    assert rss.entries[2].published == "2026-06-01T17:00:00+08:00" and rss.entries[2].modified is None
    assert atom.entries[2].modified == "2026-06-01T17:00:00+08:00"
    assert rss.entries[0].title == site.headline(3) and rss.reject is None and atom.reject is None


def test_start_pages_name_their_feeds_on_their_own_host():
    root = parse_html('<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
                      '<link rel="alternate" type="application/atom+xml" href="http://b.test/atom">'
                      '<link rel="stylesheet" href="/x.css"></head><body><p>x</p></body></html>')
    assert feed_links(f"http://{HOST}/", root) == [f"http://{HOST}/feed.xml"]


def test_what_a_body_is_is_read_from_its_root_element():
    assert kind_of(site.urlset(HOST, range(1, 2), news=False)) == "sitemap"
    assert kind_of(gzip.compress(b"<urlset/>")) == "sitemap"
    assert kind_of(site.rss(HOST, range(1, 2))) == kind_of(site.atom(HOST, range(1, 2))) == "feed"
    assert kind_of(page("<p>x</p>")) is None and kind_of(b"") is None


def test_an_entry_date_dates_an_article_that_prints_none():
    evidence = {"published": "2026-12-01T10:00:00+08:00", "modified": "2026-12-02T00:00:00+08:00"}
    undated, dated = Article(url="u"), Article(url="v", datePublishedRaw="2026年11月30日")
    date_from_evidence(undated, evidence)
    date_from_evidence(dated, evidence)
    assert undated.datePublishedRaw == "2026-12-01T10:00:00+08:00" and dated.datePublishedRaw == "2026年11月30日"
    modified_only = Article(url="w")
    date_from_evidence(modified_only, {"modified": "2026-12-02T00:00:00+08:00"})
    assert modified_only.datePublishedRaw is None


def test_discover_names_the_ways():
    assert ways("auto").names == ways("all").names == ["lists", "sitemaps", "feeds"]
    assert not ways("auto").probe and ways("all").probe
    assert ways("sitemaps, feeds").names == ["sitemaps", "feeds"] and ways("lists").names == ["lists"]
    for bad in ("", "sitemap", "lists,rss"):
        with pytest.raises(ValueError, match="auto, all, or one or more of lists, sitemaps, feeds"):
            ways(bad)


# -- hostile documents: each a reject with its reason, in bounded time ---------------------
def timed(read, *args):
    started = time.monotonic()
    found = read(*args)
    return found, time.monotonic() - started


def test_a_gzip_bomb_is_not_inflated_past_the_cap():
    found, took = timed(read_sitemap, f"http://{HOST}/s.xml.gz", gzip.compress(b" " * 50_000_000), LIMITS)
    assert found.reject[0] == "too_large" and "1000000 bytes" in found.reject[1] and took < 2


def test_more_entries_than_a_sitemap_or_feed_may_hold_are_not_read():
    locs = [f"http://{HOST}/{i}" for i in range(50_001)]
    found, took = timed(read_sitemap, f"http://{HOST}/s.xml", urlset(*locs), LIMITS)
    assert (found.reject[0], found.entries) == ("too_many_entries", []) and took < 5
    assert read_sitemap(f"http://{HOST}/s.xml", urlset(*locs[:50_000]), LIMITS).reject is None
    items = b"".join(b"<item><link>http://a.test/%d</link></item>" % i for i in range(50_001))
    found, took = timed(read_feed, f"http://{HOST}/f", b"<rss><channel>" + items + b"</channel></rss>", LIMITS)
    assert (found.reject[0], found.entries) == ("too_many_entries", []) and took < 2


@pytest.mark.parametrize("body", [urlset("http://a.test/1", "http://a.test/2")[:-15], b"<urlset><url><loc>x",
                                  b"\x1f\x8b not gzip", b"<html><body>404</body></html>", b"plain text"])
def test_malformed_sitemaps_are_rejected_whole(body):
    found = read_sitemap(f"http://{HOST}/s.xml", body, LIMITS)
    assert found.reject[0] == "malformed_sitemap" and found.entries == []


def test_a_malformed_feed_is_rejected_and_entities_are_never_expanded():
    assert read_feed(f"http://{HOST}/f", site.rss(HOST, range(1, 3))[:-30], LIMITS).reject[0] == "malformed_feed"
    laughs = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %c "%s">' % (ord("b") + i, (b"&%c;" % (ord("a") + i)) * 10) for i in range(8))
        + b']><rss><channel><item><title>&i;</title><link>http://a.test/1</link></item></channel></rss>')
    found, took = timed(read_feed, f"http://{HOST}/f", laughs, LIMITS)
    assert took < 2 and (found.reject is not None or len(found.entries[0].title or "") < 1000)


def test_entries_on_other_hosts_are_left_out_and_said():
    found = read_sitemap(f"http://{HOST}/s.xml", urlset(f"http://{HOST}/1", "http://evil.test/2",
                                                        "file:///etc/passwd", f"https://{HOST}/3"), LIMITS)
    assert [e.url for e in found.entries] == [f"http://{HOST}/1", f"https://{HOST}/3"]
    assert found.offsite == 2 and found.reject == ("offsite_entries", "2 entries on other hosts are not followed")


def test_dates_out_of_any_clock_are_no_dates():
    body = urlset(f"http://{HOST}/1").replace(b"</loc>", b"</loc><lastmod>0001-01-01T00:00:00+14:00</lastmod>")
    found = read_sitemap(f"http://{HOST}/s.xml", body, LIMITS)
    assert found.entries[0].modified is None and found.reject is None


def test_a_feed_whose_dates_lie_keeps_its_entries_but_not_their_dates():
    lying = site.rss(HOST, range(1, 3)).replace(b"2026", b"2031")
    found = read_feed(f"http://{HOST}/f", lying, LIMITS)
    assert [e.published for e in found.entries] == [None, None] and len(found.entries) == 2
    assert found.reject[0] == "future_dates" and found.future == 2


# -- crawls ----------------------------------------------------------------------------
def _site(**options):
    routes: dict = {}
    server = serve(routes)
    served = server.__enter__()
    routes.update(site.site_routes(f"127.0.0.1:{served.port}", **options))
    return server, served


def test_a_site_whose_lists_show_20_of_500_is_crawled_whole_from_its_sitemap(tmp_path):
    undated = range(301, 311)  # their pages print no date: their news sitemap entries do
    server, served = _site(undated=undated)
    try:
        first = run_crawl(tmp_path, "-a", f"start_urls={served.url('/')}", *FAST)
        hits = len(served.hits)
        again = run_crawl(tmp_path, "-a", f"start_urls={served.url('/')}", *FAST)
        sitemaps_only = run_crawl(tmp_path, "-a", f"start_urls={served.url('/')}", "-a", "discover=sitemaps", *FAST)
    finally:
        server.__exit__(None, None, None)
    assert sorted(int(a["url"].rsplit("/", 1)[1].split(".")[0]) for a in first.articles) == list(range(1, 501))
    found = first.report["discovery"]["sites"][f"127.0.0.1:{served.port}"]
    assert found["articles"] == {"lists": 20, "sitemaps": 480}
    assert found["requests"] == {"start": 1, "robots": 1, "lists": 20, "sitemaps": 3 + 480}
    assert first.report["discovery"]["ways"] == ["lists", "sitemaps", "feeds"]
    dated = {a["url"].rsplit("/", 1)[1]: a["datePublished"] for a in first.articles}
    assert all(dated[f"{n}.html"] == site.published(n).isoformat() + "+08:00" for n in (*undated, 311))
    assert dated["301.html"] == "2026-09-09T17:00:00+08:00"
    assert hits == 505
    # unchanged: robots.txt, the home page, and the sitemap index answering 304
    for rerun in (again, sitemaps_only):
        assert rerun.stats["downloader/request_count"] <= 3 and rerun.report["items"] == {}
        assert rerun.stats["discovery/not_modified"] == 1 and rerun.report["verdict"] == "PASS"
    assert [p for _, p in served.hits[hits:hits + 3]] == ["/robots.txt", "/", "/sitemap_index.xml"]


def test_a_site_is_crawled_through_its_feed_and_an_unchanged_feed_costs_one_request(tmp_path):
    server, served = _site(robots_names_sitemap=False, feeds=("/feed.xml",))
    try:
        first = run_crawl(tmp_path, "-a", f"start_urls={served.url('/')}", "-a", "discover=feeds", *FAST)
        again = run_crawl(tmp_path, "-a", f"start_urls={served.url('/')}", "-a", "discover=feeds", *FAST)
        atom = run_crawl(tmp_path / "atom", "-a", f"start_urls={served.url('/atom.xml')}", *FAST)
        atom_again = run_crawl(tmp_path / "atom", "-a", f"start_urls={served.url('/atom.xml')}", *FAST)
    finally:
        server.__exit__(None, None, None)
    newest = {f"{n}.html" for n in range(471, 501)}
    assert {a["url"].rsplit("/", 1)[1] for a in first.articles} == newest  # the lists are not walked
    assert first.report["discovery"]["sites"][f"127.0.0.1:{served.port}"]["articles"] == {"feeds": 30}
    assert first.report["discovery"]["ways"] == ["feeds"]
    assert again.stats["downloader/request_count"] == 3 and again.stats["discovery/not_modified"] == 1
    assert {a["url"].rsplit("/", 1)[1] for a in atom.articles} == newest
    # a feed as the start URL: robots.txt and the feed (If-Modified-Since: 304)
    assert atom_again.stats["downloader/request_count"] == 2 and atom_again.report["verdict"] == "PASS"
    assert atom_again.stats["discovery/not_modified"] == 1 and atom_again.stats["start_urls/downloaded"] == 1


def test_sitemap_and_feed_attacks_are_rejects_with_their_reasons(tmp_path):
    routes: dict = {}
    with serve(routes) as served:
        host = f"127.0.0.1:{served.port}"
        names = ["/bomb.xml.gz", "/huge.xml", "/loop-a.xml", "/offsite.xml", "/broken.xml", "/deep-0.xml"]
        robots = "User-agent: *\n" + "".join(f"Sitemap: http://{host}{n}\n" for n in names)
        routes["/robots.txt"] = lambda h: send(h, robots.encode(), ctype="text/plain")
        routes["/"] = lambda h: send(h, page('<link rel="alternate" type="application/rss+xml" href="/lying.xml">'
                                             "<h1>首页</h1>"))
        bomb = gzip.compress(b" " * 20_000_000)  # inflates past DOWNLOAD_MAXSIZE (16 MiB)
        routes["/bomb.xml.gz"] = lambda h: send(h, bomb, ctype="application/x-gzip")
        huge = urlset(*(f"http://{host}/info/{i}.html" for i in range(50_001)))
        routes["/huge.xml"] = lambda h: send(h, huge, ctype="application/xml")
        for a, b in (("a", "b"), ("b", "a")):
            index = site.sitemap_index(host, [(f"/loop-{b}.xml", site.published(1))])
            routes[f"/loop-{a}.xml"] = lambda h, index=index: send(h, index, ctype="application/xml")
        for depth in range(6):  # each index names the next: deeper than DISCOVERY_MAX_DEPTH
            index = site.sitemap_index(host, [(f"/deep-{depth + 1}.xml", site.published(1))])
            routes[f"/deep-{depth}.xml"] = lambda h, index=index: send(h, index, ctype="application/xml")
        offsite = urlset(f"http://{host}/info/1.html", "http://evil.test/info/2.html")
        routes["/offsite.xml"] = lambda h: send(h, offsite, ctype="application/xml")
        routes["/broken.xml"] = lambda h: send(h, urlset(f"http://{host}/info/2.html")[:-9], ctype="application/xml")
        lying = site.rss(host, range(3, 5)).replace(b"2026", b"2031")
        routes["/lying.xml"] = lambda h: send(h, lying, ctype="application/rss+xml")
        for n in (1, 3, 4):
            routes[f"/info/{n}.html"] = lambda h, n=n: send(h, site.article_page(n))
        started = time.monotonic()
        crawl = run_crawl(tmp_path, "-a", f"start_urls={served.url('/')}", *FAST)
        took = time.monotonic() - started
    rejects = sorted((r["url"].split("/", 3)[3], r["reason"]) for r in crawl.rejects)
    assert rejects == [("bomb.xml.gz", "too_large"), ("broken.xml", "malformed_sitemap"),
                       ("deep-3.xml", "sitemap_too_deep"), ("huge.xml", "too_many_entries"),
                       ("loop-b.xml", "sitemap_loop"), ("lying.xml", "future_dates"),
                       ("offsite.xml", "offsite_entries")]
    assert sorted(a["url"].rsplit("/", 1)[1] for a in crawl.articles) == ["1.html", "3.html", "4.html"]
    assert not any("evil.test" in p or "info/2.html" in p for _, p in served.hits)
    assert {p for _, p in served.hits if p.startswith("/deep")} == {f"/deep-{d}.xml" for d in range(4)}
    # the pages of a lying feed print their own dates; its own dates are not taken
    assert {a["datePublished"][:4] for a in crawl.articles} == {"2026"}
    assert took < 60 and crawl.report["verdict"] == "PASS"
    for reject in crawl.rejects:
        assert f"Rejected {reject['url']}: {reject['reason']}" in crawl.log


def test_sitemaps_asked_for_by_name_are_looked_for_at_sitemap_xml(tmp_path):
    routes: dict = {}
    with serve(routes) as served:
        host = f"127.0.0.1:{served.port}"
        routes["/"] = lambda h: send(h, site.home_page((), range(1, 4)))
        routes["/sitemap.xml"] = lambda h: send(h, site.urlset(host, range(1, 4), news=False), ctype="text/xml")
        for n in range(1, 4):
            routes[f"/info/{n}.html"] = lambda h, n=n: send(h, site.article_page(n))
        named = run_crawl(tmp_path, "-a", f"start_urls={served.url('/')}", "-a", "discover=sitemaps", *FAST)
        auto = run_crawl(tmp_path / "auto", "-a", f"start_urls={served.url('/')}", *FAST)
    assert sorted(a["url"].rsplit("/", 1)[1] for a in named.articles) == ["1.html", "2.html", "3.html"]
    assert "/sitemap.xml" in [p for _, p in served.hits[:5]]
    # by default only what robots.txt announces is read: the lists find the rest
    assert auto.stats.get("discovery/requests/sitemaps") is None and auto.report["items"]["article"] == 3


def test_an_unknown_way_stops_the_crawl_before_anything_is_fetched(tmp_path):
    crawl = run_crawl(tmp_path, "-a", "start_urls=http://127.0.0.1:9/", "-a", "discover=rss", returncode=2)
    assert "-a discover='rss': give auto, all, or one or more of lists, sitemaps, feeds" in crawl.log


def test_only_the_sitemaps_and_entries_that_changed_are_fetched_again(tmp_path):
    """A server without conditional requests: the index's lastmod says which sitemaps
    changed, an entry's lastmod which known page did."""
    routes: dict = {}
    later = datetime.now(CHINA_TZ) + timedelta(minutes=5)  # after the first runs fetched everything
    with serve(routes) as served:
        host = f"127.0.0.1:{served.port}"
        current = {"index": site.sitemap_index(host, [("/s1.xml", site.published(2)), ("/s2.xml", site.published(3))]),
                   "s2": site.urlset(host, range(3, 4), news=False)}
        routes["/robots.txt"] = lambda h: send(h, f"Sitemap: http://{host}/index.xml\n".encode(), ctype="text/plain")
        routes["/"] = lambda h: send(h, site.home_page((), range(1, 3)))
        routes["/index.xml"] = lambda h: send(h, current["index"], ctype="application/xml")
        routes["/s1.xml"] = lambda h: send(h, site.urlset(host, range(1, 3), news=False), ctype="application/xml")
        routes["/s2.xml"] = lambda h: send(h, current["s2"], ctype="application/xml")
        for n in range(1, 5):
            routes[f"/info/{n}.html"] = lambda h, n=n: send(h, site.article_page(n))
        unpinned = [*FAST[:6], "-s", "NEWS_REPORT_HTML=0"]  # the crawl's clock: `later` is no lie
        args = ("-a", f"start_urls={served.url('/')}", *unpinned)
        first = run_crawl(tmp_path, *args)
        again = run_crawl(tmp_path, *args)
        seen = len(served.hits)
        current["index"] = site.sitemap_index(host, [("/s1.xml", site.published(2)), ("/s2.xml", later)])
        current["s2"] = site.urlset(host, range(3, 5), news=False).replace(
            f"<lastmod>{site.published(3):%Y-%m-%d}</lastmod>".encode(), f"<lastmod>{later.isoformat()}</lastmod>".encode())
        changed = run_crawl(tmp_path, *args)
    assert first.report["items"]["article"] == 3
    assert again.stats["downloader/request_count"] == 3 and again.stats["discovery/unchanged"] == 2
    assert sorted(p for _, p in served.hits[seen:]) == ["/", "/index.xml", "/info/3.html", "/info/4.html",
                                                       "/robots.txt", "/s2.xml"]
    assert changed.stats["incremental/entry_changed"] == 1 and changed.report["items"]["article"] == 1
    assert changed.articles[-1]["url"].endswith("/info/4.html")


def test_the_html_report_shows_per_site_what_each_way_found_and_cost():
    from crawler.sinks.htmlreport import run_page

    sites = {"a.test": {"articles": {"lists": 20, "sitemaps": 480}, "requests": {"start": 1, "robots": 1,
                                                                                  "sitemaps": 483}, "capped": True}}
    shown = run_page({"discovery": {"ways": ["sitemaps"], "sites": sites}})
    table = shown[shown.index('<table data-table="discovery">'):].split("</table>")[0]
    cells = [c.split(">", 1)[1] for c in table.split("<tr>")[2].split("</td>") if "<td" in c]
    assert cells == ["a.test (capped)", "0", "20", "480", "0", "1", "0", "483", "0", "1"]
    assert "Ways asked for: sitemaps." in shown
