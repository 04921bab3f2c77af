"""Near-duplicate reposts: how well the threshold separates copies from distinct stories,
what a signature costs beside the parse path, and what the index takes in memory.

    python -m bench.reposts [--pairs 2000 --stories 10000]

- recall: generated damaged copies (tests/variants/copies.py: one to three damages each)
  linked to their original, by threshold;
- false links: distinct generated stories (one house style, shared openings and
  disclaimers) each looked up, through the LSH bands, among all earlier ones;
- boilerplate and long stories: one site's one-line stories under its slogan, copies on
  their original's site, long stories that share only their opening, and long copies;
- cost: the signature of a demo article's story against parsing that page, same process;
- reconcile: indexing a run's feed of distinct articles at the next run's start, with the
  signatures the run kept and without them (a state from a killed run: each article signed);
- memory: the index's bytes a story in SQLite (on disk) and in Redis (its own count of the
  keys' memory), measured on 20,000 distinct stories, times a million.
"""
from __future__ import annotations

import argparse
import json
import random
import sqlite3
import tempfile
import time
from pathlib import Path

import redis

from crawler.pages import ArticlePage, read_page
from crawler.pages.fingerprints import StoryKeys, key_of_lines
from crawler.pages.memo import clear_cache
from crawler.state import SqliteState, reconcile, reposts
from crawler.state.redis import RedisState
from tests.variants.copies import damaged, distinct_stories, story_pool

from .common import machine
from .micro import best_of, demo_articles

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


def _blocks(paras: list[str]) -> list[dict]:
    return [{"type": "paragraph", "text": p} for p in paras]


def recall(pairs: int, keys: StoryKeys, seed: int = 5) -> tuple[list[tuple[int, list[float]]], list]:
    """Similarities of each original and its copy, by number of damages; the lowest pairs."""
    rng = random.Random(seed)
    pool = story_pool()
    by_count: dict[int, list[float]] = {}
    low = []
    for _ in range(pairs):
        count = rng.choice([1, 2, 3])
        original, copy, names = damaged(rng.choice(pool), rng, count)
        a, b = reposts.signature(keys(_blocks(original))), reposts.signature(keys(_blocks(copy)))
        if a is None or b is None:
            continue
        s = reposts.similarity(a, b)
        by_count.setdefault(count, []).append(s)
        low.append((s, names))
    return sorted(by_count.items()), sorted(low)[:5]


def false_links(n: int, keys: StoryKeys) -> tuple[list[float], int]:
    """For each distinct story, its best similarity among the earlier ones the bands offer."""
    index = reposts.RepostIndex()
    best, compared = [], 0
    for i, paras in enumerate(distinct_stories(n)):
        sig = reposts.signature(keys(_blocks(paras)))
        found = index.candidates(reposts.bands(sig))
        compared += len(found)
        best.append(max((reposts.similarity(sig, c.sig) for c in found), default=0.0))
        index.add_copy(reposts.Copy(str(i), str(i), str(i), str(i), 0.0, sig))
    return best, compared


def _hanzi(rng: random.Random, n: int) -> str:
    return "".join(chr(rng.randrange(0x4E00, 0x4E00 + 3000)) for _ in range(n))


SLOGAN = "币圈快讯网，您身边的区块链资讯专家，每日二十四小时不间断为您追踪全球数字货币与区块链市场的第一手新消息。"


def site_slogan(n: int, keys: StoryKeys, seed: int = 9) -> int:
    """One site's one-line stories, each closed by its 52-character slogan, entered as the
    pipeline does (the site's lines left out): how many link to an earlier one."""
    rng = random.Random(seed)
    index, lines, linked = reposts.RepostIndex(), reposts.SiteLines(), 0
    for i in range(n):
        own, _ = lines.own("farm.example", keys.lines(_blocks([_hanzi(rng, 12) + "。", SLOGAN])))
        story = reposts.Copy(str(i), str(i), str(i), str(i), 0.0, reposts.signature(key_of_lines(own)))
        linked += reposts.find(index, story)[0] is not None
        index.add_copy(story)
    return linked


