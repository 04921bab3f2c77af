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
import re
from contextlib import nullcontext
from dataclasses import dataclass, field

import numpy as np
from datasketch import MinHash
from datasketch.minhash import _fmix  # what update_batch mixes with: tests/test_reposts.py holds it

from ..pages.fingerprints import key_of_converted

SHINGLE = 5  # characters a shingle: Chinese words are 1–4 characters, a 5-gram spans a phrase
NUM_PERM = 128  # signature length; 512 bytes a story as uint32
THRESHOLD = 0.5  # estimated Jaccard similarity of the shingle sets that makes two stories one
# LSH: BANDS bands of ROWS positions each; two signatures that agree on any whole band are
# compared. A pair at Jaccard s becomes a candidate with 1 - (1 - s^ROWS)^BANDS: 0.998 at the
# threshold, 0.04 at 0.2 (datasketch's MinHashLSH picks the same 25 x 5 for 0.5 and 128).
BANDS, ROWS = 25, 5
MIN_KEY_CHARS = 2 * SHINGLE  # a shorter story has too few shingles to estimate anything
# A story's first HEAD_CHARS characters are signed whole; past them, one shingle in SAMPLE,
# chosen by its hash, so two copies choose the same ones and the signature stands for the
# whole story (two long stories that share only their opening are not copies), while a
# 15 MB text node costs a quarter of its shingles. A story within HEAD_CHARS is signed as
# it always was, so the signatures earlier runs stored still compare.
HEAD_CHARS = 20_000
SAMPLE = 3
BATCH = 4_096  # shingles a batch of the signature's sums: a 2 MiB matrix
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
_A, _B = (p.reshape(-1, 1) for p in _PERMUTATIONS)
_MIX = np.uint32(0x01000193)  # FNV's prime: an odd multiplier, so every code point moves the hash
_SPREAD = np.uint32(0x9E3779B1)  # Knuth's multiplier
_PICK = np.uint32((1 << 32) // SAMPLE)


def shingle_hashes(key: str) -> np.ndarray:
    """A 32-bit hash of each SHINGLE-character run of ``key``, in one numpy pass over its
    code points (hashing shingles one by one in Python cost 1 ms a story). Repeats stay:
    a minimum is the same with them, and removing them costs more than they do."""
    points = np.frombuffer(key.encode("utf-32-le"), dtype=np.uint32)
    n = len(points) - SHINGLE + 1
    # in place, and without np.errstate: arrays wrap silently (only numpy scalars warn),
    # half the time of new arrays under an errstate
    h = points[:n].copy()
    for i in range(1, SHINGLE):
        h *= _MIX
        h += points[i:i + n]
    return h


def signature(key: str) -> np.ndarray | None:
    """The story key's MinHash values (uint32); None when the key is too short."""
    if len(key) < MIN_KEY_CHARS:
        return None
    hashes = shingle_hashes(key)
    head = max(0, HEAD_CHARS - SHINGLE + 1)  # the shingles that lie within the head
    if len(hashes) > head:
        rest = hashes[head:]
        with np.errstate(over="ignore"):
            picked = rest * _SPREAD < _PICK  # the product's top bits: well mixed
        hashes = np.concatenate([hashes[:head], rest[picked]])
    if len(hashes) <= BATCH:  # nearly every story: one batch, no minimum across batches
        return _batch_minimum(hashes)
    return np.min([_batch_minimum(hashes[start:start + BATCH]) for start in range(0, len(hashes), BATCH)], axis=0)


def _batch_minimum(hashes: np.ndarray) -> np.ndarray:
    """Each permutation's minimum over ``hashes``. MinHash.update_batch's sums on the whole
    array: it calls its hashfunc on each shingle and makes an array of their list again, half
    the time of a signature. A permutation a row: the minimum runs along a row, and numpy
    copies no broadcast column to buffers (12% fewer instructions than update_batch's layout);
    the sum is made in place of the product (no third matrix)."""
    values = _A * _fmix(hashes, 32)
    values += _B
    return values.min(axis=1)


# Boilerplate: a sentence at the edge of a story (its first or last EDGE paragraphs) that
# the site printed at the edge of SITE_STORIES earlier stories is the site's, not the
# story's: a slogan, a disclaimer, a follow-us line, which would make its short stories
# copies of each other. One earlier story is not enough: a copy on the same site shares its
# edges with the story it copies.
EDGE = 2
SITE_STORIES = 2
MIN_SENTENCE_KEY = 10  # shorter sentences are no site's signature line (据金色财经报道)
_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]*")
_BLOOM_BITS = 1 << 24  # 2 MiB a filter: a million sentences with few false hits


