"""Where a line holds a brief's time, and in which form: closing it in brackets
(``…。[2023/9/1 08:15]``, ``〔…〕``, ``（…）``), bare after a source note
(``…（来源：某财经）2023-09-01 08:15``), opening it (``[2023-09-01 08:15] 标题：…``, bare or
bracketed), alone on
its line (maybe with the source: ``某财经 · 2023-09-01 08:15``), a clock alone or opening an
item (``08:15 标题：…``) under a day heading (``2023年9月1日 星期五``), which is a line of
its own too.

The year may be missing (``[09-01 08:15]``) and a `?` may stand for the space between date
and clock (the sites' lost-space damage reaches the time too): the raw time keeps the
digits as printed and gets a space back for the `?`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_OPEN, _CLOSE = "[［【〔（(「", "]］】〕）)」"
_O, _C = re.escape(_OPEN), re.escape(_CLOSE)  # inside a character class
# the date, with or without its year; `2023年9月1日08：17` needs no gap after 日
_DATE = (r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}\s*[-/月]\s*\d{1,2}(?=\s*日|[\s?？]))")
_CLOCK = r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?!\d)"
_DATETIME = rf"(?P<time>{_DATE}(?:\s*日[\s?？]*|[\s?？]+){_CLOCK})"
_IN = r"[\s?？]*"  # inside brackets: spaces, or the `?` that stands for them
# The closing time in brackets; nothing but spaces after it.
END_BRACKETED = re.compile(rf"[{_O}]{_IN}{_DATETIME}{_IN}[{_C}]\s*$")
# A bare closing time, after the end of a sentence or a parenthesised source note, or after
# the outlet (`…。某财经 · 2023-09-01 08:15`, a quote's <cite> run into it; `来源：某财经 2023-…`).
_END_BARE = re.compile(r"(?:(?<=[）)。！!？?」”])\s*(?:(?P<note>[^\s\d。，,·|｜]{2,12}?)\s*[·|｜—]\s*)?"
                       rf"|(?:来源|來源)\s*[:：]\s*(?P<label>[^\s\d]{{2,12}}?)\s+)\s*{_DATETIME}\s*$")
_START_BRACKETED = re.compile(rf"^\s*[{_O}]{_IN}{_DATETIME}{_IN}[{_C}]\s*")
# A bare opening time, then a space: a time then a colon or a comma opens a timeline's line.
_START_BARE = re.compile(rf"^{_DATETIME}\s+(?=[^\s:：，,\d])")
# A line that is a time and nothing else, bracketed or not, maybe with the outlet before or
# after it, set apart by a dot, a bar or a space (`某财经 · 2023-09-01 08:15`, `—— 某财经
# 2023-09-01 08:15`) or labelled (`来源：某财经 2023-09-01 08:15`); a sentence running into a
# time (`统计截至[…]`) is none.
_SEP = r"\s*[·|｜/—\-]\s*"
_SOURCE = r"(?P<src>[^\d\s:：·|｜，,。]{2,12}?)"
_LABELLED = r"(?:来源|來源|Source)\s*[:：]\s*"
_ALONE_PARTS = [re.compile(p) for p in (rf"^[{_O}]?{_IN}{_DATETIME}{_IN}[{_C}]?$",
                                        rf"^[—–\-\s]*{_SOURCE}(?:{_SEP}|\s+)[{_O}]?{_DATETIME}[{_C}]?$",
                                        rf"^{_LABELLED}{_SOURCE}(?:{_SEP}|\s+)[{_O}]?{_DATETIME}[{_C}]?$",
                                        rf"^[{_O}]?{_DATETIME}[{_C}]?(?:{_SEP}|\s+{_LABELLED}){_SOURCE}$")]
_CLOCK_ALONE = re.compile(rf"^[{_O}]?\s*(?P<clock>{_CLOCK})\s*[{_C}]?$")
# A clock opening an item (a clock then a colon opens a timeline's line).
_CLOCK_START = re.compile(rf"^[{_O}]?\s*(?P<clock>{_CLOCK})\s*[{_C}]?\s*(?=[^\s:：\d])")
# A day heading: the date alone, maybe with its weekday.
_WEEKDAY = r"(?:(?:星期|周|週|礼拜|禮拜)[一二三四五六日天])"
_DAY = re.compile(rf"^(?:{_WEEKDAY}\s*)?(?P<day>\d{{4}}\s*[-/.年]\s*\d{{1,2}}\s*[-/.月]\s*\d{{1,2}}\s*日?"
                  rf"|\d{{1,2}}月\d{{1,2}}日)\s*{_WEEKDAY}?$")
ANY_CLOCK = re.compile(r"\d[:：]\d\d")  # every time holds a clock
# A line led by a clock (a 7×24 item's, or its clock alone): cheap, for a whole story's lines.
CLOCK_LED = re.compile(rf"^[{_O}]?\s*{_CLOCK}")
MAX_DAY_LINE = 24  # the longest day heading: `2023年09月01日 星期五` and spaces
MAX_TIME_LINE = 60  # the longest line that is a time alone (with an outlet's name and a label)
_LOST_SPACE = re.compile(r"[\s?？]+")


@dataclass(frozen=True, slots=True)
class TimeMark:
    """A time found in a line: its raw form, where it sits, and the rest of the line."""

    kind: str  # "end", "end_bare", "start", "start_bare", "alone", "clock", "clock_start", "day"
    raw: str  # the time as printed, a `?` read as the space it stands for
    rest: str  # the line without the time (the brief's text, or the outlet of a time line)
    source: str | None = None  # the outlet printed beside a closing time


def clean(raw: str) -> str:
    if "?" in raw or "？" in raw or "  " in raw or "\u3000" in raw:
        return _LOST_SPACE.sub(" ", raw).strip()
    return raw.strip()


def find(text: str) -> TimeMark | None:
    """The brief time ``text`` holds in one of the forms above, or None."""
    if not ANY_CLOCK.search(text):
        if len(text) <= MAX_DAY_LINE and (m := _DAY.match(text)):
            return TimeMark("day", clean(m["day"]), "")
        return None
    last, first = text[-1], text[0]
    found = _at_end(text) if last in _CLOSE or last.isdigit() else None
    if found is None and (first.isdigit() or first in _OPEN):
        found = _at_start(text)
    return found


def _at_end(text: str) -> TimeMark | None:
    for pattern in _ALONE_PARTS if len(text) <= MAX_TIME_LINE else ():
        m = pattern.match(text)
        if m:
            return TimeMark("alone", clean(m["time"]), (m.groupdict().get("src") or "").strip())
    m = END_BRACKETED.search(text)
    if m:
        return TimeMark("end", clean(m["time"]), text[: m.start()].rstrip())
    m = _END_BARE.search(text) if text[-1].isdigit() else None
    if m is None:
        return None
    return TimeMark("end_bare", clean(m["time"]), text[: m.start()].rstrip(), m["note"] or m["label"])


def _at_start(text: str) -> TimeMark | None:
    m = _START_BRACKETED.match(text)
    if m:
        return TimeMark("start", clean(m["time"]), text[m.end():].strip())
    m = _START_BARE.match(text)
    if m:
        return TimeMark("start_bare", clean(m["time"]), text[m.end():].strip())
    m = _CLOCK_ALONE.match(text)
    if m:
        return TimeMark("clock", clean(m["clock"]), "")
    m = _CLOCK_START.match(text)
    return TimeMark("clock_start", clean(m["clock"]), text[m.end():].strip()) if m else None


MINUTES_A_DAY = 24 * 60


class PageDay:
    """The day of the clocks no day heading dates (a flash page printed without headings):
    the page's own date. Flash lists run newest first, so a clock later than the one above
    it, or than the page's own time, is the day before: the list has run past midnight."""

    def __init__(self, day: date, clock: str | None = None):
        self.day = day
        #: minutes past midnight of the newest clock read so far (at first, the page's own time)
        self.last = _minutes(clock) if clock else MINUTES_A_DAY

    def at(self, clock: str) -> tuple[str, date, int]:
        """(the raw time ``clock`` is read as, its day, its minutes), the day not yet moved."""
        minutes = _minutes(clock)
        day = self.day - timedelta(days=1) if minutes > self.last else self.day
        return f"{day.isoformat()} {clock}", day, minutes

    def with_year(self, day_raw: str) -> str:
        """A day heading printed without its year (`9月1日`), given the page's: the latest
        such day not after the page's own (a January page's `12月31日` is last year's)."""
        m = _MONTH_DAY.match(day_raw)
        if m is None:
            return day_raw
        year = self.day.year - ((int(m[1]), int(m[2])) > (self.day.month, self.day.day))
        return f"{year}年{day_raw}"

    def take(self, day: date, minutes: int) -> None:
        """A brief was read at ``at``'s answer: the clocks below it are no later."""
        self.day, self.last = day, minutes


def _minutes(clock: str) -> int:
    h, m = _CLOCK_PARTS.match(clock).groups()  # type: ignore[union-attr]
    return int(h) * 60 + int(m)


_MONTH_DAY = re.compile(r"^(\d{1,2})月(\d{1,2})日")
_CLOCK_PARTS = re.compile(r"\D*(\d{1,2})[:：](\d{2})")


def ends_with_time(text: str) -> bool:
    """The text closes with a brief's time, bracketed or after a note (cheap on story text)."""
    if not text:
        return False
    last = text[-1]
    if last in _CLOSE:
        return END_BRACKETED.search(text) is not None
    return last.isdigit() and _END_BARE.search(text) is not None
