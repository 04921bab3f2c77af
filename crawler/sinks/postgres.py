"""The feeds in PostgreSQL: tables a person can query, brought up to date from the feed files.

    python -m crawler.sinks.postgres sync output postgresql://postgres@127.0.0.1/news

The feeds stay the truth. Each feed file's lines are loaded from where the last load
stopped, and the new offset is committed in the same transaction as the rows, so a load
killed at any moment, a database that was down for a run, or two workers loading the same
folder all end with each line in the database once (the line's file and byte offset are a
unique key as well). Only complete lines are read: a file still being written is left as
it is and finished by a later load.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import psycopg.errors
from psycopg.types.json import Jsonb

from .. import feeds
from ..pages.codepoints import valid
from ..reasons import RejectReason

logger = logging.getLogger(__name__)

# The schema, one migration a step; a database records the steps it has had.
MIGRATIONS = [
    """
    CREATE TABLE runs (
        report_file text PRIMARY KEY,       -- the report's file name under reports/
        spider text, started timestamptz, finish_reason text, verdict text,
        pages integer, requests integer, items jsonb, rejects jsonb, report jsonb NOT NULL);
    CREATE TABLE articles (
        url text NOT NULL, story_id text NOT NULL, host text NOT NULL,
        headline text, author text, editor text, category text,
        date_published timestamptz, date_published_raw text, date_published_status text,
        story_cluster text, repost_of text, article_body text, tags jsonb, in_language text,
        date_downloaded timestamptz, item jsonb NOT NULL,
        feed_file text NOT NULL, line_offset bigint NOT NULL,
        PRIMARY KEY (url, story_id), UNIQUE (feed_file, line_offset));
    CREATE TABLE briefs (
        id text PRIMARY KEY, headline text, body text, source text,
        date_published timestamptz, date_published_raw text, first_seen_in text, item jsonb NOT NULL,
        feed_file text NOT NULL, line_offset bigint NOT NULL, UNIQUE (feed_file, line_offset));
    CREATE TABLE article_briefs (                -- the briefs each article carried, in page order
        url text NOT NULL, story_id text NOT NULL, position integer NOT NULL, brief_id text NOT NULL,
        PRIMARY KEY (url, story_id, position),
        FOREIGN KEY (url, story_id) REFERENCES articles ON DELETE CASCADE);
    CREATE TABLE rejects (
        url text NOT NULL, reason text NOT NULL, detail text, status integer, item jsonb NOT NULL,
        feed_file text NOT NULL, line_offset bigint NOT NULL, PRIMARY KEY (feed_file, line_offset));
    CREATE TABLE feed_offsets (feed_file text PRIMARY KEY, byte_offset bigint NOT NULL);
    CREATE INDEX articles_host ON articles (host);
    CREATE INDEX articles_day ON articles (date_published);
    CREATE INDEX articles_cluster ON articles (story_cluster);
    CREATE INDEX briefs_source ON briefs (source);
    CREATE INDEX briefs_day ON briefs (date_published);
    CREATE INDEX article_briefs_brief ON article_briefs (brief_id);
    CREATE INDEX rejects_reason ON rejects (reason);
    """,
]
_LOCK = 0x6E657773  # advisory lock key ("news") for migrations
# A feed line longer than this is refused unread: its item and its article_body column
# would pass jsonb's 256 MiB and the protocol's 1 GiB message. The crawl's own items stay
# far below it (NEWS_MAX_STORY_CHARS).
MAX_LINE_BYTES = 192 << 20
REFUSED = RejectReason.POSTGRES_REFUSED.value  # the reason of a line the database cannot take


def migrate(conn: psycopg.Connection) -> int:
    """Bring the schema up to date; returns its version."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
        conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
                     "applied timestamptz NOT NULL DEFAULT now())")
        done = _one(conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations"))
        for version, sql in enumerate(MIGRATIONS[done:], start=done + 1):
            conn.execute(sql)
            conn.execute("INSERT INTO schema_migrations (version) VALUES (%s)", (version,))
    return len(MIGRATIONS)


def _one(cursor):
    """The first column of a query's one row (an aggregate or a row inserted just before)."""
    row = cursor.fetchone()
    assert row is not None
    return row[0]


def _complete_lines(path: Path, start: int) -> Iterator[tuple[int, bytes | None, int]]:
    """(byte offset, line, its length) of each complete line from ``start``, one held at a
    time; the line is None when it is over MAX_LINE_BYTES (the rest of it is skipped unread)."""
    with path.open("rb") as f:
        f.seek(start)
        offset = start
        while raw := f.readline(MAX_LINE_BYTES + 1):
            size = len(raw)
            line: bytes | None = raw
            if not raw.endswith(b"\n"):
                if size <= MAX_LINE_BYTES:
                    return  # still being written: a later load finishes it
                line = None  # neither held while the rest is skipped
                del raw
                while (chunk := f.readline(1 << 20)) and not chunk.endswith(b"\n"):
                    size += len(chunk)
                if not chunk:
                    return
                size += len(chunk)
            yield offset, line, size
            offset += size


def _when(value: str | None):
    return datetime.fromisoformat(value) if value else None


def _article(cur, item: dict, where: tuple[str, int]) -> int:
    cur.execute(
        "INSERT INTO articles VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        " ON CONFLICT DO NOTHING",
        (item["url"], item.get("storyId") or "", urlsplit(item["url"]).netloc, item.get("headline"),
         item.get("author"), item.get("editor"), item.get("category"), _when(item.get("datePublished")),
         item.get("datePublishedRaw"), item.get("datePublishedStatus"), item.get("storyCluster"),
         item.get("repostOf"), item.get("articleBody"), Jsonb(item.get("tags") or []), item.get("inLanguage"),
         _when(item.get("dateDownloaded")), Jsonb(item), *where))
    if not cur.rowcount:
        return 0
    cur.executemany("INSERT INTO article_briefs VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                    [(item["url"], item.get("storyId") or "", i, b) for i, b in enumerate(item.get("briefIds") or [])])
    return 1


def _brief(cur, item: dict, where: tuple[str, int]) -> int:
    cur.execute("INSERT INTO briefs VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (item["id"], item.get("headline"), item.get("body"), item.get("source"),
                 _when(item.get("datePublished")), item.get("datePublishedRaw"), item.get("firstSeenIn"),
                 Jsonb(item), *where))
    return cur.rowcount


def _reject(cur, item: dict, where: tuple[str, int]) -> int:
    cur.execute("INSERT INTO rejects VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                (item["url"], item["reason"], item.get("detail"), item.get("status"), Jsonb(item), *where))
    return cur.rowcount


_LOADERS = {"articles": _article, "briefs": _brief, "rejects": _reject}


def _refused(cur, kind: str, url: str, where: tuple[str, int], why: str) -> None:
    """A feed line the database cannot take, as a reject row in its place (keyed by the line)."""
    url, why = valid(url)[0], valid(why)[0]
    logger.warning("PostgreSQL refused %s (%s line at byte %d of %s): %s; recorded as a %s reject",
                   url or "a line", kind, where[1], where[0], why, REFUSED)
    item = {"url": url, "reason": REFUSED, "kind": "reject", "detail": why, "feedFile": where[0],
            "lineOffset": where[1]}
    cur.execute("INSERT INTO rejects VALUES (%s, %s, %s, NULL, %s, %s, %s) ON CONFLICT DO NOTHING",
                (url, REFUSED, why, Jsonb(item), *where))


# What makes one line unstorable (its text, a date out of range, not JSON, too big for
# jsonb), as opposed to the database or the machine failing.
_UNSTORABLE = (psycopg.DataError, psycopg.IntegrityError, psycopg.errors.ProgramLimitExceeded,
               ValueError, KeyError, TypeError, AttributeError)
CHUNK_LINES, CHUNK_BYTES = 500, 16 << 20  # lines a savepoint; a refused line redoes its chunk line by line


def _load_chunk(conn: psycopg.Connection, cur, kind: str, name: str, chunk: list[tuple[int, bytes]]) -> tuple[int, int]:
    """Rows added and lines refused of some lines: under one savepoint, and when the database
    refuses one of them, again under a savepoint a line, each refused line a reject row."""
    try:
        with conn.transaction():
            return sum(_LOADERS[kind](cur, json.loads(raw), (name, offset)) for offset, raw in chunk), 0
    except _UNSTORABLE:
        pass
    added = refused = 0
    for offset, raw in chunk:
        item: dict = {}
        try:
            with conn.transaction():
                item = json.loads(raw)
                added += _LOADERS[kind](cur, item, (name, offset))
        except _UNSTORABLE as e:
            url = item.get("url") if isinstance(item, dict) else None
            _refused(cur, kind, url if isinstance(url, str) else "", (name, offset),
                     f"{type(e).__name__}: {str(e).strip().splitlines()[0] if str(e).strip() else ''}")
            refused += 1
    return added, refused


def _load_file(conn: psycopg.Connection, directory: Path, kind: str, path: Path) -> tuple[int, int]:
    """Rows added and lines refused."""
    name = path.relative_to(directory).as_posix()
    added = refused = 0
    with conn.transaction(), conn.cursor() as cur:
        # one loader a file at a time, whichever worker: the offset row is locked until commit
        cur.execute("INSERT INTO feed_offsets VALUES (%s, 0) ON CONFLICT DO NOTHING", (name,))
        start = _one(cur.execute("SELECT byte_offset FROM feed_offsets WHERE feed_file = %s FOR UPDATE", (name,)))
        end, chunk, held = start, [], 0
        for offset, raw, size in _complete_lines(path, start):
            end = offset + size
            if raw is None:
                _refused(cur, kind, "", (name, offset), f"a line of {size} bytes: over {MAX_LINE_BYTES}")
                refused += 1
            elif raw.strip():
                chunk.append((offset, raw))
                held += size
            if chunk and (len(chunk) >= CHUNK_LINES or held >= CHUNK_BYTES):
                a, r = _load_chunk(conn, cur, kind, name, chunk)
                added, refused, chunk, held = added + a, refused + r, [], 0
        if chunk:
            a, r = _load_chunk(conn, cur, kind, name, chunk)
            added, refused = added + a, refused + r
        if end > start:
            cur.execute("UPDATE feed_offsets SET byte_offset = %s WHERE feed_file = %s", (end, name))
    return added, refused


def _load_report(conn: psycopg.Connection, path: Path) -> int:
    report = json.loads(path.read_text("utf-8"))
    cur = conn.execute(
        "INSERT INTO runs VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
        (path.name, report.get("spider"), _when(report.get("start_time")), report.get("finish_reason"),
         report.get("verdict"), report.get("pages"), report.get("requests"), Jsonb(report.get("items") or {}),
         Jsonb(report.get("rejects") or {}), Jsonb(report)))
    return cur.rowcount


def sync(url: str, feed_dir: str | Path, pattern: str = "*.jsonl") -> dict[str, int]:
    """Load every feed line and run report of ``feed_dir`` the database does not have yet.
    Returns the rows added per kind (``runs`` for reports; a line already there adds none)
    and the lines the database refused (``refused``: each a ``postgres_refused`` reject row)."""
    directory = Path(feed_dir)
    counts = dict.fromkeys([*feeds.KINDS, "runs", "refused"], 0)
    with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
        migrate(conn)
        # articles before briefs and rejects, file by file in name order: runs in the order they ran
        for kind, path in feeds.files(directory, pattern):
            added, refused = _load_file(conn, directory, kind, path)
            counts[kind] += added
            counts["refused"] += refused
        for path in sorted((directory / feeds.REPORTS).glob("*.json")):
            try:
                with conn.transaction():
                    counts["runs"] += _load_report(conn, path)
            except (psycopg.DataError, ValueError) as e:  # a report cut short by a kill: the feeds hold the items
                counts["refused"] += 1
                logger.warning("PostgreSQL: the report %s is not loaded: %s: %s", path, type(e).__name__, e)
    return counts


def main(argv=None) -> None:
    """Bad arguments exit 2 and a database that cannot be used exits 1, each with one line."""
    ap = argparse.ArgumentParser(prog="python -m crawler.sinks.postgres",
                                 description="Load a feed folder into PostgreSQL (each line once).")
    ap.add_argument("command", choices=["sync"])
    ap.add_argument("feed_dir")
    ap.add_argument("database_url")
    args = ap.parse_args(argv)
    if not Path(args.feed_dir).is_dir():
        ap.error(f"{args.feed_dir}: no such folder")
    if urlsplit(args.database_url).scheme not in ("postgresql", "postgres"):
        ap.error(f"{args.database_url}: not a PostgreSQL URL (postgresql://user@host:5432/dbname)")
    try:
        counts = sync(args.database_url, args.feed_dir)
    except (psycopg.Error, OSError) as e:
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        sys.exit(f"{ap.prog}: PostgreSQL could not load {args.feed_dir}: {first}")
    refused = counts.pop("refused")
    print(", ".join(f"{n} {kind}" for kind, n in counts.items()) + " added"
          + (f"; {refused} lines refused (rejects with reason {REFUSED})" if refused else ""))


if __name__ == "__main__":
    main()
