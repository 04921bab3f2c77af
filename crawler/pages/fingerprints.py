"""Ids that survive reposting: the same brief or story gets the same id on any site,
under any title suffix, in either script."""
from __future__ import annotations

import hashlib
import re

import opencc

from ..text.zh import convert_lines

_NOT_WORD = re.compile(r"[\W_]+", re.U)
_NUMBERS = re.compile(r"\d+")


def text_key(text: str, t2s) -> str:
    """Simplified, lower-case, letters and digits only: spaces, `?` artifacts and
    punctuation differ between copies of the same text."""
    return _NOT_WORD.sub("", t2s.convert(text).lower())


def key_of_converted(text: str) -> str:
    """``text_key`` of a text converted already."""
    return _NOT_WORD.sub("", text.lower())


def _digest(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


YEAR_DIGITS = 4


def minute_of(time_raw: str) -> str:
    """`2022/4/5 14:05:43` and `2022-04-05 14:05` -> `202204051405`: copies print seconds or
    not. A time printed without its year (`09-01 08:15`) gets year 0000."""
    numbers = _NUMBERS.findall(time_raw)
    if len(numbers[0]) != YEAR_DIGITS:
        numbers.insert(0, "0")
    y, mo, d, h, mi = (int(n) for n in numbers[:5])
    return f"{y:04d}{mo:02d}{d:02d}{h:02d}{mi:02d}"


def brief_id(title: str, time_raw: str, t2s) -> str:
    return brief_id_of_key(text_key(title, t2s), time_raw)


def brief_id_of_key(title_key: str, time_raw: str) -> str:
    """``brief_id`` of a title whose ``text_key`` is made already."""
    return _digest(f"brief|{title_key}|{minute_of(time_raw)}")


# Leading paragraphs shorter than this that do not end as a sentence or a clause does (a
# title printed again, a byline, a repost's header lines: 原文链接:…, 译者:…) are left out:
# reposts change exactly those. A short opening sentence stays, since paragraph boundaries
# move with the damage (a copy printed a clause per line has no long paragraph at all).
MIN_LEAD_CHARS = 50
_SENTENCE_END = tuple("。，,；;：:….")  # not ? or !: titles end with them too (什么叫GEV?)


def paragraphs(blocks: list[dict]) -> list[str]:
    """The texts a story's fingerprints are made of (sub-headings move between copies)."""
    return [b["text"] for b in blocks if b["type"] == "paragraph"]


def story_key(paragraphs: list[str], t2s) -> str:
    """The story's text as copies share it: ``text_key`` of its paragraphs from the first
    that reads as a sentence, joined (paragraph breaks move between copies)."""
    return story_key_of(paragraphs, convert_lines(t2s.convert, paragraphs))


def story_key_of(paragraphs: list[str], converted: list[str]) -> str:
    """``story_key`` of paragraphs whose conversion is made already (one OpenCC call for
    the story and its briefs' titles). Only the leading lines are keyed one by one: the
    rest is keyed in one pass, the same text since a line break is no word character."""
    start = 0
    for i, (p, line) in enumerate(zip(paragraphs, converted)):
        if p.rstrip().endswith(_SENTENCE_END) or len(_NOT_WORD.sub("", line.lower())) >= MIN_LEAD_CHARS:
            start = i
            break
    return _NOT_WORD.sub("", "\n".join(converted[start:]).lower())


def key_of_lines(lines: list[str]) -> str:
    """``story_key`` of a story's converted lines alone (``Article.story_lines``, less the
    site's sentences): t2s leaves the punctuation a line ends with as printed."""
    return story_key_of(lines, lines)


def story_id(key: str) -> str | None:
    """The exact digest of a ``story_key``."""
    return _digest(f"story|{key}") if key else None


class StoryKeys:
    """``story_key`` of a story's blocks, with an OpenCC converter of its own."""

    def __init__(self):
        self.t2s = opencc.OpenCC("t2s")

    def __call__(self, blocks: list[dict]) -> str:
        return story_key(paragraphs(blocks), self.t2s)

    def lines(self, blocks: list[dict]) -> list[str]:
        """The story's paragraphs in Simplified (``Article.story_lines``)."""
        return convert_lines(self.t2s.convert, paragraphs(blocks))
