"""The Scrapy components built the way Scrapy builds them, and called directly."""
from __future__ import annotations

from dataclasses import fields

import pytest
import scrapy
from scrapy.exceptions import DropItem, NotConfigured, ScrapyDeprecationWarning
from scrapy.http import HtmlResponse, Request
from scrapy.statscollectors import StatsCollector
from scrapy.utils.test import get_crawler

from crawler.addon import NewsCrawlerAddon
from crawler.engine.stats import WARNED, MemoryStats
from crawler.items import Article, Brief, Reject
from crawler.meta import PART, ROLE
from crawler.middlewares.briefs import BriefsMiddleware
from crawler.middlewares.encoding import CharsetDetectionMiddleware
from crawler.middlewares.repeats import RepeatedRequestsMiddleware
from crawler.pages.split import emit
from crawler.pipelines.dates import DatesPipeline
from crawler.pipelines.dedup import DedupPipeline
from crawler.pipelines.rejects import RejectsPipeline
from crawler.pipelines.validate import ValidationPipeline
from crawler.pipelines.zh import ZhNormalizePipeline
from crawler.spiders.news import NewsSpider


def crawler_with(**settings):
    """A crawler as Scrapy builds one: get_crawler applies the add-ons (ours among them)."""
    return get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}, **settings})


def test_addon_defaults_yield_to_project_and_command_line_settings():
    crawler = crawler_with(ZH_SCRIPT="zh-TW")
    assert crawler.settings.get("ZH_SCRIPT") == "zh-TW"
    assert crawler.settings.getint("NEWS_MAX_LIST_PAGES") == 50
    feeds = crawler.settings.getdict("FEEDS")
    assert sorted(feeds) == ["output/articles/%(time)s.jsonl", "output/briefs/%(time)s.jsonl",
                             "output/rejects/%(time)s.jsonl"]
    assert all(opts["encoding"] == "utf-8" and opts["format"] == "jsonlines" for opts in feeds.values())


def test_addon_keeps_a_user_feed():
    crawler = crawler_with(FEEDS={"all.jsonl": {"format": "jsonlines"}}, NEWS_FEED_DIR="")
    assert list(crawler.settings.getdict("FEEDS")) == ["all.jsonl"]


def test_stats_keep_scrapys_deprecation_shim_only_on_its_methods():
    stats = crawler_with().stats
    assert type(stats) is MemoryStats
    assert type(stats).__getattribute__ is object.__getattribute__  # no Python call to read an attribute
    # the shim MemoryStats goes around: once Scrapy drops it, MemoryStats can go too
    assert "__getattribute__" in vars(StatsCollector)
    assert WARNED == {"get_value", "get_stats", "set_value", "set_stats", "inc_value", "max_value",
                      "min_value", "clear_stats", "open_spider", "close_spider"}
    stats.inc_value("a")
    stats.inc_value("a", 2)
    stats.max_value("b", 3)
    stats.min_value("b", 1)
    assert stats.get_stats() == {"a": 3, "b": 1}
    with pytest.warns(ScrapyDeprecationWarning, match="spider"):
        stats.inc_value("a", spider=None)


@pytest.mark.parametrize("component,setting", [
    (CharsetDetectionMiddleware, "CHARSET_DETECTION_ENABLED"),
    (RepeatedRequestsMiddleware, "REPEATS_ENABLED"),
    (DatesPipeline, "DATES_ENABLED"),
    (DedupPipeline, "DEDUP_ENABLED"),
    (ValidationPipeline, "VALIDATION_ENABLED"),
])
def test_components_can_be_switched_off(component, setting):
    with pytest.raises(NotConfigured):
        component.from_crawler(crawler_with(**{setting: False}))


def test_charset_middleware_sets_aside_a_servers_western_default():
    crawler = crawler_with()
    mw = CharsetDetectionMiddleware.from_crawler(crawler)
    body = ("<html><body><p>" + "比特币价格今日大涨，交易所纷纷推出新的产品。" * 5 + "</p></body></html>").encode()
    response = HtmlResponse("http://x/info/1.html", body=body, headers={"Content-Type": "text/html; charset=ISO-8859-1"})
    assert response.encoding == "cp1252"  # what Scrapy reads it as: mojibake, and not one U+FFFD
    fixed = mw.process_response(Request(response.url), response)
    assert fixed.encoding == "utf-8" and "比特币价格今日大涨" in fixed.text
    assert crawler.stats.get_value("charset/mismatch") == 1


