"""Render the demo site: every page as bytes with its headers, keyed by host and path.

Two "domains" share one loopback server: ``127.0.0.1`` is the main site (Traditional,
the seed's template, English labels) and ``localhost`` a sister site (Simplified, Chinese
labels, three other templates). ``DemoSite.manifest`` says what a full crawl must find.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from urllib.parse import quote

import opencc

from . import content
from .stories import load_real_story, load_seed, short_story

MAIN, MIRROR = "main", "mirror"
HOSTNAMES = {"127.0.0.1": MAIN, "localhost": MIRROR}
SITE_NAMES = {MAIN: "比特幣交易所", MIRROR: "火星链"}
CATEGORIES = {MAIN: [("bnb", "BNB"), ("ltc", "萊特幣"), ("fil", "Filecoin")],
              MIRROR: [("ada", "ADA"), ("coin", "数字货币")]}
PAGE_SIZE = {MAIN: 4, MIRROR: 2}
PLACEHOLDER = "1900/1/1 0:00:00"
OFFSITE_URL = "https://www.example.com/"
OFFSITE_ARTICLE = "https://news.example.org/info/77.html"
DEAD_PATH = "/info/999999.html"
# The site's own bad Traditional conversion, as the seed shows it (呼吁, 并, 這么, 大干, 里邊).
_DAMAGE = str.maketrans({"籲": "吁", "並": "并", "麼": "么", "幹": "干", "裡": "里", "裏": "里", "於": "于"})


@dataclass
class Spec:
    id: int
    site: str
    category: str  # slug
    story: str  # key into stories, "seed", or "" for an empty page
    title: str
    template: str = "A"
    time: str = PLACEHOLDER
    author: str = ""
    encoding: str = "utf-8"  # utf-8 | gbk-meta | big5-meta | gbk-none
    flaw: str | None = None  # empty | truncated
    layout: str = "p"  # p | br (a line per <br>) | lines (words on separate source lines)
    compact_url: bool = False  # /info<id>.html instead of /info/<id>.html
    briefs: list[int] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    fresh: bool = False  # published after the rest: listed first
    extra: str | None = None  # a closing paragraph of its own (generated sites: every story unique)
    abridged: bool = False  # a repost cut short: its last two paragraphs left out, a source line added

    @property
    def path(self) -> str:
        return f"/info{self.id}.html" if self.compact_url else f"/info/{self.id}.html"


S = Spec
# What articles added by --grow are about: distinct stories, not one story with another number.
FRESH_TOPICS = [
    ("讲述了比特币现货ETF上周的资金流入，以及分析人士对后市的判断。", "补充了各家发行方的持仓变化与申购赎回的细节。"),
    ("介绍了一条新公链的测试网上线情况和开发者社区的反应。", "列出了主网上线前仍需完成的三项安全审计。"),
    ("回顾了某去中心化交易所的治理投票，提案最终以微弱多数通过。", "解释了手续费开关打开之后代币持有人能够获得的收益。"),
    ("梳理了香港虚拟资产交易平台的最新牌照申请名单。", "比较了各平台在散户准入和资产托管上的不同安排。"),
]
ARTICLES = [
    S(1001, MAIN, "bnb", "seed", "", tags=[]),
    S(1002, MAIN, "bnb", "daily0427", "星球日報 | 某地址已創建114個meme coin騙局;Omni Network完成1800萬美元融資(4月27日)_DAILY", tags=["DAILY", "memecoin"]),
    S(1003, MAIN, "bnb", "ethsec", "ETH是證券還是商品?美國監管者觀點集錦_THE", tags=["THE", "ETH"]),
    S(1004, MAIN, "bnb", "daily0428", "星球日報 | 香港將於5月發布加密貨幣交易平臺許可指南;CoinList將於5月18日上線CyberConnect(4月28日)_DAILY", tags=["DAILY"]),
    S(1005, MAIN, "bnb", "metaverse", "巴比特 | 元宇宙每日必讀:虛擬數字人是否享有著作權或鄰接權?杭州互聯網法院判決首例涉“虛擬數字人”侵權案_人工智能", tags=["人工智能"]),
    S(1006, MAIN, "bnb", "poseiswap", "一文詳解 PoseiSwap Nautilus Chain 上的首個 DEX_SEI", tags=["SEI", "DEX"]),
    S(1007, MAIN, "bnb", "chainlink", "將鏈外數據喂給鏈上 是催生區塊鏈往更復雜的生態進行演化的動力_LINK", tags=["LINK"]),
    S(1008, MAIN, "bnb", "l2fees", "LAYER:坎昆升級後Layer2手續費降至1美分以下_ARB", time="2024/3/20 10:15:00", tags=["ARB", "Layer2"]),
    S(1009, MAIN, "bnb", "stable", "穩定幣總市值重回1500億美元_USDT", tags=["USDT"]),
    S(1010, MAIN, "bnb", "exchange", "頭部交易所公布儲備金證明:覆蓋率達101%_ETH:儲備金證明", tags=["ETH", "儲備金證明"]),
    S(1011, MAIN, "ltc", "rollup", "LAYER:Rollup Layer2的模塊化演進之路_UENC", tags=["UENC", "Rollup"]),
    S(1012, MAIN, "ltc", "miner", "MER:比特幣減半臨近 礦工收入結構生變_MER", tags=["MER"]),
    S(1013, MAIN, "ltc", "nftmarket", "NFT市場交易量連續三個月下滑_APE", tags=["APE", "NFT"]),
    S(1014, MAIN, "ltc", "restaking", "再質押賽道鎖倉量突破百億美元_EIGEN", tags=["EIGEN"]),
    S(1015, MAIN, "ltc", "cbdc", "區塊鏈:數字人民幣試點擴大至公務員工資發放_DCEP", tags=["DCEP"]),
    S(1016, MAIN, "ltc", "wallet", "CNBC:加密錢包用戶半年增長十倍_AA", time="2023/6/1 9:05:33", tags=["AA"]),
    S(1017, MAIN, "ltc", "gamefi", "鏈遊賽道持續洗牌 日活過萬項目不足二十個_AXS", tags=["AXS"]),
    S(1018, MAIN, "ltc", "dao", "tron:DAO回購提案引發爭議 國庫三成資金或用於回購", tags=["TRX"]),
    S(1019, MAIN, "ltc", "", "BNB鏈生態周報_BNB", flaw="empty", tags=["BNB"]),
    S(1020, MAIN, "ltc", "zk", "零知識證明走出實驗室 多個zkEVM上線主網_ZK", flaw="truncated", tags=["ZK"]),
    S(1021, MAIN, "fil", "whitepaper", "比特幣白皮書(英文版)_atc", tags=["atc", "比特幣"]),
    S(1022, MAIN, "fil", "chainlink_options", "接入去中心化預言機Chainlink喂價開發DeFi看漲期權交易平臺實例-ODAILY_QUO:Quota", tags=["QUO"]),
    S(1023, MAIN, "fil", "privatemoney", "比特幣為何暴漲?私人貨幣的前世今生_BTC", layout="br", tags=["BTC"]),
    S(1024, MAIN, "fil", "curve", "Curve穩定幣設計詳解:LLAMMA清算機制_CRV", layout="lines", tags=["CRV"]),
    S(1025, MAIN, "fil", "meme", "Meme幣熱潮再度來襲 上線一週市值破十億美元_PEPE", tags=["PEPE"]),
    S(1026, MAIN, "fil", "etf", "美國首批比特幣現貨ETF獲批 首日成交額超46億美元_BTC", author="金色財經", tags=["BTC", "ETF"]),
    S(1027, MAIN, "fil", "oracle", "預言機網絡推出跨鏈互操作協議_LINK", encoding="big5-meta", tags=["LINK"]),
    S(1028, MAIN, "fil", "mining_ban", "某地全面清理虚拟货币挖矿项目_BTC", encoding="gbk-meta", tags=["BTC"]),
    S(1029, MAIN, "fil", "hack", "借贷协议遭闪电贷攻击损失800万美元_DEFI", encoding="gbk-none", tags=["DEFI"]),
    S(1030, MAIN, "fil", "gev", "治理可提取價值GEV是什麼?_GOV", tags=["GOV"]),
    S(2001, MIRROR, "ada", "twamm", "AMM:TW-AMM:一种Dex高效处理大额订单的新构想", template="B", tags=["AMM"]),
    S(2002, MIRROR, "ada", "dex", "互动式讲解区块链技术交易所发展趋势现况:AMM、订单信息薄与汇聚器_区块链技术__跨链",
      template="C", time="2021/4/12 8:18:27", compact_url=True, tags=["区块链技术", "跨链"]),
    S(2003, MIRROR, "ada", "gev", "科谱:什么叫治理程序流程可提取的使用价值(GEV)?_艺术品", template="C",
      time="4/27/2021 12:48:57 PM", tags=["艺术品"]),
    S(2004, MIRROR, "ada", "liquidation", "NBS:DeFi 借贷概念:清算_ERA", template="B", author="Tiny熊", tags=["ERA"]),
    S(2005, MIRROR, "ada", "whitepaper", "比特币白皮书(英文版)全文_BTC", template="B", tags=["BTC"]),
    S(2006, MIRROR, "ada", "seed", "马斯克被曝秘密推进AI项目_TWTR", template="B", tags=["TWTR", "马斯克"], abridged=True),
    S(2007, MIRROR, "coin", "apps2020", "行业研究 | 区块链2020年度回首之应用篇:DCEP、Diem、DeFi以及NFT_数字货币",
      template="D", time="2021-02-10 09:11:56", author="wangjia", tags=["数字货币"]),
    S(2008, MIRROR, "coin", "zk", "零知识证明走出实验室:多个zkEVM已上线主网_ZK", template="B", tags=["ZK"]),
    S(2009, MIRROR, "coin", "oracle", "预言机网络推出跨链互操作协议_LINK", template="B", tags=["LINK"]),
    S(2010, MIRROR, "coin", "layer1", "公链竞争进入下半场 并行执行成焦点_SOL", template="B", time="2024-01-11 22:30:00", tags=["SOL"]),
    S(2011, MIRROR, "coin", "privacy", "隐私协议重获关注 合规隐私方案涌现_ZEC", template="D", time="2023-08-02 16:20:00", tags=["ZEC"]),
    S(2012, MIRROR, "coin", "rollup", "Rollup Layer2的模块化演进之路_OP", template="B", tags=["OP"]),
]


@dataclass
class Page:
    status: int
    body: bytes
    content_type: str
    #: the Content-Length announced when the transfer is cut short after ``body``
    promised: int | None = None


class DemoSite:
    """All pages of the demo site, rendered once."""

    def __init__(self, articles: list[Spec] | None = None, grow: int = 0, extra_briefs=(),
                 categories: dict | None = None, page_size: dict | None = None):
        """``grow``: that many newer articles (each with a new brief), as the site looks later.
        Pages are rendered when asked for, so a site of 20,000 articles costs nothing up front."""
        self._t2s = opencc.OpenCC("t2s")
        self._s2t = opencc.OpenCC("s2t")
        self.seed = load_seed()
        self.categories = categories or CATEGORIES
        self.page_size = page_size or PAGE_SIZE
        self.articles = [Spec(**{k: v for k, v in a.__dict__.items()}) for a in (articles or ARTICLES)]
        self.briefs = self._brief_pool() + [tuple(b) for b in extra_briefs]
        self._fresh: dict[str, list[str]] = {}
        self._assign_briefs()
        self._grow(grow)
        self._index()

    # -- text --------------------------------------------------------------------------
    def script(self, site: str, text: str) -> str:
        """Text as the site prints it: Simplified, or Traditional with the site's damage."""
        if site == MIRROR:
            return self._t2s.convert(text)
        return self._s2t.convert(text).translate(_DAMAGE)

    def _brief_pool(self) -> list[tuple[str, str, str]]:
        return list(self.seed.briefs) + [(title, body, time) for title, body, time in content.EXTRA_BRIEFS]

    def _assign_briefs(self) -> None:
        k = 0
        for spec in self.articles:
            if spec.story == "seed" and spec.site == MAIN:
                continue
            if spec.briefs or spec.flaw == "empty":
                continue
            n = len(self.briefs)
            spec.briefs = [(k * 2) % n, (k * 2 + 7) % n]  # every brief, each in several articles
            k += 1

    def _grow(self, n: int) -> None:
        slugs = [slug for slug, _ in CATEGORIES[MAIN]]
        for i in range(n):
            self.briefs.append((f"新快讯第{i + 1}号：交易所上线新币", f"据官方公告，某交易所将于今日上线第{i + 1}个新币种。",
                                f"2026/11/{20 + i % 8} 10:{i % 60:02d}:00"))
            key = f"fresh{i}"
            topic, detail = FRESH_TOPICS[i % len(FRESH_TOPICS)]
            self._fresh[key] = [f"这是第{i + 1}篇新发布的文章，{topic}",
                                f"第{i + 1}篇文章的第二段，{detail}"]
            self.articles.append(Spec(9001 + i, MAIN, slugs[i % len(slugs)], key, f"第{i + 1}篇新文章:市场周报_NEW",
                                      briefs=[len(self.briefs) - 1, i % 5], tags=["NEW"], fresh=True))
        if n:  # and the sister site reposts an old story of the main one, cut short
            self.articles.append(Spec(9101, MIRROR, "ada", "privatemoney", "比特币为何暴涨?私人货币的前世今生_BTC", template="B",
                                      tags=["BTC"], fresh=True, abridged=True))

    def story(self, spec: Spec) -> list[tuple[str, str]]:
        if spec.story in self._fresh:
            story = [("paragraph", p) for p in self._fresh[spec.story]]
        elif spec.story == "seed":
            story = [(t, x) for t, x in self.seed.paragraphs if t != "brief"]
        elif spec.story in content.REAL_STORIES:
            story = load_real_story(spec.story)
        else:
            story = short_story(spec.story) if spec.story else []
        if spec.abridged:
            cut = [i for i, (kind, _) in enumerate(story) if kind == "paragraph"][-2]
            story = story[:cut] + [("paragraph", "（本文转载自ITT，有删节。）")]
        return story + [("paragraph", spec.extra)] if spec.extra else story

    # -- briefs ------------------------------------------------------------------------
    def render_brief(self, site: str, index: int, variant: int) -> str:
        title, body, when = self.briefs[index]
        if not (site == MAIN and index < len(self.seed.briefs)):
            title, body = self.script(site, title), self.script(site, body)
        y, mo, d, h, mi, s = (int(x) for x in re.findall(r"\d+", when) + ["0"] * (6 - len(re.findall(r"\d+", when))))
        t, b = html.escape(title), html.escape(body)
        if variant == 0:
            return f"<p>{t}:{b}[{y}/{mo}/{d} {h}:{mi:02d}:{s:02d}]</p>"
        if variant == 1:
            return f"<p>{t}：{b}［{y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}:{s:02d}］</p>"
        if variant == 2:
            return f"<p><strong>{t}</strong>：{b}<span class=\"kx-time\">【{y}/{mo}/{d} {h}:{mi:02d}】</span></p>"
        if variant == 3:
            return f"<p>【{t}】{b}[{y}-{mo:02d}-{d:02d} {h:02d}:{mi:02d}]</p>"
        return f"<p><span>{t}:{b}</span> <em>[{y}/{mo}/{d} {h}:{mi:02d}:{s:02d}]</em></p>"

    # -- pages -------------------------------------------------------------------------
    def by_id(self, article_id: int) -> Spec:
        return self._by_id[article_id]

    def title_of(self, spec: Spec) -> str:
        if spec.story == "seed" and spec.site == MAIN:
            return self.seed.headline_raw
        return spec.title

    def summary_of(self, spec: Spec) -> str:
        paras = [x for t, x in self.story(spec) if t == "paragraph"]
        text = self.script(spec.site, paras[0]) if paras else ""
        return text[: min(50, len(text) - 1)] + "."  # cut like the seed's related list

    def entry(self, spec: Spec) -> tuple[str, str, str, str]:
        """(path, title, summary, date) as a list prints an article."""
        return spec.path, self.title_of(spec), self.summary_of(spec), spec.time

    def _index(self) -> None:
        self._by_id = {a.id: a for a in self.articles}
        self._articles = {(a.site, a.path): a for a in self.articles}
        self._members: dict[tuple[str, str], list[Spec]] = {}
        self._lists: dict[tuple[str, str], tuple[str, str, int, int]] = {}
        self.list_pages: dict[str, list[str]] = {MAIN: [], MIRROR: []}
        for a in self.articles:
            self._members.setdefault((a.site, a.category), []).append(a)
        for site, cats in self.categories.items():
            for slug, name in cats:
                members = self._members.setdefault((site, slug), [])
                members.sort(key=lambda a: not a.fresh)  # newest first, as the sites list them
                pages = max(1, -(-len(members) // self.page_size[site]))
                for n in range(1, pages + 1):
                    path = f"/list/{slug}_{n}.html"
                    self._lists[(site, path)] = (slug, name, n, pages)
                    self.list_pages[site].append(path)
            self.list_pages[site].append("/")
        self._tags: dict[tuple[str, str], tuple[str, list[Spec]]] = {}
        for spec in self.articles:
            for tag in self.tags_of(spec):
                key = (spec.site, f"/tag/{quote(tag)}_1.html")
                self._tags.setdefault(key, (tag, []))[1].append(spec)

    def get(self, site: str, path: str) -> Page | None:
        """The page at ``path`` on ``site`` (main or mirror), rendered now; None: 404."""
        from . import templates

        if (site, path) in self._articles:
            return self._article_page(self._articles[(site, path)])
        if (site, path) in self._lists:
            slug, name, n, pages = self._lists[(site, path)]
            size = self.page_size[site]
            entries = [self.entry(a) for a in self._members[(site, slug)][(n - 1) * size: n * size]]
            if site == MAIN and slug == "bnb" and n == pages:
                entries.append((DEAD_PATH, "已刪除的文章_DEAD", "這篇文章已經不存在.", PLACEHOLDER))
            return _utf8(templates.list_page(self, site, slug, name, entries, n, pages))
        if path == "/" and site in self.list_pages:
            latest = [self.entry(a) for a in self.articles if a.site == site][:4]
            return _utf8(templates.home_page(self, site, latest))
        if (site, path) in self._tags:
            tag, specs = self._tags[(site, path)]
            return _utf8(templates.list_page(self, site, None, tag, [self.entry(s) for s in specs], 1, 1))
        return None

    @property
    def pages(self) -> dict[tuple[str, str], Page]:
        """Every page of the site, rendered (for storing fixtures)."""
        keys = list(self._articles) + list(self._lists) + [(s, "/") for s in self.list_pages] + list(self._tags)
        return {key: page for key in keys if (page := self.get(*key)) is not None}

    def tags_of(self, spec: Spec) -> list[str]:
        if spec.story == "seed" and spec.site == MAIN:
            return self.seed.tags
        return spec.tags

    def related_of(self, spec: Spec) -> list[tuple[str, str, str, str]]:
        if spec.story == "seed" and spec.site == MAIN:
            ids = [1002, 1003, 1004, 1005, 1006, 1007]
            return [(self.by_id(i).path, t, s, d) for i, (t, s, d) in zip(ids, self.seed.related)]
        same = [a for a in self._members[(spec.site, spec.category)][:5] if a.id != spec.id]
        out = [self.entry(a) for a in same[:4]]
        if spec.id == 1026:
            out.append((OFFSITE_ARTICLE, "站外文章_OUT", "這是一個站外鏈接.", PLACEHOLDER))
        return out

    def _article_page(self, spec: Spec) -> Page:
        from . import templates

        markup = templates.article_page(self, spec)
        enc = {"utf-8": "utf-8", "gbk-meta": "gbk", "gbk-none": "gbk", "big5-meta": "big5"}[spec.encoding]
        body = markup.encode(enc, "xmlcharrefreplace")
        ctype = "text/html; charset=utf-8" if spec.encoding == "utf-8" else "text/html"
        if spec.flaw == "truncated":  # the connection drops after 55% of what was announced
            return Page(200, body[: int(len(body) * 0.55)], ctype, promised=len(body))
        return Page(200, body, ctype)

    # -- what a crawl must find ----------------------------------------------------------
    @property
    def manifest(self) -> dict:
        bad = [a for a in self.articles if a.flaw]
        return {
            "list_pages": sum(len(v) for v in self.list_pages.values()),
            "article_pages": len(self.articles),
            "articles": len(self.articles) - len(bad),
            "bad_articles": {a.path: a.flaw for a in bad},
            "dead_links": [DEAD_PATH],
            "briefs": len(self.briefs),
        }


def _utf8(markup: str) -> Page:
    return Page(200, markup.encode("utf-8"), "text/html; charset=utf-8")
