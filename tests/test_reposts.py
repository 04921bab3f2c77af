"""Near-duplicate reposts: damaged copies link, distinct stories do not, and every store
(in memory, SQLite, Redis) answers alike, across runs and workers."""
from __future__ import annotations

import json
import random
import sqlite3
from datetime import datetime

import numpy as np
import pytest
import redis
from hypothesis import given
from hypothesis import strategies as st

from crawler.items import Article
from crawler.pages.fingerprints import StoryKeys, key_of_converted, text_key
from crawler.pipelines.dedup import DedupPipeline
from crawler.state import SqliteState, reconcile, reposts
from crawler.state.redis import RedisState
from tests.variants.copies import DAMAGES, damaged, distinct_stories, story_pool

KEYS = StoryKeys()
REDIS_URL = "redis://127.0.0.1:6379/14"


def sig(paras: list[str]):
    return reposts.signature(KEYS(blocks(paras)))


def new_story(story_id: str, s) -> reposts.Copy:
    """A story about to be looked up, as the pipeline makes it."""
    return reposts.Copy(story_id, "http://new/", story_id, "http://new/", 0.0, s)


def blocks(paras: list[str]) -> list[dict]:
    return [{"type": "paragraph", "text": p} for p in paras]


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_every_kind_of_damage_alone_still_links(damage):
    rng = random.Random(damage)
    for story in story_pool(n=60):
        original, copy = story, DAMAGES[damage](list(story), rng)
        if damage == "drop_caption":
            original = [*story[:1], "图片来源：网络（图为链上数据截图）", *story[1:]]
        s = reposts.similarity(sig(original), sig(copy))
        assert s >= reposts.THRESHOLD, (damage, s, original, copy)


def test_copies_with_two_or_three_damages_link():
    rng = random.Random(3)
    pool = story_pool()
    sims = []
    for _ in range(600):
        original, copy, names = damaged(rng.choice(pool), rng, rng.choice([2, 3]))
        sims.append((reposts.similarity(sig(original), sig(copy)), names))
    linked = sum(s >= reposts.THRESHOLD for s, _ in sims) / len(sims)
    assert linked >= 0.995, sorted(sims)[:5]


def test_ten_thousand_distinct_stories_make_no_false_link():
    index = reposts.RepostIndex()
    for i, paras in enumerate(distinct_stories(10_000, seed=11)):
        s = sig(paras)
        first, score = reposts.find(index, new_story(f"{i:016x}", s))
        assert first is None, (score, paras, first)
        index.add_copy(reposts.Copy(f"{i:016x}", str(i), f"{i:016x}", str(i), 0.0, s))


def test_a_common_opening_and_a_shared_disclaimer_are_not_a_story():
    one = ["据金色财经报道，比特币在过去24小时内上涨3%，报65000美元。",
           "声明：本文仅代表作者个人观点，不代表本站立场，亦不构成任何投资建议。"]
    other = ["据金色财经报道，币安宣布将于5月3日上线Sui现货交易，并开放SUI/USDT交易对。",
             "声明：本文仅代表作者个人观点，不代表本站立场，亦不构成任何投资建议。"]
    assert reposts.similarity(sig(one), sig(other)) < reposts.THRESHOLD


def test_a_story_too_short_to_sign_still_links_word_for_word():
    index = reposts.RepostIndex()
    assert sig(["短讯。"]) is None
    index.add_copy(reposts.Copy("a" * 16, "u1", "a" * 16, "u1", 0.0, None))
    assert reposts.find(index, new_story("a" * 16, None))[0].head == "u1"


def article(url: str, paras: list[str], story_id: str) -> Article:
    """An article as the reader emits it: its story key and lines set with its storyId."""
    item = Article(url=url, blocks=blocks(paras), storyId=story_id, dateDownloaded="2026-12-02T12:00:00+08:00")
    item.story_key, item.story_lines = KEYS(item.blocks), KEYS.lines(item.blocks)
    return item


# Phrases OpenCC converts as a whole (頭髮, 於是), split by a sentence's end or not.
PIECES = ["頭", "髮", "頭髮", "於是", "乾隆", "比特幣", "發展", "。", "！", "？", "；", "?", "!", ";", "，", "a", " "]


@given(st.lists(st.sampled_from(PIECES), max_size=30))
def test_a_sentence_of_a_converted_line_keys_as_the_sentence_converted_alone(pieces):
    """The site's lines are keyed from the story's converted lines, sentence by sentence,
    as each sentence was keyed converted on its own: no phrase spans a sentence's end."""
    line = "".join(pieces)
    assert ([key_of_converted(s) for s in reposts._SENTENCE.findall(KEYS.t2s.convert(line))]
            == [text_key(s, KEYS.t2s) for s in reposts._SENTENCE.findall(line)])


