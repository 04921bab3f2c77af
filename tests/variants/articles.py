"""Article pages in templates nobody wrote by hand, each with its answer known.

The strategy draws the choices a cheap CMS template makes (wrappers, paragraph and heading
tags, where the labels go and in which language, how a brief is spelled and wrapped, how
tags, crumbs and the related list are marked up, class names, sidebars, comments, noise,
the charset and where it is declared, rightly or wrongly) and renders the seed family's
content through them. The parser sees only the bytes; ``Truth`` is what any correct
reading gives.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from .common import (
    AUTHORS,
    BRIEFS,
    BULLETS,
    CATEGORIES,
    DOMAINS,
    PLACEHOLDER,
    SITE_NAMES,
    STORIES,
    TAGS,
    TIMES,
    TITLES,
    Draws,
    Variant,
    charset,
    e,
    entries_html,
)

COMMENTS = ["这篇文章写得很好，把Layer2的费用结构讲得很清楚，学到了很多。",
            "作者的观点我不太同意，市场的变化远比文中说的复杂，还需要继续观察。",
            "请问文中提到的数据来源是哪里？能不能给一个链接方便大家核对一下？"]
DISCLAIMER = "免责声明：本文仅代表作者个人观点，不代表本站立场，不构成任何投资建议，请读者自行判断风险。"


@dataclass
class Truth:
    """What a correct reading of the page gives, in the page's own script, as printed."""

    headline: str
    headline_tag: str | None  # None: not checked (the tag of `MER:…_MER` and the like)
    author: str | None
    date_raw: str
    story: list[tuple[str, str]]  # (paragraph|heading, text), briefs taken out
    briefs: list[tuple[str, str, str]]  # (title, body, time as printed)
    tags: list[str]
    category: str | None
    related: list[str]  # entry URLs
    parts: dict[int, str] = field(default_factory=dict)  # the article's later pages, when printed over several
    choices: dict = field(default_factory=dict)  # how the page was built, for failure reports


