"""News-flash (快讯) pages: read as briefs, each flash once, on its right day; walked as lists."""
from __future__ import annotations

from datetime import date, datetime

import pytest
from scrapy.http import HtmlResponse, Request

from crawler.explain import explain
from crawler.items import Article, Brief, Reject
from crawler.meta import ROLE, Role
from crawler.middlewares.briefs import BriefsMiddleware
from crawler.pages import FlashPage, page_classes, page_kind, read_page
from crawler.pages.briefs import read_blocks
from crawler.pages.brieftime import PageDay
from crawler.spiders.news import NewsSpider
from crawler.text.dates import CHINA_TZ, DateParser
from tests.pagecases import ROOT, load
from tests.test_components import crawler_with

# (title, the time as the page dates it, the flash's own URL) of every flash, in page order
FLASHES = {
    "unseen-flash-page-li-time": [
        ("某交易所将上线某某币现货交易", "2023-09-02T00:42", "https://lianbao.example/newsflash/50213.html"),
        ("某链主网完成第二次升级", "2023-09-02T00:05", "https://lianbao.example/newsflash/50212.html"),
        ("某稳定币24小时增发5亿枚", "2023-09-01T23:51", "https://lianbao.example/newsflash/50211.html"),
        ("某DeFi协议遭闪电贷攻击", "2023-09-01T21:18", "https://lianbao.example/newsflash/50210.html")],
    "unseen-flash-page-table": [
        ("某公链生态基金宣布募集2亿美元", "2023-09-01T16:30", None),
        ("某矿企上半年营收同比增长35%", "2023-09-01T15:02", None),
        ("某地监管机构发布虚拟资产新规", "2023-09-01T09:47", None),
        ("某NFT平台交易量创三个月新高", "2023-08-31T22:10", None)],
    "unseen-flash-page-div-soup": [
        ("某借贷协议上调稳定币存款利率", "2023-09-02T01:15", None),
        ("某交易所钱包转出1万枚BTC", "2023-09-01T23:40", None),
        ("某Layer2网络总锁仓量突破10亿美元", "2023-09-01T20:05", None)],
    # no day headings: the page's own date (00:50) dates them, the day before past midnight
    "unseen-flash-page-amp": [
        ("某钱包修复签名漏洞", "2023-09-02T00:50", None),
        ("某交易所暂停某币充提", "2023-09-02T00:12", None),
        ("某指数基金份额单日流入8000万美元", "2023-09-01T23:36", None)],
}
SITES = {"unseen-flash-page-li-time": "链报财经", "unseen-flash-page-table": "币报网",
         "unseen-flash-page-div-soup": "快币", "unseen-flash-page-amp": "讯币"}
NEXT = {"unseen-flash-page-li-time": "https://lianbao.example/newsflash/?page=2",
        "unseen-flash-page-table": "http://www.bibao.example/kx/index_2.html",
        "unseen-flash-page-div-soup": "https://www.kuaibi.example/live?page=2",
        "unseen-flash-page-amp": "https://m.xunbi.example/amp/flash/?p=2"}


@pytest.mark.parametrize("case", sorted(FLASHES))
def test_a_flash_page_gives_every_flash_once_on_its_day_and_no_article(case):
    url, body, headers = load(ROOT / case)
    page = read_page(url, body, headers)
    assert isinstance(page, FlashPage)
    emitted = page.emitted
    assert emitted.article is None and emitted.reject is None
    parser = DateParser(now=datetime(2026, 1, 1, tzinfo=CHINA_TZ))
    got = [(b.headline, parser.parse(b.datePublishedRaw).iso, b.url) for b in emitted.briefs]
    assert got == [(title, f"{time}:00+08:00", own) for title, time, own in FLASHES[case]]
    assert all(b.body and b.source for b in emitted.briefs)
    assert {b.originUrl for b in emitted.briefs} == {own or url for _, _, own in FLASHES[case]}
    assert len({b.id for b in emitted.briefs}) == len(emitted.briefs)


