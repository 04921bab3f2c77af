"""7×24 flash lists printed with an article: titles that link their flash, and lists beside
the story (a sidebar) rather than in it. Their items are briefs; the story stays whole."""
from __future__ import annotations

from crawler.pages import ArticlePage, read_page
from tests.pagecases import ROOT, load

STORY_START = "某公链基金会本周公布了新一轮生态激励计划"


def test_a_7x24_items_linked_title_is_a_brief_not_a_row_of_links():
    page = read_page(*load(ROOT / "unseen-linked-7x24-titles"))
    assert isinstance(page, ArticlePage)
    emitted = page.emitted
    assert [(b.headline, b.datePublishedRaw) for b in emitted.briefs] == [
        ("某交易所宣布下架三个交易对", "2023年9月1日 09:12"), ("某稳定币市值突破800亿美元", "2023年9月1日 08:40")]
    blocks = emitted.article.blocks
    assert len(blocks) == 3 and blocks[0]["text"].startswith(STORY_START)  # no body left behind as story
    assert emitted.article.briefIds == [b.id for b in emitted.briefs]


def test_a_flash_list_beside_the_story_gives_briefs_and_leaves_the_story_alone():
    page = read_page(*load(ROOT / "unseen-flash-sidebar"))
    assert isinstance(page, ArticlePage)
    emitted = page.emitted
    assert [(b.headline, b.datePublishedRaw) for b in emitted.briefs] == [
        ("某钱包上线多签功能", "2023年9月1日 09:30"), ("某L2网络日交易量创新高", "2023年9月1日 09:05"),
        ("某矿池算力占比升至18%", "2023年9月1日 08:47")]
    assert emitted.article.briefIds == [b.id for b in emitted.briefs]
    assert len(emitted.article.blocks) == 3 and emitted.article.blocks[0]["text"].startswith(STORY_START)
    reasons = {d.text: d.reason for d in page.decisions}
    assert reasons["某钱包上线多签功能"] == "beside the story: a brief's title"


def test_the_same_story_with_its_flashes_in_it_or_beside_it_is_one_story():
    inside = read_page(*load(ROOT / "unseen-linked-7x24-titles")).emitted.article
    beside = read_page(*load(ROOT / "unseen-flash-sidebar")).emitted.article
    assert inside.storyId == beside.storyId


def test_a_lone_dated_line_beside_a_story_is_no_brief():
    page = read_page(*load(ROOT / "demo-main-info-1001"))
    assert page.beside.found == []
