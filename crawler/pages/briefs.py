"""Find the dated news flashes ("briefs") a site injects into a story: pure text, read by
the page classes too (``split.py`` makes the items).

A brief is a unit standing apart from the story's flow: a title, a body, a time, usually a
source, in a block of its own or a few lines together. The seed's shape is one paragraph
``TITLE:BODY[YYYY/M/D HH:MM:SS]`` (or ``【TITLE】BODY[…]``); sites also print the time
first, bare after a source note, on a line of its own before or after the brief, or as a
clock under a day heading (a 7×24 list); the title as a heading over the body, after a flash
label (``【快讯】``), or not at all (``某某日报讯 …``). ``brieftime`` finds the time in any of
those places; this module finds the title and body around it; ``briefevidence`` weighs what
was found, so that a story's own dated line (``更新：…[…]``) stays story.

The title may hold a colon itself (``CNBC:馬斯克已收到…``), so the split is made before the
body's usual opening (``據…``, ``4月21日消息``, ``金色財經報道``…), not at the first colon.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypeGuard

from . import brieftime, memo
from .briefevidence import ATTRIBUTION, Evidence, weigh
from .brieftime import END_BRACKETED as BRIEF_TIME
from .brieftime import PageDay, TimeMark
from .tunables import MAX_CACHED_LINE

__all__ = ["BRIEF_TIME", "BlockRole", "BriefParts", "ends_like_a_brief", "find_source", "parse_brief", "read_blocks",
           "split_blocks"]


def ends_like_a_brief(text: str) -> bool:
    """The text closes with a brief's time, bracketed or after a note."""
    return brieftime.ends_with_time(text)


_FLASH = re.compile(r"^【(?P<title>[^】]{2,80})】(?P<body>.+)$", re.S)
# How a brief's body usually opens: a date, "據", or the outlet's byline.
_OPENER = re.compile(
    r"^(?:據|据|\d{1,2}月\d{1,2}日|(?:\d{4}年)?\d{1,2}月\d{1,2}日|今日|今天|昨日|昨天|近日|日前|北京時間|北京时间"
    r"|金色財經|金色财经|Odaily|PANews|BlockBeats|鏈捕手|链捕手|律動|律动|巴比特|吳說|吴说|深潮|財聯社|财联社"
    r"|行情顯示|行情显示|數據顯示|数据显示|官方消息|消息|外媒|彭博|路透|CoinDesk|The Block|Cointelegraph)"
)
_OPENER_AT = re.compile(r"\s*" + _OPENER.pattern[1:])  # the same, where a colon leaves off
_COLON = re.compile("[:：]")
_BAR = re.compile(r"\s+[|｜]\s+|｜|——")  # a title's end where a site prints no colon
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
                          "有關", "有关", "統計", "统计"})


# A flash label before the title (`【快讯】`, `[7×24]`, `币圈快讯：`, `7x24快讯 |`): not the
# title, nor part of the id.
_FLASH_WORD = (r"(?:(?:币圈|幣圈|今日|最新|突发|突發|重磅|独家|獨家|区块链|區塊鏈|加密|链上|鏈上)?"
               r"(?:快讯|快訊|快报|快報|资讯|資訊|头条|頭條)|7\s*[×xX*]\s*24\s*(?:小时|小時|h|H)?\s*(?:快讯|快訊)?"
               r"|突发|突發|重磅|独家|獨家)")
_LABEL = re.compile(rf"^(?:[【\[［〔]\s*{_FLASH_WORD}\s*[】\]］〕]|{_FLASH_WORD}\s*[:：|｜]|{_FLASH_WORD}\s+)\s*")
# A heading over a run of briefs: `相关快讯`, `7×24快讯`, `今日快讯`.
_FLASH_HEADING = re.compile(rf"^[|｜▍■●◆▌#\s]*(?:相关|相關|最新|今日|热门|熱門|更多|精选|精選)?{_FLASH_WORD}"
                            r"(?:推荐|推薦|列表|速递|速遞)?\s*[:：]?$")
# An untitled brief opens with its outlet: `某某日报讯 …`, `CNBC报道，…`.
# (`据某财经报道，…` opens story sentences as often: not a brief's lead.)
_SOURCE_LEAD = re.compile(r"^(?!据|據)(?P<src>[A-Za-z][A-Za-z0-9.\- ]{1,24}?|[\u4e00-\u9fffA-Za-z0-9]{2,14}?)\s*"
                          r"(?:訊|讯|(?<!据)(?<!據)(?:報道|报道|報導|报导))(?:[\s，,:：]|$)")
