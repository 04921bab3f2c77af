"""The seed article (shared/reference/seed-page.txt), rebuilt in the demo site."""
from __future__ import annotations

from crawler.demo.stories import SEED_HEADINGS, load_seed
from tests import pagecases

SEED = "demo-main-info-1001"


def seed_output():
    return pagecases.extract(pagecases.ROOT / SEED)


def test_headline_tag_category_author_date():
    a = seed_output()["article"]
    assert a["headline"] == "馬斯克不講武德:一邊公開呼吁暫停AI研究 一邊偷偷開發“AI版微信”?"
    assert a["headlineRaw"].endswith("_ITT") and a["headlineTag"] == "ITT"
    assert a["category"] == "BNB"
    assert a["author"] is None
    assert a["datePublishedRaw"] == "1900/1/1 0:00:00"


def test_tags_are_the_seven_links():
    assert seed_output()["article"]["tags"] == [
        "馬斯克", "ITT", "WITT", "TEmask幣和馬斯克有關系嗎", "Kitty Shiba", "WITCH幣", "matter幣未來"]


def test_every_story_paragraph_in_order_and_headings_marked():
    seed = load_seed()
    story = [(k, t) for k, t in seed.paragraphs if k != "brief"]
    blocks = seed_output()["article"]["blocks"]
    assert len(blocks) == len(story) == 34
    for block, (kind, text) in zip(blocks, story):
        expected_text = text.lstrip("|") if kind == "heading" else text
        assert block["text"] == expected_text
        assert block["type"] == kind
    assert sum(b["type"] == "heading" for b in blocks) == len(SEED_HEADINGS)


def test_exactly_the_five_briefs_with_titles_sources_and_times():
    briefs = seed_output()["briefs"]
    assert [(b["headline"], b["source"], b["datePublishedRaw"]) for b in briefs] == [
        ("埃隆·馬斯克關注OKX官方推特", None, "2022/12/16 21:49:04"),
        ("CNBC:馬斯克已收到約465億美元的融資債務承諾函", "CNBC", "2022/4/21 14:40:04"),
        ("推特將任命馬斯克為董事會成員", "金色財經", "2022/4/5 14:05:43"),
        ("馬斯克:NFT是美元的另一種形態", None, "2021/12/5 12:52:13"),
        ("推特上馬斯克BTC贈送騙局已獲利10枚BTC 價值超55萬美元", "CryptoSlate", "2021/3/18 18:55:44"),
    ]
    assert briefs[0]["body"].startswith("據官方消息,12月16日")
    assert seed_output()["article"]["briefIds"] == [b["id"] for b in briefs]


def test_related_list_is_links_not_story():
    a = seed_output()["article"]
    assert len(a["related"]) == 6
    assert a["related"][0]["headlineTag"] == "DAILY"
    assert a["related"][1]["summary"].startswith("作者:Jon?Rice")
    assert not any("ZachXBT" in b["text"] for b in a["blocks"])
