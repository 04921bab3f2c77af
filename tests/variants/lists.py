"""List pages (a category's page N of M) in templates nobody wrote by hand, answer known.

The strategy draws how entries are marked up, how the pager is printed (numbers, arrows,
`共N页`, the current page bare or linked to itself, English words), how the list's pages
and its articles are addressed (`_2.html`, `/2.html`, `index_2.html`, `/page/2/`,
`?page=2`, `?cat=3&paged=2`; `/info/1.html`, `show-1.html`, `/archives/1`, `/?p=1`,
`index.php?…&a=show&id=1`…), beside a nav menu, crumbs and
a sidebar of other articles. ``ListTruth`` is what a crawl must take from it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import strategies as st

from .common import (
    CATEGORIES,
    DOMAINS,
    PLACEHOLDER,
    SITE_NAMES,
    STORIES,
    TAGS,
    TITLES,
    Draws,
    Variant,
    charset,
    e,
    entries_html,
)

# How the list's page k is addressed (page 1 may have a plainer address).
PAGE_URLS = {
    "underscore": lambda slug, k: f"/list/{slug}_{k}.html",
    "slash": lambda slug, k: f"/list/{slug}/{k}.html",
    "index": lambda slug, k: f"/{slug}/index_{k}.html" if k > 1 else f"/{slug}/index.html",
    "list_n": lambda slug, k: f"/{slug}/list_{k}.html",
    "wp_page": lambda slug, k: f"/category/{slug}/page/{k}/" if k > 1 else f"/category/{slug}/",
    "query": lambda slug, k: f"/list.php?cid=3&page={k}",
    "wp_query": lambda slug, k: f"/?cat=3&paged={k}" if k > 1 else "/?cat=3",  # WordPress, default permalinks
    "phpcms": lambda slug, k: f"/index.php?m=content&c=index&a=lists&catid=9&page={k}",
}
ARTICLE_URLS = {
    "info": lambda i: f"/info/{i}.html",
    "news": lambda i: f"/news/{i}.html",
    "dated": lambda i: f"/article/20230501/{i}.html",
    "show": lambda i: f"/show-{i}.html",
    "archives": lambda i: f"/archives/{i}",
    "wp_p": lambda i: f"/?p={i}",
    "phpcms_show": lambda i: f"/index.php?m=content&c=index&a=show&catid=9&id={i}",
    "article_php": lambda i: f"/article.php?id={i}",
}
DATES = [PLACEHOLDER, "2023-05-01", "05-01", "2023/4/12 8:18:27"]


@dataclass
class ListTruth:
    entries: list[str]  # URLs of the list's own articles
    page: int
    next_page: str | None
    pager: set[str]  # URLs of the list's later pages the pager prints (a crawl walks forward)
    choices: dict = field(default_factory=dict)


def _pager(d: Draws, url_of, n: int, pages: int) -> tuple[str, set[str]]:
    """The pager's markup, and the URLs of the later pages it links to."""
    form = d.choose("pager", ["numbers", "bootstrap", "total", "next_only", "self_linked", "english"])
    hant = d.hant
    prev_t, next_t, last_t, first_t = (("上一頁", "下一頁", "尾頁", "首頁") if hant else ("上一页", "下一页", "尾页", "首页"))
    window = range(max(1, n - 4), min(pages, n + 5) + 1)
    prev = f'<a href="{url_of(n - 1)}">{prev_t}</a>' if n > 1 else ""
    nxt = f'<a href="{url_of(n + 1)}">{next_t}</a>' if n < pages else ""
    # what a crawl must follow: the next page, and every later page the pager numbers
    links = {url_of(n + 1)} if n < pages else set()
    if form == "next_only":
        prev = f'<a href="{url_of(n - 1)}">&lt; {prev_t}</a>' if n > 1 else ""
        nxt = f'<a href="{url_of(n + 1)}">{next_t} &gt;</a>' if n < pages else ""
        return f'<div{d.cls()}>{prev} {nxt}</div>', links
    links |= {url_of(k) for k in window if k > n}
    if form == "bootstrap":
        items = [f'<li><a href="{url_of(n - 1)}">&laquo;</a></li>' if n > 1 else ""]
        items += [f'<li class="active"><span>{k}</span></li>' if k == n else f'<li><a href="{url_of(k)}">{k}</a></li>'
                  for k in window]
        items.append(f'<li><a href="{url_of(n + 1)}">&raquo;</a></li>' if n < pages else "")
        return f'<ul class="pagination">{"".join(items)}</ul>', links
    if form == "english":
        prev = f'<a href="{url_of(n - 1)}">Prev</a>' if n > 1 else ""
        nxt = f'<a href="{url_of(n + 1)}">Next</a>' if n < pages else ""
    numbers = " ".join(
        (f'<a class="cur" href="{url_of(k)}">{k}</a>' if form == "self_linked" else f"<b>{k}</b>" if form == "total"
         else f"<span>{k}</span>") if k == n else f'<a href="{url_of(k)}">{k}</a>' for k in window)
    last = f'<a href="{url_of(pages)}">{"Last" if form == "english" else last_t}</a>' if n < pages else ""
    links |= {url_of(pages)} if n < pages else set()
    head = f"共{pages}{'頁' if hant else '页'} <a href=\"{url_of(1)}\">{first_t}</a> " if form == "total" else ""
    return f'<div{d.cls()}>{head}{prev} {numbers} {nxt} {last}</div>', links