class Stats(dict):
    def inc_value(self, key, count=1):
        self[key] = self.get(key, 0) + count


def test_the_pipeline_marks_near_and_exact_copies_with_the_first_copy():
    story = story_pool()[0]
    _, cut, _ = damaged(story, random.Random(1), 2)
    pipeline = DedupPipeline(Stats())
    first = pipeline.process_item(article("http://a/1.html", story, "1" * 16))
    near = pipeline.process_item(article("http://b/1.html", cut, "2" * 16))
    exact = pipeline.process_item(article("http://c/1.html", story, "1" * 16))
    other = pipeline.process_item(article("http://a/2.html", story_pool()[1], "3" * 16))
    assert (first.storyCluster, first.repostOf) == ("1" * 16, None)
    assert (near.storyCluster, near.repostOf) == ("1" * 16, "http://a/1.html")
    assert (exact.storyCluster, exact.repostOf) == ("1" * 16, "http://a/1.html")
    assert (other.storyCluster, other.repostOf) == ("3" * 16, None)
    assert pipeline.stats == {"stories/unique": 2, "reposts/near": 1, "reposts/exact": 1}


def test_a_copy_of_a_copy_joins_the_first_copys_cluster():
    rng = random.Random(2)
    story = story_pool()[0]
    copy1 = DAMAGES["cut_end"](story, rng)
    copy2 = DAMAGES["add_line"](copy1, rng)
    pipeline = DedupPipeline(Stats())
    items = [pipeline.process_item(article(f"http://h{i}/x.html", p, str(i) * 16))
             for i, p in enumerate([story, copy1, copy2], 1)]
    assert {i.storyCluster for i in items} == {"1" * 16}
    assert [i.repostOf for i in items] == [None, "http://h1/x.html", "http://h1/x.html"]


def feed_line(url, paras, story_id, cluster=None, repost_of=None) -> dict:
    return {"url": url, "storyId": story_id, "storyCluster": cluster or story_id, "repostOf": repost_of,
            "blocks": blocks(paras), "dateDownloaded": "2026-12-01T08:00:00+08:00"}


@pytest.fixture
def redis_state():
    client = redis.Redis.from_url(REDIS_URL)
    client.ping()
    client.flushdb()
    yield lambda worker: RedisState(client, "news", worker)
    client.flushdb()


@pytest.fixture(params=["sqlite", "redis"])
def stores(request, tmp_path, redis_state):
    """Two runs' states over one store: an earlier run's, and a later run's (or worker's)."""
    if request.param == "sqlite":
        return lambda: SqliteState(tmp_path / "state.sqlite")
    names = iter(["w1", "w2", "w3"])
    return lambda: redis_state(next(names))


def test_a_copy_links_to_a_story_an_earlier_run_wrote_to_its_feed(stores):
    story = story_pool()[2]
    earlier = stores()
    earlier.record("articles", feed_line("http://a/1.html", story, "1" * 16))
    earlier.commit()
    _, copy, _ = damaged(story, random.Random(4), 2)
    later = stores()
    first, score = reposts.find(later, new_story("2" * 16, sig(copy)))
    assert first is not None and (first.cluster, first.head) == ("1" * 16, "http://a/1.html"), score
    assert first.seen == datetime.fromisoformat("2026-12-01T08:00:00+08:00").timestamp()  # the first copy's fetch
    assert reposts.find(later, new_story("3" * 16, sig(story_pool()[3])))[0] is None


def test_the_repost_index_keeps_the_cluster_of_a_recorded_copy(stores):
    story = story_pool()[2]
    state = stores()
    state.record("articles", feed_line("http://a/1.html", story, "1" * 16))
    cut = DAMAGES["cut_end"](story, random.Random(1))
    state.record("articles", feed_line("http://b/1.html", cut, "2" * 16, "1" * 16, "http://a/1.html"))
    state.commit()
    again = stores()
    found = again.copy_of("2" * 16)
    assert (found.cluster, found.head, found.url) == ("1" * 16, "http://a/1.html", "http://b/1.html")
    assert found.seen == again.copy_of("1" * 16).seen


def test_two_workers_adding_copies_of_one_story_at_once_agree_on_one_cluster(redis_state):
    """Each worker finds and adds under the shared lock: the second always sees the first."""
    import threading

    story = story_pool()[4]
    copies = [DAMAGES["cut_end"](story, random.Random(k)) for k in range(8)]
    clusters = {}

    def work(k):
        state = redis_state(f"w{k}")
        s = sig(copies[k])
        with state.repost_lock():
            first, _ = reposts.find(state, new_story(f"{k:016x}", s))
            cluster = first.cluster if first else f"{k:016x}"
            state.add_copy(reposts.Copy(f"{k:016x}", f"http://h{k}/", cluster, f"http://h{k}/", 0.0, s))
        clusters[k] = cluster

    threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(clusters.values())) == 1


