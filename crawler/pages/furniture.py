"""Lines a page prints inside the story's box that are no story: a video player's controls,
photo credits and numbered figure captions, a forum's edit note, first-publication and
rights notices, an editor's note, counters and reactions, a platform's disclaimer.

Each is known by its own words, never by a template's class names; every pattern is
anchored or bounded by a line length, so a story's sentence that mentions the same words
stays story.
"""
from __future__ import annotations

import re

from .tunables import MAX_CAPTION, MAX_NOTICE

# Why a line is dropped (the story stage's reasons).
PLAYER = "a video player's controls"
EDIT_NOTE = "a forum post's edit note"
EDITOR_NOTE = "an editor's note or a summary box above the story"
CAPTION = "a photo's caption, credit or figure number"
NOTICE = "the site's notice (first run, reposting, rights, views)"
WIDGET = "a counter, a reaction or the font-size switch"
EDITOR_HOME = "the editor's field run into a link home"
REASONS = (PLAYER, EDIT_NOTE, EDITOR_NOTE, CAPTION, NOTICE, WIDGET, EDITOR_HOME)

# A video player's labels, alone or run together: speeds, qualities, its clock, its error.
_PLAYER = re.compile(r"^(?:\s*(?:倍速|[0-9]\.[0-9]{1,2}\s*[Xx×倍]|[0-9]\s*[Xx×]|高清|标清|標清|超清|流畅|流暢|蓝光|藍光"
                     r"|原画|原畫|自动|自動|播放|暂停|暫停|全屏|静音|靜音|重播|画中画|畫中畫"
                     r"|\d{1,2}:\d{2}(?::\d{2})?\s*/\s*\d{1,2}:\d{2}(?::\d{2})?"
                     r"|[错錯]误代[码碼]\s*[:：]?\s*[\w-]*))+\s*$")
_PLAYER_FIRST = frozenset("倍0123456789高标標超流蓝藍原自播暂暫全静靜重画畫错錯")

# `本帖最后由 某某 于 2023-9-1 08:15 编辑`: the forum's note of the post's last edit.
_EDIT_NOTE = re.compile(r"^本帖最[后後]由\s*.{1,30}?\s*[于於]\s*[\d\s:./年月日-]{6,25}\s*[编編][辑輯]\s*")

# A photo's credit or caption: `◎ 说明。/图：某图库`, `图：某图库`, `王某/摄`, `摄影/王某`, a WeChat
# figure caption numbered in words or digits (`图一：…`, `图二十二：…`, `图3：…`).
_CREDIT_END = re.compile(r"(?:^|[。.！!）)\s/／])\s*(?:[图圖]片?|摄影|攝影)\s*[:：/／]\s*[\w·・\u3000 ]{2,16}$")
_SHOT_BY = re.compile(r"^[\w·・]{2,12}\s*[/／]\s*[摄攝](?:影)?$|^(?:摄影|攝影|[摄攝])\s*[/／:：]\s*[\w·・]{2,12}$")
_FIGURE = re.compile(r"^[图圖]\s*[一二三四五六七八九十百零〇\d]{1,4}\s*[:：]")

# `本文首发于…`, `本文原载于…`: where the story first ran, a notice of the site's.
_FIRST_RUN = re.compile(r"^(?:本文|此文)\S{0,4}?(?:首[发發]|原[载載]|最早[发發]表)(?:[于於]|自)|^首[发發][于於]")
# `未经书面授权请勿转载`, `未经许可，禁止转载`.
_NO_REPOST = re.compile(r"未[經经]\S{0,8}?(?:授[權权]|[許许]可|同意)\S{0,3}?(?:[請请]?勿|不得|禁止|[严嚴]禁)\S{0,6}?"
                        r"(?:[轉转][載载]|[複复]制|使用|摘[编編])")
# A rights notice with contact details: repost terms and an e-mail address or a telephone.
_RIGHTS = re.compile(r"版[權权]|轉[載载]|转[載载]|授[權权]")  # one character opening each word: a fast scan
_CONTACT = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\d{3,4}-\d{7,8}|(?<!\d)1\d{10}(?!\d)")
# A platform's disclaimer: the author's views, not the platform's.
_DISCLAIMER = re.compile(r"[仅僅]代表(?:作者|原作者|[个個]人|本人)\S{0,6}?(?:观点|觀點|立场|立場|看法)"
                         r"|不代表(?:本站|本网|本網|本平台|本号|本號)\S{0,4}?(?:立场|立場|观点|觀點)")

