"""Crawl state in one SQLite file (WAL journal: a killed writer leaves it consistent)."""
from __future__ import annotations

import os
import sqlite3
import time
from contextlib import AbstractContextManager
from pathlib import Path

from ..pages.fingerprints import StoryKeys
from ..reasons import remembered
from . import briefledger, reposts
from .base import downloaded_at

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, story_id TEXT, kind TEXT, recorded REAL);
CREATE TABLE IF NOT EXISTS briefs (id TEXT PRIMARY KEY, first_seen_in TEXT, recorded REAL);
CREATE TABLE IF NOT EXISTS brief_bodies (first_id TEXT, id TEXT, body TEXT, PRIMARY KEY (first_id, id));
CREATE TABLE IF NOT EXISTS copies (story_id TEXT PRIMARY KEY, url TEXT, cluster TEXT, head TEXT, seen REAL, sig BLOB);
CREATE TABLE IF NOT EXISTS bands (key INTEGER PRIMARY KEY, story_id TEXT);
CREATE TABLE IF NOT EXISTS feed_files (path TEXT PRIMARY KEY, offset INTEGER);
CREATE TABLE IF NOT EXISTS validators (url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, fetched REAL);
CREATE TABLE IF NOT EXISTS runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started REAL, finished REAL);
"""


class SqliteState:
    def __init__(self, path: str | Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path))
        self.db.execute("PRAGMA journal_mode=WAL")
        had_bodies = self._has_table("brief_bodies")
        self.db.executescript(_SCHEMA)
        self._migrate(had_bodies)
        self.run_id: int | None = None
        # claims of this run; earlier runs' emissions are in the tables (from the feeds)
        self._briefs: set[str] = set()
        self._bodies: dict[str, list[tuple[str, str]]] = {}  # this run's claims: first id -> (body key, id)
        self._pages: set[str] = set()
        self._copies = reposts.RepostIndex()
        self._keys: StoryKeys | None = None

    def _has_table(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None

    def _migrate(self, had_bodies: bool) -> None:
        """A state file from before near-duplicate detection: its exact stories become copies.
        One from before brief bodies were kept: the briefs' feeds are read again from their
        start at the next reconciliation (recording a brief twice changes nothing)."""
        if self._has_table("stories"):
            self.db.execute("INSERT OR IGNORE INTO copies SELECT id, url, id, url, 0, NULL FROM stories")
            self.db.execute("DROP TABLE stories")
        if not had_bodies:
            self.db.execute("DELETE FROM feed_files WHERE path LIKE ?", (f"%{os.sep}briefs{os.sep}%",))
        self.db.commit()

    def article(self, url: str) -> tuple[str | None, float] | None:
        row = self.db.execute("SELECT story_id, recorded FROM pages WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else None

    def has_brief(self, brief_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM briefs WHERE id = ?", (brief_id,)).fetchone() is not None

    def brief_bodies(self, first_id: str) -> list[tuple[str, str]]:
        rows = self.db.execute("SELECT body, id FROM brief_bodies WHERE first_id = ?", (first_id,)).fetchall()
        return [(body, bid) for body, bid in rows] + self._bodies.get(first_id, [])

    # -- the repost index: this run's copies in memory, earlier runs' from the feeds ---------
    def copy_of(self, story_id: str) -> reposts.Copy | None:
        row = self.db.execute("SELECT * FROM copies WHERE story_id = ?", (story_id,)).fetchone()
        return _copy(row) if row else self._copies.copy_of(story_id)

    def candidates(self, keys: list[int]) -> list[reposts.Copy]:
        marks = ",".join("?" * len(keys))
        rows = self.db.execute(f"SELECT c.* FROM bands b JOIN copies c ON c.story_id = b.story_id "
                               f"WHERE b.key IN ({marks})", keys).fetchall()
        return [_copy(r) for r in rows] + self._copies.candidates(keys)

    def add_copy(self, copy: reposts.Copy) -> None:
        self._copies.add_copy(copy)

    def repost_lock(self) -> AbstractContextManager:
        return self._copies.repost_lock()

    def _record_copy(self, item: dict) -> None:
        if self._keys is None:
            self._keys = StoryKeys()
        copy = reposts.from_feed(item, self._keys, downloaded_at(item), self._seen)
        if copy is None or not self.db.execute("INSERT OR IGNORE INTO copies VALUES (?, ?, ?, ?, ?, ?)", (
                copy.story_id, copy.url, copy.cluster, copy.head, copy.seen, reposts.to_bytes(copy.sig))).rowcount:
            return
        if copy.sig is not None:
            self.db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)",
                                [(k, copy.story_id) for k in copy.bands])

    def _seen(self, story_id: str) -> float | None:
        row = self.db.execute("SELECT seen FROM copies WHERE story_id = ?", (story_id,)).fetchone()
        return row[0] if row else None

    def record(self, kind: str, item: dict) -> None:
        now = time.time()
        if kind == "articles":
            self.db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, 'article', ?)",
                            (item["url"], item.get("storyId"), downloaded_at(item)))
            self._record_copy(item)
        elif kind == "rejects" and remembered(item.get("reason", "")):
            self.db.execute("INSERT OR IGNORE INTO pages VALUES (?, NULL, 'reject', ?)", (item["url"], now))
        elif kind == "briefs":
            self.db.execute("INSERT OR IGNORE INTO briefs VALUES (?, ?, ?)", (item["id"], item.get("firstSeenIn"), now))
            if self._keys is None:
                self._keys = StoryKeys()
            first_id, key = briefledger.identify(item, self._keys.t2s)
            self.db.execute("INSERT OR IGNORE INTO brief_bodies VALUES (?, ?, ?)", (first_id, item["id"], key))

    def claim_brief(self, brief_id: str, page: str | None = None, first_id: str | None = None,
                    body_key: str | None = None) -> bool:
        if brief_id in self._briefs or self.has_brief(brief_id):
            return False
        self._briefs.add(brief_id)
        if body_key is not None:
            self._bodies.setdefault(first_id or brief_id, []).append((body_key, brief_id))
        return True

    def claim_article(self, url: str, story_id: str | None) -> bool:
        known = self.article(url)
        if url in self._pages or (known is not None and known[0] == story_id):
            return False
        self._pages.add(url)
        return True

    def claim_reject(self, url: str, reason: str) -> bool:
        if url in self._pages or self.article(url) is not None:
            return False
        self._pages.add(url)
        return True

    def feed_offset(self, path: str) -> int:
        row = self.db.execute("SELECT offset FROM feed_files WHERE path = ?", (path,)).fetchone()
        return row[0] if row else 0

    def set_feed_offset(self, path: str, offset: int) -> None:
        self.db.execute("INSERT OR REPLACE INTO feed_files VALUES (?, ?)", (path, offset))

    def validators(self, url: str) -> dict | None:
        row = self.db.execute("SELECT etag, last_modified, fetched FROM validators WHERE url = ?", (url,)).fetchone()
        return dict(zip(("etag", "last_modified", "fetched"), row, strict=True)) if row else None

    def set_validators(self, url: str, validators: dict) -> None:
        self.db.execute("INSERT OR REPLACE INTO validators VALUES (?, ?, ?, ?)",
                        (url, validators.get("etag"), validators.get("last_modified"), validators["fetched"]))
        self.db.commit()

    def last_run_finished(self) -> bool:
        last = self.db.execute("SELECT finished FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        return last is None or last[0] is not None

    def begin_run(self) -> None:
        self.run_id = self.db.execute("INSERT INTO runs (started) VALUES (?)", (time.time(),)).lastrowid
        self.db.commit()

    def end_run(self) -> None:
        self.db.execute("UPDATE runs SET finished = ? WHERE id = ?", (time.time(), self.run_id))
        self.db.commit()

    def commit(self) -> None:
        self.db.commit()

    def close(self) -> None:
        self.db.close()


def _copy(row: tuple) -> reposts.Copy:
    story_id, url, cluster, head, seen, sig = row
    return reposts.Copy(story_id, url, cluster, head, seen, reposts.from_bytes(sig))