def same_site_recall(pairs: int, keys: StoryKeys, seed: int = 5) -> float:
    """Damaged copies on the site of their original, after 50 other stories of that site."""
    rng = random.Random(seed)
    pool, linked = story_pool(), 0
    for _ in range(pairs):
        lines = reposts.SiteLines()
        story = rng.choice(pool)
        for other in rng.sample([p for p in pool if p is not story], 50):
            lines.own("site", keys.lines(_blocks(other)))
        original, copy, _ = damaged(story, rng, rng.choice([1, 2, 3]))
        own = (lines.own("site", keys.lines(_blocks(p)))[0] for p in (original, copy))
        a, b = (reposts.signature(key_of_lines(o)) for o in own)
        linked += a is not None and b is not None and reposts.similarity(a, b) >= reposts.THRESHOLD
    return linked / pairs


def long_stories(pairs: int, seed: int = 6) -> tuple[int, int]:
    """175,000-character stories: pairs sharing only their first 24,000 characters (Jaccard
    0.07) that link, and copies with their last seventh cut that link."""
    rng = random.Random(seed)
    false = true = 0
    for _ in range(pairs):
        opening = _hanzi(rng, 24_000)
        one, other = opening + _hanzi(rng, 151_000), opening + _hanzi(rng, 151_000)
        sig = reposts.signature(one)
        false += reposts.similarity(sig, reposts.signature(other)) >= reposts.THRESHOLD
        true += reposts.similarity(sig, reposts.signature(one[:150_000])) >= reposts.THRESHOLD
    return false, true


def cost(repeat: int) -> dict:
    pages = demo_articles()
    articles = [p for p in (read_page(u, b, h) for u, b, h in pages) if isinstance(p, ArticlePage) and not p.problem()]
    items = [p.to_item() for p in articles]
    t_parse = best_of(lambda: clear_cache() or [read_page(u, b, h).read_item() for u, b, h in pages], repeat)
    lines = reposts.SiteLines()

    def sign(item) -> None:  # as the pipeline does: the site's lines left out, then the signature
        own, removed = lines.own("demo", item.story_lines)
        reposts.signature(key_of_lines(own) if removed else item.story_key)

    t_sig = best_of(lambda: [sign(i) for i in items], repeat)
    return {"pages": len(items), "parse_us": t_parse / len(pages) * 1e6, "sig_us": t_sig / len(items) * 1e6}


def _feed_lines(n: int):
    for i, paras in enumerate(distinct_stories(n, seed=7)):
        yield {"url": f"http://a.example/{i}.html", "storyId": f"{i:016x}", "blocks": _blocks(paras),
               "dateDownloaded": "2026-12-02T12:00:00+08:00"}


def reconcile_cost(n: int, repeat: int) -> dict:
    """Seconds to reconcile a feed of ``n`` distinct articles into the state of the run that
    wrote them (their signatures kept) and into one that kept none, best of ``repeat``."""
    keys = StoryKeys()
    items = list(_feed_lines(n))
    best = {"kept": float("inf"), "signed": float("inf")}
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feeds" / "articles"
        feed.mkdir(parents=True)
        with (feed / "run.jsonl").open("w", encoding="utf-8") as f:
            f.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in items)
        for round_ in range(repeat):
            for name in best:
                state = SqliteState(Path(tmp) / f"{name}-{round_}.sqlite")
                if name == "kept":  # as the crawl that wrote the feed left it
                    state.begin_run()
                    for item in items:
                        story_id = item["storyId"]
                        state.add_copy(reposts.Copy(story_id, item["url"], story_id, item["url"], 0.0,
                                                    reposts.signature(keys(item["blocks"]))))
                    state.end_run()
                    state.close()
                    state = SqliteState(Path(tmp) / f"{name}-{round_}.sqlite")
                t = time.perf_counter()
                assert reconcile(state, Path(tmp) / "feeds")["articles"] == n
                best[name] = min(best[name], time.perf_counter() - t)
                state.close()
    return {"n": n, **best}


def redis_bytes(n: int, url: str = "redis://127.0.0.1:6379/13") -> float:
    """Bytes a story in the Redis state's index (``MEMORY USAGE`` of its two hashes)."""
    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        state = RedisState(client, "bench", "w1")
        for line in _feed_lines(n):
            state.record("articles", line)
        used = sum(client.memory_usage(k, samples=0) for k in (state.copies, state.bands))
    finally:
        client.flushdb()
    return used / n


