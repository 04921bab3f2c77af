"""An article a page holds only in its embedded JSON: the state a Next.js or Nuxt site
renders in the browser (`<script id="__NEXT_DATA__" type="application/json">`,
`window.__NUXT__ = {…}`, `window.__INITIAL_STATE__ = {…}`) while its HTML is a shell.

A state is found by its marker and parsed only when it is a JSON literal of bounded size:
a script that computes it (`__NUXT__=(function(a){…}(…))`) is JavaScript, never run. The
article is the object with a headline-like string beside a long text (HTML or plain); when
several objects hold one (a list of whole stories), the <title> or the URL must single it
out. Its text is read as a story printed in HTML is, block by block, so the same rules
drop bylines and boilerplate and the same briefs are split from it.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone

from ..text import dates
from . import dom
from .affixes import split_headline
from .container import Container, StoryBounds
from .document import Document
from .fields import Fields, read_fields
from .headline import FoundHeadline
from .story import Decision, Story, read_story
from .tunables import (
    JSON_STORY_GAIN,
    MAX_DATE_LINE,
    MAX_JSON_DEPTH,
    MAX_JSON_HEADLINE,
    MAX_JSON_NODES,
    MAX_NAME,
    MAX_STATE_JSON,
    MAX_STATE_MARKERS,
    MAX_TAGS_KEPT,
    MIN_HEADLINE,
    MIN_JSON_STORY,
    MIN_STATE_ID,
    MIN_STORY_CHARS,
    MIN_TITLED_HEADLINE,
    PROSE_CJK,
    PROSE_SAMPLE,
    PROSE_WORD_SPAN,
)

_MARKERS = ("__NEXT_DATA__", "__NUXT__", "__INITIAL_STATE__")
_ASSIGNED = re.compile(r"\s*=(?!=)\s*")
_SCRIPT_OPEN, _SCRIPT_CLOSE = "<script", "</script"
_JSON_PARSE = "JSON.parse("

# Keys an article's fields go by in the states of common CMSs and frameworks, most telling first.
_HEADLINE_KEYS = ("headline", "title", "articleTitle", "article_title", "subject", "name")
_AUTHOR_KEYS = ("author", "authors", "authorName", "author_name", "writer", "byline", "creator")
_NAME_KEYS = ("name", "nickname", "nickName", "displayName", "display_name", "username", "title")
_SUMMARY_KEYS = ("summary", "description", "excerpt", "abstract", "digest", "intro", "lead", "brief")
_TAG_KEYS = ("tags", "tagList", "tag_list", "keywords", "labels")
_ID_KEYS = ("slug", "id", "_id", "uuid", "articleId", "article_id")
# Never a story's body, however long: a teaser's summary, or page furniture.
_NOT_BODY = frozenset(k.lower() for k in (*_SUMMARY_KEYS, "seo", "meta", "metaDescription", "keywords",
                                             "subtitle", "cover", "image", "thumbnail", "url", "link", "css", "style"))
# A date key by its rank: publication first; an update or expiry is no publication date.
_DATE_RANKS = ((re.compile(r"publish|^pub_?(?:date|time)$|release|^date$|^time$", re.I), 0),
               (re.compile(r"date|time", re.I), 1), (re.compile(r"creat", re.I), 2))
_NOT_PUBLISHED = re.compile(r"updat|modif|edit|expir|delet|sort|read", re.I)
# Markup that makes a string HTML, and the tags stripped to count its text.
_MARKUP = re.compile(r"<(?:p|div|br|h[1-6]|section|span|strong|b|em|img|ul|ol|li|blockquote|figure|a)\b[^<>]*>", re.I)
_TAG = re.compile(r"<[^<>]*>")
_CJK = re.compile(r"[\u3400-\u9fff]")
# Epoch times in seconds from 2000 to 2100; milliseconds beyond.
_EPOCH = (946_684_800, 4_102_444_800)
_CHINA = timezone(timedelta(hours=8))


@dataclass(frozen=True, slots=True)
class StateScript:
    """One state script of the page: its marker, and its data or why it was not read."""

    marker: str
    chars: int
    data: object = None
    skipped: str | None = None


@dataclass(frozen=True, slots=True)
class JsonArticle:
    """The article object found in a state, its fields by their JSON paths."""

    marker: str
    path: str
    headline_key: str
    headline: str
    body_key: str
    body: str
    is_html: bool
    date: str | None = None
    date_key: str | None = None
    author: str | None = None
    author_key: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        return f"embedded JSON ({self.marker} at {self.path or '(root)'})"

    def source_of(self, key: str | None) -> str:
        return f"embedded JSON ({self.marker} at {self.path + '.' if self.path else ''}{key})"


@dataclass(frozen=True)
class EmbeddedStory:
    """The JSON article read as a page is: its headline, its story and the fields its text prints."""

    article: JsonArticle
    found: FoundHeadline
    story: Story
    doc: Document
    printed: Fields

    def fields(self, page: Fields) -> Fields:
        """The JSON's own author and date first, then those its text prints, then the shell page's."""
        a, p = self.article, self.printed
        author, author_source = ((a.author, a.source_of(a.author_key)) if a.author
                                 else (p.author, p.author_source) if p.author else (page.author, page.author_source))
        date, date_source = ((a.date, a.source_of(a.date_key)) if a.date
                             else (p.date_raw, p.date_source) if p.date_raw else (page.date_raw, page.date_source))
        return Fields(author, author_source, p.editor or page.editor, date, date_source)

    def decisions(self, shell: list[dom.Block]) -> list[Decision]:
        """The shell page's blocks, none story, then the JSON text's, kept or dropped."""
        why = f"the page's HTML: the story is read from its {self.article.source}"
        return [Decision(b.text, False, why) for b in shell] + self.story.decisions(self.doc.blocks)


@dataclass(frozen=True)
class Embedded:
    """What the page's state scripts hold, and the article read from them, or why none was."""

    scripts: tuple[StateScript, ...]
    story: EmbeddedStory | None
    verdict: str