def clauses(story: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A story printed a clause per line (the `one word per line` damage): no line is long."""
    out = []
    for kind, text in story:
        if kind == "heading":
            out.append((kind, text))
            continue
        part = ""
        for ch in text:
            part += ch
            if ch in "，。；、,;" and len(part) >= 6:
                out.append(("paragraph", part))
                part = ""
        if part:
            out.append(("paragraph", part))
    return out


def _brief_stamp(d: Draws, when: str) -> tuple[str, str, str]:
    nums = [int(x) for x in when.replace("/", " ").replace("-", " ").replace(":", " ").split()]
    y, mo, day, h, mi = nums[:5]
    s = nums[5] if len(nums) > 5 else 0
    sep = d.pick(["/", "-"])
    pad = d.flag()
    date = f"{y}{sep}{mo:02d}{sep}{day:02d}" if pad else f"{y}{sep}{mo}{sep}{day}"
    clock = (f"{h:02d}:{mi:02d}" if pad else f"{h}:{mi:02d}") + (f":{s:02d}" if d.flag() else "")
    left, right = d.pick([("[", "]"), ("［", "］"), ("【", "】")])
    return left, f"{date} {clock}", right


def _brief(d: Draws, brief: tuple[str, str, str], one_line: bool = False) -> tuple[list[str], tuple[str, str, str]]:
    """A brief as the sites print it: its lines of markup (one, or a heading and one), and
    its truth (title, body, time as printed)."""
    title, body, when = brief
    left, time_raw, right = _brief_stamp(d, when)
    t, b, s = e(title), e(body), e(f"{left}{time_raw}{right}")
    colon = d.pick([":", "："])
    form = d.pick(["plain", "strong_title", "spans", "flash", "em_time", "font"] + ([] if one_line else ["heading_above"]))
    if form == "heading_above":  # `<p><strong>TITLE</strong></p><p>BODY[time]</p>`
        return [f"<strong>{t}</strong>", f"{b}{s}"], (title, body, time_raw)
    inner = {
        "plain": f"{t}{colon}{b}{s}",
        "strong_title": f"<strong>{t}</strong>{colon}{b}{s}",
        "spans": f"<span>{t}{colon}{b}</span> <span class=\"time\">{s}</span>",
        "flash": f"【{t}】{b}{s}",
        "em_time": f"{t}{colon}{b}<em>{s}</em>",
        "font": f'<font color="#333">{t}{colon}{b}{s}</font>',
    }[form]
    return [inner], (title, body, time_raw)


def _iso(when: str) -> str | None:
    """A printed time as a <time datetime> gives it, for the forms that are plain numbers."""
    nums = [int(x) for x in when.replace("/", " ").replace("-", " ").replace(":", " ").replace(".", " ").split()
            if x.isdigit()]
    if len(nums) < 5 or nums[0] < 1971 or "PM" in when or "年" in when:
        return None
    y, mo, day, h, mi = nums[:5]
    return f"{y:04d}-{mo:02d}-{day:02d}T{h:02d}:{mi:02d}:00+08:00"


def _part_path(path: str, k: int) -> str:
    """Page ``k`` of the article at ``path``, as its CMS numbers it."""
    if path.startswith("/?"):
        return f"{path}&page={k}"  # WordPress, default permalinks
    if path.endswith(".html"):
        return f"{path[:-5]}_{k}.html"  # DedeCMS, Empire CMS
    return f"{path.rstrip('/')}/{k}/" if path.endswith("/") else f"{path}/{k}"  # WordPress <!--nextpage-->


def _pager(d: Draws, path: str, last: int) -> str:
    """Page 1's pager under a story printed over ``last`` pages."""
    form = d.choose("pager", ["dede", "plain", "wp"])
    next_t = "下一頁" if d.hant else "下一页"
    others = "".join(f'<li><a href="{_part_path(path, k)}">{k}</a></li>' for k in range(2, last + 1))
    if form == "dede":  # DedeCMS's pagebreak list: the current page and 上一页 link to #
        total = f"共{last}{'頁' if d.hant else '页'}: "
        return (f'<div class="dede_pages"><ul class="pagelist"><li><a>{total}</a></li><li><a href="#">上一页</a></li>'
                f'<li class="thisclass"><a href="#">1</a></li>{others}'
                f'<li><a href="{_part_path(path, 2)}">{next_t}</a></li></ul></div>')
    if form == "plain":
        links = " ".join(f'<a href="{_part_path(path, k)}">{k}</a>' for k in range(2, last + 1))
        return f'<div{d.cls()}><span>1</span> {links} <a href="{_part_path(path, 2)}">{next_t}</a></div>'
    links = "".join(f'<a href="{_part_path(path, k)}"><span>{k}</span></a>' for k in range(2, last + 1))
    return f'<div class="page-links">{"分頁" if d.hant else "分页"}：<span>1</span>{links}</div>'


def _running_link(d: Draws, text: str, article_id: int) -> str:
    """`正如<a>此前报道</a>所言`: a link in the middle of a sentence; the text is unchanged."""
    if len(text) < 24:
        return e(text)
    i = len(text) // 3
    href = d.pick([f"/info/{article_id + 101}.html", "https://www.example.org/news/1.html"])
    return f'{e(text[:i])}<a href="{href}">{e(text[i:i + 4])}</a>{e(text[i + 4:])}'


@st.composite
def article_pages(draw) -> Variant:
    """Hypothesis strategy: an article page (``Variant``) in a drawn template."""
    return article_page(Draws(draw))


@st.composite
def reposts(draw) -> tuple[Variant, Variant]:
    """Hypothesis strategy: one story on two pages, each in a template of its own."""
    story = Draws(draw).pick(STORIES)
    return article_page(Draws(draw), story), article_page(Draws(draw), story)


@dataclass
class _Model:
    """What the page says, before any template prints it."""

    domain: str
    path: str
    site: str
    article_id: int
    headline: str
    headline_raw: str
    headline_tag: str | None
    tags: list[str]
    author: str
    when: str
    category: str
    story: list[tuple[str, str]]
    briefs: list[tuple[str, str, str]]
    slots: list[int]  # a brief goes before story item i (never before the first), or at the end
    related: list[tuple[str, str, str, str]]
    repost: bool


@dataclass
class _Labels:
    author: str
    time: str
    tags: str


class _Blocks:
    """How the template prints a paragraph and a heading."""

    def __init__(self, d: Draws):
        self.ptag = d.choose("ptag", ["p", "p_span", "div", "section_p", "p_indent", "br"])
        self.htag = d.choose("htag", ["h2", "h3", "h4", "p_strong", "p_b", "div_strong"])

    def para(self, inner: str) -> str:
        return {"p": f"<p>{inner}</p>", "p_span": f"<p><span>{inner}</span></p>", "div": f"<div>{inner}</div>",
                "section_p": f"<section><p>{inner}</p></section>",
                "p_indent": f'<p style="text-indent:2em">{inner}</p>', "br": f"{inner}<br>"}[self.ptag]

    def heading(self, inner: str) -> str:
        if self.ptag == "br":
            return f"<strong>{inner}</strong><br>"
        return {"h2": f"<h2>{inner}</h2>", "h3": f"<h3>{inner}</h3>", "h4": f"<h4>{inner}</h4>",
                "p_strong": f"<p><strong>{inner}</strong></p>", "p_b": f"<p><b>{inner}</b></p>",
                "div_strong": f"<div><strong>{inner}</strong></div>"}[self.htag]


def article_page(d: Draws, story: list[tuple[str, str]] | None = None) -> Variant:
    """One article page, every choice taken from ``d``; with ``story`` (in Simplified), a
    repost of it: the same text, whatever the template, script, title or damage. The steps
    draw in a fixed order: a seed gives the same page every run."""
    m = _model(d, story)
    labels = _labels(d)
    blocks = _Blocks(d)
    story_box, truth_story, brief_truth, last = _story(d, m, blocks)
    meta_html, meta_form, date_raw = _meta(d, m, labels)
    lead = ""
    if d.choose("lead", [False, False, True]):  # the sister design's summary over the story: not story
        first = next(t for k, t in m.story if k == "paragraph")
        lead = f'<div{d.cls()}>{"導讀" if d.hant else "导读"}：{e(first[:30])}</div>\n'
    meta_after_story = d.choose("meta_after_story", [False, False, False, True]) and meta_form != "sister"
    tags_html = _tags(d, m, labels)
    crumbs, crumb_html = _crumbs(d, m)
    rel_head = d.pick([m.category, "相關閱讀" if d.hant else "相关阅读", "猜你喜欢"])
    related_html = f"<div{d.cls()}><h3>{e(rel_head)}</h3>\n{entries_html(d, m.related)}</div>\n"
    head_tag, head_html, header = _head(d, m)
    side, comments, noise, prev_next = _furniture(d, m)

    encoding, charset_meta, ctype, bom = charset(d)
    title_sep = d.pick(["-", "_", " - ", " | "])
    home = "首頁" if d.hant else "首页"
    nav = " ".join(f'<a href="/list/{i}_1.html">{e(d.script(c))}</a>' for i, c in enumerate(CATEGORIES))
    main = head_html + ("" if meta_after_story else meta_html) + lead + story_box + "\n" + noise
    main += (meta_html if meta_after_story else "") + tags_html + prev_next
    page = (f"<!DOCTYPE html>\n<html><head>{charset_meta}<title>{e(m.headline_raw)}{title_sep}{e(m.site)}</title>"
            f"</head>\n<body>\n{header}<div class=\"nav\"><a href=\"/\">{home}</a> {nav}</div>\n{crumb_html}"
            f"<div class=\"main\"><div{d.cls()}>\n{main}</div>\n{related_html}{comments}{side}</div>\n"
            f'<div class="foot">Copyright &copy; 2023 {m.site} 版权所有 <a href="/about.html">关于我们</a></div>\n'
            "</body></html>\n")
    headline_tag = m.headline_tag
    if head_tag == "title_only" and d.choices["repeat_title"]:
        headline_tag = None  # printed only as the story's first line, maybe without its affix
    parts = {k: f"https://{m.domain}{_part_path(m.path, k)}" for k in range(2, last + 1)}
    writer = None if meta_form == "sister" else m.author  # `编辑:` names the editor, not the writer
    truth = Truth(m.headline, headline_tag, writer or None, date_raw, truth_story, brief_truth, m.tags,
                  m.category if crumbs != "none" else None, [f"https://{m.domain}{u}" for u, *_ in m.related], parts,
                  d.choices)
    return Variant(f"https://{m.domain}{m.path}", bom + page.encode(encoding, "xmlcharrefreplace"),
                   {"Content-Type": ctype}, truth)


def _model(d: Draws, story: list[tuple[str, str]] | None) -> _Model:
    repost = story is not None
    script, choose = d.script, d.choose
    site = d.pick(SITE_NAMES)
    domain = d.pick(DOMAINS)
    article_id = d.integer(100, 999999)
    # the network's /info/<id>.html, or a CMS's slug with no id: then the page's content decides
    path = d.choose("url_shape", [f"/info/{article_id}.html", f"/news/story-{article_id}-x", f"/p/{article_id}/",
                                  f"/?p={article_id}"])
    headline = script(d.pick(TITLES))
    tags = [script(t) for t in d.subset(TAGS, 1, 5)]
    affix = choose("affix", ["none", "suffix", "suffix", "tag_keyword", "source_suffix", "prefix", "topic_prefix",
                             "doubled"])
    headline_raw = {
        "none": headline,
        "suffix": f"{headline}_{tags[0]}",
        "tag_keyword": f"{headline}_{tags[0]}:{script('关键词')}",  # `_ETH:keyword`
        "source_suffix": f"{headline}-ODAILY_{tags[0]}",  # `-ODAILY_QUO:Quota`
        "prefix": f"MER:{headline}_MER",  # a prefix that repeats the suffix
        "topic_prefix": f"{script('区块链')}:{headline}",
        "doubled": f"{headline}_{script('区块链技术')}__{tags[0]}",  # `_区块链技术__跨链`
    }[affix]
    author = d.pick([""] + AUTHORS)
    when = d.pick(TIMES)
    category = script(d.pick(CATEGORIES))
    text = [(k, script(t)) for k, t in (story or d.pick(STORIES))]
    length = choose("length", ["whole", "clause_lines"] if repost
                    else ["whole", "whole", "two_paragraphs", "clause_lines"])
    if length == "two_paragraphs":  # a short story: the container may reach past its box
        text = [x for x in text if x[0] == "paragraph"][:2]
    elif length == "clause_lines":
        text = clauses(text)
    briefs = [(script(t), script(b), w) for t, b, w in d.subset(BRIEFS, 0, 3)]
    slots = sorted(d.integer(1, len(text)) for _ in briefs)
    related = [(f"/info/{article_id + 7 * (i + 1)}.html", script(TITLES[(i + 3) % len(TITLES)]) + f"_{tags[0]}",
                script(STORIES[i % len(STORIES)][0][1])[:40] + ".", PLACEHOLDER)
               for i in range(d.integer(2, 5))]
    return _Model(domain, path, site, article_id, headline, headline_raw, tags[0] if affix == "suffix" else None,
                  tags, author, when, category, text, briefs, slots, related, repost)


def _labels(d: Draws) -> _Labels:
    labels_en = d.choose("labels_en", [True, False])
    author = "Author:" if labels_en else d.pick(["作者:", "作者：", "作者 : "])
    time = "Time:" if labels_en else d.pick(
        ["時間:" if d.hant else "时间:", "时间：", "發布時間：" if d.hant else "发布时间：", "日期："])
    tags = "Tags:" if labels_en else d.pick(["標籤：" if d.hant else "标签：", "标签:", "关键词："])
    return _Labels(author, time, tags)


def _story(d: Draws, m: _Model, blocks: _Blocks) -> tuple[str, list[tuple[str, str]], list[tuple[str, str, str]], int]:
    """(the story's box, the story as read, its briefs, the pages it is printed over)."""
    ptag = blocks.ptag
    out: list[str] = []
    if d.choose("repeat_title", [False, False, True]):
        out.append(blocks.para(e(m.headline_raw if d.flag() else m.headline)))
    links_in_text = d.choose("links_in_text", [False, True])
    gaps = d.choose("gaps", ["none", "nbsp", "br", "img"]) if ptag != "br" else "none"
    pending = list(zip(m.slots, m.briefs, strict=True))
    inline = d.choose("inline", ["none", "bold", "quote"] + ([] if m.repost else ["bullets"])) if ptag != "br" else "none"
    truth_story: list[tuple[str, str]] = []
    brief_truth: list[tuple[str, str, str]] = []
    for i, (kind, text) in enumerate([*m.story, ("end", "")]):
        while pending and pending[0][0] == i:
            out += _briefs_at(d, i, pending, brief_truth, blocks)
        if kind == "end":
            break
        truth_story.append((kind, text))
        out += _story_item(d, m, i, kind, text, blocks, links_in_text, inline, gaps, truth_story)
    if d.choose("disclaimer", [False, False, True]):
        out.append(blocks.para(e(DISCLAIMER)))
    last = d.choose("pages", [1, 1, 1, 2, 3]) if not m.repost else 1  # printed over several pages: this is page 1
    if last > 1:
        out.append(_pager(d, m.path, last))
    story_html = "\n".join(out)
    box = d.choose("box", ["div", "article", "section", "nested", "td"])
    story_box = {
        "nested": f"<div{d.cls()}><div{d.cls()}>\n{story_html}\n</div></div>",
        "td": f"<table><tr><td{d.cls()}>\n{story_html}\n</td></tr></table>",
    }.get(box, f"<{box}{d.cls()}>\n{story_html}\n</{box}>")
    return story_box, truth_story, brief_truth, last


def _briefs_at(d: Draws, i: int, pending: list, brief_truth: list, blocks: _Blocks) -> list[str]:
    """The next brief placed before story item ``i``: a paragraph of the story's own kind."""
    lines, truth = _brief(d, pending.pop(0)[1])
    brief_truth.append(truth)
    if len(lines) == 1 and pending and pending[0][0] == i and blocks.ptag != "br" and d.flag():
        # two briefs in one paragraph, a line each: `<p>T1:B1[t1]<br>T2:B2[t2]</p>`
        more, truth = _brief(d, pending.pop(0)[1], one_line=True)
        lines = [f"{lines[0]}<br>{more[0]}"]
        brief_truth.append(truth)
    return [blocks.para(x) for x in lines]


def _story_item(d: Draws, m: _Model, i: int, kind: str, text: str, blocks: _Blocks, links_in_text: bool,
                inline: str, gaps: str, truth_story: list) -> list[str]:
    """Story item ``i`` as printed, and what the template adds after it (a list, a gap)."""
    if kind == "heading":
        return [blocks.heading(e(text))]
    if inline == "bold" and i % 3 == 2 and len(text) > 12:  # a few words bold inside a paragraph
        return [blocks.para(f"{e(text[:4])}<strong>{e(text[4:10])}</strong>{e(text[10:])}")]
    if inline == "quote" and i == 2:
        return [f"<blockquote><p>{e(text)}</p></blockquote>"]
    out = [blocks.para(_running_link(d, text, m.article_id) if links_in_text and i % 3 == 1 else e(text))]
    if inline == "bullets" and i == 1:  # the points it lists, as the sites print them
        points = [d.script(x) for x in BULLETS]
        out.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in points) + "</ul>")
        truth_story += [("paragraph", x) for x in points]
    if gaps != "none" and i % 2 == 0:
        out.append({"nbsp": "<p>&nbsp;</p>", "br": "<p><br></p>",
                    "img": f'<p style="text-align:center"><img src="/uploads/{i}.png" alt="image"></p>'}[gaps])
    return out


