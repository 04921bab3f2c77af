"""Links resolved the way urljoin would, by the fast paths too."""
from __future__ import annotations

from urllib.parse import urljoin

import pytest

from crawler.pages import links

BASE = "http://127.0.0.1:8000/list/c1_2.html"


@pytest.mark.parametrize("href,expected", [
    ("/info/123.html", "http://127.0.0.1:8000/info/123.html"),
    ("/info/../info/123.html", "http://127.0.0.1:8000/info/123.html"),
    ("/a/./b/123.html", "http://127.0.0.1:8000/a/b/123.html"),
    ("../info/123.html", "http://127.0.0.1:8000/info/123.html"),
    ("info/123.html#comments", "http://127.0.0.1:8000/list/info/123.html"),
    ("https://other.example/info/9.html", "https://other.example/info/9.html"),
    ("//cdn.example/x.html", "http://cdn.example/x.html"),
    ("/tag/比特幣", "http://127.0.0.1:8000/tag/%E6%AF%94%E7%89%B9%E5%B9%A3"),
    (" /info/1.html ", "http://127.0.0.1:8000/info/1.html"),
])
def test_absolute(href, expected):
    assert links.absolute(BASE, href) == expected


@pytest.mark.parametrize("href", ["", "#top", "javascript:void(0)", "mailto:a@b.c", "tel:123", "ftp://x/y.html", None])
def test_not_followable(href):
    assert links.absolute(BASE, href) is None


def test_fast_paths_agree_with_urljoin():
    for href in ("/info/1.html", "/x/../info/2.html", "http://a.example/b/../c.html"):
        assert links.absolute(BASE, href) == urljoin(BASE, href)


@pytest.mark.parametrize("text,role", [
    ("下一页", "next"), ("下一页 >", "next"), ("下一頁»", "next"), ("« 上一頁", "prev"), ("尾页 >>", "last"),
    ("»", "next"), ("›", "next"), ("<", "prev"), ("3", "number"), ("更多 >", None), ("首页", "first"),
])
def test_pager_role_reads_the_words_past_the_arrows(text, role):
    assert links.pager_role(text) == role


@pytest.mark.parametrize("url,article", [
    ("https://x.example/info/1001.html", True), ("https://x.example/info1001.html", True),
    ("https://x.example/html/2023/0512/88231.html", True), ("https://x.example/news/show-1201.html", True),
    ("https://x.example/show-12-345-1.html", True), ("https://x.example/article_88.html", True),
    ("https://x.example/archives/4567", True),
    ("https://x.example/list/bnb_12.html", False), ("https://x.example/news_12.html", False),
    ("https://x.example/tag/show-12.html", False), ("https://x.example/news/page/2/", False),
    # an article's id in the query of a script that shows articles
    ("https://x.example/?p=123", True), ("https://x.example/index.php?m=content&c=index&a=show&catid=9&id=200", True),
    ("https://x.example/article.php?id=88", True), ("https://x.example/news/show.aspx?newsid=5120", True),
    ("https://x.example/?cat=2", False), ("https://x.example/?page_id=12", False), ("https://x.example/?p=2&x=1", False),
    ("https://x.example/index.php?m=content&c=index&a=lists&catid=9", False), ("https://x.example/list.php?tid=3", False),
    ("https://x.example/list.php?id=33", False), ("https://x.example/search.php?q=btc&id=12", False),
])
def test_article_url_shapes(url, article):
    assert links.is_article_url(url) is article


@pytest.mark.parametrize("url,number", [
    ("https://x.example/list/bnb_12.html", 12), ("https://x.example/category/defi/page/3/", 3),
    ("https://x.example/list.php?cid=3&page=7", 7), ("https://x.example/list/defi/12.html", 12),
    ("https://x.example/list/defi/2/", 2), ("https://x.example/list/defi/", None),
    ("https://x.example/?cat=2&paged=3", 3),  # WordPress with default permalinks
])
def test_a_pager_links_page_number(url, number):
    assert links.pager_link_number(url) == number


def test_only_a_pager_link_has_a_bare_number_for_page():
    # on any link, `/12.html` may be an article's id
    assert links.page_number_in_url("https://x.example/list/defi/12.html") is None


@pytest.mark.parametrize("url,home", [
    ("http://a.example", True), ("http://a.example/", True), ("http://a.example/index.html", True),
    ("http://a.example/default.aspx", True), ("http://a.example/index.php", True),
    ("http://a.example/?page=2", False), ("http://a.example/list/", False), ("http://a.example/info/1.html", False),
])
def test_home_urls(url, home):
    assert links.is_home_url(url) is home


def test_root_relative_links_of_a_saved_page_resolve_in_the_saved_site(tmp_path):
    from crawler.pages.links import absolute

    (tmp_path / "site" / "info").mkdir(parents=True)
    (tmp_path / "site" / "list").mkdir()
    (tmp_path / "site" / "list" / "bnb_1.html").write_text("x")
    page = (tmp_path / "site" / "info" / "1001.html").as_uri()
    site = (tmp_path / "site").as_uri()
    assert absolute(page, "/list/bnb_1.html") == f"{site}/list/bnb_1.html"  # it is there
    assert absolute(page, "/list/ltc_1.html") == f"{site}/list/ltc_1.html"  # its folder is there
    assert absolute(page, "/info/1002.html?p=2") == f"{site}/info/1002.html?p=2"
    assert absolute(page, "1003.html") == f"{site}/info/1003.html"
    # a folder's slash stays, and with it a WordPress article's shape
    assert absolute(page, "/list/?p=12") == f"{site}/list/?p=12" and links.is_article_url(f"{site}/list/?p=12")
    assert absolute(page, "/?p=12") == f"{site}/info/?p=12"  # (the root: no folder names it, the page's own)


def test_a_urls_path_and_query_are_urlsplits():
    """The plain web address is cut by string search, any other by urlsplit: both give
    urlsplit's path and query, and a bracketed host it refuses is refused."""
    import random
    from urllib.parse import urlsplit

    rng = random.Random(7)
    urls = ["http://a.example", "http://a.example/", "https://a.example/x/y.html?p=1#f", "http://a.example?x=1/2",
            "http://a.example#x/y?z", "http://[::1]/x", "http://a.example/x?y#z?w", "HTTP://A.example/x",
            "http://a b.example/x", "http://a.example/x\ty", "https://a.example//x//y", "file:///tmp/a.html?x=1"]
    urls += [rng.choice(["http://", "https://"]) + "".join(rng.choice("ab/?#:.[]%= ") for _ in range(rng.randint(0, 12)))
             for _ in range(5000)]
    for url in urls:
        try:
            expected: object = (urlsplit(url).path, urlsplit(url).query)
        except ValueError:
            expected = ValueError
        try:
            got: object = links.path_and_query(url)
        except ValueError:
            got = ValueError
        assert got == expected, url


def test_a_saved_pages_link_is_not_looked_for_under_a_file(tmp_path):
    """A target under a name that is a file in a folder above the page is not there: the
    next folder up that holds its first folder is the saved site's root."""
    (tmp_path / "site" / "info").mkdir(parents=True)
    (tmp_path / "site" / "info" / "list").write_text("a file, not the list folder")
    (tmp_path / "site" / "list").mkdir()
    page = (tmp_path / "site" / "info" / "1001.html").as_uri()
    assert links.absolute(page, "/list/a.html") == f"{(tmp_path / 'site').as_uri()}/list/a.html"
    assert links.absolute(page, "/list") == f"{(tmp_path / 'site' / 'info').as_uri()}/list"  # the file itself
