"""One parsed page: decoded text, tree, text blocks and the repeated link entries.

Both page classes read from it, so a page is decoded and walked once.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from lxml import etree

from .. import dates
from ..briefs import ends_like_a_brief
from . import dom, labels, links
from .cache import cached_property
from .decode import Decoded, decode_html, is_garbled
from .headline import split_headline
from .tunables import (
    ALL_LINK,
    MAX_CRUMB_CHARS,
    MAX_CRUMB_LINE,
    MAX_CRUMBS,
    MAX_ENTRY_CHARS,
    MAX_LABEL_CHARS,
    MAX_PAGER_TEXT,
    MAX_TAGS,
    MAX_TITLE,
    MIN_CRUMBS,
    MIN_GROUP,
    MIN_HEADLINE,
    MIN_HEADLINE_LINK,
    MIN_LETTERS_BEFORE,
    MIN_PROSE_LINES,
    TOP_BLOCKS,
)

# An entry's date may be month and day alone (`05-01`); in running text that is no date.
_MONTH_DAY = re.compile(r"\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2})?")
# Compiled once: root.xpath(str) compiles its expression on every call.
_BASE_HREF = etree.XPath("//base/@href")
_OG_TITLE = etree.XPath("//meta[@property='og:title']/@content")
_META = etree.XPath("//meta[@name=$name or @property=$name]/@content")


_LETTER = re.compile(r"[^\W\d_]")
_BREAKS = dom.BLOCK_TAGS | {"br"}
# The heading elements a page's headline is printed in, which no entry takes in.
_TOP_HEADINGS = ("h1", "h2", "h3")
_PROSE_TAGS = dom.PARAGRAPH_TAGS - {"li", "dd", "dt"} | {"div", "section"}


def _in_running_text(a) -> bool:
    """The link sits in a sentence (``正如<a>此前报道</a>所言``): its paragraph has words
    before it, and the text runs into the link or on from it with no space between."""
    prev = a.getprevious()
    lead = prev.tail if prev is not None else a.getparent().text
    if not ((prev is not None and not lead) or (lead and not lead[-1].isspace())
            or (a.tail and not a.tail[0].isspace())):
        return False  # spaces or line breaks on both sides: list markup (most links; no text read)
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


def _is_linked_brief(a, elements: list) -> bool:
    """`<p><a>TITLE</a>:BODY[time]</p>`: an injected brief whose title links to its flash
    page, story and not an entry. Its link runs into the colon (or the `】`) that opens the
    body; an entry's summary, even one closing with a bracketed date, does not."""
    after = (a.tail or "").lstrip()
    if not after or after[0] not in ":：】":
        return False
    text = "".join(etree.tostring(el, method="text", encoding=str, with_tail=el is a) for el in elements)
    return ends_like_a_brief(dom.collapse(text))


def _full_title(a, text: str) -> str:
    """A link's text cut short for the layout (`比特幣減半臨近 礦工收...`): its title attribute
    holds the whole headline."""
    if not text.endswith(("...", "…", "..")):
        return text
    title = dom.collapse(a.get("title") or "")
    return title if len(title) > len(text.rstrip(".…")) and title.startswith(text.rstrip(".… ")) else text


def _is_prose(el) -> bool:
    """Several paragraphs or lines (a story that links to an article), never one entry: an
    entry is a title, maybe a summary and a date."""
    lines = 0
    for child in el:
        if child.tag == "br" or (child.tag in _PROSE_TAGS and (child.text or len(child))):
            lines += 1
            if lines >= MIN_PROSE_LINES:
                return True
    return False


@dataclass
class Entry:
    """One item of a list: a link to an article with its summary and date."""

    url: str
    headline: str
    summary: str | None
    date_raw: str | None
    elements: list = field(repr=False, default_factory=list)

    def to_dict(self) -> dict:
        """As items and listings carry it, the SEO affix split from the headline."""
        h = split_headline(self.headline)
        return {"url": self.url, "headline": h.text, "headlineTag": h.tag,
                "summary": self.summary, "datePublishedRaw": self.date_raw}


def _header(headers, name: str) -> str | None:
    if not headers:
        return None
    value = headers.get(name) if hasattr(headers, "get") else None
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        value = value[0] if value else None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value