def _meta(d: Draws, m: _Model, labels: _Labels) -> tuple[str, str, str]:
    """(the author and date line in one of the CMSs' forms, the form, the date as it reads)."""
    script = d.script
    a, t = e(m.author), e(m.when)
    author_label, time_label = labels.author, labels.time
    extra = d.pick(["", f"<span>{'來源' if d.hant else '来源'}：{e(script('金色财经'))}</span>",
                    f"<span>{'閱讀' if d.hant else '阅读'}：1234</span>"])
    meta_form = d.choose("meta_form", ["spans", "paras", "one_line", "dl", "ul", "table", "sister", "pipes",
                                       "br_lines", "time_el", "dede", "phpcms"])
    source_label = "來源：" if d.hant else "来源："
    iso = _iso(m.when)
    date_raw = iso if meta_form == "time_el" and iso else m.when
    meta_html = {
        "spans": f"<div{d.cls()}><span>{author_label}{a}</span> <span>{time_label}{t}</span>{extra}</div>",
        "paras": f"<p{d.cls()}>{author_label}{a}</p>\n<p{d.cls()}>{time_label}{t}</p>",
        "one_line": f"<div{d.cls()}>{author_label}{a} &nbsp; {time_label}{t} {extra}</div>",
        "dl": f"<dl{d.cls()}><dt>{author_label}</dt><dd>{a}</dd><dt>{time_label}</dt><dd>{t}</dd></dl>",
        "ul": f"<ul{d.cls()}><li>{author_label}{a}</li><li>{time_label}{t}</li></ul>",
        "table": f"<table{d.cls()}><tr><td>{author_label}{a}</td><td>{time_label}{t}</td></tr></table>",
        # the sister design: `[2021-02-10 09:11:56] 来源: 编辑:wangjia 点击量:`
        "sister": f"<div{d.cls()}>[{t}] 来源: 编辑:{a} 点击量:</div>",
        "pipes": f"<div{d.cls()}>{source_label}{e(script('金色财经'))} | {author_label}{a} | {time_label}{t}</div>",
        "br_lines": f"<p{d.cls()}>{author_label}{a}<br>{time_label}{t}</p>",
        # DedeCMS: labels in <small>, values as bare text, a hit counter filled by a script
        "dede": (f"<div{d.cls()}><small>{time_label}</small>{t}<small>{source_label}</small>{e(script('未知'))}"
                 f"<small>{author_label}</small>{a}<small>{'點擊' if d.hant else '点击'}：</small>"
                 '<script src="/plus/count.php?aid=1"></script>次</div>'),
        # PHPCMS: the date first and unlabelled, then source, author and a view count
        "phpcms": (f"<div{d.cls()}><span>{t}</span> <span>{source_label}{e(script('金色财经'))}</span> "
                   f"<span>{author_label}{a}</span> <span>{'瀏覽' if d.hant else '浏览'}：<em>123</em>次</span></div>"),
        # no time label: the date is a <time> element's datetime
        "time_el": (f"<div{d.cls()}><span>{author_label}{a}</span> <time datetime=\"{iso}\">{t}</time></div>" if iso
                    else f"<div{d.cls()}><span>{author_label}{a}</span> <span>{time_label}{t}</span></div>"),
    }[meta_form] + "\n"
    return meta_html, meta_form, date_raw


