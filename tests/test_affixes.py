"""Title affixes: strip what is clearly SEO, never cut a real title."""
from __future__ import annotations

import pytest

from crawler.pages.affixes import repeats_headline, split_headline


@pytest.mark.parametrize("raw,headline,tag", [
    ("馬斯克不講武德:一邊公開呼吁暫停AI研究 一邊偷偷開發“AI版微信”?_ITT",
     "馬斯克不講武德:一邊公開呼吁暫停AI研究 一邊偷偷開發“AI版微信”?", "ITT"),
    ("頭部交易所公布儲備金證明:覆蓋率達101%_ETH:儲備金證明", "頭部交易所公布儲備金證明:覆蓋率達101%", "ETH:儲備金證明"),
    ("接入去中心化預言機Chainlink喂價開發DeFi看漲期權交易平臺實例-ODAILY_QUO:Quota",
     "接入去中心化預言機Chainlink喂價開發DeFi看漲期權交易平臺實例", "ODAILY_QUO:Quota"),
    ("互动式讲解区块链技术交易所发展趋势现况:AMM、订单信息薄与汇聚器_区块链技术__跨链",
     "互动式讲解区块链技术交易所发展趋势现况:AMM、订单信息薄与汇聚器", "区块链技术__跨链"),
    ("科谱:什么叫治理程序流程可提取的使用价值(GEV)?_艺术品", "科谱:什么叫治理程序流程可提取的使用价值(GEV)?", "艺术品"),
    ("比特幣白皮書(英文版)_atc", "比特幣白皮書(英文版)", "atc"),
    ("NBS:DeFi 借贷概念:清算_ERA", "DeFi 借贷概念:清算", "ERA"),
    ("LAYER:Rollup Layer2的模塊化演進之路_UENC", "Rollup Layer2的模塊化演進之路", "UENC"),
    ("MER:比特幣減半臨近 礦工收入結構生變_MER", "比特幣減半臨近 礦工收入結構生變", "MER"),
    ("tron:DAO回購提案引發爭議 國庫三成資金或用於回購", "DAO回購提案引發爭議 國庫三成資金或用於回購", "tron"),
    ("区块链:数字人民币试点扩大至公务员工资发放", "数字人民币试点扩大至公务员工资发放", "区块链"),
    ("AMM:TW-AMM:一种Dex高效处理大额订单的新构想", "TW-AMM:一种Dex高效处理大额订单的新构想", "AMM"),
    # real titles stay whole
    ("CNBC:馬斯克已收到約465億美元的融資債務承諾函", "CNBC:馬斯克已收到約465億美元的融資債務承諾函", None),
    ("TW-AMM:一种Dex高效处理大额订单的新构想", "TW-AMM:一种Dex高效处理大额订单的新构想", None),
    ("馬斯克:NFT是美元的另一種形態", "馬斯克:NFT是美元的另一種形態", None),
    ("ETH是證券還是商品?美國監管者觀點集錦", "ETH是證券還是商品?美國監管者觀點集錦", None),
    ("香港礦場巡禮_浸會大學數據中心 (2)", "香港礦場巡禮_浸會大學數據中心 (2)", None),  # one of a numbered series
])
def test_affixes(raw, headline, tag):
    h = split_headline(raw)
    assert (h.text, h.tag) == (headline, tag)
    assert "".join(h.affixes) + h.text == raw or h.text in raw


def test_prefix_in_the_page_tags_is_an_affix():
    assert split_headline("SOL:并行执行成焦点", ["SOL"]).text == "并行执行成焦点"
    assert split_headline("SOL:并行执行成焦点").text == "SOL:并行执行成焦点"


def test_first_paragraph_repeating_the_title():
    raw = "互动式讲解区块链技术交易所发展趋势现况:AMM、订单信息薄与汇聚器_区块链技术__跨链"
    h = split_headline(raw)
    assert repeats_headline("互动式讲解区块链技术交易所发展趋势现况:AMM、订单信息薄与汇聚器_区块链技术_", h, raw)
    assert repeats_headline(h.text, h, raw)
    assert not repeats_headline("互动式讲解区块链技术交易所发展趋势现况:AMM、订单信息薄与汇聚器的三个关键", h, raw)


def _page(title: str, printed: str) -> str:
    story = "".join(f"<p>第{i}段：比特币今日继续在两万美元附近横盘整理，成交量明显萎缩，市场观望情绪浓厚。</p>" for i in range(3))
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
            f"<div class='logo'>以太幣交易所</div><div class='t'>{printed}</div>"
            f"<div class='c'>{story}</div></body></html>")


def test_a_block_the_title_holds_between_affixes_is_the_headline():
    from crawler.pages import ArticlePage

    page = ArticlePage("https://x.example/info/1.html",
                     _page("MER:币安将下架三个交易对 用户需尽快处理-以太幣交易所", "币安将下架三个交易对 用户需尽快处理").encode(), {})
    assert page.headline.text == "币安将下架三个交易对 用户需尽快处理"


def test_a_site_name_the_title_holds_is_not_the_headline():
    from crawler.pages import ArticlePage

    # the headline is printed nowhere but in <title>: the site name block is no heading
    page = ArticlePage("https://x.example/info/1.html",
                     _page("币安将下架三个交易对 用户需尽快处理 - 以太幣交易所", "").encode(), {})
    assert page.headline.text == "币安将下架三个交易对 用户需尽快处理"
