"""The breadcrumb trail (`首页 > 快讯 > BNB`): the page's place in its site, and page
furniture the story never takes in."""
from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from . import dom, labels, links
from .tunables import MAX_CRUMB_CHARS, MAX_CRUMB_LINE, MAX_CRUMBS, MIN_CRUMBS, TOP_BLOCKS


@dataclass(frozen=True, slots=True)
class Breadcrumb:
    """One step of the trail (zyte-common-items' name)."""

    name: str
    url: str | None = None

    def to_dict(self) -> dict:
        return {"name": self.name, "url": self.url}


@dataclass(frozen=True, slots=True)
class Trail:
    """The trail, and the ids of the blocks that print it."""

    crumbs: tuple[Breadcrumb, ...] = ()
    block_ids: frozenset[int] = frozenset()


def find_trail(blocks: list[dom.Block], base_url: str) -> Trail:
    """The first trail in a page's top blocks: list items opening with the home page's link,
    or a line of crumbs between separators."""
    for block in blocks[:TOP_BLOCKS]:
        if len(block.text) > MAX_CRUMB_LINE:
            continue
        if block.owner.tag == "li" and labels.HOME_CRUMB.match(block.text):
            crumbs = _list_crumbs(block.owner, base_url)  # `<ol><li>首页</li><li>BNB</li>…`
            if crumbs:
                items = set(block.owner.getparent())
                return Trail(crumbs, frozenset(id(b) for b in blocks if b.owner in items))
            continue
        parts = [p for p in labels.CRUMB_SEP.split(block.text) if p]
        if len(parts) < MIN_CRUMBS:
            continue
        first = parts[0] if labels.HOME_CRUMB.match(parts[0]) else labels.CRUMB_LEAD.sub("", parts[0])
        if not labels.HOME_CRUMB.match(first):
            continue
        hrefs = {dom.text_of(a): links.absolute(base_url, a.get("href")) for a in block.owner.iter("a")}
        crumbs = (Breadcrumb(first, hrefs.get(first)), *(Breadcrumb(p, hrefs.get(p)) for p in parts[1:]))
        return Trail(crumbs, frozenset((id(block),)))
    return Trail()


def _list_crumbs(home: etree._Element, base_url: str) -> tuple[Breadcrumb, ...] | None:
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
    return tuple(Breadcrumb(n, links.absolute(base_url, h)) for n, h in zip(names, hrefs, strict=True))
