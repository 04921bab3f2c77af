"""Brief detection and splitting: every variant of SITE-NOTES, and every trap."""
from __future__ import annotations

import opencc
import pytest

from crawler.items import Article
from crawler.pages import fingerprints
from crawler.pages.briefs import parse_brief, read_blocks, split_blocks
from crawler.pages.split import split_article
from crawler.pages.tunables import MAX_CACHED_LINE

T2S = opencc.OpenCC("t2s")


@pytest.mark.parametrize("text,title,body_start,time,source", [
    # colon `:` or `：`; brackets [], ［］, 【】; / or -; seconds or not
    ("比特币突破30000美元:行情显示，比特币短时突破30000美元。[2023/4/11 8:17:02]",
     "比特币突破30000美元", "行情显示", "2023/4/11 8:17:02", None),
    ("比特币突破30000美元：行情显示，比特币短时突破30000美元。［2023-04-11 08:17:02］",
     "比特币突破30000美元", "行情显示", "2023-04-11 08:17:02", None),
    ("比特币突破30000美元：行情显示，比特币短时突破30000美元。【2023/4/11 8:17】",
     "比特币突破30000美元", "行情显示", "2023/4/11 8:17", None),
    # dates with dots or 年月日, a full-width colon in the clock
    ("比特币突破30000美元：行情显示，比特币短时突破30000美元。【2023.4.11 8:17】",
     "比特币突破30000美元", "行情显示", "2023.4.11 8:17", None),
    ("比特币突破30000美元：行情显示，比特币短时突破30000美元。[2023年4月11日 08:17]",
     "比特币突破30000美元", "行情显示", "2023年4月11日 08:17", None),
    ("比特币突破30000美元：行情显示，比特币短时突破30000美元。［2023年4月11日08：17：02］",
     "比特币突破30000美元", "行情显示", "2023年4月11日08：17：02", None),
    ("【以太坊完成合并】Odaily星球日报讯，以太坊主网已完成合并。[2022-09-15 14:43]",
     "以太坊完成合并", "Odaily星球日报讯", "2022-09-15 14:43", "Odaily星球日报"),
    # the title holds a colon itself: split before the body's usual opening
    ("CNBC:馬斯克已收到約465億美元的融資債務承諾函:4月21日消息,據CNBC報道,根據一份修正的證券文件。[2022/4/21 14:40:04]",
     "CNBC:馬斯克已收到約465億美元的融資債務承諾函", "4月21日消息", "2022/4/21 14:40:04", "CNBC"),
    ("馬斯克:NFT是美元的另一種形態:12月5日消息,馬斯克表示NFT是美元的另一種形態。[2021/12/5 12:52:13]",
     "馬斯克:NFT是美元的另一種形態", "12月5日消息", "2021/12/5 12:52:13", None),
    ("埃隆·馬斯克關注OKX官方推特:據官方消息,12月16日,埃隆·馬斯克關注了OKX。[2022/12/16 21:49:04]",
     "埃隆·馬斯克關注OKX官方推特", "據官方消息", "2022/12/16 21:49:04", None),
    # no known opening: a short name before the first colon belongs to the title
    ("ZachXBT：某地址一个半月内共创建114个memecoin骗局：链上侦探ZachXBT发推称，该地址创建了骗局。[2023/4/27 10:31:20]",
     "ZachXBT：某地址一个半月内共创建114个memecoin骗局", "链上侦探", "2023/4/27 10:31:20", None),
    # sources at the start or in parentheses at the end
    ("推特將任命馬斯克為董事會成員:金色財經報道,推特將任命馬斯克為董事會成員。[2022/4/5 14:05:43]",
     "推特將任命馬斯克為董事會成員", "金色財經報道", "2022/4/5 14:05:43", "金色財經"),
    ("騙局獲利10枚BTC:3月18日消息,上月底推特上出現比特幣贈品騙局。(CryptoSlate )[2021/3/18 18:55:44]",
     "騙局獲利10枚BTC", "3月18日消息", "2021/3/18 18:55:44", "CryptoSlate"),
    ("美聯儲宣布維持利率不變:北京時間11月2日凌晨2:00,美聯儲宣布維持利率不變。（來源：金色財經）[2023/11/2 2:01:30]",
     "美聯儲宣布維持利率不變", "北京時間11月2日", "2023/11/2 2:01:30", "金色財經"),
    ("美SEC起诉Coinbase：6月6日消息，据路透社报道，美国证券交易委员会起诉Coinbase。[2023/6/6 23:12]",
     "美SEC起诉Coinbase", "6月6日消息", "2023/6/6 23:12", "路透社"),
    # a clock time in the title: its colon is not the title's end
    ("美國勞工部公佈數據後美股在09:30開盤時大漲：道指漲0.5%，納指漲0.8%。[2023/1/5 22:31:00]",
     "美國勞工部公佈數據後美股在09:30開盤時大漲", "道指漲0.5%", "2023/1/5 22:31:00", None),
])
def test_variants(text, title, body_start, time, source):
    parts = parse_brief(text)
    assert parts is not None
    assert (parts.title, parts.time_raw, parts.source) == (title, time, source)
    assert parts.body.startswith(body_start)


