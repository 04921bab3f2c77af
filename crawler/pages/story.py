"""Stage 4 of reading an article: the container's blocks, each kept as story or dropped
with the reason (a label, a byline, a caption, share links, what follows the story's end),
and the page's description.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import artifacts
from . import briefs, brieftime, bylines, dom, furniture, labels, links, memo
from .affixes import repeats_headline
from .container import Container, StoryBounds
from .headline import FoundHeadline
from .tunables import (
    LEAD_LOOKAHEAD,
    LEAD_LOOKBACK,
    LEAD_OPENING,
    MAX_LABEL_VALUE,
    MAX_ROW_LINE,
    MAX_SUMMARY_LINE,
    MIN_ROW_LINKS,
    QUOTED_END,
    TOP_BLOCKS,
)

_HEADING_DECORATION = re.compile(r"^[|｜│▍■●◆▌#\s]+")
_SUBHEADINGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
_ENDS_IN_COLON = re.compile(r"[:：]\s*$")
# A story's lead set apart from its body: `导语：…`, `【核心提示】…`.
_LEAD = re.compile(r"^[【\[［]?\s*(?:导语|導語|核心提示|内容提示|內容提示)\s*[】\]］:：]")
_SENTENCE_ENDS = frozenset("。！？!?")
# A link back to the site's home page at a paragraph's end: `返回腾讯网首页>>`, `[返回首页]`.
_HOME_LINK = re.compile(r"\s*[\[【]?返回\S{0,8}?首[页頁][\]】]?\s*[>》»]*$")
_HOME_LINK_ENDS = frozenset(">》»页頁]】")

# Why a line in the story's box is not story. After one of the last five ending in a colon
# (`作者：`, `责任编辑：`), the next short line is its value, not story.
NOISE = "a counter, an ad mark or an end mark"
BOILERPLATE = "the site's boilerplate (editor, disclaimer, credit, notice)"
BYLINE = "a byline"
CAPTION = "a photo's caption or credit"
LABEL = "a field's label"
LINK_ROW = "a row of links (share buttons, a pager)"
_LINES_BEFORE_A_VALUE = frozenset((NOISE, BOILERPLATE, BYLINE, CAPTION, LABEL, *furniture.REASONS))


@dataclass(frozen=True, slots=True)
class StoryBlock:
    """One block of the story: a paragraph or a sub-heading."""

    type: str  # "paragraph" or "heading"
    text: str

    def to_dict(self) -> dict:
        return {"type": self.type, "text": self.text}


@dataclass(frozen=True, slots=True)
class Decision:
    """One block of a page, and what the story made of it."""

    text: str
    kept: bool
    reason: str


@dataclass(frozen=True)
class Story:
    """The story's blocks, the page's description, and what became of every other block."""

    blocks: list[StoryBlock]
    description: str | None
    #: ids of the page's blocks kept as story
    kept: frozenset[int]
    #: why each dropped block inside the container was dropped, by id
    dropped: dict[int, str]
    #: characters of story text in paragraphs
    chars: int

    def decisions(self, blocks: list[dom.Block]) -> list[Decision]:
        """Every block of the page, kept in the story or dropped, with the reason."""
        return [Decision(b.text, id(b) in self.kept,
                         "story" if id(b) in self.kept else self.dropped.get(id(b), "outside the story's container"))
                for b in blocks]


def read_story(bounds: StoryBounds, found: FoundHeadline, container: Container) -> Story:
    return _Reader(bounds, found, container).read()


class _Reader:
    """One pass over the container's blocks, in page order."""

    def __init__(self, bounds: StoryBounds, found: FoundHeadline, container: Container):
        self.bounds, self.found, self.container = bounds, found, container
        self.doc = bounds.doc
        self._labels_outside: bool | None = None  # read only when a labelled line is met
        self.description: str | None = None  # the page's lead (`导读：…`), once met

    def read(self) -> Story:
        why: dict[int, str] = {}
        blocks = self._leads_above() + self.container.blocks
        out: list[tuple[dom.Block, StoryBlock]] = []
        after_bare_label = False
        for i, b in enumerate(blocks):
            if after_bare_label and len(b.text) <= MAX_LABEL_VALUE and not labels.META_LINE.match(b.text):
                why[id(b)] = "the value of a label above it"  # `<dt>作者：</dt><dd>王小明</dd>`
                after_bare_label = False
                continue
            if id(b) in self.bounds.tag_lines or (out and labels.closes_story(b.text)):
                for rest in blocks[i:]:  # tags, a related list's heading or a platform statement close the story
                    why[id(rest)] = "after the story's end: " + b.text[:QUOTED_END]
                self._briefs_after_end(blocks[i + 1:], out, why)
                break
            reason = self.dropped_line(b)
            if reason is None and not out:
                reason = self._repeated_lead(b, blocks[i + 1: i + 1 + LEAD_LOOKAHEAD])
            after_bare_label = reason in _LINES_BEFORE_A_VALUE and bool(_ENDS_IN_COLON.search(b.text))
            if reason:
                why[id(b)] = reason
                continue
            block = _story_block(b)
            if block is not None:
                out.append((b, block))
        out = self._linked_brief_titles(blocks, out, why)
        self._trim(out, why)
        if self.description is None:  # a summary printed above the story container
            self.description = next((m.group("value").strip() for b in self.doc.blocks[:TOP_BLOCKS]
                                     if len(b.text) < MAX_SUMMARY_LINE and (m := labels.SUMMARY_LINE.match(b.text))),
                                    None)
        kept = [block for _, block in out]
        return Story(kept, self.description or self.doc.meta_content("description"), frozenset(id(b) for b, _ in out),
                     why, sum(len(b.text) for b in kept if b.type == "paragraph"))

    def _leads_above(self) -> list[dom.Block]:
        """A lead printed in an element of its own between the headline and the story's box
        (`<p class="lead">导语：…</p><div class="body">…`): the story's first paragraph."""
        blocks = self.container.blocks
        if not blocks:
            return []
        first = self.doc.index_of(blocks[0])
        return [b for b in self.doc.blocks[max(self.found.story_start, first - LEAD_LOOKBACK): first]
                if _LEAD.match(b.text) and id(b) not in self.found.block_ids]

    def _briefs_after_end(self, rest: list[dom.Block], out: list[tuple[dom.Block, StoryBlock]],
                          why: dict[int, str]) -> None:
        """Briefs printed after the story's end (under `推荐阅读`) are the site's injected
        briefs all the same: kept with the story, for the brief split to take out."""
        lines = [(b, block) for b in rest if self.dropped_line(b) is None and (block := _story_block(b)) is not None]
        roles, _ = briefs.read_blocks([block.to_dict() for _, block in lines], at_top=False, evidence=False)
        for (b, block), role in zip(lines, roles, strict=True):
            if role.role != briefs.STORY:
                out.append((b, block))
                del why[id(b)]

    def _linked_brief_titles(self, blocks: list[dom.Block], out: list[tuple[dom.Block, StoryBlock]],
                             why: dict[int, str]) -> list[tuple[dom.Block, StoryBlock]]:
        """A 7×24 item's title linking its flash (`<span>08:15</span> <a>标题</a>`) reads as a
        row of links: next to a clock, it is kept when the brief reader takes it for part of
        a brief (the split then takes it out with the brief). The story in page order."""
        clock = brieftime.ANY_CLOCK.search
        rows = [i for i, b in enumerate(blocks) if why.get(id(b)) == LINK_ROW
                and (clock(b.text) or (i and clock(blocks[i - 1].text)))]
        if not rows:
            return out
        kept = {id(b): block for b, block in out}
        lines = [(b, block) for i, b in enumerate(blocks)
                 if (block := kept.get(id(b)) or (_story_block(b) if i in rows else None)) is not None]
        roles, _ = briefs.read_blocks([block.to_dict() for _, block in lines], evidence=False)
        taken = {id(b) for (b, _), role in zip(lines, roles, strict=True) if role.role != briefs.STORY}
        back = {id(blocks[i]) for i in rows} & taken
        for bid in back:
            del why[bid]
        return [(b, block) for b, block in lines if id(b) in kept or id(b) in back]

    def _repeated_lead(self, b: dom.Block, below: list[dom.Block]) -> str | None:
        """The story's first lead (`导读：…`) is the page's description; it is dropped when the
        blocks below repeat its opening (a summary the site cut from the story), else kept
        (a repost's own `摘要：…`)."""
        summary = labels.SUMMARY_LINE.match(b.text)
        if not summary or self.description is not None:
            return None
        self.description = summary.group("value").strip()
        if _repeated_below(self.description, below):
            return "a lead that repeats the story's opening (the description)"
        return None

    def _trim(self, out: list[tuple[dom.Block, StoryBlock]], why: dict[int, str]) -> None:
        """The first paragraph often prints the headline again (sometimes with its affix); a
        heading at the end titles what follows the story, unless it closes a sentence: a
        story's last words printed bold (`<p><b>平安出行，安全到家。</b></p>`)."""
        headline = self.found.headline
        if out and headline and repeats_headline(out[0][1].text, headline, self.found.raw or ""):
            why[id(out.pop(0)[0])] = "repeats the headline"
        if out and out[-1][1].text[-1] in _SENTENCE_ENDS:
            return
        while out and out[-1][1].type == "heading":
            why[id(out.pop()[0])] = "a heading with nothing under it (it titles what follows)"

    def dropped_line(self, b: dom.Block) -> str | None:
        """Why a line inside the story's container is not story, or None."""
        text = b.text
        if id(b) in self.found.block_ids:
            return "the headline"  # its element may hold more: `headline<br>story…`
        if id(b) in self.doc.crumb_blocks:
            return "the breadcrumb trail"
        reason = _line_reason(text)
        if reason is not None:
            return reason
        if b.owner.tag == "figcaption":
            return CAPTION
        if self._is_field_line(text):
            return LABEL
        if ((b.link_density > MIN_ROW_LINKS and len(text) < MAX_ROW_LINE)
                or (b.link_chars and links.is_pager_line(text))):
            return LINK_ROW
        return _furniture_reason(text)

    def _is_field_line(self, text: str) -> bool:
        """A labelled field of the page's (not the repost's own byline), bare or printed in
        brackets (`【编辑：姚昊】`)."""
        if labels.META_LINE.match(text):
            return not self._repost_byline(text)
        return text[0] in "【[［（(" and labels.META_LINE.match(labels.unbracketed(text)) is not None

    def _repost_byline(self, text: str) -> bool:
        """A labelled line inside the story that is the repost's own byline, not page meta:
        the page printed its labels elsewhere, and this one carries a value."""
        if self._labels_outside is None:
            box = self.container
            self._labels_outside = box.element is not None and any(
                labels.META_LINE.match(b.text) and id(b) not in box.block_ids for b in self.doc.blocks)
        if not self._labels_outside:
            return False
        values = labels.split_labelled(text)
        return any(values.values()) and not _ENDS_IN_COLON.search(text)


