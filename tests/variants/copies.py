"""Stories as the network copies them: many distinct stories in one house style, and copies
of a story with the damage real reposts show, each drawn at random from a seed.

``distinct_stories`` are what must never link: stories of one beat (the same coins, venues
and sentence shapes), each opening the same way (据金色财经报道，), a share of them closing
with the same disclaimer or source line. ``damaged`` is what must link: one story with a
last part cut (up to a fifth), a line added or removed, paragraphs split or merged, a
caption dropped, a few characters changed by a broken script conversion or turned into `?`.
"""
from __future__ import annotations

import random

from .common import STORIES

OPENINGS = ["据金色财经报道，", "Odaily星球日报讯，", "PANews消息，", "据链捕手报道，"]
BOILERPLATE = ["声明：本文仅代表作者个人观点，不代表本站立场，亦不构成任何投资建议。",
               "本文来源于网络，版权归原作者所有，如有侵权请联系删除。",
               "风险提示：数字货币价格波动较大，请理性投资，注意风险。"]
COINS = ["比特币", "以太坊", "Solana", "BNB", "狗狗币", "Arbitrum", "Polygon", "Avalanche", "Toncoin", "Sui", "Aptos",
         "Chainlink", "Uniswap", "Aave", "Celestia", "Starknet", "Optimism", "Cardano", "瑞波币", "莱特币"]
VENUES = ["币安", "OKX", "Coinbase", "Bybit", "Kraken", "Bitget", "Gate.io", "HTX", "Upbit", "Bitfinex"]
PEOPLE = ["分析师", "研究员", "交易员", "基金经理", "首席执行官", "联合创始人", "链上侦探", "合规负责人"]
FUNDS = ["a16z", "Paradigm", "红杉资本", "Polychain", "Multicoin", "Pantera", "Binance Labs", "OKX Ventures"]
# Sentence shapes of the beat, filled with the draws below: distinct stories share shapes, not facts.
SHAPES = [
    "{coin}在过去24小时内上涨{pct}%，报{price}美元，成交量较前一日增加{pct2}%。",
    "{venue}宣布将于{month}月{day}日上线{coin}现货交易，并开放{coin}/USDT交易对。",
    "{fund}领投了{coin}生态项目的{amount}万美元融资，{fund2}等机构跟投。",
    "链上数据显示，某巨鲸地址在{hour}小时内向{venue}转入{amount}枚{coin}，价值约{price}万美元。",
    "{venue}{person}表示，{coin}的{topic}将在{month}月前完成，届时{effect}。",
    "据{source}数据，{coin}网络的日活跃地址数达到{amount}万，创下{years}年来新高。",
    "{coin}基金会公布了新一轮生态激励计划，总额为{amount}万枚代币，分{n}期发放。",
    "{person}认为，{coin}短期内可能回落至{price}美元附近，但{effect}。",
    "美国证券交易委员会已就{venue}的{topic}问题发出询问函，要求其在{n}个工作日内答复。",
    "{coin}的{topic}提案已获得{pct}%的投票支持，预计将在第{n}周执行。",
    "截至发稿，{coin}的永续合约未平仓量为{amount}亿美元，资金费率为{pct3}%。",
    "{fund}在报告中指出，{topic}是本轮周期最值得关注的赛道之一，{effect}。",
    "{venue}的储备金证明显示，其{coin}储备覆盖率为{cover}%，较上月变化{pct2}个百分点。",
    "受此消息影响，{coin}一度跌破{price}美元，全网爆仓金额超过{amount}万美元。",
    "{coin}开发团队在博客中介绍了{topic}的技术细节，并称测试网已运行{n}周。",
    "多位{person}提醒投资者，{topic}存在较高风险，{effect}。",
]
TOPICS = ["质押升级", "跨链桥", "代币解锁", "治理改革", "手续费调整", "再质押", "零知识证明", "排序器去中心化",
          "稳定币储备", "现货ETF", "空投计划", "链上隐私", "合规审查", "做市安排", "分片方案"]
EFFECTS = ["交易成本有望下降", "用户体验将明显改善", "市场流动性或将进一步提升", "投资者应关注后续进展",
           "短期波动可能加剧", "生态开发者将获得更多支持", "监管不确定性仍然存在", "长期价值仍有待观察"]
SOURCES = ["Glassnode", "CoinGlass", "Dune", "Nansen", "DefiLlama", "Artemis", "Token Terminal"]