def test_zh_pipeline_off_only_when_it_has_nothing_to_do():
    with pytest.raises(NotConfigured):
        ZhNormalizePipeline.from_crawler(crawler_with(ZH_SCRIPT="none", ZH_REPAIR_ARTIFACTS=False))


def test_charset_middleware_fixes_an_undeclared_gbk_page():
    crawler = crawler_with()
    mw = CharsetDetectionMiddleware.from_crawler(crawler)
    body = ("<html><body><p>" + "比特币价格今日大涨，交易所纷纷推出新的产品。" * 5 + "</p></body></html>").encode("gbk")
    response = HtmlResponse("http://x/info/1.html", body=body, headers={"Content-Type": "text/html"})
    fixed = mw.process_response(Request(response.url), response)
    assert fixed.encoding == "gb18030" and "比特币价格今日大涨" in fixed.text
    assert crawler.stats.get_value("charset/detected/gb18030") == 1
    declared = HtmlResponse("http://x/2", body="<p>價格</p>".encode(), headers={"Content-Type": "text/html; charset=utf-8"})
    assert mw.process_response(Request(declared.url), declared) is declared


def test_briefs_come_before_their_article_and_each_once_per_crawl():
    crawler = crawler_with()
    mw = BriefsMiddleware.from_crawler(crawler)
    article = Article(url="http://x/info/1.html", blocks=[
        {"type": "paragraph", "text": "正文第一段，說明了事情的來龍去脈，內容足夠長，足以構成一個段落。"},
        {"type": "paragraph", "text": "甲消息:據官方消息,某事發生。[2022/1/2 3:04:05]"}])
    out = list(mw.process_spider_output(None, [*emit(article).items(), Request("http://x/2")]))
    assert [type(x).__name__ for x in out] == ["Brief", "Article", "Request"]
    assert out[1].briefIds == [out[0].id]
    assert crawler.stats.get_value("briefs/found") == 1
    # the same brief in another article: listed there, not yielded again
    again = Article(url="http://x/info/3.html", blocks=[dict(b) for b in article.blocks[:1]] + [
        {"type": "paragraph", "text": "甲消息:據官方消息,某事發生。[2022/1/2 3:04:05]"}])
    out2 = list(mw.process_spider_output(None, emit(again).items()))
    assert [type(x).__name__ for x in out2] == ["Article"] and out2[0].briefIds == [out[0].id]
    assert crawler.stats.get_value("briefs/duplicate") == 1


def test_a_page_of_only_briefs_gives_its_briefs_and_a_reject():
    article = Article(url="http://x/info/2.html", headline="快訊",
                      blocks=[{"type": "paragraph", "text": "甲消息:據官方消息,某事發生。[2022/1/2 3:04:05]"}])
    out = emit(article).items()
    assert [type(x).__name__ for x in out] == ["Brief", "Reject"]
    assert out[1].reason == "only_briefs"


def test_a_story_without_letters_or_digits_is_a_reject_not_an_invalid_article():
    article = Article(url="http://x/info/4.html", headline="標題",
                      blocks=[{"type": "paragraph", "text": "-->  ……  ——————————————————————————"}])
    out = emit(article).items()
    assert [(type(x).__name__, x.reason) for x in out] == [("Reject", "empty_body")]


def test_pipelines_normalize_date_dedup_validate():
    crawler = crawler_with(DATES_NOW="2026-11-28T12:00:00+08:00")
    zh, dates, dedup, validate = (p.from_crawler(crawler) for p in
                                  (ZhNormalizePipeline, DatesPipeline, DedupPipeline, ValidationPipeline))
    brief = Brief(id="0123456789abcdef", headline="推特將任命馬斯克為董事會成員", headlineRaw="推特將任命馬斯克為董事會成員",
                  body="金色財經報道,推特將任命馬斯克。", bodyRaw="金色財經報道,推特將任命馬斯克。",
                  datePublishedRaw="2022/4/5 14:05:43", firstSeenIn="http://x/1")
    for pipe in (zh, dates, dedup, validate):
        brief = pipe.process_item(brief)
    assert (brief.headline, brief.inLanguage, brief.sourceScript) == ("推特将任命马斯克为董事会成员", "zh-Hans", "zh-Hant")
    assert brief.datePublished == "2022-04-05T14:05:43+08:00"
    with pytest.raises(DropItem):  # a repeat that slipped past the split middleware is still dropped
        dedup.process_item(brief)


