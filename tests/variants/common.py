"""What every generated page shares: the content of the seed's family and the drawing of
template choices. See ``articles`` and ``lists``."""
from __future__ import annotations

import html
import random
from dataclasses import dataclass

import opencc
from hypothesis import strategies as st

from crawler.demo import content
from crawler.demo.site import PLACEHOLDER
from crawler.demo.stories import load_seed

e = html.escape
_S2T, _T2S = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")

SITE_NAMES = ["以太坊交易所", "以太幣交易所", "買以太坊", "比特幣價格", "加密貨幣交易所", "火星链", "比特币交易"]
DOMAINS = ["ubxx.com", "kjct.com", "www.whbot.com", "pqed.com", "ozvx.com"]
# Real titles, no affixes; three open with a name and a colon that belong to the title.
TITLES = ["坎昆升级后Layer2手续费降至1美分以下", "比特币减半临近 矿工收入结构生变", "稳定币总市值重回1500亿美元",
          "CNBC:加密钱包用户半年增长十倍", "ETH是证券还是商品?美国监管者观点集锦", "再质押赛道锁仓量突破百亿美元",
          "TW-AMM:一种Dex高效处理大额订单的新构想", "数字人民币试点扩大至公务员工资发放", "Vitalik:以太坊扩容路线图的下一步"]
TAGS = ["ETH", "BTC", "Layer2", "DeFi", "马斯克", "稳定币", "ARB", "NFT"]
AUTHORS = ["金色财经", "Tiny熊", "wangjia", "链捕手", "Jon Rice"]
TIMES = [PLACEHOLDER, "2021/4/12 8:18:27", "4/27/2021 12:48:57 PM", "2023-05-01 10:00", "2024-01-19 08:18:27",
         "2023年05月01日 10:00", "2022.09.20 15:50"]
# Points a story lists as bullets (from a real page of the network): each shorter than a paragraph.
BULLETS = ["在Solidity中对比字符串", "将整数转换成固定位数的小数", "创建并初始化一个通证接口，比如LINK"]
CATEGORIES = ["BNB", "萊特幣", "ADA", "数字货币", "Filecoin", "火必APP"]


@dataclass
class Variant:
    """A generated page: what a crawl would fetch, and the answer its model gives."""

    url: str
    body: bytes
    headers: dict
    truth: object


def stories() -> list[list[tuple[str, str]]]:
    """Stories in Simplified: the seed's own opening and the demo's short ones."""
    seed = load_seed()
    out = [[(k, _T2S.convert(t)) for k, t in seed.paragraphs if k != "brief"][:12]]
    for paras in content.SHORT_STORIES.values():
        out.append([("heading", p[3:]) if p.startswith("## ") else ("paragraph", p) for p in paras])
    return [s for s in out if sum(1 for k, t in s if k == "paragraph" and len(t) >= 20) >= 2]


STORIES = stories()
# Briefs the demo's pool does not have, with openings and colons its briefs never use: a
# name before a colon in the title, a body with no usual opening, a colon inside the body,
# a clock time, the source in parentheses at the end.
UNSEEN_BRIEFS = [
    ("Coinbase：已上线PYTH", "Coinbase发推称，已上线Pyth Network（PYTH）的现货交易。", "2023/11/21 22:05:10"),
    ("数据：比特币链上活跃地址数创两年新高", "Glassnode数据显示，比特币链上活跃地址数达到110万个，为两年来最高。", "2023-11-14 09:30"),
    ("灰度：GBTC流出放缓", "根据Farside数据，灰度GBTC昨日净流出1.2亿美元，为本周最低。", "2024/1/25 10:12:44"),
    ("SEC推迟贝莱德以太坊ETF决议", "美国SEC在文件中称：将推迟对贝莱德以太坊现货ETF申请作出决定。", "2023/11/16 6:40"),
    ("美联储宣布维持利率不变", "北京时间11月2日凌晨2:00，美联储宣布将联邦基金利率目标区间维持在5.25%至5.5%之间。", "2023/11/2 2:01:30"),
    ("分析师：比特币或将测试3万美元支撑", "10x Research分析师Markus Thielen表示，比特币短期内可能回落测试3万美元。（The Block）", "2024-01-23 16:45:00"),
]
BRIEFS = ([(_T2S.convert(t), _T2S.convert(b), w) for t, b, w in load_seed().briefs] + list(content.EXTRA_BRIEFS)
          + UNSEEN_BRIEFS)


