"""Stage 5 of reading an article: its fields. Author, editor and date from their labels
(`作者：`, `责任编辑：`, `发布时间：`), else from an unlabelled byline, the lines under the
headline, <time>, meta, microdata or JSON-LD, the URL's day; the tags; the category from the
breadcrumb trail; the canonical URL.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice, takewhile
from urllib.parse import urlsplit

from lxml import etree

from ..text import dates
from . import bylines, dom, labels, links
from .container import Container, StoryBounds
from .crumbs import Breadcrumb
from .document import Document
from .headline import FoundHeadline
from .story import Story
from .tunables import (
    BYLINE_LINES,
    CLOSING_LINES,
    DATE_LOOKAHEAD,
    DATE_LOOKBACK,
    MAX_DATE_LINE,
    MAX_DATED_LINE,
    MAX_FIELD_LINE,
    MAX_LABEL_VALUE,
    MAX_LINE_ELEMENTS,
    MAX_NAME,
    MAX_PLAIN_TAGS,
    MAX_TAGS_KEPT,
)

# What follows a comma in a labelled name is a role (`作者:Jon Rice,Blockworks主编`); a
# sentence is no name (`记者：首先欢迎您参加…` opens an interview): sentence punctuation, or
# more Chinese characters in a row than names have.
_ROLE_AFTER = re.compile(r"[，,;；（(]")
_SENTENCE = re.compile(r"[。？！!]|[\u4e00-\u9fff]{9,}")
# The page's date before the labels: `[2021-02-10 09:11:56] 来源:`
_BRACKETED_DATE = re.compile(r"^[\[［【]([^\]］】]+)[\]］】]")
_TAG_SPLIT = re.compile(r"[,，、;；|\s]+")
_CANONICAL = etree.XPath("/descendant::link[@rel='canonical']/@href")
# The author meta, looked for in the <head> only: a walk of the whole tree costs more than the rest of the fields.
_HEAD_AUTHOR = etree.XPath("/html/head/meta[@name='author' or @property='article:author']/@content")
# <time datetime> in the body, meta, and microdata's datePublished, in one walk of the tree.
_MACHINE_DATES = etree.XPath("/descendant::body/descendant::time/@datetime|/descendant::meta[@content]"
                            "|/descendant::*/@itemprop[.='datePublished']/..")
_TIME_SOURCE = "<time datetime>"
# The meta that date a page, by lower-cased name or property.
_DATE_METAS = ("article:published_time", "og:release_date", "publishdate", "publish_date", "publish-date",
               "pubdate", "datepublished", "dc.date.issued", "dc.date")
# A line that may hold an English date (`<span>Mar</span><span>7</span>…`).
_MONTH_NAME = re.compile(dates.MONTH_NAMES, re.I)
# A labelled time holds a date: digits or a day's name. `发布于：浙江省` is where, not when.
_HOLDS_DATE = re.compile(r"\d|[昨今前]天|[昨今]日|刚刚|剛剛")
# A line that dates other articles (`最新推荐文章于 2024-03-09 发布`, `上一篇 … 2024-03-01`).
_OTHER_ARTICLES = re.compile(r"推荐|推薦|相关|相關|上一篇|下一篇|热门|熱門|最新文章")
# What ends a labelled name: the next widget (`作者：王一 分享到：`, `字号：大 中 小`).
_WIDGET = re.compile(r"\s+(?:\S*[:：]|分享|收藏|打印|字号|字號|關注|关注|举报|舉報|纠错|糾錯)")
# A role before the name in a labelled value (`作者：某研究院研究员钟明`): the name is after it.
_ROLE_THEN_NAME = re.compile(r"(?:研究员|研究員|教授|评论员|評論員|分析师|分析師|记者|記者|主任|院长|院長|博士"
                             r"|律师|律師|主编|主編|专栏作家|專欄作家)\s*([\u4e00-\u9fff]{2,4})$")
# A day in a URL's path: `/2005-03-21/`, `/20050311/`, `/2023/0512/`, `/2023/05/12/`, `/2024-02/13/`.
_URL_DATE = re.compile(r"/(?P<y>(?:19|20)\d\d)(?:[-_/]?)(?P<m>0[1-9]|1[0-2])(?:[-_/]?)(?P<d>0[1-9]|[12]\d|3[01])(?!\d)")
# A link to a person's or an account's own page, not to an outlet's.
_PROFILE_HREF = re.compile(r"/(?:profile|user|users|author|authors|u|people|member|space)[/?][^#]*\d"
                           r"|[?&]uid=\d", re.I)


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
            if kind == "time" and value and not _HOLDS_DATE.search(value):
                continue  # `发布于：浙江省`: a place, never the date, nor a stop to looking for one
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
    """The writer: a labelled name, else an unlabelled byline (`（记者 胡晓蓉）`, an account
    under the headline), else a notice's issuing office, an account the source links to, a
    person JSON-LD, the author meta or the source label names; never the editor, never a
    sentence after a `记者：` label (an interview)."""
    value = _labelled_name(labelled, "author")
    if value:
        return value, "a labelled field"
    names = _byline_names(doc, found, container, story)
    if names:
        return names, "an unlabelled byline"
    if "author" in labelled:
        return None, "an empty or unusable label"
    office = _labelled_name(labelled, "office", sentence=False)
    if office:
        return office, "the issuing office"
    above = doc.blocks[found.story_start: _story_index(doc, found, container)]
    account = _source_account(above)
    if account:
        return account, "a source linked to an account"
    person = doc.ld_person() or _ld_writer(doc)
    if person:
        return person, "JSON-LD"
    meta = _HEAD_AUTHOR(doc.root) if doc.root is not None else []
    if meta and bylines.is_person(dom.collapse(meta[0])):  # sites put their own name there as often as a writer's
        return dom.collapse(meta[0]), "meta author"
    source = _labelled_name(labelled, "source")
    if source and bylines.is_person(source):  # `来源: 尹娟`: a person, not an outlet
        return source, "a person named as the source"
    return None, "none"


def _ld_writer(doc: Document) -> str | None:
    """A JSON-LD author given without a type (a bare string, `{"name": …}`) that is a person's name."""
    for obj in doc.json_ld:
        authors = obj.get("author")
        for a in authors if isinstance(authors, list) else [authors]:
            name = a.get("name") if isinstance(a, dict) and "@type" not in a else a
            if isinstance(name, str) and bylines.is_person(dom.collapse(name)):
                return dom.collapse(name)
    return None


