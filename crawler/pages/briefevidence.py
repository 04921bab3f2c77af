"""The evidence that a run of lines is a brief, weighed together.

A brief is a unit standing apart from the story's flow: its own block, a title, a body,
a time, usually a source. No one of these makes a brief (a story's line may close with a
bracketed date, a timeline's line opens with a clock), so each found part adds its weight
and each sign of story (a label for a title, a quote, a time that is part of the
sentence) takes some away; the lines are a brief when the sum reaches ``THRESHOLD``.
``Evidence`` keeps every point, for ``crawler.explain``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# -- tunables: the weight of each piece of evidence ------------------------------------------
# Where the time sits (brieftime.TimeMark.kind, or the line it stands on).
TIME_WEIGHTS = {
    "end": 2.0,  # closing the line in brackets: `…。[2023/9/1 08:15]`
    "end_bare": 1.5,  # bare, after a sentence or a source note: `…（来源：某财经）2023-09-01 08:15`
    "start": 2.0,  # opening the line in brackets: `[2023-09-01 08:15] 标题：…`
    "start_bare": 1.5,  # opening it bare: `2023-09-01 08:15 标题：…`
    "line_after": 1.5,  # alone on the line after the brief
    "line_before": 1.5,  # alone on the line before it
    "clock_under_day": 2.0,  # a clock, under a day heading: a 7×24 list's item
}
# How the title was found.
TITLE_WEIGHTS = {
    "bracketed": 2.0,  # `【标题】正文`
    "heading": 2.0,  # the heading over the body
    "colon": 1.0,  # before the colon that opens the body
    "line_above": 1.0,  # a short line over the body that ends no sentence
    "untitled": 1.0,  # none: the body opens with its outlet (`某某日报讯 …`)
}
LABEL = 0.5  # a flash label before the title (`【快讯】`, `7×24`)
OPENER = 1.0  # the body opens as briefs do (`据…`, `9月1日消息`, an outlet's name)
SOURCE = 0.5  # the body names its outlet
SENTENCE_END = 1.0  # the text before the time ends a sentence: the time stands apart
NO_SENTENCE_END = -1.5  # it ends mid-sentence: the time is the sentence's (`统计截至[…]`)
STORY_LABEL = -4.0  # the "title" is a label of the story's own (`更新：`, `数据说明：`, `注：`)
QUOTE = -3.0  # a quote: a speaker before the colon, or the body opens a quotation
CLAUSE_IN_TITLE = -1.0  # the "title" holds a sentence's punctuation
SHORT_TITLE = -2.0  # a title this short, with no usual opening after it: a label (`官方：`)
SHORT_BODY = -1.0  # a body this short
LONG_BODY = -1.0  # a body this long is a story's paragraph more often than a flash
PAGE_DATE = -2.0  # a time alone on the story's first line, over the first paragraph: the page's own date
THRESHOLD = 3.0
MIN_HEADLINE_CHARS, MIN_BODY_CHARS, MAX_BODY_CHARS = 4, 10, 300
MIN_CLAUSED_BODY = 20  # a body of clauses this long is a flash without its full stop, not a clause
MAX_LABEL_CHARS = 8  # the longest label of a story's own (`最新進展`, `原文鏈接`, `更新12`)

# Labels a story gives its own lines: an update, a note, a data note, an editor's note.
_STORY_LABEL = re.compile(
    r"^(?:数据|數據|资料|資料|图片|圖片|编者|編者|编辑|編輯|附|文中|本文)?"
    r"(?:更新|Update|注|备注|備註|说明|說明|按|补充|補充|提示|注释|註釋|来源|來源|截至|截止|时间|時間|日期|地点|地點"
    r"|结论|結論|总结|總結|附注|附註|修正|更正|勘误|勘誤|公告|通知|声明|聲明|进展|進展|最新进展|最新進展|后续|後續"
    r"|回应|回應|官方回应|官方回應|背景|原文|原文链接|原文鏈接|参考|參考|PS|P\.S\.)\s*\d*$", re.I)
# A "title" that is a date or a clock: a timeline's line (`9月1日 08:15：主网激活`).
_TIME_TITLE = re.compile(r"^[\d\s年月日号號点點时時分秒:：/.\-]+$")
# A speaker before the colon: the text after it is what they said.
ATTRIBUTION = re.compile(r"(?:称|稱|表示|指出|透露|寫道|写道|報道|报道|報導|报导|说|說|认为|認為|回应|回應"
                         r"|强调|強調|坦言)$")
_QUOTES = "“「『\"‘"
_QUOTE = re.compile("[“「『\"‘]")
_CLAUSE = re.compile(r"[，。；;！!]")
_SENTENCE_ENDS = "。！？!?…)）」”』.\"'"


@dataclass(frozen=True)
class Evidence:
    """Why some lines are (or are not) a brief: every point, and their sum."""

    time: str  # where the time sat
    title: str  # how the title was found
    points: tuple[tuple[str, float], ...]
    score: float  # the points' sum

    @property
    def brief(self) -> bool:
        return self.score >= THRESHOLD

    def describe(self) -> str:
        """`brief 5.0: time end +2.0, title colon +1.0, …`"""
        verdict = "brief" if self.brief else "story"
        return f"{verdict} {self.score:.1f}: " + ", ".join(f"{why} {w:+.1f}" for why, w in self.points)


def weigh(time: str, title_how: str, title: str, body: str, before_time: str, *, label: bool, opener: bool,
          source: str | None, first_line: bool = False) -> Evidence:
    """The evidence of one candidate: ``before_time`` is the text the time follows (or the
    body, when the time comes first), read for a sentence's end."""
    points: list[tuple[str, float]] = [(f"time {time}", TIME_WEIGHTS[time]),
                                       (f"title {title_how}", TITLE_WEIGHTS[title_how])]
    if label:
        points.append(("a flash label", LABEL))
    if opener:
        points.append(("a brief's opening", OPENER))
    if source:
        points.append((f"source {source}", SOURCE))
    end = before_time.rstrip()[-1:]
    if end and end in _SENTENCE_ENDS:
        points.append(("ends a sentence", SENTENCE_END))
    elif len(body) < MIN_CLAUSED_BODY or not _CLAUSE.search(body):  # a long body of clauses may drop its stop
        points.append(("ends mid-sentence", NO_SENTENCE_END))
    points += _title_points(title_how, title, body, opener)
    if len(body) < MIN_BODY_CHARS:
        points.append(("a short body", SHORT_BODY))
    elif len(body) > MAX_BODY_CHARS:
        points.append(("a long body", LONG_BODY))
    if first_line:
        points.append(("the story's first line", PAGE_DATE))
    return Evidence(time, title_how, tuple(points), sum(w for _, w in points))


def _title_points(title_how: str, title: str, body: str, opener: bool) -> list[tuple[str, float]]:
    """What a title found in the text (not a heading's) says against a brief."""
    if title_how not in ("colon", "line_above", "bracketed"):
        return []
    points = []
    if len(title) <= MAX_LABEL_CHARS and _STORY_LABEL.match(title):
        points.append(("a story's label", STORY_LABEL))
    if _TIME_TITLE.match(title):
        points.append(("a time for a title: a timeline's line", STORY_LABEL))
    if title_how == "colon" and (ATTRIBUTION.search(title) or body[:1] in _QUOTES) or _QUOTE.search(title):
        points.append(("a quote", QUOTE))
    if _CLAUSE.search(title):
        points.append(("a clause in the title", CLAUSE_IN_TITLE))
    if len(title) < MIN_HEADLINE_CHARS and not opener:
        points.append(("a short title", SHORT_TITLE))
    return points
