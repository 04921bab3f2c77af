"""Micro-benchmarks, each a ratio against a baseline run in the same process.

    python -m bench.micro [--quick]

- dates: the fast path vs plain ``dateparser.parse`` (same settings) on the bracket form;
- zh: full normalization vs bare OpenCC t2s on the demo articles' text, and MB/s;
- briefs: the brief split's cost per article page vs parsing that page;
- reposts: a story's near-duplicate signature vs parsing its page;
- feeds: the feeds' JSON Lines exporter vs Scrapy's, on the demo crawl's items;
- monitoring: our Spidermon extension's field-coverage count vs Spidermon's own, same items.
"""
from __future__ import annotations

import argparse
import io
import os
import platform
import time
from datetime import datetime

import opencc
from scrapy.exporters import JsonLinesItemExporter as ScrapyExporter
from scrapy.utils.test import get_crawler
from spidermon.contrib.scrapy.extensions import Spidermon as SpidermonExtension

from crawler.addon import NewsCrawlerAddon
from crawler.demo.site import DemoSite
from crawler.extensions.monitoring import Spidermon
from crawler.feeds.exporter import JsonLinesItemExporter
from crawler.items import Reject
from crawler.pages import ArticlePage, read_page
from crawler.pages.memo import clear_cache
from crawler.pages.split import split_article
from crawler.spiders.news import NewsSpider
from crawler.text.dates import CHINA_TZ, DateParser
from crawler.text.zh import ZhNormalizer