def _story_index(doc: Document, found: FoundHeadline, container: Container) -> int:
    """The position of the story's first block among the page's blocks."""
    return doc.index_of(container.blocks[0]) if container.blocks else found.story_start


def _labelled_name(labelled: dict[str, str], kind: str, sentence: bool = True) -> str | None:
    value = (labelled.get(kind) or "").strip()
    value = labels.VALUE_END.split(value)[0]  # `name · 2024年3月5日` : the name only
    value = _WIDGET.split(value)[0]
    m = dates.DATE_IN_TEXT.search(value)
    first, *after = _ROLE_AFTER.split(value[: m.start()] if m else value)
    # what follows a comma is a role (`Jon Rice,Blockworks主编`), or more writers (`张三，李四`)
    people = list(takewhile(bylines.is_person, (p.strip() for p in after))) if bylines.is_person(first.strip()) else []
    value = " ".join([first.strip(), *people])
    role = _ROLE_THEN_NAME.search(value)
    if role and " " not in value:
        value = role.group(1)
    value = bylines.in_line(value) or _persons_after_outlet(value) or value  # `作者：本报记者 方可`
    if not value or len(value) > MAX_NAME or (sentence and _SENTENCE.search(value)):
        return None
    return value


def _persons_after_outlet(value: str) -> str | None:
    """`第一财经 邵衡`: the people after an outlet's name in a labelled value."""
    match value.split():
        case [outlet, *people] if people and not bylines.is_person(outlet) and all(map(bylines.is_person, people)):
            return " ".join(people)
    return None


def _source_account(above: list[dom.Block]) -> str | None:
    """`来源: <a href=/profile/…>某账号</a>` under the headline: the account the source links to."""
    for b in above:
        if "source" not in labels.split_labelled(b.text):
            continue
        for a in islice(b.owner.iter("a"), MAX_LINE_ELEMENTS):
            name = dom.text_of(a)
            if _PROFILE_HREF.search(a.get("href") or "") and bylines.is_account(name):
                return name
    return None


