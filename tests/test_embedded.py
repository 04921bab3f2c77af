"""Articles read from the JSON state a Next.js, Nuxt or Vue page renders in the browser, when
its HTML is a shell: the same article as served in HTML, and no article where the state
holds none (teasers, several stories, a script, hostile JSON), in bounded time."""
from __future__ import annotations

import json
import time

import pytest

from crawler.explain import explain
from crawler.pages import ArticlePage, ListPage, page_classes, page_kind, read_page
from crawler.pages.embedded import find_article, state_scripts
from crawler.pages.tunables import MAX_JSON_NODES, MAX_STATE_JSON
from crawler.text.dates import DateParser
from tests import pagecases
from tests.conftest import run_crawl

HTML_CASE = "unseen-html5-article"
JSON_CASES = ("unseen-nextjs-shell", "unseen-nuxt-state", "unseen-initial-state-text")
URL = "https://news.example/p/88120"
STORY = ["以太坊开发者在周四的核心会议上确认了下一次升级的测试网时间表，主网日期仍待定。",
         "会议纪要显示，客户端团队需要在两周内完成新版本的发布，以便节点运营者提前准备。",
         "多位开发者表示，若测试网运行顺利，主网升级有望在下个季度初进行。"]


def _extract(case: str) -> dict:
    return pagecases.extract(pagecases.ROOT / case)


def _shell(scripts: str, title: str = "以太坊确认下一次升级的测试网时间表 - 某某链闻") -> bytes:
    return (f"<html><head><meta charset=utf-8><title>{title}</title></head><body><div id=__next>"
            f"<a href=/>首页</a><p>加载中…</p></div>{scripts}</body></html>").encode()


def _next_data(data: object) -> str:
    return f'<script id="__NEXT_DATA__" type="application/json">{json.dumps(data, ensure_ascii=False)}</script>'


def _story(i: int = 0, title: str = "以太坊确认下一次升级的测试网时间表") -> dict:
    return {"id": 88120 + i, "title": title, "content": "".join(f"<p>{p}</p>" for p in STORY),
            "publishedAt": 1709620200000, "author": [{"name": "林青"}, {"name": "周原"}]}


@pytest.mark.parametrize("case", JSON_CASES)
def test_a_json_rendered_article_matches_the_same_article_served_as_html(case):
    html, rendered = _extract(HTML_CASE), _extract(case)
    assert rendered["pageKind"] == "article" and rendered["problem"] is None
    a, b = html["article"], rendered["article"]
    assert (b["headline"], b["author"]) == (a["headline"], a["author"])
    parse = DateParser().parse
    assert parse(b["datePublishedRaw"]).iso == parse(a["datePublishedRaw"]).iso == "2024-03-05T14:30:00+08:00"
    if case == "unseen-initial-state-text":  # plain text has no headings: the same lines, as paragraphs
        assert [x["text"] for x in b["blocks"]] == [x["text"] for x in a["blocks"]]
    else:
        assert b["blocks"] == a["blocks"] and b["tags"] == a["tags"]
    # the brief injected into the story is split from it as from the HTML's
    assert [(x["headline"], x["body"], x["datePublishedRaw"]) for x in rendered["briefs"]] == \
           [(x["headline"], x["body"], x["datePublishedRaw"]) for x in html["briefs"]]
    assert b["storyId"] == a["storyId"] or case == "unseen-initial-state-text"


def test_explain_says_the_story_came_from_embedded_json_and_at_which_path():
    url, body, headers = pagecases.load(pagecases.ROOT / "unseen-nextjs-shell")
    report = explain(url, body, headers)
    assert "kind     article: the story is read from the embedded JSON (__NEXT_DATA__ at props.pageProps.article)" in report
    assert "story    from embedded JSON (__NEXT_DATA__ at props.pageProps.article.content) (HTML)" in report
    assert "from     embedded JSON (__NEXT_DATA__ at props.pageProps.article.title)" in report
    assert "date      '2024-03-05T06:30:00.000Z'  from embedded JSON (__NEXT_DATA__ at props.pageProps.article.publishedAt)" \
        in report
    assert "  - 加载中…    [the page's HTML: the story is read from its embedded JSON" in report
    nuxt = explain(*pagecases.load(pagecases.ROOT / "unseen-nuxt-state"))
    assert "script   __NUXT__, 1257 characters: parsed" in nuxt and "named in a script, not assigned" in nuxt


def test_a_shell_whose_state_holds_only_teasers_is_no_article():
    url, body, headers = pagecases.load(pagecases.ROOT / "unseen-nextjs-teaser-list")
    article, listing = page_classes(url, body, headers)
    assert article.embedded.story is None and "no object holds a headline over a story" in article.embedded.verdict
    assert page_kind(article, listing)[0] == "list" and article.problem() is not None