@memo.per_short_line
def _line_reason(text: str) -> str | None:
    """Why a line is no story whatever its page: escaped markup, noise, boilerplate, a
    byline, a caption."""
    if artifacts.only_escaped_markup(text):
        return "an image's markup left in the text, escaped"
    if labels.NOISE_LINE.match(text):
        return NOISE
    if labels.BOILERPLATE_LINE.match(text) or labels.is_notice(text) or labels.is_credits(text):
        return BOILERPLATE
    if bylines.is_byline(text):
        return BYLINE
    if text[-1] in labels.CAPTION_ENDS and labels.CAPTION_LINE.match(text):
        return CAPTION
    return None


_furniture_reason = memo.per_short_line(furniture.reason)


def _story_block(b: dom.Block) -> StoryBlock | None:
    """A kept block as the story prints it: a heading without its decoration (`▍`, `#`), a
    paragraph without a link home glued to its end (`…仍将持续。返回腾讯网首页>>`), nor a
    forum's edit note glued to its start."""
    if b.heading or b.owner.tag in _SUBHEADINGS:
        text = _HEADING_DECORATION.sub("", b.text)
        return StoryBlock("heading", text) if text else None
    text = furniture.without_edit_note(b.text)
    if b.link_chars and text[-1] in _HOME_LINK_ENDS:
        text = _HOME_LINK.sub("", text)
    return StoryBlock("paragraph", text) if text else None


def _repeated_below(lead: str, blocks: list[dom.Block]) -> bool:
    """The lead's opening begins one of the next blocks: a summary the site cut from the story."""
    opening = lead[:LEAD_OPENING]
    return len(opening) >= LEAD_OPENING and any(b.text.startswith(opening) for b in blocks)
