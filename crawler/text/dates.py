"""Dates as these sites print them -> ISO 8601 in China time, or an honest None.

A hand-written fast path reads the forms the network uses (and the Chinese forms
dateparser gets wrong: dateparser issues #866, #519, #808, #232, #204, #875); anything
else goes to dateparser with a pinned clock. Placeholders (``1900/1/1 0:00:00``) and
dates from the future are never passed off as dates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), "China")
# Years before this are placeholders the templates print for "no date".
MIN_YEAR = 1971
# Longest text handed to dateparser: it costs ~40 µs a character, and no date is longer
# (`2024年3月5日 星期二 下午 3:05:59 (UTC+8)` is 33).
MAX_DATEPARSER_CHARS = 64

_TRANSLATE = str.maketrans({
    "：": ":", "／": "/", "－": "-", "　": " ", "時": "时", "點": "点", "鐘": "钟", "週": "周",
    "剛": "刚", "個": "个", "後": "后", "兩": "两", "號": "号", "０": "0", "１": "1", "２": "2",
    "３": "3", "４": "4", "５": "5", "６": "6", "７": "7", "８": "8", "９": "9",
})
_PERIOD = r"(?P<period>上午|中午|下午|晚上|晚|早上|早|凌晨|傍晚|夜里|夜间|AM|PM|am|pm)"
_CLOCK = (
    rf"\s*T?\s*{_PERIOD}?\s*(?P<H>\d{{1,2}})\s*(?:[:时点])\s*(?:(?P<M>\d{{1,2}})\s*分?)?"
    r"(?:\s*:\s*(?P<S>\d{1,2})(?:\.\d+)?\s*秒?)?(?:\s*(?P<period2>AM|PM|am|pm|上午|下午))?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?"
)
_TIME = rf"(?:{_CLOCK})?"
_YMD = re.compile(rf"^(?P<y>\d{{4}})\s*[-/.年]\s*(?P<m>\d{{1,2}})\s*[-/.月]\s*(?P<d>\d{{1,2}})\s*[日号]?{_TIME}$")
_MDY = re.compile(rf"^(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}})/(?P<y>\d{{4}}){_TIME}$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# English month names as printed, an alternation (the reader looks for them in spaced-apart dates too)
MONTH_NAMES = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_MONTH = rf"(?P<mon>{MONTH_NAMES})[a-z]*\.?"
_WEEKDAY = r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?"
# English dates, the weekday anywhere before the year: `Mar 7 Tue 2017 21:05`, `Tuesday, March 7, 2017`,
# `7 Mar 2017`.
_EN_DATE = (rf"(?:{_WEEKDAY}\s*)?(?:{_MONTH}\s*(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"|(?P<d2>\d{{1,2}})\s*{_MONTH.replace('mon', 'mon2')}),?\s*(?:{_WEEKDAY}\s*)?(?P<y>\d{{4}})")
_EN = re.compile(rf"^{_EN_DATE}{_TIME}$", re.I)
_MD = re.compile(rf"^(?P<m>\d{{1,2}})\s*(?:月|/|-)\s*(?P<d>\d{{1,2}})\s*[日号]?{_TIME}$")
_DAY_WORD = re.compile(rf"^(?P<word>今天|今日|昨天|昨日|前天|大前天){_TIME}$")
_TIME_ONLY = re.compile(rf"^{_CLOCK}$")
_AGO = re.compile(r"^(?P<n>\d+|半|一|两|几)\s*"
                  r"(?P<unit>秒钟?|分钟|分|小时|个?钟头|天|日|周|星期|个月|月|年)\s*(?:之?前)$")
_NOW = re.compile(r"^(?:刚刚|刚才|刚|just now|now)$", re.I)
_ZERO = re.compile(r"^0{4}[-/]0{1,2}[-/]0{1,2}")
_UNITS = {"秒": 1, "分": 60, "小": 3600, "个": 3600, "天": 86400, "日": 86400, "周": 604800, "星": 604800}
_WORD_DAYS = {"今天": 0, "今日": 0, "昨天": 1, "昨日": 1, "前天": 2, "大前天": 3}


@dataclass(frozen=True)
class ParsedDate:
    raw: str | None
    #: ISO 8601 with offset, or None
    iso: str | None
    #: "ok", "placeholder" (before MIN_YEAR), "future", "unparsed" or "empty"
    status: str
    #: "fast" or "dateparser" when parsed
    via: str | None = None


NOON = 12
MONTHS = 12


def _hour(h: int, period: str | None) -> int:
    if not period:
        return h
    p = period.lower()
    if p in ("pm", "下午", "晚上", "晚", "傍晚", "夜里", "夜间") and h < NOON:
        return h + NOON
    if p == "中午" and h < NOON - 1:  # 中午12点 is noon; 中午1点 is 13:00
        return h + NOON
    if p in ("am", "上午", "凌晨", "早上", "早") and h == NOON:
        return 0
    return h


def _clock(m: re.Match) -> tuple[int, int, int, str | None]:
    g = m.groupdict()
    if g.get("H") is None:
        return 0, 0, 0, None
    period = g.get("period") or g.get("period2")
    return _hour(int(g["H"]), period), int(g.get("M") or 0), int(g.get("S") or 0), g.get("tz")


def _tz(spec: str | None):
    if not spec:
        return CHINA_TZ
    if spec == "Z":
        return timezone.utc
    sign = -1 if spec[0] == "-" else 1
    digits = spec[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


class DateParser:
    """Parses raw dates against one pinned clock (the crawl's start)."""

    def __init__(self, now: datetime | None = None, future_tolerance: timedelta = timedelta(days=1),
                 use_dateparser: bool = True):
        now = now or datetime.now(CHINA_TZ)
        # whole seconds: `3小时前` is no more precise than that, and feeds print no microseconds
        self.now = (now if now.tzinfo else now.replace(tzinfo=CHINA_TZ)).astimezone(CHINA_TZ).replace(microsecond=0)
        self.future_tolerance = future_tolerance
        self.use_dateparser = use_dateparser
        self._dp_settings = {
            "RELATIVE_BASE": self.now.replace(tzinfo=None),
            "TIMEZONE": "Asia/Shanghai",
            "TO_TIMEZONE": "Asia/Shanghai",
            "RETURN_AS_TIMEZONE_AWARE": True,
            "PREFER_DATES_FROM": "past",
        }

    def parse(self, raw: str | None) -> ParsedDate:
        text = (raw or "").translate(_TRANSLATE)
        text = re.sub(r"\s+", " ", text).strip().strip("[]【】()（）")
        if not text:
            return ParsedDate(raw, None, "empty")
        if _ZERO.match(text):
            return ParsedDate(raw, None, "placeholder")
        try:
            value = self._fast(text)
        except ValueError:  # a form we know with impossible numbers (month 13…)
            return ParsedDate(raw, None, "unparsed")
        except OverflowError:  # `99999999天前`: before the first date Python holds, so no date
            return ParsedDate(raw, None, "placeholder", "fast")
        via = "fast"
        if value is None and self.use_dateparser and len(text) <= MAX_DATEPARSER_CHARS:
            value, via = self._slow(text), "dateparser"
        if value is None:
            return ParsedDate(raw, None, "unparsed")
        if value.year < MIN_YEAR:
            return ParsedDate(raw, None, "placeholder", via)
        try:
            value = value.astimezone(CHINA_TZ)
        except OverflowError:  # `9999-12-31T23:59-23:59` is past the last date Python holds
            return ParsedDate(raw, None, "future", via)
        if value > self.now + self.future_tolerance:
            return ParsedDate(raw, None, "future", via)
        return ParsedDate(raw, value.isoformat(), "ok", via)

    # -- fast path -------------------------------------------------------------------
    def _fast(self, text: str) -> datetime | None:
        m = _YMD.match(text) or _MDY.match(text)
        if m:
            h, mi, s, tz = _clock(m)
            month, mday = int(m["m"]), int(m["d"])
            if m.re is _MDY and month > MONTHS >= mday:  # `23/04/2019`: no month 23, so the day is first
                month, mday = mday, month
            return datetime(int(m["y"]), month, mday, h, mi, s, tzinfo=_tz(tz))
        m = _EN.match(text)
        if m:
            h, mi, s, tz = _clock(m)
            month = _MONTHS.index((m["mon"] or m["mon2"])[:3].lower()) + 1
            return datetime(int(m["y"]), month, int(m["d"] or m["d2"]), h, mi, s, tzinfo=_tz(tz))
        m = _MD.match(text)
        if m:  # no year: the most recent such day that is not in the future
            h, mi, s, tz = _clock(m)
            value = datetime(self.now.year, int(m["m"]), int(m["d"]), h, mi, s, tzinfo=_tz(tz))
            return value if value <= self.now + self.future_tolerance else value.replace(year=value.year - 1)
        if _NOW.match(text):
            return self.now
        m = _AGO.match(text)
        if m:
            return self._ago(m["n"], m["unit"])
        m = _DAY_WORD.match(text)
        if m:
            h, mi, s, _ = _clock(m)
            day = self.now - timedelta(days=_WORD_DAYS[m["word"]])
            return day.replace(hour=h, minute=mi, second=s, microsecond=0)
        m = _TIME_ONLY.match(text)
        if m and m["H"] is not None:  # a bare time: today, or yesterday if that is still ahead
            h, mi, s, _ = _clock(m)
            value = self.now.replace(hour=h, minute=mi, second=s, microsecond=0)
            return value if value <= self.now else value - timedelta(days=1)
        return None

    def _ago(self, n: str, unit: str) -> datetime:
        count = {"半": 0.5, "一": 1, "两": 2, "几": 3}.get(n) or int(n)
        if unit in ("个月", "月"):
            return self.now - timedelta(days=30 * count)
        if unit == "年":
            return self.now - timedelta(days=365 * count)
        return self.now - timedelta(seconds=_UNITS[unit[0]] * count)

    # -- fallback --------------------------------------------------------------------
    def _slow(self, text: str) -> datetime | None:
        import dateparser  # imported on first use: it costs ~0.3 s at start-up

        try:
            value = dateparser.parse(text, languages=["zh", "en"], settings=self._dp_settings)
        except (ValueError, OverflowError, TypeError):
            return None
        if value is None:
            return None
        return value if value.tzinfo else value.replace(tzinfo=CHINA_TZ)


# Date-looking runs inside text, for finding the raw date of a list entry or meta line:
# `\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日][ H:MM[:SS]]` or `\d{1,2}/\d{1,2}/\d{4}[ H:MM[:SS][ AM|PM]]`.
# The shared first digit is written once: a pattern that starts with one character class
# lets the regex engine skip to the next digit instead of trying both branches at every
# position (3x faster on story text; tests/test_dates.py checks it against the plain form).
DATE_IN_TEXT = re.compile(
    r"\d(?:\d{3}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d?/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?)",
    re.I,
)

# An English date in text whose parts may have been printed in separate elements and joined
# with spaces (`Mar 7 Tue 2017 21:05`).
EN_DATE_IN_TEXT = re.compile(rf"\b{_EN_DATE}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[AP]M)?)?\b", re.I)

# A day and a month in either order (`08/04/2019`): printed dates a machine-readable one settles.
AMBIGUOUS_DATE = re.compile(r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})")