def test_several_whole_stories_in_a_state_make_no_article_unless_the_title_or_url_names_one():
    stories = [_story(i, f"以太坊升级测试网时间表第{i}次确认的会议纪要") for i in range(3)]
    body = _shell(_next_data({"props": {"pageProps": {"feed": stories}}}), title="以太坊频道 - 某某链闻")
    page = ArticlePage("https://news.example/channel/eth", body)
    assert page.embedded.story is None and "3 objects hold a headline over a story" in page.embedded.verdict
    named = ArticlePage("https://news.example/channel/eth", body.replace("以太坊频道".encode(), stories[1]["title"].encode()))
    assert named.embedded.story is not None and named.embedded.story.article.path == "props.pageProps.feed[1]"
    by_url = ArticlePage("https://news.example/p/88122", body)  # the URL holds the third one's id
    assert by_url.embedded.story is not None and by_url.headline.text == stories[2]["title"]


def test_the_same_story_twice_in_a_state_is_one_article_with_its_fields():
    data = {"props": {"pageProps": {"article": _story(), "initialState": {"detail": _story()}}}}
    page = read_page(URL, _shell(_next_data(data)))
    assert isinstance(page, ArticlePage) and page.problem() is None
    item = page.to_item()
    assert item.headline == "以太坊确认下一次升级的测试网时间表" and [b["text"] for b in item.blocks] == STORY
    assert item.author == "林青 周原" and item.datePublishedRaw == "2024-03-05T14:30:00+08:00"  # epoch milliseconds


def test_the_html_story_stays_when_it_is_the_page_s_own():
    printed = "".join(f"<p>{p}</p>" for p in STORY)
    # server-rendered: the HTML prints the story the state holds
    ssr = ArticlePage(URL, _shell(_next_data({"props": {"pageProps": {"article": _story()}}})).replace(
        "<p>加载中…</p>".encode(), f"<h1>以太坊确认下一次升级的测试网时间表</h1>{printed}".encode()))
    assert ssr.embedded.story is None and "the HTML's story is read" in ssr.embedded.verdict
    assert ssr.read_headline is ssr.found_headline and [b.text for b in ssr.story.blocks] == STORY
    # a story of its own in the HTML, and another article (a sidebar's) in the state: not the page's
    other = _story(5, title="另一篇文章：比特币矿工收入创下新高")
    page = ArticlePage(URL, _shell(_next_data({"props": {"pageProps": {"hot": other}}})).replace(
        "<p>加载中…</p>".encode(), f"<h1>以太坊确认下一次升级的测试网时间表</h1><p>{STORY[0]}</p>".encode()))
    assert page.embedded.story is None and [b.text for b in page.story.blocks] == STORY[:1]
    # a teaser in the HTML, the whole story in the state
    teaser = ArticlePage(URL, _shell(_next_data({"props": {"pageProps": {"article": _story()}}})).replace(
        "<p>加载中…</p>".encode(), f"<h1>以太坊确认下一次升级的测试网时间表</h1><p>{STORY[0]}</p>".encode()))
    assert teaser.embedded.story is not None and [b.text for b in teaser.story.blocks] == STORY


def test_a_state_text_is_read_by_the_story_rules():
    content = "".join(f"<p>{p}</p>" for p in STORY) + "<p>责任编辑：李四</p><p>标签：以太坊</p><p>相关阅读里的一行。</p>"
    page = ArticlePage(URL, _shell(_next_data({"article": {**_story(), "content": content, "author": None}})))
    assert [b.text for b in page.story.blocks] == STORY
    assert page.fields.editor == "李四"
    reasons = {d.text: d.reason for d in page.decisions if not d.kept}
    assert reasons["责任编辑：李四"].startswith("the site's boilerplate")
    assert reasons["相关阅读里的一行。"].startswith("after the story's end")


def _shell_page_reads(body: bytes):
    t = time.process_time()
    article, listing = page_classes(URL, body)
    kind = page_kind(article, listing)
    problem = article.problem()
    return kind, problem, article.embedded, time.process_time() - t