@st.composite
def list_pages(draw) -> Variant:
    """Hypothesis strategy: page N of a list (``Variant``) in a drawn template."""
    return list_page(Draws(draw))


def list_page(d: Draws) -> Variant:
    """One list page, every choice taken from ``d``."""
    script = d.script
    site, domain = d.pick(SITE_NAMES), d.pick(DOMAINS)
    slug, name = d.pick(["bnb", "eth", "defi", "nft"]), script(d.pick(CATEGORIES))
    page_url = PAGE_URLS[d.choose("page_urls", list(PAGE_URLS))]
    article_url = ARTICLE_URLS[d.choose("article_urls", list(ARTICLE_URLS))]
    pages = d.integer(1, 15)
    n = d.integer(1, pages)

    def url_of(k: int) -> str:
        return page_url(slug, k)

    count = d.integer(3, 12)
    ids = [1000 + 20 * n + i for i in range(count)]
    tag = d.pick(TAGS)
    entries = [(article_url(i), script(TITLES[i % len(TITLES)]) + d.pick(["", f"_{tag}"]),
                script(STORIES[i % len(STORIES)][0][1])[:40] + ".", d.pick(DATES)) for i in ids]
    pager_html, pager_links = _pager(d, url_of, n, pages) if pages > 1 else ("", set())
    home = "首頁" if d.hant else "首页"
    nav = " ".join(f'<a href="{PAGE_URLS["underscore"](s, 1) if s != slug else url_of(1)}">{e(script(c))}</a>'
                   for s, c in zip(["bnb", "eth", "defi", "nft"], CATEGORIES))
    side = ""
    if d.choose("sidebar", [False, True]):
        hot = "".join(f'<li><a href="{article_url(90000 + k)}">{e(script(TITLES[k]))}</a></li>' for k in range(4))
        side = f'<div{d.cls()}><h3>{"熱門文章" if d.hant else "热门文章"}</h3><ul>{hot}</ul></div>\n'
    crumb = f'<div{d.cls()}><a href="/">{home}</a> &gt; {e(name)}</div>\n' if d.choose("crumbs", [True, False]) else ""
    encoding, charset_meta, ctype, bom = charset(d)
    page = (f"<!DOCTYPE html>\n<html><head>{charset_meta}<title>{e(name)}_{e(site)}</title></head>\n<body>\n"
            f'<div class="hd"><div>{site} {site}</div><div>Ctrl+D {site}</div></div>\n'
            f'<div class="nav"><a href="/">{home}</a> {nav}</div>\n{crumb}'
            f'<div class="main"><div{d.cls()}>\n{entries_html(d, entries)}\n{pager_html}\n</div>\n{side}</div>\n'
            f'<div class="foot">Copyright &copy; 2023 {site}</div>\n</body></html>\n')
    base = f"https://{domain}"
    truth = ListTruth([base + u for u, *_ in entries], n, base + url_of(n + 1) if n < pages else None,
                      {base + u for u in pager_links}, d.choices)
    return Variant(base + url_of(n), bom + page.encode(encoding, "xmlcharrefreplace"), {"Content-Type": ctype}, truth)
