"""One parsed page: its decoded text, tree, <title> and meta, JSON-LD, text blocks and
links; the entries (``entries.py``) and the breadcrumb trail (``crumbs.py``) found once.

Both page classes read from it, so a page is decoded and walked once.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from lxml import etree

from . import dom, links
from .cache import cached_property
from .codepoints import valid_json
from .crumbs import Breadcrumb, Trail, find_trail
from .decode import Decoded, decode_html, is_garbled
from .entries import Entry, Link, candidate_links, find_entries
from .tunables import MAX_TAGS, MAX_TITLE

# Compiled once: root.xpath(str) compiles its expression on every call.
_BASE_HREF = etree.XPath("/descendant::base/@href")
# In the <head> alone: a path from the root, not a search of the whole tree.
_CANONICAL = etree.XPath("/html/head/link[@rel='canonical']/@href")
_OG_URL = etree.XPath("/html/head/meta[@property='og:url']/@content")


def _header(headers: Mapping[Any, Any] | None, name: str) -> str | None:
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
    def __init__(self, url: str, body: bytes, headers: Mapping[Any, Any] | None = None, encoding: str | None = None):
        self.url = url
        self.body = body or b""
        self.decoded: Decoded = decode_html(self.body, _header(headers, "Content-Type"), encoding)
        self._json_ld_texts: list[str] = []
        #: NUL and unpaired surrogates removed from what the page gave (its JSON-LD's escapes)
        self.invalid_chars = 0
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
        og = self._metas.get(("property", "og:title"))
        if og and og[1].strip():
            return dom.collapse(og[1][:MAX_TITLE])
        title = self.root.find(".//title")
        return dom.collapse((title.text or "")[:MAX_TITLE]) if title is not None else ""

    def meta_content(self, name: str) -> str | None:
        found = min(filter(None, (self._metas.get(("name", name)), self._metas.get(("property", name)))), default=None)
        return dom.collapse(found[1]) if found and found[1].strip() else None

    @cached_property
    def _metas(self) -> dict[tuple[str, str], tuple[int, str]]:
        """("name" or "property", its value) -> (position, content) of the first <meta> with a
        content that gives it: one walk of the tree for every name asked, not one a name."""
        out: dict[tuple[str, str], tuple[int, str]] = {}
        if self.root is None:
            return out
        for i, meta in enumerate(self.root.iter("meta")):
            content = meta.get("content")
            if content is not None:
                for attr in ("name", "property"):
                    value = meta.get(attr)
                    if value is not None:
                        out.setdefault((attr, value), (i, content))
        return out

    @cached_property
    def json_ld(self) -> list[dict]:
        """Every object of the page's JSON-LD blocks (``@graph`` members included), as valid
        Unicode; a block that is not JSON is skipped."""
        out: list[dict] = []
        for raw in self._json_ld_texts:
            try:
                data = json.loads(raw)
            except ValueError:
                continue
            data, removed = valid_json(data)
            self.invalid_chars += removed
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
        resolved: dict[str | None, str | None] = {}  # a page links the same href from its menu, its story, its list
        for a in self.body_el.iter("a"):
            href = a.get("href")
            url = resolved[href] if href in resolved else resolved.setdefault(href, links.absolute(self.base_url, href))
            if url:
                out.append((a, url))
        return out

    @cached_property
    def anchors(self) -> list[Link]:
        """Every followable link with its text."""
        return [Link(a, url, dom.text_of(a)) for a, url in self.followable_links]

    # -- entries ---------------------------------------------------------------------
    @cached_property
    def entries(self) -> list[Entry]:
        """The article links that repeat in a group (``entries.find_entries``)."""
        if self.body_el is None:
            return []
        return find_entries(self.body_el, candidate_links(self.url, self.followable_links, self.own_url))

    @cached_property
    def own_url(self) -> str | None:
        """The address the page gives itself (<link rel=canonical>, else og:url), absolute:
        a link to it is no entry, whether the page is read from there or from a saved copy."""
        if self.root is None:
            return None
        found = _CANONICAL(self.root) or _OG_URL(self.root)
        return links.absolute(self.base_url, found[0]) if found else None

    @cached_property
    def entry_urls(self) -> set[str]:
        return {e.url for e in self.entries}

    @cached_property
    def entry_elements(self) -> frozenset:
        return frozenset(el for e in self.entries for el in e.elements)

    # -- breadcrumbs -----------------------------------------------------------------
    @cached_property
    def trail(self) -> Trail:
        return find_trail(self.blocks, self.base_url)

    @property
    def breadcrumbs(self) -> tuple[Breadcrumb, ...]:
        return self.trail.crumbs

    @cached_property  # read once per block by the story's tests: an attribute after the first
    def crumb_blocks(self) -> frozenset[int]:
        """The ids of the blocks that print the breadcrumb trail: page furniture, never story."""
        return self.trail.block_ids