def _sentence(rng: random.Random) -> str:
    return rng.choice(SHAPES).format(
        coin=rng.choice(COINS), venue=rng.choice(VENUES), person=rng.choice(PEOPLE), fund=rng.choice(FUNDS),
        fund2=rng.choice(FUNDS), topic=rng.choice(TOPICS), effect=rng.choice(EFFECTS), source=rng.choice(SOURCES),
        pct=rng.randint(1, 40), pct2=rng.randint(1, 99), pct3=f"{rng.random() / 10:.4f}", price=rng.randint(1, 70000),
        amount=rng.randint(10, 9999), month=rng.randint(1, 12), day=rng.randint(1, 28), hour=rng.randint(1, 48),
        years=rng.randint(2, 5), n=rng.randint(2, 9), cover=rng.randint(100, 130))


def distinct_story(rng: random.Random) -> list[str]:
    """Three to seven paragraphs of one to three sentences, a common opening, and in one
    story of three a disclaimer line."""
    paras = ["".join(_sentence(rng) for _ in range(rng.randint(1, 3))) for _ in range(rng.randint(3, 7))]
    paras[0] = rng.choice(OPENINGS) + paras[0]
    if rng.random() < 0.35:
        paras.append(rng.choice(BOILERPLATE))
    return paras


def distinct_stories(n: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    return [distinct_story(rng) for _ in range(n)]


def _cut_end(paras, rng):
    total = sum(map(len, paras))
    budget = int(total * rng.uniform(0.05, 0.2))  # up to a fifth of the story
    out = list(paras)
    while out and len(out[-1]) <= budget and len(out) > 1:
        budget -= len(out.pop())
    if budget > 0:
        out[-1] = out[-1][:max(1, len(out[-1]) - budget)]
    return out


def _add_line(paras, rng):
    line = rng.choice(["阅读全文", "本文转载自金色财经，原文链接已失效。", "（本文首发于链捕手）", "来源：Odaily星球日报"])
    return [*paras, line] if rng.random() < 0.5 else [line, *paras]


def _remove_line(paras, rng):
    if len(paras) < 4:
        return paras
    out = list(paras)
    shortest = min(range(1, len(out)), key=lambda i: len(out[i]))
    del out[shortest]  # the shortest paragraph: what a reposter drops
    return out


def _resplit(paras, rng):
    out = list(paras)
    i = rng.randrange(len(out))
    if len(out) > 1 and rng.random() < 0.5:
        j = min(i + 1, len(out) - 1) if i < len(out) - 1 else i - 1
        lo, hi = sorted((i, j))
        out[lo:hi + 1] = [out[lo] + out[hi]]
    elif len(out[i]) > 10:
        cut = rng.randrange(5, len(out[i]) - 4)
        out[i:i + 1] = [out[i][:cut], out[i][cut:]]
    return out


def _drop_caption(paras, rng):
    # the original carries a caption line (图片来源…); the copy does not
    return paras


def _script(paras, rng):
    out = list(paras)
    for _ in range(max(1, sum(map(len, out)) // 150)):  # a few characters in the whole story
        i = rng.randrange(len(out))
        if out[i]:
            k = rng.randrange(len(out[i]))
            out[i] = out[i][:k] + rng.choice("乾後裏髮麵鬆於於著") + out[i][k + 1:]
    return out


def _question_marks(paras, rng):
    out = list(paras)
    for _ in range(max(1, sum(map(len, out)) // 100)):
        i = rng.randrange(len(out))
        if out[i]:
            k = rng.randrange(len(out[i]))
            out[i] = out[i][:k] + "?" + out[i][k + 1:]
    return out


DAMAGES = {"cut_end": _cut_end, "add_line": _add_line, "remove_line": _remove_line, "resplit": _resplit,
           "drop_caption": _drop_caption, "script": _script, "question_marks": _question_marks}
CAPTION = "图片来源：网络（图为链上数据截图）"


def damaged(paras: list[str], rng: random.Random, count: int = 2) -> tuple[list[str], list[str], list[str]]:
    """(the original, a damaged copy, the damages) for one story: ``count`` damages drawn
    at random. For a dropped caption the original gains a caption line."""
    names = rng.sample(sorted(DAMAGES), count)
    original = list(paras)
    if "drop_caption" in names:
        original.insert(rng.randrange(1, len(original) + 1), CAPTION)
    copy = list(paras)
    for name in names:
        copy = DAMAGES[name](copy, rng)
    return original, copy, names


def story_pool(seed: int = 1, n: int = 200) -> list[list[str]]:
    """Stories to copy: the demo's real and written ones, and generated ones."""
    real = [[t for k, t in story if k == "paragraph"] for story in STORIES]
    return real + distinct_stories(n, seed + 1000)
