"""What a link points to, judged from its URL and text: article, tag page, list page, pager."""
from __future__ import annotations

import errno
import os
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from stat import S_ISDIR
from urllib.parse import quote_from_bytes, unquote, urljoin, urlsplit, urlunsplit
from urllib.request import url2pathname

from w3lib.url import safe_url_string

from . import labels, memo

# The network prints articles as /info/<id>.html (once /info<id>.html); sister designs use
# another word before the id. The last segment is a bare number, maybe after a short word;
# other CMSs print show-12.html, article_88.html, detail-88.htm or /archives/4567.
_ARTICLE = re.compile(r"/(?:(?:[a-z]{1,12})?\d{2,}\.(?:s?html?|php)"
                      r"|(?:show|article|detail|content|view|post)[-_]\d{2,}(?:[-_]\d+)*\.(?:s?html?|php|aspx?)"
                      r"|archives/\d{2,}/?)$", re.I)
# Dynamic CMS URLs: an article's id in the query of a script that shows articles
# (`/?p=123` WordPress, `index.php?…&a=show&catid=9&id=200` PHPCMS, `article.php?id=88`);
# `catid=`, `cat=`, `tid=` and `page_id=` name lists and pages, not articles.
_ARTICLE_SCRIPT = re.compile(r"/(?:(?:index|article|news|show|detail|view|content|post|read|archives?)"
                             r"\.(?:php|aspx?|jsp|s?html?))?$", re.I)
_ARTICLE_QUERY = re.compile(r"(?:^|&)(?:p|id|aid|article_?id|news_?id|item_?id|content_?id|doc_?id)=\d{2,}(?:&|$)",
                            re.I)
_TAG = re.compile(r"/(?:tag|tags|keyword|keywords|label)s?/", re.I)
_ASSET = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|ico|css|js|pdf|zip|rar|mp4|mp3|xml|txt|apk|exe)$", re.I)
_HOME_PATH = re.compile(r"/?(?:index|default)?(?:\.(?:s?html?|php|aspx?))?", re.I)
_PAGE_NO = re.compile(r"(?:[_-]|/page/|[?&]page=|[?&]paged=|[?&]p=)(\d{1,5})(?:\.s?html?)?/?$", re.I)
_BARE_PAGE_NO = re.compile(r"/(\d{1,4})(?:\.s?html?)?/?$", re.I)
FOLLOWED_SCHEMES = ("http", "https", "file")


def absolute(base: str, href: str | None) -> str | None:
    """Resolve ``href`` against ``base``; None for fragments, mailto:, javascript: and the like."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    # safe_url_string is slow; plain ASCII hrefs (nearly all) need no escaping
    href = href.split("#", 1)[0]
    if href.isascii() and " " not in href:  # nearly all: no escaping needed
        if href.startswith(("http://", "https://")):
            return href
        if (href.startswith("/") and not href.startswith("//") and "/." not in href
                and base.startswith(("http://", "https://"))):  # `/a/../b` is urljoin's to resolve
            return _origin(base) + href
    else:
        href = safe_url_string(href)
    if base.startswith("file:") and href.startswith("/") and not href.startswith("//"):
        return _in_saved_site(base, href)
    url = urljoin(base, href)
    parts = urlsplit(url)
    if parts.scheme not in FOLLOWED_SCHEMES:
        return None
    return urlunsplit(parts._replace(fragment=""))


def _in_saved_site(base: str, href: str) -> str:
    """`/list/a.html` on a saved page (`file:///home/u/site/info/1.html`) means the saved
    site's root, not the disk's: the nearest folder above the page that holds the target
    or its first folder (`list/`), else the page's own folder (a missing file then names
    the place looked in)."""
    folders = _folders_above(base)
    path, _, query = href.partition("?")
    relative = posixpath.normpath("/" + unquote(path)).lstrip("/")  # `/../../x` is `/x`, as on a site
    first = relative.split("/", 1)[0]
    root = next((folder for folder in folders if _holds(folder, relative, first)), folders[0])
    # a folder's trailing slash stays: `/?p=123` and `/news/?p=12` are a WordPress article's
    # address, whose shape the slash is part of
    slash = "/" if path.endswith("/") else ""
    # Path(root, relative).as_uri() without pathlib, whose objects cost a seventh of the resolution
    target = posixpath.join(root, relative) if relative else root
    return "file://" + quote_from_bytes(os.fsencode(target)) + slash + (f"?{query}" if query else "")


def _holds(folder: str, relative: str, first: str) -> bool:
    """``folder`` holds the target, or the first folder of a deeper target: one look a
    folder, as a target can only be there when its first folder is."""
    if not relative:
        return _mode(folder) is not None
    mode = _mode(posixpath.join(folder, first))
    return S_ISDIR(mode or 0) if "/" in relative else mode is not None


@lru_cache(maxsize=64)
def _folders_above(base: str) -> tuple[str, ...]:
    """The folders above a saved page, nearest first, as strings: a page's links are
    resolved against the same ones, and os.stat on a string costs a fifth of Path.exists."""
    page = Path(url2pathname(urlsplit(base).path))
    return tuple(str(folder) for folder in page.parents) or (str(page.parent),)  # `/` has no parents


# What Path.exists and Path.is_dir take for "not there"; any other error is raised as they raise it.
_ABSENT = frozenset((errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP))


def _mode(path: str) -> int | None:
    """The file mode at ``path``, None when nothing is there."""
    try:
        return os.stat(path).st_mode
    except OSError as e:
        if e.errno not in _ABSENT:
            raise
        return None
    except ValueError:  # a path the file system cannot encode
        return None


@lru_cache(maxsize=256)
def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def same_scheme_family(base: str, url: str) -> bool:
    """No file:// link is followed from a web page, nor a web link from a local file."""
    return (urlsplit(base).scheme == "file") == (urlsplit(url).scheme == "file")


