"""Article pages holding briefs in every shape the farms print, in six templates, beside
story lines that look like briefs; the answer known by construction.

Shapes: the time in other brackets, bare after a source note, first, without a year, with a
`?` for its space; on a line of its own after or before the brief (a span, an `<h4>` over
the body, `<dt>`/`<dd>`, a quote's `<cite>`); clock-only items under a day heading (a
list, table rows, AMP's `<time>`); briefs led by their outlet and no title; a flash label
before the title; a heading over a run of briefs; briefs after the story's `推荐阅读`.
Templates: WordPress blocks, a Discuz post of `<br>` lines, an old table CMS in GBK, HTML5
`<article>` with an `<aside>`, AMP, div soup. ``BriefTruth`` is what a correct reading gives.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from .common import Draws, Variant, e

# A story of our own: a chain's upgrade, told in paragraphs long enough to read as prose.
STORY = [
    "经过近半年的公开测试，某链团队终于宣布主网升级的最终日期，社区对这次升级的期待已经持续了很长时间。",
    "这次升级的核心是新的共识机制，团队表示，出块时间将从十二秒缩短到四秒左右，交易确认也会随之加快。",
    "不少开发者在论坛上留言，认为更快的确认速度会让链上游戏和小额支付变得更加可行，生态项目也在积极准备。",
    "不过也有声音提醒，新共识机制的代码刚刚完成审计，任何遗漏的漏洞都可能在主网上造成难以挽回的损失。",
    "为此，团队设立了一笔数额可观的漏洞赏金，并邀请三家安全机构在升级前后持续监测链上的异常交易。",
    "交易所方面，多家平台已经发布公告，表示将在升级期间暂停充值和提现，待网络稳定后再逐步恢复服务。",
    "从历史经验来看，类似规模的升级往往会带来短期的价格波动，分析人士建议普通用户不要在升级当天频繁操作。",
    "团队最后表示，升级完成后还会公布一份详细的复盘报告，说明每个阶段遇到的问题以及相应的处理方式。",
]
# Story lines that look like briefs: a label, a colon and a time; timelines; quotes; dates mid-sentence.
TRAPS = [
    "更新：项目方随后确认，提现通道已经恢复正常。[2023/9/1 10:20]",
    "数据说明：以上数据来自某链上分析平台，统计截至［2023-09-02 08:00］",
    "9月1日 08:15：主网激活，第一个区块顺利产出。",
    "创始人在社交媒体上写道：“升级比预期更顺利。”（2023-09-01 08:15）",
    "审计报告显示，截至[2023/8/31 23:59]的快照，金库共持有约三万枚代币。",
    "注：文中价格均以2023-09-01 08:00的报价为准。",
    "提示：本文写于2023/9/1 09:00，此后行情或有变化，请读者留意。",
    "负责人表示：“我们会在下周公布完整的路线图。”（2023-09-02 09:30）",
    "补充：部分节点运营者反馈同步速度较慢。［2023-09-01 11:40］",
    "有媒体引用快讯称某链主网已经上线，随后这条消息在社区内被大量转发。",
]
# Briefs of our own: (title, body, (year, month, day, hour, minute, second), outlet).
BRIEFS = [
    ("某交易所将上线新代币", "据官方公告，某交易所将于今日下午开放某代币的现货交易。", (2023, 9, 1, 8, 15, 0), "某财经"),
    ("某稳定币发行方增发一亿枚", "链上数据显示，某稳定币发行方于凌晨在以太坊网络上增发一亿枚代币。", (2023, 9, 1, 9, 2, 30), "链闻"),
    ("某借贷协议遭闪电贷攻击", "安全机构监测显示，某借贷协议遭受闪电贷攻击，损失约两百万美元。", (2023, 9, 1, 10, 41, 5), "某安全"),
    ("某钱包完成新一轮融资", "某钱包宣布完成新一轮融资，本轮由多家机构共同参与。", (2023, 8, 30, 21, 5, 0), "创投日报"),
    ("某国央行发布数字货币报告", "9月1日消息，某国央行发布年度数字货币报告，称将继续推进试点。", (2023, 9, 1, 13, 20, 0), "财经网"),
    ("比特币短时跌破两万五千美元", "行情显示，比特币短时跌破两万五千美元，日内跌幅约百分之二。", (2023, 9, 1, 15, 45, 12), None),
    ("某公链宣布启动生态基金", "据项目方消息，某公链宣布启动规模一亿美元的生态基金，用于扶持早期项目。", (2023, 8, 31, 18, 30, 0), "区块日报"),
    ("某矿池算力占比升至三成", "数据显示，某矿池的算力占比在过去一周升至百分之三十左右。", (2023, 8, 29, 7, 55, 40), None),
    ("某监管机构就加密资产征求意见", "某监管机构发布征求意见稿，拟对加密资产服务商实施牌照管理。", (2023, 9, 2, 9, 10, 0), "某财经"),
    ("某游戏项目完成主网迁移", "某链上游戏项目宣布已完成主网迁移，玩家资产将于明日自动映射。", (2023, 9, 2, 11, 25, 30), "链游观察"),
    ("某跨链桥恢复运行", "据官方推特，某跨链桥在完成安全检查后已恢复运行，暂停期间的交易将陆续处理。", (2023, 9, 2, 14, 0, 0), None),
    ("某基金再度增持比特币", "链上数据显示，某基金本周再度增持约一千枚比特币。", (2023, 9, 3, 8, 8, 8), "数据周刊"),
]
DAY = (2023, 9, 1)
LABELS = ["【快讯】", "【7×24】", "币圈快讯：", "7x24快讯 | "]
RUN_HEADINGS = ["相关快讯", "快讯", "7×24快讯", "今日快讯"]


@dataclass
class BriefTruth:
    headline: str
    story: list[str]  # the story's paragraphs, in order
    briefs: list[tuple[str, str, str]]  # (title, body, minute `YYYYMMDDHHMM`, year 0000 when printed without)
    traps: list[str]  # the story lines that look like briefs
    choices: dict = field(default_factory=dict)


# -- a line of the page: ("p", html) a paragraph, ("h", html) a heading, ("html", markup) a
# structure only some templates print (a list, a table, a quote), ("time", text) a time's line.
def _minute(when: tuple, year: bool = True) -> str:
    y, mo, d, h, mi, _ = when
    return f"{y if year else 0:04d}{mo:02d}{d:02d}{h:02d}{mi:02d}"


def _stamp(d: Draws, when: tuple, form: str) -> str:
    y, mo, day, h, mi, s = when
    pad = d.flag()
    date = {"slash": f"{y}/{mo}/{day}", "dash": f"{y}-{mo:02d}-{day:02d}", "cn": f"{y}年{mo}月{day}日"}[form]
    clock = f"{h:02d}:{mi:02d}" if pad else f"{h}:{mi:02d}"
    return f"{date} {clock}" + (f":{s:02d}" if d.flag() else "")


def _title_body(d: Draws, title: str, body: str) -> str:
    return f"{e(title)}{d.pick([':', '：'])}{e(body)}"


def _brief_lines(d: Draws, shape: str, brief: tuple, structures: bool) -> tuple[list[tuple[str, str]], tuple]:
    """A brief in ``shape``: its lines, and its truth (title, body, minute)."""
    title, body, when, source = brief
    truth = (title, body, _minute(when))
    if shape in _ONE_LINE:
        return _ONE_LINE[shape](d, brief, truth)
    tb = _title_body(d, title, body)
    if shape == "time_after":
        return [("p", f"【{e(title)}】{e(body)}"), ("time", _stamp(d, when, "dash"))], truth
    if shape == "heading_body_time":
        return [("h", e(title)), ("p", e(body)), ("time", _stamp(d, when, d.pick(["dash", "slash"])))], truth
    if shape == "time_before":
        return [("time", _stamp(d, when, "dash")), ("p", tb)], truth
    if shape == "dl" and structures:
        return [("html", f"<dl><dt>{tb}</dt><dd>{_stamp(d, when, 'slash')}</dd></dl>")], truth
    if shape == "cite" and structures:
        cite = f"{e(source or '某财经')} · {_stamp(d, when, 'dash')}"
        return [("html", f"<blockquote><p>{tb}</p><cite>{cite}</cite></blockquote>")], truth
    return [("p", f"{tb}[{_stamp(d, when, 'slash')}]")], truth  # the seed's own shape


def _other_brackets(d: Draws, brief: tuple, truth: tuple):
    left, right = d.pick([("〔", "〕"), ("（", "）"), ("[", "]"), ("［", "］"), ("【", "】")])
    return [("p", f"{_title_body(d, *brief[:2])}{left}{_stamp(d, brief[2], d.pick(['slash', 'dash']))}{right}")], truth


def _after_note(d: Draws, brief: tuple, truth: tuple):
    title, body, when, source = brief
    note = f"（来源：{source or '某财经'}）"
    return [("p", f"{_title_body(d, title, body)}{e(note)}{_stamp(d, when, 'dash')}")], (title, body + note, truth[2])


def _time_first(d: Draws, brief: tuple, truth: tuple):
    return [("p", f"[{_stamp(d, brief[2], d.pick(['dash', 'slash']))}] {_title_body(d, *brief[:2])}")], truth


def _no_year(d: Draws, brief: tuple, truth: tuple):
    _, mo, day, h, mi, _ = brief[2]
    return [("p", f"{_title_body(d, *brief[:2])}[{mo:02d}-{day:02d} {h:02d}:{mi:02d}]")], (
        *brief[:2], _minute(brief[2], year=False))


def _lost_space(d: Draws, brief: tuple, truth: tuple):
    return [("p", f"{_title_body(d, *brief[:2])}[{_stamp(d, brief[2], 'slash').replace(' ', '?')}]")], truth


def _untitled(d: Draws, brief: tuple, truth: tuple):
    title, body, when, source = brief
    lead = f"{source or '某财经'}讯 " if d.flag() else f"{source or '某财经'}报道，"
    first = body.split("。")[0]
    return [("p", f"{e(lead)}{e(body)}[{_stamp(d, when, 'slash')}]")], (first, lead + body, truth[2])


def _label(d: Draws, brief: tuple, truth: tuple):
    return [("p", f"{e(d.pick(LABELS))}{_title_body(d, *brief[:2])}[{_stamp(d, brief[2], 'slash')}]")], truth


_ONE_LINE = {"other_brackets": _other_brackets, "after_note": _after_note, "time_first": _time_first,
             "no_year": _no_year, "lost_space": _lost_space, "untitled": _untitled, "label": _label}


SHAPES = ["seed", "other_brackets", "after_note", "time_first", "no_year", "lost_space", "untitled", "label",
          "time_after", "heading_body_time", "time_before", "dl", "cite"]


def _flash_list(d: Draws, briefs: list[tuple], form: str) -> tuple[list[tuple[str, str]], list[tuple]]:
    """A 7×24 list inside the article: a day heading, then clock-only items."""
    y, mo, day = DAY
    heading = d.pick([f"{y}年{mo}月{day}日 星期五", f"{y}-{mo:02d}-{day:02d}", f"{y}年{mo:02d}月{day:02d}日"])
    truths = [(t, b, _minute((y, mo, day, *w[3:]))) for t, b, w, _ in briefs]
    clock = [f"{w[3]:02d}:{w[4]:02d}" for _, _, w, _ in briefs]
    if form == "li":
        items = "".join(f"<li><span>{c}</span> {_title_body(d, t, b)}</li>" for c, (t, b, _, _) in zip(clock, briefs))
        return [("html", f"<div>{heading}</div><ul>{items}</ul>")], truths
    if form == "li_title":  # the title beside the clock, the body under it
        items = "".join(f"<li><span>{c}</span><b>{e(t)}</b><p>{e(b)}</p></li>" for c, (t, b, _, _) in zip(clock, briefs))
        return [("html", f"<div>{heading}</div><ul>{items}</ul>")], truths
    if form == "table":
        rows = "".join(f"<tr><td>{c}</td><td><b>{e(t)}</b><br>{e(b)}</td></tr>" for c, (t, b, _, _) in zip(clock, briefs))
        return [("html", f"<div>{heading}</div><table>{rows}</table>")], truths
    items = "".join(f'<div class="item"><time>{c}</time><h4>{e(t)}</h4><p>{e(b)}</p></div>'
                    for c, (t, b, _, _) in zip(clock, briefs))
    return [("html", f"<h3>{heading}</h3>{items}")], truths


TEMPLATES = ["wordpress", "discuz", "table_gbk", "html5", "amp", "div_soup"]


def _render(template: str, lines: list[tuple[str, str]], d: Draws) -> str:
    out = []
    for kind, html in lines:
        if template == "discuz":  # a post: one line per <br>, headings bold
            out.append(f"<strong>{html}</strong><br>" if kind == "h" else f"{html}<br>")
        elif template == "wordpress":
            out.append({"h": f'<!-- wp:heading {{"level":4}} --><h4 class="wp-block-heading">{html}</h4><!-- /wp:heading -->',
                        "time": f"<!-- wp:paragraph --><p><span class=\"kx-time\">{html}</span></p><!-- /wp:paragraph -->",
                        "html": f'<!-- wp:html -->{html}<!-- /wp:html -->'}.get(
                kind, f"<!-- wp:paragraph -->\n<p>{html}</p>\n<!-- /wp:paragraph -->"))
        elif template == "div_soup":
            out.append({"h": f"<div><strong>{html}</strong></div>", "html": html}.get(
                kind, f"<div{d.cls()}><span>{html}</span></div>"))
        else:
            out.append({"h": f"<h4>{html}</h4>", "html": html, "time": f"<p><time>{html}</time></p>"}.get(
                kind, f"<p>{html}</p>"))
    return "\n".join(out)


@st.composite
def brief_pages(draw) -> Variant:
    """Hypothesis strategy: an article page holding briefs in drawn shapes and template."""
    return brief_page(Draws(draw))


def brief_page(d: Draws) -> Variant:
    """One page, every choice from ``d`` (``SeededDraws(seed)`` gives the same page every run)."""
    template = d.choose("template", TEMPLATES)
    structures = template != "discuz"
    pool = d.subset(BRIEFS, 6, 12)
    traps = d.subset(TRAPS, 0, 3)
    flash = d.choose("flash_list", ["none", "li", "li_title", "table", "amp"] if structures else ["none"])
    listed = [pool.pop() for _ in range(d.integer(2, 3))] if flash != "none" else []
    after_end = [pool.pop() for _ in range(d.integer(1, 2))] if d.choose("after_end", [False, True]) else []
    lines: list[tuple[str, str]] = []
    truths: list[tuple] = []
    story: list[str] = []
    slots = {d.integer(1, len(STORY) - 1) for _ in pool}
    shapes = []
    for i, para in enumerate(STORY):
        if i in slots and pool:
            if d.flag(3) and len(pool) >= 2:  # a run of briefs under a heading of its own
                lines.append(("h", d.pick(RUN_HEADINGS)))
            for _ in range(1 if len(pool) < 2 else d.integer(1, 2)):
                shape = d.pick(SHAPES)
                brief_lines, truth = _brief_lines(d, shape, pool.pop(0), structures)
                shapes.append(shape)
                lines += brief_lines
                truths.append(truth)
        if traps and d.flag():
            trap = traps.pop(0)
            lines.append(("p", e(trap)))
            story.append(trap)
        lines.append(("p", e(para)))
        story.append(para)
    for trap in traps:  # the rest of the traps close the story
        lines.append(("p", e(trap)))
        story.append(trap)
    if listed:  # a 7×24 list inside the article, after the story
        list_lines, list_truths = _flash_list(d, listed, flash)
        lines += list_lines
        truths += list_truths
    if after_end:  # briefs after the story's 推荐阅读 heading
        lines.append(("h", "推荐阅读"))
        for brief in after_end:
            brief_lines, truth = _brief_lines(d, d.pick(SHAPES), brief, structures)
            lines += brief_lines
            truths.append(truth)
    d.choices["shapes"] = shapes
    headline = "某链主网升级进入倒计时，社区期待与担忧并存"
    page = _page(d, template, headline, _render(template, lines, d))
    encoding = "gbk" if template == "table_gbk" else "utf-8"
    return Variant(f"https://farm.example/info/{d.integer(100, 99999)}.html", page.encode(encoding, "xmlcharrefreplace"),
                   {"Content-Type": f"text/html; charset={encoding}"},
                   BriefTruth(headline, story, truths, [t for t in TRAPS if t in story], d.choices))


def _page(d: Draws, template: str, headline: str, content: str) -> str:
    h = e(headline)
    meta = '<div class="meta">作者：编辑部 &nbsp; 时间：2023-09-03 10:00</div>'
    related = ('<h3>相关阅读</h3><ul><li><a href="/info/11.html">某链测试网再次延期</a></li>'
               '<li><a href="/info/12.html">共识机制的几种常见设计</a></li><li><a href="/info/13.html">'
               '如何看待主网升级期间的价格波动</a></li></ul>')
    head = f"<head><meta charset=\"{'gbk' if template == 'table_gbk' else 'utf-8'}\"><title>{h}_某链</title></head>"
    if template == "wordpress":
        body = (f'<body class="single-post"><header><a href="/">链上观察</a></header><article class="post">'
                f'<h1 class="entry-title">{h}</h1>{meta}<div class="entry-content">\n{content}\n</div></article>'
                f'<div class="related">{related}</div></body>')
    elif template == "discuz":
        body = (f'<body><div id="nv">论坛首页</div><h1>{h}</h1><table><tr><td class="pls">楼主</td>'
                f'<td class="plc">{meta}'
                f'<td class="t_f" id="postmessage_1">\n{content}\n</td></td></tr></table>{related}</body>')
    elif template == "table_gbk":
        body = (f'<body><table width="960"><tr><td><a href="/">首页</a> &gt; 资讯</td></tr>'
                f'<tr><td class="title"><h1>{h}</h1></td></tr><tr><td>{meta}</td></tr>'
                f'<tr><td class="content">\n{content}\n</td></tr><tr><td>{related}</td></tr></table></body>')
    elif template == "html5":
        body = (f'<body><nav><a href="/">首页</a></nav><main><article><header><h1>{h}</h1>{meta}</header>'
                f'<section>\n{content}\n</section></article><aside>{related}</aside></main></body>')
    elif template == "amp":
        body = (f'<body><header class="amp-header">链上观察</header><article><h1>{h}</h1>{meta}'
                f'<amp-img src="/a.jpg" width="600" height="300" layout="responsive"></amp-img>'
                f'<div class="amp-content">\n{content}\n</div></article>{related}</body>')
    else:
        body = (f'<body><div class="w"><div class="hd"><div>链上观察</div></div><div class="bd"><div class="l">'
                f'<div class="t">{h}</div>{meta}<div class="c"><div>\n{content}\n</div></div></div>'
                f'<div class="r">{related}</div></div></div></body>')
    doctype = '<!doctype html><html amp lang="zh">' if template == "amp" else "<!DOCTYPE html><html>"
    return f"{doctype}{head}{body}</html>"
