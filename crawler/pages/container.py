"""Stage 3 of reading an article: the element that holds the story.

The story is the densest run of paragraphs: the element under which the most text of
prose-like blocks sits, looked for between the headline and what closes a story (the tags
line, a comments heading, a related list's heading). No template's class names are used.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from lxml import etree

from ..text import dates
from . import dom, labels, memo
from .briefs import ends_like_a_brief
from .document import Document
from .tunables import (
    BRIEF_WEIGHT,
    LINE_READING_GAIN,
    MAX_DATE_LINE,
    MAX_DATED_LINE,
    MAX_FOOTER_LINE,
    MAX_STORY_LINKS,
    MIN_LINE,
    MIN_LINES,
    MIN_LONG_STORY,
    MIN_PARAGRAPH,
    MIN_STORY_CHARS,
    NEXT_HEADLINE_LINES,
    WIDEN_SHARE,
)


@dataclass(frozen=True)
class StoryBounds:
    """What on a page closes a story, and which lines are never story text: read by the
    headline's and the container's stages alike."""

    doc: Document
    #: the blocks that open with a tags label (`Tags:`, `标签：`), by id, in page order
    tag_lines: dict[int, dom.Block]

    @classmethod
    def of(cls, doc: Document) -> StoryBounds:
        return cls(doc, {id(b): b for b in doc.blocks if labels.TAGS_LINE.match(b.text)})

    def until_end(self, start: int) -> list[dom.Block]:
        """The blocks from ``start`` up to what closes a story: the tags line, a comments
        heading, a related list's heading; after a headline (``start`` past 0), the next
        article's headline."""
        out = []
        blocks = self.doc.blocks
        for i in range(start, len(blocks)):
            b = blocks[i]
            if (id(b) in self.tag_lines or (b.heading and labels.COMMENTS_HEADING.match(b.text))
                    or labels.closes_story(b.text) or (start and self._next_headline(start, i))):
                break
            out.append(b)
        return out

    def _next_headline(self, start: int, i: int) -> bool:
        """Block ``i`` is another article's headline: an `<h1>` other than the one before
        ``start``, with its own date (or byline and date) on one of the short lines under it."""
        blocks = self.doc.blocks
        if blocks[i].owner.tag != "h1" or blocks[i].text == blocks[start - 1].text:
            return False  # (the headline printed again, a sticky header's copy, is the same story's)
        return any(len(b.text) <= MAX_DATED_LINE and dates.DATE_IN_TEXT.search(b.text) is not None
                   for b in blocks[i + 1: i + 1 + NEXT_HEADLINE_LINES])

    def is_prose(self, b: dom.Block, min_len: int) -> bool:
        """A line of story text: long enough, few links, and no date, label, tags line,
        breadcrumb trail, boilerplate or footer line."""
        text = b.text
        return (len(text) >= min_len and b.link_density < MAX_STORY_LINKS
                and id(b) not in self.tag_lines and id(b) not in self.doc.crumb_blocks
                and _reads_as_prose(text))


@memo.per_short_line
def _reads_as_prose(text: str) -> bool:
    """No date, label, boilerplate or footer line, whatever the page."""
    return (not (len(text) <= MAX_DATE_LINE and _mostly_date(text))
            and not labels.META_LINE.match(text) and not labels.BOILERPLATE_LINE.match(text)
            and not (len(text) <= MAX_FOOTER_LINE and labels.is_site_line(text)))



def _mostly_date(text: str) -> bool:
    """A short line that is half a date or more: a byline's date (`某城新闻 2024-04-12 18:05`)."""
    m = dates.DATE_IN_TEXT.search(text)
    return m is not None and 2 * len(m.group(0).strip()) >= len(text)


@dataclass(frozen=True)
class Container:
    """The element holding the story, and the page's blocks inside it."""

    element: etree._Element | None
    blocks: list[dom.Block]
    block_ids: frozenset[int]


def find_container(bounds: StoryBounds, start: int, headline_ids: frozenset[int]) -> Container:
    """The container, looked for first among the blocks from ``start`` (after the headline)
    to the story's end, so reader comments or a sidebar never outweigh a short story; then
    over the whole page."""
    doc = bounds.doc
    element = _densest_box(bounds, start, headline_ids)
    # the container's elements once, not each block's ancestors looked up to the root
    inside = set(element.iter()) if element is not None else set()
    blocks = [b for b in doc.blocks if b.owner in inside]
    return Container(element, blocks, frozenset(id(b) for b in blocks))