def _byline_names(doc: Document, found: FoundHeadline, container: Container, story: Story) -> str | None:
    """Names from a byline printed without a label: between the headline and the story,
    in the story's first or last lines, or closing its last paragraph."""
    inside = container.blocks
    above = doc.blocks[found.story_start: _story_index(doc, found, container)]
    for b in above + inside[:BYLINE_LINES] + inside[-BYLINE_LINES:]:
        names = bylines.in_line(b.text)
        if names:
            return names
    end = doc.index_of(inside[-1]) + 1 if inside else found.story_start
    below = doc.blocks[end: end + CLOSING_LINES]  # `<div align=right>（陶然）</div>` after the story's box
    names = _names_under_headline(above) or _closing_credit(inside[-BYLINE_LINES:] + below)
    if names:
        return names
    paragraphs = [b for b in story.blocks if b.type == "paragraph"]
    return bylines.closing(paragraphs[-1].text) if paragraphs else None


def _names_under_headline(above: list[dom.Block]) -> str | None:
    for b in above:  # on the date and source line: `2005年3月2日09:10 [ 郑凯 ] 来源：`, `来源：某网 林青`
        names = bylines.beside_source(b.text) or _name_after_source(b)
        if names:
            return names
    for b in above:  # a self-media account beside the post's date, or its profile link; a columnist and role
        names = bylines.beside_date(b.text) or _account_link(b) or bylines.with_role(b.text)
        if names:
            return names
    match above:  # `<p>IT之家</p><div>发布时间：09-30 22:46</div>` under the headline
        case [account, dated, *_] if bylines.is_account(account.text) and _dated(dated.text):
            return account.text
    return None


def _dated(line: str) -> bool:
    """A line of the post's date: labelled (`发布时间：…`) or opening with it."""
    return "time" in labels.split_labelled(line) or dates.DATE_IN_TEXT.match(line) is not None


def _closing_credit(last: list[dom.Block]) -> str | None:
    """A line wholly in brackets closing the story: `（本文来源：某报 作者：某某）`, `（陶然）`."""
    for b in reversed(last):
        inner = labels.unbracketed(b.text)
        if inner != b.text:
            name = _labelled_name(labels.split_labelled(inner), "author") or bylines.closing(b.text)
            if name:
                return name
    return None


def _name_after_source(b: dom.Block) -> str | None:
    """A person's name printed after the source's value, in an element of its own or after a
    space: `<span>来源：某网</span><span>林青</span>`."""
    if "source" not in labels.split_labelled(b.text):
        return None
    for el in islice(b.owner.iter(), 1, MAX_LINE_ELEMENTS):  # the line's first elements, not a page's
        if not labels.split_labelled(dom.text_of(el)).get("source"):
            continue
        nxt = el.getnext()
        if nxt is not None:
            name = dom.text_of(nxt)
            if bylines.is_person(name):
                return name
    match labels.split_labelled(b.text)["source"].split():
        case [_, name] if bylines.is_person(name):
            return name
    return None


def _account_link(b: dom.Block) -> str | None:
    """An account's link under a headline: opening the line and followed by its follow button,
    the date or where it posted from (`发布于广东`), or anywhere in a short line when it links
    to the account's profile (`原创 2024-01-05 <a href=/user/8812>某号</a>`)."""
    if len(b.text) > MAX_DATED_LINE:
        return None
    # the first link with text: an avatar's link before it holds an image only
    a = next((x for x in islice(b.owner.iter("a"), MAX_LINE_ELEMENTS) if dom.text_of(x)), None)
    name = dom.text_of(a) if a is not None else ""
    if a is None or not name or name not in b.text or not bylines.is_account(name):
        return None
    opens = b.text.startswith(name) and bylines.after_account(b.text[len(name):].strip())
    return name if opens or _PROFILE_HREF.search(a.get("href") or "") else None


