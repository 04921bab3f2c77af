"""The items this crawler emits, one feed per kind. Field names follow zyte-common-items'
``Article`` where one fits; a raw value sits next to each normalized one."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import cast


@dataclass
class Article:
    """A story page, without the briefs the site injected into it."""

    url: str  #: the page's URL
    kind: str = field(default="article", init=False)  #: item kind, for single-file feeds (-O)
    canonicalUrl: str | None = None  #: <link rel=canonical>, else the URL
    headline: str | None = None  #: title without SEO affixes, normalized
    headlineRaw: str | None = None  #: title exactly as printed
    headlineTag: str | None = None  #: the SEO affix's tag (`ITT` of `…_ITT`), if any
    headlineAffixes: list[str] = field(default_factory=list)  #: every affix removed, as printed
    breadcrumbs: list[dict] = field(default_factory=list)  #: [{name, url}] as printed
    category: str | None = None  #: the category crumb (`BNB` of `首頁 > BNB > Info`)
    author: str | None = None  #: the writer, labelled or from a byline; None when unnamed, never ""
    editor: str | None = None  #: the editor in charge (责任编辑), never taken for the author
    datePublished: str | None = None  #: ISO 8601 with +08:00, None for placeholders
    datePublishedRaw: str | None = None  #: the date as printed
    datePublishedStatus: str | None = None  #: ok, placeholder, future, unparsed, missing
    description: str | None = None  #: the page's own summary (导读/摘要) if it prints one
    blocks: list[dict] = field(default_factory=list)  #: story in order: [{type: paragraph|heading, text}]
    articleBody: str | None = None  #: story text, blocks joined by blank lines, normalized
    articleBodyRaw: str | None = None  #: story text as printed
    tags: list[str] = field(default_factory=list)  #: the page's tag links
    related: list[dict] = field(default_factory=list)  #: [{url, headline, headlineTag, summary, datePublishedRaw}]
    briefIds: list[str] = field(default_factory=list)  #: ids of the briefs found in the page, in page order
    storyId: str | None = None  #: fingerprint of the normalized story; equal for word-for-word reposts
    #: storyId of the first copy seen of this story, near copies included (its own if first)
    storyCluster: str | None = None
    repostOf: str | None = None  #: URL of that first copy, when this page is a later one
    inLanguage: str | None = None  #: script of its text (ZH_SCRIPT; the source's when that is none); en: English
    sourceScript: str | None = None  #: script of the source page: zh-Hant or zh-Hans
    encoding: str | None = None  #: the codec the page was read with
    dateDownloaded: str | None = None  #: when the page was fetched (ISO 8601, +08:00)
    #: the story's text as copies share it (``fingerprints.story_key``): what ``storyId`` is the
    #: digest of and reposts are signed from. Set with ``storyId``; no field: not in the feeds.
    story_key = ""
    #: the story's paragraphs in Simplified, the lines ``story_key`` is made of: the site's
    #: boilerplate is found among them without converting them again. Set with ``story_key``.
    story_lines = cast("list[str]", [])  # no annotation, so no field; replaced, never changed in place

    def set_story(self, blocks: list[dict], as_printed: bool = True) -> None:
        """The story's blocks, and ``articleBody`` joined from them, so the two stay in step;
        ``articleBodyRaw`` too while the text is still as printed."""
        self.blocks = blocks
        self.articleBody = "\n\n".join(b["text"] for b in blocks) or None
        if as_printed:
            self.articleBodyRaw = self.articleBody


@dataclass
class Brief:
    """A dated news flash, injected into a story or read from its outlet's flash page,
    emitted once per crawl."""

    id: str  #: stable id from the normalized title and time: the same in each story and at its outlet
    kind: str = field(default="brief", init=False)  #: item kind, for single-file feeds (-O)
    headline: str | None = None  #: the brief's title, normalized
    headlineRaw: str | None = None  #: the title as printed
    body: str | None = None  #: the brief's text, normalized
    bodyRaw: str | None = None  #: the text as printed
    #: the outlet the text names (金色財經, CNBC…), else, read from a flash page, the site that printed it
    source: str | None = None
    datePublished: str | None = None  #: ISO 8601 with +08:00: its outlet's time (an injected copy prints it)
    datePublishedRaw: str | None = None  #: the time as printed inside the brackets
    datePublishedStatus: str | None = None  #: ok, placeholder, future, unparsed
    firstSeenIn: str | None = None  #: URL of the page it was first found in: an article, or a flash page
    url: str | None = None  #: the flash's own page, when its outlet's flash page links one
    #: where its outlet published it: ``url``, else the flash page; None when known only from injected copies
    originUrl: str | None = None
    inLanguage: str | None = None  #: script of its text (ZH_SCRIPT; the source's when that is none); en: English
    sourceScript: str | None = None  #: script of the source page: zh-Hant or zh-Hans
    #: the id its title and time give (``id`` differs for a variant: another body under it),
    #: and its body's key (``briefledger.body_key``): what the crawl state remembers its
    #: body by. Set by the ledger; no fields: not in the feeds.
    first_id = ""
    body_key = ""


@dataclass
class Reject:
    """A page or item that could not be used, and why: nothing vanishes silently."""

    url: str  #: the URL that failed
    reason: str  #: why, a short code: a ``crawler.reasons.RejectReason`` or ``http_<status>`` (http_404)
    kind: str = field(default="reject", init=False)  #: item kind, for single-file feeds (-O)
    detail: str | None = None  #: a human-readable explanation
    status: int | None = None  #: HTTP status, when there was a response
    headline: str | None = None  #: what was parsed of the title, if anything


def from_dict(cls, data: dict):
    """An item of class ``cls`` again from its ``dataclasses.asdict`` (request meta holds
    plain data only, so JOBDIR and Redis queues can pickle it)."""
    return cls(**{f.name: data[f.name] for f in fields(cls) if f.init and f.name in data})
