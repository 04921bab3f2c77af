"""Crawl benchmarks on a generated site served over loopback.

    python -m bench.crawl speed [--pages N]        # all pipelines and feeds vs a bare spider, + `scrapy bench`
    python -m bench.crawl memory [--pages N --large M]   # peak RSS of an N- and an M-page crawl
    python -m bench.crawl recrawl [--pages N]      # an unchanged-site re-crawl vs the first crawl
    python -m bench.crawl hostile [--copies N]     # peak RSS under each memory attack, and all at once
    python -m bench.crawl sinks [--pages N]        # the HTML report and the PostgreSQL sink vs neither
    python -m bench.crawl instructions [--pages N --large M]   # CPU instructions per page, news vs bare

Each compares two runs made in the same session, alternated, best of ``--repeat``.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from crawler.demo.server import ServerProcess

from .common import (
    CALLGRIND,
    FAST,
    collected,
    crawl_bare,
    crawl_news,
    env,
    machine,
    pages_per_cpu_second,
    pages_per_second,
    run_measured,
    run_usage,
)

# The two crawls compared, in the tables' order.
CRAWLS = (("bare", "bare spider (same links, yields nothing)"), ("news", "`news`, all pipelines and feeds"))
# `speed` runs two more crawls beside those: news letting repeated links through to the
# dupefilter (what its repeated-request filter gains), and the bare spider with that filter
# (news / this one is what the item work costs once both drop repeats early).
_REPEATS_ON = ("-s", "REPEATS_ENABLED=1", "-s",
               'SPIDER_MIDDLEWARES={"crawler.middlewares.repeats.RepeatedRequestsMiddleware": 740}')
SPEED_CRAWLS = {
    "bare": (crawl_bare, ()),
    "news": (crawl_news, ("-s", "INCREMENTAL_ENABLED=0")),
    "news, repeats to the dupefilter": (crawl_news, ("-s", "INCREMENTAL_ENABLED=0", "-s", "REPEATS_ENABLED=0")),
    "bare, repeats dropped early": (crawl_bare, _REPEATS_ON),
}
SPEED_LABELS = {**dict(CRAWLS), "news, repeats to the dupefilter": "`news`, `REPEATS_ENABLED=0`",
                "bare, repeats dropped early": "bare spider + news's repeated-request filter"}


def speed(pages: int, repeat: int, with_scrapy_bench: bool = True) -> None:
    runs: dict[str, list[dict]] = {name: [] for name in SPEED_CRAWLS}
    with ServerProcess(generate=pages) as server, tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):  # alternate, so drift on a noisy machine hits each
            for j, (name, (crawl, extra)) in enumerate(SPEED_CRAWLS.items()):
                runs[name].append(crawl(Path(tmp) / f"{j}-{i}", server.urls(), *extra))
    got = {name: {r["response_received_count"] for r in rs} for name, rs in runs.items()}
    assert len(set.union(*got.values())) == 1, got
    best = {name: {"wall": max(map(pages_per_second, rs)), "cpu": max(map(pages_per_cpu_second, rs))}
            for name, rs in runs.items()}
    bench_ppm = scrapy_bench() if with_scrapy_bench else "not run"
    print(f"# bench.crawl speed — {machine()}, generated site of {pages} articles, best of {repeat}")
    print("| crawl | pages | pages/s (wall) | pages/min | pages per CPU-second of the crawl process |")
    print("|---|---|---|---|---|")
    for name in runs:
        b = best[name]
        print(f"| {SPEED_LABELS[name]} | {got[name].pop()} | {b['wall']:.0f} | {60 * b['wall']:.0f} | {b['cpu']:.0f} |")
    print(f"| `scrapy bench` (Scrapy's own, same machine) | — | — | {bench_ppm} | — |")
    for base in ("bare", "news, repeats to the dupefilter", "bare, repeats dropped early"):
        walls = ", ".join(f"{pages_per_second(n) / pages_per_second(b):.2f}" for n, b in zip(runs["news"], runs[base]))
        print(f"\nnews / {base}: **{best['news']['wall'] / best[base]['wall']:.2f}** in wall time "
              f"(each round: {walls}); **{best['news']['cpu'] / best[base]['cpu']:.2f}** in CPU per page.")


def scrapy_bench() -> str:
    cmd = [sys.executable, "-m", "scrapy", "bench", "-s", "CLOSESPIDER_TIMEOUT=10", "-s", "LOG_LEVEL=INFO"]
    proc = subprocess.run(cmd,
                          cwd=tempfile.gettempdir(), env=env(), capture_output=True, text=True)
    rates = [int(m) for m in re.findall(r"at (\d+) pages/min", proc.stderr)]
    return str(max(rates)) if rates else "n/a"


def instructions(pages: int, large: int) -> None:
    """Each crawl under valgrind's callgrind on an N- and an M-article site: the difference
    in instructions over the difference in pages is what one more page costs, start-up
    and imports cancelled. Wall time and CPU seconds swing by a tenth between runs on a
    shared machine; this count does not (the server runs outside valgrind)."""
    counts: dict[str, list[tuple[int, int]]] = {"news": [], "bare": []}
    for n in (pages, large):
        with ServerProcess(generate=n) as server, tempfile.TemporaryDirectory() as tmp:
            for name in counts:
                log = Path(tmp) / f"{name}.callgrind.log"
                crawl, extra = SPEED_CRAWLS[name]  # the crawl `speed` runs, under callgrind
                stats = crawl(Path(tmp) / name, server.urls(), *extra, wrap=[*CALLGRIND, f"--log-file={log}"])
                counts[name].append((stats["response_received_count"], collected(log.read_text())))
    per_page = {name: (c[1][1] - c[0][1]) / (c[1][0] - c[0][0]) for name, c in counts.items()}
    print(f"# bench.crawl instructions — {machine()}, generated sites of {pages} and {large} articles, callgrind")
    print("| crawl | pages (small, large site) | instructions per page |")
    print("|---|---|---|")
    for name, label in CRAWLS:
        print(f"| {label} | {counts[name][0][0]}, {counts[name][1][0]} | {per_page[name] / 1e6:.2f} M |")
    print(f"\nnews / bare in pages per instruction: **{per_page['bare'] / per_page['news']:.2f}**")


def memory(pages: int, large: int) -> None:
    rows = []
    for n in (pages, large):
        with ServerProcess(generate=n) as server, tempfile.TemporaryDirectory() as tmp:
            stats = crawl_news(Path(tmp), server.urls(), "-s", "INCREMENTAL_ENABLED=0")
            rows.append((n, stats["response_received_count"], stats["peak_rss"], stats["memusage/startup"],
                         stats["wall"]))
    print(f"# bench.crawl memory — {machine()}")
    print("| site | pages crawled | peak RSS (kernel's high-water mark) | RSS when the engine started | wall time |")
    print("|---|---|---|---|---|")
    for n, got, peak, start, wall in rows:
        print(f"| {n} articles | {got} | {peak / 2**20:.0f} MiB | {start / 2**20:.0f} MiB | {wall:.0f} s |")
    print(f"\nPeak RSS, large / small: **{rows[1][2] / rows[0][2]:.2f}×** "
          f"for {rows[1][1] / rows[0][1]:.1f}× the pages.")


def hostile(copies: int) -> None:
    """Peak RSS of default-settings crawls of tests/memoryserver.py: its good pages alone (the
    baseline), each attack alone, then every attack at once."""
    from tests.memoryserver import ATTACKS, SETTINGS

    rows = []
    for only in ["none", *ATTACKS, ""]:
        server_env = {**env(), "MEMORY_ATTACKS": only, "MEMORY_COPIES": str(copies)}
        server = subprocess.Popen([sys.executable, "-m", "tests.memoryserver"], env=server_env,
                                  stdout=subprocess.PIPE, text=True)
        try:
            start_urls = server.stdout.readline().strip()
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp)
                cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", f"start_urls={start_urls}",
                       "-s", f"NEWS_FEED_DIR={out}", "-s", "LOG_LEVEL=WARNING", "-s", "NEWS_FOLLOW_RELATED=0",
                       *SETTINGS]
                peak = run_measured(cmd, ok=(0, 1))  # a FAIL: a site that only attacks fails its monitors
                stats = json.loads(sorted((out / "reports").glob("*.json"))[-1].read_text("utf-8"))["stats"]
        finally:
            server.terminate()
            server.wait(10)
        rejects = ", ".join(f"{k[8:]} {v}" for k, v in sorted(stats.items())
                            if k.startswith("rejects/") and k != "rejects/total")
        if stats.get("redirects/offsite"):  # said and counted at scheduling, not rejects
            rejects = f"{rejects or 'none'}; off-site redirects {stats['redirects/offsite']}"
        rows.append((only or "all at once", stats["downloader/request_count"], rejects or "none", peak,
                     stats["elapsed_time_seconds"]))
    print(f"# bench.crawl hostile — {machine()}, default settings, {copies} copies of each attack")
    print("| attack | requests | rejects | peak RSS | against the good pages alone | wall |")
    print("|---|---|---|---|---|---|")
    for name, requests, rejects, peak, wall in rows:
        print(f"| {name} | {requests} | {rejects} | {peak / 2**20:.0f} MiB | {peak / rows[0][3]:.2f}× | {wall:.0f} s |")
    print(f"\nEvery attack at once: **{rows[-1][3] / 2**20:.0f}** MiB peak (the README's bound: 1536 MiB).")


SINKS = {  # name: extra settings; the first is the baseline
    "feeds and JSON report only": ("-s", "NEWS_REPORT_HTML=0"),
    "+ HTML report (the default)": (),
    "+ HTML report + PostgreSQL": ("-s", "DATABASE_URL={db}"),
}


def sinks(pages: int, repeat: int, admin: str = "postgresql://postgres@127.0.0.1:5432/postgres") -> None:
    """Whole crawls with and without the HTML report and the PostgreSQL sink, alternated:
    the crawl process's CPU seconds (all of it, start to exit) and wall time."""
    import time
    import uuid

    import psycopg

    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in SINKS}
    with ServerProcess(generate=pages) as server, tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            for j, (name, extra) in enumerate(SINKS.items()):
                db = f"bench_{uuid.uuid4().hex[:8]}"
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'CREATE DATABASE "{db}"')
                try:
                    out = Path(tmp) / f"{j}-{i}"
                    cmd = [sys.executable, "-m", "scrapy", "crawl", "news",
                           "-a", "start_urls=" + ",".join(server.urls()),
                           "-s", f"NEWS_FEED_DIR={out}", *FAST, "-s", "INCREMENTAL_ENABLED=0",
                           *(x.format(db=admin.rsplit("/", 1)[0] + "/" + db) for x in extra)]
                    t = time.perf_counter()
                    usage = run_usage(cmd)
                    runs[name].append((usage.ru_utime + usage.ru_stime, time.perf_counter() - t))
                finally:
                    with psycopg.connect(admin, autocommit=True) as conn:
                        conn.execute(f'DROP DATABASE "{db}" WITH (FORCE)')
    base = min(c for c, _ in runs[next(iter(SINKS))])
    print(f"# bench.crawl sinks — {machine()}, generated site of {pages} articles, best of {repeat}")
    print("| crawl | CPU seconds (whole process) | wall seconds | CPU against the first row |")
    print("|---|---|---|---|")
    for name, rs in runs.items():
        cpu, wall = min(c for c, _ in rs), min(w for _, w in rs)
        print(f"| {name} | {cpu:.1f} | {wall:.1f} | **{cpu / base:.2f}×** |")


