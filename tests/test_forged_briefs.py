"""A brief's id is its title and time: a page printing a known title and time over another
body gets that body emitted as a variant, never dropped as a repeat nor taken for the first."""
from __future__ import annotations

import dataclasses
import json
import uuid
from pathlib import Path

import opencc
import pytest
import redis
from scrapy.exceptions import DropItem
from scrapy.utils.test import get_crawler

from crawler.addon import NewsCrawlerAddon
from crawler.extensions.state import CrawlStateExtension, reconcile_worker
from crawler.items import Article, Brief
from crawler.middlewares.briefs import BriefsMiddleware
from crawler.pages.split import emit
from crawler.pipelines.incremental import IncrementalPipeline
from crawler.spiders.news import NewsSpider
from crawler.state import SqliteState, reconcile
from crawler.state.briefledger import Admission, BriefLedger, Seen, body_key
from crawler.state.redis import RedisState

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


# -- across runs and workers: the crawl state remembers each id's bodies ------------------------

FORGED_BODY = FORGED.split("：", 1)[1].split("[")[0]
REAL_BODY = REAL.split("：", 1)[1].split("[")[0]


def page(url: str, text: str) -> Article:
    return Article(url=url, blocks=[dict(STORY), {"type": "paragraph", "text": text}])


def run(state, *pages: Article):
    """One crawl's briefs through the ledger and the state's claims: the briefs that reach a
    feed, the pages' briefIds, and the crawl's stats."""
    # a feed folder turns the state on; the briefs that reach the feeds are returned instead
    crawler = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}, "NEWS_FEED_DIR": "unused"})
    crawler.get_extension(CrawlStateExtension).state = state  # as the spider's opening sets it
    mw, pipeline = BriefsMiddleware.from_crawler(crawler), IncrementalPipeline.from_crawler(crawler)
    emitted = []
    for p in pages:
        for x in mw.process_spider_output(None, emit(p).items()):
            if isinstance(x, Brief):
                try:
                    emitted.append(pipeline.process_item(x))
                except DropItem:
                    pass
    return emitted, [p.briefIds for p in pages], crawler.stats.get_stats()


def write_feed(feed_dir: Path, name: str, briefs: list[Brief]) -> None:
    (feed_dir / "briefs").mkdir(parents=True, exist_ok=True)
    with (feed_dir / "briefs" / name).open("a", encoding="utf-8") as f:
        f.writelines(json.dumps(dataclasses.asdict(b), ensure_ascii=False) + "\n" for b in briefs)


def test_a_forged_body_under_an_id_an_earlier_run_emitted_is_a_variant(tmp_path):
    db = tmp_path / ".state" / "news.sqlite"
    first, ids, _ = run(SqliteState(db), page("http://site.test/info/1.html", REAL))
    assert [b.body for b in first] == [REAL_BODY]
    write_feed(tmp_path, "run1.jsonl", first)

    state = SqliteState(db)
    reconcile(state, tmp_path)
    second, ids, stats = run(state, page("http://evil.test/info/1.html", FORGED),
                             page("http://site.test/info/2.html", REAL))
    assert [b.body for b in second] == [FORGED_BODY] and second[0].id != first[0].id
    assert ids == [[second[0].id], [first[0].id]]  # the real page lists the real body's id
    assert stats["briefs/variants"] == 1 and stats["incremental/briefs_known"] == 1
    write_feed(tmp_path, "run2.jsonl", second)

    state = SqliteState(db)
    reconcile(state, tmp_path)  # both bodies known now, each under its own id
    third, ids, stats = run(state, page("http://site.test/info/3.html", REAL), page("http://evil.test/info/2.html", FORGED))
    assert third == [] and ids == [[first[0].id], [second[0].id]]
    assert "briefs/variants" not in stats and stats["incremental/briefs_known"] == 2


@pytest.fixture
def shared():
    """A Redis state's keys of one test's own, removed after it."""
    client = redis.Redis.from_url("redis://127.0.0.1:6379/15")
    prefix = f"test-forged-{uuid.uuid4().hex[:8]}"
    yield client, prefix
    client.delete(*client.keys(f"{prefix}:*") or [f"{prefix}:none"])


def test_a_forged_body_under_an_id_another_worker_claimed_is_a_variant(shared):
    client, prefix = shared
    first, _, _ = run(RedisState(client, prefix, "w1"), page("http://site.test/info/1.html", REAL))
    assert [b.body for b in first] == [REAL_BODY]
    second, ids, stats = run(RedisState(client, prefix, "w2"), page("http://evil.test/info/1.html", FORGED),
                             page("http://site.test/info/2.html", REAL))
    assert [b.body for b in second] == [FORGED_BODY] and second[0].id != first[0].id
    assert ids == [[second[0].id], [first[0].id]]
    assert stats["briefs/variants"] == 1 and stats["incremental/briefs_known"] == 1
    # a third worker meets both bodies: each is known, under its own id
    third, ids, stats = run(RedisState(client, prefix, "w3"), page("http://site.test/info/3.html", REAL),
                            page("http://evil.test/info/2.html", FORGED))
    assert third == [] and ids == [[first[0].id], [second[0].id]] and "briefs/variants" not in stats


