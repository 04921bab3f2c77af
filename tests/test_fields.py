"""An article's date and writer, read from the page structures news sites print them in:
labels, the lines under the headline, the story's closing lines, meta and JSON-LD."""
from __future__ import annotations

from datetime import datetime

import pytest

from crawler.pages import ArticlePage
from crawler.text.dates import CHINA_TZ, DateParser

PARSER = DateParser(datetime(2026, 11, 28, 22, 0, tzinfo=CHINA_TZ))
TITLE = "城郊湿地公园新增观鸟步道"
STORY = "".join(f"<p>{'湿地公园管理处介绍，新步道全长三公里，沿途设置了六处观鸟平台和科普展板。' * 2}</p>" for _ in range(3))


def page(under: str = "", *, head: str = "", top: str = "", story_end: str = "", after: str = "",
         story: str = STORY, url: str = "https://news.example.cn/a/1.html") -> ArticlePage:
    """A news page: ``under`` between the headline and the story, ``story_end`` as the story's
    last line, ``after`` below the story."""
    html = (f"<html><head><title>{TITLE}_城市频道</title>{head}</head><body>{top}<h1>{TITLE}</h1>{under}"
            f"<div class='article'>{story}{story_end}</div>{after}</body></html>")
    return ArticlePage(url, html.encode())


def day(p: ArticlePage) -> str | None:
    iso = PARSER.parse(p.fields.date_raw).iso
    return iso[:10] if iso else None


# -- dates ---------------------------------------------------------------------------------------------

MACHINE = ('<meta property="article:published_time" content="2019-04-08T07:30:00+08:00">'
           '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2019-04-08T07:30:00+08:00"}'
           '</script>')


@pytest.mark.parametrize("under,head", [
    ("<div>发布时间：08/04/2019 07:30</div>", MACHINE),  # day first, as the machine dates say
    ("<div class=meta><time datetime='2019-04-08T07:30'>08/04/2019</time> 来源：城市晚报</div>", ""),
    ("<div>08/04/2019 来源：城市晚报</div>", '<meta name="publishdate" content="2019-04-08">'),
])
def test_machine_dates_settle_an_ambiguous_printed_one(under, head):
    assert day(page(under, head=head)) == "2019-04-08"
    # a machine date that is neither reading of the printed one settles nothing
    other = '<meta property="article:published_time" content="2019-06-01T07:30:00+08:00">'
    assert day(page(under.replace("08/04/2019", "04/08/2019").replace("2019-04-08", "2019-06-01"), head=other)) \
        == "2019-04-08"


def test_a_day_past_twelve_before_the_month_is_read_day_first():
    assert day(page("<div>发布时间：23/04/2019 07:30</div>")) == "2019-04-23"


@pytest.mark.parametrize("under", [
    "<div class=d><span>Jun</span><span>1</span><span>Thu</span><span>2023</span><span>18:40</span></div>",
    "<div class=d><span>June</span> <span>1,</span> <span>2023</span></div>",
    "<div class=d><span>1</span><span>Jun</span><span>2023</span></div>",
])
def test_an_english_month_split_over_spans(under):
    assert day(page(under)) == "2023-06-01"


def test_the_date_under_the_second_copy_of_a_headline():
    """A sticky header prints the headline at the top of the page: the date is under the copy over the story."""
    top = (f"<div class=sticky><h1>{TITLE}</h1><a href='/login'>登录</a></div>"
           "<div class=nav><a href='/'>首页</a><a href='/city'>城市</a></div><div>天气 晴 18℃</div>"
           "<div>热线 12345</div><div>城市频道</div><div>城市 &gt; 正文</div><div>扫码阅读</div>")
    under = "<div class=info><span>2023-05-30 09:15</span><span>城市晚报</span></div>"
    assert day(page(under, top=top)) == "2023-05-30"


@pytest.mark.parametrize("name", ["publishdate", "PubDate", "publish_date"])
def test_a_publish_date_meta(name):
    assert day(page("<div>城市晚报</div>", head=f'<meta name="{name}" content="2023-05-29 16:00">')) == "2023-05-29"


def test_a_line_dating_other_articles_is_not_the_date():
    under = ("<div class=top>最新推荐文章于 2024-03-09 17:00:00 发布</div>"
             "<div class=info><a href='/u/77'>湖畔拾光</a> 于 2024-03-07 11:11:00 发布</div>")
    p = page(under)
    assert day(p) == "2024-03-07"
    assert p.fields.author == "湖畔拾光"


@pytest.mark.parametrize("under,head", [
    ("<div>发布于：浙江省</div>", '<meta property="og:release_date" content="2022-05-06 08:00">'),
    ("<div>发布于：浙江省</div><span itemprop='datePublished' content='2022-05-06T08:00:00+08:00'></span>",
     "<meta itemprop='image' content='https://news.example.cn/images/150.jpg'>"),
    ("<div>更新时间：未知</div><div>IP属地：江苏 <span itemprop='datePublished'>2022-05-06</span></div>", ""),
])
def test_a_labelled_value_without_a_date_is_no_date(under, head):
    assert day(page(under, head=head)) == "2022-05-06"


def test_an_ip_location_label_alone_gives_no_date():
    p = page("<div>发布于：四川省</div>")
    assert p.fields.date_raw is None