def recrawl(pages: int) -> None:
    with ServerProcess(generate=pages) as server, tempfile.TemporaryDirectory() as tmp:
        first = crawl_news(Path(tmp), server.urls())
        again = crawl_news(Path(tmp), server.urls())
    print(f"# bench.crawl recrawl — {machine()}, generated site of {pages} articles")
    print("| run | requests | items written | wall time |")
    print("|---|---|---|---|")
    for name, s in (("first crawl", first), ("re-crawl, site unchanged", again)):
        print(f"| {name} | {s['downloader/request_count']} | {s.get('item_scraped_count', 0)} | {s['wall']:.1f} s |")
    print(f"\nRe-crawl / first: **{again['downloader/request_count'] / first['downloader/request_count']:.1%}** of the "
          f"requests, **{again['wall'] / first['wall']:.0%}** of the wall time (process start-up included).")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["speed", "memory", "recrawl", "instructions", "hostile", "sinks"])
    ap.add_argument("--copies", type=int, default=8, help="hostile: links of each attack")
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--large", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--no-scrapy-bench", action="store_true", help="skip `scrapy bench` (10 s)")
    args = ap.parse_args(argv)
    if args.what == "speed":
        speed(args.pages, args.repeat, not args.no_scrapy_bench)
    elif args.what == "memory":
        memory(args.pages, args.large)
    elif args.what == "instructions":
        instructions(args.pages, args.large)
    elif args.what == "hostile":
        hostile(args.copies)
    elif args.what == "sinks":
        sinks(args.pages, args.repeat)
    else:
        recrawl(args.pages)


if __name__ == "__main__":
    main()