def test_a_killed_workers_unwritten_variant_is_released_with_its_body(shared, tmp_path):
    """w2 claimed the forged body as a variant and was killed before writing it: on its
    restart the claim goes, and the variant is emitted again, once (w1's real body, written
    to its feed and read back, stays known)."""
    client, prefix = shared
    first, _, _ = run(RedisState(client, prefix, "w1"), page("http://site.test/info/1.html", REAL))
    w1 = RedisState(client, prefix, "w1")
    write_feed(tmp_path / "w1", "w1.jsonl", first)
    reconcile_worker(w1, str(tmp_path / "w1"), "*.jsonl", get_crawler(NewsSpider).stats)
    lost, _, _ = run(RedisState(client, prefix, "w2"), page("http://evil.test/info/1.html", FORGED))
    assert len(lost) == 1
    w2 = RedisState(client, prefix, "w2")
    reconcile_worker(w2, str(tmp_path / "w2"), "*.jsonl", get_crawler(NewsSpider).stats)  # nothing written
    again, ids, stats = run(w2, page("http://evil.test/info/1.html", FORGED), page("http://site.test/info/2.html", REAL))
    assert [(b.id, b.body) for b in again] == [(lost[0].id, FORGED_BODY)]
    assert ids == [[lost[0].id], [first[0].id]] and stats["briefs/variants"] == 1


def test_a_later_crawl_meeting_a_forged_body_emits_it_as_a_variant(tmp_path):
    """Two crawls into one feed folder: the first reads the real site, the second a hostile
    page printing the brief's title and time over a body of its own, and the real page again."""
    from tests.conftest import run_crawl
    from tests.loopback import page as html
    from tests.loopback import send, serve

    def story(n: int, brief: str) -> bytes:
        return html(f"<h1>某链主网上线后的第{n}天</h1><p>Time:2023/9/2 10:00:00</p><div class='content'>"
                    f"<p>{STORY['text']}第{n}篇。</p><p>{brief}</p></div>")

    routes = {"/info/1.html": lambda h: send(h, story(1, REAL))}
    with serve(routes) as site:
        routes["/"] = lambda h: send(h, html(f'<ul><li><a href="{site.url("/info/1.html")}">某链主网上线后的第1天</a></li></ul>'))
        first = run_crawl(tmp_path, "-a", f"start_urls={site.url('/')}", "-s", "AUTOTHROTTLE_ENABLED=0")
        routes["/info/2.html"] = lambda h: send(h, story(2, FORGED))
        routes["/info/3.html"] = lambda h: send(h, story(3, REAL))
        routes["/"] = lambda h: send(h, html("<ul>" + "".join(
            f'<li><a href="{site.url(f"/info/{n}.html")}">某链主网上线后的第{n}天</a></li>' for n in (2, 3)) + "</ul>"))
        second = run_crawl(tmp_path, "-a", f"start_urls={site.url('/')}", "-s", "AUTOTHROTTLE_ENABLED=0")
    assert [b["body"] for b in first.briefs] == [REAL_BODY]
    assert [b["body"] for b in second.briefs] == [REAL_BODY, FORGED_BODY]  # the feeds: both runs'
    real, forged = second.briefs
    assert forged["id"] != real["id"] and forged["headline"] == real["headline"]
    stats = second.stats
    assert stats["briefs/variants"] == 1 and stats["incremental/briefs_known"] == 1
    by_url = {a["url"].rsplit("/", 1)[1]: a["briefIds"] for a in second.articles}
    assert by_url == {"1.html": [real["id"]], "2.html": [forged["id"]], "3.html": [real["id"]]}


def test_a_state_from_before_brief_bodies_reads_them_from_the_feeds(tmp_path):
    db = tmp_path / ".state" / "news.sqlite"
    first, _, _ = run(SqliteState(db), page("http://site.test/info/1.html", REAL))
    write_feed(tmp_path, "run1.jsonl", first)
    state = SqliteState(db)
    reconcile(state, tmp_path)
    state.db.execute("DROP TABLE brief_bodies")  # as a state file of that time
    state.commit()
    state.close()
    state = SqliteState(db)
    reconcile(state, tmp_path)
    assert state.brief_bodies(first[0].id) == [(body_key(REAL_BODY, T2S), first[0].id)]
    assert state.feed_offset(str(tmp_path / "briefs" / "run1.jsonl")) > 0
    second, _, stats = run(state, page("http://evil.test/info/1.html", FORGED))
    assert [b.body for b in second] == [FORGED_BODY] and stats["briefs/variants"] == 1
