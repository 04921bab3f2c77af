"""Property: no malformed page makes the parser raise, and every result is either a valid
item or a reject with a reason. Hypothesis generates 1,500 pages per run; run with
``--hypothesis-show-statistics`` to see how they spread over lists, items and rejects."""
from __future__ import annotations

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from scrapy.utils.test import get_crawler

from crawler.addon import NewsCrawlerAddon
from crawler.items import Reject
from crawler.pages import ArticlePage, ListPage, read_page
from crawler.pipelines.dates import DatesPipeline
from crawler.pipelines.validate import ValidationPipeline
from crawler.pipelines.zh import ZhNormalizePipeline
from crawler.spiders.news import NewsSpider

CRAWLER = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}})
PIPES = [p.from_crawler(CRAWLER) for p in (ZhNormalizePipeline, DatesPipeline, ValidationPipeline)]

PIECES = st.sampled_from([
    "<p>", "</p>", "<div>", "</div>", "<h1>", "</h1>", "<h2>", "<strong>", "</b>", "<br>", "<li>", "<ul>",
    "<table><tr><td>", "</td>", "<a href='/info/12.html'>", "<a href='/info/34.html'>", "</a>", "<a href=",
    "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<html>", "</html>", "<body>",
    "</body>", "<title>", "</title>", "<meta charset='big5'>", "<meta http-equiv='Content-Type' content='text/html; charset=gbk'>",
    "Author:", "作者：", "Time:", "时间:", "Tags:", "標籤：", "首頁 > BNB > Info", "_ITT", "NBS:",
    "[2022/12/16 21:49:04]", "【2023/4/11 8:17】", "［2022-09-20 15:50:00］", "1900/1/1 0:00:00",
    "標題:據官方消息,某事發生。", "【快訊】金色財經報道，", "上一頁", "下一頁", "尾頁", "2",
    "馬斯克對于人工智能持保留態度似乎已經是一個公開的事情。", "比特币价格今日大涨，交易所纷纷推出新的产品。",
    "0x?739?開頭", "????", "&amp;", "&#xffff;", "&#0;", "&nbsp;", "\u200b", "\ufeff", "\x00", "\ufffd",
    "\\\"alt=\\\"image\\\"\\u002F\\\\>", " ", "\n",
])
ENCODINGS = st.sampled_from(["utf-8", "gb18030", "big5", "latin-1", "utf-16", "cp1252"])
CONTENT_TYPES = st.sampled_from([None, "text/html", "text/html; charset=utf-8", "text/html; charset=gbk",
                                 "text/html; charset=big5", "text/html; charset=bogus-charset", "text/plain"])


HEADLINE = st.sampled_from(["馬斯克不講武德:一邊公開呼吁暫停AI研究_ITT", "NBS:DeFi 借贷概念:清算_ERA", "", "?",
                            "CNBC:馬斯克已收到約465億美元的融資債務承諾函", "x" * 300, "<b>比特幣</b>"])
STORY = st.sampled_from([
    "馬斯克對于人工智能持保留態度似乎已經是一個公開的事情，此前他不止一次在公開場合這樣表示過。",
    "推特將任命馬斯克為董事會成員:金色財經報道,推特將任命馬斯克為董事會成員。[2022/4/5 14:05:43]",
    "【以太坊完成合并】Odaily星球日报讯，以太坊主网已完成合并。[2022-09-15 14:43]",
    "審計報告顯示，截至[2023/3/31 23:59:59]的快照時點，平台共持有約26萬枚比特幣。",
    "壞日期的快訊:據官方消息,某事。[2022/13/45 25:61]", "未來的快訊:據官方消息,某事。[2099/1/1 0:00]",
    "Bitcoin:APeer-to-PeerElectronicCashSystem", "呼吁暫停有私心?Twitter內部AI項目秘密推進????",
])


@st.composite
def pages(draw):
    kind = draw(st.integers(0, 9))
    if kind == 0:  # binary garbage
        return draw(st.binary(max_size=4000))
    if kind == 1:  # empty or whitespace
        return draw(st.sampled_from([b"", b" ", b"\n\n", b"\xef\xbb\xbf", b"<html></html>"]))
    text = "".join(draw(st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=120)))
    if kind == 2:  # huge: the same markup many times over
        text = text * draw(st.integers(50, 400))
    if kind >= 5:  # a whole document around the damage, so parsing reaches the item path
        story = "".join(f"<p>{draw(STORY)}{draw(PIECES)}</p>" for _ in range(draw(st.integers(0, 6))))
        text = (f"<html><head><title>{draw(HEADLINE)}</title></head><body><h1>{draw(HEADLINE)}</h1>"
                f"{text}<div>{story}</div></body></html>")
    body = text.encode(draw(ENCODINGS), "ignore")
    if draw(st.booleans()):
        body = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""])) + body
    if draw(st.booleans()):
        cut = draw(st.integers(0, max(0, len(body))))
        body = body[:cut]
    return body


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(body=pages(), content_type=CONTENT_TYPES, article_url=st.booleans())
# found by Hypothesis: a story of nothing but escaped markup is an empty body, not an invalid article
@example(body=b'<html><head><title>:AI_ITT</title></head><body><h1>:AI_ITT</h1><div><p>\\"alt=\\"image\\"\\u002F'
              b'\\\\></p><p>\\"alt=\\"image\\"\\u002F\\\\></p></div></body></html>',
         content_type=None, article_url=True)
def test_malformed_pages_give_an_item_or_a_reason(body, content_type, article_url):
    url = "http://x.example/info/123.html" if article_url else "http://x.example/list/a_2.html"
    headers = {"Content-Type": content_type} if content_type else {}
    page = read_page(url, body, headers)
    if isinstance(page, ListPage):
        listing = page.to_listing()
        assert all(e["url"].startswith("http") for e in listing.entries)
        assert listing.pageNumber >= 1
        event("list page")
        return
    assert isinstance(page, ArticlePage)
    problem = page.problem()
    if problem:
        reason, detail = problem
        assert reason and detail
        event(f"reject: {reason}")
        return
    outputs = [x for x in page.emitted.items() if not isinstance(x, Reject)]  # only_briefs: briefs, no article
    for out in outputs:
        for pipe in PIPES:
            out = pipe.process_item(out)
        # a page without a problem gives only valid items (validation would turn others into rejects)
        assert not isinstance(out, Reject), out
        event(type(out).__name__)