def read_embedded(doc: Document, html_story: Story, tags: list[str]) -> Embedded:
    """The article in the page's state scripts, taken when the HTML's own story is far shorter."""
    scripts = tuple(state_scripts(doc.decoded.text)) if doc.root is not None else ()
    if not scripts:
        return Embedded(scripts, None, "no state script")
    found, why = find_article(scripts, doc, needs_title=html_story.chars >= MIN_STORY_CHARS)
    if found is None:
        return Embedded(scripts, None, why)
    story = read_json_story(doc.url, found, tags or list(found.tags), html_story.description)
    if story.story.chars < max(MIN_STORY_CHARS, JSON_STORY_GAIN * html_story.chars):
        return Embedded(scripts, None, f"the {found.source} holds {story.story.chars} story characters, "
                                       f"the HTML {html_story.chars}: the HTML's story is read")
    return Embedded(scripts, story, f"the story is read from the {found.source}: {story.story.chars} characters, "
                                    f"the HTML holds {html_story.chars}")


# -- finding and parsing the states ------------------------------------------------------------
def state_scripts(text: str) -> Iterator[StateScript]:
    """Each state script of a decoded page, parsed when it is a bounded JSON literal."""
    for marker in _MARKERS:
        pos = 0
        for _ in range(MAX_STATE_MARKERS):
            at = text.find(marker, pos)
            if at < 0:
                break
            pos = at + len(marker)
            span = _script_around(text, at)
            if span is not None:
                yield _parse(marker, text, at, *span)


def _script_around(text: str, at: int) -> tuple[int, int, int] | None:
    """(start of the opening tag, its end, start of the closing tag) of the script holding
    ``at``, or None when ``at`` is outside any script (a page's text naming the marker)."""
    opening = text.rfind(_SCRIPT_OPEN, 0, at)
    if opening < 0 or text.rfind(_SCRIPT_CLOSE, opening, at) >= 0:
        return None
    tag_end = text.find(">", opening)
    if tag_end < 0:
        return None
    close = text.find(_SCRIPT_CLOSE, max(tag_end, at))
    return opening, tag_end, close if close >= 0 else len(text)