def test_an_invalid_item_becomes_a_reject_not_a_loss():
    crawler = crawler_with()
    validate = ValidationPipeline.from_crawler(crawler)
    out = validate.process_item(Article(url="http://x/info/9.html", headline="標題"))
    assert isinstance(out, Reject) and out.reason == "invalid_article" and out.url == "http://x/info/9.html"
    assert crawler.stats.get_value("validation/invalid/article") == 1
    RejectsPipeline.from_crawler(crawler).process_item(out)
    assert crawler.stats.get_value("rejects/invalid_article") == 1


def test_spider_takes_comma_separated_start_urls_and_stays_on_their_hosts():
    crawler = crawler_with()
    spider = NewsSpider.from_crawler(crawler, start_urls="https://a.example/, https://b.example/info/1.html")
    assert spider.start_urls == ["https://a.example/", "https://b.example/info/1.html"]
    assert spider.allowed_domains == ["a.example", "b.example"]


def _parsed(url: str, body: bytes) -> list:
    """The spider's output for one page, through the brief split middleware, as a crawl runs it."""
    crawler = crawler_with(NEWS_MAX_LIST_PAGES=100)
    spider = NewsSpider.from_crawler(crawler, start_urls=url)
    response = HtmlResponse(url, body=body, headers={"Content-Type": "text/html; charset=utf-8"},
                            request=Request(url, meta={ROLE: "section"}))
    mw = BriefsMiddleware.from_crawler(crawler)
    return list(mw.process_spider_output(response, spider.parse(response)))


def test_a_list_of_news_flashes_gives_its_briefs_and_its_links():
    from tests.pagecases import ROOT

    out = _parsed("https://jinse.example/flash/", (ROOT / "unseen-flash-list" / "body.html").read_bytes())
    briefs = [x for x in out if isinstance(x, Brief)]
    assert [b.headline for b in briefs] == ["美联储维持利率不变", "比特币突破35000美元", "币安将上线新币"]
    assert [b.source for b in briefs] == ["金色财经"] * 3  # the outlet that printed them
    assert not [x for x in out if isinstance(x, (Article, Reject))]  # a flash page, not an article's reject
    assert {r.url for r in out if isinstance(r, Request)} >= {"https://jinse.example/news/"}  # still a list page


def test_an_article_is_stamped_when_fetched_before_any_pipeline_reads_it():
    from tests.pagecases import ROOT

    out = _parsed("http://127.0.0.1:8000/info/1001.html", (ROOT / "demo-main-info-1001" / "body.html").read_bytes())
    article = next(x for x in out if isinstance(x, Article))
    assert article.dateDownloaded and article.storyId and article.briefIds


def test_the_database_sink_is_off_without_a_word_when_no_database_is_set():
    from crawler.extensions.postgres import PostgresSink

    with pytest.raises(NotConfigured) as off:
        PostgresSink.from_crawler(crawler_with())
    assert off.value.args == ()  # Scrapy warns "Disabled …: <message>" only when there is one


def test_a_list_of_articles_gives_no_briefs():
    from tests.pagecases import ROOT

    out = _parsed("http://127.0.0.1:8000/list/bnb_1.html", (ROOT / "demo-main-list-bnb_1" / "body.html").read_bytes())
    assert not [x for x in out if not isinstance(x, Request)]
    assert len([r for r in out if r.meta.get(ROLE) == "article"]) >= 3


def test_repeated_requests_stop_before_the_engine():
    crawler = crawler_with()
    mw = RepeatedRequestsMiddleware.from_crawler(crawler)
    article = Article(url="http://x/info/1.html")
    first = [Request("http://x/info/2.html"), article, Request("http://x/info/3.html")]
    again = [Request("http://x/info/2.html"), Request("http://x/info/3.html", dont_filter=True),
             Request("http://x/info/2.html", method="POST"), Request("http://x/info/4.html"),
             Request("http://x/info/4.html")]
    assert list(mw.process_spider_output(None, first)) == first
    out = list(mw.process_spider_output(None, again))
    # the repeat of 2 and the second 4 stop; dont_filter, another method and a new URL go on
    assert [(r.url, r.method, r.dont_filter) for r in out] == [
        ("http://x/info/3.html", "GET", True), ("http://x/info/2.html", "POST", False), ("http://x/info/4.html", "GET", False)]
    assert crawler.stats.get_value("requests/repeated") == 2


