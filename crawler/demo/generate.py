"""Seeded synthetic sites of the demo's family, from 100 to 20,000+ articles, for benchmarks.

Same templates, both scripts, briefs drawn from a shared pool (each in many articles),
pagination, a few bad pages; every story is unique (a closing paragraph of its own).
"""
from __future__ import annotations

import random

from . import content
from .site import MAIN, MIRROR, PLACEHOLDER, DemoSite, Spec

CATEGORY_NAMES = {MAIN: ["BNB", "萊特幣", "Filecoin", "以太坊", "比特幣", "DeFi", "NFT", "Layer2"],
                  MIRROR: ["ADA", "数字货币", "以太坊", "比特币", "交易所", "监管", "公链", "钱包"]}
TAGS = ["BTC", "ETH", "BNB", "SOL", "ARB", "OP", "DAILY", "LINK", "UNI", "AAVE", "DEFI", "NFT"]
PAGE_SIZE = {MAIN: 20, MIRROR: 20}
BRIEF_POOL = 100


def generated_site(n: int, seed: int = 1, brief_pool: int = BRIEF_POOL) -> DemoSite:
    rng = random.Random(seed)
    categories = {site: [(f"c{i}", name) for i, name in enumerate(names)] for site, names in CATEGORY_NAMES.items()}
    stories = sorted(content.SHORT_STORIES) + sorted(content.REAL_STORIES) + sorted(content.SEED_RELATED_STORIES)
    briefs = [(f"快讯{i}号：{rng.choice(TAGS)}链上数据异动", f"据链上数据，第{i}号快讯所述地址在过去24小时内转出{rng.randint(100, 9999)}枚代币。",
               f"20{rng.randint(21, 25)}/{rng.randint(1, 12)}/{rng.randint(1, 28)} {rng.randint(0, 23)}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}")
              for i in range(brief_pool)]
    first_extra = len(content.EXTRA_BRIEFS) + 5  # the seed's five and the demo's ten come first
    specs = []
    for i in range(n):
        site = MAIN if i % 2 == 0 else MIRROR
        tag = rng.choice(TAGS)
        flaw = "empty" if i % 997 == 996 else "truncated" if i % 1499 == 1498 else None
        specs.append(Spec(
            id=100000 + i, site=site, category=f"c{rng.randrange(8)}",
            story="" if flaw == "empty" else rng.choice(stories),
            title=f"{'第' if site == MAIN else '第'}{i}期:{rng.choice(stories)}市场观察_{tag}",
            template="A" if site == MAIN else rng.choice("BCD"),
            time=PLACEHOLDER if rng.random() < 0.7 else f"20{rng.randint(21, 25)}/{rng.randint(1, 12)}/{rng.randint(1, 28)} 9:{rng.randint(0, 59):02d}:00",
            encoding="gbk-none" if site == MIRROR and i % 251 == 250 else "utf-8",
            flaw=flaw, tags=[tag],
            briefs=[] if flaw == "empty" else [first_extra + rng.randrange(brief_pool), rng.randrange(first_extra)],
            extra=f"本文为第{i}号观察，编号{rng.randint(10 ** 8, 10 ** 9)}，仅供参考，不构成投资建议。"))
    return DemoSite(articles=specs, extra_briefs=briefs, categories=categories, page_size=PAGE_SIZE)