# `编者按：…`, `【内容摘要】…`: a box the editors set above the story.
_EDITOR_NOTE = re.compile(r"^[【\[［]?\s*(?:编者按|編者按|编者的话|編者的話|内容摘要|內容摘要|内容提要|內容提要)"
                          r"\s*[】\]］:：]")
_EDITOR_NOTE_FIRST = frozenset("【[［编編内內")

# Counters and reactions: `阅读 (12万)`, `点赞 36`, `+1`.
_COUNTER = re.compile(r"^(?:\s*(?:阅读|閱讀|浏览|瀏覽|点赞|點讚|点击|點擊|评论|評論|收藏|分享|在看|赞|讚|转发|轉發)"
                      r"\s*[（(]?\s*[\d.,]+\s*[万萬wWkK千亿億]?\+?\s*[)）]?)+\s*$|^[+＋]\s*\d{1,3}$")
# The font-size switch: `字号：大 中 小`, `字体：T T`.
_FONT_SIZE = re.compile(r"^(?:字号|字號|字体|字體)\s*[:：]?(?:\s*[大中小默认認TＴAＡ+＋-]\s*)*$")
# The first characters a counter or the font-size switch opens with, after any spaces.
_WIDGET_FIRST = frozenset("阅閱浏瀏点點评評收分在赞讚转轉+＋字")
# The editor in brackets run into a link home: `（编辑：某某）返回首页，查看更多`.
_EDITOR_HOME = re.compile(r"^[（(【\[]\s*(?:[责責]任[编編][辑輯]|[编編][辑輯]|[责責][编編])\s*[:：][^）)】\]]{1,20}"
                          r"[）)】\]]\s*(?:返回\S{0,8}?首[页頁]|查看更多)")


def reason(text: str) -> str | None:
    """Why a line of the story's box is furniture, or None."""
    if len(text) > MAX_CAPTION:  # a story's paragraph, most lines: only an editor's note box is that long
        return EDITOR_NOTE if editor_note(text) else None
    for test, why in ((player_line, PLAYER), (edit_note, EDIT_NOTE), (editor_note, EDITOR_NOTE), (caption, CAPTION),
                      (notice, NOTICE), (page_widget, WIDGET), (editor_home, EDITOR_HOME)):
        if test(text):
            return why
    return None


def player_line(text: str) -> bool:
    return text[0] in _PLAYER_FIRST and len(text) <= MAX_CAPTION and _PLAYER.match(text) is not None


def edit_note(text: str) -> bool:
    m = _EDIT_NOTE.match(text) if text.startswith("本帖最") else None
    return m is not None and m.end() == len(text)


def caption(text: str) -> bool:
    """A photo's credit or a figure's caption on a line of its own."""
    # each pattern holds 图, 圖, 摄 or 攝: a line without them is let go before three searches
    return (len(text) <= MAX_CAPTION and ("图" in text or "圖" in text or "摄" in text or "攝" in text)
            and (_CREDIT_END.search(text) is not None or _SHOT_BY.match(text) is not None
                 or _FIGURE.match(text) is not None))


def notice(text: str) -> bool:
    """The site's notice: first run elsewhere, no reposting, rights with contact details,
    views that are not the platform's."""
    if len(text) > MAX_NOTICE:
        return False
    # the words each pattern cannot lack are looked for first (a regex call costs ten substring tests)
    return ((text[:1] in "本此首" and _FIRST_RUN.match(text) is not None)
            or ("未" in text and _NO_REPOST.search(text) is not None)
            or (_RIGHTS.search(text) is not None and _CONTACT.search(text) is not None)
            or ("代表" in text and _DISCLAIMER.search(text) is not None))


def editor_note(text: str) -> bool:
    return (text[:1] in _EDITOR_NOTE_FIRST or text[:1].isspace()) and _EDITOR_NOTE.match(text) is not None


def page_widget(text: str) -> bool:
    """A counter, a reaction, the font-size switch."""
    return (len(text) <= MAX_CAPTION
            and (text[:1] in _WIDGET_FIRST or text[:1].isspace())
            and (_COUNTER.match(text) is not None or _FONT_SIZE.match(text) is not None))


def editor_home(text: str) -> bool:
    """The editor's field run into a link home: `（编辑：某某）返回首页，查看更多`."""
    return len(text) <= MAX_CAPTION and text[:1] in "（(【[" and _EDITOR_HOME.match(text) is not None


def without_edit_note(text: str) -> str:
    """A post's text after the edit note it opens with, when the two share a line."""
    if not text.startswith("本帖最"):
        return text
    m = _EDIT_NOTE.match(text)
    return text[m.end():] if m else text
