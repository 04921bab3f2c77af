"""Each stage of reading an article, called alone on a page of our own: the headline, the
story's container, the story, the fields. A change to one stage shows here first."""
from __future__ import annotations

from crawler.pages import ArticlePage, Document
from crawler.pages.container import StoryBounds, densest, find_container
from crawler.pages.fields import category, find_tags, read_fields
from crawler.pages.headline import NAMED, find_headline, is_titled
from crawler.pages.story import read_story

URL = "https://news.example/a/1.html"
STORY = ["比特币周三一度升破七万美元，创下三个月来的新高，交易所资金持续流入。",
         "分析人士认为，现货ETF的持续申购是推动本轮上涨的主要力量之一。"]
PAGE = f"""<html><head><title>比特币升破七万美元_ETH-某某财经</title>
<meta name="keywords" content="比特币,ETF"></head><body>
<div class="nav"><a href="/">首页</a> &gt; <a href="/c/btc/">比特币</a> &gt; 正文</div>
<div class="side"><h3>热门</h3><p>侧栏里的一段文字，只有这么长而已。</p></div>
<h1>比特币升破七万美元_ETH</h1>
<div class="info">作者：王小明　发布时间：2024-03-06 09:12</div>
<div class="content"><p>比特币升破七万美元_ETH</p><p>{STORY[0]}</p><p>{STORY[1]}</p>
<p>责任编辑：李四</p></div>
<div class="tags">标签：<a href="/tag/btc">比特币</a>、<a href="/tag/etf">ETF</a></div>
</body></html>""".encode()


def _stages():
    doc = Document(URL, PAGE)
    bounds = StoryBounds.of(doc)
    tags = find_tags(bounds)
    found = find_headline(bounds, tags)
    container = find_container(bounds, found.story_start, found.block_ids)
    return doc, bounds, tags, found, container


def test_bounds_know_the_tags_line_and_the_tags_come_from_it():
    doc, bounds, tags, _, _ = _stages()
    assert [b.text for b in bounds.tag_lines.values()] == ["标签：比特币、ETF"]
    assert tags == ["比特币", "ETF"]
    assert bounds.until_end(0)[-1].text == "责任编辑：李四"  # the tags line closes the story


def test_the_headline_stage_finds_the_heading_the_title_names():
    doc, _, _, found, _ = _stages()
    assert [b.text for b in found.run] == ["比特币升破七万美元_ETH"] and found.source == NAMED
    assert found.headline is not None and found.headline.text == "比特币升破七万美元" and found.headline.tag == "ETH"
    assert doc.blocks[found.story_start - 1].text == found.raw
    assert is_titled(doc, found)


def test_the_container_is_the_densest_paragraphs_after_the_headline():
    _, _, _, _, container = _stages()
    assert container.element is not None and container.element.get("class") == "content"
    assert [b.text for b in container.blocks][1:3] == STORY


def test_densest_counts_a_brief_as_one_short_paragraph():
    doc = Document(URL, ("<body><div id=a><p>" + "长" * 60 + "</p><p>" + "长" * 60 + "</p></div>"
                         "<div id=b><p>" + "快" * 200 + "【2024-03-06 09:12】</p></div></body>").encode())
    box, mass = densest(doc.blocks)
    assert box.get("id") == "a" and mass == 120


def test_the_story_stage_drops_the_repeated_headline_and_the_editor_line_with_reasons():
    _, bounds, _, found, container = _stages()
    story = read_story(bounds, found, container)
    assert [(b.type, b.text) for b in story.blocks] == [("paragraph", t) for t in STORY]
    assert story.chars == sum(map(len, STORY))
    reasons = {d.text: d.reason for d in story.decisions(bounds.doc.blocks) if not d.kept}
    assert reasons["比特币升破七万美元_ETH"] in ("repeats the headline", "the headline")
    assert reasons["责任编辑：李四"].startswith("the site's boilerplate")
    assert reasons["侧栏里的一段文字，只有这么长而已。"] == "outside the story's container"


def test_the_fields_stage_reads_labels_and_says_where_each_came_from():
    _, bounds, _, found, container = _stages()
    fields = read_fields(bounds, found, container, read_story(bounds, found, container))
    assert (fields.author, fields.author_source) == ("王小明", "a labelled field")
    assert (fields.date_raw, fields.date_source) == ("2024-03-06 09:12", "a labelled field")
    assert fields.editor == "李四"  # dropped from the story as boilerplate, still read as a field


def test_category_is_the_last_crumb_before_the_page_itself():
    doc = Document(URL, PAGE)
    assert [c.name for c in doc.breadcrumbs] == ["首页", "比特币", "正文"]
    assert category(doc.breadcrumbs, "比特币升破七万美元") == "比特币"


def test_the_page_class_composes_the_stages():
    page = ArticlePage(URL, PAGE)
    item = page.to_item()
    assert item.headline == "比特币升破七万美元" and item.author == "王小明" and item.category == "比特币"
    assert item.articleBody == "\n\n".join(STORY) and item.tags == ["比特币", "ETF"]
    assert page.field_sources == {"headline": NAMED, "author": "a labelled field", "date": "a labelled field"}


def test_a_field_in_brackets_closing_the_story_is_a_field_not_story():
    closing = "<p>【编辑：李四】</p>\n<p>雨中的码头。 通讯员王芳 摄</p>".encode()
    page = ArticlePage(URL, PAGE.replace("<p>责任编辑：李四</p>".encode(), closing))
    assert page.fields.editor == "李四"
    assert [b.text for b in page.story.blocks] == STORY
    reasons = {d.text: d.reason for d in page.decisions if not d.kept}
    assert reasons["【编辑：李四】"] == "a field's label" and reasons["雨中的码头。 通讯员王芳 摄"] == "a photo's caption or credit"


def test_a_story_closing_in_bold_keeps_its_last_sentence_a_bold_title_at_the_end_goes():
    closing = "<p><b>愿大家都能</b></p><p><b>理性投资，远离风险。</b></p>".encode()
    page = ArticlePage(URL, PAGE.replace("<p>责任编辑：李四</p>".encode(), closing))
    assert [b.text for b in page.story.blocks][-2:] == ["愿大家都能", "理性投资，远离风险。"]
    titled = "<p><b>监管的下一步</b></p>".encode()  # a bold title with nothing under it
    page = ArticlePage(URL, PAGE.replace("<p>责任编辑：李四</p>".encode(), titled))
    assert [b.text for b in page.story.blocks] == STORY


def test_a_link_home_glued_to_the_last_paragraph_is_cut_off():
    glued = f'<p>{STORY[1]}<a href="/">返回某某财经首页&gt;&gt;</a></p>'.encode()
    page = ArticlePage(URL, PAGE.replace(f"<p>{STORY[1]}</p>".encode(), glued))
    assert [b.text for b in page.story.blocks] == STORY