def test_repeated_requests_stop_in_the_async_chain_too():
    import asyncio

    mw = RepeatedRequestsMiddleware.from_crawler(crawler_with())

    async def outputs():
        for url in ("http://x/1", "http://x/1", "http://x/2"):
            yield Request(url)

    async def collect():
        return [r.url async for r in mw.process_spider_output_async(None, outputs())]

    assert asyncio.run(collect()) == ["http://x/1", "http://x/2"]


def test_the_next_page_of_an_article_is_requested_with_plain_data_and_joined():
    """Page 1 holds its article back and asks for page 2; the request survives the pickling
    that JOBDIR and Redis queues put it through; page 2 gives the whole article."""
    import pickle

    from scrapy.utils.request import request_from_dict

    from tests.faultserver import PARTS

    crawler = crawler_with(NEWS_FOLLOW_RELATED=False, NEWS_MAX_ARTICLE_PAGES=20)
    spider = NewsSpider.from_crawler(crawler, start_urls="https://a.example/")
    first = "https://a.example/info/601.html"
    out = list(spider.parse(HtmlResponse(first, body=PARTS["/info/601.html"], request=Request(first, meta={ROLE: "article"}))))
    assert not [x for x in out if isinstance(x, Article)]  # held back until its last page
    (part,) = [r for r in out if isinstance(r, Request) and r.meta.get(ROLE) == "part"]
    assert part.url == "https://a.example/info/601_2.html" and part.meta[PART] == 2
    part = request_from_dict(pickle.loads(pickle.dumps(part.to_dict(spider=spider))), spider=spider)
    body = PARTS["/info/600_3.html"]  # any later page: this one links to no further page of 601
    (article,) = spider.parse_part(HtmlResponse(part.url, body=body, request=part))
    assert article.url == first and len(article.blocks) == 2 and article.articleBody.startswith("只有第一頁")
    assert crawler.stats.get_value("parts/joined") == 1


def test_a_crawler_built_and_never_run_leaves_no_state_behind(tmp_path):
    """Only a crawl that opens its spider starts a run: a crawler built by `scrapy shell`, a
    test or a benchmark and never run must not make the next crawl resume."""
    crawler = crawler_with(NEWS_FEED_DIR=str(tmp_path))
    from crawler.extensions.state import CrawlStateExtension

    assert crawler.get_extension(CrawlStateExtension) is not None
    assert not (tmp_path / ".state").exists()


def test_a_transfer_cut_short_is_a_reject_and_unclosed_markup_is_not():
    """DOWNLOAD_FAIL_ON_DATALOSS=False lets a cut response through with the `dataloss` flag:
    that, not markup that never closes or carries script after </html>, makes a cut page."""
    story = "<p>" + "交易所今日公布了新的上幣規則，市場反應熱烈。" * 12 + "</p>"
    body = f"<html><head><title>交易所公布新規則</title></head><body><h1>交易所公布新規則</h1>{story}".encode()
    spider = NewsSpider.from_crawler(crawler_with(), start_urls="http://a.example/")
    request = Request("http://a.example/info/1.html", meta={ROLE: "article"})
    unclosed = HtmlResponse(request.url, body=body, request=request)
    assert [type(i).__name__ for i in spider.parse(unclosed)] == ["Article"]
    after_end = HtmlResponse(request.url, body=body + b"</body></html>" + b"<script>ad();</script>" * 2000,
                             request=request)
    assert [type(i).__name__ for i in spider.parse(after_end)] == ["Article"]
    cut = HtmlResponse(request.url, body=body, request=request, flags=["dataloss"])
    (reject,) = spider.parse(cut)
    assert (reject.reason, reject.url) == ("truncated_transfer", request.url)


def test_the_headline_tag_is_in_the_output_script():
    zh = ZhNormalizePipeline.from_crawler(crawler_with())
    article = Article(url="http://x/1", headline="頭部交易所公布儲備金證明", headlineRaw="頭部交易所公布儲備金證明_ETH:儲備金證明",
                      headlineTag="ETH:儲備金證明", blocks=[{"type": "paragraph", "text": "儲備金證明"}])
    zh.process_item(article)
    assert (article.headlineTag, article.inLanguage, article.sourceScript) == ("ETH:储备金证明", "zh-Hans", "zh-Hant")