def _date(doc: Document, labelled: dict[str, str], found: FoundHeadline,
          container: Container) -> tuple[str | None, str]:
    """The date as printed, and where it came from: a label, <time datetime>, a line under
    the headline, meta, microdata, JSON-LD, an edition date above the headline. Machine-readable
    dates settle a printed one that may be read day or month first (`08/04/2019`)."""
    value = (labelled.get("time") or "").strip()
    if value:
        m = dates.DATE_IN_TEXT.search(value)
        return _settled(m.group(0).strip() if m else value, doc, "a labelled field")
    machine = _machine_dates(doc)
    if machine and machine[0][1] == _TIME_SOURCE:
        return machine[0]
    printed = _date_under_headline(doc, found, container)
    if printed:
        return _settled(printed, doc, "a line under the headline")
    if machine:
        return machine[0]
    above = _date_above_headline(doc, found)
    if above:
        return above, "an edition date above the headline"
    in_url = _date_in_url(canonical_url(doc, doc.url))
    return (in_url, "the page's URL") if in_url else (None, "none")


def _date_in_url(url: str) -> str | None:
    """The day a news URL's path names (`/2005-03-21/`, `/20050311/n2246.shtml`, `/2023/0512/`,
    `/html/2024-02/13/`), the last resort."""
    m = _URL_DATE.search(urlsplit(url).path)
    if not m:
        return None
    value = f"{m['y']}-{m['m']}-{m['d']}"
    return value if dates.DateParser(use_dateparser=False).parse(value).status == "ok" else None


def _settled(printed: str, doc: Document, source: str) -> tuple[str, str]:
    """``printed``, or the machine-readable date that says how to read it: `08/04/2019` is
    8 April when the page's meta says 2019-04-08."""
    m = dates.AMBIGUOUS_DATE.match(printed)
    if m and m["a"] != m["b"]:
        day_first = f"{m['y']}-{int(m['b']):02d}-{int(m['a']):02d}"
        for raw, where in _machine_dates(doc):
            if raw.startswith(day_first):
                return raw, where
    return printed, source


def machine_date(doc: Document) -> str | None:
    """The first date the page gives machines, as given."""
    found = _machine_dates(doc)
    return found[0][0] if found else None


def _machine_dates(doc: Document) -> list[tuple[str, str]]:
    """The dates the page gives machines, each with where it came from: <time datetime>, meta
    (article:published_time, og:release_date, publishdate…), microdata (itemprop=datePublished), JSON-LD."""
    if doc.root is None:
        return []
    stamps: list[str] = []
    metas: dict[str, str] = {}
    items: list[str] = []
    for found in _MACHINE_DATES(doc.root):  # one walk of the tree for the three kinds
        if isinstance(found, str):
            stamps.append(found.strip())
        elif found.get("itemprop") != "datePublished":  # a meta, maybe of other microdata
            key = (found.get("name") or found.get("property") or "").strip().lower()
            if key in _DATE_METAS:
                metas.setdefault(key, (found.get("content") or "").strip())
        else:
            items.append(dom.collapse(found.get("content") or found.get("datetime") or dom.text_of(found)))
    out = [(stamps[0], _TIME_SOURCE)] if stamps and stamps[0] else []
    out += [(dom.collapse(metas[key]), f"<meta {key}>") for key in _DATE_METAS
            if _HOLDS_DATE.search(metas.get(key, ""))]
    out += [(value, "itemprop=datePublished") for value in items[:1] if _HOLDS_DATE.search(value)]
    ld = doc.ld_value("datePublished")
    if ld:
        out.append((ld, "JSON-LD"))
    return out


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
    """A date printed without a label in a short line between the headline and the story:
    under the copy of the headline nearest the story (a sticky header prints it at the top
    too), never in a line that dates other articles."""
    start = found.index
    if start is None:
        return None
    end = _story_index(doc, found, container)
    if found.run:
        printed = found.run[-1].text
        start = next((i for i in range(end - 1, start, -1) if doc.blocks[i].text == printed), start)
    for b in doc.blocks[start + 1: start + 1 + DATE_LOOKAHEAD]:
        if id(b) in container.block_ids:
            break
        if len(b.text) > MAX_DATED_LINE or _OTHER_ARTICLES.search(b.text):
            continue
        m = dates.DATE_IN_TEXT.search(b.text)
        if m:
            return m.group(0).strip()
        if _MONTH_NAME.search(b.text):  # `<span>Mar</span><span>7</span>…`: the parts spaced apart
            m = dates.EN_DATE_IN_TEXT.search(_spaced_text(b.owner))
            if m:
                return m.group(0).strip()
    return None


def _spaced_text(el: etree._Element) -> str:
    """An element's text with a space between the texts of its elements."""
    return " ".join(t.strip() for t in el.itertext() if t.strip())


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