def _densest_box(bounds: StoryBounds, start: int, headline_ids: frozenset[int]) -> etree._Element | None:
    def candidate(b: dom.Block, min_len: int) -> bool:
        return bounds.is_prose(b, min_len) and id(b) not in headline_ids

    lines = [b for b in bounds.until_end(start) if candidate(b, MIN_LINE)]
    paragraphs = [b for b in lines if len(b.text) >= MIN_PARAGRAPH]
    box, mass = densest(paragraphs)
    if mass < MIN_LONG_STORY and len(lines) >= MIN_LINES and len(lines) > len(paragraphs):
        # a story printed a clause or a word per line has no paragraph that long: count
        # short lines too, and take that reading when it finds far more text, or the
        # same place seen whole (around a brief, the one long line)
        short_box, short_mass = densest(lines)
        if short_mass >= LINE_READING_GAIN * mass or dom.is_inside(box, (short_box,)):
            box, mass = short_box, short_mass
    if mass >= MIN_STORY_CHARS:
        return box
    return densest([b for b in bounds.doc.blocks if candidate(b, MIN_PARAGRAPH)])[0]


def rivals(bounds: StoryBounds, container: Container, headline_ids: frozenset[int],
           n: int = 3) -> list[tuple[etree._Element, int]]:
    """The next densest elements outside the container, with their story characters:
    what the story's container won against."""
    taken = [container.element] if container.element is not None else []
    left = [b for b in bounds.doc.blocks if bounds.is_prose(b, MIN_PARAGRAPH) and id(b) not in headline_ids]
    out: list[tuple[etree._Element, int]] = []
    while len(out) < n:
        left = [b for b in left if not dom.is_inside(b.owner, taken)]
        box, mass = densest(left)
        if box is None:
            break
        out.append((box, mass))
        taken.append(box)
    return out


def densest(good: list[dom.Block]) -> tuple[etree._Element | None, int]:
    """(element, story characters in it) where the text of ``good`` blocks is densest.
    An injected brief counts as one short paragraph, whatever its length: it shows a
    paragraph is there, not how much story (two long briefs in a box of their own
    outweighed a two-paragraph story). Sibling elements holding one line each (four or
    more: `<div>`s, `<section><p>`s) count towards their parent as <p>s do: one by one, a
    story printed a clause per element lost to a header line."""
    if not good:
        return None, 0
    score, mass, text_holders = _weigh(good)
    best = max(score, key=lambda el: (score[el], dom.depth(el)))
    # stories split over sibling wrappers: climb while the parent adds real text
    while True:
        parent = best.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        siblings = best in text_holders and any(
            b.owner.getparent() is parent and b.owner.tag in dom.PARAGRAPH_TAGS for b in good)
        if mass[parent] - mass[best] > WIDEN_SHARE * mass[best] or siblings:
            best = parent
        else:
            break
    return best, mass[best]


def _weigh(good: list[dom.Block]) -> tuple[dict, dict, set]:
    """(holder -> story characters of its own lines, element -> story characters under it,
    the elements whose own text, not a child <p>'s, is story)."""
    score: dict = defaultdict(int)
    mass: dict = defaultdict(int)
    text_holders = set()
    # a block's holder: a paragraph's parent, else the element whose own text it is
    natural = [(b, b.owner.getparent() if b.owner.tag in dom.PARAGRAPH_TAGS else b.owner) for b in good]
    lines_of = Counter(h for _, h in natural)
    one_line: dict = defaultdict(set)  # parent -> its children that hold one line each
    for _, h in natural:
        if h is not None and lines_of[h] == 1:
            one_line[h.getparent()].add(h)
    for b, holder in natural:
        # (a header's or footer's two lines stay apart: a story printed a line per element has more)
        siblings = one_line.get(holder.getparent()) if holder is not None else None
        if siblings and len(siblings) >= MIN_LINES and holder in siblings:
            holder = holder.getparent()
        if holder is None:
            holder = b.owner
        if holder is b.owner:
            text_holders.add(holder)
        weight = BRIEF_WEIGHT if ends_like_a_brief(b.text) else len(b.text)
        score[holder] += weight
        el = b.owner
        while el is not None:
            mass[el] += weight
            el = el.getparent()
    return score, mass, text_holders