@pytest.mark.parametrize("text", [
    # a date in brackets mid-text is story, not a brief
    "审计报告显示，截至[2023/3/31 23:59:59]的快照时点，平台共持有约26万枚比特币。",
    # a closing date with no title before a colon
    "以上部署数据统计截至[2023/5/31 23:59]",
    # related-list and list-page summaries carry colons but no closing time
    "頭條 ZachXBT:0x?739?開頭地址用戶一個半月內共創建?114?個?memeCoin?騙局Odaily星球日報訊.",
    "作者:Jon?Rice,Blockworks主編;翻譯:金色財經xiaozouEther是以太坊區塊鏈的原生代幣.",
    "摘要:近日，杭州互聯網法院就首例涉“虛擬數字人”侵權案作出了一審判決.",
    # a story sub-heading
    "呼吁暫停有私心?Twitter內部AI項目秘密推進????",
    # times and nothing else: the only colons are the clocks' (found by Hypothesis)
    "[2022/12/16 21:49:04][2022/12/16 21:49:04]",
])
def test_traps_are_not_briefs(text):
    assert parse_brief(text) is None


def test_split_keeps_story_order_and_lists_ids_in_page_order():
    blocks = [{"type": "paragraph", "text": "第一段正文，內容足夠長。"},
              {"type": "paragraph", "text": "甲消息:據官方消息,某事發生。[2022/1/2 3:04:05]"},
              {"type": "heading", "text": "小標題"},
              {"type": "paragraph", "text": "【乙消息】金色財經報道，另一件事。［2022-01-03 04:05］"},
              {"type": "paragraph", "text": "最後一段正文。"}]
    article = Article(url="http://x/info/1.html", blocks=blocks)
    briefs = split_article(article, T2S)
    assert [b["text"] for b in article.blocks] == ["第一段正文，內容足夠長。", "小標題", "最後一段正文。"]
    assert article.briefIds == [b.id for b in briefs]
    assert [b.headline for b in briefs] == ["甲消息", "乙消息"]
    assert article.articleBody == "第一段正文，內容足夠長。\n\n小標題\n\n最後一段正文。"
    assert all(b.firstSeenIn == "http://x/info/1.html" for b in briefs)


def test_a_brief_titled_by_the_heading_above_it():
    # `<b>TITLE</b><br>BODY[time]` and `<h4>TITLE</h4><p>BODY[time]</p>`: the heading is the title
    blocks = [{"type": "paragraph", "text": "第一段正文，內容足夠長。"},
              {"type": "heading", "text": "幣安將上線新一期Launchpool項目"},
              {"type": "paragraph", "text": "據官方公告，幣安將於1月10日上線新一期Launchpool項目。[2024/1/8 09:30:00]"},
              {"type": "heading", "text": "美國SEC批准比特幣現貨ETF"},
              {"type": "paragraph", "text": "金色財經報道：美國證券交易委員會正式批准多隻比特幣現貨ETF。[2024/1/11 05:01:12]"},
              {"type": "heading", "text": "市場回顧"},
              {"type": "paragraph", "text": "本週比特幣震盪上行，成交量溫和放大。"},
              {"type": "heading", "text": "另一小節"},
              {"type": "paragraph", "text": "甲消息:據官方消息,某事發生。[2022/1/2 3:04:05]"}]
    article = Article(url="http://x/info/1.html", blocks=blocks)
    briefs = split_article(article, T2S)
    assert [(b.headline, b.body[:5], b.source) for b in briefs] == [
        ("幣安將上線新一期Launchpool項目", "據官方公告", None),
        ("美國SEC批准比特幣現貨ETF", "金色財經報", "金色財經"),  # not split at the body's own colon
        ("甲消息", "據官方消息", None)]  # a brief with its own title leaves the heading in the story
    assert [b["text"] for b in article.blocks] == ["第一段正文，內容足夠長。", "市場回顧", "本週比特幣震盪上行，成交量溫和放大。", "另一小節"]


