"""End to end: ``scrapy crawl news`` over the demo site on a loopback server."""
from __future__ import annotations

import re
from collections import Counter

import pytest

from crawler.demo.site import DemoSite
from tests.conftest import run_crawl

MOJIBAKE = re.compile(r"[\u00c0-\u00ff\u2500-\u257f\ue000-\uf8ff]|\ufffd")


@pytest.fixture(scope="module")
def crawl(demo_server, tmp_path_factory):
    out = tmp_path_factory.mktemp("feeds")
    return run_crawl(out, "-a", "start_urls=" + ",".join(demo_server.urls()), "-s", "DATES_NOW=2026-11-28T12:00:00+08:00")


@pytest.fixture(scope="module")
def site():
    return DemoSite()


def test_exact_page_and_item_counts(crawl, site):
    m = site.manifest
    s = crawl.stats
    # every list page and article page once, the dead link once, robots.txt of both hosts; the
    # article whose transfer is cut short gives no response, however often it is retried
    cut = [path for path, flaw in m["bad_articles"].items() if flaw == "truncated"]
    assert s["downloader/response_count"] == m["list_pages"] + m["article_pages"] - len(cut) + len(m["dead_links"]) + 2
    assert s["retry/count"] == 2 * len(cut)
    assert s["downloader/response_status_count/404"] == len(m["dead_links"]) + 2
    assert len(crawl.articles) == m["articles"] == 40
    assert len(crawl.briefs) == m["briefs"] == 15
    assert sorted(r["reason"] for r in crawl.rejects) == ["empty_body", "http_404", "truncated_transfer"]


def test_nothing_requested_twice_and_offsite_not_followed(crawl):
    s = crawl.stats
    assert s["scheduler/enqueued"] == s["scheduler/dequeued"]
    urls = [a["url"] for a in crawl.articles] + [r["url"] for r in crawl.rejects]
    assert len(urls) == len(set(urls))
    assert s["offsite/filtered"] >= 1
    assert not any("example" in u for u in urls)
    # links yielded again stop before the engine; the dupefilter sees only other spellings
    assert s["requests/repeated"] > s["scheduler/enqueued"]
    assert s.get("dupefilter/filtered", 0) < s["requests/repeated"] / 10


def test_the_last_line_says_what_was_written_where_and_whether_it_passed(crawl):
    last = crawl.log.strip().splitlines()[-1]
    assert last.startswith(f"Crawl PASS: 40 articles, 15 briefs, 3 rejects in {crawl.out}/ (report {crawl.out}/reports/")
    # every monitor ran: counters absent when zero are there, so none is skipped
    assert (crawl.stats["monitors/passed"], crawl.stats["monitors/skipped"]) == (9, [])
    assert "Crawl verdict: PASS (9 monitors ran)" in crawl.log


def test_rejects_are_counted_logged_and_written(crawl, site):
    assert crawl.report["rejects"] == {"empty_body": 1, "http_404": 1, "total": 3, "truncated_transfer": 1}
    for reject in crawl.rejects:
        assert f"Rejected {reject['url']}: {reject['reason']}" in crawl.log
    bad = {r["url"].split(":", 2)[2].split("/", 1)[1] for r in crawl.rejects}
    assert bad == {p.lstrip("/") for p in list(site.manifest["bad_articles"]) + site.manifest["dead_links"]}


def test_each_brief_once_and_every_article_lists_its_briefs(crawl):
    ids = [b["id"] for b in crawl.briefs]
    assert len(ids) == len(set(ids))
    listed = Counter(i for a in crawl.articles for i in a["briefIds"])
    assert set(listed) == set(ids)
    assert all(n >= 2 for n in listed.values())  # each brief sits in several articles
    assert crawl.stats["briefs/duplicate"] == sum(listed.values()) - len(ids)


def test_reposts_are_recognised(crawl):
    # which copy is seen first depends on crawl order, so compare unordered pairs
    def name(url: str) -> str:
        return url.rsplit("/", 1)[1]

    pairs = {frozenset({name(a["url"]), name(a["repostOf"])}) for a in crawl.articles if a["repostOf"]}
    assert pairs == {frozenset(p) for p in [("1001.html", "2006.html"), ("1011.html", "2012.html"),
                                            ("1021.html", "2005.html"), ("1027.html", "2009.html"),
                                            ("1030.html", "2003.html")]}
    assert crawl.stats["reposts/exact"] == 4
    assert crawl.stats["reposts/near"] == 1  # 2006.html: the seed story cut short, a source line added
    by_url = {name(a["url"]): a for a in crawl.articles}
    for a, b in pairs:
        assert by_url[a]["storyCluster"] == by_url[b]["storyCluster"]
    near = (by_url["1001.html"], by_url["2006.html"])
    assert near[0]["storyId"] != near[1]["storyId"]
    assert len({a["storyCluster"] for a in crawl.articles}) == len(crawl.articles) - 5


