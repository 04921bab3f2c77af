"""Where the feeds live and what their files are called: one place that the add-on (which
writes them), the crawl state (which indexes them), the report and a worker's
reconciliation all read.

    <NEWS_FEED_DIR>/<kind>/<NEWS_FEED_NAME>     kind: articles, briefs, rejects
    <NEWS_FEED_DIR>/reports/<time>.json

``NEWS_FEED_NAME`` may use Scrapy's feed URI parameters (``%(time)s``…); the state finds
every file the name could have made, whatever its extension. A worker of a distributed
crawl writes ``<name>-<worker>.<ext>``.

A feed never leaves its kind's folder: a parameter's value (a spider argument,
``-a start_urls=http://a.example/../../x``) is made a plain file name before it is put in, and a name that leads
out of the folder by itself (``../all.jsonl``, which every kind would share) is refused.
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.exceptions import UsageError

from ..engine import distributed

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.settings import BaseSettings

# Item kind -> the item class whose feed it is.
KINDS = {"articles": "crawler.items.Article", "briefs": "crawler.items.Brief", "rejects": "crawler.items.Reject"}
REPORTS = "reports"
_PARAMETER = re.compile(r"%\([^)]*\)[sd]")
_TEXT_PARAMETER = re.compile(r"%\(([^)]*)\)s")
_UNSAFE = re.compile(r"[^\w.+-]")  # what a parameter's value may not carry into a file name


def feed_dir(settings: BaseSettings) -> Path | None:
    value = settings.get("NEWS_FEED_DIR")
    return Path(value) if value else None


def file_name(settings: BaseSettings) -> str:
    """The name pattern of this crawl's feed files (a worker's own, in a distributed crawl)."""
    name = settings.get("NEWS_FEED_NAME")
    if distributed.enabled(settings):
        return with_suffix(name, f"-{distributed.worker_id(settings)}")
    return name


def with_suffix(name: str, suffix: str) -> str:
    """`%(time)s.jsonl` + `-w1` -> `%(time)s-w1.jsonl` (the extension stays last)."""
    stem, dot, ext = name.rpartition(".")
    return f"{stem}{suffix}.{ext}" if dot and "/" not in ext and "%" not in ext else f"{name}{suffix}"


def glob_of(name: str) -> str:
    """The files a name pattern makes: `%(time)s.jl` -> `*.jl`."""
    return _PARAMETER.sub("*", name)


def files(directory: str | Path, pattern: str):
    """(kind, path) of every feed file matching ``pattern``, in name order per kind."""
    root = Path(directory)
    for kind in KINDS:
        if (root / kind).is_dir():
            for path in sorted((root / kind).glob(pattern)):
                if path.is_file():
                    yield kind, path


def uris(settings: BaseSettings) -> dict[str, str]:
    """{feed URI: item class} for each kind."""
    directory = str(settings.get("NEWS_FEED_DIR")).rstrip("/")
    name = file_name(settings)
    check_name(name)
    return {f"{directory}/{kind}/{name}": cls for kind, cls in KINDS.items()}


def check_name(name: str) -> None:
    """Raise UsageError for a ``NEWS_FEED_NAME`` that leads out of its kind's folder."""
    if posixpath.isabs(name) or posixpath.normpath(name).split("/")[0] in ("..", "."):
        raise UsageError(f"NEWS_FEED_NAME {name!r} leads out of each kind's folder (<NEWS_FEED_DIR>/<kind>/): "
                         "every kind would write the same file")


def uri_params(params: dict, spider: Spider) -> dict:
    """Scrapy's feed URI parameters, each one the name puts in as text (``%(name)s``, any
    spider attribute: ``%(start_urls)s`` is a list of URLs) made a plain file name."""
    for key in _TEXT_PARAMETER.findall(file_name(spider.crawler.settings)):
        if key in params:
            params[key] = _file_name_part(str(params[key]))
    return params


def _file_name_part(value: str) -> str:
    """`../../tmp/x` -> `_.._tmp_x`: no separator, no leading dot."""
    safe = _UNSAFE.sub("_", value)
    return "_" + safe[1:] if safe.startswith(".") else safe or "_"
