"""Briefs printed beside an article's story, outside its container: a 7×24 list in a
sidebar, under a day heading. The site injects them as it injects briefs into stories; the
brief reader reads them over the blocks the story left out, which stay out of the story."""
from __future__ import annotations

from dataclasses import dataclass, field

from .briefs import STORY, BriefParts, read_blocks
from .brieftime import ANY_CLOCK
from .document import Document
from .tunables import MIN_FLASHES


@dataclass(frozen=True)
class Beside:
    """The briefs beside the story, and the role of each block they took, by block id."""

    found: list[tuple[int, BriefParts]] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)


def read_beside(doc: Document, kept: frozenset[int]) -> Beside:
    """The briefs in the page's blocks outside the story (``kept``: the story's block ids);
    a run of at least ``MIN_FLASHES``, else none (a lone dated line beside a story is the
    page's own: its date, a teaser)."""
    blocks = [b for b in doc.blocks if id(b) not in kept]
    if sum(1 for b in blocks if ANY_CLOCK.search(b.text)) < MIN_FLASHES:
        return Beside()
    roles, found = read_blocks([{"type": "heading" if b.heading else "paragraph", "text": b.text} for b in blocks],
                               at_top=False, evidence=False)
    if len(found) < MIN_FLASHES:
        return Beside()
    return Beside(found, {id(b): r.role for b, r in zip(blocks, roles, strict=True) if r.role != STORY})
