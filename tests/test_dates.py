"""Dates: the fast path, the forms dateparser gets wrong, placeholders and future dates."""
from __future__ import annotations

import re
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.text.dates import CHINA_TZ, DATE_IN_TEXT, DateParser

NOW = datetime(2026, 11, 28, 22, 0, 0, tzinfo=CHINA_TZ)


@pytest.fixture(scope="module")
def parser():
    return DateParser(NOW)


@pytest.mark.parametrize("raw,iso", [
    ("2022/12/16 21:49:04", "2022-12-16T21:49:04+08:00"),
    ("[2022/12/16 21:49:04]", "2022-12-16T21:49:04+08:00"),
    ("2024-05-11 08:30", "2024-05-11T08:30:00+08:00"),
    ("2022年12月16日 21:49", "2022-12-16T21:49:00+08:00"),
    ("2021/4/12 8:18:27", "2021-04-12T08:18:27+08:00"),
    ("4/27/2021 12:48:57 PM", "2021-04-27T12:48:57+08:00"),
    ("4/27/2021 12:48:57 AM", "2021-04-27T00:48:57+08:00"),
    ("2022-12-16T13:49:04Z", "2022-12-16T21:49:04+08:00"),
    ("2024-03-05T14:30:00+08:00", "2024-03-05T14:30:00+08:00"),
    # relative and colloquial forms, against the pinned clock
    ("剛剛", "2026-11-28T22:00:00+08:00"),
    ("刚刚", "2026-11-28T22:00:00+08:00"),
    ("3分鐘前", "2026-11-28T21:57:00+08:00"),
    ("5小時前", "2026-11-28T17:00:00+08:00"),
    ("2天前", "2026-11-26T22:00:00+08:00"),
    ("昨天 14:30", "2026-11-27T14:30:00+08:00"),
    ("前天", "2026-11-26T00:00:00+08:00"),
    ("下午3點", "2026-11-28T15:00:00+08:00"),
    ("09時30分", "2026-11-28T09:30:00+08:00"),
    ("晚8：00", "2026-11-28T20:00:00+08:00"),
    ("23:30", "2026-11-27T23:30:00+08:00"),  # a bare time still ahead today means yesterday
])
def test_forms(parser, raw, iso):
    parsed = parser.parse(raw)
    assert (parsed.iso, parsed.status) == (iso, "ok")


@pytest.mark.parametrize("raw,iso,issue", [
    ("2019 年 10 月 30 日", "2019-10-30T00:00:00+08:00", 866),  # dateparser: year 1
    ("4月20日 18:10", "2026-04-20T18:10:00+08:00", 519),  # dateparser: wrong year
    ("12月20日 18:10", "2025-12-20T18:10:00+08:00", 519),  # no year, not in the future: last year
    ("2020/10/9 下午 02:26:26", "2020-10-09T14:26:26+08:00", 808),  # 下午 before the hour
    ("2016年9月14日晚8：00", "2016-09-14T20:00:00+08:00", 232),  # 晚 + full-width colon
    ("2016年06月30日09时30分", "2016-06-30T09:30:00+08:00", 204),  # 时/分
    ("2020年9月1日 下午6:25", "2020-09-01T18:25:00+08:00", 875),  # fails with zh-Hant in dateparser
])
def test_known_dateparser_failures(parser, raw, iso, issue):
    parsed = parser.parse(raw)
    assert parsed.iso == iso, f"dateparser issue #{issue}"
    assert parsed.via == "fast"


@pytest.mark.parametrize("raw,status", [
    ("1900/1/1 0:00:00", "placeholder"),
    ("1970-01-01", "placeholder"),
    ("0000-00-00", "placeholder"),
    ("0000-00-00 00:00:00", "placeholder"),
    ("2026-11-30 10:00", "future"),
    ("2099/1/1 0:00:00", "future"),
    ("", "empty"),
    (None, "empty"),
    ("2022/13/45 10:00", "unparsed"),
    ("不是日期", "unparsed"),
])
def test_never_invents_a_date(parser, raw, status):
    parsed = parser.parse(raw)
    assert parsed.iso is None and parsed.status == status


