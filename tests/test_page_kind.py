"""What a page is (``read_page``): an article or a list, from its content, its URL a hint."""
from __future__ import annotations

from crawler.pages import ArticlePage, ListPage, read_page

RELATED = "".join(f"<li><a href='/info/{i}.html'>相关文章标题第{i}号</a><p>这是第{i}篇相关文章的摘要。</p></li>"
                  for i in range(11, 16))
STORY = "<p>稳定币市场总市值时隔一年重新站上1500亿美元，USDT的市场份额进一步扩大。</p><p>监管方面，多个司法辖区正在制定要求。</p>"


def page(url: str, body: str):
    return read_page(url, f"<html><head><title>标题</title></head><body>{body}</body></html>".encode(), {})


def test_a_short_labelled_article_at_a_slug_url_is_an_article_beside_a_long_related_list():
    body = f"<h1>标题</h1><div>作者：链捕手 时间：2023-05-01 10:00</div><div>{STORY}</div><ul>{RELATED}</ul>"
    assert isinstance(page("https://x.example/news/stable-coins", body), ArticlePage)


def test_the_same_markup_with_a_pager_is_a_list():
    pager = "<div><a href='/news/page/2/'>2</a> <a href='/news/page/3/'>3</a> <a href='/news/page/2/'>下一页</a></div>"
    body = f"<h1>标题</h1><div>作者：链捕手 时间：2023-05-01 10:00</div><div>{STORY}</div><ul>{RELATED}</ul>{pager}"
    assert isinstance(page("https://x.example/news/", body), ListPage)


def test_an_articles_links_to_its_neighbours_are_no_pager():
    neighbours = "<div><a href='/info/10.html'>上一篇</a> <a href='/info/12.html'>下一篇</a></div>"
    body = f"<h1>标题</h1><div>作者：链捕手 时间：2023-05-01 10:00</div><div>{STORY}</div><ul>{RELATED}</ul>{neighbours}"
    assert isinstance(page("https://x.example/news/stable-coins", body), ArticlePage)


def test_a_category_page_with_an_intro_and_no_labels_is_a_list():
    body = f"<h1>标题</h1><div>{STORY}</div><ul>{RELATED}</ul>"
    assert isinstance(page("https://x.example/category/stable/", body), ListPage)


def test_page_12_of_a_list_at_an_article_shaped_url_is_a_list():
    pager = ("<div><a href='/list/bnb/11.html'>11</a> <span>12</span> <a href='/list/bnb/13.html'>13</a>"
             " <a href='/list/bnb/13.html'>下一页</a></div>")
    assert isinstance(page("https://x.example/list/bnb/12.html", f"<h2>BNB</h2><ul>{RELATED}</ul>{pager}"), ListPage)


def test_an_empty_article_at_an_article_url_stays_an_article_to_be_rejected():
    p = page("https://x.example/info/19.html", f"<h1>标题</h1><div>作者： 时间：2023-05-01</div><ul>{RELATED}</ul>")
    assert isinstance(p, ArticlePage) and p.problem()[0] == "empty_body"


def test_a_short_article_printed_over_pages_is_an_article_its_pager_no_lists():
    pager = ("<div class='dede_pages'><ul class='pagelist'><li><a>共2页: </a></li><li><a href='#'>上一页</a></li>"
             "<li class='thisclass'><a href='#'>1</a></li><li><a href='19_2.html'>2</a></li>"
             "<li><a href='19_2.html'>下一页</a></li></ul></div>")
    body = f"<h1>标题</h1><div>作者：链捕手 时间：2023-05-01 10:00</div><div>{STORY}{pager}</div><ul>{RELATED}</ul>"
    p = page("https://x.example/info/19.html", body)
    assert isinstance(p, ArticlePage) and p.parts() == {2: "https://x.example/info/19_2.html"}
    assert [b.text[:4] for b in p.story.blocks] == ["稳定币市", "监管方面"]  # the pager's line is no story
    # a list's own pager still makes a list, at an article-shaped URL too
    list_pager = "<div><a href='/list/bnb/2.html'>2</a> <a href='/list/bnb/2.html'>下一页</a></div>"
    assert isinstance(page("https://x.example/list/bnb/1.html", f"<h2>BNB</h2><ul>{RELATED}</ul>{list_pager}"), ListPage)


def test_a_story_printed_a_clause_per_div_outweighs_a_longer_header_line():
    clauses = "".join(f"<div>{c}</div>" for c in ["某地宣布全面清理挖矿项目，", "要求相关企业在期限内退出。",
                                                  "受此影响，全网算力下降近半，", "大批矿机被运往北美地区。",
                                                  "分析认为，算力分布更加分散，", "反而提升了网络的抗审查能力。"])
    body = (f"<header><b>以太坊交易所</b><span>Ctrl+D收藏以太坊交易所网站</span></header>"
            f"<div class='c'>{clauses}</div><div class='foot'>Copyright © 2023 以太坊交易所 版权所有 关于我们</div>")
    p = page("https://x.example/info/20.html", body)
    assert [b.text for b in p.story.blocks][:2] == ["某地宣布全面清理挖矿项目，", "要求相关企业在期限内退出。"]
    assert not any("Copyright" in b.text for b in p.story.blocks)


def test_a_saved_copy_reads_as_the_page_at_its_address(tmp_path):
    """Every stored page with a story, saved as a file and read from its file:// URL, gives
    the kind and the story it gives from its own address. (A page with no story at all is
    known as an article only by its URL's shape: that hint alone is the URL's to give.)"""
    from tests import pagecases

    for case in pagecases.cases():
        url, body, headers = pagecases.load(case)
        at_address = read_page(url, body, headers)
        if not isinstance(at_address, ArticlePage) or not at_address.story.blocks:
            continue
        saved = tmp_path / case.name / "page.html"
        saved.parent.mkdir()
        saved.write_bytes(body)
        from_file = read_page(saved.as_uri(), body, headers)
        assert isinstance(from_file, ArticlePage), case.name
        assert from_file.story.blocks == at_address.story.blocks, case.name


def test_a_category_holding_one_article_is_a_list_not_its_teaser():
    """One entry makes no entry group, and its summary under the category's heading reads
    like a short story: the link to the article it teases keeps the page a list."""
    body = ("<h1>标题</h1><dl><dt><a href='/info/100015.html'>第15期：链上手续费市场观察</a></dt>"
            "<dd>链游赛道在熊市中持续洗牌，日活跃用户过万的项目已经所剩无几，开发团队纷纷转向。</dd></dl>")
    assert isinstance(page("https://x.example/list/c4_1.html", body), ListPage)
