"""HTML of the demo pages. Four article designs with unrelated class names, as the
network runs them; the parser must read all of them without knowing any."""
from __future__ import annotations

import html
from urllib.parse import quote

from .site import MAIN, OFFSITE_URL, SITE_NAMES, DemoSite, Spec

e = html.escape


def _nav(site_obj: DemoSite, site: str) -> str:
    home = "首頁" if site == MAIN else "首页"
    links = " ".join(f'<a href="/list/{slug}_1.html">{e(name)}</a>' for slug, name in site_obj.categories[site])
    return f'<div class="menu"><a href="/">{home}</a> {links}</div>'


def _head(title: str, charset_meta: str = '<meta charset="utf-8">') -> str:
    return f"<!DOCTYPE html>\n<html><head>{charset_meta}<title>{e(title)}</title></head>\n<body>\n"


def _foot() -> str:
    return (f'<div class="ft">ads <a href="{OFFSITE_URL}">友情鏈接</a> '
            '<a href="mailto:admin@example.com">聯繫我們</a></div>\n</body></html>\n')


def _header(site: str) -> str:
    name = SITE_NAMES[site]
    if site == MAIN:
        return f'<div class="hd"><div class="logo">{name} {name}</div><div class="fav">Ctrl+D {name}</div></div>\n<div class="ad">ads</div>\n'
    return f'<header><b>{name}</b> <b>{name}</b><br>Ctrl+D收藏{name}</header>\n'


def _list_entries_ul(entries) -> str:
    items = "".join(
        f'<li><a href="{e(path)}"><h3>{e(title)}</h3></a><p>{e(summary)}</p><span>{e(date)}</span></li>\n'
        for path, title, summary, date in entries)
    return f'<ul class="newslist">\n{items}</ul>\n'


def _list_entries_dl(entries) -> str:
    items = "".join(
        f'<dt><a href="{e(path)}">{e(title)}</a></dt><dd>{e(summary)}</dd><dd class="d">{e(date)}</dd>\n'
        for path, title, summary, date in entries)
    return f'<dl class="lst">\n{items}</dl>\n'


def _pager(site: str, slug: str, n: int, pages: int) -> str:
    if pages <= 1:
        return ""
    trad = site == MAIN
    prev_t, next_t, last_t = ("上一頁", "下一頁", "尾頁") if trad else ("上一页", "下一页", "尾页")
    parts = []
    if n > 1:
        parts.append(f'<a href="/list/{slug}_{n - 1}.html">{prev_t}</a>')
    for i in range(1, pages + 1):
        parts.append(f"<span>{i}</span>" if i == n else f'<a href="/list/{slug}_{i}.html">{i}</a>')
    if n < pages:
        parts.append(f'<a href="/list/{slug}_{n + 1}.html">{next_t}</a>')
    parts.append(f'<a href="/list/{slug}_{pages}.html">{last_t}</a>')
    return '<div class="pagelist">' + " ".join(parts) + "</div>\n"


def home_page(site_obj: DemoSite, site: str, latest) -> str:
    name = SITE_NAMES[site]
    body = _list_entries_ul(latest) if site == MAIN else _list_entries_dl(latest)
    return (_head(f"{name}-首頁") + _header(site) + _nav(site_obj, site)
            + f'<div class="latest"><h2>{"最新文章"}</h2>\n{body}</div>\n' + _foot())


def list_page(site_obj: DemoSite, site: str, slug: str | None, name: str, entries, n: int, pages: int) -> str:
    home = "首頁" if site == MAIN else "首页"
    crumb = f'<div class="weizhi"><a href="/">{home}</a> &gt; {e(name)}</div>\n'
    body = _list_entries_ul(entries) if site == MAIN else _list_entries_dl(entries)
    pager = _pager(site, slug, n, pages) if slug else ""
    return (_head(f"{name}_{SITE_NAMES[site]}") + _header(site) + _nav(site_obj, site) + crumb
            + f'<div class="box">\n{body}{pager}</div>\n' + _foot())


def _story_html(site_obj: DemoSite, spec: Spec) -> str:
    """Story paragraphs with the briefs injected, in the page's layout."""
    story = site_obj.story(spec)
    if spec.story == "seed" and spec.site == MAIN:
        out = []
        for kind, text in site_obj.seed.paragraphs:
            out.append(f"<h2>{e(text)}</h2>" if kind == "heading" else f"<p>{e(text)}</p>")
        return "\n".join(out)
    lines = [(kind, site_obj.script(spec.site, text)) for kind, text in story]
    if spec.layout == "br":
        return "<div>" + "<br/>\n".join(e(t) for _, t in lines) + "</div>\n" + "\n".join(
            site_obj.render_brief(spec.site, b, (spec.id + j) % 5) for j, b in enumerate(spec.briefs))
    if spec.layout == "lines":
        return ("<div>" + "\n".join(e(t) for _, t in lines) + "</div>\n" + "\n".join(
            site_obj.render_brief(spec.site, b, (spec.id + j) % 5) for j, b in enumerate(spec.briefs)))
    html_blocks = []
    heading_tag = {"A": "h2", "B": "strong", "C": "h3", "D": "b"}[spec.template]
    for kind, text in lines:
        if kind == "heading":
            html_blocks.append(f"<h2>{e(text)}</h2>" if heading_tag.startswith("h")
                               else f"<p><{heading_tag}>{e(text)}</{heading_tag}></p>")
        else:
            html_blocks.append(f"<p>{e(text)}</p>")
    # briefs after the 2nd paragraph and before the last one
    slots = [min(2, len(html_blocks)), max(0, len(html_blocks) - 1)]
    for j, b in sorted(enumerate(spec.briefs), key=lambda x: -slots[x[0] % 2]):
        html_blocks.insert(slots[j % 2], site_obj.render_brief(spec.site, b, (spec.id + j) % 5))
    return "\n".join(html_blocks)


