"""The briefs a crawl has emitted, by id and by body: a second body under a known id is a
variant, emitted under an id of its own, never dropped as a repeat nor taken for the first.

A brief's id is its title and minute, so the same flash re-injected by any site, in either
script, gets one id. A hostile page can print a known title and time over a body of its
own; with ids alone, whichever body came first would stand for both and the other be
dropped as a repeat. So each id's bodies are remembered, as their ``text_key`` (script,
spaces, `?` and punctuation left out) up to ``MAX_BODY_KEY`` characters. A body whose key
equals one of them, or is a truncation of one (or one of them of it: sites cut flashes
short, or leave the outlet's note off the end), is the same brief: a repeat. Any other is a
variant: emitted with ``id`` the digest of the first id and its body (its headline and time
stay those of the first), and counted. Which body is the real one is not for the crawler to
say; both are kept.

The ledger remembers one crawl. The bodies earlier runs (or other workers of a distributed
crawl) emitted under an id are the crawl state's (``CrawlState.brief_bodies``), asked for
when this crawl first meets the id: a forged body under an id an earlier run emitted is a
variant too, and the genuine body again is known (emitted under the id it went under, for
the state to drop).
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from ..items import Brief
from ..pages.fingerprints import brief_id, text_key

# The characters of a body's key remembered and compared: a brief's body is rarely longer,
# and the memory of a crawl's briefs stays bounded.
MAX_BODY_KEY = 400


class Seen(Enum):
    NEW = "new"  # the first body under its id
    KNOWN = "known"  # a body emitted before this crawl (or by another worker), first met in it
    REPEAT = "repeat"  # a body already met in this crawl under its id (or a truncation of one)
    VARIANT = "variant"  # another body under a known id: emitted under an id of its own


@dataclass(frozen=True)
class Admission:
    seen: Seen
    id: str  # the id the brief is emitted (or was emitted) under


@dataclass
class _Body:
    key: str
    id: str  # the id emitted under
    earlier: bool = False  # emitted before this crawl met it


def body_key(body: str, t2s) -> str:
    """What a brief's body is remembered and compared by."""
    return text_key(body, t2s)[:MAX_BODY_KEY]


def variant_id(first: str, key: str) -> str:
    """The id of another body (its ``body_key``) under the id ``first``."""
    return hashlib.sha1(f"variant|{first}|{key}".encode()).hexdigest()[:16]


def identify(item: dict, t2s) -> tuple[str, str]:
    """(the id its title and time give, its body key) of a brief read back from a feed: a
    variant's id is checked against its body, so an id made any other way stands for itself."""
    key = body_key(item.get("bodyRaw") or item.get("body") or "", t2s)
    try:
        first = brief_id(item.get("headlineRaw") or "", item.get("datePublishedRaw") or "", t2s)
    except (IndexError, ValueError):  # no time to read: not a brief this reader made
        return item["id"], key
    return (first if item["id"] == variant_id(first, key) else item["id"]), key


class BriefLedger:
    def __init__(self, t2s, earlier: Callable[[str], list[tuple[str, str]]] | None = None):
        self.t2s = t2s
        #: (body key, id emitted) of the bodies emitted under an id before this crawl
        self.earlier = earlier or (lambda first: [])
        self.bodies: dict[str, list[_Body]] = {}  # first id -> its bodies

    def admit(self, brief: Brief) -> Admission:
        """Record ``brief``; a variant is given its own id here, a known body the id it went
        under. The brief keeps its first id and body key for the crawl state."""
        key = body_key(brief.bodyRaw or brief.body or "", self.t2s)
        first = brief.first_id = brief.id
        brief.body_key = key
        known = self.bodies.get(first)
        if known is None:
            known = self.bodies[first] = [_Body(k, emitted, earlier=True) for k, emitted in self.earlier(first)]
        for body in known:
            if body.key.startswith(key) or key.startswith(body.key):
                brief.id = body.id
                seen = Seen.KNOWN if body.earlier else Seen.REPEAT
                body.earlier = False
                return Admission(seen, body.id)
        if all(body.id != first for body in known):  # the id itself is free
            known.append(_Body(key, first))
            return Admission(Seen.NEW, first)
        brief.id = variant_id(first, key)
        known.append(_Body(key, brief.id))
        return Admission(Seen.VARIANT, brief.id)