def test_a_state_file_from_before_near_duplicates_is_migrated(tmp_path):
    path = tmp_path / "old.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE stories (id TEXT PRIMARY KEY, url TEXT)")
    db.execute("INSERT INTO stories VALUES (?, ?)", ("1" * 16, "http://a/1.html"))
    db.commit()
    db.close()
    state = SqliteState(path)
    found = state.copy_of("1" * 16)
    assert (found.cluster, found.head, found.sig) == ("1" * 16, "http://a/1.html", None)
    assert state.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'stories'").fetchone() is None


def test_a_huge_story_is_signed_in_bounded_time_and_memory():
    import resource
    import time

    key = "比特币现货交易量创新高" * 500_000  # 5.5 million characters: a 15 MB text node
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    huge = reposts.signature(key)
    assert time.perf_counter() - t < 5
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 200_000  # KiB: no matrix of every shingle
    assert reposts.similarity(huge, reposts.signature(key[:reposts.HEAD_CHARS])) == 1.0


def random_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(HANZI) for _ in range(n))


HANZI = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]


def test_two_long_stories_that_share_only_their_opening_are_not_copies():
    """175,000 characters each, the first 24,000 shared: a Jaccard similarity of 0.07."""
    rng = random.Random(6)
    opening = random_text(rng, 24_000)
    one, other = opening + random_text(rng, 151_000), opening + random_text(rng, 151_000)
    assert reposts.similarity(reposts.signature(one), reposts.signature(other)) < reposts.THRESHOLD
    cut = one[:150_000] + random_text(rng, 500)  # a true copy: its last seventh cut, a line added
    assert reposts.similarity(reposts.signature(one), reposts.signature(cut)) >= 0.8
    # a story within HEAD_CHARS is signed whole, as the signatures earlier runs stored were
    key = KEYS(blocks(story_pool()[0]))
    m = reposts.MinHash(num_perm=reposts.NUM_PERM, scheme="affine32", permutations=reposts._PERMUTATIONS,
                        hashfunc=int)
    m.update_batch(reposts.shingle_hashes(key).tolist())
    assert (reposts.signature(key) == m.hashvalues.astype("uint32")).all()


SLOGAN = "币圈快讯网，您身边的区块链资讯专家，每日二十四小时不间断为您追踪全球数字货币与区块链市场的第一手新消息。"


def test_a_site_slogan_under_every_story_makes_no_copies():
    """Two thousand one-line stories of one site, each closed by its 52-character slogan."""
    from tests.variants.copies import _sentence

    assert len(SLOGAN) == 52
    rng = random.Random(8)
    pipeline = DedupPipeline(Stats())
    items = [pipeline.process_item(article(f"http://farm.example/{i}.html", [random_text(rng, 12) + "。", SLOGAN],
                                           f"{i:016x}")) for i in range(2000)]
    # only the second, before the site has printed its slogan under two stories (a copy on the
    # same site shares its edges with the one story it copies, so once is not boilerplate)
    assert [i.url for i in items if i.repostOf] == ["http://farm.example/1.html"]
    assert pipeline.stats["stories/unique"] == 1999 and pipeline.stats["reposts/site_lines"] == 1998
    # a story of the site copied by another, under its own slogan, is still a copy
    story = [_sentence(rng) for _ in range(6)]
    first = pipeline.process_item(article("http://farm.example/x.html", [*story, SLOGAN], "f" * 16))
    copy = pipeline.process_item(article("http://other.example/x.html", [*story, "转载请注明出处，谢谢合作。"], "e" * 16))
    assert first.repostOf is None and copy.repostOf == "http://farm.example/x.html"


@pytest.fixture
def signing(monkeypatch):
    """Counts the signatures made (the stories' keys they were made of)."""
    made: list[str] = []
    real = reposts.signature

    def counted(key):
        made.append(key)
        return real(key)

    monkeypatch.setattr(reposts, "signature", counted)
    return made


def test_the_pipeline_signs_a_story_once_however_often_it_is_reposted(signing):
    pipeline = DedupPipeline(Stats())
    for host in "abc":
        pipeline.process_item(article(f"http://{host}/1.html", story_pool()[0], "1" * 16))
    assert len(signing) == 1 and pipeline.stats["reposts/exact"] == 2