def test_under_a_heading_a_colon_after_a_named_source_is_the_bodys():
    # `美国SEC在文件中称：…` names the body's source: the heading above is the title
    blocks = [{"type": "paragraph", "text": "第一段正文，內容足夠長。"},
              {"type": "heading", "text": "SEC推迟贝莱德以太坊ETF决议"},
              {"type": "paragraph", "text": "美国SEC在文件中称：将推迟对贝莱德以太坊现货ETF申请作出决定。[2023/11/16 6:40]"}]
    article = Article(url="http://x/info/1.html", blocks=blocks)
    briefs = split_article(article, T2S)
    assert [(b.headline, b.body) for b in briefs] == [
        ("SEC推迟贝莱德以太坊ETF决议", "美国SEC在文件中称：将推迟对贝莱德以太坊现货ETF申请作出决定。")]
    assert [b["text"] for b in article.blocks] == ["第一段正文，內容足夠長。"]


def test_a_brief_whose_time_sits_on_the_next_line():
    blocks = [{"type": "paragraph", "text": "第一段正文，內容足夠長。"},
              {"type": "paragraph", "text": "甲消息:據官方消息,某事發生。"},
              {"type": "paragraph", "text": "[2022/1/2 3:04:05]"},
              {"type": "paragraph", "text": "最後一段正文，沒有冒號"},
              {"type": "paragraph", "text": "［2022-01-03 04:05］"}]
    article = Article(url="http://x/info/1.html", blocks=blocks)
    briefs = split_article(article, T2S)
    assert [(b.headline, b.datePublishedRaw) for b in briefs] == [("甲消息", "2022/1/2 3:04:05")]
    # a time line under a line that is no brief stays where it is
    assert [b["text"] for b in article.blocks] == ["第一段正文，內容足夠長。", "最後一段正文，沒有冒號", "［2022-01-03 04:05］"]


def test_brief_id_is_stable_across_scripts_formats_and_sites():
    a = fingerprints.brief_id("推特將任命馬斯克為董事會成員", "2022/4/5 14:05:43", T2S)
    b = fingerprints.brief_id("推特将任命马斯克为董事会成员", "2022-04-05 14:05", T2S)
    c = fingerprints.brief_id("推特將任命馬斯克為董事會成員", "2022/4/5 14:06:00", T2S)
    d = fingerprints.brief_id("推特將任命馬斯克為董事會成員", "2022年4月5日 14：05", T2S)
    assert a == b == d != c


def story_id(paragraphs: list[str]) -> str | None:
    return fingerprints.story_id(fingerprints.story_key(paragraphs, T2S))


def test_story_id_ignores_script_briefs_and_a_leading_title_line():
    body = ["馬斯克對于人工智能持保留態度似乎已經是一個公開的事情，此前他不止一次在公開場合稱人工智能是一項危險的技術，同時也和OpenAI劃清界限。", "第二段。"]
    simp = ["马斯克对于人工智能持保留态度似乎已经是一个公开的事情，此前他不止一次在公开场合称人工智能是一项危险的技术，同时也和OpenAI划清界限。", "第二段。"]
    assert story_id(body) == story_id(simp)
    assert story_id(["科谱:什么叫GEV?"] + body) == story_id(body)
    assert story_id(body[:1]) != story_id(body)


def test_story_id_survives_a_copy_printed_a_clause_per_line():
    body = ["马斯克对于人工智能持保留态度似乎已经是一个公开的事情。",
            "此前，他不止一次在公开场合称人工智能是一项危险的技术，同时也各种阴阳OpenAI跟其划清界限。"]
    lines = ["马斯克对于人工智能持保留态度似乎已经是一个公开的事情。", "此前，他不止一次在公开场合称人工智能是一项危险的技术，",
             "同时也各种阴阳OpenAI跟其划清界限。"]
    assert story_id(lines) == story_id(body)
    # a repost's header lines end as no sentence does: left out
    header = ["原文链接:https://medium.com/smlxl/defi-lending", "译者:翻译小组 校对:Tiny 熊"]
    assert story_id(header + body) == story_id(body)


