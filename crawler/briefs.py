"""Find the dated news flashes ("briefs") a site injects into a story: pure text patterns,
read by the page classes too (``split.py`` makes the items).

A brief is one paragraph shaped ``TITLE:BODY[YYYY/M/D HH:MM:SS]`` or
``【TITLE】BODY[…]``, or a heading ``TITLE`` over a paragraph ``BODY[…]``: the bracketed
time closes the paragraph (or stands alone on the next line). The title may hold a colon
itself (``CNBC:馬斯克已收到…``), so the split is made before the body's usual opening
(``據…``, ``4月21日消息``, ``金色財經報道``…), not at the first colon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# `2022/4/5 14:05:43`, `2022-04-05 14:05`, `2022.4.5 14:05`, `2022年4月5日 14:05`; a colon may be full-width
_TIME = (r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日\s*|\s+)\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
# The closing time, in any bracket pair the sites use; nothing but spaces after it.
BRIEF_TIME = re.compile(rf"[\[［【]\s*(?P<time>{_TIME})\s*[\]］】]\s*$")
_TIME_ONLY = re.compile(r"^\s*" + BRIEF_TIME.pattern)  # the closing time, alone on its line
_CLOSE = "]］】"  # the brackets a brief's time closes with: tried before the pattern


def ends_like_a_brief(text: str) -> bool:
    """The text closes with a brief's bracketed time."""
    return bool(text) and text[-1] in _CLOSE and BRIEF_TIME.search(text) is not None

_FLASH = re.compile(r"^【(?P<title>[^】]{2,80})】(?P<body>.+)$", re.S)
# How a brief's body usually opens: a date, "據", or the outlet's byline.
_OPENER = re.compile(
    r"^(?:據|据|\d{1,2}月\d{1,2}日|(?:\d{4}年)?\d{1,2}月\d{1,2}日|今日|今天|昨日|昨天|近日|日前|北京時間|北京时间"
    r"|金色財經|金色财经|Odaily|PANews|BlockBeats|鏈捕手|链捕手|律動|律动|巴比特|吳說|吴说|深潮|財聯社|财联社"
    r"|行情顯示|行情显示|數據顯示|数据显示|官方消息|消息|外媒|彭博|路透|CoinDesk|The Block|Cointelegraph)"
)
# A "title" ending in a reporting verb (`美国SEC在文件中称：…`) is a body naming its source,
# as `据…报道` does: under a heading, that heading is the brief's title.
_ATTRIBUTION = re.compile(r"(?:称|稱|表示|指出|透露|寫道|写道|報道|报道|報導|报导)$")
_COLON = re.compile("[:：]")
# The colon of a clock time (`21:49`) never ends a title.
_CLOCK_COLON = re.compile(r"(?<=\d)[:：](?=\d{2}(?!\d))")
MAX_TITLE = 80
# A brief's shortest title and body: shorter, the bracketed time closes a line of story.
MIN_TITLE, MIN_BODY = 2, 4
# With no known opening, a colon this close to the start ends a name prefix of the title
# (`CNBC:`, `灰度：`, `ZachXBT：`), not the title itself.
NAME_PREFIX_MAX = 12
# The outlet named at the start of the body: 金色財經報道 / 據CNBC報道 / Odaily星球日報訊.
_SOURCE_START = re.compile(
    r"^(?:(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:消息)?[，,]\s*)?(?:據|据)?\s*"
    r"(?P<src>[A-Za-z][A-Za-z0-9.\- ]{1,24}?|[\u4e00-\u9fffA-Za-z0-9]{2,14}?)\s*"
    r"(?:報道|报道|報導|报导|訊|讯|消息稱|消息称|數據|数据)"
)
# …or in parentheses at its end, labelled or not: (CryptoSlate ) / （The Block） / （来源：金色财经）.
_SOURCE_END = re.compile(r"[（(]\s*(?:(?:消息)?(?:來源|来源)|Source)?\s*[:：]?\s*"
                         r"(?P<src>[A-Za-z][A-Za-z0-9.&\- ]{1,30}|[\u4e00-\u9fff]{2,12})\s*[)）]\s*$", re.I)
_NOT_SOURCES = frozenset({"官方", "市場", "市场", "相關", "相关", "最新", "外媒", "媒體", "媒体", "鏈上", "链上",
                          "有關", "有关"})


@dataclass(frozen=True)
class BriefParts:
    title: str
    body: str
    time_raw: str
    source: str | None


def parse_brief(text: str) -> BriefParts | None:
    """The parts of a brief paragraph, or None when the paragraph is not one."""
    m = BRIEF_TIME.search(text)
    if not m:
        return None
    head = text[: m.start()].rstrip()
    flash = _FLASH.match(head)
    if flash:
        title, body = flash["title"].strip(), flash["body"].strip()
    else:
        split = _split_at(head)
        if split is None:
            return None
        title, body = head[:split].strip(), head[split + 1:].strip()
    return _parts(title, body, m)


def parse_titled_brief(title: str, text: str) -> BriefParts | None:
    """A brief printed as a heading (``<b>TITLE</b><br>`` or ``<h4>TITLE</h4>``) and a
    paragraph ``BODY[time]`` under it; None when the paragraph does not end in a brief time."""
    m = BRIEF_TIME.search(text)
    if not m or len(title) > MAX_TITLE:
        return None
    return _parts(title, text[: m.start()].strip(), m)


def _parts(title: str, body: str, time: re.Match) -> BriefParts | None:
    if len(title) < MIN_TITLE or len(body) < MIN_BODY:
        return None
    return BriefParts(title, body, time["time"].strip(), find_source(body))


def _split_at(head: str) -> int | None:
    clock = {m.start() for m in _CLOCK_COLON.finditer(head, 0, MAX_TITLE + 3)}
    colons = [m.start() for m in _COLON.finditer(head, 0, MAX_TITLE + 1) if m.start() not in clock]
    if not colons:
        return None
    for i in colons:
        if _OPENER.match(head[i + 1:].lstrip()):
            return i
    return next((i for i in colons if i > NAME_PREFIX_MAX), colons[-1])


def find_source(body: str) -> str | None:
    m = _SOURCE_START.match(body)
    if m and m["src"].strip() not in _NOT_SOURCES:
        return m["src"].strip()
    m = _SOURCE_END.search(body)
    return m["src"].strip() if m else None


def split_blocks(blocks: list[dict]) -> tuple[list[dict], list[tuple[int, BriefParts]]]:
    """Story blocks without the briefs, and the briefs with their position in the page."""
    story: list[dict] = []
    found: list[tuple[int, BriefParts]] = []
    for i, block in enumerate(blocks):
        text = block["text"]
        parts = parse_brief(text)
        joined = _with_line_above(story[-1], text, parts) if story else None
        if joined is not None:
            story.pop()
            found.append((i - 1, joined))
        elif parts is None:
            story.append(block)
        else:
            found.append((i, parts))
    return story, found


def _with_line_above(above: dict, text: str, parts: BriefParts | None) -> BriefParts | None:
    """A brief printed over two lines, the one above and ``text``: ``TITLE:BODY`` then its
    ``[time]`` alone, or a heading ``TITLE`` over ``BODY[time]`` (when ``text`` has no title
    of its own, opens like a brief's body, or names its source before its first colon)."""
    if _TIME_ONLY.match(text):
        joined = parse_brief(above["text"] + text)
        if joined is not None:
            return joined
    if above["type"] == "heading" and (parts is None or _OPENER.match(text) or _ATTRIBUTION.search(parts.title)):
        return parse_titled_brief(above["text"], text)
    return None
