"""The tree a page is read from, and the text helpers' fast paths (exactly what their plain
definitions give)."""
from __future__ import annotations

import re

import opencc
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.pages.dom import collapse, iter_blocks, parse_html
from crawler.text import artifacts

T2S = opencc.OpenCC("t2s")

# What collapse() means: every run of whitespace (zero-width characters included) is one space,
# but for a joiner between two emoji.
WS = re.compile(r"(?:[\s\u00a0\u3000\u200b\u200c\ufeff]|(?<![\U0001f000-\U0001faff\u2600-\u27bf\ufe0f])\u200d"
                r"|\u200d(?![\U0001f000-\U0001faff\u2600-\u27bf\ufe0f]))+")
TEXT = st.text(alphabet=st.sampled_from(list("ab 比特幣?\\\n\t\u00a0\u3000\u200b\u200c\u200d\ufeff\x1c\u2028\u2003"
                                             "\U0001f469\U0001f4bb\u2764\ufe0f")), max_size=40)


@given(TEXT)
def test_collapse_is_whitespace_runs_to_one_space(text):
    assert collapse(text) == WS.sub(" ", text).strip()


@pytest.mark.parametrize("text", ["开发者\U0001f469\u200d\U0001f4bb", "\U0001f3f3\ufe0f\u200d\U0001f308 彩虹",
                                  "\U0001f468\U0001f3fd\u200d\U0001f692", "\u2764\ufe0f\u200d\U0001f525很热"])
def test_an_emoji_joined_with_zwj_keeps_its_joiner(text):
    assert collapse(text) == text
    assert artifacts.repair(text) == text
    assert artifacts.repair_many([text, "a\u200db"]) == [text, "ab"]


@given(st.lists(TEXT, max_size=6))
def test_repair_many_is_repair_of_each(texts):
    assert artifacts.repair_many(texts) == [artifacts.repair(t) for t in texts]


def test_cached_property_computes_once_per_instance():
    from crawler.pages.cache import cached_property

    class Page:
        calls = 0

        @cached_property
        def value(self):
            Page.calls += 1
            return [Page.calls]

    a, b = Page(), Page()
    assert a.value is a.value and a.value == [1]
    assert b.value == [2] and Page.calls == 2


def texts(html: str) -> list[str]:
    return [b.text for b in iter_blocks(parse_html(html).find("body"))]


@pytest.mark.parametrize("html", [
    "<html><body><p>menu</p></body></html><div><p>story</p></div>",    # libxml2 drops what follows </html>
    "<html><body><p>menu</p></html><p>story</p></body></html>",
    "<html><body><p>menu</p></body><div><p>story</p></div></html>",     # ... and sets it beside <body>
    "<body><p>menu</p></body><body class=x><p>story</p></body>",        # a second <body>
    "<html><body><p>menu</p></body></html>\n<html><body><p>story</p></body></html>",
])
def test_content_after_early_document_end_tags_stays_in_the_body(html):
    """A template's include closes the page early: a browser shows what follows, in the body."""
    assert texts(html) == ["menu", "story"]


@pytest.mark.parametrize("hidden", [
    '<div style="display:none">stuffed keywords</div>',
    '<div style="DISPLAY: NONE;">stuffed keywords</div>',
    '<p style="color:red; visibility:hidden">stuffed keywords</p>',
    "<p hidden>stuffed keywords</p>",
    '<div style="display:none"><p style="display:none">stuffed</p> keywords</div>',
])
def test_hidden_elements_are_not_read_but_the_text_after_them_is(hidden):
    html = f"<body><div><p>one</p>{hidden}tail <p style='display:block'>two</p></div></body>"
    assert texts(html) == ["one", "tail", "two"]


def test_a_page_hidden_whole_until_a_script_shows_it_is_read():
    html = "<html style='visibility:hidden'><body style='display:none'><p>one</p><p hidden>x</p><p>two</p></body></html>"
    assert texts(html) == ["one", "two"]


_HIDDEN_STORY = "".join(f"<p>第{i}张：湖边的老柳树在晨雾里显得格外安静，几位老人正在树下打太极拳。</p>" for i in range(12))


def test_a_hidden_container_holding_the_only_story_is_read():
    html = (f"<body><div><a href='/'>首页</a></div><div style='visibility: hidden'><h1>湖边清晨</h1>{_HIDDEN_STORY}</div>"
            "<div style='display:none'>分享到微信</div><div>版权所有</div></body>")
    got = texts(html)
    assert "湖边清晨" in got and len([t for t in got if t.startswith("第")]) == 12 and "分享到微信" not in got


def test_hidden_markup_beside_a_visible_story_stays_out():
    """A gallery's hidden slides with more text than a short visible story are not read."""
    visible = "".join(f"<p>第{i}段：市图书馆今年新增了三个分馆，周末的读者比去年同期多了一倍以上。</p>" for i in range(3))
    html = f"<body><div class='gallery'><div style='display:none'>{_HIDDEN_STORY}</div></div><div>{visible}</div></body>"
    assert texts(html) == [f"第{i}段：市图书馆今年新增了三个分馆，周末的读者比去年同期多了一倍以上。" for i in range(3)]


def _deep_page(nesting: int, tail_paragraphs: int = 4) -> bytes:
    story = [f"<p>第{i}段：比特币价格今日上涨，市场情绪回暖，交易量明显放大。</p>" for i in range(2 + tail_paragraphs)]
    deep = "<div>" * nesting + "".join(story[2:]) + "</div>" * nesting
    return (f"<html><head><title>比特币价格上涨</title></head><body><h1>比特币价格上涨</h1>"
            f"<div>{''.join(story[:2])}{deep}</div></body></html>").encode()


def test_deep_markup_keeps_its_text_and_the_story_stays_whole():
    from crawler.pages import ArticlePage

    page = ArticlePage("https://a.example/info/1.html", _deep_page(300))  # libxml2's default stops at 255
    assert [b.text[:3] for b in page.story.blocks] == [f"第{i}段" for i in range(6)] and page.problem() is None


def test_markup_deeper_than_the_parser_keeps_is_a_reject_not_a_short_story():
    from crawler.pages import ArticlePage

    assert ArticlePage("https://a.example/info/1.html", _deep_page(100_000)).problem()[0] == "too_deep"


def test_a_text_node_over_ten_megabytes_is_read_whole():
    from crawler.pages import ArticlePage

    body = ("<html><head><title>長文章的標題在這裡</title></head><body><h1>長文章的標題在這裡</h1><p>"
            + "很長的段落。" * 2_000_000 + "</p><p>結尾的段落在這裡出現。</p></body></html>").encode()
    page = ArticlePage("https://a.example/info/2.html", body)
    assert page.story.blocks[-1].text == "結尾的段落在這裡出現。" and page.story_chars > 12_000_000


def test_a_page_of_a_million_elements_is_a_reject_not_a_gigabyte():
    import resource

    from crawler.pages import read_page

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    body = b"<html><head><title>t</title></head><body>" + b"<p>x</p>" * 1_000_000 + b"</body></html>"
    page = read_page("https://a.example/info/1.html", body)
    assert page.problem()[0] == "too_many_elements"
    # the tree of a million <p>s took about a gigabyte; the page's own text is 8 MB
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB
