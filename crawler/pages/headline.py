"""Stage 2 of reading an article: the headline, the blocks that print it, and how it was
found.

The <title> (or og:title) names the headline; the heading that covers most of it wins,
else the first <h1>, else a plain line the title prints, else the heading just above the
story (or, when no heading holds any of the title, a line dressed as one); with none, the
<title> itself, its site name cut off. A heading is read as printed: without a meta line a
`<br>` sets under it, nor a bracketed category before a thread's subject.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from ..text import dates
from . import dom, labels, links
from .affixes import Headline, split_headline
from .briefs import ends_like_a_brief
from .container import StoryBounds, densest
from .document import Document
from .tunables import (
    ALL_LINK,
    HEADING_LOOKBACK,
    MAX_HEADINGS,
    MAX_HEADLINE,
    MAX_HEADLINE_LINES,
    MAX_HEADLINE_LINKS,
    MAX_PRINTED_TITLE,
    MAX_SITE_LINE,
    MAX_SITE_NAME,
    MIN_HEADLINE,
    MIN_PARAGRAPH,
    MIN_PRINTED_TITLE,
    MIN_TITLED_HEADLINE,
    TOP_BLOCKS,
)

# A site's name after a title's last separator.
_TITLE_TAIL = re.compile(rf"[-_–—|｜]\s*([^-_–—|｜:：]{{2,{MAX_SITE_NAME}}})$")
# What ends a <title> taken as the headline: a site name after a spaced separator or a bar.
_TITLE_SITE = re.compile(r"\s+[-|–—]\s+|\s*[|｜]\s*")

# A category link printed before a thread's subject: `[经验分享]`, `【求助】`.
_CATEGORY = re.compile(r"^[\[【［][^\]】］]{1,12}[\]】］]\s*(?=\S)")
_SENTENCE_ENDS = frozenset("。；;")

# How the headline was found, when the <title> names it whole or prints it: no heading over
# the story can then take its place.
NAMED = "a heading the <title> names"
PRINTED = "the block the <title> prints"
LOGO = "the <title> (the heading it names is the site's logo)"
_WHOLE = (NAMED, PRINTED, LOGO)


@dataclass(frozen=True)
class FoundHeadline:
    """The headline as the page prints it, and where it was found."""

    #: the blocks that print it: one, or a headline printed over several lines; none when
    #: only the <title> holds it
    run: list[dom.Block]
    #: where it came from, in words
    source: str
    #: the headline as printed, SEO affixes and all
    raw: str | None
    #: ``raw`` with its SEO affixes split off
    headline: Headline | None
    #: the position of its last block among the page's blocks: the story starts after it
    index: int | None
    block_ids: frozenset[int]

    @property
    def story_start(self) -> int:
        return 0 if self.index is None else self.index + 1


def find_headline(bounds: StoryBounds, tags: list[str]) -> FoundHeadline:
    doc = bounds.doc
    head, how = _named_headline(doc)
    if how not in _WHOLE:  # nothing the <title> names whole: the heading over the story, if any, wins
        over = _heading_over_story(bounds, styled=head is None)
        if over is not None:
            head, how = over, "the heading printed just above the story"
    if head is None:
        run: list[dom.Block] = []
        how = "the <title>" if doc.title_text else "none"
    else:
        run = _continued(doc, head) if head.owner.tag not in dom.HEADING_TAGS else [head]
    raw = _joined(printed_text(doc, b) for b in run) if run else _from_title(doc)
    return FoundHeadline(run, how, raw, split_headline(raw, tags) if raw else None,
                         doc.index_of(run[-1]) if run else None, frozenset(id(b) for b in run))


def is_titled(doc: Document, found: FoundHeadline) -> bool:
    """The headline is printed on the page and the <title> names it: an article's mark,
    which a list's category heading (`BNB`) is too short to carry."""
    title = _squeezed(doc.title_text)
    text = _squeezed(found.raw or "") if found.run else ""  # as printed, without a meta line under it
    return len(text) >= MIN_TITLED_HEADLINE and text in title


