"""Labels and marks that say what a line is, in English and both Chinese scripts."""
from __future__ import annotations

import pytest

from crawler.pages import labels


@pytest.mark.parametrize("line,noise", [
    ("— END —", True), ("（完）", True), ("-全文完-", True), ("The End", True), ("Ctrl+D 比特幣交易所", True),
    ("點擊量 評論", True), ("完成了升级", False), ("Endgame 概念币大涨", False), ("完美收官", False),
])
def test_noise_lines(line, noise):
    assert bool(labels.NOISE_LINE.match(line)) is noise


@pytest.mark.parametrize("line,boilerplate", [
    ("责任编辑：小李", True), ("免責聲明：本文不構成投資建議", True), ("风险提示：投资有风险", True),
    ("原文链接:https://medium.com/x", False),  # a repost's own header is story text
    ("编辑认为，监管将趋严", False),
])
def test_boilerplate_lines(line, boilerplate):
    assert bool(labels.BOILERPLATE_LINE.match(line)) is boilerplate


@pytest.mark.parametrize("first,home", [
    ("当前位置：首页", "首页"), ("您的位置: 首頁", "首頁"), ("You are here: Home", "Home"), ("首页", "首页"),
])
def test_a_crumb_line_may_open_with_a_label(first, home):
    crumb = first if labels.HOME_CRUMB.match(first) else labels.CRUMB_LEAD.sub("", first)
    assert crumb == home and labels.HOME_CRUMB.match(crumb)
