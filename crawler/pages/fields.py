"""Stage 5 of reading an article: its fields. Author, editor and date from their labels
(`作者：`, `责任编辑：`, `发布时间：`), else from an unlabelled byline, <time>, meta or JSON-LD;
the tags; the category from the breadcrumb trail; the canonical URL.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from .. import dates
from . import bylines, dom, labels, links
from .container import Container, StoryBounds
from .crumbs import Breadcrumb
from .document import Document
from .headline import FoundHeadline
from .story import Story
from .tunables import (
    BYLINE_LINES,
    DATE_LOOKAHEAD,
    DATE_LOOKBACK,
    MAX_DATE_LINE,
    MAX_DATED_LINE,
    MAX_FIELD_LINE,
    MAX_LABEL_VALUE,
    MAX_NAME,
    MAX_PLAIN_TAGS,
    MAX_TAGS_KEPT,
)

# What follows a comma in a labelled name is a role (`作者:Jon Rice,Blockworks主编`); a
# sentence is no name (`记者：首先欢迎您参加…` opens an interview): sentence punctuation, or
# more Chinese characters in a row than names have.
_ROLE_AFTER = re.compile(r"[，,;；]")
_SENTENCE = re.compile(r"[。？！!]|[\u4e00-\u9fff]{9,}")
# The page's date before the labels: `[2021-02-10 09:11:56] 来源:`
_BRACKETED_DATE = re.compile(r"^[\[［【]([^\]］】]+)[\]］】]")
_TAG_SPLIT = re.compile(r"[,，、;；|\s]+")
_TIME_STAMP = etree.XPath("//body//time/@datetime")
_CANONICAL = etree.XPath("//link[@rel='canonical']/@href")


@dataclass(frozen=True)
class Fields:
    """The article's author, editor and date, and where the author and the date came from."""

    author: str | None
    author_source: str
    editor: str | None
    date_raw: str | None
    date_source: str


def read_fields(bounds: StoryBounds, found: FoundHeadline, container: Container, story: Story) -> Fields:
    doc = bounds.doc
    labelled = _labelled([b for b in doc.blocks if id(b) not in container.block_ids])
    # a byline inside the story counts only when the page prints no label of its own
    # (`作者:` opening a reposted story is the repost's)
    for kind, value in _labelled(container.blocks).items():
        labelled.setdefault(kind, value)
    author, author_source = _author(doc, labelled, found, container, story)
    date_raw, date_source = _date(doc, labelled, found, container)
    return Fields(author, author_source, _labelled_name(labelled, "editor"), date_raw, date_source)


def _labelled(blocks: list[dom.Block]) -> dict[str, str]:
    """Labelled values by kind (author, editor, time, source…): the first non-empty one of
    each, a bare label's value read from the element after it."""
    found: dict[str, str] = {}
    for i, b in enumerate(blocks):
        text = labels.unbracketed(b.text)  # `【编辑：姚昊】`, `（ 责任编辑：魏喆 ）`
        if len(text) > MAX_FIELD_LINE or not labels.META_LINE.match(text):
            continue
        values = labels.split_labelled(text)
        # the page's date before the labels: `[2021-02-10 09:11:56] 来源:` / `2024-01-19 08:18 来源：`
        bracketed = _BRACKETED_DATE.match(b.text)
        bare = None if bracketed else dates.DATE_IN_TEXT.match(b.text)
        lead_date = bracketed.group(1).strip() if bracketed else (bare.group(0).strip() if bare else "")
        if lead_date and dates.DATE_IN_TEXT.fullmatch(lead_date) and not values.get("time"):
            values["time"] = lead_date
        for kind, value in values.items():
            if not value and i + 1 < len(blocks):
                value = _value_below(b, blocks[i + 1]) or value
            if kind not in found or (not found[kind] and value):
                found[kind] = value
    return found


def _value_below(label: dom.Block, nxt: dom.Block) -> str | None:
    """`<dt>作者:</dt><dd>name</dd>`: a short plain line in the element right after a bare label."""
    text = nxt.text
    if (len(text) <= MAX_LABEL_VALUE and nxt.owner is label.owner.getnext() and not labels.LABEL.match(text)
            and not labels.NOISE_LINE.match(text)
            and not labels.META_LINE.match(text) and not labels.TAGS_LINE.match(text)):
        return text
    return None


def _author(doc: Document, labelled: dict[str, str], found: FoundHeadline, container: Container,
            story: Story) -> tuple[str | None, str]:
    """The writer: a labelled name, else an unlabelled byline (`（记者 胡晓蓉）`), else
    JSON-LD's; never the editor, never a sentence after a `记者：` label (an interview)."""
    value = _labelled_name(labelled, "author")
    if value:
        return value, "a labelled field"
    names = _byline_names(doc, found, container, story)
    if names:
        return names, "an unlabelled byline"
    if "author" in labelled:
        return None, "an empty or unusable label"
    person = doc.ld_person()
    return person, "JSON-LD" if person else "none"


def _labelled_name(labelled: dict[str, str], kind: str) -> str | None:
    value = (labelled.get(kind) or "").strip()
    value = labels.VALUE_END.split(value)[0]  # `name · 2024年3月5日` : the name only
    m = dates.DATE_IN_TEXT.search(value)
    value = _ROLE_AFTER.split(value[: m.start()] if m else value)[0].strip()
    return value if value and len(value) <= MAX_NAME and not _SENTENCE.search(value) else None