HOSTILE = {
    "too large": (_shell(f'<script id="__NEXT_DATA__" type="application/json">{{"a":"{"x" * MAX_STATE_JSON}"}}</script>'),
                  f"more than {MAX_STATE_JSON} are not parsed"),
    "nested deep": (_shell("<script>window.__NUXT__=" + "[" * 500_000 + "]" * 500_000 + "</script>"),
                    "nested too deep to parse"),
    "malformed": (_shell('<script id="__NEXT_DATA__" type="application/json">{"props":{"title":"以太坊</script>'),
                  "not JSON"),
    "a script": (_shell("<script>window.__NUXT__=(function(a,b){return {title:'以太坊确认下一次升级',content:a}}"
                        f"('{STORY[0] * 5}',1));</script>"), "not a JSON literal (a script computes it): not run"),
    "not json": (_shell("<script>window.__INITIAL_STATE__={title:'以太坊确认', content: `多行`}</script>"), "not JSON"),
    "markers everywhere": (_shell("<script>" + "window.__INITIAL_STATE__={" * 200_000 + "</script>"),
                           "are not parsed"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_state_is_skipped_with_its_reason_and_the_page_falls_back(name):
    body, reason = HOSTILE[name]
    kind, problem, embedded, seconds = _shell_page_reads(body)
    assert embedded.story is None and any(reason in (s.skipped or "") for s in embedded.scripts)
    assert problem is not None and problem[0] == "empty_body"  # the shell, read as HTML: no story
    assert seconds < 2  # milliseconds here; a page costs tens


def test_a_state_of_many_objects_is_walked_only_so_far():
    many = [{"title": f"第{i}条快讯的标题"} for i in range(MAX_JSON_NODES)]
    late = {"title": "以太坊确认下一次升级的测试网时间表", "content": "".join(f"<p>{p}</p>" for p in STORY)}
    body = _shell("<script>window.__INITIAL_STATE__=" + json.dumps({"feed": many, "article": late},
                                                                    ensure_ascii=False) + "</script>")
    assert len(body.decode()) < MAX_STATE_JSON
    scripts = tuple(state_scripts(body.decode()))
    assert scripts[0].skipped is None
    t = time.process_time()
    page = ArticlePage(URL, body)
    assert find_article(scripts, page.doc)[0] is None  # the article lies past the objects walked
    assert time.process_time() - t < 2


def test_a_marker_in_the_page_text_is_no_state():
    body = _shell(f"<p>__NEXT_DATA__ 是 Next.js 页面里的一段 JSON：{json.dumps(_story(), ensure_ascii=False)}</p>")
    assert list(state_scripts(body.decode())) == []
    assert isinstance(read_page(URL, body), (ArticlePage, ListPage))


def test_a_state_given_as_a_json_string_to_json_parse_is_read():
    state = json.dumps({"article": _story()}, ensure_ascii=False)
    body = _shell(f"<script>window.__INITIAL_STATE__=JSON.parse({json.dumps(state, ensure_ascii=False)});</script>")
    page = read_page(URL, body)
    assert isinstance(page, ArticlePage) and [b.text for b in page.story.blocks] == STORY
    odd = _shell("<script>window.__INITIAL_STATE__=JSON.parse('{\"a\":1}');</script>")  # a JS string: not JSON
    assert [s.skipped for s in state_scripts(odd.decode())] == ["not a JSON literal (a script computes it): not run"]


def test_a_long_string_that_is_no_prose_is_no_story():
    image = "data:image/png;base64," + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk" * 20
    page = ArticlePage(URL, _shell(_next_data({"props": {"pageProps": {"banner": {"title": "以太坊确认下一次升级",
                                                                                 "src": image}}}})))
    assert page.embedded.story is None and "no object holds a headline over a story" in page.embedded.verdict


def test_a_crawl_yields_the_shell_s_article_as_it_yields_the_html_one(tmp_path):
    """End to end: the same article, served once in HTML and once as a Next.js shell, gives
    the same item and the same brief through the spider and its pipelines."""
    site = tmp_path / "site"
    site.mkdir()
    for case in (HTML_CASE, "unseen-nextjs-shell"):
        (site / f"{case}.html").write_bytes((pagecases.ROOT / case / "body.html").read_bytes())
    start = ",".join((site / f"{c}.html").as_uri() for c in (HTML_CASE, "unseen-nextjs-shell"))
    result = run_crawl(tmp_path / "feeds", "-a", f"start_urls={start}", "-s", "NEWS_FOLLOW_RELATED=0")
    by_case = {a["url"].rsplit("/", 1)[1]: a for a in result.articles}
    html, shell = by_case[f"{HTML_CASE}.html"], by_case["unseen-nextjs-shell.html"]
    for key in ("headline", "author", "datePublished", "blocks", "articleBody", "tags", "storyId", "briefIds"):
        assert shell[key] == html[key], key
    assert len(result.briefs) == 1 and shell["datePublished"] == "2024-03-05T14:30:00+08:00"
