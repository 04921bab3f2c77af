"""Split the SEO affixes these sites glue onto a headline from the headline itself.

Suffixes: ``_ITT``, ``_ETH:keyword``, ``-ODAILY_QUO:Quota``, ``_区块链技术__跨链``.
Prefixes: ``MER:``, ``NBS:``, ``tron:``, ``区块链:``. A real title that starts with a
name and a colon (``CNBC:…``, ``TW-AMM:…``, ``馬斯克:…``) is never cut.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .tunables import MAX_REPEATED_AFFIX, MIN_HEADLINE

# One affix after the last real character: `_TAG`, `__TAG`, `_TAG:keyword`, with an
# optional `-SOURCE` in front (`-ODAILY_QUO:Quota`). Short, no sentence punctuation.
_SUFFIX = re.compile(r"(?P<affix>(?:-[A-Za-z]{2,12})?_{1,2}[^_。，,!！?？]{1,24}(?:_{1,2}[^_。，,!！?？]{1,24})*)$")
# A title numbered as one of a series (`新竹尖石_美樹營地賞楓 (2)`): its `_` joins words, no SEO tag follows.
_NUMBERED = re.compile(r"[（(]\d{1,3}[)）]$")
_PREFIX = re.compile(r"^(?P<tag>[A-Za-z][A-Za-z0-9.\-]{1,9}|[\u4e00-\u9fff]{2,6})[:：](?=\S)")
# Chinese topic words that the network uses as prefixes; names of people and outlets are not here.
_TOPIC_PREFIXES = frozenset({"区块链", "區塊鏈", "区块链技术", "區塊鏈技術", "数字货币", "數字貨幣",
                             "加密货币", "加密貨幣", "比特币", "比特幣", "以太坊", "元宇宙", "行情", "快讯", "快訊"})


@dataclass
class Headline:
    text: str
    #: the SEO tag: the suffix without its underscore, else the prefix without its colon
    tag: str | None = None
    #: every affix removed, exactly as it stood (``["LAYER:", "_UENC"]``)
    affixes: list[str] = field(default_factory=list)


def _strip_prefix(text: str, known_tags: set[str]) -> tuple[str, str | None]:
    m = _PREFIX.match(text)
    if not m:
        return text, None
    tag, rest = m.group("tag"), text[m.end():]
    if len(rest) < MIN_HEADLINE:
        return text, None
    low = tag.lower()
    ascii_tag = tag.isascii()
    is_affix = (
        (ascii_tag and tag.islower())                        # tron:
        or (ascii_tag and low in rest.lower())               # AMM:TW-AMM…, LAYER:Rollup Layer2…
        or (ascii_tag and low in known_tags)                 # the page's own tag list
        or (ascii_tag and bool(re.search(r"[:：]", rest)))   # NBS:DeFi 借贷概念:清算
        or tag in _TOPIC_PREFIXES                            # 区块链:
    )
    return (rest, tag) if is_affix else (text, None)


def split_headline(raw: str, known_tags: list[str] | tuple[str, ...] = ()) -> Headline:
    """``'馬斯克不講武德:…_ITT'`` -> ``Headline('馬斯克不講武德:…', 'ITT', ['_ITT'])``."""
    text = raw.strip()
    tags = {t.lower() for t in known_tags}
    affixes: list[str] = []
    suffix_tag = None
    m = _SUFFIX.search(text)
    if m and len(text) - len(m.group("affix")) >= MIN_HEADLINE and not _NUMBERED.search(m.group("affix")):
        affix = m.group("affix")
        affixes.append(affix)
        text = text[: m.start()].rstrip()
        suffix_tag = (affix[1:] if affix.startswith("-") else affix).strip("_") or None
    # a prefix that repeats the suffix tag (`MER:…_MER`) is an affix too
    text, prefix_tag = _strip_prefix(text, tags | ({suffix_tag.lower()} if suffix_tag else set()))
    if prefix_tag:
        affixes.insert(0, raw.strip()[: raw.strip().index(text)] if text in raw else prefix_tag + ":")
    return Headline(text, suffix_tag or prefix_tag, affixes)


def repeats_headline(paragraph: str, headline: Headline, raw: str) -> bool:
    """True when a paragraph is the headline printed again, with or without affixes."""
    p = paragraph.strip()
    if p in (headline.text, raw.strip()):
        return True
    if p.startswith(headline.text):
        rest = p[len(headline.text):]
        return not rest or (len(rest) <= MAX_REPEATED_AFFIX and rest[0] in "_-")
    return False
