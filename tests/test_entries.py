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