_LEAD_WORDS = re.compile("訊|讯|報道|报道|報導|报导")
MAX_LEAD = 30  # an outlet's lead ends this close to the start
# The first characters of every flash label: most texts are let go without the regex.
_LABEL_FIRST = frozenset("【[［〔币幣今最突重独獨区區加链鏈快资資头頭7")
_OUTLET = re.compile(r"^\s*\S{2,14}(?:訊|讯)\s*$")
_FIRST_SENTENCE = re.compile(r"^[^。！？!?]+")
# A line ending so is a sentence or a clause of one, never a title over the line below.
_NO_TITLE_ENDS = frozenset("。！？!?，,；;：:、")


@dataclass(frozen=True)
class BriefParts:
    title: str
    body: str
    time_raw: str
    source: str | None
    #: what made these lines a brief, point by point
    evidence: Evidence


@dataclass(frozen=True)
class BlockRole:
    """What the brief split made of one block: ``story``, a brief's part, a day heading or a
    heading over briefs; with the evidence weighed when the block held a time."""

    role: str
    evidence: Evidence | None = None


STORY = "story"
_IN_LINE = frozenset(("end", "end_bare", "start", "start_bare"))  # the time inside the brief's own line
_STORY_ROLE = BlockRole(STORY)
MIN_RUN = 2  # briefs under a heading, and no story, that make it the run's heading


@dataclass(frozen=True)
class _Titled:
    title: str
    body: str
    how: str  # briefevidence.TITLE_WEIGHTS' keys
    label: bool


def _title_and_body(head: str) -> _Titled | None:
    """The title and body of a brief's text (its time taken out)."""
    label = False
    m = _LABEL.match(head) if head[:1] in _LABEL_FIRST else None
    if m and len(head) - m.end() >= MIN_TITLE + MIN_BODY:
        head, label = head[m.end():], True
    flash = _FLASH.match(head)
    if flash and not _OUTLET.match(flash["title"]):
        return _Titled(flash["title"].strip(), flash["body"].strip(), "bracketed", label)
    if flash:  # `【某某日报讯】…`: the outlet, not a title
        return _Titled(_untitled(flash["body"]), head, "untitled", label)
    lead = _SOURCE_LEAD.match(head) if _LEAD_WORDS.search(head, 0, MAX_LEAD) else None
    if lead and lead["src"].strip() not in _NOT_SOURCES:
        return _Titled(_untitled(head[lead.end():]), head, "untitled", label)
    split = _split_at(head)
    if split is not None:
        return _Titled(head[:split].strip(), head[split + 1:].strip(), "colon", label)
    bar = _BAR.search(head, 0, MAX_TITLE + 2)  # `标题 | 正文`, `标题——正文`
    if bar is None:
        return None
    return _Titled(head[: bar.start()].strip(), head[bar.end():].strip(), "colon", label)


def _untitled(rest: str) -> str:
    """A title for a brief printed without one: its first sentence (its first clause when
    that is too long)."""
    rest = rest.strip(" ，,：:")
    m = _FIRST_SENTENCE.match(rest)
    first = m.group(0) if m else rest
    if len(first) > MAX_TITLE:
        first = re.split(r"[，,；;]", first, maxsplit=1)[0][:MAX_TITLE]
    return first.strip()


def _parts(title: str, body: str, time_raw: str, how_time: str, how_title: str, before_time: str,
           label: bool = False, source: str | None = None, first_line: bool = False) -> BriefParts | None:
    if how_title in ("heading", "line_above") and title[:1] in _LABEL_FIRST and (m := _LABEL.match(title)):
        title, label = title[m.end():], True  # `<h4>【快讯】标题</h4>`
    if len(title) < MIN_TITLE or len(body) < MIN_BODY or len(title) > MAX_TITLE:
        return None
    source = find_source(body) or source
    evidence = weigh(how_time, how_title, title, body, before_time, label=label,
                     opener=bool(_OPENER.match(body)), source=source, first_line=first_line)
    return BriefParts(title, body, time_raw, source, evidence)


