"""Entries: the article links that repeat in a group (a list page's items, an article's
related list), each with its summary and date.

An entry is the largest element around a link that holds no other article's link;
entries count only in groups under one parent, and a link in running text
(``正如<a>此前报道</a>所言``) is no entry's title, so story paragraphs that link to other
articles are never mistaken for a list, nor is a pager's link.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

from lxml import etree

from ..text import dates
from . import dom, labels, links, memo
from .affixes import split_headline
from .briefs import ends_like_a_brief
from .tunables import (
    ALL_LINK,
    MAX_ENTRY_CHARS,
    MAX_LABEL_CHARS,
    MAX_PAGER_TEXT,
    MIN_GROUP,
    MIN_HEADLINE,
    MIN_HEADLINE_LINK,
    MIN_LETTERS_BEFORE,
    MIN_PROSE_LINES,
)

# An entry's date may be month and day alone (`05-01`); in running text that is no date.
_MONTH_DAY = re.compile(r"\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2})?")


class Link(NamedTuple):
    """A followable link: its element, absolute URL and text."""

    element: etree._Element
    url: str
    text: str


@dataclass
class Entry:
    """One item of a list: a link to an article with its summary and date."""

    url: str
    headline: str
    summary: str | None
    date_raw: str | None
    elements: list[etree._Element] = field(repr=False, default_factory=list)

    def to_dict(self) -> dict:
        """As items and listings carry it, the SEO affix split from the headline."""
        headline, tag = _without_affix(self.headline)
        return {"url": self.url, "headline": headline, "headlineTag": tag,
                "summary": self.summary, "datePublishedRaw": self.date_raw}


@memo.per_short_line  # a related list comes back page after page
def _without_affix(headline: str) -> tuple[str, str | None]:
    """The headline without its SEO affix, and the affix's tag."""
    h = split_headline(headline)
    return h.text, h.tag


_LETTER = re.compile(r"[^\W\d_]")
_BREAKS = dom.BLOCK_TAGS | {"br"}
# The heading elements a page's headline is printed in, which no entry takes in.
_TOP_HEADINGS = ("h1", "h2", "h3")
_PROSE_TAGS = dom.PARAGRAPH_TAGS - {"li", "dd", "dt"} | {"div", "section"}


def _in_running_text(a: etree._Element) -> bool:
    """The link sits in a sentence (``正如<a>此前报道</a>所言``): its paragraph has words
    before it, and the text runs into the link or on from it with no space between."""
    prev = a.getprevious()
    parent = a.getparent()
    lead = prev.tail if prev is not None else parent.text
    if not ((prev is not None and not lead) or (lead and not lead[-1].isspace())
            or (a.tail and not a.tail[0].isspace()) or parent.tag == "p"):
        # spaces or line breaks on both sides: list markup (most links; no text read), unless
        # in a <p>, where a sentence may break its line around a link (`…参照了\n<a>…</a>\n并…`)
        return False
    letters = 0  # counted until there are enough: thousands of links in one line stay linear
    el = a
    while letters < MIN_LETTERS_BEFORE:
        sib = el.getprevious()
        while sib is not None and sib.tag not in _BREAKS and letters < MIN_LETTERS_BEFORE:  # back to the line's start
            letters += len(_LETTER.findall(etree.tostring(sib, method="text", encoding=str, with_tail=True)))
            sib = sib.getprevious()
        if sib is not None:  # a line break: the line starts with its tail (`…<br>text<a>`)
            letters += len(_LETTER.findall(sib.tail or "")) if sib.tag in _BREAKS else 0
            break
        parent = el.getparent()
        if parent is None:
            break
        letters += len(_LETTER.findall(parent.text or ""))
        if parent.tag in _BREAKS:
            break
        el = parent
    return letters >= MIN_LETTERS_BEFORE


def _is_linked_brief(a: etree._Element, elements: list[etree._Element]) -> bool:
    """`<p><a>TITLE</a>:BODY[time]</p>`: an injected brief whose title links to its flash
    page, story and not an entry. Its link runs into the colon (or the `】`) that opens the
    body; an entry's summary, even one closing with a bracketed date, does not."""
    after = (a.tail or "").lstrip()
    if not after or after[0] not in ":：】":
        return False
    text = "".join(etree.tostring(el, method="text", encoding=str, with_tail=el is a) for el in elements)
    return ends_like_a_brief(dom.collapse(text))


def _full_title(a: etree._Element, text: str) -> str:
    """A link's text cut short for the layout (`比特幣減半臨近 礦工收...`): its title attribute
    holds the whole headline."""
    if not text.endswith(("...", "…", "..")):
        return text
    title = dom.collapse(a.get("title") or "")
    return title if len(title) > len(text.rstrip(".…")) and title.startswith(text.rstrip(".… ")) else text


def _is_prose(el: etree._Element) -> bool:
    """Several paragraphs or lines (a story that links to an article), never one entry: an
    entry is a title, maybe a summary and a date."""
    lines = 0
    for child in el:
        if child.tag == "br" or (child.tag in _PROSE_TAGS and (child.text or len(child))):
            lines += 1
            if lines >= MIN_PROSE_LINES:
                return True
    return False


def candidate_links(page_url: str, followable: Iterable[tuple[etree._Element, str]],
                    own_url: str | None = None) -> list[Link]:
    """The links to other articles, their text read only for those (an article page has many
    more menu links, whose text nothing reads). No link has an article URL's shape on a site of another URL scheme:
    same-site links whose text reads like a headline stand in; ``find_entries`` keeps those
    that come in groups, and what they lead to is read for what it is (``read_page``)."""
    followable = list(followable)
    own = {page_url, own_url}
    article: dict[str, bool] = {}  # each URL judged once: a page links a third of its URLs twice or more
    found = [Link(a, u, dom.text_of(a)) for a, u in followable
             if (article[u] if u in article else article.setdefault(u, links.is_article_url(u))) and u not in own]
    return found or _headline_links(own, followable)