def index_bytes(n: int) -> float:
    """Bytes a story in the SQLite state's index (copies and bands tables, with indexes)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "state.sqlite"
        state = SqliteState(path)
        empty = path.stat().st_size
        for line in _feed_lines(n):
            state.record("articles", line)
        state.commit()
        state.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        state.close()
        db = sqlite3.connect(path)
        db.execute("DELETE FROM pages")  # what the page index holds is not the reposts' cost
        db.commit()
        db.execute("VACUUM")
        db.close()
        return (path.stat().st_size - empty) / n


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pairs", type=int, default=2000)
    ap.add_argument("--stories", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--index", type=int, default=20000, help="stories entered to measure the index's size")
    ap.add_argument("--reconcile", type=int, default=3000, help="feed lines the reconciliation is timed on")
    args = ap.parse_args(argv)
    keys = StoryKeys()
    by_count, low = recall(args.pairs, keys)
    best, compared = false_links(args.stories, keys)
    same_pairs, long_pairs = min(300, args.pairs), min(20, max(2, args.pairs // 100))
    slogan, same_site = site_slogan(args.stories, keys), same_site_recall(same_pairs, keys)
    long_false, long_true = long_stories(long_pairs)
    c = cost(args.repeat)
    per_story, in_redis = index_bytes(args.index), redis_bytes(args.index)
    r = reconcile_cost(args.reconcile, min(args.repeat, 3))
    copies = [s for _, sims in by_count for s in sims]
    print(f"# bench.reposts — {machine()}; {len(copies)} damaged copies, {len(best)} distinct stories")
    print("| threshold | copies linked (recall) | distinct stories falsely linked |")
    print("|---|---|---|")
    for t in THRESHOLDS:
        mark = " (chosen)" if t == reposts.THRESHOLD else ""
        linked = sum(s >= t for s in copies) / len(copies)
        false = sum(s >= t for s in best)
        print(f"| {t:.1f}{mark} | {linked:.2%} | {false} of {len(best)} |")
    print("\n| damages a copy | copies | lowest similarity | 1st percentile | median |")
    print("|---|---|---|---|---|")
    for count, sims in by_count:
        sims = sorted(sims)
        print(f"| {count} | {len(sims)} | {sims[0]:.2f} | {sims[len(sims) // 100]:.2f} | {sims[len(sims) // 2]:.2f} |")
    best.sort()
    print(f"\nDistinct stories: highest similarity to any earlier one {best[-1]:.2f} (99.9th percentile "
          f"{best[int(len(best) * 0.999)]:.2f}); {compared} candidate pairs compared of "
          f"{len(best) * (len(best) - 1) // 2} possible.")
    print("Lowest copies: " + "; ".join(f"{s:.2f} ({' + '.join(n)})" for s, n in low))
    print(f"\nOne site's {args.stories} one-line stories under its 52-character slogan: **{slogan}** linked to an "
          f"earlier one. Damaged copies on their original's site: **{same_site:.2%}** linked ({same_pairs}). "
          f"175,000-character stories sharing only their first 24,000 characters: **{long_false} of {long_pairs}** "
          f"linked; their copies with the last seventh cut: **{long_true} of {long_pairs}** linked.")
    print(f"\nSignature per article: **{c['sig_us']:.0f} µs**, **{c['sig_us'] / c['parse_us']:.1%}** "
          f"of parsing the page ({c['parse_us']:.0f} µs; {c['pages']} demo articles, same process).")
    print(f"Reconciling a run's feed of {r['n']} distinct articles at the next run's start: **{r['kept']:.2f} s** "
          f"with the signatures the run kept, {r['signed']:.2f} s signing each article "
          f"(**{r['signed'] / r['kept']:.1f}×**; {r['kept'] / r['n'] * 1e6:.0f} against "
          f"{r['signed'] / r['n'] * 1e6:.0f} µs a line).")
    print(f"Index, measured on {args.index} stories: SQLite {per_story:.0f} bytes a story, so "
          f"**{per_story * 1e6 / 2**30:.2f} GiB** on disk for a million (a crawl's memory holds only its own new "
          f"stories); Redis {in_redis:.0f} bytes a story, so **{in_redis * 1e6 / 2**30:.2f} GiB** of Redis memory "
          f"for a million.")


if __name__ == "__main__":
    main()
