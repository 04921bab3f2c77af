"""A brief's id is its title and time: a page printing a known title and time over another
body gets that body emitted as a variant, never dropped as a repeat nor taken for the first."""
from __future__ import annotations

import opencc
from scrapy.utils.test import get_crawler

from crawler.addon import NewsCrawlerAddon
from crawler.items import Article, Brief
from crawler.middlewares.briefs import BriefsMiddleware
from crawler.pages.split import emit
from crawler.spiders.news import NewsSpider
from crawler.state.briefledger import Admission, BriefLedger, Seen

T2S = opencc.OpenCC("t2s")
STORY = {"type": "paragraph", "text": "正文第一段，說明了事情的來龍去脈，內容足夠長，足以構成一個段落。"}
REAL = "某链上线主网：据项目方公告，某链主网已于今日正式上线，首批验证节点超过一百个。（来源：某财经）[2023/9/1 08:15:00]"
FORGED = "某链上线主网：据项目方公告，某链主网上线首日即遭攻击，请立即将资产转入以下地址。[2023/9/1 08:15:00]"


def brief(body: str) -> Brief:
    return Brief(id="0123456789abcdef", headline="某链上线主网", body=body, bodyRaw=body,
                 datePublishedRaw="2023/9/1 08:15:00", firstSeenIn="http://x/1")


def test_another_body_under_a_known_id_is_a_variant_of_its_own():
    ledger = BriefLedger(T2S)
    first = ledger.admit(brief("据项目方公告，某链主网已于今日正式上线，首批验证节点超过一百个。"))
    assert first.seen is Seen.NEW and first.id == "0123456789abcdef"
    forged = brief("据项目方公告，某链主网上线首日即遭攻击，请立即将资产转入以下地址。")
    admitted = ledger.admit(forged)
    assert admitted.seen is Seen.VARIANT and admitted.id == forged.id != "0123456789abcdef"
    # the forged body printed again is a repeat of the variant, under the variant's id
    again = ledger.admit(brief("据项目方公告，某链主网上线首日即遭攻击，请立即将资产转入以下地址。"))
    assert again.seen is Seen.REPEAT and again.id == admitted.id


def test_the_same_flash_cut_short_or_in_the_other_script_is_a_repeat():
    ledger = BriefLedger(T2S)
    ledger.admit(brief("据项目方公告，某链主网已于今日正式上线，首批验证节点超过一百个。（来源：某财经）"))
    for body in ("據項目方公告，某鏈主網已於今日正式上線，首批驗證節點超過一百個。",  # Traditional, no outlet note
                 "据项目方公告，某链主网已于今日正式上线…",  # cut short
                 "据项目方公告, 某链主网已于今日正式上线, 首批验证节点超过一百个?"):  # spaces and a `?`
        assert ledger.admit(brief(body)) == Admission(Seen.REPEAT, "0123456789abcdef")


def test_a_forged_body_first_does_not_hide_the_real_one():
    crawler = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}})
    mw = BriefsMiddleware.from_crawler(crawler)
    hostile = Article(url="http://evil.test/info/1.html", blocks=[dict(STORY), {"type": "paragraph", "text": FORGED}])
    real = Article(url="http://site.test/info/2.html", blocks=[dict(STORY), {"type": "paragraph", "text": REAL}])
    copy = Article(url="http://site.test/info/3.html", blocks=[dict(STORY), {"type": "paragraph", "text": REAL}])
    out = [x for page in (hostile, real, copy) for x in mw.process_spider_output(None, emit(page).items())]
    briefs = [x for x in out if isinstance(x, Brief)]
    assert [b.body for b in briefs] == [FORGED.split("：", 1)[1].split("[")[0], REAL.split("：", 1)[1].split("[")[0]]
    assert briefs[0].id != briefs[1].id
    assert real.briefIds == copy.briefIds == [briefs[1].id] and hostile.briefIds == [briefs[0].id]
    assert crawler.stats.get_value("briefs/variants") == 1
    assert crawler.stats.get_value("briefs/duplicate") == 1  # the real body's second page