def _tags(d: Draws, m: _Model, labels: _Labels) -> str:
    tag_links = [f'<a href="/tag/{e(x)}_1.html">{e(x)}</a>' for x in m.tags]
    return {
        "links": f"<div{d.cls()}>{labels.tags}{''.join(tag_links)}</div>",
        "links_sep": f"<p{d.cls()}>{labels.tags}{'、'.join(tag_links)}</p>",
        "span_label": f"<div{d.cls()}><span>{labels.tags}</span>{' '.join(tag_links)}</div>",
        "ul": f"<ul{d.cls()}><li>{labels.tags}</li>{''.join(f'<li>{x}</li>' for x in tag_links)}</ul>",
    }[d.choose("tags_form", ["links", "links_sep", "span_label", "ul"])] + "\n"


def _crumbs(d: Draws, m: _Model) -> tuple[str, str]:
    """(the trail's form, its markup)."""
    home = "首頁" if d.hant else "首页"
    leaf = d.pick(["Info", "正文"])
    cat_link = f'<a href="/list/{m.article_id % 7}_1.html">{e(m.category)}</a>'
    crumbs = d.choose("crumbs", ["none", "gt", "lead", "raquo", "ol"])
    here = "當前位置" if d.hant else "当前位置"
    return crumbs, {
        "none": "",
        "gt": f'<div{d.cls()}><a href="/">{home}</a> &gt; {cat_link} &gt; {leaf}</div>\n',
        "lead": f'<div{d.cls()}>{here}：<a href="/">{home}</a> &gt; {cat_link} &gt; {leaf}</div>\n',
        "raquo": f'<p{d.cls()}><a href="/">{home}</a> » {cat_link} » {leaf}</p>\n',
        # Bootstrap's breadcrumb: the separators are drawn by CSS
        "ol": f'<ol{d.cls()}><li><a href="/">{home}</a></li><li>{cat_link}</li><li>{leaf}</li></ol>\n',
    }[crumbs]