def _named_headline(doc: Document) -> tuple[dom.Block | None, str]:
    """The heading that the <title> (or og:title) names, else the first <h1>; and how
    it was found (``_WHOLE``: the <title> names it whole, or prints it)."""
    title = doc.title_text
    heads = [b for b in doc.blocks
             if b.owner.tag in dom.HEADING_TAGS and len(b.text) >= MIN_HEADLINE and not _is_logo(doc, b)][:MAX_HEADINGS]
    texts = {id(b): printed_text(doc, b, title) for b in heads}
    # the heading that covers most of the title: first one the title holds whole and that
    # covers half of it (before a longer one whose first half alone opens the title, a
    # video's `<h4>`: the headline, then `20:00播出 收起`), then one the title opens with
    # (before the forum's or site's name the title ends with), then the longest
    named = [b for b in heads if texts[id(b)] in title
             or title.startswith(texts[id(b)][: max(MIN_HEADLINE, len(texts[id(b)]) // 2)])] if title else []

    def rank(b: dom.Block) -> tuple[bool, bool, int]:
        text = texts[id(b)]
        return text in title and 2 * len(text) >= len(title), title.startswith(text), len(text)

    best = max(named, key=rank) if named else None
    if best is not None and 2 * len(texts[id(best)]) >= len(title):
        return best, NAMED
    if best is None:
        h1s = [b for b in heads if b.owner.tag == "h1" and not is_doubled(b.text)]
        if h1s:
            return h1s[0], "the first <h1> (the <title> names no heading)"
    # no heading element for it, or one covering less of the title (the logo's <h1>,
    # the site name the title ends with): a longer block the title prints wins
    printed = _printed_title(doc, title) if title else None
    if printed is not None and (best is None or len(printed.text) > len(best.text)):
        return printed, PRINTED
    if best is not None and _tail_of(title) == texts[id(best)]:
        return None, LOGO  # the logo: the headline is printed nowhere but in the <title>
    return best, "a heading that holds part of the <title>"


def _heading_over_story(bounds: StoryBounds, styled: bool) -> dom.Block | None:
    """No heading the <title> names (a title holding only the site's or the section's
    name, `新闻动态--学会官网`): the heading element printed just above the story; with
    ``styled`` (no heading holds even part of the title), else a line dressed as a title."""
    doc = bounds.doc
    lines = [b for b in bounds.until_end(0)
             if bounds.is_prose(b, MIN_PARAGRAPH) and b.owner.tag not in dom.HEADING_TAGS]
    box = densest(lines)[0]
    line_ids = {id(b) for b in lines}
    first = next((i for i, b in enumerate(doc.blocks)
                  if id(b) in line_ids and dom.is_inside(b.owner, (box,))), None)
    if first is None or ends_like_a_brief(doc.blocks[first].text):
        return None  # a brief's own title (`<h3>TITLE</h3><p>BODY[time]</p>`), not the page's
    above = [b for b in reversed(doc.blocks[max(0, first - HEADING_LOOKBACK): first])
             if MIN_TITLED_HEADLINE <= len(b.text) <= MAX_HEADLINE and b.link_density < MAX_HEADLINE_LINKS
             and not _is_logo(doc, b)]
    return (next((b for b in above if b.owner.tag in dom.HEADING_TAGS), None)
            or next((b for b in above if styled and _styled_as_title(b)), None))


def _styled_as_title(b: dom.Block) -> bool:
    """A block that is no heading element but is dressed as one: all of it bold, or its
    element called a title (`<td class="art_title">`, `<div id="rumor-title">`); never a
    sentence nor a labelled line."""
    el = b.owner
    names = ((el.get("class") or "") + " " + (el.get("id") or "")).lower()
    return ((b.heading or ("title" in names and "subtitle" not in names)) and b.text[-1] not in _SENTENCE_ENDS
            and not labels.META_LINE.match(b.text))


def printed_text(doc: Document, b: dom.Block, title: str | None = None) -> str:
    """A heading's text as the headline: without the meta line a `<br>` sets under it in
    the same element (`标题<br><span>2023-09-01 来源：某网</span>`), nor a bracketed category
    link before it (`[经验分享] 标题`) when the <title> names the rest."""
    text = b.text
    el = b.owner
    if el.tag not in dom.HEADING_TAGS or not len(el):
        return text
    br = next(el.iter("br"), None)
    if br is not None:
        pieces: list[str] = []
        _text_before(el, br, pieces)
        before = dom.collapse("".join(pieces))
        after = text[len(before):].strip() if text.startswith(before) else ""
        if before and after and (labels.META_LINE.match(after) or dates.DATE_IN_TEXT.match(after)):
            text = before
    m = _CATEGORY.match(text)
    if m and text[m.end():] in (doc.title_text if title is None else title):
        text = text[m.end():]
    return text


def _text_before(el: etree._Element, stop: etree._Element, out: list[str]) -> bool:
    """Append the text of ``el`` up to ``stop`` to ``out``, in document order; True once
    ``stop`` is met."""
    if el is stop:
        return True
    if isinstance(el.tag, str) and el.text:
        out.append(el.text)
    for child in el:
        if _text_before(child, stop, out):
            return True
        if child.tail:
            out.append(child.tail)
    return False


def _continued(doc: Document, head: dom.Block) -> list[dom.Block]:
    """A headline printed over several lines (`<p>全国人大常委会</p><p>关于批准…</p>`): the
    blocks after ``head`` while together they still open the <title>."""
    title = _squeezed(doc.title_text)
    run = [head]
    text = _squeezed(head.text)
    if not title.startswith(text):
        return run
    i = doc.index_of(head)
    for b in doc.blocks[i + 1: i + MAX_HEADLINE_LINES]:
        if b.owner.getparent() is not head.owner.getparent() or not title.startswith(text + _squeezed(b.text)):
            break
        run.append(b)
        text += _squeezed(b.text)
    return run


def _is_logo(doc: Document, b: dom.Block) -> bool:
    """A heading that is one link to the site's home page: the logo, whatever it says
    (`<h1><a href="/">今日股市行情_明日大盘_…</a></h1>`)."""
    if b.link_density < ALL_LINK:
        return False
    hrefs = [links.absolute(doc.base_url, a.get("href")) for a in b.owner.iter("a")]
    return bool(hrefs) and all(h and links.is_home_url(h) for h in hrefs)


def _printed_title(doc: Document, title: str) -> dom.Block | None:
    """The page block, not a heading element, that the title starts with, or holds
    between affixes (`MER:…-site name`) when it is most of the title."""
    printed = [b for b in doc.blocks[:TOP_BLOCKS]
               if MIN_PRINTED_TITLE <= len(b.text) <= MAX_PRINTED_TITLE and b.link_density < MAX_HEADLINE_LINKS
               and b.owner.tag not in dom.HEADING_TAGS
               and (title.startswith(b.text) or (b.text in title and 2 * len(b.text) >= len(title)))]
    return max(printed, key=lambda b: len(b.text)) if printed else None


def _from_title(doc: Document) -> str | None:
    """The <title> alone: a trailing site name dropped after a spaced separator or a bar,
    or after any separator when the page prints that name too (`…_BTC-以太坊交易所`)."""
    title = doc.title_text
    if not title:
        return None
    title = _TITLE_SITE.split(title)[0].strip()
    site = _tail_of(title)
    if site and _names_the_site(doc, site):
        title = title[: -len(site)].rstrip().rstrip("-_–—|｜").rstrip()
    return title or None


def _names_the_site(doc: Document, name: str) -> bool:
    """The page calls itself ``name``: og:site_name, the logo's heading, its doubled logo
    line, `Ctrl+D 名`, a copyright line. (Other lines may print an SEO tag the title ends
    with, `…_ETH`, as the tags do.)"""
    if doc.meta_content("og:site_name") == name:
        return True
    return any(b.text == name if b.owner.tag in dom.HEADING_TAGS
               else (is_doubled(b.text) or labels.is_site_line(b.text)) and name in b.text
               for b in doc.blocks if len(b.text) <= MAX_SITE_LINE)


def _tail_of(title: str) -> str | None:
    """What a title ends with after its last separator (`…_BTC-以太坊交易所`: the site name,
    when the page says so), if short enough to be a site's name."""
    m = _TITLE_TAIL.search(title)
    return m.group(1).strip() if m else None


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _joined(lines: Iterable[str]) -> str:
    """Lines of one headline as one line: no space between Chinese characters."""
    out = ""
    for line in lines:
        out += ("" if not out or (_is_cjk(out[-1]) and _is_cjk(line[0])) else " ") + line
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def is_doubled(text: str) -> bool:
    """`比特幣交易所 比特幣交易所`: a logo's text printed twice, not a headline."""
    match text.split():
        case [first, second]:
            return first == second
        case _:
            return False