class SiteLines:
    """The edge sentences each site has printed in this crawl, counted to two in two Bloom
    filters (a fixed 4 MiB, however many sites and stories)."""

    def __init__(self):
        # bytearrays: indexing one gives an int, where a numpy array gives a numpy scalar
        # whose every operation costs ten times an int's
        self.seen = [bytearray(_BLOOM_BITS // 8) for _ in range(SITE_STORIES)]

    @staticmethod
    def _positions(host: str, key: str) -> list[int]:
        digest = int.from_bytes(hashlib.blake2b(f"{host}|{key}".encode(), digest_size=9).digest(), "big")
        return [(digest >> (24 * i)) & (_BLOOM_BITS - 1) for i in range(3)]

    @staticmethod
    def _has(bits: bytearray, positions: list[int]) -> bool:
        for p in positions:  # a loop, not all() over a generator: half the cost of a test
            if not bits[p >> 3] & (1 << (p & 7)):
                return False
        return True

    def _learn(self, positions: list[int]) -> None:
        """Counted once more: set in the first filter that does not hold it yet."""
        for bits in self.seen:
            if not self._has(bits, positions):
                for p in positions:
                    bits[p >> 3] |= 1 << (p & 7)
                return

    def own(self, host: str, lines: list[str]) -> tuple[list[str], int]:
        """The story's lines (its paragraphs in Simplified, ``Article.story_lines``) without
        the site's boilerplate sentences, and how many went; this story's edge sentences are
        counted for the stories after it."""
        n = len(lines)
        edges = sorted(set(range(min(EDGE, n))) | set(range(max(0, n - EDGE), n)))
        sentences = {i: _SENTENCE.findall(lines[i]) for i in edges}
        out, removed, learned = list(lines), 0, {}
        for i, parts in sentences.items():
            kept = []
            for sentence in parts:
                key = key_of_converted(sentence)
                if len(key) >= MIN_SENTENCE_KEY:
                    learned[key] = positions = self._positions(host, key)
                    if self._has(self.seen[-1], positions):
                        removed += 1
                        continue
                kept.append(sentence)
            out[i] = "".join(kept)
        for positions in learned.values():  # after the look-up, and once a story
            self._learn(positions)
        return [p for p in out if p], removed


# One salted hasher a band, copied for each signature: making one with its salt costs as
# much as hashing a band.
_BAND_HASHERS = [hashlib.blake2b(digest_size=8, salt=b.to_bytes(2, "big")) for b in range(BANDS)]


def bands(sig: np.ndarray) -> list[int]:
    """The signature's LSH band keys: 63-bit integers (they fit SQLite's INTEGER). A band's
    key is the salted digest of its ROWS values' bytes: the state's stored keys depend on it."""
    raw, step = sig.tobytes(), ROWS * sig.itemsize
    keys = []
    for b, hasher in enumerate(_BAND_HASHERS):
        digest = hasher.copy()
        digest.update(raw[b * step:(b + 1) * step])
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


def feed_signature(item: dict, keys) -> np.ndarray | None:
    """The signature of an article read back from a feed (``keys``: a ``StoryKeys``), for a
    story whose signature the state did not keep."""
    return signature(keys(item.get("blocks") or []))


def from_feed(item: dict, sig: np.ndarray | None, seen: float, head_seen=None) -> Copy:
    """The index entry of an article read back from a feed (it has a ``storyId``), with its
    signature; ``head_seen(story_id)``: when the cluster's first copy was fetched, if known."""
    story_id = item["storyId"]
    cluster = item.get("storyCluster") or story_id
    first_seen = seen if cluster == story_id else (head_seen(cluster) if head_seen else None) or seen
    return Copy(story_id, item["url"], cluster, item.get("repostOf") or item["url"], first_seen, sig)