@pytest.mark.parametrize("case", sorted(FLASHES))
def test_a_flash_page_is_walked_as_a_list_by_its_load_more_link(case):
    page = read_page(*load(ROOT / case))
    listing = page.to_listing()
    assert listing.nextPage == NEXT[case]
    assert listing.entries == []  # the flashes' own pages are read here, not followed as articles


def test_the_outlet_is_the_source_unless_the_flash_names_another():
    page = read_page(*load(ROOT / "unseen-flash-page-amp"))
    assert [b.source for b in page.emitted.briefs] == ["讯币", "讯币", "讯币"]  # `据统计数据显示` names no outlet
    assert {b.source for b in read_page(*load(ROOT / "unseen-flash-page-li-time")).emitted.briefs} == {"链报财经"}


def test_explain_says_a_flash_page_is_one_and_shows_each_flash():
    url, body, headers = load(ROOT / "unseen-flash-page-div-soup")
    assert page_kind(*page_classes(url, body, headers))[0] == "flashes"
    text = explain(url, body, headers)
    assert "kind     flashes: 3 dated flashes" in text
    assert "  > 某交易所钱包转出1万枚BTC    [a brief's title]" in text
    assert "  brief    7caaeec6ea8d071f  某交易所钱包转出1万枚BTC  [2023-09-01 23:40]" in text


def test_a_list_of_dated_article_teasers_is_no_flash_page():
    page = read_page(*load(ROOT / "demo-mirror-list-coin_2"))
    assert not isinstance(page, FlashPage) and page.to_listing().entries


def test_the_spider_yields_a_flash_pages_briefs_and_follows_its_next_page():
    url, body, _ = load(ROOT / "unseen-flash-page-li-time")
    crawler = crawler_with(NEWS_MAX_LIST_PAGES=100)
    spider = NewsSpider.from_crawler(crawler, start_urls=url)
    response = HtmlResponse(url, body=body, headers={"Content-Type": "text/html; charset=utf-8"},
                            request=Request(url, meta={ROLE: "section"}))
    out = list(BriefsMiddleware.from_crawler(crawler).process_spider_output(response, spider.parse(response)))
    assert [b.headline for b in out if isinstance(b, Brief)] == [t for t, _, _ in FLASHES["unseen-flash-page-li-time"]]
    assert not [x for x in out if isinstance(x, (Article, Reject))]
    requests = [r for r in out if isinstance(r, Request)]
    assert [r.meta[ROLE] for r in requests if r.url == NEXT["unseen-flash-page-li-time"]] == [Role.NEXT.value]
    assert not [r for r in requests if "/newsflash/5021" in r.url]


def test_the_page_day_moves_back_past_midnight_in_a_newest_first_list():
    day = PageDay(date(2023, 9, 2), "00:50")
    assert day.at("01:10")[0] == "2023-09-01 01:10"  # later than the page itself: the day before
    raw, d, minutes = day.at("00:20")
    assert raw == "2023-09-02 00:20"
    day.take(d, minutes)
    assert day.at("23:59")[0] == "2023-09-01 23:59"
    assert PageDay(date(2023, 9, 2)).at("23:59")[0] == "2023-09-02 23:59"  # no clock: the page's day


def para(text):
    return {"type": "paragraph", "text": text}


def test_clock_items_no_heading_dates_are_briefs_only_with_the_pages_day():
    blocks = [para("08:15"), {"type": "heading", "text": "某链上线主网"}, para("据项目方公告，某链主网已于今日上线。"),
              para("07:40"), {"type": "heading", "text": "某交易所上线某币"}, para("据官方公告，某交易所将上线某币。")]
    assert read_blocks(blocks, at_top=False)[1] == []
    _, found = read_blocks(blocks, at_top=False, page_day=PageDay(date(2023, 9, 1)))
    assert [(p.title, p.time_raw) for _, p in found] == [("某链上线主网", "2023-09-01 08:15"),
                                                        ("某交易所上线某币", "2023-09-01 07:40")]