def best_of(fn, repeat: int) -> float:
    """Lowest wall time of ``repeat`` runs: the least disturbed by a noisy machine."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def demo_articles():
    site = DemoSite()
    pages = []
    for spec in site.articles:
        served = site.get(spec.site, spec.path)
        pages.append(("http://127.0.0.1:8000" + spec.path, served.body, {"Content-Type": served.content_type}))
    return pages


def bench_dates(n: int, repeat: int) -> dict:
    import dateparser

    now = datetime(2026, 11, 28, 12, 0, tzinfo=CHINA_TZ)
    fast = DateParser(now, use_dateparser=False)
    settings = dict(fast._dp_settings)
    raw = "[2022/12/16 21:49:04]"
    assert fast.parse(raw).iso == "2022-12-16T21:49:04+08:00"
    dateparser.parse(raw.strip("[]"), languages=["zh", "en"], settings=settings)  # warm its caches
    t_fast = best_of(lambda: [fast.parse(raw) for _ in range(n)], repeat)
    t_dp = best_of(lambda: [dateparser.parse(raw.strip("[]"), languages=["zh", "en"], settings=settings)
                            for _ in range(n)], repeat)
    return {"n": n, "fast_us": t_fast / n * 1e6, "dateparser_us": t_dp / n * 1e6, "ratio": t_dp / t_fast}


def bench_zh(pages, repeat: int) -> dict:
    texts = []
    for url, body, headers in pages:
        page = read_page(url, body, headers)
        if isinstance(page, ArticlePage):
            texts += [b.text for b in page.story.blocks]
    size = sum(len(t.encode("utf-8")) for t in texts)
    bare = opencc.OpenCC("t2s")
    t_bare = best_of(lambda: [bare.convert(t) for t in texts], repeat)
    out = {"mb": size / 1e6, "bare_mb_s": size / 1e6 / t_bare}
    for script in ("zh-Hans", "zh-Hant"):
        zh = ZhNormalizer(script)
        t_full = best_of(lambda: [zh.convert(t) for t in texts], repeat)
        out[script] = (size / 1e6 / t_full, t_full / t_bare)
    return out


def bench_split(pages, repeat: int) -> dict:
    t2s = opencc.OpenCC("t2s")
    articles = [read_page(u, b, h) for u, b, h in pages]
    articles = [p for p in articles if isinstance(p, ArticlePage) and not p.problem()]
    t_parse = best_of(lambda: clear_cache() or [read_page(u, b, h).read_item() for u, b, h in pages], repeat)
    items = [p.read_item() for p in articles]

    def split_all():
        clear_cache()  # each run weighs its briefs afresh: only repeats within the run are found again
        for item in items:
            copy = type(item)(**{k: v for k, v in item.__dict__.items() if k != "kind"})
            copy.blocks, copy.briefIds = list(item.blocks), []
            split_article(copy, t2s)

    t_split = best_of(split_all, repeat)
    return {"pages": len(items), "split_us": t_split / len(items) * 1e6,
            "parse_us": t_parse / len(pages) * 1e6, "share": (t_split / len(items)) / (t_parse / len(pages))}


def reposts_cost(repeat: int) -> dict:
    from .reposts import cost

    return cost(repeat)


def scraped_items(pages) -> list:
    """Articles and their briefs, as the feeds get them (pipelines left out: same fields)."""
    items = []
    for u, b, h in pages:
        page = read_page(u, b, h)
        if isinstance(page, ArticlePage) and not page.problem():
            items += [x for x in page.emitted.items() if not isinstance(x, Reject)]
    return items


def ours_against_theirs(items, repeat: int, prepare, ours, theirs) -> dict:
    """``prepare(cls)`` -> (output, run over ``items``): both sides run once and must give
    the same output, then each is timed, best of ``repeat``."""
    (our_output, run_ours), (their_output, run_theirs) = prepare(ours), prepare(theirs)
    run_ours(), run_theirs()
    assert our_output() == their_output()
    t_ours, t_theirs = best_of(run_ours, repeat), best_of(run_theirs, repeat)
    return {"items": len(items), "ours_us": t_ours / len(items) * 1e6, "theirs_us": t_theirs / len(items) * 1e6,
            "ratio": t_theirs / t_ours}


def bench_export(items, repeat: int) -> dict:
    def exporting(cls):
        buf = io.BytesIO()
        exporter = cls(buf, encoding="utf-8", ensure_ascii=False)
        return buf.getvalue, lambda: [exporter.export_item(item) for item in items]

    return ours_against_theirs(items, repeat, exporting, JsonLinesItemExporter, ScrapyExporter)


def bench_coverage(items, repeat: int) -> dict:
    def counting(cls):
        crawler = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}})
        crawler.stats.open_spider()
        ext, spider = cls.from_crawler(crawler), NewsSpider.from_crawler(crawler, start_urls="http://127.0.0.1/")
        return crawler.stats.get_stats, lambda: [ext.item_scraped(item, None, spider) for item in items]

    return ours_against_theirs(items, repeat, counting, Spidermon, SpidermonExtension)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes (the test suite's smoke run)")
    args = ap.parse_args(argv)
    n, repeat = (200, 2) if args.quick else (5000, 5)
    pages = demo_articles()
    d, z, s = bench_dates(n, repeat), bench_zh(pages, repeat), bench_split(pages, repeat)
    r = reposts_cost(repeat)
    items = scraped_items(pages)
    e, c = bench_export(items, repeat * 4), bench_coverage(items, repeat * 4)
    print(f"# bench.micro — {datetime.now():%Y-%m-%d}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| measure | this project | baseline (same process) | ratio |")
    print("|---|---|---|---|")
    print(f"| date `[2022/12/16 21:49:04]` | fast path {d['fast_us']:.1f} µs "
          f"| dateparser.parse {d['dateparser_us']:.0f} µs | **{d['ratio']:.0f}× faster** |")
    for script, steps in (("zh-Hans", "repair + t2s"), ("zh-Hant", "repair + t2s + s2t")):
        mb_s, ratio = z[script]
        print(f"| zh normalization to {script} ({z['mb']:.2f} MB of story text) | {mb_s:.1f} MB/s ({steps}) "
              f"| bare OpenCC t2s {z['bare_mb_s']:.1f} MB/s | {ratio:.2f}× the bare cost |")
    print(f"| brief split per article page ({s['pages']} pages) | {s['split_us']:.0f} µs | parsing the page "
          f"{s['parse_us']:.0f} µs | {100 * s['share']:.1f}% of the parse |")
    print(f"| near-duplicate signature per article ({r['pages']} pages) | {r['sig_us']:.0f} µs | parsing the page "
          f"{r['parse_us']:.0f} µs | {r['sig_us'] / r['parse_us']:.1%} of the parse |")
    print(f"| feed export, JSON Lines ({e['items']} items, same bytes) | {e['ours_us']:.1f} µs an item "
          f"| Scrapy's JsonLinesItemExporter {e['theirs_us']:.1f} µs | **{e['ratio']:.1f}× faster** |")
    print(f"| Spidermon field coverage count ({c['items']} items, same stats) | {c['ours_us']:.1f} µs an item "
          f"| Spidermon's own extension {c['theirs_us']:.1f} µs | **{c['ratio']:.1f}× faster** |")


if __name__ == "__main__":
    main()