def _parse(marker: str, text: str, at: int, opening: int, tag_end: int, close: int) -> StateScript:
    quoted = False
    if at < tag_end:  # the marker names the script (`<script id="__NEXT_DATA__" type="application/json">`)
        if "json" not in text[opening:tag_end].lower():
            return StateScript(marker, close - tag_end, skipped="a script named for the state, but not JSON")
        start = tag_end + 1
    else:  # assigned in a script: `window.__NUXT__ = {…}`
        m = _ASSIGNED.match(text, at + len(marker), close)
        if m is None:
            return StateScript(marker, close - at, skipped="named in a script, not assigned")
        start = m.end()
        quoted = text.startswith(_JSON_PARSE, start)  # `JSON.parse("{\"a\":1}")`: a JSON string of JSON
        start += len(_JSON_PARSE) if quoted else 0
        if start >= close or text[start] not in ('"' if quoted else "{["):
            return StateScript(marker, close - start, skipped="not a JSON literal (a script computes it): not run")
    chars = close - start
    if chars > MAX_STATE_JSON:
        return StateScript(marker, chars, skipped=f"{chars} characters: more than {MAX_STATE_JSON} are not parsed")
    try:
        data, _ = json.JSONDecoder().raw_decode(text[start:close].lstrip())
        if quoted:
            data = json.loads(data)
    except RecursionError:
        return StateScript(marker, chars, skipped="nested too deep to parse")
    except ValueError as exc:
        return StateScript(marker, chars, skipped=f"not JSON ({exc})")
    return StateScript(marker, chars, data)


# -- finding the article in a state ----------------------------------------------------------
def find_article(scripts: tuple[StateScript, ...], doc: Document, needs_title: bool = False
                 ) -> tuple[JsonArticle | None, str]:
    """The one article-like object of the states, and why; with several (the same story
    twice counts once), the one the <title> names or the URL holds the id of. With
    ``needs_title`` (the HTML prints a story of its own) only a named one is taken."""
    found: dict[tuple[str, str], JsonArticle] = {}
    singled: dict[tuple[str, str], JsonArticle] = {}
    for script in scripts:
        if script.data is None:
            continue
        for path, obj in _objects(script.data):
            article = _article_at(script.marker, path, obj)
            if article is None:
                continue
            key = (article.headline, article.body[:MIN_JSON_STORY])
            found.setdefault(key, article)
            if _named(doc.title_text, article.headline) or _id_in_url(obj, doc.url):
                singled.setdefault(key, article)
    if not found:
        read = sum(s.data is not None for s in scripts)
        return None, f"{read} of {len(scripts)} state scripts parsed, no object holds a headline over a story"
    if len(singled) == 1:
        return next(iter(singled.values())), "the object the <title> or the URL names"
    if len(found) == 1 and not needs_title:
        return next(iter(found.values())), "the only object with a headline over a story"
    return None, (f"{len(found)} objects hold a headline over a story and {len(singled)} of them the <title> "
                  "or the URL names: a list, or not the page's own")


def _objects(data: object) -> Iterator[tuple[str, dict]]:
    """(JSON path, object) of every object of ``data`` in document order, within the bounds."""
    stack: list[tuple[str, object, int]] = [("", data, 0)]
    seen = 0
    while stack and seen < MAX_JSON_NODES:
        path, node, depth = stack.pop()
        seen += 1
        if isinstance(node, dict):
            yield path, node
            if depth < MAX_JSON_DEPTH:
                stack += [(f"{path}.{k}" if path else str(k), v, depth + 1)
                          for k, v in reversed(node.items()) if isinstance(v, (dict, list))]
        elif isinstance(node, list) and depth < MAX_JSON_DEPTH:
            stack += [(f"{path}[{i}]", v, depth + 1)
                      for i, v in reversed(list(enumerate(node))) if isinstance(v, (dict, list))]


def _article_at(marker: str, path: str, obj: dict) -> JsonArticle | None:
    """The object as an article: a headline-like string beside a long text, else None."""
    headline_key = next((k for k in _HEADLINE_KEYS if isinstance(v := obj.get(k), str) and len(v) >= MIN_HEADLINE
                         and MIN_HEADLINE <= len(dom.collapse(v)) <= MAX_JSON_HEADLINE), None)
    if headline_key is None:
        return None
    best: tuple[int, str, str, bool] | None = None
    for key, value in obj.items():
        if not isinstance(value, str) or len(value) < MIN_JSON_STORY or str(key).lower() in _NOT_BODY:
            continue
        is_html = _MARKUP.search(value) is not None
        text = dom.collapse(html.unescape(_TAG.sub(" ", value)) if is_html else value)
        if len(text) >= MIN_JSON_STORY and _prose(text) and (best is None or len(text) > best[0]):
            best = (len(text), str(key), value, is_html)
    if best is None:
        return None
    _, body_key, body, is_html = best
    date_key, date = _date(obj)
    author_key, author = _author(obj)
    summary = next((dom.collapse(html.unescape(_TAG.sub(" ", v))) for k in _SUMMARY_KEYS
                    if isinstance(v := obj.get(k), str) and v.strip()), None)
    return JsonArticle(marker, path, headline_key, dom.collapse(obj[headline_key]), body_key, body, is_html,
                       date, date_key, author, author_key, summary or None, _tags(obj))


