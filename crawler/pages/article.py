"""Article pages: URL, body bytes and headers in, an :class:`Article` out.

Generic by design: the story is the densest run of paragraphs, fields are found by
their labels, lists by their repetition. No template's class names are used.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from lxml import etree

from ..items import Article, Reject
from ..reasons import RejectReason
from . import dom, parts
from .affixes import Headline
from .beside import Beside, read_beside
from .cache import cached_property
from .container import Container, StoryBounds, find_container, rivals
from .crumbs import Breadcrumb
from .document import Document
from .embedded import Embedded, read_embedded
from .entries import Entry
from .fields import Fields, canonical_url, category, find_tags, read_fields
from .headline import FoundHeadline, find_headline, is_titled
from .split import Emitted, emit, split_article
from .story import Decision, Story, read_story
from .tunables import MAX_TAGS, MIN_STORY_CHARS

_WORD = re.compile(r"\w")


class ArticlePage:
    """An article page, read in stages; each is computed once, when first asked for, from
    the ones before it:

    1. ``doc``: the page decoded and parsed, its text blocks, entries and breadcrumb trail
       (:class:`Document`);
    2. ``bounds``: the lines that close a story (tags, comments) and the test for a line of
       story text (``container.py``); ``tags``, whose names split the headline's affixes;
    3. ``found_headline``: the blocks that print the headline, and how it was found
       (``headline.py``);
    4. ``container``: the element holding the story, and its blocks (``container.py``);
    5. ``html_story``: the blocks kept as story, each other block's reason, the description
       (``story.py``);
    6. ``embedded``: the article of the page's embedded JSON state, read when the HTML's
       story is a shell's (``embedded.py``); ``story`` is its story then, else the HTML's;
    7. ``fields``: author, editor and date, and where each came from (``fields.py``);
    8. ``emitted``: what the crawl emits for the page: the article without the briefs
       injected into its story, with its ids, and the briefs (``split.py``); or a reject.

    ``problem()`` says why the page gives no article; ``read_item()`` is the article as read,
    briefs still in its story (the pages of an article printed over several are joined so,
    then split); ``to_item()`` is the article the page emits.
    """

    def __init__(self, url: str, body: bytes, headers: Mapping[Any, Any] | None = None, encoding: str | None = None,
                 document: Document | None = None):
        self.doc = document or Document(url, body, headers, encoding)
        self.url = url

    # -- the stages ----------------------------------------------------------------------
    @cached_property
    def bounds(self) -> StoryBounds:
        return StoryBounds.of(self.doc)

    @cached_property
    def tags(self) -> list[str]:
        return find_tags(self.bounds)

    @cached_property
    def found_headline(self) -> FoundHeadline:
        return find_headline(self.bounds, self.tags)

    @cached_property
    def container(self) -> Container:
        found = self.found_headline
        return find_container(self.bounds, found.story_start, found.block_ids)

    @cached_property
    def html_story(self) -> Story:
        return read_story(self.bounds, self.found_headline, self.container)

    @cached_property
    def embedded(self) -> Embedded:
        return read_embedded(self.doc, self.html_story, self.tags)

    @property
    def story(self) -> Story:
        json_story = self.embedded.story
        return json_story.story if json_story is not None else self.html_story

    @cached_property
    def fields(self) -> Fields:
        fields = read_fields(self.bounds, self.found_headline, self.container, self.html_story)
        json_story = self.embedded.story
        return json_story.fields(fields) if json_story is not None else fields

    @cached_property
    def beside(self) -> Beside:
        """The briefs printed beside the story, outside its container (a 7×24 list in a
        sidebar): read by the brief reader over the blocks the story left out."""
        return read_beside(self.doc, self.story.kept)

    @cached_property
    def emitted(self) -> Emitted:
        reject = self.reject()
        if reject is not None:
            return Emitted(None, reject=reject)
        return emit(self.read_item(), beside=[parts for _, parts in self.beside.found])

    # -- what the stages found -----------------------------------------------------------
    @property
    def read_headline(self) -> FoundHeadline:
        """The headline the story is read under: the HTML's, or the embedded JSON's."""
        json_story = self.embedded.story
        return json_story.found if json_story is not None else self.found_headline

    @property
    def headline(self) -> Headline | None:
        return self.read_headline.headline

    @property
    def headline_raw(self) -> str | None:
        return self.read_headline.raw

    @property
    def titled(self) -> bool:
        """The headline is printed on the page and the <title> names it: an article's mark."""
        return is_titled(self.doc, self.found_headline)

    @property
    def story_chars(self) -> int:
        return self.story.chars

    @property
    def breadcrumbs(self) -> tuple[Breadcrumb, ...]:
        return self.doc.breadcrumbs

    @property
    def related(self) -> list[Entry]:
        """The page's related list: the entries beside the story."""
        return self.doc.entries

    def parts(self, first_url: str | None = None) -> dict[int, str]:
        """The other pages of this article that this page links to, {number: URL}, numbered
        from the URL of its first page (this page's own, unless it is a later page)."""
        return parts.part_links(first_url or self.url, self.doc.followable_links)

    # -- why ------------------------------------------------------------------------------
    @property
    def decisions(self) -> list[Decision]:
        """Every block of the page, kept in the story or dropped, with the reason."""
        json_story = self.embedded.story
        decisions = (json_story.decisions(self.doc.blocks) if json_story is not None
                     else self.html_story.decisions(self.doc.blocks))
        roles = self.beside.roles
        if not roles:
            return decisions
        return [Decision(d.text, False, f"beside the story: {roles[id(b)]}") if id(b) in roles else d
                for d, b in zip(decisions, self.doc.blocks, strict=True)]

    @property
    def field_sources(self) -> dict[str, str]:
        """Where the headline, the author and the date came from, in words."""
        return {"headline": self.read_headline.source, "author": self.fields.author_source,
                "date": self.fields.date_source}

    def container_rivals(self, n: int = 3) -> list[tuple[etree._Element, int]]:
        """The next densest elements outside the container, with their story characters."""
        return rivals(self.bounds, self.container, self.found_headline.block_ids, n)

    # -- verdict -------------------------------------------------------------------------
    def problem(self) -> tuple[RejectReason, str] | None:
        """(reason, detail) when this page cannot give an article, else None."""
        doc = self.doc
        if not doc.body.strip():
            return RejectReason.EMPTY_RESPONSE, "the response has no body"
        if doc.too_many_tags:
            return RejectReason.TOO_MANY_ELEMENTS, f"{doc.tags} tags: more than {MAX_TAGS} are not parsed"
        if doc.root is None:
            return RejectReason.NOT_HTML, "no HTML document could be parsed"
        if doc.too_deep:
            return (RejectReason.TOO_DEEP,
                    f"markup nested past {dom.PARSER_DEPTH} levels: what lies deeper cannot be read")
        if doc.garbled:
            return RejectReason.UNDECODABLE, f"text still garbled after decoding as {doc.decoded.encoding}"
        if not self.headline or not _WORD.search(self.headline.text):
            return RejectReason.NO_HEADLINE, "no <h1>/<title> headline found"
        if self.story_chars < MIN_STORY_CHARS:
            return RejectReason.EMPTY_BODY, f"story has {self.story_chars} characters"
        return None

    def reject(self, status: int | None = None) -> Reject | None:
        """The reject this page is, with the HTTP ``status`` it came with, or None."""
        problem = self.problem()
        if problem is None:
            return None
        headline = self.headline.text if self.headline else None
        return Reject(url=self.url, reason=problem[0], detail=problem[1], status=status, headline=headline)

    def to_item(self) -> Article:
        """The article this page emits (read from it alone), briefs split out; for a page that
        gives none, the article it would have been."""
        if self.emitted.article is not None:
            return self.emitted.article
        article = self.read_item()
        split_article(article)
        return article

    def read_item(self) -> Article:
        h = self.headline or Headline("")
        fields = self.fields
        article = Article(
            url=self.url,
            canonicalUrl=canonical_url(self.doc, self.url),
            headline=h.text or None,
            headlineRaw=self.headline_raw,
            headlineTag=h.tag,
            headlineAffixes=h.affixes,
            breadcrumbs=[c.to_dict() for c in self.breadcrumbs],
            category=category(self.breadcrumbs, self.headline_raw),
            author=fields.author,
            editor=fields.editor,
            datePublishedRaw=fields.date_raw,
            description=self.story.description,
            tags=self.tags or list(self.embedded.story.article.tags if self.embedded.story else ()),
            related=[e.to_dict() for e in self.related],
            encoding=self.doc.decoded.encoding,
        )
        article.set_story([b.to_dict() for b in self.story.blocks])
        return article
