"""Chinese normalization: repair of the site's conversion damage, `?` artifacts, and the
script invariants on every fixture page."""
from __future__ import annotations

import json

import opencc
import pytest

from crawler.text import artifacts
from crawler.text.zh import ZhNormalizer, _encodes, language_of
from tests import pagecases

S2T, T2S = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")


@pytest.fixture(scope="module")
def zh():
    return {script: ZhNormalizer(script) for script in ("zh-Hans", "zh-Hant", "zh-TW", "zh-HK")}


@pytest.mark.parametrize("damaged,script,repaired", [
    ("一邊公開呼吁暫停AI研究", "zh-Hant", "一邊公開呼籲暫停AI研究"),
    ("大有一種要大干一場的架勢", "zh-Hant", "大有一種要大幹一場的架勢"),
    ("花費這么多錢", "zh-Hant", "花費這麼多錢"),
    ("似乎并不是", "zh-Hant", "似乎並不是"),
    ("都放在一個應用里邊", "zh-TW", "都放在一個應用裡邊"),
    ("集成在了一個應用里邊", "zh-Hans", "集成在了一个应用里边"),
    ("数字货币的软件", "zh-TW", "數字貨幣的軟體"),  # Taiwan phrasing: 软件 -> 軟體
])
def test_traditional_output_repairs_machine_conversion(zh, damaged, script, repaired):
    assert zh[script].convert(damaged) == repaired


@pytest.mark.parametrize("raw,fixed", [
    ("0x?739?開頭", "0x 739 開頭"),
    ("創建?114?個?memeCoin?騙局", "創建 114 個 memeCoin 騙局"),
    ("作者:Jon?Rice,Blockworks主編", "作者:Jon Rice,Blockworks主編"),
    ("Layer?2", "Layer 2"),
    ("在像?Uniswap這種現有的AMM上", "在像 Uniswap這種現有的AMM上"),
    ("鏈上分析師?ZachXBT?發推稱", "鏈上分析師 ZachXBT 發推稱"),
    ("呼吁暫停有私心?Twitter內部AI項目秘密推進????", "呼吁暫停有私心?Twitter內部AI項目秘密推進"),
    ("組建自己的AI團隊,從DeepMind挖人??", "組建自己的AI團隊,從DeepMind挖人"),
    ("大干一場的架勢。??", "大干一場的架勢。"),
    ("上的首個DEX??前不久", "上的首個DEX 前不久"),
    # real question marks stay
    ("ETH是證券還是商品?美國監管者觀點集錦", "ETH是證券還是商品?美國監管者觀點集錦"),
    ("|是不喜歡人工智能,還是不喜歡OpenAI???", "|是不喜歡人工智能,還是不喜歡OpenAI?"),
    ("如果這是合法的,為什么其他人不這樣做?", "如果這是合法的,為什么其他人不這樣做?"),
    # invisible and escaped junk
    ("比特\u200b幣\u00a0 價格", "比特幣 價格"),
    ('\\"alt=\\"image\\"\\u002F\\\\>圖2', "圖2"),
    ("ETH\\u002FUSD", "ETH/USD"),
])
def test_artifact_repair(raw, fixed):
    assert artifacts.repair(raw) == fixed


def test_fullwidth_punctuation_only_between_chinese():
    assert artifacts.fullwidth_punctuation("大模型,並且:好嗎?OK,fine") == "大模型，並且：好嗎?OK,fine"


def test_detects_the_source_script(zh):
    assert zh["zh-Hans"].detect("馬斯克對于人工智能持保留態度似乎已經是一個公開的事情") == "zh-Hant"
    assert zh["zh-Hans"].detect("马斯克对于人工智能持保留态度似乎已经是一个公开的事情") == "zh-Hans"
    assert zh["zh-Hans"].detect("Bitcoin 2024") is None


@pytest.mark.parametrize("printed", [
    "游客在乾清宫前排起长队，导游讲起乾隆年间的旧事。",  # 乾 is Simplified too: t2s would print 干清宫
    "於女士表示，这批菸叶已经入库。",  # a surname and a word GB2312 holds
    "比特币 ETF 获批",
])
def test_simplified_output_leaves_simplified_text_as_printed(zh, printed):
    assert zh["zh-Hans"].convert(printed) == printed
    assert zh["zh-Hans"].convert_many([printed, printed], "zh-Hans") == [printed, printed]


def test_simplified_output_converts_only_the_traditional_texts(zh):
    simplified, traditional = "记者在乾清宫外看到，游客比往年多。", "記者在故宮外看到，遊客比往年多。"
    assert zh["zh-Hans"].convert_many([simplified, traditional]) == [simplified, "记者在故宫外看到，游客比往年多。"]
    # as many characters of each script's own goes with the page
    assert zh["zh-Hans"].is_traditional("這个", "zh-Hant") and not zh["zh-Hans"].is_traditional("這个", "zh-Hans")
    # characters both scripts print (後 and 於 are GB2312's too) are not Traditional, whatever the page
    assert not zh["zh-Hans"].is_traditional("干燥後", "zh-Hant")


