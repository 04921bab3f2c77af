"""What an article page emits, computed once: the article without the briefs the site
injected into its story (with its ``storyId``, its story key and its ``briefIds``), the
briefs as items, and, when no story is left, the reject that says why.

The brief detection itself is ``crawler.pages.briefs``; the ids are ``crawler.pages.fingerprints``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import opencc

from ..items import Article, Brief, Reject
from ..reasons import RejectReason
from ..text.zh import convert_lines
from . import fingerprints
from .briefs import BriefParts, split_blocks


@cache
def t2s() -> opencc.OpenCC:
    """The OpenCC t2s converter the ids are made with: the same brief or story in either
    script gets the same id. Made on first use (loading it costs milliseconds)."""
    return opencc.OpenCC("t2s")


@dataclass
class Emitted:
    """What one article emits, in the order the feeds get it (``items``)."""

    #: the story without its briefs, ``storyId``, ``briefIds``; None when the page itself is a reject
    article: Article | None
    briefs: list[Brief] = field(default_factory=list)  #: the briefs taken out of the story, in page order
    #: set: the page gives no article, and why (its briefs, if any, are still news)
    reject: Reject | None = None

    def items(self) -> list[Article | Brief | Reject]:
        """The briefs first, so a reader of the feeds never meets an unknown brief id; then
        the article, or the reject in its place."""
        last: Article | Reject | None = self.reject or self.article
        return [*self.briefs, last] if last is not None else list(self.briefs)


def emit(article: Article, converter: opencc.OpenCC | None = None, beside: list[BriefParts] | None = None) -> Emitted:
    """Split the briefs out of ``article`` as read (one page, or the pages of an article
    joined): its story, ids and story key are set in place. ``beside``: the briefs the page
    printed outside the story (a sidebar's 7×24 list), listed after the story's own."""
    briefs = split_article(article, converter)
    if beside:
        more = [_brief(parts, article.url, fingerprints.text_key(parts.title, converter or t2s())) for parts in beside]
        article.briefIds.extend(b.id for b in more)
        briefs += more
    if article.storyId:  # a story with words is left
        return Emitted(article, briefs)
    if briefs:  # a page of nothing but briefs (a flash page): the briefs are the news
        return Emitted(article, briefs, Reject(url=article.url, reason=RejectReason.ONLY_BRIEFS,
                                               headline=article.headline, detail=f"{len(briefs)} briefs and no story"))
    return Emitted(article, briefs, Reject(url=article.url, reason=RejectReason.EMPTY_BODY, headline=article.headline,
                                           detail="the story has no letters or digits"))


def split_article(article: Article, converter: opencc.OpenCC | None = None) -> list[Brief]:
    """Take the briefs out of an article's blocks (in place), set its ``storyId``, story key
    and ``briefIds``, and return the briefs as items."""
    converter = converter or t2s()
    story, found = split_blocks(article.blocks)
    article.set_story(story)
    paragraphs = fingerprints.paragraphs(story)
    # the story and its briefs' titles in one OpenCC call: its cost is mostly per call
    converted = convert_lines(converter.convert, paragraphs + [parts.title for _, parts in found])
    article.story_lines = converted[: len(paragraphs)]
    article.story_key = fingerprints.story_key_of(paragraphs, article.story_lines)
    article.storyId = fingerprints.story_id(article.story_key)
    briefs = [_brief(parts, article.url, fingerprints.key_of_converted(title))
              for (_, parts), title in zip(found, converted[len(paragraphs):], strict=True)]
    article.briefIds.extend(b.id for b in briefs)
    return briefs


def emit_flashes(url: str, flashes: list[tuple[BriefParts, str | None]], site: str | None,
                 converter: opencc.OpenCC | None = None) -> Emitted:
    """What a flash page emits: its flashes as briefs, each published there (or at the
    flash's own URL) by the site, and no article."""
    converter = converter or t2s()
    briefs = []
    for parts, own in flashes:
        brief = _brief(parts, url, fingerprints.text_key(parts.title, converter))
        brief.source, brief.url, brief.originUrl = parts.source or site, own, own or url
        briefs.append(brief)
    return Emitted(None, briefs)


def _brief(parts: BriefParts, seen_in: str, title_key: str) -> Brief:
    """The item of a brief found in the page at ``seen_in`` (``title_key``: its title's
    ``fingerprints.text_key``): its id is the same wherever the brief is printed."""
    return Brief(id=fingerprints.brief_id_of_key(title_key, parts.time_raw), headline=parts.title,
                 headlineRaw=parts.title, body=parts.body, bodyRaw=parts.body, source=parts.source,
                 datePublishedRaw=parts.time_raw, firstSeenIn=seen_in)
