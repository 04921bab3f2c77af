"""Turn the raw demo sources (seed text, real-page openings) into structured stories."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from . import content

_BRIEF_END = re.compile(r"\[\d{4}/\d{1,2}/\d{1,2} \d{1,2}:\d{2}:\d{2}\]$")
SEED_HEADINGS = ("呼吁暫停有私心?Twitter內部AI項目秘密推進????", "組建自己的AI團隊,從DeepMind挖人??",
                 "|是不喜歡人工智能,還是不喜歡OpenAI???")
# The seed's tag links, as the real page prints them one link each.
SEED_TAGS = ["馬斯克", "ITT", "WITT", "TEmask幣和馬斯克有關系嗎", "Kitty Shiba", "WITCH幣", "matter幣未來"]


def read_data(name: str) -> str:
    return resources.files(__package__).joinpath("data").joinpath(name).read_text("utf-8")


@dataclass
class Seed:
    headline_raw: str
    category: str
    paragraphs: list[tuple[str, str]]  # (type, text), briefs included as "brief"
    briefs: list[tuple[str, str, str]]  # (title, body, time) in page order
    tags: list[str]
    related_heading: str
    related: list[tuple[str, str, str]] = field(default_factory=list)  # (title, summary, date)


@lru_cache(maxsize=1)
def load_seed() -> Seed:
    lines = [line.strip() for line in read_data("seed-page.txt").splitlines()]
    lines = [line for line in lines if line]
    crumb = next(line for line in lines if line.startswith("首頁 >"))
    category = crumb.split(">")[1].strip()
    headline = lines[lines.index(crumb) + 1]
    start = next(i for i, line in enumerate(lines) if line.startswith("Time:")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Tags:"))
    paragraphs, briefs = [], []
    for line in lines[start:end]:
        if _BRIEF_END.search(line):
            title, rest = _split_seed_brief(line)
            when = line[line.rindex("[") + 1:-1]
            briefs.append((title, rest[: rest.rindex("[")], when))
            paragraphs.append(("brief", line))
        else:
            paragraphs.append(("heading" if line in SEED_HEADINGS else "paragraph", line))
    tail = lines[end + 1:]
    related_heading, tail = tail[0], [t for t in tail[1:] if t != "ads"]
    related = [(tail[i], tail[i + 1], tail[i + 2]) for i in range(0, len(tail) - 2, 3)]
    return Seed(headline, category, paragraphs, briefs, SEED_TAGS, related_heading, related)


def _split_seed_brief(line: str) -> tuple[str, str]:
    """The seed's five briefs, split where SITE-NOTES says (a title may hold a colon)."""
    for opener in ("據官方消息", "4月21日消息", "金色財經報道", "12月5日消息", "3月18日消息"):
        i = line.find(":" + opener)
        if i > 0:
            return line[:i], line[i + 1:]
    raise ValueError(f"unknown seed brief: {line[:30]}")


@lru_cache(maxsize=None)
def load_real_story(key: str) -> list[tuple[str, str]]:
    """Paragraphs of a real page's opening, from its first story line after the labels."""
    name, first = content.REAL_STORIES[key]
    lines = [line.strip() for line in read_data(name).splitlines()]
    labelled = [i for i, line in enumerate(lines) if re.match(r"^(Time|时间|時間):", line)]
    after = labelled[-1] + 1 if labelled else 1
    start = next(i for i, line in enumerate(lines) if i >= after and line.startswith(first))
    body = [line for line in lines[start:] if line]
    return [("heading" if line in content.REAL_HEADINGS else "paragraph", line) for line in body]


def short_story(key: str) -> list[tuple[str, str]]:
    source = content.SHORT_STORIES.get(key) or content.SEED_RELATED_STORIES[key]
    return [("heading", p[3:]) if p.startswith("## ") else ("paragraph", p) for p in source]
