"""HTML tree helpers shared by the page classes: parse, walk text blocks, find entries.

Nothing here knows a template's class names: blocks come from the tag structure only.
"""
from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from lxml import etree

from ..text.artifacts import LOOSE_JOINER
from .tunables import MAX_BOLD_HEADING, MAX_DEPTH, MIN_HIDDEN_STORY, MIN_PARAGRAPH, WRAPPED_DEPTH

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
# `</body>` and `</html>` end tags. Templates assembled from includes print them early
# (a header include closing the page). A browser keeps what follows in the body, but
# libxml2 2.14 drops everything after `</html>` and sets what follows `</body>` beside
# the body. Without them, libxml2 builds the tree a browser shows: the parser closes
# both at the end, and a later `<body>` or `<html>` merges into the first.
_DOCUMENT_END = re.compile(r"</(?:[bB][oO][dD][yY]|[hH][tT][mM][lL])\s*>")  # classes: twice as fast as re.I here
_MORE_MARKUP = re.compile(r"<(?!/(?:body|html)\s*>)[^!\s]", re.I)  # a tag, not an end tag of these, nor a comment
# Zero-width characters count as whitespace; a joiner inside an emoji (👩‍💻) does not.
_WS = re.compile(rf"(?:[\s\u00a0\u3000\u200b\u200c\ufeff]|{LOOSE_JOINER})+")