class Draws:
    """The choices of one page. Every choice is an ``integer``: drawn by Hypothesis in the
    tests (so a failure shrinks to the first option of each), or by a seeded random
    generator (``SeededDraws``) for a benchmark's fixed set of distinct pages."""

    def __init__(self, draw=None):
        self.draw = draw
        self.hant = self.flag()  # the page's script: Traditional or Simplified
        self.choices: dict = {"hant": self.hant}

    def integer(self, lo: int, hi: int) -> int:
        return self.draw(st.integers(lo, hi))

    def pick(self, options):
        options = list(options)
        return options[self.integer(0, len(options) - 1)]

    def subset(self, options, lo: int, hi: int) -> list:
        """``lo`` to ``hi`` distinct options, in the order drawn."""
        pool, out = list(options), []
        for _ in range(self.integer(lo, hi)):
            out.append(pool.pop(self.integer(0, len(pool) - 1)))
        return out

    def choose(self, name: str, options):
        """A template choice, recorded for failure reports."""
        self.choices[name] = value = self.pick(options)
        return value

    def flag(self, chance: int = 2) -> bool:
        """True once in ``chance`` draws (shrinks to False)."""
        return self.integer(0, chance - 1) == chance - 1

    def cls(self) -> str:
        """A class attribute with a name no parser can know, or none."""
        name = self.pick(["", "c1", "art-txt", "zw", "news_content", "xq", "m-b10", "left fl"])
        return f' class="{name}"' if name else ""

    def script(self, text: str) -> str:
        return _S2T.convert(text) if self.hant else text


class SeededDraws(Draws):
    """The same choices from ``random.Random(seed)``: one page per seed, every run."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        super().__init__()

    def integer(self, lo: int, hi: int) -> int:
        return self.rng.randint(lo, hi)


# How lists and related lists print an entry (url, title, summary, date), and the element
# that wraps a run of them.
ENTRY_FORMS = {
    "ul_h3": ("ul", lambda d, u, t, s, dt: f'<li><a href="{u}"><h3>{e(t)}</h3></a><p>{e(s)}</p><span>{dt}</span></li>'),
    "dl": ("dl", lambda d, u, t, s, dt: f'<dt><a href="{u}">{e(t)}</a></dt><dd>{e(s)}</dd><dd>{dt}</dd>'),
    "divs": ("div", lambda d, u, t, s, dt: f'<div{d.cls()}><a href="{u}">{e(t)}</a><p>{e(s)}</p><span>{dt}</span></div>'),
    "divs_h2": ("div", lambda d, u, t, s, dt: f'<div{d.cls()}><h2><a href="{u}">{e(t)}</a></h2><p>{e(s)}</p><span>{dt}</span></div>'),
    "flat": ("div", lambda d, u, t, s, dt: f'<a href="{u}">{e(t)}</a><p>{e(s)}</p><i>{dt}</i>'),
    "ul_date": ("ul", lambda d, u, t, s, dt: f'<li><a href="{u}">{e(t)}</a><span>{dt}</span></li>'),
    "date_first": ("ul", lambda d, u, t, s, dt: f'<li><span>{dt}</span><a href="{u}">{e(t)}</a></li>'),
    "rows": ("table", lambda d, u, t, s, dt: f'<tr><td><a href="{u}">{e(t)}</a></td><td>{dt}</td></tr>'),
    "thumb": ("ul", lambda d, u, t, s, dt: (f'<li><a href="{u}"><img src="/thumb/{u[-8:]}.jpg"></a>'
                                            f'<h3><a href="{u}">{e(t)}</a></h3><p>{e(s)}</p><em>{dt}</em></li>')),
}


def entries_html(d: Draws, entries: list[tuple[str, str, str, str]]) -> str:
    """A run of entries in one drawn form, wrapped."""
    wrap, item = ENTRY_FORMS[d.choose("entries", list(ENTRY_FORMS))]
    return f"<{wrap}{d.cls()}>\n" + "\n".join(item(d, *x) for x in entries) + f"\n</{wrap}>"


# Inline script before a late <meta charset>: past the first 4 KB, where declarations are looked for.
_LONG_SCRIPT = "<script>var ads = [" + ",".join(f'"slot-{i:04d}"' for i in range(600)) + "];</script>"


def charset(d: Draws) -> tuple[str, str, str, bytes]:
    """(codec, what the <head> opens with, Content-Type header, bytes before the page): the
    charset declared in the header, in a <meta> (early or late), by a BOM, nowhere, or
    wrongly in the header."""
    encoding = d.choose("encoding", ["utf-8", "gbk", "big5"] if d.hant else ["utf-8", "gbk"])
    ways = ["header", "meta", "late_meta"] + (["none", "wrong"] if encoding != "big5" else [])
    declared = d.choose("declared", ways + (["bom"] if encoding == "utf-8" else []))
    meta = d.pick([f'<meta charset="{encoding}">', f'<meta http-equiv="Content-Type" content="text/html; charset={encoding}">'])
    head = {"meta": meta, "late_meta": _LONG_SCRIPT + meta}.get(declared, "")
    wrong = {"utf-8": "gbk", "gbk": "utf-8"}.get(encoding, encoding)
    ctype = {"header": f"text/html; charset={encoding}", "wrong": f"text/html; charset={wrong}"}.get(declared, "text/html")
    return encoding, head, ctype, b"\xef\xbb\xbf" if declared == "bom" else b""
