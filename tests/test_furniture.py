"""The story box's furniture: each kind dropped by its own words, and story sentences that
use the same words kept."""
from __future__ import annotations

import pytest

from crawler.pages import furniture


@pytest.mark.parametrize("line,why", [
    ("倍速 1.5X 高清 00:00/03:12", furniture.PLAYER),
    ("0.75X", furniture.PLAYER),
    ("错误代码：404", furniture.PLAYER),
    ("本帖最后由 河边小王 于 2020-5-6 21:03 编辑", furniture.EDIT_NOTE),
    ("编者按：这是我们关于旧书市场的第三篇报道。", furniture.EDITOR_NOTE),
    ("【内容摘要】本文梳理了近年来的旧书交易。", furniture.EDITOR_NOTE),
    ("◎ 夜色中的老街。/图：某某图片社", furniture.CAPTION),
    ("图/某某视觉", furniture.CAPTION),
    ("周小燕/摄", furniture.CAPTION),
    ("图二十二：旧书摊前挑书的市民。", furniture.CAPTION),
    ("本文首发于某某周刊。", furniture.NOTICE),
    ("未经书面授权请勿转载", furniture.NOTICE),
    ("转载请联系 rights@weekly.example", furniture.NOTICE),
    ("本文仅代表作者本人观点，不代表本平台立场。", furniture.NOTICE),
    ("阅读 (12万)", furniture.WIDGET),
    ("点赞 1.2k 评论 36", furniture.WIDGET),
    ("+1", furniture.WIDGET),
    ("字号：大 中 小", furniture.WIDGET),
    ("（责任编辑：方圆）返回首页", furniture.EDITOR_HOME),
])
def test_furniture_is_known_by_its_words(line, why):
    assert furniture.reason(line) == why


@pytest.mark.parametrize("line", [
    "他说，倍速播放已经成了年轻人看剧的习惯，高清画质反而不那么重要。",
    "图书馆今年新增了两万册图书，图一般放在二楼的阅览室。",
    "这篇文章首发于去年，当时引起了不少讨论，作者随后又写了续篇，并在多个平台转载。",
    "该平台表示，用户的观点并不代表平台的立场，这一说法引发了法律界的争论，有律师认为平台仍须承担审核责任，"
    "并称相关条款在多起诉讼中已被法院认定无效，平台应当对其推荐的内容负责，而不能简单以声明免责。",
    "阅读是一种习惯。",
    "摄影爱好者王先生说，他每周都会来这里拍鸟。",
])
def test_story_that_uses_the_same_words_stays(line):
    assert furniture.reason(line) is None


def test_an_edit_note_glued_to_a_post_is_cut_off():
    assert furniture.without_edit_note("本帖最后由 小王 于 2020-5-6 21:03 编辑 今天去了旧书市场。") == "今天去了旧书市场。"
    assert furniture.without_edit_note("今天去了旧书市场。") == "今天去了旧书市场。"


def test_each_test_answers_as_its_patterns_do_on_every_stored_line():
    """The words looked for before a pattern (图/摄 for a caption, 未 or 代表 for a notice,
    a counter's first character) are words the pattern cannot lack: on every line of the
    stored pages, and each after a space, the test gives what its patterns alone give."""
    from tests.pagecases import lines

    f = furniture
    plain = {
        f.caption: lambda t: len(t) <= f.MAX_CAPTION and bool(f._CREDIT_END.search(t) or f._SHOT_BY.match(t)
                                                             or f._FIGURE.match(t)),
        f.notice: lambda t: len(t) <= f.MAX_NOTICE and bool(
            f._FIRST_RUN.match(t) or f._NO_REPOST.search(t) or (f._RIGHTS.search(t) and f._CONTACT.search(t))
            or f._DISCLAIMER.search(t)),
        f.editor_note: lambda t: f._EDITOR_NOTE.match(t) is not None,
        f.page_widget: lambda t: len(t) <= f.MAX_CAPTION and bool(f._COUNTER.match(t) or f._FONT_SIZE.match(t)),
        f.editor_home: lambda t: len(t) <= f.MAX_CAPTION and f._EDITOR_HOME.match(t) is not None,
    }
    corpus = [*lines(), "　编者按：本期关注旧书市场。", " 阅读 12", "图：某某图片社", "如有疑问，未经许可不得转载"]
    found = {test: 0 for test in plain}
    for line in corpus:
        for test, patterns in plain.items():
            assert test(line) is patterns(line), (test.__name__, line)
            found[test] += test(line)
    assert all(found.values()), found  # the corpus holds lines each test keeps
