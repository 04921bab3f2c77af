"""``python -m crawler.explain``: why a page was read as it was."""
from __future__ import annotations

import json

import pytest

from crawler import explain
from crawler.pages import ArticlePage, read_page
from tests import pagecases

PORTAL = pagecases.ROOT / "unseen-portal-story-furniture"
PORTAL_URL = "https://news.portal.example/c/2024-05-17/doc-iihnza3275702.shtml"


def test_a_saved_page_is_explained(capsys):
    assert explain.main([str(PORTAL / "body.html"), "--url", PORTAL_URL]) == 0
    out = capsys.readouterr().out
    assert "kind     article: a headline the <title> names over 166 story characters" in out
    assert "from     a heading the <title> names" in out
    assert '<div class="article" id="artibody">' in out and "rival    <div class=\"footer\">" in out
    assert "  - （视频截图）    [a photo's caption or credit]" in out
    assert "  - 相关报道：    [after the story's end: 相关报道：]" in out
    assert "date      '2024年05月17日 20:33'  from a line under the headline" in out


def test_a_list_page_says_why(capsys):
    case = pagecases.ROOT / "demo-main-list-bnb_1"
    assert explain.main([str(case / "body.html"), "--url", "http://127.0.0.1:8000/list/bnb_1.html"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[2].startswith("kind     list: ")
    assert "  entry  " in out


def test_a_missing_file_is_a_clear_error(tmp_path, capsys):
    assert explain.main([str(tmp_path / "nothing.html")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("case", [c for c in pagecases.cases()
                                  if isinstance(read_page(*pagecases.load(c)), ArticlePage)][::4])
def test_the_kept_blocks_are_the_story(case):
    page = read_page(*pagecases.load(case))
    kept = [d.text for d in page.decisions if d.kept]
    assert len(kept) == len(page.story.blocks)
    assert all(b.text in text for b, text in zip(page.story.blocks, kept, strict=True))
    assert all(d.reason for d in page.decisions if not d.kept)


def test_each_kept_block_says_what_the_brief_split_made_of_it(capsys):
    case = pagecases.ROOT / "unseen-briefs-wordpress"
    assert explain.main([str(case / "body.html"), "--url", "https://farm.example/info/1.html"]) == 0
    out = capsys.readouterr().out
    # a brief, with the evidence weighed; its time's own line; the day heading of a 7×24 table
    assert "  > 2023-09-01 08:15    [a brief's time: brief 4.5: time line_before +1.5, title colon +1.0" in out
    assert "  > 某交易所将上线新代币:据官方公告，某交易所将于今日下午开放某代币的现货交易。    [a brief]" in out
    assert "  > 相关快讯    [a heading over briefs]" in out
    assert "    [the day heading of briefs]" in out
    # a dated line of story, and why it is not a brief
    assert "  + 负责人表示：“我们会在下周公布完整的路线图。”（2023-09-02 09:30）    [a dated line of story: story 1.0" in out
    assert "a quote -3.0" in out


def test_the_explanation_shows_what_the_crawl_emits(capsys):
    """The briefs as briefs, not story, and the article's ids as the feeds get them."""
    case = pagecases.ROOT / "demo-main-info-1003"
    assert explain.main([str(case / "body.html"), "--url", "http://127.0.0.1:8000/info/1003.html"]) == 0
    out = capsys.readouterr().out
    expected = json.loads((case / "expected.json").read_text("utf-8"))
    article, briefs = expected["article"], expected["briefs"]
    assert f"  storyId   {article['storyId']!r}" in out and f"  briefIds  {article['briefIds']}" in out
    assert len(briefs) == 2
    emits = out.split("\nemits ", 1)[1].splitlines()[1:]
    assert emits == [f"  brief    {b['id']}  {b['headline']}  [{b['datePublishedRaw']}]" for b in briefs] + [
        f"  article  storyId {article['storyId']}, 2 briefIds, {len(article['blocks'])} blocks"]
