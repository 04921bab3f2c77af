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
say; both are kept. The memory lasts one crawl (an id an earlier run emitted is the state's
to know).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import Enum

from ..items import Brief
from ..pages.fingerprints import text_key

# The characters of a body's key remembered and compared: a brief's body is rarely longer,
# and the memory of a crawl's briefs stays bounded.
MAX_BODY_KEY = 400


class Seen(Enum):
    NEW = "new"  # the first body under its id
    REPEAT = "repeat"  # a body already emitted under its id (or a truncation of one)
    VARIANT = "variant"  # another body under a known id: emitted under an id of its own


@dataclass(frozen=True)
class Admission:
    seen: Seen
    id: str  # the id the brief is emitted (or was emitted) under


class BriefLedger:
    def __init__(self, t2s):
        self.t2s = t2s
        self.bodies: dict[str, list[tuple[str, str]]] = {}  # first id -> [(body key, id emitted)]

    def admit(self, brief: Brief) -> Admission:
        """Record ``brief``; a variant is given its own id here."""
        key = text_key(brief.bodyRaw or brief.body or "", self.t2s)[:MAX_BODY_KEY]
        known = self.bodies.get(brief.id)
        if known is None:
            self.bodies[brief.id] = [(key, brief.id)]
            return Admission(Seen.NEW, brief.id)
        for body, emitted in known:
            if body.startswith(key) or key.startswith(body):
                return Admission(Seen.REPEAT, emitted)
        first = brief.id
        brief.id = hashlib.sha1(f"variant|{first}|{key}".encode()).hexdigest()[:16]
        known.append((key, brief.id))
        return Admission(Seen.VARIANT, brief.id)
