"""Helpers shared by the benchmark scripts: crawls as subprocesses, machine facts."""
from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The same speed settings for every crawl compared (see README, "Speed").
FAST = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "CONCURRENT_REQUESTS=32", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32",
        "-s", "LOG_LEVEL=WARNING", "-s", "NEWS_MAX_LIST_PAGES=10000", "-s", "DEPTH_LIMIT=0"]
# valgrind counting instructions; the summary line "Collected : N" goes to stderr or --log-file.
CALLGRIND = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null"]


def collected(callgrind_log: str) -> int:
    """The instructions callgrind counted, from its summary line."""
    return int(re.search(r"Collected : (\d+)", callgrind_log).group(1))
# Every crawl compared also records its CPU seconds (bench/cpu.py).
MEASURE = ["-s", 'EXTENSIONS={"bench.cpu.CpuClock": 0}']


def machine() -> str:
    return f"{date.today()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def env() -> dict:
    # one hash seed for every child: the order of sets and dicts, and with it the work a run
    # does, is then the same from run to run (instruction counts moved by ~1% without it)
    return {**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": os.environ.get("PYTHONHASHSEED", "0")}


def crawl_news(out: Path, urls: list[str], *extra: str, wrap: list[str] = ()) -> dict:
    """A full ``scrapy crawl news``; returns its stats (from the crawl report) and wall time.
    ``wrap``: a command the crawl runs under (valgrind)."""
    cmd = [*wrap, sys.executable, "-m", "scrapy", "crawl", "news", "-a", "start_urls=" + ",".join(urls),
           "-s", f"NEWS_FEED_DIR={out}", *FAST, *MEASURE, *extra]
    t = time.perf_counter()
    peak = run_measured(cmd)
    wall = time.perf_counter() - t
    report = json.loads(sorted((out / "reports").glob("*.json"))[-1].read_text("utf-8"))
    return {**report["stats"], "wall": wall, "peak_rss": peak}


def run_measured(cmd: list[str], ok: tuple[int, ...] = (0,)) -> int:
    """Run a crawl to its end; returns its peak RSS in bytes, as the kernel counted it
    (Scrapy's ``memusage/max`` is sampled once a minute: a short crawl never gets a reading)."""
    return run_usage(cmd, ok).ru_maxrss * 1024  # KiB on Linux


def run_usage(cmd: list[str], ok: tuple[int, ...] = (0,)):
    """Run a crawl to its end; returns the kernel's resource usage of the process (wait4).
    An exit status not in ``ok`` raises (1 is a crawl that ended with a FAIL verdict)."""
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env(), stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            log.seek(0)
            raise subprocess.CalledProcessError(proc.returncode, cmd, log.read().decode("utf-8", "replace")[-3000:])
    return usage


def crawl_bare(out: Path, urls: list[str], *extra: str, wrap: list[str] = ()) -> dict:
    stats_file = out / "bare-stats.json"
    out.mkdir(parents=True, exist_ok=True)
    cmd = [*wrap, sys.executable, "-m", "scrapy", "runspider", str(REPO / "bench" / "bare_spider.py"),
           "-a", "start_urls=" + ",".join(urls), "-a", f"stats_out={stats_file}", *FAST, *MEASURE, *extra]
    t = time.perf_counter()
    run_measured(cmd)
    wall = time.perf_counter() - t
    return {**json.loads(stats_file.read_text()), "wall": wall}


def pages_per_second(stats: dict) -> float:
    return stats["response_received_count"] / stats["elapsed_time_seconds"]


def pages_per_cpu_second(stats: dict) -> float:
    """Pages per second of the crawl process's own CPU, first to last response: what
    the crawl costs, whatever the neighbours on a shared machine do to wall time."""
    return (stats["response_received_count"] - 1) / (stats["bench/cpu_last"] - stats["bench/cpu_first"])
