"""Crawl state in Redis, shared by every worker of a distributed crawl.

Claims are atomic (``HSETNX``) and name the worker that made them: two workers never
emit the same brief, page or story. A worker that starts again releases the claims it
made but never wrote to its feeds (it was killed with items in its buffer), so those
items are emitted on the resumed run instead of being lost.

A brief's claim holds its body key and the id its title and time give (``first``); a
variant's id is also in the set ``<prefix>:state:variants:<first id>``, made for the few ids
that have one: every worker knows which bodies went under an id, and a claim released with
its worker's lost items takes its body with it.
"""
from __future__ import annotations

import base64
import json
import time
from contextlib import AbstractContextManager

import redis

from ..pages.fingerprints import StoryKeys
from ..reasons import remembered
from . import briefledger, reposts
from .base import downloaded_at


class RedisState:
    def __init__(self, server: redis.Redis, prefix: str, worker: str):
        self.r = server
        self.prefix = prefix
        self.worker = worker
        self.pages, self.briefs = f"{prefix}:state:pages", f"{prefix}:state:briefs"
        self.copies, self.bands = f"{prefix}:state:copies", f"{prefix}:state:bands"
        self.stories = f"{prefix}:state:stories"  # story -> first URL, from before near-duplicate detection
        self.transient = f"{prefix}:state:transient"
        self.offsets = f"{prefix}:state:offsets:{worker}"
        self.runs = f"{prefix}:state:runs"
        self.validators_key = f"{prefix}:state:validators"
        self.run_started = time.time()
        #: pages to read again although emitted: they hold a brief whose claim was released
        self.refetch: set[str] = set()
        self._keys: StoryKeys | None = None

    # -- lookups ---------------------------------------------------------------------------
    def article(self, url: str) -> tuple[str | None, float] | None:
        """A page emitted before this run began (claims made since are this crawl's own work)."""
        if url in self.refetch:
            return None
        raw = self.r.hget(self.pages, url)
        if raw is None:
            return None
        value = json.loads(raw)
        if value.get("t", 0.0) >= self.run_started:
            return None
        return value.get("story"), value.get("t", 0.0)

    # -- the repost index, shared by the workers --------------------------------------------
    def copy_of(self, story_id: str) -> reposts.Copy | None:
        raw = self.r.hget(self.copies, story_id)
        if raw is not None:
            return _copy(story_id, raw)
        old = self.r.hget(self.stories, story_id)
        return reposts.Copy(story_id, _text(old), story_id, _text(old), 0.0, None) if old else None

    def candidates(self, keys: list[int]) -> list[reposts.Copy]:
        owners = {_text(o) for o in self.r.hmget(self.bands, keys) if o is not None}
        if not owners:
            return []
        return [_copy(o, raw) for o, raw in zip(owners, self.r.hmget(self.copies, list(owners))) if raw is not None]

    def add_copy(self, copy: reposts.Copy) -> None:
        """First one wins, as for every claim: the entry, then its bands."""
        if self.r.hsetnx(self.copies, copy.story_id, _dump(copy)) and copy.sig is not None:
            pipe = self.r.pipeline(transaction=False)
            for k in copy.bands:
                pipe.hsetnx(self.bands, k, copy.story_id)
            pipe.execute()

    def repost_lock(self) -> AbstractContextManager:
        """Finding a story's earlier copy and adding it is one step across the workers:
        two copies fetched at once by two workers must not both become a first copy."""
        return self.r.lock(f"{self.prefix}:state:reposts-lock", timeout=30, blocking_timeout=60)

    # -- claims: first one wins --------------------------------------------------------------
    def _mark(self, story_id: str | None = None, page: str | None = None, when: float | None = None) -> str:
        return json.dumps({"w": self.worker, "story": story_id, "t": when or time.time(), "page": page})

    def brief_bodies(self, first_id: str) -> list[tuple[str, str]]:
        ids = [first_id, *sorted(_text(v) for v in self.r.smembers(self._variants(first_id)))]
        marks = [json.loads(raw) if raw is not None else {} for raw in self.r.hmget(self.briefs, ids)]
        return [(mark["body"], bid) for bid, mark in zip(ids, marks) if mark.get("body") is not None]

    def _variants(self, first_id: str) -> str:
        return f"{self.prefix}:state:variants:{first_id}"

    def _brief_mark(self, page: str | None, first_id: str, body_key: str | None) -> str:
        mark = {"w": self.worker, "t": time.time(), "page": page, "first": first_id, "body": body_key}
        return json.dumps(mark, ensure_ascii=False)

    def claim_brief(self, brief_id: str, page: str | None = None, first_id: str | None = None,
                    body_key: str | None = None) -> bool:
        first_id = first_id or brief_id
        if not self.r.hsetnx(self.briefs, brief_id, self._brief_mark(page, first_id, body_key)):
            return False
        if first_id != brief_id:
            self.r.sadd(self._variants(first_id), brief_id)
        return True

    def claim_article(self, url: str, story_id: str | None) -> bool:
        if self.r.hsetnx(self.pages, url, self._mark(story_id)):
            return True
        known = self.article(url)  # emitted by an earlier run: a changed page is a new version
        if known is not None and known[0] != story_id and story_id is not None:
            self.r.hset(self.pages, url, self._mark(story_id))  # revisited and changed: a new version
            return True
        return False

    def claim_reject(self, url: str, reason: str) -> bool:
        """Permanent failures are remembered like pages; passing ones only for a day, in a key
        the incremental skip never reads, so the page is still retried by later runs."""
        if remembered(reason):
            return bool(self.r.hsetnx(self.pages, url, self._mark()))
        won = bool(self.r.hsetnx(self.transient, url, self._mark()))
        self.r.expire(self.transient, 86400)
        return won

    # -- the index from this worker's feeds ----------------------------------------------------
    def record(self, kind: str, item: dict) -> None:
        if kind == "articles":
            self.r.hsetnx(self.pages, item["url"], self._mark(item.get("storyId"), when=downloaded_at(item)))
            self._record_copy(item)
        elif kind == "rejects" and remembered(item.get("reason", "")):
            self.r.hsetnx(self.pages, item["url"], self._mark())
        elif kind == "briefs":
            if self._keys is None:
                self._keys = StoryKeys()
            first_id, key = briefledger.identify(item, self._keys.t2s)
            self.r.hsetnx(self.briefs, item["id"], self._brief_mark(None, first_id, key))
            if first_id != item["id"]:
                self.r.sadd(self._variants(first_id), item["id"])

    def _record_copy(self, item: dict) -> None:
        if self._keys is None:
            self._keys = StoryKeys()
        if item.get("storyId") and not self.r.hexists(self.copies, item["storyId"]):
            def head_seen(story_id: str) -> float | None:
                c = self.copy_of(story_id)
                return c.seen if c else None

            copy = reposts.from_feed(item, self._keys, downloaded_at(item), head_seen)
            if copy is not None:
                self.add_copy(copy)

    def release_unwritten(self, written_pages: set[str], written_briefs: set[str]) -> int:
        """Drop this worker's claims that never reached its feeds (a kill lost them)."""
        released = 0
        for key, written in ((self.pages, written_pages), (self.briefs, written_briefs)):
            for field, raw in self.r.hscan_iter(key):
                mark = json.loads(raw)
                if mark.get("w") == self.worker and field.decode() not in written:
                    released += self.r.hdel(key, field)
                    if key == self.briefs and mark.get("first") not in (None, field.decode()):
                        self.r.srem(self._variants(mark["first"]), field)
                    if key == self.briefs and mark.get("page"):
                        self.refetch.add(mark["page"])  # another worker may have emitted the page without it
        return released

    def feed_offset(self, path: str) -> int:
        raw = self.r.hget(self.offsets, path)
        return int(raw) if raw is not None else 0

    def set_feed_offset(self, path: str, offset: int) -> None:
        self.r.hset(self.offsets, path, offset)

    def validators(self, url: str) -> dict | None:
        raw = self.r.hget(self.validators_key, url)
        return json.loads(raw) if raw is not None else None

    def set_validators(self, url: str, validators: dict) -> None:
        self.r.hset(self.validators_key, url, json.dumps(validators))

    def last_run_finished(self) -> bool:
        last = self.r.hget(self.runs, self.worker)
        return last is None or json.loads(last).get("finished") is not None

    def begin_run(self) -> None:
        self.r.hset(self.runs, self.worker, json.dumps({"started": time.time(), "finished": None}))

    def end_run(self) -> None:
        self.r.hset(self.runs, self.worker, json.dumps({"started": None, "finished": time.time()}))

    def commit(self) -> None:
        pass  # every Redis command is already applied

    def close(self) -> None:
        pass


def _dump(copy: reposts.Copy) -> str:
    sig = reposts.to_bytes(copy.sig)
    return json.dumps({"url": copy.url, "cluster": copy.cluster, "head": copy.head, "seen": copy.seen,
                       "sig": base64.b64encode(sig).decode() if sig else None})


def _copy(story_id: str, raw: bytes | str) -> reposts.Copy:
    v = json.loads(raw)
    return reposts.Copy(story_id, v["url"], v["cluster"], v["head"], v["seen"],
                        reposts.from_bytes(base64.b64decode(v["sig"]) if v["sig"] else None))


def _text(value: bytes | str) -> str:
    """A Redis reply as text (the client returns bytes: it is made without decode_responses)."""
    return value.decode() if isinstance(value, bytes) else value
