"""A feed file's lines: how one is written, read back, repaired and followed.

Each item is one line of JSON ending in a newline, written whole and flushed at once
(``crawler.feeds.exporter``), so a line in a file is an item that left the process. A crawl
killed mid-write can leave half a line at a file's end; every reader takes complete lines
only. The crawl state, which owns the folder while its crawl holds the lock, cuts that half
line (``repair``): its item is fetched again. A loader that may run beside a writing crawl
leaves it (``tail``): a later load finishes it. Readers that keep their place (the state,
PostgreSQL) read from the byte offset where they stopped, one line held at a time.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from pathlib import Path

from . import files

logger = logging.getLogger(__name__)
SKIP_CHUNK = 1 << 20  # bytes read at a time while the rest of an over-long line is skipped


def encode(text: str, encoding: str = "utf-8") -> bytes:
    """One line's bytes. Text the encoding cannot carry (an unpaired surrogate, which the
    reader removes from pages) is written as its JSON escape: the line stays valid JSON
    and the item is never lost."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, "backslashreplace")


def repair(path: Path, start: int = 0) -> int:
    """Cut a half-written last line past ``start``; returns the file's usable length."""
    size = path.stat().st_size
    if size <= start:
        return size
    with path.open("rb+") as f:
        f.seek(max(start, size - 1))
        if f.read(1) == b"\n":
            return size
        f.seek(start)
        data = f.read()
        keep = start + data.rfind(b"\n") + 1 if b"\n" in data else start
        f.truncate(keep)
        os.fsync(f.fileno())
    logger.warning("Cut a partial last line from %s (%d bytes): its item will be fetched again", path, size - keep)
    return keep


def tail(path: Path, start: int = 0, end: int | None = None,
         max_bytes: int | None = None) -> Iterator[tuple[int, bytes | None, int]]:
    """(byte offset, line, its length) of each complete line from ``start`` (to ``end``),
    one held at a time; an incomplete last line is left unread. With ``max_bytes``, a longer
    line is None and the rest of it is skipped unread."""
    with path.open("rb") as f:
        f.seek(start)
        offset = start
        limit = -1 if max_bytes is None else max_bytes + 1
        while (end is None or offset < end) and (raw := f.readline(limit)):
            size = len(raw)
            line: bytes | None = raw
            if not raw.endswith(b"\n"):
                if max_bytes is None or size <= max_bytes:
                    return  # still being written
                line = None
                del raw  # not held while the rest is skipped
                while (chunk := f.readline(SKIP_CHUNK)) and not chunk.endswith(b"\n"):
                    size += len(chunk)
                if not chunk:
                    return
                size += len(chunk)
            yield offset, line, size
            offset += size


def items(path: Path, start: int = 0, end: int | None = None) -> Iterator[dict]:
    """The item of each complete line from ``start`` (to ``end``); blank lines are none."""
    for _, line, _ in tail(path, start, end):
        if line is not None and line.strip():
            yield json.loads(line)


def read_items(feed_dir: str | Path, pattern: str) -> Iterator[tuple[str, dict]]:
    """(kind, item) for every complete line of the feed files matching ``pattern``, each
    file repaired first."""
    for kind, path in files(feed_dir, pattern):
        for item in items(path, 0, repair(path)):
            yield kind, item


def first_item(path: Path) -> dict | None:
    """The item of a file's first line; None when it has none yet or it is not an item."""
    for _, line, _ in tail(path):
        try:
            item = json.loads(line or b"")
        except ValueError:
            return None
        return item if isinstance(item, dict) else None
    return None
