"""Where a brief was first published: the same id injected or at its outlet, and the report's
per-outlet view of what the network re-injected, and how late."""
from __future__ import annotations

from datetime import date

from scrapy.http import HtmlResponse, Request

from crawler.extensions.flashorigins import FlashOrigins
from crawler.extensions.report import CrawlReport
from crawler.items import Article, Brief
from crawler.middlewares.briefs import BriefsMiddleware
from crawler.pages import read_page
from crawler.pages.briefs import read_blocks
from crawler.pages.brieftime import PageDay
from crawler.pages.split import emit
from crawler.sinks import htmlreport
from tests.pagecases import ROOT, load
from tests.test_components import crawler_with

FLASH_PAGE = "https://lianbao.example/newsflash/"
# two of the flash page's flashes as a farm injects them: another punctuation, seconds, the other script
INJECTED = [{"type": "paragraph", "text": "某地监管部门今日发布了新的指导意见，对行业影响深远，市场普遍关注后续的细则和执行力度。"},
            {"type": "paragraph", "text": "某交易所將上線某某幣現貨交易:鏈報財經報道，某交易所公告稱，將於今日10:00上線某某幣現貨交易。"
                                          "[2023/9/2 00:42:31]"},
            {"type": "paragraph", "text": "【某DeFi协议遭闪电贷攻击】链报财经报道，安全机构监测到某DeFi协议遭闪电贷攻击，损失约120万美元。[2023-09-01 21:18]"}]


def flash_briefs() -> list[Brief]:
    return read_page(*load(ROOT / "unseen-flash-page-li-time")).emitted.briefs


def test_an_injected_brief_and_the_flash_at_its_outlet_get_one_id():
    at_outlet = {b.headline: b.id for b in flash_briefs()}
    injected = emit(Article(url="http://farm.example/info/1.html", headline="某地发布指导意见", blocks=INJECTED))
    assert injected.article.briefIds == [at_outlet["某交易所将上线某某币现货交易"], at_outlet["某DeFi协议遭闪电贷攻击"]]
    assert [b.originUrl for b in injected.briefs] == [None, None]  # an injected copy does not know its origin


def test_a_day_heading_without_its_year_takes_the_pages():
    blocks = [{"type": "paragraph", "text": "12月31日 星期日"}, {"type": "paragraph", "text": "23:10"},
              {"type": "heading", "text": "某链上线主网"}, {"type": "paragraph", "text": "据项目方公告，某链主网已于今晚上线。"},
              {"type": "paragraph", "text": "1月2日"}, {"type": "paragraph", "text": "08:15"},
              {"type": "heading", "text": "某交易所上线某币"}, {"type": "paragraph", "text": "据官方公告，某交易所将上线某币。"}]
    _, found = read_blocks(blocks, at_top=False, page_day=PageDay(date(2024, 1, 2)))
    assert [p.time_raw for _, p in found] == ["2023年12月31日 23:10", "2024年1月2日 08:15"]


def test_the_view_counts_per_outlet_what_was_reinjected_and_how_late():
    origins = FlashOrigins()
    briefs = flash_briefs()
    for b in briefs:
        origins.add_brief(b)
    origins.add_brief(Brief(id="x", originUrl="https://other.example/flash/", datePublishedRaw="2023-09-01 08:00"))
    ids = [b.id for b in briefs]
    origins.add_article(Article(url="http://farm.example/1.html", briefIds=[ids[0], "injected-only"],
                                datePublished="2023-09-02T01:12:00+08:00"))  # 30 minutes after 00:42
    origins.add_article(Article(url="http://farm.example/2.html", briefIds=[ids[0], ids[3]],
                                datePublished="2023-09-02T02:42:00+08:00"))  # 120 after 00:42, 324 after 21:18
    origins.add_article(Article(url="http://farm.example/3.html", briefIds=[ids[3]]))  # undated: counted, no delay
    assert origins.view() == {
        "lianbao.example": {"flashes": 4, "reinjected": 2, "injections": 4,
                            "delay_minutes": {"median": 120.0, "max": 324.0}},
        "other.example": {"flashes": 1, "reinjected": 0, "injections": 0, "delay_minutes": None}}


def test_the_report_learns_origins_of_flashes_held_back_as_repeats(tmp_path):
    crawler = crawler_with(NEWS_FEED_DIR=str(tmp_path), NEWS_REPORT_ENABLED=True)
    report = CrawlReport.from_crawler(crawler)
    mw = BriefsMiddleware.from_crawler(crawler)
    article = emit(Article(url="http://farm.example/info/1.html", headline="某地发布指导意见", blocks=INJECTED,
                           datePublished="2023-09-02T01:42:00+08:00"))
    # the article first: its briefs are emitted without an origin, the flash page's copies are repeats
    for item in mw.process_spider_output(None, article.items()):
        report.item_scraped(item)
    url, body, _ = load(ROOT / "unseen-flash-page-li-time")
    response = HtmlResponse(url, body=body, request=Request(url))
    for item in mw.process_spider_output(response, iter(flash_briefs())):
        report.item_scraped(item)
    view = report.report("finished")["flash_origins"]
    assert view == {"lianbao.example": {"flashes": 4, "reinjected": 2, "injections": 2,
                                        "delay_minutes": {"median": 162.0, "max": 264.0}}}


def test_the_run_page_shows_the_view():
    page = htmlreport.run_page({"start_time": "2026-12-02T10:00:00+00:00", "flash_origins": {
        "lianbao.example": {"flashes": 4, "reinjected": 2, "injections": 3,
                            "delay_minutes": {"median": 30.0, "max": 324.0}}}})
    assert ('<table data-table="flash_origins"><tr><th>outlet</th><th>flashes read</th><th>re-injected</th>'
            "<th>injections</th><th>minutes late (median / max)</th></tr><tr><td>lianbao.example</td>"
            '<td class="n">4</td><td class="n">2</td><td class="n">3</td><td>30 / 324</td></tr></table>') in page