def test_unknown_script_is_refused():
    with pytest.raises(ValueError):
        ZhNormalizer("zh-XX")


def _fixture_texts():
    for case in pagecases.cases():
        exp = json.loads((case / "expected.json").read_text("utf-8"))
        if exp["pageKind"] == "article":
            texts = [exp["article"]["headline"] or ""] + [b["text"] for b in exp["article"]["blocks"]]
            yield pytest.param("\n".join(texts), id=case.name)


@pytest.mark.parametrize("text", list(_fixture_texts()))
def test_script_invariants_on_every_fixture(zh, text):
    hant = zh["zh-Hant"].convert(text)
    hans = zh["zh-Hans"].convert(text)
    assert S2T.convert(hant) == hant
    # no Traditional text is left, and what is left stays as it is
    assert not any(zh["zh-Hans"].is_traditional(line) for line in hans.split("\n"))
    assert zh["zh-Hans"].convert(hans) == hans
    assert "\ufffd" not in hans


def _one_script_counts(text: str) -> tuple[int, int, int, int]:
    """Each character of the text converted on its own: what t2s and s2t rewrite, and of
    those, what the other script's character set does not hold."""
    cjk = [c for c in text if "\u3400" <= c < "\ua000"]
    trad = [c for c in cjk if T2S.convert(c) != c]
    simp = [c for c in cjk if S2T.convert(c) != c]
    return (len(trad), len(simp), sum(not _encodes("gb2312", c) for c in trad),
            sum(not _encodes("big5", c) for c in simp))


def test_the_count_tables_count_as_converting_each_character(zh):
    z = zh["zh-Hans"]
    texts = [t for t in pagecases.lines() if any("\u3400" <= c < "\ua000" for c in t)][:400]
    texts += ["", "這个", "干燥後", "\ud800這個", "😀這个", "Bitcoin 2024", "這" * 70_000]
    for text in texts:
        trad, simp, trad_only, simp_only = _one_script_counts(text[:1000])
        assert z.detect(text) == (None if trad == simp == 0 else "zh-Hant" if trad > simp else "zh-Hans")
        _, _, trad_only, simp_only = _one_script_counts(text)
        for page in ("zh-Hant", "zh-Hans"):
            expected = trad_only > 0 and (trad_only > simp_only or (trad_only == simp_only and page == "zh-Hant"))
            assert z.is_traditional(text, page) == expected, text[:40]
    # many texts in one count read as each alone
    assert z._traditional_texts(texts, "zh-Hant") == [z.is_traditional(t, "zh-Hant") for t in texts]


# The `?` rules as written before each was turned to open with what it matches first.
_PLAIN_RULES = [
    (r"(?<=[A-Za-z0-9])\?(?=[A-Za-z0-9])", " "),
    (r"(?<=[0-9])\?(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\?(?=[0-9])", " "),
    (r"(?<=[\u4e00-\u9fff])\?(?=[A-Za-z][\w.\-]*\?)", " "),
    (r"(?<=[\s?])([A-Za-z][\w.\-]*)\?(?=[\u4e00-\u9fff])", r"\1 "),
    (rf"(?<=[{artifacts._BEFORE_NAME}])\?(?=[A-Za-z])", " "),
    (r"^\?+\s*", ""),
]


def test_each_question_mark_rule_matches_as_its_plain_form():
    import random
    import re

    rng = random.Random(3)
    pool = list("???? \t\u3000abXZ09_.-像的與個開頭。") + ["\u4e00", "\u9fff", "\u9fa5"]
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(1, 30))) for _ in range(20_000)]
    assert len(_PLAIN_RULES) == len(artifacts._RULES)
    for (plain, repl), (fast, fast_repl) in zip(_PLAIN_RULES, artifacts._RULES):
        assert repl == fast_repl
        plain_re = re.compile(plain)
        for text in texts:
            assert fast.sub(repl, text) == plain_re.sub(repl, text), (plain, text)


def test_an_items_script_and_language_come_from_one_count_as_from_two(zh):
    texts = [t for t in pagecases.lines()][:600]
    texts += ["", "這个", "Bitcoin 2024", "😀這个 Layer2", "2024 — 12:00 ……", "這" * 1500, "abc" * 900 + "這个"]
    for script in ("zh-Hans", "zh-TW"):
        for text in texts:
            assert zh[script].read(text) == (zh[script].detect(text), language_of(text)), text[:40]
