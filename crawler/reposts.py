"""Reposts that are not byte-for-byte copies: MinHash signatures (datasketch) of a story's
normalized text, looked up by LSH bands in the crawl state.

Copies of one story across the network differ a little: a last paragraph cut, a source or
disclaimer line added, paragraphs split or merged, a caption dropped, characters changed by
a broken script conversion or turned into `?`. The story's key (``fingerprints.story_key``:
Simplified, letters and digits only, the repost's header lines left out) makes paragraph
and punctuation changes vanish; what is left moves the set of its character shingles only
a little, and MinHash estimates that set's Jaccard similarity from a fixed-size signature.

A story is a copy of an earlier one when the signatures agree on at least ``THRESHOLD`` of
their positions; its cluster is the earliest copy's. ``python -m bench.reposts`` measures
recall on generated damaged copies and false links among distinct stories by threshold.
"""
from __future__ import annotations

import hashlib
from contextlib import nullcontext
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash

SHINGLE = 5  # characters a shingle: Chinese words are 1–4 characters, a 5-gram spans a phrase
NUM_PERM = 128  # signature length; 512 bytes a story as uint32
THRESHOLD = 0.5  # estimated Jaccard similarity of the shingle sets that makes two stories one
# LSH: BANDS bands of ROWS positions each; two signatures that agree on any whole band are
# compared. A pair at Jaccard s becomes a candidate with 1 - (1 - s^ROWS)^BANDS: 0.998 at the
# threshold, 0.04 at 0.2 (datasketch's MinHashLSH picks the same 25 x 5 for 0.5 and 128).
BANDS, ROWS = 25, 5
MIN_KEY_CHARS = 2 * SHINGLE  # a shorter story has too few shingles to estimate anything
# Only a story's first characters are signed: copies agree there as well as anywhere, and the
# work (and datasketch's shingles x permutations matrix) stays bounded on a 15 MB text node.
MAX_KEY_CHARS = 20_000
BATCH = 4_096  # shingles a MinHash update: a 2 MiB matrix
_SEED = 1  # the permutations; changing it invalidates every stored signature


@dataclass
class Copy:
    """One story's entry in the repost index."""

    story_id: str  #: the story's exact digest (storyId)
    url: str  #: the page it was first emitted from
    cluster: str  #: storyId of the first copy of this story seen (its own when it is that copy)
    head: str  #: URL of that first copy
    seen: float  #: when the first copy was fetched (epoch seconds)
    sig: np.ndarray | None  #: MinHash values (uint32), None for a story too short to sign
    _bands: list[int] | None = field(default=None, repr=False, compare=False)

    @property
    def bands(self) -> list[int]:
        """The signature's LSH band keys, worked out once (a lookup and an entry both need them)."""
        if self._bands is None:
            self._bands = bands(self.sig) if self.sig is not None else []
        return self._bands


_SCHEME = "affine32"
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME).permutations  # drawn once, reused
_MIX = np.uint32(0x01000193)  # FNV's prime: an odd multiplier, so every code point moves the hash


def shingle_hashes(key: str) -> np.ndarray:
    """A 32-bit hash of each SHINGLE-character run of ``key``, in one numpy pass over its
    code points (hashing shingles one by one in Python cost 1 ms a story). Repeats stay:
    a minimum is the same with them, and removing them costs more than they do."""
    points = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32)
    n = len(points) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for i in range(SHINGLE):
            h = h * _MIX + points[i:i + n]
    return h


def signature(key: str) -> np.ndarray | None:
    """The story key's MinHash values (uint32); None when the key is too short."""
    if len(key) < MIN_KEY_CHARS:
        return None
    m = MinHash(num_perm=NUM_PERM, scheme=_SCHEME, permutations=_PERMUTATIONS, hashfunc=int)
    hashes = shingle_hashes(key[:MAX_KEY_CHARS])
    for start in range(0, len(hashes), BATCH):
        m.update_batch(hashes[start:start + BATCH].tolist())
    return m.hashvalues.astype(np.uint32)


def bands(sig: np.ndarray) -> list[int]:
    """The signature's LSH band keys: 63-bit integers (they fit SQLite's INTEGER)."""
    keys = []
    for b in range(BANDS):
        digest = hashlib.blake2b(sig[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8, salt=b.to_bytes(2, "big"))
        keys.append(int.from_bytes(digest.digest(), "big") >> 1)
    return keys


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the shingle sets: the share of equal positions."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def to_bytes(sig: np.ndarray | None) -> bytes | None:
    return None if sig is None else sig.astype("<u4").tobytes()


def from_bytes(raw: bytes | None) -> np.ndarray | None:
    return None if not raw else np.frombuffer(raw, dtype="<u4").astype(np.uint32)


def closest(sig: np.ndarray, candidates) -> tuple[Copy | None, float]:
    """The candidate most like ``sig`` if it reaches the threshold, and its similarity."""
    best, score = None, 0.0
    for copy in candidates:
        if copy.sig is not None and (s := similarity(sig, copy.sig)) > score:
            best, score = copy, s
    return (best, score) if score >= THRESHOLD else (None, score)


class RepostIndex:
    """The index of one crawl in memory: the store when there is no crawl state, and the
    run's own entries in front of SQLite's tables."""

    def __init__(self):
        self.copies: dict[str, Copy] = {}
        self.band_owners: dict[int, str] = {}

    def copy_of(self, story_id: str) -> Copy | None:
        return self.copies.get(story_id)

    def candidates(self, keys: list[int]) -> list[Copy]:
        owners = {self.band_owners[k] for k in keys if k in self.band_owners}
        return [self.copies[o] for o in owners]

    def add_copy(self, copy: Copy) -> None:
        if self.copies.setdefault(copy.story_id, copy) is copy and copy.sig is not None:
            for k in copy.bands:
                self.band_owners.setdefault(k, copy.story_id)

    def repost_lock(self):
        return nullcontext()  # one process, one thread


def find(store, story: Copy) -> tuple[Copy | None, float]:
    """The earlier copy a story repeats: the same storyId, else the closest signature."""
    exact = store.copy_of(story.story_id)
    if exact is not None:
        return exact, 1.0
    if story.sig is None:
        return None, 0.0
    return closest(story.sig, store.candidates(story.bands))


def from_feed(item: dict, keys, seen: float, head_seen=None) -> Copy | None:
    """The index entry of an article read back from a feed (``keys``: a ``StoryKeys``);
    ``head_seen(story_id)``: when the cluster's first copy was fetched, if known."""
    story_id = item.get("storyId")
    if not story_id:
        return None
    cluster = item.get("storyCluster") or story_id
    first_seen = seen if cluster == story_id else (head_seen(cluster) if head_seen else None) or seen
    return Copy(story_id, item["url"], cluster, item.get("repostOf") or item["url"], first_seen,
                signature(keys(item.get("blocks") or [])))