# -- the shapes farms print besides the seed's ---------------------------------------------
@pytest.mark.parametrize("text,title,body_start,time", [
    # other brackets around the closing time
    ("某链启动主网：据项目方公告，某链主网已于今日启动，首批节点超过百个。〔2023/9/1 08:15:00〕",
     "某链启动主网", "据项目方公告", "2023/9/1 08:15:00"),
    ("某链启动主网：据项目方公告，某链主网已于今日启动。（2023-09-01 08:15）", "某链启动主网", "据项目方公告", "2023-09-01 08:15"),
    # bare, after a source note
    ("某链启动主网：据项目方公告，某链主网已于今日启动。（来源：某财经）2023-09-01 08:15",
     "某链启动主网", "据项目方公告", "2023-09-01 08:15"),
    # the time first
    ("[2023-09-01 08:15] 某链启动主网：据项目方公告，某链主网已于今日启动。", "某链启动主网", "据项目方公告", "2023-09-01 08:15"),
    # no year
    ("某链启动主网：据项目方公告，某链主网已于今日启动。[09-01 08:15]", "某链启动主网", "据项目方公告", "09-01 08:15"),
    # a `?` for the space inside the time: read as the space
    ("某链启动主网：据项目方公告，某链主网已于今日启动。[2023/9/1?08:15:00]", "某链启动主网", "据项目方公告", "2023/9/1 08:15:00"),
    # a flash label before the title is neither the title nor part of the body
    ("【快讯】某链启动主网：据项目方公告，某链主网已于今日启动。[2023/9/1 08:15:00]", "某链启动主网", "据项目方公告", "2023/9/1 08:15:00"),
    ("【7×24】某链启动主网：据项目方公告，某链主网已于今日启动。[2023/9/1 08:15:00]", "某链启动主网", "据项目方公告", "2023/9/1 08:15:00"),
    ("币圈快讯：某链启动主网：据项目方公告，某链主网已于今日启动。[2023/9/1 08:15:00]", "某链启动主网", "据项目方公告", "2023/9/1 08:15:00"),
    # the time first, bare
    ("2023-09-01 08:15 某链启动主网：据项目方公告，某链主网已于今日启动。", "某链启动主网", "据项目方公告", "2023-09-01 08:15"),
    # a source label before a bare closing time
    ("某链启动主网：据项目方公告，某链主网已于今日启动。来源：某财经 2023-09-01 08:15", "某链启动主网", "据项目方公告",
     "2023-09-01 08:15"),
    # the outlet beside a bare closing time: a quote's <cite> run into its text
    ("某链启动主网：据项目方公告，某链主网已于今日启动。某财经 · 2023-09-01 08:15", "某链启动主网", "据项目方公告",
     "2023-09-01 08:15"),
    # a bar or a dash where the site prints no colon; a body of clauses without its full stop
    ("某链启动主网 | 据项目方公告，某链主网已于今日启动。[2023-09-01 08:15]", "某链启动主网", "据项目方公告", "2023-09-01 08:15"),
    ("某链启动主网——据项目方公告，某链主网已于今日启动。[2023-09-01 08:15]", "某链启动主网", "据项目方公告", "2023-09-01 08:15"),
    ("某链启动主网：项目方宣布，主网已于今日正式启动，首批验证节点超过一百个[2023/9/1 08:15]", "某链启动主网", "项目方宣布",
     "2023/9/1 08:15"),
    # the outlet in brackets is no title
    ("【某某日报讯】某交易所宣布将于下周下线三个交易对。[2023/9/1 08:15:00]",
     "某交易所宣布将于下周下线三个交易对", "【某某日报讯】", "2023/9/1 08:15:00"),
    # untitled, led by its outlet: titled by its first sentence
    ("某某日报讯 某交易所宣布将于下周下线三个交易对。[2023/9/1 08:15:00]",
     "某交易所宣布将于下周下线三个交易对", "某某日报讯", "2023/9/1 08:15:00"),
])
def test_other_shapes(text, title, body_start, time):
    parts = parse_brief(text)
    assert parts is not None
    assert (parts.title, parts.time_raw) == (title, time)
    assert parts.body.startswith(body_start)


