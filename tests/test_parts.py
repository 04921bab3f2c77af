"""Articles printed over several pages: which links are the article's own later pages."""
from __future__ import annotations

import pytest

from crawler.items import Article
from crawler.pages import ArticlePage
from crawler.pages.parts import PartMatcher, join, next_part


@pytest.mark.parametrize("first,url,number", [
    ("https://a.example/info/1001.html", "https://a.example/info/1001_2.html", 2),     # DedeCMS, Empire CMS
    ("https://a.example/info/1001.html", "https://a.example/info/1001-12.html", 12),
    ("https://a.example/show-12-34-1.html", "https://a.example/show-12-34-3.html", 3),  # PHPCMS numbers page 1 too
    ("https://a.example/article-88-1.html", "https://a.example/article-88-2.html", 2),  # Discuz portal
    ("https://a.example/archives/5120", "https://a.example/archives/5120/2", 2),        # WordPress <!--nextpage-->
    ("https://a.example/archives/5120/", "https://a.example/archives/5120/2/", 2),
    ("https://a.example/news/x.html", "https://a.example/news/x.html?page=2", 2),
    ("https://a.example/news/x.php?id=7", "https://a.example/news/x.php?id=7&page=3", 3),
    ("https://a.example/?p=100", "https://a.example/?p=100&page=2", 2),               # WordPress, default permalinks
    ("https://a.example/?p=100", "https://a.example/?p=101", None),
    ("https://a.example/?p=100", "https://a.example/?p=101&page=2", None),
    # not a page of the article
    ("https://a.example/info/1001.html", "https://a.example/info/1002.html", None),
    ("https://a.example/info/1001.html", "https://a.example/info/10012.html", None),
    ("https://a.example/info/1001.html", "https://a.example/info/1001.html", None),
    ("https://a.example/info/1001.html", "https://b.example/info/1001_2.html", None),
    ("https://a.example/info/1001.html", "https://a.example/info/1001_2.htm", None),
    ("https://a.example/info/1001.html", "https://a.example/info/1001_2/x.html", None),
    ("https://a.example/info/1001.html", "https://a.example/info/1001_1.html", None),  # page 1 is the article itself
    ("https://a.example/news/x.php?id=7", "https://a.example/news/x.php?id=8", None),
])
def test_part_urls(first, url, number):
    assert PartMatcher(first).number(url) == number


def page(url: str, links: str, story: str = "第二页的正文：坎昆升级引入了Blob交易，为Rollup提供了更便宜的数据可用性空间。") -> ArticlePage:
    html = (f"<html><head><meta charset='utf-8'><title>以太坊扩容路线图全解析</title></head><body>"
            f"<h1>以太坊扩容路线图全解析</h1><div><p>{story}</p></div>{links}</body></html>")
    return ArticlePage(url, html.encode())


def test_only_links_whose_text_is_a_pagers_are_pages_of_the_article():
    p = page("https://a.example/info/1001.html",
             '<div class="pages"><span>1</span><a href="/info/1001_2.html">2</a><a href="/info/1001_3.html">3</a>'
             '<a href="/info/1001_2.html">下一页</a></div>'
             '<ul><li><a href="/info/1001_9.html">以太坊扩容路线图全解析（附录）</a></li></ul>')
    assert p.parts() == {2: "https://a.example/info/1001_2.html", 3: "https://a.example/info/1001_3.html"}
    assert next_part(p.parts(), 1) == "https://a.example/info/1001_2.html"
    assert next_part(p.parts(), 3) is None


def test_a_later_page_numbers_its_pages_from_the_first():
    p = page("https://a.example/info/1001_2.html",
             '<div class="pages"><a href="/info/1001.html">1</a><span>2</span><a href="/info/1001_3.html">3</a></div>')
    found = p.parts("https://a.example/info/1001.html")
    assert found == {3: "https://a.example/info/1001_3.html"}
    assert next_part(found, 2) == "https://a.example/info/1001_3.html"


def test_a_pager_that_skips_numbers_leads_to_the_next_it_shows():
    assert next_part({5: "u5", 2: "u2", 9: "u9"}, 2) == "u5"


def test_join_appends_the_story_and_merges_tags_and_related():
    first = Article(url="u1", blocks=[{"type": "paragraph", "text": "一"}], tags=["ETH", "L2"],
                    related=[{"url": "r1", "headline": "a"}])
    second = Article(url="u1_2", blocks=[{"type": "paragraph", "text": "二"}], tags=["L2", "DA"],
                     related=[{"url": "r1", "headline": "a"}, {"url": "r2", "headline": "b"}])
    joined = join(first, second)
    assert [b["text"] for b in joined.blocks] == ["一", "二"] and joined.articleBody == "一\n\n二"
    assert joined.tags == ["ETH", "L2", "DA"] and [r["url"] for r in joined.related] == ["r1", "r2"]
    assert joined.url == "u1"
