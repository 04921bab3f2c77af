"""HTML tree helpers shared by the page classes: parse, walk text blocks, find entries.

Nothing here knows a template's class names: blocks come from the tag structure only.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_WS = re.compile(r"[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+")

BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody "
    "td tfoot th thead tr ul".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
BOLD_TAGS = frozenset(("strong", "b"))
# Elements that hold one paragraph of text; their parent is the container of the story.
PARAGRAPH_TAGS = frozenset("p li pre blockquote dd dt h1 h2 h3 h4 h5 h6".split())
# Longest text still taken as a heading when a whole paragraph is bold.
MAX_HEADING_LEN = 80


def collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


def parse_html(text: str) -> lxml.html.HtmlElement | None:
    """Parse a decoded page; None when there is no document at all."""
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        return None
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        return None
    etree.strip_elements(root, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
    return root


@dataclass
class Block:
    """One run of text between block boundaries, in document order."""

    text: str
    heading: bool
    #: the nearest block-level element holding the text
    owner: lxml.html.HtmlElement = field(repr=False)
    #: characters of the text that sit inside links
    link_chars: int = 0

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


class _Walker:
    def __init__(self, skip: frozenset | set):
        self.skip = skip
        self.blocks: list[Block] = []
        self._buf: list[tuple[str, bool, bool]] = []  # (text, emphasised, in_link)

    def flush(self, owner) -> None:
        if not self._buf:
            return
        text = collapse("".join(t for t, _, _ in self._buf))
        if text:
            total = sum(len(t.strip()) for t, _, _ in self._buf)
            emph = sum(len(t.strip()) for t, e, _ in self._buf if e)
            links = sum(len(collapse(t)) for t, _, l in self._buf if l)
            heading = total > 0 and emph == total and len(text) <= MAX_HEADING_LEN
            self.blocks.append(Block(text, heading, owner, links))
        self._buf.clear()

    def walk(self, node, owner, emph: bool, in_link: bool) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if node in self.skip:
            self.flush(owner)
            return
        if tag in BLOCK_TAGS or tag == "br":
            self.flush(owner)
        if tag in BLOCK_TAGS:
            owner = node
        emph = emph or tag in HEADING_TAGS or tag in BOLD_TAGS
        in_link = in_link or tag == "a"
        if node.text and tag != "br":
            self._buf.append((node.text, emph, in_link))
        for child in node:
            self.walk(child, owner, emph, in_link)
            if child.tail:  # the tail belongs to ``node``, after the child's own run
                self._buf.append((child.tail, emph, in_link))
        if tag in BLOCK_TAGS:
            self.flush(owner)


def iter_blocks(root, skip: frozenset | set = frozenset()) -> list[Block]:
    """Text blocks under ``root`` in document order, leaving out ``skip`` subtrees."""
    walker = _Walker(skip)
    walker.walk(root, root, False, False)
    walker.flush(root)
    return walker.blocks


def text_of(el) -> str:
    return collapse(el.text_content()) if el is not None else ""


def depth(el) -> int:
    n = 0
    while el is not None:
        el = el.getparent()
        n += 1
    return n


def is_inside(el, ancestors) -> bool:
    while el is not None:
        if el in ancestors:
            return True
        el = el.getparent()
    return False