BLOCK_TAGS = frozenset(
    "address article aside blockquote center dd details div dl dt fieldset figcaption figure "
    "footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody "
    "td tfoot th thead tr ul".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
BOLD_TAGS = frozenset(("strong", "b"))
# Elements that hold one paragraph of text; their parent is the container of the story.
PARAGRAPH_TAGS = frozenset("p li pre blockquote dd dt h1 h2 h3 h4 h5 h6".split())


def collapse(text: str) -> str:
    # zero-width characters are not whitespace to str.split(); four substring tests for
    # them cost half a character-class search
    if "\u200b" in text or "\u200c" in text or "\u200d" in text or "\ufeff" in text:
        return _WS.sub(" ", text).strip()
    return " ".join(text.split())  # the same without zero-width characters, at half the cost


# Elements a reader never sees: `hidden`, or styled `display:none` / `visibility:hidden`
# (a share widget's copy of the title, SEO keywords stuffed out of sight). The XPath gives
# the few such attributes and the style is read in Python: an XPath predicate on every
# element cost as much as parsing the page. Paths here and in the page's other XPaths say
# `/descendant::x`, not `//x`: libxml2 builds `//`'s set of every node first (3x the work).
_STYLE_OR_HIDDEN = etree.XPath("/descendant::*/@style|/descendant::*/@hidden")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# A page hidden whole until a script shows it (`<body style="display:none">`, anti-flicker) is read.
_NEVER_HIDDEN = frozenset(("html", "head", "body"))

# JSON-LD blocks (schema.org, as WordPress SEO plugins print them), found in the tree: a
# pattern over the text cost quadratic time on `<script ` repeated inside a comment.
_JSON_LD_SCRIPTS = etree.XPath("/descendant::script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]")
# Past MAX_DEPTH elements lose their wrapper tags; the parser keeps deep markup and long
# text nodes (huge_tree: libxml2 stopped at depth 255 and at a 10 MB text node, silently
# shortening the story).
_AT_MAX_DEPTH = etree.XPath("/*" * MAX_DEPTH)  # one pass, level by level
_AT_WRAPPED_DEPTH = etree.XPath("/*" * WRAPPED_DEPTH)
PARSER_DEPTH = 2048  # libxml2's deepest level with huge_tree: below it, content is lost
_AT_PARSER_LIMIT = etree.XPath("/*" * (PARSER_DEPTH - 1))
_KEPT_WHEN_DEEP = frozenset(("p", "br", "h1", "h2", "h3", "h4", "h5", "h6"))
# Plain lxml elements: lxml.html's element classes call back into Python for every
# element proxy created, a third of the cost of walking a page.
_PARSER = etree.HTMLParser(huge_tree=True)


def parse_html(text: str, json_ld: list[str] | None = None, cut: list[int] | None = None) -> etree._Element | None:
    """Parse a decoded page; None when there is no document at all. Scripts are dropped
    from the tree; the text of its JSON-LD blocks is appended to ``json_ld`` first. When
    the markup is nested past what the parser keeps, its depth is appended to ``cut``."""
    text = _XML_DECL.sub("", text, count=1)
    if _ends_early(text):
        text = _DOCUMENT_END.sub("", text)
    if not text.strip():
        return None
    try:
        root = etree.fromstring(text, _PARSER)
    except (etree.ParserError, ValueError):
        return None
    if root is None:
        return None
    if _AT_WRAPPED_DEPTH(root):  # nearly no page is this deep: the deeper checks run only then
        _flatten_deep(root, cut)
    if json_ld is not None:
        json_ld += [el.text for el in _JSON_LD_SCRIPTS(root) if el.text]
    etree.strip_elements(root, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
    hidden = [attr.getparent() for attr in _STYLE_OR_HIDDEN(root)
              if attr.getparent().tag not in _NEVER_HIDDEN
              and (attr.attrname == "hidden" or _HIDDEN_STYLE.search(attr))]
    if hidden:
        _drop_keeping_tails(_not_the_story(root, hidden))
    return root


# An element's text length, spaces collapsed, counted in libxml2 (no string made in Python).
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")


def _not_the_story(root: etree._Element, hidden: list) -> list:
    """The hidden elements to drop: all but one a script reveals (`<div id="article"
    style="visibility:hidden">`) when it holds the page's only story: the visible page
    has no story's worth of paragraphs. Beside a visible story, hidden markup (a gallery's
    slides, another story) stays out."""
    seen = set(hidden)
    outermost = [el for el in hidden if not any(a in seen for a in el.iterancestors())]
    sizes = {el: int(_TEXT_LENGTH(el)) for el in outermost}
    story = max(outermost, key=sizes.__getitem__)
    if sizes[story] < MIN_HIDDEN_STORY:
        return hidden
    visible = 0
    for p in root.iter("p"):
        text = int(_TEXT_LENGTH(p))
        if text >= MIN_PARAGRAPH and not any(a in seen for a in p.iterancestors()):
            visible += text
            if visible >= MIN_HIDDEN_STORY:
                return hidden
    return [el for el in hidden if el is not story]


_TAG_NAME = re.compile(r"[A-Za-z][\w:.-]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _settable(text: str | None) -> str | None:
    """Text the tree can be given back: lxml refuses control characters it parsed itself."""
    return _CONTROL.sub("", text) if text else text


def _flatten_deep(root: etree._Element, cut: list[int] | None) -> None:
    if cut is not None and _AT_PARSER_LIMIT(root):
        cut.append(PARSER_DEPTH)  # libxml2 drops what is nested deeper, even with huge_tree
    _collapse_wrapper_chains(root)
    for deep in _AT_MAX_DEPTH(root):  # markup nested past MAX_DEPTH: its wrappers go, its text stays
        tags = {el.tag for el in deep.iter() if isinstance(el.tag, str)} - _KEPT_WHEN_DEEP
        # a tag name lxml cannot be given back (`<a\x1f`): then every tag goes
        etree.strip_tags(deep, *(tags if all(_TAG_NAME.fullmatch(t) for t in tags) else ["*"]))


def _is_wrapper(el: etree._Element) -> bool:
    return len(el) == 1 and not (el.text or "").strip() and not (el[0].tail or "").strip()


def _collapse_wrapper_chains(root: etree._Element) -> None:
    """`<div><p>a</p><div><div><div><p>b</p>…` -> `<div><p>a</p><div><p>b</p>…`: every
    wrapper of a chain of two or more is replaced by its child."""
    inner = [el for el in root.iter() if isinstance(el.tag, str) and _is_wrapper(el) and el.getparent() is not None
             and (_is_wrapper(el.getparent()) or _is_wrapper(el[0]))]
    for el in inner:
        parent = el.getparent()
        if parent is None or not len(el):
            continue
        child = el[0]
        child.tail = _settable(el.tail)
        parent.replace(el, child)


def _ends_early(text: str) -> bool:
    """Markup follows an end tag of the body or document (nearly every page has them only at
    its end: then the regex that removes them does not run)."""
    m = _DOCUMENT_END.search(text)
    return m is not None and _MORE_MARKUP.search(text, m.end()) is not None


def _drop_keeping_tails(elements: list) -> None:
    """Remove ``elements`` and their subtrees; the text after each (its tail) is its
    parent's and stays. Each parent is rebuilt once, its texts joined once: removing them
    one by one grew the same tail again and again (quadratic in a run of hidden spans)."""
    by_parent: dict = {}
    for el in elements:
        parent = el.getparent()
        if parent is not None:
            by_parent.setdefault(parent, set()).add(el)
    for parent, drop in by_parent.items():
        owner, pieces = None, [parent.text or ""]  # owner None: the parent's own text
        for child in list(parent):
            if child in drop:
                pieces.append(child.tail or "")
                parent.remove(child)
                continue
            _set_text_before(parent, owner, pieces)
            owner, pieces = child, [child.tail or ""]
        _set_text_before(parent, owner, pieces)


def _set_text_before(parent: etree._Element, owner: etree._Element | None, pieces: list[str]) -> None:
    if len(pieces) == 1:
        return  # nothing removed after this text: it stays as parsed
    text = _settable("".join(pieces)) or None
    if owner is None:
        parent.text = text
    else:
        owner.tail = text


@dataclass(slots=True)
class Block:
    """One run of text between block boundaries, in document order."""

    text: str
    heading: bool
    #: the nearest block-level element holding the text
    owner: etree._Element = field(repr=False)
    #: characters of the text that sit inside links
    link_chars: int = 0

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


# What the walk needs to know of a tag, looked up once per element.
_BLOCK, _BREAK, _EMPH, _LINK = 1, 2, 4, 8
_TAG_KIND = {**{t: _BLOCK for t in BLOCK_TAGS}, **{t: _BLOCK | _EMPH for t in HEADING_TAGS},
             **{t: _EMPH for t in BOLD_TAGS}, "br": _BREAK, "a": _LINK}


class _Walker:
    """Collects blocks in one recursive pass; per-run facts are kept as text is appended,
    so closing a block costs one join and one regex."""

    def __init__(self, skip: frozenset | set):
        self.skip = skip
        self.blocks: list[Block] = []
        self._buf: list[str] = []
        self._plain = False  # the run holds visible text that is not emphasised
        self._link_chars = 0

    def _add(self, text: str, emph: bool, in_link: bool) -> None:
        # (inlined in ``walk``, the hot caller: keep the two alike)
        blank = text.isspace()
        if blank and not self._buf:
            return  # collapse() would strip it: most runs between blocks are only a line break
        self._buf.append(text)
        if not emph and not blank:
            self._plain = True
        if in_link:
            self._link_chars += len(collapse(text))

    def flush(self, owner: etree._Element) -> None:
        if not self._buf:
            return
        text = collapse("".join(self._buf))
        if text:
            heading = not self._plain and len(text) <= MAX_BOLD_HEADING
            self.blocks.append(Block(text, heading, owner, self._link_chars))
        self._buf.clear()
        self._plain = False
        self._link_chars = 0

    # The hottest loop of parsing, one call per element: its branches are flag tests, and
    # splitting them into helpers would add a call each (hence the complexity waiver). A
    # child's tail, the commonest text, is added inline: a call per text cost a tenth.
    def walk(self, node: etree._Element, owner: etree._Element, emph: bool, in_link: bool) -> None:  # noqa: C901
        if node in self.skip:
            if self._buf:
                self.flush(owner)
            return
        kind = _TAG_KIND.get(node.tag, 0)  # comments, entities and PIs have no name there (their tag is a function)
        if kind & _BREAK and owner.tag in HEADING_TAGS:
            self._add(" ", emph, in_link)  # `<h1>馬斯克不講武德:<br>一邊…</h1>`: one headline, two lines
        elif kind & (_BLOCK | _BREAK):
            if self._buf:
                self.flush(owner)
            if kind & _BLOCK:
                owner = node
        if kind & _EMPH:
            emph = True
        if kind & _LINK:
            in_link = True
        text = node.text
        if text and not kind & _BREAK:
            self._add(text, emph, in_link)
        buf = self._buf
        for child in node:
            self.walk(child, owner, emph, in_link)
            tail = child.tail
            if tail:  # the tail belongs to ``node``, after the child's own run: ``_add``, inlined
                if tail.isspace():
                    if buf:
                        buf.append(tail)
                else:
                    buf.append(tail)
                    if not emph:
                        self._plain = True
                    if in_link:
                        self._link_chars += len(collapse(tail))
        if kind & _BLOCK and buf:
            self.flush(owner)


def iter_blocks(root: etree._Element, skip: frozenset | set = frozenset()) -> list[Block]:
    """Text blocks under ``root`` in document order, leaving out ``skip`` subtrees."""
    walker = _Walker(skip)
    walker.walk(root, root, False, False)
    walker.flush(root)
    return walker.blocks


def text_of(el: etree._Element | None) -> str:
    return collapse(etree.tostring(el, method="text", encoding=str, with_tail=False)) if el is not None else ""


def depth(el: etree._Element | None) -> int:
    n = 0
    while el is not None:
        el = el.getparent()
        n += 1
    return n


def is_inside(el: etree._Element | None, ancestors: Collection[etree._Element | None]) -> bool:
    while el is not None:
        if el in ancestors:
            return True
        el = el.getparent()
    return False
