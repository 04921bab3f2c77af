"""Two scrapy-redis workers against one, on the same generated site, in one session.

    python -m bench.distributed [--pages N]

Throughput is pages over the time from the first worker's start to the last response
any worker received (a worker's idle wait before closing is not crawl time).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

import redis

from crawler.demo.server import ServerProcess

from .common import FAST, REPO, env, machine

REDIS_URL = "redis://127.0.0.1:6379/14"


def run(workers: int, urls: list[str], out: Path) -> tuple[int, float]:
    client = redis.Redis.from_url(REDIS_URL)
    client.flushdb()
    client.rpush("news:start_urls", *urls)
    procs = [subprocess.Popen([sys.executable, "-m", "scrapy", "crawl", "news", *FAST, "-s", f"REDIS_URL={REDIS_URL}",
                               "-s", f"NEWS_WORKER_ID=w{i}", "-s", f"NEWS_FEED_DIR={out}",
                               "-s", "MAX_IDLE_TIME_BEFORE_CLOSE=6", "-s", "INCREMENTAL_ENABLED=1"],
                              cwd=REPO, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
             for i in range(workers)]
    for p in procs:
        p.wait()
    client.flushdb()
    reports = [json.loads(r.read_text("utf-8"))["stats"] for r in (out / "reports").glob("*.json")]
    pages = sum(r.get("response_received_count", 0) for r in reports)
    start = min(datetime.fromisoformat(r["start_time"]) for r in reports)
    end = max(datetime.fromisoformat(r["crawl/last_response_time"]) for r in reports if "crawl/last_response_time" in r)
    return pages, (end - start).total_seconds()


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2000)
    args = ap.parse_args(argv)
    rows = {}
    with ServerProcess(generate=args.pages) as server, tempfile.TemporaryDirectory() as tmp:
        for n in (1, 2):
            rows[n] = run(n, server.urls(), Path(tmp) / f"w{n}")
    print(f"# bench.distributed — {machine()} (the demo server shares them), generated site of {args.pages} articles")
    print("| workers | pages | seconds | pages/s | ratio |")
    print("|---|---|---|---|---|")
    base = rows[1][0] / rows[1][1]
    for n, (pages, secs) in rows.items():
        print(f"| {n} | {pages} | {secs:.1f} | {pages / secs:.0f} | **{pages / secs / base:.2f}** |")


if __name__ == "__main__":
    main()
