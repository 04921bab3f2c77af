"""Article pages: headline, labelled fields, story blocks, tags and related entries.

Generic by design: the story is the densest run of paragraphs, fields are found by
their labels, lists by their repetition. No template's class names are used.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from lxml import etree

from .. import dates
from ..briefs import ends_like_a_brief
from ..items import Article
from ..text import artifacts
from . import bylines, dom, labels, links, parts
from .cache import cached_property
from .crumbs import Breadcrumb
from .document import Document
from .entries import Entry
from .headline import Headline, repeats_headline, split_headline
from .tunables import (
    ALL_LINK,
    BRIEF_WEIGHT,
    BYLINE_LINES,
    DATE_LOOKAHEAD,
    DATE_LOOKBACK,
    HEADING_LOOKBACK,
    LEAD_LOOKAHEAD,
    LEAD_OPENING,
    LINE_READING_GAIN,
    MAX_DATE_LINE,
    MAX_DATED_LINE,
    MAX_FIELD_LINE,
    MAX_FOOTER_LINE,
    MAX_HEADINGS,
    MAX_HEADLINE,
    MAX_HEADLINE_LINES,
    MAX_HEADLINE_LINKS,
    MAX_LABEL_VALUE,
    MAX_NAME,
    MAX_PLAIN_TAGS,
    MAX_PRINTED_TITLE,
    MAX_ROW_LINE,
    MAX_SITE_LINE,
    MAX_SITE_NAME,
    MAX_STORY_LINKS,
    MAX_SUMMARY_LINE,
    MAX_TAGS,
    MAX_TAGS_KEPT,
    MIN_HEADLINE,
    MIN_LINE,
    MIN_LINES,
    MIN_LONG_STORY,
    MIN_PARAGRAPH,
    MIN_PRINTED_TITLE,
    MIN_ROW_LINKS,
    MIN_STORY_CHARS,
    MIN_TITLED_HEADLINE,
    QUOTED_END,
    TOP_BLOCKS,
    WIDEN_SHARE,
)

# A site's name after a title's last separator.
_TITLE_TAIL = re.compile(rf"[-_–—|｜]\s*([^-_–—|｜:：]{{2,{MAX_SITE_NAME}}})$")
# What follows a comma in a labelled name is a role (`作者:Jon Rice,Blockworks主编`); a
# sentence is no name (`记者：首先欢迎您参加…` opens an interview): sentence punctuation, or
# more Chinese characters in a row than names have.
_ROLE_AFTER = re.compile(r"[，,;；]")
_SENTENCE = re.compile(r"[。？！!]|[\u4e00-\u9fff]{9,}")
_TAG_SPLIT = re.compile(r"[,，、;；|\s]+")
_HEADING_DECORATION = re.compile(r"^[|｜│▍■●◆▌#\s]+")
_TIME_STAMP = etree.XPath("//body//time/@datetime")
_CANONICAL = etree.XPath("//link[@rel='canonical']/@href")


_NAMED = "a heading the <title> names"
_PRINTED = "the block the <title> prints"
_LOGO = "the <title> (the heading it names is the site's logo)"
_WHOLE = (_NAMED, _PRINTED, _LOGO)
# Why a line in the story's box is not story. After one of the last five ending in a colon
# (`作者：`, `责任编辑：`), the next short line is its value, not story.
_NOISE = "a counter, an ad mark or an end mark"
_BOILERPLATE = "the site's boilerplate (editor, disclaimer, credit, notice)"
_BYLINE = "a byline"
_CAPTION = "a photo's caption or credit"
_LABEL = "a field's label"
_LINES_BEFORE_A_VALUE = frozenset((_NOISE, _BOILERPLATE, _BYLINE, _CAPTION, _LABEL))


@dataclass(frozen=True, slots=True)
class Decision:
    """One block of a page, and what the story made of it."""

    text: str
    kept: bool
    reason: str


class ArticlePage:
    """URL + body bytes + headers in, an :class:`Article` (raw, before pipelines) out."""

    def __init__(self, url: str, body: bytes, headers=None, encoding: str | None = None,
                 document: Document | None = None):
        self.doc = document or Document(url, body, headers, encoding)
        self.url = url

    # -- the headline ----------------------------------------------------------------
    @property
    def _headline_run(self) -> list[dom.Block]:
        """The blocks that print the headline: one, or a headline printed over several lines."""
        return self._headline_found[0]

    @property
    def headline_source(self) -> str:
        """Where the headline came from, in words."""
        return self._headline_found[1]

    @cached_property
    def _headline_found(self) -> tuple[list[dom.Block], str]:
        head, how = self._named_headline()
        if how not in _WHOLE:  # nothing the <title> names whole: the heading over the story, if any, wins
            over = self._heading_over_story()
            if over is not None:
                head, how = over, "the heading printed just above the story"
        if head is None:
            return [], "the <title>" if self.doc.title_text else "none"
        return (self._continued(head) if head.owner.tag not in dom.HEADING_TAGS else [head]), how

    @property
    def _headline_block(self) -> dom.Block | None:
        """The headline's last block: the story starts after it."""
        return self._headline_run[-1] if self._headline_run else None

    def _named_headline(self) -> tuple[dom.Block | None, str]:
        """The heading that the <title> (or og:title) names, else the first <h1>; and how
        it was found (``_WHOLE``: the <title> names it whole, or prints it)."""
        title = self.doc.title_text
        heads = [b for b in self.doc.blocks
                 if b.owner.tag in dom.HEADING_TAGS and len(b.text) >= MIN_HEADLINE and not self._is_logo(b)][:MAX_HEADINGS]
        # the heading that covers most of the title
        named = [b for b in heads if b.text in title or title.startswith(b.text[: max(MIN_HEADLINE, len(b.text) // 2)])] if title else []
        best = max(named, key=lambda b: len(b.text)) if named else None
        if best is not None and 2 * len(best.text) >= len(title):
            return best, _NAMED
        if best is None:
            h1s = [b for b in heads if b.owner.tag == "h1" and not _is_doubled(b.text)]
            if h1s:
                return h1s[0], "the first <h1> (the <title> names no heading)"
        # no heading element for it, or one covering less of the title (the logo's <h1>,
        # the site name the title ends with): a longer block the title prints wins
        printed = self._printed_title(title) if title else None
        if printed is not None and (best is None or len(printed.text) > len(best.text)):
            return printed, _PRINTED
        if best is not None and _tail_of(title) == best.text:
            return None, _LOGO  # the logo: the headline is printed nowhere but in the <title>
        return best, "a heading that holds part of the <title>"

    def _heading_over_story(self) -> dom.Block | None:
        """No heading the <title> names (a title holding only the site's or the section's
        name, `新闻动态--学会官网`): the heading element printed just above the story."""
        lines = [b for b in self._until_story_end(0)
                 if self._is_prose(b, MIN_PARAGRAPH) and b.owner.tag not in dom.HEADING_TAGS]
        box = self._densest(lines)[0]
        line_ids = {id(b) for b in lines}
        first = next((i for i, b in enumerate(self.doc.blocks)
                      if id(b) in line_ids and dom.is_inside(b.owner, (box,))), None)
        if first is None or ends_like_a_brief(self.doc.blocks[first].text):
            return None  # a brief's own title (`<h3>TITLE</h3><p>BODY[time]</p>`), not the page's
        for b in reversed(self.doc.blocks[max(0, first - HEADING_LOOKBACK): first]):
            if (b.owner.tag in dom.HEADING_TAGS and MIN_TITLED_HEADLINE <= len(b.text) <= MAX_HEADLINE
                    and b.link_density < MAX_HEADLINE_LINKS and not self._is_logo(b)):
                return b
        return None

    def _continued(self, head: dom.Block) -> list[dom.Block]:
        """A headline printed over several lines (`<p>全国人大常委会</p><p>关于批准…</p>`): the
        blocks after ``head`` while together they still open the <title>."""
        title = _squeezed(self.doc.title_text)
        run = [head]
        text = _squeezed(head.text)
        if not title.startswith(text):
            return run
        i = self.doc.index_of(head)
        for b in self.doc.blocks[i + 1: i + MAX_HEADLINE_LINES]:
            if b.owner.getparent() is not head.owner.getparent() or not title.startswith(text + _squeezed(b.text)):
                break
            run.append(b)
            text += _squeezed(b.text)
        return run

    def _is_logo(self, b: dom.Block) -> bool:
        """A heading that is one link to the site's home page: the logo, whatever it says
        (`<h1><a href="/">今日股市行情_明日大盘_…</a></h1>`)."""
        if b.link_density < ALL_LINK:
            return False
        hrefs = [links.absolute(self.doc.base_url, a.get("href")) for a in b.owner.iter("a")]
        return bool(hrefs) and all(h and links.is_home_url(h) for h in hrefs)

    def _printed_title(self, title: str) -> dom.Block | None:
        """The page block, not a heading element, that the title starts with, or holds
        between affixes (`MER:…-site name`) when it is most of the title."""
        printed = [b for b in self.doc.blocks[:TOP_BLOCKS]
                   if MIN_PRINTED_TITLE <= len(b.text) <= MAX_PRINTED_TITLE and b.link_density < MAX_HEADLINE_LINKS and b.owner.tag not in dom.HEADING_TAGS
                   and (title.startswith(b.text) or (b.text in title and 2 * len(b.text) >= len(title)))]
        return max(printed, key=lambda b: len(b.text)) if printed else None

    @property
    def titled(self) -> bool:
        """The headline is printed on the page and the <title> names it: an article's mark,
        which a list's category heading (`BNB`) is too short to carry."""
        run = self._headline_run
        title = _squeezed(self.doc.title_text)
        text = _squeezed("".join(b.text for b in run))
        return len(text) >= MIN_TITLED_HEADLINE and text in title

    @cached_property
    def headline_raw(self) -> str | None:
        if self._headline_run:
            return _joined(b.text for b in self._headline_run)
        title = self.doc.title_text
        if not title:
            return None
        # <title> alone: drop a trailing site name after a spaced separator or a bar, or
        # after any separator when the page prints that name too (`…_BTC-以太坊交易所`)
        title = re.split(r"\s+[-|–—]\s+|\s*[|｜]\s*", title)[0].strip()
        site = _tail_of(title)
        if site and self._names_the_site(site):
            title = title[: -len(site)].rstrip().rstrip("-_–—|｜").rstrip()
        return title or None

    def _names_the_site(self, name: str) -> bool:
        """The page calls itself ``name``: og:site_name, the logo's heading, its doubled logo
        line, `Ctrl+D 名`, a copyright line. (Other lines may print an SEO tag the title ends
        with, `…_ETH`, as the tags do.)"""
        if self.doc.meta_content("og:site_name") == name:
            return True
        return any(b.text == name if b.owner.tag in dom.HEADING_TAGS
                   else (_is_doubled(b.text) or labels.SITE_LINE.search(b.text)) and name in b.text
                   for b in self.doc.blocks if len(b.text) <= MAX_SITE_LINE)

    @cached_property
    def headline(self) -> Headline | None:
        raw = self.headline_raw
        return split_headline(raw, self.tags) if raw else None

    # -- labelled fields ---------------------------------------------------------------
    @cached_property
    def _fields(self) -> dict[str, str]:
        """Labelled fields outside the story first; a byline inside it counts only when the
        page prints no label of its own (`作者:` opening a reposted story is the repost's)."""
        found = self._labelled([b for b in self.doc.blocks if id(b) not in self._in_story])
        for kind, value in self._labelled(self._story_blocks).items():
            found.setdefault(kind, value)
        return found

    @staticmethod
    def _labelled(blocks: list) -> dict[str, str]:
        found: dict[str, str] = {}
        for i, b in enumerate(blocks):
            if len(b.text) > MAX_FIELD_LINE or not labels.META_LINE.match(b.text):
                continue
            values = labels.split_labelled(b.text)
            # the page's date before the labels: `[2021-02-10 09:11:56] 来源:` / `2024-01-19 08:18 来源：`
            bracketed = re.match(r"^[\[［【]([^\]］】]+)[\]］】]", b.text)
            bare = None if bracketed else dates.DATE_IN_TEXT.match(b.text)
            lead_date = bracketed.group(1).strip() if bracketed else (bare.group(0).strip() if bare else "")
            if lead_date and dates.DATE_IN_TEXT.fullmatch(lead_date) and not values.get("time"):
                values["time"] = lead_date
            for kind, value in values.items():
                if not value and i + 1 < len(blocks):
                    nxt = blocks[i + 1]  # `<dt>作者:</dt><dd>name</dd>`
                    if (len(nxt.text) <= MAX_LABEL_VALUE and nxt.owner is b.owner.getnext() and not labels.LABEL.match(nxt.text)
                            and not labels.NOISE_LINE.match(nxt.text)
                            and not labels.META_LINE.match(nxt.text) and not labels.TAGS_LINE.match(nxt.text)):
                        value = nxt.text
                if kind not in found or (not found[kind] and value):
                    found[kind] = value
        return found

    @property
    def author(self) -> str | None:
        """The writer: a labelled name, else an unlabelled byline (`（记者 胡晓蓉）`), else
        JSON-LD's; never the editor, never a sentence after a `记者：` label (an interview)."""
        return self._author_found[0]

    @cached_property
    def _author_found(self) -> tuple[str | None, str]:
        value = self._labelled_name("author")
        if value:
            return value, "a labelled field"
        if self._byline_names:
            return self._byline_names, "an unlabelled byline"
        if "author" in self._fields:
            return None, "an empty or unusable label"
        person = self.doc.ld_person()
        return person, "JSON-LD" if person else "none"

    @property
    def editor(self) -> str | None:
        """The editor in charge (`责任编辑：…`), which news pages print beside the writer."""
        return self._labelled_name("editor")

    def _labelled_name(self, kind: str) -> str | None:
        value = (self._fields.get(kind) or "").strip()
        value = labels.VALUE_END.split(value)[0]  # `name · 2024年3月5日` : the name only
        m = dates.DATE_IN_TEXT.search(value)
        value = _ROLE_AFTER.split(value[: m.start()] if m else value)[0].strip()
        return value if value and len(value) <= MAX_NAME and not _SENTENCE.search(value) else None

    @cached_property
    def _byline_names(self) -> str | None:
        """Names from a byline printed without a label: between the headline and the story,
        in the story's first or last lines, or closing its last paragraph."""
        story = self._story_blocks
        start = 0 if self._headline_index is None else self._headline_index + 1
        first = self.doc.index_of(story[0]) if story else start
        above = self.doc.blocks[start:first]
        for b in above + story[:BYLINE_LINES] + story[-BYLINE_LINES:]:
            names = bylines.in_line(b.text)
            if names:
                return names
        for b in above:  # a self-media account beside the post's date
            names = bylines.beside_date(b.text)
            if names:
                return names
        if len(above) >= 2 and bylines.is_account(above[0].text) and "time" in labels.split_labelled(above[1].text):
            return above[0].text  # `<p>IT之家</p><div>发布时间：09-30 22:46</div>` under the headline
        paragraphs = [b for b in self.blocks if b["type"] == "paragraph"]
        return bylines.closing(paragraphs[-1]["text"]) if paragraphs else None

    @property
    def date_raw(self) -> str | None:
        return self._date_found[0]

    @cached_property
    def _date_found(self) -> tuple[str | None, str]:
        value = (self._fields.get("time") or "").strip()
        if value:
            m = dates.DATE_IN_TEXT.search(value)
            return (m.group(0).strip() if m else value), "a labelled field"
        if self.doc.root is not None:  # <time datetime="…">
            stamp = _TIME_STAMP(self.doc.root)
            if stamp and stamp[0].strip():
                return stamp[0].strip(), "<time datetime>"
        for source, find in (("a line under the headline", self._date_under_headline),
                             ("article:published_time", lambda: self.doc.meta_content("article:published_time")),
                             ("JSON-LD", lambda: self.doc.ld_value("datePublished")),
                             ("an edition date above the headline", self._date_above_headline)):
            value = find()
            if value:
                return value, source
        return None, "none"

    @property
    def field_sources(self) -> dict[str, str]:
        """Where the headline, the author and the date came from, in words."""
        return {"headline": self.headline_source, "author": self._author_found[1], "date": self._date_found[1]}

    def _date_above_headline(self) -> str | None:
        """A short line opening with a full date just above the headline: an e-paper's
        edition date (`2022年02月13日`, `2022年02月12日 查看旧版`), the last resort."""
        end = self._headline_index
        if end is None:
            return None
        for b in reversed(self.doc.blocks[max(0, end - DATE_LOOKBACK): end]):
            m = dates.DATE_IN_TEXT.match(b.text) if len(b.text) <= MAX_DATE_LINE else None
            if m:
                return m.group(0).strip()
        return None

    def _date_under_headline(self) -> str | None:
        """A date printed without a label in a short line between the headline and the story."""
        start = self._headline_index
        if start is None:
            return None
        for b in self.doc.blocks[start + 1: start + 1 + DATE_LOOKAHEAD]:
            if id(b) in self._in_story:
                break
            m = dates.DATE_IN_TEXT.search(b.text) if len(b.text) <= MAX_DATED_LINE else None
            if m:
                return m.group(0).strip()
        return None

    # -- story -----------------------------------------------------------------------
    def _is_story_candidate(self, b: dom.Block, min_len: int) -> bool:
        return self._is_prose(b, min_len) and id(b) not in self._headline_ids

    def _is_prose(self, b: dom.Block, min_len: int) -> bool:
        return (len(b.text) >= min_len and b.link_density < MAX_STORY_LINKS
                and not dates.DATE_IN_TEXT.fullmatch(b.text)
                and not labels.META_LINE.match(b.text) and id(b) not in self._tag_lines
                and id(b) not in self.doc.crumb_blocks and not labels.BOILERPLATE_LINE.match(b.text)
                and not (len(b.text) <= MAX_FOOTER_LINE and labels.SITE_LINE.search(b.text)))

    @cached_property
    def container(self):
        """The element holding the story: where paragraph text is densest, looked for first
        between the headline and what closes a story (tags, a comments heading), so reader
        comments or a sidebar never outweigh a short story."""
        lines = [b for b in self._after_headline if self._is_story_candidate(b, MIN_LINE)]
        paragraphs = [b for b in lines if len(b.text) >= MIN_PARAGRAPH]
        box, mass = self._densest(paragraphs)
        if mass < MIN_LONG_STORY and len(lines) >= MIN_LINES and len(lines) > len(paragraphs):
            # a story printed a clause or a word per line has no paragraph that long: count
            # short lines too, and take that reading when it finds far more text, or the
            # same place seen whole (around a brief, the one long line)
            short_box, short_mass = self._densest(lines)
            if short_mass >= LINE_READING_GAIN * mass or dom.is_inside(box, (short_box,)):
                box, mass = short_box, short_mass
        if mass >= MIN_STORY_CHARS:
            return box
        return self._densest([b for b in self.doc.blocks if self._is_story_candidate(b, MIN_PARAGRAPH)])[0]

    def container_rivals(self, n: int = 3) -> list[tuple[object, int]]:
        """The next densest elements outside the container, with their story characters:
        what the story's container won against."""
        taken = [self.container] if self.container is not None else []
        left = [b for b in self.doc.blocks if self._is_story_candidate(b, MIN_PARAGRAPH)]
        rivals = []
        while len(rivals) < n:
            left = [b for b in left if not dom.is_inside(b.owner, taken)]
            box, mass = self._densest(left)
            if box is None:
                break
            rivals.append((box, mass))
            taken.append(box)
        return rivals

    @cached_property
    def _tag_lines(self) -> dict[int, dom.Block]:
        """The blocks that open with a tags label (`Tags:`, `标签：`), by id, in page order:
        read by the story's bounds and by ``tags``, the pattern tried once a block."""
        return {id(b): b for b in self.doc.blocks if labels.TAGS_LINE.match(b.text)}

    @cached_property
    def _headline_ids(self) -> frozenset[int]:
        return frozenset(id(b) for b in self._headline_run)

    @cached_property
    def _headline_index(self) -> int | None:
        head = self._headline_block
        return self.doc.index_of(head) if head is not None else None

    @cached_property
    def _after_headline(self) -> list[dom.Block]:
        """The blocks after the headline (from the page's start when no block prints it), up
        to the tags line or a comments heading."""
        return self._until_story_end(0 if self._headline_index is None else self._headline_index + 1)

    def _until_story_end(self, start: int) -> list[dom.Block]:
        """The blocks from ``start`` up to what closes a story: the tags line, a comments
        heading, a related list's heading."""
        out = []
        for b in self.doc.blocks[start:]:
            if id(b) in self._tag_lines or (b.heading and labels.COMMENTS_HEADING.match(b.text)) or labels.closes_story(b.text):
                break
            out.append(b)
        return out

    @staticmethod
    def _densest(good: list[dom.Block]):
        """(element, story characters in it) where the text of ``good`` blocks is densest.
        An injected brief counts as one short paragraph, whatever its length: it shows a
        paragraph is there, not how much story (two long briefs in a box of their own
        outweighed a two-paragraph story). Sibling elements holding one line each (four or
        more: `<div>`s, `<section><p>`s) count towards their parent as <p>s do: one by one, a
        story printed a clause per element lost to a header line."""
        if not good:
            return None, 0
        score: dict = defaultdict(int)
        mass: dict = defaultdict(int)
        text_holders = set()  # elements whose own text (not a child <p>) is story
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

    @cached_property
    def _story_blocks(self) -> list[dom.Block]:
        """The document's blocks inside the container (the document is walked only once)."""
        box = self.container
        return [b for b in self.doc.blocks if box is not None and dom.is_inside(b.owner, (box,))]

    @cached_property
    def _in_story(self) -> set[int]:
        return {id(b) for b in self._story_blocks}

    @cached_property
    def _story_and_description(self) -> tuple[list[dict], str | None]:
        blocks, description, _ = self._reading
        return blocks, description

    @property
    def decisions(self) -> list[Decision]:
        """Every block of the page, kept in the story or dropped, with the reason."""
        kept, why = self._reading[2]
        return [Decision(b.text, id(b) in kept, "story" if id(b) in kept else why.get(id(b), "outside the story's container"))
                for b in self.doc.blocks]

    @cached_property
    def _reading(self) -> tuple[list[dict], str | None, tuple[set[int], dict[int, str]]]:
        """The story's blocks, the page's description, and the ids of the blocks kept with
        why each other one was dropped (``decisions`` puts them in words, on demand)."""
        why: dict[int, str] = {}
        blocks = self._story_blocks
        out: list[tuple[dom.Block, dict]] = []
        description = None
        after_bare_label = False
        for i, b in enumerate(blocks):
            text = b.text
            if after_bare_label:
                after_bare_label = False
                if len(text) <= MAX_LABEL_VALUE and not labels.META_LINE.match(text):
                    why[id(b)] = "the value of a label above it"  # `<dt>作者：</dt><dd>王小明</dd>`
                    continue
            if id(b) in self._tag_lines or (out and labels.closes_story(text)):
                for rest in blocks[i:]:  # tags, a related list's heading or a platform statement close the story
                    why[id(rest)] = "after the story's end: " + text[:QUOTED_END]
                break
            reason = self._dropped_line(b)
            if reason:
                why[id(b)] = reason
                after_bare_label = reason in _LINES_BEFORE_A_VALUE and bool(re.search(r"[:：]\s*$", text))
                continue
            summary = labels.SUMMARY_LINE.match(text)
            if summary and not out and description is None:
                description = summary.group("value").strip()  # the lead: a description
                if _repeated_below(description, blocks[i + 1: i + 1 + LEAD_LOOKAHEAD]):
                    why[id(b)] = "a lead that repeats the story's opening (the description)"
                    continue
                # else the story's own lead (a repost's `摘要：…`): still story
            is_heading = b.heading or b.owner.tag in ("h2", "h3", "h4", "h5", "h6")
            if is_heading:
                text = _HEADING_DECORATION.sub("", text)
            if text:
                out.append((b, {"type": "heading" if is_heading else "paragraph", "text": text}))
        # the first paragraph often prints the headline again (sometimes with its affix)
        if out and self.headline and repeats_headline(out[0][1]["text"], self.headline, self.headline_raw):
            why[id(out.pop(0)[0])] = "repeats the headline"
        while out and out[-1][1]["type"] == "heading":
            why[id(out.pop()[0])] = "a heading with nothing under it (it titles what follows)"
        if description is None:  # a summary printed above the story container
            description = next((m.group("value").strip() for b in self.doc.blocks[:TOP_BLOCKS]
                                if len(b.text) < MAX_SUMMARY_LINE and (m := labels.SUMMARY_LINE.match(b.text))), None)
        kept = {id(b) for b, _ in out}
        return [block for _, block in out], description or self.doc.meta_content("description"), (kept, why)

    def _dropped_line(self, b: dom.Block) -> str | None:
        """Why a line inside the story's container is not story, or None."""
        text = b.text
        if id(b) in self._headline_ids:
            return "the headline"  # its element may hold more: `headline<br>story…`
        if id(b) in self.doc.crumb_blocks:
            return "the breadcrumb trail"
        if artifacts.only_escaped_markup(text):
            return "an image's markup left in the text, escaped"
        if labels.NOISE_LINE.match(text):
            return _NOISE
        if labels.BOILERPLATE_LINE.match(text) or labels.is_notice(text):
            return _BOILERPLATE
        if bylines.is_byline(text):
            return _BYLINE
        if text[-1] in labels.CAPTION_ENDS and labels.CAPTION_LINE.match(text):
            return _CAPTION
        if labels.META_LINE.match(text) and not self._byline(text):
            return _LABEL
        if (b.link_density > MIN_ROW_LINKS and len(text) < MAX_ROW_LINE) or (b.link_chars and links.is_pager_line(text)):
            return "a row of links (share buttons, a pager)"
        return None

    @cached_property
    def _labels_outside_story(self) -> bool:
        return self.container is not None and any(
            labels.META_LINE.match(b.text) and id(b) not in self._in_story for b in self.doc.blocks)

    def _byline(self, text: str) -> bool:
        """A labelled line inside the story that is the repost's own byline, not page meta:
        the page printed its labels elsewhere, and this one carries a value."""
        values = labels.split_labelled(text)
        return self._labels_outside_story and any(values.values()) and not re.search(r"[:：]\s*$", text)

    @property
    def blocks(self) -> list[dict]:
        return self._story_and_description[0]

    # -- tags, crumbs, related ---------------------------------------------------------
    @cached_property
    def tags(self) -> list[str]:
        for b in self._tag_lines.values():
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
            names = _unique(n for n in names if n)[:MAX_TAGS_KEPT]
            if names:
                return names
        keywords = self.doc.meta_content("keywords")
        return _unique(t for t in _TAG_SPLIT.split(keywords) if t) if keywords else []

    @property
    def breadcrumbs(self) -> tuple[Breadcrumb, ...]:
        return self.doc.breadcrumbs

    @property
    def category(self) -> str | None:
        names = [c.name for c in self.breadcrumbs[1:]]
        if names and (labels.LEAF_CRUMB.match(names[-1]) or (self.headline_raw and names[-1] in self.headline_raw)):
            names.pop()
        return names[-1] if names else None

    @property
    def related(self) -> list[Entry]:
        """The page's related list: the entries beside the story."""
        return self.doc.entries

    def parts(self, first_url: str | None = None) -> dict[int, str]:
        """The other pages of this article that this page links to, {number: URL}, numbered
        from the URL of its first page (this page's own, unless it is a later page)."""
        return parts.part_links(first_url or self.url, self.doc.followable_links)

    @property
    def canonical_url(self) -> str:
        if self.doc.root is not None:
            found = _CANONICAL(self.doc.root)
            if found:
                url = links.absolute(self.doc.base_url, found[0])
                if url:
                    return url
        return self.url

    # -- verdict -----------------------------------------------------------------------
    @property
    def story_chars(self) -> int:
        return sum(len(b["text"]) for b in self.blocks if b["type"] == "paragraph")

    def problem(self) -> tuple[str, str] | None:
        """(reason, detail) when this page cannot give an article, else None."""
        if not self.doc.body.strip():
            return "empty_response", "the response has no body"
        if self.doc.too_many_tags:
            return "too_many_elements", f"{self.doc.tags} tags: more than {MAX_TAGS} are not parsed"
        if self.doc.root is None:
            return "not_html", "no HTML document could be parsed"
        if self.doc.too_deep:
            return "too_deep", f"markup nested past {dom.PARSER_DEPTH} levels: what lies deeper cannot be read"
        if self.doc.garbled:
            return "undecodable", f"text still garbled after decoding as {self.doc.decoded.encoding}"
        if not self.headline or not re.search(r"\w", self.headline.text):
            return "no_headline", "no <h1>/<title> headline found"
        if self.story_chars < MIN_STORY_CHARS:
            return "empty_body", f"story has {self.story_chars} characters"
        return None

    def to_item(self) -> Article:
        h = self.headline or Headline("")
        article = Article(
            url=self.url,
            canonicalUrl=self.canonical_url,
            headline=h.text or None,
            headlineRaw=self.headline_raw,
            headlineTag=h.tag,
            headlineAffixes=h.affixes,
            breadcrumbs=[c.to_dict() for c in self.breadcrumbs],
            category=self.category,
            author=self.author,
            editor=self.editor,
            datePublishedRaw=self.date_raw,
            description=self._story_and_description[1],
            tags=self.tags,
            related=[e.to_dict() for e in self.related],
            encoding=self.doc.decoded.encoding,
        )
        article.set_story(self.blocks)
        return article


def _tail_of(title: str) -> str | None:
    """What a title ends with after its last separator (`…_BTC-以太坊交易所`: the site name,
    when the page says so), if short enough to be a site's name."""
    m = _TITLE_TAIL.search(title)
    return m.group(1).strip() if m else None


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _joined(lines) -> str:
    """Lines of one headline as one line: no space between Chinese characters."""
    out = ""
    for line in lines:
        out += ("" if not out or (_is_cjk(out[-1]) and _is_cjk(line[0])) else " ") + line
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _repeated_below(lead: str, blocks: list) -> bool:
    """The lead's opening begins one of the next blocks: a summary the site cut from the story."""
    opening = lead[:LEAD_OPENING]
    return len(opening) >= LEAD_OPENING and any(b.text.startswith(opening) for b in blocks)


def _is_doubled(text: str) -> bool:
    """`比特幣交易所 比特幣交易所`: a logo's text printed twice, not a headline."""
    words = text.split()
    return len(words) == 2 and words[0] == words[1]


def _plain_tags(el) -> list[str]:
    """Tags printed as plain text in one short element, between separators."""
    text = dom.text_of(el)
    return _TAG_SPLIT.split(text) if len(text) <= MAX_PLAIN_TAGS else []


def _link_texts(el) -> list[str]:
    return [n for n in (dom.text_of(a) for a in el.iter("a")) if n and not labels.TAGS_LINE.match(n)]


def _unique(items) -> list[str]:
    seen, out = set(), []
    for item in items:
        item = item.strip()
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out