def test_within_a_day_ahead_is_still_a_date(parser):
    assert parser.parse("2026-11-29 08:00").status == "ok"


def test_dateparser_fallback_uses_the_pinned_clock(parser):
    parsed = parser.parse("Tue, 20 Sep 2022 07:50:00 GMT")
    assert (parsed.iso, parsed.via) == ("2022-09-20T15:50:00+08:00", "dateparser")
    assert parser.parse("yesterday").iso.startswith("2026-11-27")


def test_without_dateparser_unknown_forms_stay_unparsed():
    assert DateParser(NOW, use_dateparser=False).parse("yesterday").status == "unparsed"


# DATE_IN_TEXT as first written: the shipped pattern only factors out the leading digit.
PLAIN_DATE_IN_TEXT = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|\d{1,2}/\d{1,2}/\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AP]M)?)?",
    re.I,
)


# dates (drawn from the plain pattern itself) among date-like characters, joined
DATE_PIECES = st.lists(st.one_of(st.from_regex(PLAIN_DATE_IN_TEXT, fullmatch=True),
                                 st.text(alphabet=st.sampled_from(list("0123/-.:年月日 APM比")), max_size=4)),
                       max_size=5).map("".join)


@given(DATE_PIECES)
def test_date_in_text_finds_what_the_plain_pattern_finds(text):
    assert [m.span() for m in DATE_IN_TEXT.finditer(text)] == [m.span() for m in PLAIN_DATE_IN_TEXT.finditer(text)]
    assert DATE_IN_TEXT.sub(" ", text) == PLAIN_DATE_IN_TEXT.sub(" ", text)


def test_relative_dates_print_whole_seconds():
    parser = DateParser(now=datetime(2026, 11, 28, 12, 0, 0, 654321, tzinfo=CHINA_TZ))
    assert parser.parse("3小时前").iso == "2026-11-28T09:00:00+08:00"
    assert parser.parse("刚刚").iso == "2026-11-28T12:00:00+08:00"


@pytest.mark.parametrize("raw", ["9999-12-31T23:59:00-23:59", "9999-12-31 23:59 -2359", "9999-12-31 23:59:59"])
def test_a_date_past_the_last_one_python_holds_is_future_not_a_crash(raw):
    assert DateParser(now=NOW).parse(raw).status == "future"


def test_a_long_text_is_never_handed_to_dateparser():
    parsed = DateParser(now=NOW).parse("发布时间 " + "某某公司" * 5000)
    assert (parsed.status, parsed.via) == ("unparsed", None)


@pytest.mark.parametrize("raw", ["99999999天前", "9999999999999年前", "123456789012个月前", "99999999999周前"])
def test_a_relative_date_before_any_calendar_is_no_date_not_a_crash(parser, raw):
    parsed = parser.parse(raw)
    assert (parsed.iso, parsed.status) == (None, "placeholder")


@pytest.mark.parametrize("raw,iso", [
    ("Mar 7 Tue 2017 21:05", "2017-03-07T21:05:00+08:00"),  # parts printed in separate elements
    ("Wednesday, October 4, 2023", "2023-10-04T00:00:00+08:00"),
    ("4 Oct 2023 09:10", "2023-10-04T09:10:00+08:00"),
    ("Sept. 12, 2021", "2021-09-12T00:00:00+08:00"),
    ("23/04/2019 07:30", "2019-04-23T07:30:00+08:00"),  # no month 23: the day comes first
])
def test_english_months_and_day_first_dates_on_the_fast_path(parser, raw, iso):
    parsed = parser.parse(raw)
    assert (parsed.iso, parsed.via) == (iso, "fast")