def _byline_names(doc: Document, found: FoundHeadline, container: Container, story: Story) -> str | None:
    """Names from a byline printed without a label: between the headline and the story,
    in the story's first or last lines, or closing its last paragraph."""
    inside = container.blocks
    start = found.story_start
    first = doc.index_of(inside[0]) if inside else start
    above = doc.blocks[start:first]
    for b in above + inside[:BYLINE_LINES] + inside[-BYLINE_LINES:]:
        names = bylines.in_line(b.text)
        if names:
            return names
    for b in above:  # a self-media account beside the post's date
        names = bylines.beside_date(b.text)
        if names:
            return names
    match above:  # `<p>IT之家</p><div>发布时间：09-30 22:46</div>` under the headline
        case [account, dated, *_] if bylines.is_account(account.text) and "time" in labels.split_labelled(dated.text):
            return account.text
    paragraphs = [b for b in story.blocks if b.type == "paragraph"]
    return bylines.closing(paragraphs[-1].text) if paragraphs else None


def _date(doc: Document, labelled: dict[str, str], found: FoundHeadline,
          container: Container) -> tuple[str | None, str]:
    """The date as printed, and where it came from: a label, <time datetime>, a line under
    the headline, meta, JSON-LD, an edition date above the headline."""
    value = (labelled.get("time") or "").strip()
    if value:
        m = dates.DATE_IN_TEXT.search(value)
        return (m.group(0).strip() if m else value), "a labelled field"
    if doc.root is not None:  # <time datetime="…">
        stamp = _TIME_STAMP(doc.root)
        if stamp and stamp[0].strip():
            return stamp[0].strip(), "<time datetime>"
    for source, find in (("a line under the headline", lambda: _date_under_headline(doc, found, container)),
                         ("article:published_time", lambda: doc.meta_content("article:published_time")),
                         ("JSON-LD", lambda: doc.ld_value("datePublished")),
                         ("an edition date above the headline", lambda: _date_above_headline(doc, found))):
        found_value = find()
        if found_value:
            return found_value, source
    return None, "none"


def _date_above_headline(doc: Document, found: FoundHeadline) -> str | None:
    """A short line opening with a full date just above the headline: an e-paper's
    edition date (`2022年02月13日`, `2022年02月12日 查看旧版`), the last resort."""
    end = found.index
    if end is None:
        return None
    for b in reversed(doc.blocks[max(0, end - DATE_LOOKBACK): end]):
        m = dates.DATE_IN_TEXT.match(b.text) if len(b.text) <= MAX_DATE_LINE else None
        if m:
            return m.group(0).strip()
    return None


def _date_under_headline(doc: Document, found: FoundHeadline, container: Container) -> str | None:
    """A date printed without a label in a short line between the headline and the story."""
    start = found.index
    if start is None:
        return None
    for b in doc.blocks[start + 1: start + 1 + DATE_LOOKAHEAD]:
        if id(b) in container.block_ids:
            break
        m = dates.DATE_IN_TEXT.search(b.text) if len(b.text) <= MAX_DATED_LINE else None
        if m:
            return m.group(0).strip()
    return None


def find_tags(bounds: StoryBounds) -> list[str]:
    """The page's tags: the links or plain names after its first tags label, else its
    keywords meta."""
    for b in bounds.tag_lines.values():
        names = _tags_at(b)
        if names:
            return names
    keywords = bounds.doc.meta_content("keywords")
    return _unique(t for t in _TAG_SPLIT.split(keywords) if t) if keywords else []


def _tags_at(b: dom.Block) -> list[str]:
    names = _link_texts(b.owner)  # `標籤：<a>…</a>、<a>…</a>`
    value = labels.TAGS_LINE.sub("", b.text).strip()
    if not names and value:  # `标签：Layer2，Arbitrum` in plain text
        names = _TAG_SPLIT.split(value)
    el = b.owner
    while not names and el is not None and el.tag not in ("body", "html"):
        # a label alone (`<h4>标签</h4><ul>…`): the links right after it, or their
        # plain text (`<div>标签</div><div>国贸|增长率</div>`), never the menus and
        # pagers further up the page
        nxt = el.getnext()
        if nxt is not None:  # the run of siblings like it: `<li>标签：</li><li><a>…</a></li><li>…`
            while nxt is not None and nxt.tag == el.getnext().tag:
                names += _link_texts(nxt) or _plain_tags(nxt)
                nxt = nxt.getnext()
            break
        el = el.getparent()
    return _unique(n for n in names if n)[:MAX_TAGS_KEPT]


def category(crumbs: tuple[Breadcrumb, ...], headline_raw: str | None) -> str | None:
    """The trail's last category: its last crumb but the home page's, the page's own
    (a leaf word, `正文`) and the headline."""
    names = [c.name for c in crumbs[1:]]
    if names and (labels.LEAF_CRUMB.match(names[-1]) or (headline_raw and names[-1] in headline_raw)):
        names.pop()
    return names[-1] if names else None


def canonical_url(doc: Document, url: str) -> str:
    """<link rel=canonical>, else the page's URL."""
    if doc.root is not None:
        found = _CANONICAL(doc.root)
        if found:
            absolute = links.absolute(doc.base_url, found[0])
            if absolute:
                return absolute
    return url


def _plain_tags(el: etree._Element) -> list[str]:
    """Tags printed as plain text in one short element, between separators."""
    text = dom.text_of(el)
    return _TAG_SPLIT.split(text) if len(text) <= MAX_PLAIN_TAGS else []


def _link_texts(el: etree._Element) -> list[str]:
    return [n for n in (dom.text_of(a) for a in el.iter("a")) if n and not labels.TAGS_LINE.match(n)]


def _unique(items: Iterable[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        item = item.strip()
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out