def parse_brief(text: str) -> BriefParts | None:
    """The parts of a brief printed as one paragraph, or None when the paragraph is not one."""
    mark = brieftime.find(text)
    if mark is None or mark.kind not in _IN_LINE:
        return None
    parts = _in_line(mark, None)
    return parts if _decided(parts) else None


# The same briefs are injected into page after page: a brief's line is weighed once
# (``memo``).
_find_time = memo.per_short_line(brieftime.find)


def _in_line(mark: TimeMark, above: str | None) -> BriefParts | None:
    if len(mark.rest) > MAX_CACHED_LINE or (above is not None and len(above) > MAX_CACHED_LINE):
        return _read_in_line(mark, above)
    return _in_line_once(mark, above)


@memo.remembered()
def _in_line_once(mark: TimeMark, above: str | None) -> BriefParts | None:
    return _read_in_line(mark, above)


def _read_in_line(mark: TimeMark, above: str | None) -> BriefParts | None:
    """A brief whose time sits in its own line; ``above``: the heading over it, if any,
    which titles a text with no title of its own, that opens as a body does, or that names
    a speaker before its colon."""
    head = mark.rest
    t = _title_and_body(head)
    if above is not None and (t is None or t.how == "untitled" or _OPENER.match(head)
                              or (t.how == "colon" and ATTRIBUTION.search(t.title))):
        titled = _parts(above, head, mark.raw, mark.kind, "heading", head, source=mark.source)
        if _decided(titled):
            return titled
    if t is None:
        return None
    return _parts(t.title, t.body, mark.raw, mark.kind, t.how, head, t.label, mark.source)


def _split_at(head: str) -> int | None:
    clock = {m.start() for m in _CLOCK_COLON.finditer(head, 0, MAX_TITLE + 3)}
    # nor does a colon inside parentheses: a source note's (`（来源：某财经）`)
    parens = "（" in head or "(" in head
    colons = [m.start() for m in _COLON.finditer(head, 0, MAX_TITLE + 1)
              if m.start() not in clock and not (parens and _in_parentheses(head, m.start()))]
    if not colons:
        return None
    for i in colons:
        if _OPENER_AT.match(head, i + 1):
            return i
    return next((i for i in colons if i > NAME_PREFIX_MAX), colons[-1])


def _in_parentheses(text: str, i: int) -> bool:
    before = text[:i]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def find_source(body: str) -> str | None:
    m = _SOURCE_START.match(body)
    if m and m["src"].strip() not in _NOT_SOURCES:
        return m["src"].strip()
    m = _SOURCE_END.search(body)
    return m["src"].strip() if m else None


def split_blocks(blocks: list[dict]) -> tuple[list[dict], list[tuple[int, BriefParts]]]:
    """Story blocks without the briefs, and the briefs with their position in the page."""
    roles, found = read_blocks(blocks, evidence=False)
    return [b for b, r in zip(blocks, roles, strict=True) if r.role == STORY], found


def read_blocks(blocks: list[dict], at_top: bool = True, page_day: PageDay | None = None,
                evidence: bool = True) -> tuple[list[BlockRole], list[tuple[int, BriefParts]]]:
    """What each block is (story, or a part of a brief), and the briefs with the position
    of their first block. ``at_top``: the blocks open the story (a time alone on the first
    line is then the page's date more often than a brief's). ``page_day``: the day of the
    clock items no day heading dates (a flash page's), else they are not briefs.
    ``evidence``: a dated line left in the story carries the evidence it was weighed by
    (weighed again: only ``explain`` shows it)."""
    return _Reading(blocks, at_top, page_day).read(evidence)