def test_the_report_shows_the_repost_network(crawl):
    network = crawl.report["reposts"]
    assert (network["exact"], network["near"]) == (4, 1)
    clusters = network["largest_clusters"]
    assert len(clusters) == 5 and all(c["articles"] == 2 and c["copies"] == 1 for c in clusters)
    # each story is on both sites of the demo: the main one (127.0.0.1) and its sister (localhost)
    assert all([h.split(":")[0] for h in c["hosts"]] == ["127.0.0.1", "localhost"] for c in clusters)
    firsts = {a["url"]: a["dateDownloaded"] for a in crawl.articles if a["repostOf"] is None}
    assert all(firsts[c["first_url"]] == c["first_seen"] for c in clusters)
    hosts = network["hosts"]
    assert sum(h["articles"] for h in hosts.values()) == len(crawl.articles)
    assert sum(h["copies"] for h in hosts.values()) == 5


def test_seed_article_in_the_feed(crawl):
    seed = next(a for a in crawl.articles if a["url"].endswith("/info/1001.html"))
    assert seed["headline"] == "马斯克不讲武德:一边公开呼吁暂停AI研究 一边偷偷开发“AI版微信”?"
    assert seed["headlineRaw"] == "馬斯克不講武德:一邊公開呼吁暫停AI研究 一邊偷偷開發“AI版微信”?_ITT"
    assert seed["headlineTag"] == "ITT" and seed["category"] == "BNB" and seed["author"] is None
    assert len(seed["tags"]) == 7
    assert seed["datePublished"] is None and seed["datePublishedStatus"] == "placeholder"
    assert (seed["inLanguage"], seed["sourceScript"]) == ("zh-Hans", "zh-Hant")  # the text written, the page read
    assert len(seed["blocks"]) == 34 and len(seed["briefIds"]) == 5


def test_dates_are_iso_with_china_offset(crawl):
    dated = [x for x in crawl.articles + crawl.briefs if x["datePublished"]]
    assert len(dated) >= 15 + 5
    assert all(x["datePublished"].endswith("+08:00") for x in dated)
    whbot = next(a for a in crawl.articles if a["url"].endswith("/info/2003.html"))
    assert whbot["datePublished"] == "2021-04-27T12:48:57+08:00"


def test_no_mojibake_anywhere_and_undeclared_pages_detected(crawl):
    for item in crawl.articles + crawl.briefs:
        for value in item.values():
            if isinstance(value, str):
                assert not MOJIBAKE.search(value), (item.get("url"), value[:80])
    gbk = next(a for a in crawl.articles if a["url"].endswith("/info/1029.html"))
    assert gbk["encoding"] == "gb18030" and "闪电贷" in gbk["headline"]
    assert crawl.stats["charset/detected/gb18030"] == 1


def test_feeds_are_utf8_jsonl_not_escaped(crawl):
    raw = next((crawl.out / "articles").glob("*.jsonl")).read_bytes()
    assert "马斯克".encode("utf-8") in raw and b"\\u" not in raw.split(b"\n")[0][:2000]


def test_single_file_output_with_kinds(demo_server, tmp_path):
    one = tmp_path / "all.jsonl"
    result = run_crawl(tmp_path / "feeds", "-a", "start_urls=" + demo_server.urls()[1], "-O", str(one))
    import json

    items = [json.loads(line) for line in one.read_text("utf-8").splitlines()]
    kinds = Counter(i["kind"] for i in items)
    assert kinds["article"] == len(result.articles) == 12 and kinds["brief"] == len(result.briefs) > 0


def test_a_local_file_start_url(tmp_path):
    """file:// start URLs work; their links to other files are not web links to follow."""
    page = tmp_path / "1001.html"
    page.write_bytes(DemoSite().get("main", "/info/1001.html").body)
    result = run_crawl(tmp_path / "feeds", "-a", f"start_urls={page.as_uri()}", "-s", "NEWS_FOLLOW_RELATED=0")
    assert [a["headlineTag"] for a in result.articles] == ["ITT"]
    assert len(result.briefs) == 5 and result.articles[0]["url"] == page.as_uri()


def test_a_folder_of_saved_pages_crawls_where_a_user_expects(tmp_path):
    """Root-relative links from a saved page stay in the saved site (the folders of its start
    pages); a missing file is one final reject, not retried."""
    from tests.pagecases import ROOT

    site = tmp_path / "site"
    (site / "info").mkdir(parents=True)
    (site / "list").mkdir()
    (site / "info" / "1001.html").write_bytes((ROOT / "demo-main-info-1001" / "body.html").read_bytes())
    (site / "list" / "bnb_1.html").write_bytes((ROOT / "demo-main-list-bnb_1" / "body.html").read_bytes())
    starts = [(site / "info" / "1001.html").as_uri(), (site / "list" / "bnb_1.html").as_uri()]
    crawl = run_crawl(tmp_path / "out", "-a", "start_urls=" + ",".join(starts))
    missing = {r["url"] for r in crawl.rejects}
    assert all(r["reason"] == "file_not_found" for r in crawl.rejects)
    assert all(u.startswith(site.as_uri() + "/") for u in missing)
    assert (site / "info" / "1002.html").as_uri() in missing and (site / "list" / "ltc_1.html").as_uri() in missing
    assert len(crawl.articles) == 1 and "retry/count" not in crawl.stats