def _head(d: Draws, m: _Model) -> tuple[str, str, str]:
    """(how the headline is printed, its markup, the site's header)."""
    # title_only: the headline printed nowhere but in <title> (as on a real page of the network)
    head_tag = d.choose("head_tag", ["h1", "h1", "h2", "div", "h1_link", "title_only"])
    raw, site = e(m.headline_raw), m.site
    head_html = {"h1": f"<h1{d.cls()}>{raw}</h1>", "h2": f"<h2{d.cls()}>{raw}</h2>",
                 "div": f'<div class="title">{raw}</div>', "title_only": "",
                 "h1_link": f'<h1><a href="{m.path}">{raw}</a></h1>'}[head_tag] + "\n"  # to itself
    header = {
        "doubled": f'<div class="hd"><div>{site} {site}</div><div>Ctrl+D {site}</div></div>\n<div>ads</div>\n',
        "bold": f"<header><b>{site}</b><span>Ctrl+D收藏{site}</span></header>\n",
        "logo_img": f'<div id="top"><a href="/"><img src="/logo.png" alt="{site}"></a></div>\n',
        "logo_h1": f'<h1 class="logo"><a href="/">{site}</a></h1>\n',
    }[d.choose("header", ["doubled", "bold", "logo_img", "logo_h1"])]
    return head_tag, head_html, header


