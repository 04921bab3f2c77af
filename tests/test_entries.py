"""Related lists and list entries, told apart from story paragraphs that link elsewhere."""
from __future__ import annotations

import pytest

from crawler.pages import Document

STORY = ("<p>其中，流动性质押协议Lido的份额接近三成，正如<a href='/info/11.html'>此前报道</a>所言，去中心化程度仍是焦点。</p>"
         "<p>分析人士认为，提款开放后质押风险下降，详见<a href='/info/12.html'>上海升级后的质押格局</a>一文。</p>")


def entries(body: str) -> list[tuple[str, str | None]]:
    doc = Document("https://x.example/info/1.html", f"<html><body>{body}</body></html>".encode(), {})
    return [(e.url.rsplit("/", 1)[1], e.summary) for e in doc.entries]


def test_links_in_running_text_are_not_entries():
    assert entries(f"<div class='c'>{STORY}</div>") == []


@pytest.mark.parametrize("markup", [
    # flat: title, summary, date as siblings; a summary in an inline element, items on their own lines
    "<div><a href='/info/11.html'>标题一号文章</a><p>摘要一，内容很长很长。</p><i>2023-05-01</i>\n"
    "<a href='/info/12.html'>标题二号文章</a><p>摘要二，内容很长很长。</p><i>2023-05-02</i></div>",
    "<div><a href='/info/11.html'>标题一号文章</a> <span>摘要一，内容很长很长。</span>\n"
    "<a href='/info/12.html'>标题二号文章</a> <span>摘要二，内容很长很长。</span></div>",
    # a date or a label before each title
    "<ul><li><span>05-01</span><a href='/info/11.html'>标题一号文章</a></li><li><span>05-02</span><a href='/info/12.html'>标题二号文章</a></li></ul>",
    "<div><p>上一篇：<a href='/info/11.html'>标题一号文章</a></p><p>下一篇：<a href='/info/12.html'>标题二号文章</a></p></div>",
])
def test_list_markup_stays_entries(markup):
    assert [u for u, _ in entries(markup)] == ["11.html", "12.html"]


def test_a_site_without_article_url_shapes_gets_its_entries_from_headline_like_links():
    markup = ("<div class='nav'><a href='/'>首页</a><a href='/news/'>新闻</a><a href='/defi/'>DeFi专区</a></div><ul>"
              + "".join(f"<li><a href='/news/{slug}'>{title}</a><span>05-0{i}</span></li>"
                        for i, (slug, title) in enumerate([("uniswap-v4-hooks", "Uniswap V4将引入Hooks机制"),
                                                           ("aave-gho-launch", "Aave社区通过GHO稳定币上线提案")], 1))
              + "</ul><div class='pages'><a href='/news/page/3/'>下一页 &gt;</a></div>")
    assert entries(markup) == [("uniswap-v4-hooks", None), ("aave-gho-launch", None)]


def test_a_short_story_of_lines_that_links_to_an_article_is_not_an_entry():
    # under 8 letters before the link, so not plainly running text; but four lines of prose
    story = ("<div>比特币减半临近，<br>矿工收入结构生变，<br>监管方面，多个司<a href='/info/11.html'>法辖区</a>正在制定要求。"
             "<br>业内预计将逐步恢复。<br></div>")
    pager = "<div>上一篇：<a href='/info/12.html'>标题二号文章</a></div><div>下一篇：<a href='/info/13.html'>标题三号文章</a></div>"
    assert [u for u, _ in entries(f"<div>{story}{pager}</div>")] == ["12.html", "13.html"]


def test_an_entry_with_line_breaks_is_still_one_entry():
    markup = ("<ul><li><a href='/info/11.html'>标题一号文章</a><br>摘要一，内容很长很长。<br>2023-05-01</li>"
              "<li><a href='/info/12.html'>标题二号文章</a><br>摘要二，内容很长很长。<br>2023-05-02</li></ul>")
    assert entries(markup) == [("11.html", "摘要一，内容很长很长。"), ("12.html", "摘要二，内容很长很长。")]


def crumbs(body: str) -> list[tuple[str, str | None]]:
    doc = Document("https://x.example/info/1.html", f"<html><body>{body}</body></html>".encode(), {})
    return [(c.name, c.url) for c in doc.breadcrumbs]


def test_a_trail_of_list_items_is_the_breadcrumbs():
    trail = "<ol><li><a href='/'>首页</a></li><li><a href='/list/bnb_1.html'>BNB</a></li><li>正文</li></ol>"
    assert crumbs(trail) == [("首页", "https://x.example/"), ("BNB", "https://x.example/list/bnb_1.html"), ("正文", None)]


@pytest.mark.parametrize("menu", [
    # a menu opens with the home link too, but every item is a link, or there are many
    "<ul><li><a href='/'>首页</a></li><li><a href='/list/bnb_1.html'>BNB</a></li><li><a href='/list/eth_1.html'>ETH</a></li></ul>",
    "<ul>" + "".join(f"<li>{n}</li>" for n in ["首页", "新闻", "快讯", "行情", "专栏", "活动", "关于"]) + "</ul>",
])
def test_a_menu_of_list_items_is_not_a_trail(menu):
    assert crumbs(menu) == []


def test_briefs_whose_titles_link_to_their_flash_pages_are_story_not_entries():
    briefs = ("<div><p><a href='/flash/88123.html'>推特将任命马斯克为董事会成员</a>:金色财经报道,推特将任命马斯克为董事会成员。"
              "[2022/4/5 14:05:43]</p><p><a href='/flash/88124.html'>马斯克:NFT是美元的另一种形态</a>："
              "12月5日消息,马斯克表示NFT是美元的另一种形态。[2021/12/5 12:52:13]</p></div>")
    assert entries(briefs) == []
    # an entry whose summary closes with a bracketed date is an entry still
    related = ("<ul><li><a href='/info/11.html'>标题一号文章</a> 摘要一，内容很长很长。[2021/4/11 20:00:00]</li>"
               "<li><a href='/info/12.html'>标题二号文章</a> 摘要二，内容很长很长。[2021/4/10 9:30:00]</li></ul>")
    assert [u for u, _ in entries(related)] == ["11.html", "12.html"]


def test_a_title_cut_short_for_the_layout_is_read_whole_from_the_links_title():
    markup = ("<ul><li><a href='/info/11.html' title='比特币减半临近 矿工收入结构生变_BTC'>比特币减半临近 矿工收...</a></li>"
              "<li><a href='/info/12.html' title='一篇别的文章'>稳定币总市值重回15…</a></li></ul>")
    doc = Document("https://x.example/info/1.html", f"<html><body>{markup}</body></html>".encode(), {})
    assert [e.headline for e in doc.entries] == ["比特币减半临近 矿工收入结构生变_BTC", "稳定币总市值重回15…"]
