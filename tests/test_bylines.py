"""Bylines printed without a label, and the editor kept apart from the writer."""
from __future__ import annotations

import pytest

from crawler.pages import ArticlePage, bylines, labels


@pytest.mark.parametrize("line,names", [
    ("比特币矿企将扩大产能。（记者 王晓蓉）", "王晓蓉"),
    ("据新华社香港电（记者 格桑边觉）香港金融管理局近日表示", "格桑边觉"),
    ("链闻网10月4日讯（记者陈智 整合） 国庆长假过半", "陈智"),
    ("新华社北京3月5日电（刘艺、杨吉）数字人民币试点", "刘艺 杨吉"),
    ("本报记者 葛灵丹", "葛灵丹"),
    ("澎湃新闻记者 段彦超 廖艳", "段彦超 廖艳"),
    ("采写：南都见习记者 林子沛", "林子沛"),
    ("《棱镜》作者 周纯", "周纯"),
    ("石佳/中国青年报", "石佳"),
    ("顶端新闻·河南商报记者马俊峰/文受访者供图", "马俊峰"),
    ("共建清朗网络空间。(文/图 刘玺东 易赛楠)", "刘玺东 易赛楠"),
    ("By 张三", "张三"),
    ("执笔/链闻客、王小明&李四", "链闻客 王小明 李四"),
    ("为行业发展起到推动作用。（总台记者 张倩）", "张倩"),
    ("□ 本报记者 黄晓", "黄晓"), ("■本报记者 黄晓", "黄晓"),
    ("城市网财经频道 记者 周平 陈安", "周平 陈安"),
    ("江城日报记者 钱进 河北保定报道", "钱进"),
    ("滨江日报·滨江网记者 吴敏 来源：滨江日报", "吴敏"),
    ("本报记者 刘小红 马 丽", "刘小红 马丽"), ("记者 马 丽 刘小红", "马丽 刘小红"),
    ("文丨城市观察特约评论员 何明", "何明"), ("文 | 何明", "何明"),
    ("本报记者 张强 见习记者 李婷", "张强 李婷"),
    ("本报记者 邵衡 发自上海", "邵衡"), ("本报北京3月5日电 记者邵衡报道", "邵衡"), ("文·邵衡", "邵衡"),
    ("界面新闻记者 | 邵衡", "邵衡"), ("本报记者：邵衡", "邵衡"), ("□特约撰稿人 邵衡", "邵衡"), ("■ 专栏作家 邵衡", "邵衡"),
])
def test_a_byline_gives_the_writers(line, names):
    assert bylines.in_line(line) == names


@pytest.mark.parametrize("line", ["记者：首先欢迎您", "昨天下午，记者在现场看到，交易所门前排起长队", "（完）", "金色财经报道"])
def test_no_byline(line):
    assert bylines.in_line(line) is None


@pytest.mark.parametrize("paragraph,names", [
    ("倡树廉洁家风，过一个平安的新春佳节。（常书香 马丹阳 ）", "常书香 马丹阳"),
    ("南美站活动将先后在巴西举行。（张巨峰）", "张巨峰"),
    ("活动将持续到月底。（孙立 广州报道）", "孙立"), ("（陶然）", "陶然"),
    ("举行。（图）", None), ("（完）", None), ("据外媒（CryptoSlate）", None), ("报道。（新华社）", None),
])
def test_names_closing_a_story_need_a_surname(paragraph, names):
    assert bylines.closing(paragraph) == names


@pytest.mark.parametrize("line,name", [
    ("链上观察 昨天", "链上观察"), ("原创 链上观察 2024-05-17 10:20:11", "链上观察"), ("2024-05-17 · 苏皖链闻", "苏皖链闻"), ("币圈日报 3小时前", "币圈日报"),
    ("2024-09-26 10:56:28 证券时报网", None),  # an outlet's source line
    ("作者 2024-01-02", None), ("1900/1/1 0:00:00", None),
])
def test_a_self_media_account_beside_the_date(line, name):
    assert bylines.beside_date(line) == name


def test_the_editor_is_no_author():
    assert labels.split_labelled("作者：张三 责任编辑：李四") == {"author": "张三", "editor": "李四"}


def _page(meta: str, story_end: str = "") -> ArticlePage:
    story = "".join(f"<p>{'以太坊基金会今日公布了新一轮生态资助名单，共有三十个项目入选。' * 2}{story_end if i == 2 else ''}</p>"
                    for i in range(3))
    html = (f"<html><head><title>以太坊基金会公布资助名单</title></head><body><h1>以太坊基金会公布资助名单</h1>"
            f"<div class='info'>{meta}</div><div class='content'>{story}</div></body></html>")
    return ArticlePage("https://a.example/info/1.html", html.encode())


def test_an_article_names_its_writer_and_its_editor_apart():
    page = _page("2024-03-05 10:00 责任编辑：李四", "（记者 王晓蓉）")
    item = page.to_item()
    assert (item.author, item.editor) == ("王晓蓉", "李四")


def test_an_interview_line_is_no_author():
    assert _page("记者：首先欢迎您参加今天的访谈，请谈谈以太坊的未来。").fields.author is None


def test_a_byline_line_leaves_the_story():
    page = _page("澎湃新闻记者 贺梨萍")
    assert page.fields.author == "贺梨萍"
    assert all("贺梨萍" not in b.text for b in page.story.blocks)


def test_the_value_after_a_bare_editor_label_is_not_story():
    """`<dt>责任编辑：</dt><dd>李四</dd>` inside the story's box: the value goes with its label."""
    story = "".join(f"<p>{'以太坊基金会今日公布了新一轮生态资助名单，共有三十个项目入选。' * 2}</p>" for _ in range(3))
    html = ("<html><head><title>以太坊基金会公布资助名单</title></head><body><h1>以太坊基金会公布资助名单</h1>"
            f"<div class='content'>{story}<dl><dt>责任编辑：</dt><dd>李四</dd></dl></div></body></html>")
    page = ArticlePage("https://a.example/info/1.html", html.encode())
    assert all("李四" not in b.text for b in page.story.blocks) and len(page.story.blocks) == 3


def test_a_writers_line_with_a_slash_opening_the_story_is_the_author_not_story():
    story = "".join(f"<p>{'以太坊基金会今日公布了新一轮生态资助名单，共有三十个项目入选。' * 2}</p>" for _ in range(3))
    html = ("<html><head><title>以太坊基金会公布资助名单</title></head><body><h1>以太坊基金会公布资助名单</h1>"
            f"<div class='content'><p>执笔/链闻客、王小明&amp;李四</p>{story}</div></body></html>")
    page = ArticlePage("https://a.example/info/1.html", html.encode())
    assert page.fields.author == "链闻客 王小明 李四"
    assert all("执笔" not in b.text for b in page.story.blocks)


def test_byline_words_are_found_in_any_case_and_script():
    """The words a byline cannot lack, spelled so the regex engine scans for them: as the
    case-blind pattern they stand for, on every stored line."""
    import re

    from tests.pagecases import lines

    case_blind = re.compile("記者|记者|通讯员|通訊員|評論員|评论员|撰稿人|專欄|专栏|作者|/|／|By", re.I)
    for line in ["by 张三", "BY 张三", "bY 张三", "By 张三", "Baby", "本报记者 张三", "文 / 张三", *lines()]:
        assert (bylines._LINE_WORDS.search(line) is None) is (case_blind.search(line) is None), line
    assert bylines._IN_TEXT_WORDS.search("新华社北京12月9日電 （刘艺）") is not None
