"""Why the reader read a page as it did: its kind, headline, story container, every block
kept, dropped or split out as a brief, where each field came from, and the items the crawl
emits for it.

    python -m crawler.explain PAGE.html [--url URL] [--charset NAME]
    python -m crawler.explain https://example.com/info/1.html

A saved page is read as the crawl would read it from ``--url`` (its real address: the URL's
shape is evidence), else from its ``file://`` URL. A URL is fetched once, with no retries.
"""
from __future__ import annotations

import argparse
import sys
import urllib.request
from pathlib import Path

from lxml import etree

from .items import Article, Brief, Reject
from .pages import ArticlePage, FlashPage, ListPage, page_classes, page_kind
from .pages.briefs import STORY, BlockRole, read_blocks
from .pages.split import Emitted

USER_AGENT = "crawler-explain (+https://docs.scrapy.org)"
MAX_TEXT = 70  # characters of a block shown on its line


def explain(url: str, body: bytes, headers: dict | None = None) -> str:
    """The report, as text."""
    article, listing = page_classes(url, body, headers or {})
    kind, why = page_kind(article, listing)
    out = [f"page     {url}", f"encoding {article.doc.decoded.encoding}", f"kind     {kind}: {why}"]
    out += _embedded(article)
    if kind == "flashes":
        flash_page = FlashPage(url, body, document=article.doc)
        out += _listing(flash_page) + _flashes(flash_page)
        out += ["", "emits (a list of news flashes)"] + _emitted(flash_page.emitted)
    if kind != "article":
        if kind == "list":
            out += _listing(listing)
        out += ["", "(read as an article, the page would give:)"]
    out += _article(article, kind == "article")
    return "\n".join(out) + "\n"


def _article(page: ArticlePage, emitted_here: bool) -> list[str]:
    out = ["", "headline", f"  <title>  {page.doc.title_text or '(none)'}",
           f"  taken    {page.headline_raw or '(none)'}", f"  from     {page.read_headline.source}"]
    reject = page.emitted.reject
    out += ["", f"verdict  {'an article' if reject is None else reject.reason + ': ' + (reject.detail or '')}"]
    out += ["", "story container"]
    box = page.container.element
    out.append(f"  chosen   {_describe(box)}" if box is not None else "  chosen   (none)")
    for el, mass in page.container_rivals():
        out.append(f"  rival    {_describe(el)}: {mass} characters")
    out += ["", "blocks (+ kept in the story, > kept, then taken out by the brief split, - dropped: why)"]
    # the kept blocks are the story's blocks, in order: the brief split reads those
    roles = iter(read_blocks([b.to_dict() for b in page.story.blocks])[0])
    for d in page.decisions:
        text = d.text if len(d.text) <= MAX_TEXT else d.text[: MAX_TEXT - 1] + "…"
        out.append(_kept(text, next(roles)) if d.kept else f"  - {text}    [{d.reason}]")
    item = page.to_item()  # a rejected page's article as it would have been
    sources = page.field_sources
    out += ["", "fields",
            f"  headline  {item.headline!r} (tag {item.headlineTag!r})  from {sources['headline']}",
            f"  author    {item.author!r}  from {sources['author']}",
            f"  editor    {item.editor!r}",
            f"  date      {item.datePublishedRaw!r}  from {sources['date']}",
            f"  category  {item.category!r}",
            f"  tags      {item.tags}",
            f"  related   {len(item.related)} entries",
            f"  story     {len(item.blocks)} blocks, {len(item.articleBody or '')} characters (briefs split out)",
            f"  storyId   {item.storyId!r}",
            f"  briefIds  {item.briefIds}"]
    if emitted_here:
        out += ["", "emits (as the crawl writes them, before normalization)"] + _emitted(page.emitted)
    return out


def _emitted(emitted: Emitted) -> list[str]:
    out = []
    for x in emitted.items():
        if isinstance(x, Brief):
            out.append(f"  brief    {x.id}  {x.headline}  [{x.datePublishedRaw}]")
        elif isinstance(x, Article):
            out.append(f"  article  storyId {x.storyId}, {len(x.briefIds)} briefIds, {len(x.blocks)} blocks")
        elif isinstance(x, Reject):
            out.append(f"  reject   {x.reason}: {x.detail}")
    return out


def _embedded(page: ArticlePage) -> list[str]:
    """The page's JSON state scripts, and whether the story was read from one (and where)."""
    found = page.embedded
    if not found.scripts:
        return []
    out = ["", "embedded JSON"]
    out += [f"  script   {s.marker}, {s.chars} characters: {s.skipped or 'parsed'}" for s in found.scripts]
    out.append(f"  verdict  {found.verdict}")
    if found.story is not None:
        a = found.story.article
        out.append(f"  story    from {a.source_of(a.body_key)} ({'HTML' if a.is_html else 'plain text'})")
    return out


def _kept(text: str, role: BlockRole) -> str:
    """A kept block, and what the brief split made of it, with the evidence it weighed."""
    evidence = f": {role.evidence.describe()}" if role.evidence else ""
    if role.role == STORY:
        return f"  + {text}" + (f"    [a dated line of story{evidence}]" if evidence else "")
    return f"  > {text}    [{role.role}{evidence}]"


def _flashes(page: FlashPage) -> list[str]:
    """Every block of a flash page, and what the brief reader made of it."""
    found = page.flashes
    if found is None:
        return []
    out = ["", f"flashes  {len(found.found)}, published by {found.site or '(no site name)'}",
           "blocks (> a flash's part, + not)"]
    for b, role in zip(found.blocks, found.roles, strict=True):
        text = b.text if len(b.text) <= MAX_TEXT else b.text[: MAX_TEXT - 1] + "…"
        out.append(_kept(text, role))
    out += [f"  flash    {f.parts.title}  [{f.parts.time_raw}]  {f.url or ''}" for f in found.found]
    return out


def _listing(page: ListPage) -> list[str]:
    listing = page.to_listing()
    out = ["", f"list     {len(listing.entries)} entries, page {listing.pageNumber}, next {listing.nextPage}"]
    out += [f"  entry  {e['headline']}  {e['url']}" for e in listing.entries[:20]]
    return out


def _describe(el) -> str:
    """`<div class="content">` at /html/body/div[2]: enough to find it in the page."""
    attrs = " ".join(f'{k}="{v}"' for k, v in el.attrib.items() if k in ("id", "class"))
    path = etree.ElementTree(el.getroottree().getroot()).getpath(el)
    return f"<{el.tag}{' ' + attrs if attrs else ''}> at {path}"


def _fetch(url: str) -> tuple[str, bytes, dict]:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (the user's own URL)
        return response.geturl(), response.read(), dict(response.headers.items())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.explain", description=__doc__.split("\n")[0])
    parser.add_argument("page", help="a saved page (file) or an http(s) URL")
    parser.add_argument("--url", help="the saved page's real address (its shape is evidence of the page's kind)")
    parser.add_argument("--charset", help="the charset the server declared, as a Content-Type header would")
    args = parser.parse_args(argv)
    if args.page.startswith(("http://", "https://")):
        try:
            url, body, headers = _fetch(args.page)
        except OSError as exc:
            print(f"cannot fetch {args.page}: {exc}", file=sys.stderr)
            return 2
    else:
        path = Path(args.page)
        if not path.is_file():
            print(f"no such file: {path}", file=sys.stderr)
            return 2
        url, body, headers = args.url or path.resolve().as_uri(), path.read_bytes(), {}
    if args.charset:
        headers["Content-Type"] = f"text/html; charset={args.charset}"
    sys.stdout.write(explain(url, body, headers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