@pytest.mark.parametrize("url,expected", [
    ("http://finance.example.cn/stock/2005-03-21/244339.shtml", "2005-03-21"),
    ("http://business.example.cn/20050311/n224643115.shtml", "2005-03-11"),
    ("https://epaper.example.cn/html/2024-02/13/content_88412.htm", "2024-02-13"),
    ("https://news.example.cn/a/20240925A0017", "2024-09-25"),
    ("https://news.example.cn/2023/05/12/tram.html", "2023-05-12"),
])
def test_the_day_a_news_url_names_is_the_last_resort(url, expected):
    assert day(page("<div>城市晚报</div>", url=url)) == expected
    assert day(page("<div>2023-06-02 10:00</div>", url=url)) == "2023-06-02"
    # no month 13; an id that opens with digits like a date's
    for other in ("https://news.example.cn/a/20231301/1.html", "https://news.example.cn/a/2023051288.html"):
        assert day(page("<div>城市晚报</div>", url=other)) is None


# -- writers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("under,author", [
    # on the date/source line
    ("<div>2006年5月8日10:20 [ 韩晓 ] 来源：[ 滨江日报 ]</div>", "韩晓"),
    ("<div><span>2023-05-30</span><span>来源：城市网</span><span>叶青</span></div>", "叶青"),
    ("<div><span>2023-05-30</span> <span>来源：城市网</span> <span>叶青</span></div>", "叶青"),
    # a labelled value run into the next widget
    ("<div>作者：罗一鸣 分享到：</div>", "罗一鸣"),
    ("<div>作者：罗一鸣  字号：大 中 小</div>", "罗一鸣"),
    # the writer after the source, with a role
    ("<div>2024-01-02 08:00 来源：经济参考报 作者：本报记者 方可</div>", "方可"),
    ("<div><span>来源：经济参考报</span><span>作者：方可（某证券首席经济学家）</span></div>", "方可"),
    # an issuing office on a notice
    ("<div>发文机关：某某市人民政府办公厅 发布日期：2024-01-02</div>", "某某市人民政府办公厅"),
    # a self-media account under the headline
    ("<div class=acc><a href='/profile/3021'>山野食记</a><span>关注</span></div>", "山野食记"),
    ("<div class=acc><a href='https://news.example.cn/user/99'>山野食记</a> 2023-05-30 10:00 发布于广东</div>",
     "山野食记"),
    ("<div>来源: <a href='/profile/3021'>山野食记</a></div>", "山野食记"),
    ("<div>山野食记 于 2023-05-30 10:00 发布</div>", "山野食记"),
    ("<div>山野食记 2023-05-30 10:00 · 发布于广东</div>", "山野食记"),
    ("<div><a href='/profile/3021'><img src='a.png'></a><a href='/profile/3021'>山野食记</a> 关注</div>", "山野食记"),
    ("<div>2006年5月8日10:20 韩晓东 来源：滨江日报</div>", "韩晓东"),
    ("<div><span>原创</span><span>2023-05-30 10:00</span><a href='https://mp.example.cn/profile?id=c29oOTk'>山野食记</a>"
     "</div>", "山野食记"),
    ("<div class=author><span>邵衡</span> <span>某证券首席经济学家</span></div>", "邵衡"),
    ("<div>邵衡</div><div>2023-05-30 10:00</div>", "邵衡"),
    ("<div><a href='/shanye'>山野食记</a> 于 2023-05-30 10:00 发布 阅读 2k</div>", "山野食记"),
    # an outlet before the writer in the label's value
    ("<div>作者：第一财经 邵衡</div>", "邵衡"), ("<div>作者：江城日报 邵衡 姚远</div>", "邵衡 姚远"),
    # a byline with the desk's credits after it, a bar after 作者
    ("<div>城市晚报记者 俞晴 编辑 韦一 校对 沈默</div>", "俞晴"), ("<div>作者 | 俞晴</div>", "俞晴"),
])
def test_writers_beside_the_date_and_source(under, author):
    assert page(under).fields.author == author


def test_more_people_after_a_comma_in_a_labelled_name_but_no_role():
    assert page("<div>作者：邵衡，姚远</div>").fields.author == "邵衡 姚远"
    assert page("<div>作者：邵衡，某证券首席分析师</div>").fields.author == "邵衡"


def test_a_person_named_in_the_author_meta_is_the_writer_a_site_is_not():
    assert page(head='<meta name="author" content="俞晴">').fields.author == "俞晴"
    for ld in ('"author": "俞晴"', '"author": [{"name": "俞晴"}]'):  # JSON-LD without a type
        head = f'<script type="application/ld+json">{{"@type": "NewsArticle", {ld}}}</script>'
        assert page(head=head).fields.author == "俞晴"
    for site in ("城市网", "Discuz! Team", "104363", "city.example.cn"):
        assert page(head=f'<meta name="author" content="{site}">').fields.author is None


def test_a_person_named_as_the_source_is_the_writer_an_outlet_is_not():
    assert page("<div>2005-03-21 11:21</div>", story_end="<p>来源: 尹小娟 </p>").fields.author == "尹小娟"
    for under in ("<div>来源：城市晚报</div>", "<div>来源：<a href='https://www.example.cn/'>城市网</a></div>",
                  "<div>2023-05-30 来源：新华社</div>", "<div>来源：和讯网</div>",
                  "<div>2023-05-30 10:00 文化 来源：城市网</div>", "<div>2023-05-30 10:00 新华网 来源：城市网</div>"):
        assert page(under).fields.author is None


@pytest.mark.parametrize("story_end,author", [
    ("<div align=right>（陶然）</div>", "陶然"),
    ("</div><div align=right>（陶然）</div><div>", "陶然"),  # after the story's box
    ("<p>（本文来源：江城日报 作者：省社会科学院研究员钟明）</p>", "钟明"),
])
def test_writers_closing_the_story(story_end, author):
    assert page(story_end=story_end).fields.author == author