class _Reading:
    """One pass over a story's blocks, in order; a brief takes its lines out of the story."""

    def __init__(self, blocks: list[dict], at_top: bool, page_day: PageDay | None = None):
        self.at_top = at_top
        self.page_day = page_day
        self.texts = [b["text"] for b in blocks]
        self.headings = [b["type"] == "heading" for b in blocks]
        # most blocks are story with no clock in them: let them go before a call
        clock, day = brieftime.ANY_CLOCK.search, brieftime.MAX_DAY_LINE
        self.marks = [_find_time(t) if len(t) <= day or clock(t) else None for t in self.texts]
        self.roles: list[BlockRole | None] = [None] * len(blocks)
        self.found: list[tuple[int, BriefParts]] = []

    def read(self, evidence: bool = True) -> tuple[list[BlockRole], list[tuple[int, BriefParts]]]:
        n, marks = len(self.texts), self.marks
        day: tuple[int, str] | None = None  # the day heading in force: its block, its date
        i = 0
        while i < n:
            mark = marks[i]
            if mark is not None and mark.kind == "day":
                day = (i, self.page_day.with_year(mark.raw) if self.page_day is not None else mark.raw)
                i += 1
                continue
            taken = self._brief_at(i, mark, day) if mark is not None else None
            if taken is None and mark is not None and day is None and self.page_day is not None:
                taken = self._page_dated(i, mark, self.page_day)
            if mark is not None and taken is not None:
                first, last, parts, roles = taken
                for k, role in roles.items():
                    self.roles[k] = BlockRole(role, parts.evidence if k == first else None)
                if day is not None and mark.kind in ("clock", "clock_start"):  # the day came from it
                    self.roles[day[0]] = BlockRole("the day heading of briefs")
                self.found.append((first, parts))
                i = last + 1
                continue
            day = None
            i += 1
        if self.found:
            self._headings_over_briefs()
        if not evidence:
            return [r or _STORY_ROLE for r in self.roles], self.found
        return [r or (_STORY_ROLE if self.marks[k] is None else BlockRole(STORY, self._refused(k)))
                for k, r in enumerate(self.roles)], self.found

    def _refused(self, k: int) -> Evidence | None:
        """The evidence a dated line of story was weighed by, for ``explain``."""
        mark = self.marks[k]
        if mark is None or mark.kind not in _IN_LINE:
            return None
        parts = _in_line(mark, None)
        return parts.evidence if parts is not None else None

    def _titles(self, k: int) -> bool:
        """Block ``k`` is a heading that may title the brief below it (not a run's `相关快讯`)."""
        return (self._free(k) and self.headings[k] and self.marks[k] is None
                and not _FLASH_HEADING.match(self.texts[k]))

    def _free(self, k: int) -> bool:
        """Block ``k`` exists and no brief has taken it."""
        return 0 <= k < len(self.texts) and self.roles[k] is None

    def _brief_at(self, i: int, mark: TimeMark, day: tuple[int, str] | None):
        """(first block, last block, parts, {block: role}) of a brief whose time is in block
        ``i``, or None."""
        kind = mark.kind
        if kind in _IN_LINE:
            above = self.texts[i - 1] if self._titles(i - 1) else None
            parts = _in_line(mark, above)
            if not _decided(parts):
                return None
            if above is not None and parts.title == above:
                return i - 1, i, parts, {i - 1: "a brief's title", i: "a brief"}
            return i, i, parts, {i: "a brief"}
        if kind == "alone":
            return self._time_line(i, mark)
        if kind in ("clock", "clock_start") and day is not None:
            return self._clock_item(i, mark, f"{day[1]} {mark.raw}")
        return None

    def _page_dated(self, i: int, mark: TimeMark, page_day: PageDay):
        """A clock item no day heading dates, dated by the page's own day."""
        if mark.kind not in ("clock", "clock_start"):
            return None
        time_raw, day, minutes = page_day.at(mark.raw)
        taken = self._clock_item(i, mark, time_raw)
        if taken is not None:
            page_day.take(day, minutes)
        return taken

    def _time_line(self, i: int, mark: TimeMark):
        """A time on its own line: the brief is the text above it, or else below it."""
        source = mark.rest or None
        if self._free(i - 1) and self.marks[i - 1] is None and not self.headings[i - 1]:
            got = self._text_with_title(i - 1, mark.raw, "line_after", source)
            if got is not None:
                first, parts, roles = got
                return first, i, parts, {**roles, i: "a brief's time"}
        if self._free(i + 1) and self.marks[i + 1] is None:
            got = self._forward(i + 1, mark.raw, "line_before", source, first_line=self.at_top and i == 0)
            if got is not None:
                last, parts, roles = got
                return i, last, parts, {i: "a brief's time", **roles}
        return None

    def _clock_item(self, i: int, mark: TimeMark, time_raw: str):
        """An item of a 7×24 list: a clock, then the brief on the same line or below."""
        how = "clock_under_day"
        if mark.kind == "clock_start":
            t = _title_and_body(mark.rest)
            parts = _parts(t.title, t.body, time_raw, how, t.how, mark.rest, t.label) if t is not None else None
            if _decided(parts):
                return i, i, parts, {i: "a brief"}
            # `<li><span>08:15</span><a>TITLE</a><p>BODY</p></li>`: the title beside the clock
            k = i + 1
            if not self._free(k) or self.marks[k] is not None or self.headings[k] or len(mark.rest) > MAX_TITLE:
                return None
            parts = _parts(mark.rest, self.texts[k], time_raw, how, "line_above", self.texts[k])
            return (i, k, parts, {i: "a brief's title", k: "a brief"}) if _decided(parts) else None
        got = self._forward(i + 1, time_raw, how, None) if self._free(i + 1) and self.marks[i + 1] is None else None
        if got is None:
            return None
        last, parts, roles = got
        return i, last, parts, {i: "a brief's time", **roles}

    def _forward(self, k: int, time_raw: str, how: str, source: str | None, first_line: bool = False):
        """The brief that starts at block ``k`` (its time printed before it): a heading over
        a body, or a titled text. (last block, parts, roles) or None."""
        text = self.texts[k]
        if self._titles(k) and self._free(k + 1) and self.marks[k + 1] is None and not self.headings[k + 1]:
            body = self.texts[k + 1]
            parts = _parts(text, body, time_raw, how, "heading", body, source=source, first_line=first_line)
            if _decided(parts):
                return k + 1, parts, {k: "a brief's title", k + 1: "a brief"}
        if self.headings[k]:
            return None
        t = _title_and_body(text)
        parts = (_parts(t.title, t.body, time_raw, how, t.how, text, t.label, source, first_line)
                 if t is not None else None)
        if _decided(parts):
            return k, parts, {k: "a brief"}
        # a 7×24 item's title on a line of its own, not marked as a heading (`<div class="tt">`)
        if (how == "clock_under_day" and len(text) <= MAX_TITLE and text[-1] not in _NO_TITLE_ENDS
                and self._free(k + 1) and self.marks[k + 1] is None and not self.headings[k + 1]):
            body = self.texts[k + 1]
            parts = _parts(text, body, time_raw, how, "line_above", body, source=source)
            if _decided(parts):
                return k + 1, parts, {k: "a brief's title", k + 1: "a brief"}
        return None

    def _text_with_title(self, k: int, time_raw: str, how: str, source: str | None):
        """The brief whose text is block ``k``: titled in itself, or by the heading (or the
        short line) above it. (first block, parts, roles) or None."""
        text = self.texts[k]
        t = _title_and_body(text)
        above = k - 1
        untitled = t is None or t.how == "untitled" or _OPENER.match(text)
        if untitled and self._free(above) and self.marks[above] is None and not _FLASH_HEADING.match(self.texts[above]):
            line = self.texts[above]
            title_how = "heading" if self.headings[above] else "line_above"
            if title_how == "heading" or (len(line) <= MAX_TITLE and line[-1] not in _NO_TITLE_ENDS
                                          and _title_and_body(line) is None):
                parts = _parts(line, text, time_raw, how, title_how, text, source=source)
                if _decided(parts):
                    return above, parts, {above: "a brief's title", k: "a brief"}
        if t is None:
            return None
        parts = _parts(t.title, t.body, time_raw, how, t.how, text, t.label, source)
        return (k, parts, {k: "a brief"}) if _decided(parts) else None

    def _headings_over_briefs(self) -> None:
        """A heading over a run of briefs titles the run (`相关快讯`, `7×24快讯`): not story.
        So does a heading with briefs under it and no story before the next heading."""
        roles, n = self.roles, len(self.texts)
        for k in range(n - 1):
            if roles[k] is not None or roles[k + 1] is None:
                continue
            if _FLASH_HEADING.match(self.texts[k]):
                roles[k] = BlockRole("a heading over briefs")
                continue
            if not self.headings[k]:
                continue
            end = next((j for j in range(k + 1, n) if roles[j] is None and self.headings[j]), n)
            under = range(k + 1, end)
            taken = [r for j in under if (r := roles[j]) is not None]
            if len(taken) == len(under) and sum(r.role == "a brief" for r in taken) >= MIN_RUN:
                roles[k] = BlockRole("a heading over briefs")


def _decided(parts: BriefParts | None) -> TypeGuard[BriefParts]:
    return parts is not None and parts.evidence.brief