def path_and_query(url: str) -> tuple[str, str]:
    """``urlsplit(url)``'s path and query. A plain web address (nearly every link) is cut
    with three string searches, a fifth of urlsplit's cost; any other goes to urlsplit."""
    if url.startswith(("http://", "https://")) and url.isascii() and url.isprintable():
        rest = url[url.index("//") + 2:]
        cut = len(rest)
        for mark in "/?#":
            at = rest.find(mark, 0, cut)
            if at >= 0:
                cut = at
        if "[" not in rest[:cut] and "]" not in rest[:cut]:  # urlsplit checks a bracketed host
            path, _, query = rest[cut:].partition("#")[0].partition("?")
            return path, query
    parts = urlsplit(url)
    return parts.path, parts.query


@memo.remembered(4096)  # a site links the same menus and sidebars from every page
def is_article_url(url: str) -> bool:
    path, query = path_and_query(url)
    if _TAG.search(path):
        return False
    return bool(_ARTICLE.search(path)) or bool(query and _ARTICLE_SCRIPT.search(path) and _ARTICLE_QUERY.search(query))


def is_home_url(url: str) -> bool:
    """The site's home page: `/`, `/index.html`, `/default.aspx`, with no query."""
    path, query = path_and_query(url)
    return not query and bool(_HOME_PATH.fullmatch(path))


def is_tag_url(url: str) -> bool:
    return bool(_TAG.search(path_and_query(url)[0]))


def is_asset_url(url: str) -> bool:
    return bool(_ASSET.search(path_and_query(url)[0]))


def page_number_in_url(url: str) -> int | None:
    m = _PAGE_NO.search(url)
    return int(m.group(1)) if m else None


def pager_link_number(url: str) -> int | None:
    """The page number of a link known to be a pager's: also a bare last path segment
    (`/list/bnb/2.html`), which on any other link could be an article's id."""
    n = page_number_in_url(url)
    if n is None:
        m = _BARE_PAGE_NO.search(path_and_query(url)[0])
        n = int(m.group(1)) if m else None
    return n


_ARROWS = " <>«»‹›←→"
# A pager's row: a label (`分页：`, `共3页:`, `Pages:`), then numbers, pager words and arrows
# only, spaced or not (`分页：12`, `1 2 下一页`, `上一页 1 2 3 下一页`).
_PAGER_LINE = re.compile(r"(?:(?:分[頁页]|共\d+[頁页]|第\d+[頁页]|Pages?)\s*[:：]?\s*)?"
                         r"(?:\d+|[上下]一?[頁页]|[首尾末][頁页]|Next|Prev(?:ious)?|Last|First"
                         r"|[«»‹›<>…|｜.]|\s)+", re.I)


def is_pager_line(text: str) -> bool:
    """A line of nothing but a pager's words: `1 2 下一页`, `共3页: 上一页 1 2 3 下一页`, `分页：12`."""
    return _PAGER_LINE.fullmatch(text) is not None


def pager_role(text: str) -> str | None:
    """'next', 'prev', 'last', 'first' or 'number' for a pagination link's text."""
    text = text.strip()
    if text.isdigit():
        return "number"
    text = text.strip(_ARROWS) or text  # `下一页 >`, `« 上一頁`: the words decide; a lone `»` is itself
    for role, pattern in (("next", labels.NEXT_PAGE), ("prev", labels.PREV_PAGE),
                          ("last", labels.LAST_PAGE), ("first", labels.FIRST_PAGE)):
        if pattern.match(text):
            return role
    return None