def _furniture(d: Draws, m: _Model) -> tuple[str, str, str, str]:
    """(a sidebar, reader comments, script/comment/share noise, previous and next links), each maybe empty."""
    script, aid = d.script, m.article_id
    side = ""
    if d.choose("sidebar", [False, True]):  # ranked hot articles, with their own dates
        hot = "".join(f'<li><span>{n + 1}</span><a href="/info/{aid + 50 + n}.html">{e(script(TITLES[n]))}</a>'
                      f"<em>2023-0{n + 1}-1{n}</em></li>" for n in range(4))
        side = f'<div{d.cls()}><h3>{"熱門文章" if d.hant else "热门文章"}</h3><ul>{hot}</ul></div>\n'
    comments = ""
    if d.choose("comments", [False, False, True]):
        rows = "".join(f"<li><span>用户{n + 100}</span><p>{e(script(c))}</p><i>2023-05-0{n + 1}</i></li>"
                       for n, c in enumerate(COMMENTS))
        comments = f'<div{d.cls()}><h3>{"網友評論" if d.hant else "网友评论"}</h3><ul>{rows}</ul></div>\n'
    noise = ""
    if d.choose("noise", [False, True]):
        noise = ('<script>var s = "<p>不是正文的脚本文字，不应出现在正文里。</p>";</script>\n'
                 "<!-- <p>注释里的段落也不是正文，无论多长都不算。</p> -->\n"
                 f'<div{d.cls()}><a href="#">分享到微博</a> <a href="#">微信</a> <a href="#">QQ空间</a></div>\n')
    prev_next = ""
    if d.choose("prev_next", [False, True]):
        prev_next = (f'<div{d.cls()}>上一篇：<a href="/info/{aid - 1}.html">{e(script(TITLES[1]))}</a></div>\n'
                     f'<div{d.cls()}>下一篇：<a href="/info/{aid + 1}.html">{e(script(TITLES[2]))}</a></div>\n')
    return side, comments, noise, prev_next