def _prose(text: str) -> bool:
    """Words or ideographs, not a URL, a hash or base64 (judged by the text's opening)."""
    sample = text[:PROSE_SAMPLE]
    return sample.count(" ") * PROSE_WORD_SPAN >= len(sample) or len(_CJK.findall(sample)) >= PROSE_CJK * len(sample)


def _date(obj: dict) -> tuple[str | None, str | None]:
    """(key, date) of the object's publication date, the best-ranked key first."""
    ranked: list[tuple[int, str, str]] = []
    for key, value in obj.items():
        key = str(key)
        rank = next((r for pattern, r in _DATE_RANKS if pattern.search(key)), None)
        raw = _date_value(value) if rank is not None and not _NOT_PUBLISHED.search(key) else None
        if rank is not None and raw is not None:
            ranked.append((rank, key, raw))
    if not ranked:
        return None, None
    _, key, raw = min(ranked, key=lambda r: r[0])
    return key, raw


def _date_value(value: object) -> str | None:
    """A printed date, or an epoch time (seconds or milliseconds) given as +08:00."""
    if isinstance(value, str) and len(value) <= MAX_DATE_LINE and dates.DATE_IN_TEXT.search(value):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > _EPOCH[1] else value
        if _EPOCH[0] <= seconds <= _EPOCH[1]:
            return datetime.fromtimestamp(seconds, _CHINA).isoformat()
    return None


def _author(obj: dict) -> tuple[str | None, str | None]:
    for key in _AUTHOR_KEYS:
        value = obj.get(key)
        names = [n for n in map(_name, value if isinstance(value, list) else [value]) if n]
        if names:
            return key, " ".join(names)
    return None, None


def _tags(obj: dict) -> tuple[str, ...]:
    """The article's tags: a list of names, or of objects that name them."""
    value = next((v for k in _TAG_KEYS if isinstance(v := obj.get(k), list)), [])
    return tuple(dict.fromkeys(n for n in map(_name, value[:MAX_TAGS_KEPT]) if n))


def _name(value: object) -> str | None:
    if isinstance(value, dict):
        value = next((v for k in _NAME_KEYS if isinstance(v := value.get(k), str) and v.strip()), None)
    if isinstance(value, str):
        name = dom.collapse(value)
        return name if 0 < len(name) <= MAX_NAME else None
    return None


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _named(title: str, headline: str) -> bool:
    """The <title> holds the headline (or the headline the <title>, a long one)."""
    title, headline = _squeezed(title), _squeezed(headline)
    return bool(title) and (headline in title or (len(title) >= MIN_TITLED_HEADLINE and title in headline))


def _id_in_url(obj: dict, url: str) -> bool:
    """The object's slug or id is a segment of the page's URL path (`/p/88120`, `/news/eth-merge.html`)."""
    path = url.split("?", 1)[0].split("#", 1)[0].split("://", 1)[-1]
    segments = set(re.split(r"[/._-]+", path)) | set(re.split(r"[/.]", path))
    ids = (str(v) for k in _ID_KEYS if isinstance(v := obj.get(k), (str, int)) and not isinstance(v, bool))
    return any(len(i) >= MIN_STATE_ID and i in segments for i in ids)


# -- reading the article's text --------------------------------------------------------------
def read_json_story(url: str, article: JsonArticle, tags: list[str], description: str | None = None) -> EmbeddedStory:
    """The article's text parsed as a page holding only the story, and read as one;
    ``description`` is the page's, for a JSON article with no summary."""
    body = article.body if article.is_html else "".join(
        f"<p>{html.escape(line)}</p>" for line in article.body.splitlines() if line.strip())
    doc = Document(url, f"<html><body>{body}</body></html>".encode(), encoding="utf-8")
    bounds = StoryBounds.of(doc)
    found = FoundHeadline([], article.source_of(article.headline_key), article.headline,
                          split_headline(article.headline, tags), None, frozenset())
    container = Container(doc.body_el, doc.blocks, frozenset(id(b) for b in doc.blocks))
    story = read_story(bounds, found, container)
    if not story.description and (article.description or description):
        story = replace(story, description=article.description or description)
    return EmbeddedStory(article, found, story, doc, read_fields(bounds, found, container, story))