def _tags_html(site_obj: DemoSite, spec: Spec, label: str) -> str:
    tags = site_obj.tags_of(spec)
    return f"{label}" + "".join(f'<a href="/tag/{quote(t)}_1.html">{e(t)}</a>' for t in tags)


def article_page(site_obj: DemoSite, spec: Spec) -> str:
    title = site_obj.title_of(spec)
    cat = dict(site_obj.categories[spec.site])[spec.category]
    related = site_obj.related_of(spec)
    story = _story_html(site_obj, spec)
    charset = {"utf-8": '<meta charset="utf-8">',
               "gbk-meta": '<meta http-equiv="Content-Type" content="text/html; charset=gbk">',
               "big5-meta": '<meta charset="big5">', "gbk-none": ""}[spec.encoding]
    head = _head(f"{title}-{SITE_NAMES[spec.site]}", charset)
    if spec.template == "A":
        related_title = site_obj.seed.related_heading if spec.story == "seed" else cat
        return (head + _header(spec.site) + _nav(site_obj, spec.site)
                + f'<div class="crumbs"><a href="/">首頁</a> &gt; <a href="/list/{spec.category}_1.html">{e(cat)}</a> &gt; Info</div>\n'
                + f'<div class="article">\n<h1 class="t">{e(title)}</h1>\n'
                + f'<div class="i"><span>Author:{e(spec.author)}</span></div>\n<div class="i"><span>Time:{e(spec.time)}</span></div>\n'
                + f'<div class="content">\n{story}\n</div>\n'
                + f'<div class="tg">{_tags_html(site_obj, spec, "Tags:")}</div>\n</div>\n'
                + f'<div class="xg"><h3>{e(related_title)}</h3>\n{_list_entries_ul(related)}</div>\n' + _foot())
    if spec.template == "B":
        return (head + _header(spec.site)
                + f'<section id="pos">首页 &gt; <a href="/list/{spec.category}_1.html">{e(cat)}</a> &gt; 正文</section>\n'
                + f'<article>\n<h1>{e(title)}</h1>\n<p class="m">作者:{e(spec.author)}</p>\n<p class="m">时间:{e(spec.time)}</p>\n'
                + f'<div id="txt">\n{story}\n</div>\n'
                + f'<p class="kw">{_tags_html(site_obj, spec, "标签:")}</p>\n</article>\n'
                + f'<aside><h2>{e(cat)}</h2>\n{_list_entries_dl(related)}</aside>\n' + _foot())
    if spec.template == "C":
        flat = "".join(f'<a href="{e(p)}">{e(t)}</a><p>{e(s)}</p><i>{e(d)}</i>\n' for p, t, s, d in related)
        return (head + '<div id="top"><span>比特币价格·比特币行情</span><span>Ctrl+D收藏简单区块链</span></div>\n'
                + _nav(site_obj, spec.site)
                + f'<div class="wrap"><div class="left">\n<h1>{e(title)}</h1>\n'
                + f'<div class="meta"><em>作者:{e(spec.author)}</em> <em>时间:{e(spec.time)}</em></div>\n'
                + f'<div class="zw">\n{story}\n</div>\n'
                + f'<div class="bq">{_tags_html(site_obj, spec, "标签:")}</div>\n</div>\n'
                + f'<div class="right"><div class="hot"><h3>相关阅读</h3>\n{flat}</div></div></div>\n' + _foot())
    # D: the sister design with a bracketed date line and a 导读 summary
    paras = [t for k, t in site_obj.story(spec) if k == "paragraph"]
    lead = site_obj.script(spec.site, paras[0])[:60] if paras else ""
    items = "".join(f'<li><a href="{e(p)}"><span>{e(t)}</span></a><div>{e(s)}</div><em>{e(d)}</em></li>\n'
                    for p, t, s, d in related)
    return (head + '<div class="topad">AD</div>\n'
            + f'<div class="position">首页 &gt; <a href="/list/{spec.category}_1.html">{e(cat)}</a> &gt; 正文</div>\n'
            + f'<div class="wenzhang"><div class="tit"><h2>{e(title)}</h2></div>\n'
            + f'<div class="sj">[{e(spec.time)}] 来源: 编辑:{e(spec.author)} 点击量:</div>\n<div class="pl">评论 点击收藏</div>\n'
            + f'<div class="daodu">导读: {e(lead)}</div>\n'
            + f'<div class="article-content">\n{story}\n</div>\n'
            + f'<div class="gjc">{_tags_html(site_obj, spec, "关键词:")}</div></div>\n'
            + f'<ul class="xgwz">\n{items}</ul>\n' + _foot())