@pytest.mark.parametrize("text", [
    # a label of the story's own, a colon and a closing time
    "更新：官方随后确认，充值已恢复。[2023/9/1 10:20]",
    "数据说明：数据来自某平台，统计截至［2023-09-02 08:00］",
    "补充：部分节点运营者反馈同步速度较慢。［2023-09-01 11:40］",
    # a quote closed by its time
    "创始人在社交媒体上写道：“升级比预期更顺利。”（2023-09-01 08:15）",
    "负责人表示：“我们会在下周公布完整的路线图。”（2023-09-02 09:30）",
    # a timeline's line, a date mid-sentence
    "9月1日 08:15：主网激活，第一个区块顺利产出。",
    "2023-09-01 08:15，主网激活，第一个区块顺利产出。",
    # a sentence quoting a flash; a short label
    "据某财经快讯，某链已于今日上线主网。[2023/9/1 08:15]",
    "官方：充值已经恢复。[2023/9/1 10:20]",
    "编者按：本文写于2023/9/1 09:00，此后行情或有变化，请读者留意。",
])
def test_story_lines_that_look_like_briefs_stay_story(text):
    assert parse_brief(text) is None
    story, found = split_blocks([{"type": "paragraph", "text": "第一段正文，内容足够长，说明事情的来龙去脉。"},
                                 {"type": "paragraph", "text": text}])
    assert found == [] and len(story) == 2


def para(text: str) -> dict:
    return {"type": "paragraph", "text": text}


def heading(text: str) -> dict:
    return {"type": "heading", "text": text}


LEAD = para("第一段正文，内容足够长，说明事情的来龙去脉。")
LAST = para("最后一段正文，团队表示将继续推进生态建设。")


@pytest.mark.parametrize("lines,title,time,source", [
    # the time alone on the line after the brief: `<p>【T】B</p><p><span>time</span></p>`
    ([para("【某链启动主网】据项目方公告，某链主网已于今日启动。"), para("2023-09-01 08:15")],
     "某链启动主网", "2023-09-01 08:15", None),
    # a heading over the body, the time under it: `<h4>T</h4><p>B</p><p>time</p>`
    ([heading("某交易所上线新币"), para("据官方公告，某交易所将于今日上线新币现货交易。"), para("2023-09-01 09:30:00")],
     "某交易所上线新币", "2023-09-01 09:30:00", None),
    # `<dt>T：B</dt><dd>time</dd>`
    ([para("某钱包完成融资：某钱包宣布完成新一轮融资，多家机构参与。"), para("2023/09/01 10:15")],
     "某钱包完成融资", "2023/09/01 10:15", None),
    # a quote's cite: the outlet and the time
    ([para("某协议遭攻击：安全机构监测显示，某协议遭受闪电贷攻击。"), para("某财经 · 2023-09-01 11:20")],
     "某协议遭攻击", "2023-09-01 11:20", "某财经"),
    # the time on the line before the brief
    ([para("2023-09-01 12:00"), para("某基金增持比特币：链上数据显示，某基金再度增持比特币。")],
     "某基金增持比特币", "2023-09-01 12:00", None),
])
def test_a_time_on_a_line_of_its_own(lines, title, time, source):
    story, found = split_blocks([LEAD, *lines, LAST])
    assert [(p.title, p.time_raw, p.source) for _, p in found] == [(title, time, source)]
    assert story == [LEAD, LAST]  # the time line goes with the brief


@pytest.mark.parametrize("items", [
    # `<li><span>08:15</span> T：B</li>`
    [para("08:15 某链启动主网：据项目方公告，某链主网正式启动。"), para("09:40 某基金增持比特币：链上数据显示，某基金再度增持。")],
    # table rows `<td>08:15</td><td><b>T</b><br>B</td>`, AMP `<time>08:15</time><h4>T</h4><p>B</p>`
    [para("08:15"), heading("某链启动主网"), para("据项目方公告，某链主网正式启动。"),
     para("09:40"), heading("某基金增持比特币"), para("链上数据显示，某基金再度增持。")],
])
def test_clock_only_items_take_their_day_from_the_heading_over_them(items):
    story, found = split_blocks([LEAD, heading("7×24快讯"), para("2023年9月1日 星期五"), *items, LAST])
    assert [(p.title, p.time_raw) for _, p in found] == [("某链启动主网", "2023年9月1日 08:15"),
                                                         ("某基金增持比特币", "2023年9月1日 09:40")]
    assert story == [LEAD, LAST]  # neither the run's heading nor the day heading is story