def _headline_links(own: set[str | None], followable: list[tuple[etree._Element, str]]) -> list[Link]:
    """Same-site links whose text reads like a headline. A saved page (``file://``) that
    names its address (``own``: its canonical URL) counts that site's links as its own,
    as the page read from that address would."""
    hosts = {urlsplit(u).netloc for u in own if u}
    out = []
    for a, u in followable:
        if (u in own or urlsplit(u).netloc not in hosts or links.is_tag_url(u) or links.is_asset_url(u)
                or links.page_number_in_url(u)):
            continue
        text = dom.text_of(a)
        if len(text) >= MIN_HEADLINE_LINK and not links.pager_role(text):
            out.append(Link(a, u, text))
    return out


def find_entries(body: etree._Element, candidates: list[Link]) -> list[Entry]:
    """The candidate links that repeat in a group, each as an entry, in document order."""
    article = [link for link in candidates
               if not _in_running_text(link.element)
               and not (len(link.text) <= MAX_PAGER_TEXT and links.pager_role(link.text))]
    if not article:
        return []
    urls_under = _urls_under(article)
    picked = _largest_elements(article, urls_under, _bare_headings_under(body, urls_under))
    group_size: dict = defaultdict(int)
    for el, _, _ in picked.values():
        group_size[el.getparent()] += 1
    entries = []
    for u, (el, a, t) in picked.items():  # links come in document order
        if group_size[el.getparent()] < MIN_GROUP or len(t) < MIN_HEADLINE:
            continue
        elements = [el]
        if el is a or el.tag == "a" or len(dom.text_of(el)) <= len(t):
            # flat markup: the summary and date are the following siblings
            sib = el.getnext()
            while sib is not None and not urls_under.get(sib):
                elements.append(sib)
                sib = sib.getnext()
        if not _is_linked_brief(a, elements):
            entries.append(_entry(u, _full_title(a, t), elements))
    return entries


def _urls_under(article: list[Link]) -> dict:
    """element -> the article URLs linked inside it, for every ancestor of every link."""
    urls_under: dict = defaultdict(set)
    for a, u, _ in article:
        el = a
        while el is not None:
            urls_under[el].add(u)
            el = el.getparent()
    return urls_under


def _bare_headings_under(body: etree._Element, urls_under: dict) -> dict:
    """element -> how many headings that link nowhere it holds. An entry never takes one in:
    it is the page's own headline (a lone related link beside a short story would take the
    story in with it)."""
    bare_heads_under: dict = defaultdict(int)
    for head in body.iter(*_TOP_HEADINGS):
        if not urls_under.get(head) and next(head.iterancestors("a"), None) is None:
            for el in head.iterancestors():
                bare_heads_under[el] += 1
    return bare_heads_under


def _largest_elements(article: list[Link], urls_under: dict, bare_heads_under: dict) -> dict[str, list]:
    """URL -> [the largest element around its link that holds no other article's link, no
    bare heading and no more text than an entry has; the title link; its text]."""
    picked: dict[str, list] = {}
    text_len: dict = {}
    for a, u, t in article:
        el = a
        while True:
            parent = el.getparent()
            if (parent is None or parent.tag in ("body", "html") or len(urls_under[parent]) != 1
                    or bare_heads_under.get(parent)):
                break
            if parent not in text_len:
                text_len[parent] = len(dom.text_of(parent)) if not _is_prose(parent) else MAX_ENTRY_CHARS + 1
            if text_len[parent] > MAX_ENTRY_CHARS:
                break
            el = parent
        picked.setdefault(u, [el, a, t])
        if len(t) > len(picked[u][2]):  # the title link, not an image link
            picked[u][1:] = [a, t]
    return picked


def _markup(headline: str, elements: list) -> str:
    """All that an entry's summary and date are read from: its headline and its elements'
    markup, with their tails when it has several (the tails are read then)."""
    tails = len(elements) > 1
    return "\0".join([headline, *(etree.tostring(el, encoding=str, with_tail=tails) for el in elements)])


def _entry(url: str, headline: str, elements: list) -> Entry:
    summary, date_raw = _summary_and_date(headline, elements)
    return Entry(url, headline, summary, date_raw, elements)


@memo.per_short_key(_markup)  # a site's sidebar lists come back page after page
def _summary_and_date(headline: str, elements: list) -> tuple[str | None, str | None]:
    texts = []
    for el in elements:
        for block in dom.iter_blocks(el):
            if block.text != headline and block.link_density < ALL_LINK:
                # `<li><span>05-01</span><a>headline</a></li>` is one block: the rest of it
                texts.append(block.text.replace(headline, " ") if len(headline) >= MIN_HEADLINE else block.text)
        if el.tail and el.tail.strip() and len(elements) > 1:
            texts.append(dom.collapse(el.tail))
    rest = dom.collapse(" ".join(texts))
    m = dates.DATE_IN_TEXT.search(rest)
    if m:
        date_raw, summary = m.group(0).strip(), dom.collapse(dates.DATE_IN_TEXT.sub(" ", rest))
    elif _MONTH_DAY.fullmatch(rest):
        date_raw, summary = rest, ""
    else:
        date_raw, summary = None, rest
    lead = labels.SUMMARY_LINE.match(summary) if summary else None  # `摘要：…` -> `…`
    summary = lead.group("value") if lead else summary
    if len(summary.strip(":：")) <= MAX_LABEL_CHARS:
        summary = ""  # what is left is a label (`上一篇：`), not a summary
    return summary or None, date_raw