@pytest.mark.parametrize("cls", [Article, Brief, Reject])
def test_the_json_schema_names_every_field_of_the_item(cls):
    import json
    from dataclasses import fields
    from pathlib import Path

    import crawler

    schema = json.loads((Path(crawler.__file__).parent / "schemas" / f"{cls.__name__.lower()}.json").read_text("utf-8"))
    assert sorted(schema["properties"]) == sorted(f.name for f in fields(cls))


def test_cookies_are_off_so_no_site_can_grow_our_requests():
    from scrapy.downloadermiddlewares.cookies import CookiesMiddleware

    from crawler import settings

    project = {name: getattr(settings, name) for name in dir(settings) if name.isupper()}
    with pytest.raises(NotConfigured):
        CookiesMiddleware.from_crawler(crawler_with(**project))


def test_retry_after_is_honoured_and_a_long_one_is_not_waited_for():
    from scrapy.http import Response

    from crawler.middlewares.retry import BackoffRetryMiddleware, RetryScheduled, retry_after

    assert retry_after(b"120") == 120 and retry_after(None) == 0 and retry_after(b"soon") == 0
    assert 0 < retry_after(b"Wed, 21 Oct 2099 07:28:00 GMT") and retry_after(b"Wed, 21 Oct 2015 07:28:00 GMT") == 0
    crawler = crawler_with(RETRY_BACKOFF_MAX=60)
    mw = BackoffRetryMiddleware.from_crawler(crawler)
    crawler.stats.open_spider()
    request = Request("https://a.example/info/1.html")
    busy = Response(request.url, status=503, headers={"Retry-After": "3600"}, request=request)
    assert mw.process_response(request, busy) is busy  # not retried after 1 s, 2 s: given up for now
    assert crawler.stats.get_value("retry/after_too_long") == 1
    crawler.spider = scrapy.Spider.from_crawler(crawler, "t")
    soon = Response(request.url, status=503, headers={"Retry-After": "30"}, request=request)
    with pytest.raises(RetryScheduled, match="in 30 s"):  # waited for outside the downloader
        mw.process_response(request, soon)
    (call,) = mw.waiting
    assert 29 < call.getTime() - __import__("time").time() <= 30
    mw.spider_closed()
    assert not call.active()


def test_traps_bite_by_repeated_segments_and_site_budgets():
    from crawler.middlewares.traps import TrapsMiddleware

    crawler = crawler_with(NEWS_MAX_SECTIONS_PER_SITE=2, NEWS_MAX_REQUESTS_PER_SITE=4)
    crawler.stats.open_spider()
    mw = TrapsMiddleware.from_crawler(crawler)
    def req(path: str, role: str = "article") -> Request:
        return Request("https://a.example" + path, meta={ROLE: role})

    assert mw.trap(req("/a/b/a/b/a/b/", "section")) == "repeated_segment"
    assert [mw.trap(req(f"/s{i}.html", "section")) for i in range(3)] == [None, None, "site_sections"]
    assert [mw.trap(req(f"/info/{i}.html")) for i in range(3)] == [None, None, "site_requests"]
    part = Request("https://a.example/info/9_2.html", meta={ROLE: "part"})
    out = list(mw.process_spider_output(None, [part, req("/info/99.html")]))
    assert out == [part] and crawler.stats.get_value("traps/site_requests") == 1


def test_zh_pipeline_converts_every_text_field_of_an_article():
    from crawler.pipelines.zh import ARTICLE_TEXT_FIELDS

    zh = ZhNormalizePipeline.from_crawler(crawler_with(ZH_SCRIPT="zh-Hans"))
    article = Article(url="http://x/1", headlineRaw="區塊鏈", articleBodyRaw="區塊鏈",
                      **{name: "區塊鏈" for name in ARTICLE_TEXT_FIELDS})
    article.set_story([{"type": "paragraph", "text": "區塊鏈"}])
    zh.process_item(article)
    assert all(getattr(article, name) == "区块链" for name in ARTICLE_TEXT_FIELDS)
    assert article.articleBody == "区块链" and article.articleBodyRaw == "區塊鏈"
    strings = {f.name for f in fields(Article) if f.type == "str | None"}
    # the raw, address, id and date fields stay as printed; every other string is text to convert
    assert strings - set(ARTICLE_TEXT_FIELDS) == {
        "canonicalUrl", "headlineRaw", "datePublished", "datePublishedRaw", "datePublishedStatus", "articleBody",
        "articleBodyRaw", "storyId", "storyCluster", "repostOf", "inLanguage", "sourceScript", "encoding",
        "dateDownloaded"}


def test_gc_freeze_holds_only_while_the_engine_runs():
    import gc

    from scrapy import signals

    from crawler.extensions.gcfreeze import GcFreeze

    with pytest.raises(NotConfigured):
        GcFreeze.from_crawler(crawler_with(GC_FREEZE_ENABLED=False))
    crawler = crawler_with(MEMUSAGE_ENABLED=False)  # its handler needs a running reactor
    GcFreeze.from_crawler(crawler)
    crawler.stats.open_spider()
    gc.unfreeze()
    try:
        crawler.signals.send_catch_log(signals.engine_started)
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the modules, classes and components imported
        assert crawler.stats.get_value("gc_freeze/objects") >= frozen  # (less any freed since)
        young = [[]]  # made while crawling: still the collector's
        assert gc.is_tracked(young) and gc.get_freeze_count() == frozen
        crawler.signals.send_catch_log(signals.engine_stopped)
        assert gc.get_freeze_count() == 0  # the next crawl in this process frees this one's cycles
    finally:
        gc.unfreeze()


def test_repeats_stop_after_depth_and_url_length_and_before_referer():
    """A spider's output passes the middlewares from the highest number down: what Depth or
    UrlLength drops is never claimed as requested, and Referer works only on what is sent."""
    from scrapy.utils.conf import build_component_list

    order = [path.rsplit(".", 1)[1] for path in
             build_component_list(crawler_with().settings.getwithbase("SPIDER_MIDDLEWARES"))][::-1]
    names = ["DepthMiddleware", "UrlLengthMiddleware", "IncrementalMiddleware", "RepeatedRequestsMiddleware",
             "TrapsMiddleware", "RefererMiddleware"]
    assert [n for n in order if n in names] == names


def test_the_fair_queue_works_out_a_waiting_requests_site_once():
    """A request handed to the downloader but not yet in its slot is counted for its site
    each time a request is handed out; its key is worked out once (by IP address, each
    time: the key changes when the DNS answers)."""
    from types import SimpleNamespace

    from crawler.engine.queues import _OpenSlots

    asked = []

    class Downloader:
        DOWNLOAD_SLOT = "download_slot"
        slots: dict = {}
        per_slot_settings: dict = {}
        domain_concurrency = 2

        def __init__(self, ip_concurrency):
            self.ip_concurrency = ip_concurrency
            self.active = {Request("http://a.test/1"), Request("http://a.test/2"),
                           Request("http://b.test/1", meta={"download_slot": "b.test"})}

        def get_slot_key(self, request):
            asked.append(request.url)
            return request.url.split("/")[2]

    for ip_concurrency, calls in ((0, 2), (2, 6)):
        asked.clear()
        interface = _OpenSlots(SimpleNamespace(engine=SimpleNamespace(downloader=Downloader(ip_concurrency))))
        for _ in range(3):
            # a.test has its two places taken by the requests on their way; b.test one of two
            assert interface.stats(["a.test", "b.test"]) == [(1, "b.test")]
        assert len(asked) == calls


def test_scrapys_logger_stops_at_log_level_while_the_engine_runs():
    import logging

    from scrapy import signals

    from crawler.extensions.loglevel import SCRAPY_LOGGER, ScrapyLogLevel

    with pytest.raises(NotConfigured):
        ScrapyLogLevel.from_crawler(crawler_with(LOG_LEVEL_AT_SCRAPY_LOGGER=False))
    before = SCRAPY_LOGGER.level
    crawler = crawler_with(LOG_LEVEL="INFO", MEMUSAGE_ENABLED=False)
    try:
        ScrapyLogLevel.from_crawler(crawler)
        assert not logging.getLogger("scrapy.core.scraper").isEnabledFor(logging.DEBUG)  # no "Scraped from" record
        assert logging.getLogger("scrapy.core.scraper").isEnabledFor(logging.INFO)
        crawler.signals.send_catch_log(signals.engine_stopped)
        assert SCRAPY_LOGGER.level == before
    finally:
        SCRAPY_LOGGER.setLevel(before)