def test_a_timeline_under_a_date_stays_story():
    lines = [LEAD, para("2023年9月1日"), para("08:15：主网激活，第一个区块顺利产出。"), para("09:30：首笔跨链交易完成。"), LAST]
    assert split_blocks(lines) == (lines, [])


def test_a_heading_over_a_run_of_briefs_is_not_story():
    briefs = [para("甲链升级完成：据官方消息，甲链已完成升级。[2023/9/1 08:15]"),
              para("乙链暂停出块：据官方消息，乙链因故暂停出块。[2023/9/1 09:15]")]
    for title in ("相关快讯", "快讯", "7×24快讯"):
        story, found = split_blocks([LEAD, heading(title), *briefs, LAST])
        assert story == [LEAD, LAST] and len(found) == 2
    # a story's sub-heading over nothing but briefs titles them too; over story it stays
    story, _ = split_blocks([LEAD, heading("本周要闻"), *briefs])
    assert story == [LEAD]
    story, _ = split_blocks([LEAD, heading("市场回顾"), *briefs, LAST])
    assert story == [LEAD, heading("市场回顾"), LAST]


def test_read_blocks_gives_each_block_its_role_and_evidence():
    roles, found = read_blocks([LEAD, para("更新：官方随后确认，充值已恢复。[2023/9/1 10:20]"),
                                para("甲链升级完成：据官方消息，甲链已完成升级。"), para("[2023/9/1 08:15]")])
    assert [r.role for r in roles] == ["story", "story", "a brief", "a brief's time"]
    assert roles[1].evidence is not None and not roles[1].evidence.brief
    assert "a story's label" in roles[1].evidence.describe()
    assert roles[2].evidence is not None and roles[2].evidence.brief and found[0][1].evidence == roles[2].evidence


def test_a_flash_label_over_the_body_is_not_the_title():
    for line in (heading("【快讯】某链启动主网"), para("【快讯】某链启动主网")):
        story, found = split_blocks([LEAD, line, para("据项目方公告，某链主网已于今日启动。"), para("2023-09-01 08:15"), LAST])
        assert [(p.title, p.time_raw) for _, p in found] == [("某链启动主网", "2023-09-01 08:15")]
        assert story == [LEAD, LAST]


def test_a_timelines_line_above_a_time_line_is_no_brief():
    lines = [LEAD, para("9月1日 08:15：主网激活，第一个区块顺利产出。"), para("2023-09-02 14:00"),
             para("某跨链桥恢复运行：据官方推特，某跨链桥已恢复运行。"), LAST]
    story, found = split_blocks(lines)
    assert [(p.title, p.time_raw) for _, p in found] == [("某跨链桥恢复运行", "2023-09-02 14:00")]
    assert story == [LEAD, lines[1], LAST]


def test_a_time_over_the_story_is_the_pages_date_not_a_brief():
    first = para("本周某链生态迎来重要进展：主网在经历数月测试后正式上线，开发者社区反应积极。")
    lines = [para("2023-09-03 10:00"), first, LAST]
    assert split_blocks(lines) == (lines, [])


def test_a_repeated_briefs_line_is_weighed_once_and_read_the_same():
    from crawler.pages import briefs, memo

    line = para("某链上线主网：据项目方公告，某链主网已于今日上线。[2023/9/1 08:15:00]")
    memo.clear_cache()
    first = split_blocks([LEAD, line, LAST])
    hits = briefs._in_line_once.cache_info().hits
    again = split_blocks([LEAD, line, LAST])
    assert again == first and briefs._in_line_once.cache_info().hits == hits + 1
    long_line = para("长" * MAX_CACHED_LINE + "：据项目方公告，某链主网已于今日上线。[2023/9/1 08:15:00]")
    size = briefs._in_line_once.cache_info().currsize
    split_blocks([LEAD, long_line, LAST])
    assert briefs._in_line_once.cache_info().currsize == size  # a line past a brief's length is not kept