class Document:
    def __init__(self, url: str, body: bytes, headers=None, encoding: str | None = None):
        self.url = url
        self.body = body or b""
        self.decoded: Decoded = decode_html(self.body, _header(headers, "Content-Type"), encoding)
        self._json_ld_texts: list[str] = []
        cut: list[int] = []
        #: more tags than any page of news has: not parsed (a tree of a million elements
        #: takes a gigabyte, and its story a feed line of tens of megabytes)
        self.tags = self.decoded.text.count("<")
        self.too_many_tags = self.tags > MAX_TAGS
        self.root = None if self.too_many_tags else dom.parse_html(self.decoded.text, self._json_ld_texts, cut)
        #: the markup is nested deeper than the parser keeps: part of the page is lost
        self.too_deep = bool(cut)
        self.base_url = url
        if self.root is not None:
            base = _BASE_HREF(self.root)
            if base:
                self.base_url = links.absolute(url, base[0]) or url

    # -- health ----------------------------------------------------------------------
    @property
    def garbled(self) -> bool:
        return is_garbled(self.decoded.text)

    # -- text ------------------------------------------------------------------------
    @cached_property
    def body_el(self):
        if self.root is None:
            return None
        found = self.root.find("body")
        return found if found is not None else self.root

    @cached_property
    def title_text(self) -> str:
        if self.root is None:
            return ""
        og = _OG_TITLE(self.root)
        if og and og[0].strip():
            return dom.collapse(og[0][:MAX_TITLE])
        title = self.root.find(".//title")
        return dom.collapse((title.text or "")[:MAX_TITLE]) if title is not None else ""

    def meta_content(self, name: str) -> str | None:
        if self.root is None:
            return None
        found = _META(self.root, name=name)
        return dom.collapse(found[0]) if found and found[0].strip() else None

    @cached_property
    def json_ld(self) -> list[dict]:
        """Every object of the page's JSON-LD blocks (``@graph`` members included); a block
        that is not JSON is skipped."""
        out: list[dict] = []
        for raw in self._json_ld_texts:
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            todo = data if isinstance(data, list) else [data]
            while todo:
                obj = todo.pop(0)
                if isinstance(obj, dict):
                    out.append(obj)
                    graph = obj.get("@graph")
                    todo += graph if isinstance(graph, list) else []
        return out

    def ld_value(self, key: str) -> str | None:
        """The first non-empty string ``key`` of the page's JSON-LD objects."""
        for obj in self.json_ld:
            value = obj.get(key)
            if isinstance(value, str) and value.strip():
                return dom.collapse(value)
        return None

    def ld_person(self) -> str | None:
        """The name of the first Person that a JSON-LD object names as its author."""
        for obj in self.json_ld:
            authors = obj.get("author")
            for a in authors if isinstance(authors, list) else [authors]:
                if isinstance(a, dict) and a.get("@type") == "Person" and isinstance(a.get("name"), str):
                    name = dom.collapse(a["name"])
                    if name:
                        return name
        return None

    @cached_property
    def blocks(self) -> list[dom.Block]:
        """Every text block outside entries, in document order."""
        if self.body_el is None:
            return []
        return dom.iter_blocks(self.body_el, skip=self.entry_elements)

    @cached_property
    def _block_positions(self) -> dict[int, int]:
        return {id(b): i for i, b in enumerate(self.blocks)}

    def index_of(self, block: dom.Block) -> int:
        """The position of one of ``blocks`` (by identity: equal texts are other blocks)."""
        return self._block_positions[id(block)]

    # -- links -----------------------------------------------------------------------
    @cached_property
    def followable_links(self) -> list[tuple[object, str]]:
        """(element, absolute URL) of every followable link, each resolved once a page."""
        if self.body_el is None:
            return []
        out = []
        for a in self.body_el.iter("a"):
            url = links.absolute(self.base_url, a.get("href"))
            if url:
                out.append((a, url))
        return out

    @cached_property
    def anchors(self) -> list[tuple[object, str, str]]:
        """(element, absolute URL, text) for every followable link."""
        return [(a, url, dom.text_of(a)) for a, url in self.followable_links]

    @cached_property
    def _article_anchors(self) -> list[tuple[object, str, str]]:
        """(element, URL, text) of the links to other articles; text only for those (an
        article page has many more menu links, whose text nothing reads)."""
        if "anchors" in self.__dict__:  # a list page has read every link already
            found = [(a, u, t) for a, u, t in self.anchors if links.is_article_url(u) and u != self.url]
        else:
            found = [(a, u, dom.text_of(a)) for a, u in self.followable_links if links.is_article_url(u) and u != self.url]
        return found or self._headline_anchors()

    def _headline_anchors(self) -> list[tuple[object, str, str]]:
        """No link has an article URL's shape: a site of another URL scheme. Same-site links
        whose text reads like a headline stand in; ``entries`` keeps those that come in
        groups, and what they lead to is read for what it is (``read_page``)."""
        host = urlsplit(self.url).netloc
        out = []
        for a, u in self.followable_links:
            if (u == self.url or urlsplit(u).netloc != host or links.is_tag_url(u) or links.is_asset_url(u)
                    or links.page_number_in_url(u)):
                continue
            text = dom.text_of(a)
            if len(text) >= MIN_HEADLINE_LINK and not links.pager_role(text):
                out.append((a, u, text))
        return out

    @cached_property
    def entries(self) -> list[Entry]:
        """Article links that repeat in a group, each with its summary and date.

        An entry is the largest element around a link that holds no other article's
        link; entries count only in groups of two or more under one parent, and a link in
        running text (``正如<a>此前报道</a>所言``) is no entry's title, so story paragraphs
        that link to other articles are never mistaken for a list, nor is a pager's link.
        """
        article = [(a, u, t) for a, u, t in self._article_anchors
                   if not _in_running_text(a) and not (len(t) <= MAX_PAGER_TEXT and links.pager_role(t))]
        if not article:
            return []
        urls_under: dict = defaultdict(set)
        for a, u, _ in article:
            el = a
            while el is not None:
                urls_under[el].add(u)
                el = el.getparent()
        # an entry never takes in a heading that links nowhere: the page's own headline (a lone
        # related link beside a short story would take the story in with it)
        bare_heads_under: dict = defaultdict(int)
        for head in self.body_el.iter(*_TOP_HEADINGS):
            if not urls_under.get(head) and next(head.iterancestors("a"), None) is None:
                for el in head.iterancestors():
                    bare_heads_under[el] += 1
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
                entries.append(self._entry(u, _full_title(a, t), elements))
        return entries

    def _entry(self, url: str, headline: str, elements: list) -> Entry:
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
        return Entry(url, headline, summary or None, date_raw, elements)

    @cached_property
    def entry_urls(self) -> set[str]:
        return {e.url for e in self.entries}

    @cached_property
    def entry_elements(self) -> frozenset:
        return frozenset(el for e in self.entries for el in e.elements)

    # -- breadcrumbs -----------------------------------------------------------------
    @cached_property
    def breadcrumbs(self) -> list[dict]:
        return self._crumbs[0]

    @cached_property  # read once per block by the story's tests: an attribute after the first
    def crumb_blocks(self) -> frozenset[int]:
        """The ids of the blocks that print the breadcrumb trail: page furniture, never story."""
        return self._crumbs[1]

    @cached_property
    def _crumbs(self) -> tuple[list[dict], frozenset[int]]:
        for block in self.blocks[:TOP_BLOCKS]:
            if len(block.text) > MAX_CRUMB_LINE:
                continue
            if block.owner.tag == "li" and labels.HOME_CRUMB.match(block.text):
                crumbs = self._list_crumbs(block.owner)  # `<ol><li>首页</li><li>BNB</li>…`
                if crumbs:
                    items = set(block.owner.getparent())
                    return crumbs, frozenset(id(b) for b in self.blocks if b.owner in items)
                continue
            parts = [p for p in labels.CRUMB_SEP.split(block.text) if p]
            if len(parts) < MIN_CRUMBS:
                continue
            first = parts[0] if labels.HOME_CRUMB.match(parts[0]) else labels.CRUMB_LEAD.sub("", parts[0])
            if not labels.HOME_CRUMB.match(first):
                continue
            hrefs = {dom.text_of(a): links.absolute(self.base_url, a.get("href"))
                     for a in block.owner.iter("a")}
            crumbs = [{"name": first, "url": hrefs.get(first)}]
            crumbs += [{"name": p, "url": hrefs.get(p)} for p in parts[1:]]
            return crumbs, frozenset((id(block),))
        return [], frozenset()

    def _list_crumbs(self, home) -> list[dict] | None:
        """A trail printed as list items, its separators drawn by CSS. A menu also opens
        with the home link; a trail is short and ends at the page itself: an item with no
        link, or a leaf word (正文, Info)."""
        items = [el for el in home.getparent() if el.tag == "li"]
        if not MIN_CRUMBS <= len(items) <= MAX_CRUMBS or items[0] is not home:
            return None
        names = [dom.text_of(el) for el in items]
        if not all(names) or any(len(n) > MAX_CRUMB_CHARS for n in names[:-1]):
            return None
        if items[-1].find(".//a") is not None and not labels.LEAF_CRUMB.match(names[-1]):
            return None
        hrefs = [next((a.get("href") for a in el.iter("a")), None) for el in items]
        return [{"name": n, "url": links.absolute(self.base_url, h)} for n, h in zip(names, hrefs)]
