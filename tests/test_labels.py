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
    ("声明：本站力求信息真实、准确，不构成投资建议", True), ("声明称，该交易所将暂停提币", False),
    ("图片来源：DefiLlama", True), ("圖源：Pixabay", True), ("配图：网络", True),
    ("原文链接:https://medium.com/x", False),  # a repost's own header is story text
    ("编辑认为，监管将趋严", False),
])
def test_boilerplate_lines(line, boilerplate):
    assert bool(labels.BOILERPLATE_LINE.match(line)) is boilerplate


@pytest.mark.parametrize("line,notice", [
    ("本文来源于网络，版权归原作者所有，如有侵权请联系删除。", True), ("转载请注明出处：链闻速递", True),
    ("未經許可，任何人不得轉載", True), ("本文來源：Odaily星球日報", False),  # a repost's own header stays
    ("法院认定该平台未经授权转载他人文章构成侵权，判令其赔偿损失并删除全部侵权内容，此案成为数字版权领域的标志性判决。", False),
])
def test_repost_notices(line, notice):
    assert labels.is_notice(line) is notice


@pytest.mark.parametrize("first,home", [
    ("当前位置：首页", "首页"), ("您的位置: 首頁", "首頁"), ("You are here: Home", "Home"), ("首页", "首页"),
])
def test_a_crumb_line_may_open_with_a_label(first, home):
    crumb = first if labels.HOME_CRUMB.match(first) else labels.CRUMB_LEAD.sub("", first)
    assert crumb == home and labels.HOME_CRUMB.match(crumb)


@pytest.mark.parametrize("line,meta", [
    ("作者：小明 时间：2024-01-19", True), ("[2021-02-10 09:11:56] 来源: 编辑:wangjia 点击量:", True),
    ("2024-01-19 08:18:27 来源：金色财经 作者：小明", True), ("2024年1月19日 作者：小明", True),
    ("2019-09-26 12:11来源：证券时报网作者：李在山", True),  # spans side by side, no space between
    ("2024-01-19 08:18:27 比特币突破4万美元", False), ("来源不明的消息称，某交易所被盗", False),
])
def test_meta_lines_may_open_with_the_page_date(line, meta):
    assert bool(labels.META_LINE.match(line)) is meta


@pytest.mark.parametrize("line,fields", [
    ("發佈日期：2021-04-12 08:00", {"time": "2021-04-12 08:00"}), ("发布于：2021-04-12", {"time": "2021-04-12"}),
    ("上传时间：2021-04-12", {"time": "2021-04-12"}), ("Posted: 2021-04-12", {"time": "2021-04-12"}),
    ("文章来源：金色财经", {"source": "金色财经"}), ("记者：小明", {"author": "小明"}),
    ("作者/编辑：小明", {"author": "小明"}), ("撰稿：小明 來源：鏈聞", {"author": "小明", "source": "鏈聞"}),
    ("发文机关：某省人民政府办公厅", {"office": "某省人民政府办公厅"}), ("發文機關：某市政府", {"office": "某市政府"}),
])
def test_label_variants_name_their_field(line, fields):
    assert labels.META_LINE.match(line)
    assert labels.split_labelled(line) == fields


def test_a_repost_header_is_no_page_label():
    # `原文作者:` and `本文来源：` open a reposted story; they are the story's own lines
    assert not labels.META_LINE.match("原文作者:MichaelEgorov")
    assert not labels.META_LINE.match("本文来源：Odaily星球日报")


@pytest.mark.parametrize("line,comments", [
    ("網友評論", True), ("评论", True), ("最新评论（12）", True), ("发表评论", True), ("留言区", True),
    ("Comments", True), ("评论区块链的未来", False), ("评论员文章", False),
])
def test_comments_headings(line, comments):
    assert bool(labels.COMMENTS_HEADING.match(line)) is comments


@pytest.mark.parametrize("line,fields", [
    # DedeCMS: labels in <small>, a hit counter after the author
    ("时间:2023-05-01 10:00来源:未知作者:admin点击:次", {"time": "2023-05-01 10:00", "source": "未知", "author": "admin"}),
    ("作者：xx　来源：yy　时间：2023-05-01　点击数：55", {"author": "xx", "source": "yy", "time": "2023-05-01"}),
    ("发布时间：2023-05-01 人气：88 作者：admin", {"time": "2023-05-01", "author": "admin"}),
])
def test_counters_end_the_value_before_them(line, fields):
    assert labels.split_labelled(line) == fields


@pytest.mark.parametrize("line", ["4/27/2021 12:48:57 PM 来源：金色财经 作者：链捕手", "2024-01-19 08:18:27 来源：x",
                                  "[2021-02-10 09:11:56] 来源: 编辑:wangjia 点击量:"])
def test_a_meta_line_may_open_with_the_pages_date_in_any_form(line):
    assert labels.META_LINE.match(line)


@pytest.mark.parametrize("line,caption", [
    ("国庆假期首日，游客在码头排队登船。 通讯员王芳 摄", True),
    ("雨中的西湖依然游人如织。城市摄影队 李强 摄", True),
    ("（记者 张三 摄）", True),
    ("矿场外排起了长队。 矿工家属供图", True),
    ("交易所大厅里的行情屏。本文图片均为本报记者王小明 图", True),
    ("结构如下图", False), ("他拿出了一张地图", False),
    ("矿工们决定把这一幕用手机拍摄", False),  # a sentence that ends in 拍摄: no name after a space
    ("交易所的新版界面由团队自行设计拍摄", False),
])
def test_a_photographers_credit_closes_a_caption(line, caption):
    assert bool(labels.CAPTION_LINE.match(line)) is caption and (not caption or line[-1] in labels.CAPTION_ENDS)


@pytest.mark.parametrize("line,inside", [
    ("【编辑：陈晨】", "编辑：陈晨"), ("（ 责任编辑：王五 ）", "责任编辑：王五"), ("[作者:张三]", "作者:张三"),
    ("【比特币突破七万】正文在这里[2024-03-06 09:12]", "【比特币突破七万】正文在这里[2024-03-06 09:12]"),  # a brief
    ("正文", "正文"),
])
def test_a_line_printed_wholly_in_brackets_is_read_inside(line, inside):
    assert labels.unbracketed(line) == inside


@pytest.mark.parametrize("line,credits", [
    ("市场部供稿 摄影/张艳 编辑/苏芳", True), ("文字/王五 图片/赵六", True), ("摄影：李强 审核：周明", True),
    ("编辑/苏芳", False),  # one credit: a byline, read elsewhere
    ("他在文章中写道：摄影/编辑工作都很辛苦，需要耐心，这一点人人都知道，可是能够坚持下来的人并不多。" * 2, False),
])
def test_a_line_of_credits_under_the_story(line, credits):
    assert labels.is_credits(line) is credits


@pytest.mark.parametrize("line,site", [
    ("Copyright © 2024 某某网", True), ("COPYRIGHT 2024", True), ("cOpYrIgHt", True), ("版权所有 某某网", True),
    ("按 Ctrl+D 收藏本站", True), ("ctrl+d", True), ("All rights reserved.", True), ("©某某", True),
    ("比特币价格今日上涨", False), ("the right time", False), ("Ctrl D", False), ("版本更新", False),
])
def test_the_sites_own_line_is_known_in_any_case(line, site):
    assert labels.is_site_line(line) is site


def test_the_sites_line_answers_as_its_pattern_on_every_stored_line():
    from tests.pagecases import lines

    assert all(labels.is_site_line(t) is (labels._SITE_LINE.search(t) is not None) for t in lines())
