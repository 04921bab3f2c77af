"""Helpers shared by the benchmark scripts: crawls as subprocesses, machine facts."""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The same speed settings for every crawl compared (see README, "Speed").
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32",
        "-s", "LOG_LEVEL=WARNING", "-s", "NEWS_MAX_LIST_PAGES=10000", "-s", "DEPTH_LIMIT=0"]


def machine() -> str:
    return f"{date.today()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def crawl_news(out: Path, urls: list[str], *extra: str) -> dict:
    """A full ``scrapy crawl news``; returns its stats (from the crawl report) and wall time."""
    cmd = [sys.executable, "-m", "scrapy", "crawl", "news", "-a", "start_urls=" + ",".join(urls),
           "-s", f"NEWS_FEED_DIR={out}", *FAST, *extra]
    t = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, env=env(), check=True, capture_output=True)
    wall = time.perf_counter() - t
    report = json.loads(sorted((out / "reports").glob("*.json"))[-1].read_text("utf-8"))
    return {**report["stats"], "wall": wall}


def crawl_bare(out: Path, urls: list[str]) -> dict:
    stats_file = out / "bare-stats.json"
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "scrapy", "runspider", str(REPO / "bench" / "bare_spider.py"),
           "-a", "start_urls=" + ",".join(urls), "-a", f"stats_out={stats_file}", *FAST]
    t = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, env=env(), check=True, capture_output=True)
    wall = time.perf_counter() - t
    return {**json.loads(stats_file.read_text()), "wall": wall}


def pages_per_second(stats: dict) -> float:
    return stats["response_received_count"] / stats["elapsed_time_seconds"]
