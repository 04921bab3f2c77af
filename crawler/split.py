"""An article's blocks split into its story and the briefs the site injected, as items."""
from __future__ import annotations

from . import fingerprints
from .briefs import split_blocks
from .items import Article, Brief


def split_article(article: Article, t2s) -> list[Brief]:
    """Take the briefs out of an article's blocks (in place) and return them as items.

    ``t2s`` is an OpenCC t2s converter, used for ids only: the same brief or story in
    either script gets the same id.
    """
    story, found = split_blocks(article.blocks)
    article.set_story(story)
    article.storyId = fingerprints.story_id(fingerprints.story_key(fingerprints.paragraphs(story), t2s))
    briefs = []
    for _, parts in found:
        bid = fingerprints.brief_id(parts.title, parts.time_raw, t2s)
        article.briefIds.append(bid)
        briefs.append(Brief(id=bid, headline=parts.title, headlineRaw=parts.title, body=parts.body,
                            bodyRaw=parts.body, source=parts.source, datePublishedRaw=parts.time_raw,
                            firstSeenIn=article.url))
    return briefs