def crawled(path, items, pipeline_state=None):
    """A run that signs ``items`` as the pipeline does and writes them to its feed."""
    state = pipeline_state or SqliteState(path / "state.sqlite")
    state.begin_run()
    pipeline = DedupPipeline(Stats())
    pipeline.state_ext = type("Ext", (), {"state": state})()
    for item in items:
        pipeline.process_item(item)
    feed = path / "articles"
    feed.mkdir(exist_ok=True)
    with (feed / "run.jsonl").open("a") as f:
        for item in items:
            f.write(json.dumps({**feed_line(item.url, [], item.storyId, item.storyCluster, item.repostOf),
                                "blocks": item.blocks}) + "\n")
    return state


def test_reconciling_a_runs_feed_signs_nothing_the_run_signed(tmp_path, signing):
    items = [article("http://a/1.html", story_pool()[0], "1" * 16), article("http://b/1.html", story_pool()[1], "2" * 16),
             article("http://c/1.html", story_pool()[0], "1" * 16)]
    state = crawled(tmp_path, items)
    kept = state.copy_of("2" * 16).sig
    state.end_run()
    state.close()
    assert len(signing) == 2
    again = SqliteState(tmp_path / "state.sqlite")
    assert reconcile(again, tmp_path)["articles"] == 3
    assert len(signing) == 2  # none signed again: neither the two stories nor the exact repost
    assert (again.copy_of("2" * 16).sig == kept).all() and again.copy_of("1" * 16).url == "http://a/1.html"
    again.begin_run()  # entered into the tables: what was kept for them goes
    assert again.db.execute("SELECT count(*) FROM signed").fetchone()[0] == 0


def test_a_killed_runs_feed_is_signed_when_reconciled(tmp_path, signing):
    state = crawled(tmp_path, [article("http://a/1.html", story_pool()[0], "1" * 16)])
    state.close()  # killed: nothing committed since the run began
    again = SqliteState(tmp_path / "state.sqlite")
    assert reconcile(again, tmp_path)["articles"] == 1
    assert len(signing) == 2 and again.copy_of("1" * 16).sig is not None


def test_a_state_file_without_kept_signatures_opens_and_reconciles(tmp_path, signing):
    path = tmp_path / "state.sqlite"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE copies (story_id TEXT PRIMARY KEY, url TEXT, cluster TEXT, head TEXT, seen REAL, sig BLOB)")
    db.execute("INSERT INTO copies VALUES (?, ?, ?, ?, ?, NULL)", ("1" * 16, "http://a/1.html", "1" * 16,
                                                                    "http://a/1.html", 0.0))
    db.commit()
    db.close()
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "run.jsonl").write_text("".join(
        json.dumps(feed_line(f"http://{h}/1.html", story_pool()[0], sid)) + "\n" for h, sid in (("b", "1" * 16),
                                                                                               ("c", "2" * 16))))
    state = SqliteState(path)
    assert reconcile(state, tmp_path)["articles"] == 2
    assert len(signing) == 1  # the story the state already held is not signed
    assert state.copy_of("2" * 16).sig is not None and state.copy_of("1" * 16).url == "http://a/1.html"


def test_band_keys_are_those_the_state_files_hold():
    import hashlib

    s = sig(story_pool()[0])
    assert reposts.bands(s) == [
        int.from_bytes(hashlib.blake2b(s[b * reposts.ROWS:(b + 1) * reposts.ROWS].tobytes(), digest_size=8,
                                       salt=b.to_bytes(2, "big")).digest(), "big") >> 1
        for b in range(reposts.BANDS)]


@pytest.mark.parametrize("length", [reposts.MIN_KEY_CHARS, 300, reposts.BATCH * 2 + 7])  # within the head
def test_signatures_are_datasketchs_minhash_of_the_shingles(length):
    """``signature`` applies datasketch's permutations itself (with its private ``_fmix``),
    sparing the Python loop ``update_batch`` makes: a datasketch that mixes or permutes
    otherwise fails here, before any stored signature stops matching."""
    from datasketch import MinHash

    key = random_text(random.Random(length), length)
    m = MinHash(num_perm=reposts.NUM_PERM, seed=reposts._SEED, scheme="affine32", hashfunc=int)
    m.update_batch(reposts.shingle_hashes(key).tolist())
    signed = reposts.signature(key)
    assert signed.dtype == np.uint32 and signed.tolist() == m.hashvalues.tolist()


def test_a_signature_is_the_one_earlier_runs_stored():
    """The values a state file holds for a story: a faster signature must make the same."""
    key = "比特币现货交易量创新高以太坊质押量突破一千万枚" * 3
    signed = reposts.signature(key)
    assert signed[:6].tolist() == [248694263, 964232, 26724741, 129945091, 15319268, 46774396]
    assert reposts.bands(signed)[:3] == [8936834358784700167, 2768947643568220136, 1147610676604814057]
