"""What one hostile site costs the others, over loopback.

    python -m bench.fairness slow --pages 40 [--timeout 30] [--budget 60]
    python -m bench.fairness fanout --links 5000

``slow``: a site whose pages drip a byte every half second, never finishing before the
download timeout, beside the demo site (40 articles) on another port of 127.0.0.1: when
the demo's last article came, and how long the crawl took. ``fanout``: one list page
linking pages of its site that each redirect to another site, AutoThrottle on.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from datetime import datetime
from pathlib import Path

from tests.conftest import Server, crawl_command
from tests.loopback import drip, page, send

from .common import machine


def _listing(paths: list[str]) -> bytes:
    return page("<h1>列表</h1><ul>" + "".join(f'<li><a href="{p}">測試文章標題{i}</a><p>摘要.</p></li>'
                                              for i, p in enumerate(paths)) + "</ul>")


def _crawl(out: Path, *args: str) -> tuple[float, dict, list[dict]]:
    cmd, env = crawl_command(out, *args, "-s", "LOG_LEVEL=WARNING")
    started = time.monotonic()
    subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    elapsed = time.monotonic() - started
    report = json.loads(sorted((out / "reports").glob("*.json"))[-1].read_text("utf-8"))
    articles = [json.loads(line) for f in sorted((out / "articles").glob("*.jsonl"))
                for line in f.read_text("utf-8").splitlines()] if (out / "articles").exists() else []
    return elapsed, report, articles


def slow(pages: int, timeout: float, budget: float) -> None:
    from tests.loopback import serve

    paths = [f"/info/{n}.html" for n in range(300, 300 + pages)]
    routes = {p: (lambda h: drip(h, limit=20 * timeout)) for p in paths}
    demo = Server()
    try:
        with serve(routes) as site, tempfile.TemporaryDirectory() as tmp:
            routes["/"] = lambda h: send(h, _listing(paths))
            starts = ",".join([site.url("/"), *demo.urls()])
            elapsed, report, articles = _crawl(Path(tmp), "-a", f"start_urls={starts}", "-s",
                                               f"DOWNLOAD_TIMEOUT={timeout}", "-s", f"NEWS_SITE_TIME_BUDGET={budget}")
    finally:
        demo.stop()
    # dateDownloaded is stamped to the second: compare at that grain, or a demo crawled
    # within its first second would seem to end before it began.
    started = datetime.fromisoformat(report["start_time"]).replace(microsecond=0)
    last = max((datetime.fromisoformat(a["dateDownloaded"]) for a in articles), default=started)
    print(f"# bench.fairness slow — {machine()}, {pages} dripping pages, DOWNLOAD_TIMEOUT={timeout}, "
          f"NEWS_SITE_TIME_BUDGET={budget}")
    print("| demo articles | the demo's last article | whole crawl | verdict | sites named |")
    print("|---|---|---|---|---|")
    print(f"| {len(articles)} | **{(last - started).total_seconds():.1f}** s | {elapsed:.1f} s | {report['verdict']} "
          f"| {', '.join(report['stats'].get('monitors/failed_sites', [])) or '—'} |")


def fanout(links: int) -> None:
    from tests.loopback import serve

    paths = [f"/info/{n}.html" for n in range(10_000, 10_000 + links)]
    routes = {p: (lambda h: send(h, b"", 302, Location="http://elsewhere.example.org/info/1.html")) for p in paths}
    with serve(routes) as site, tempfile.TemporaryDirectory() as tmp:
        routes["/"] = lambda h: send(h, _listing(paths))
        _, report, _ = _crawl(Path(tmp), "-a", f"start_urls={site.url('/')}", "-s", "NEWS_FOLLOW_SECTIONS=0",
                              "-s", "SPIDERMON_MIN_ITEMS=0")
    print(f"# bench.fairness fanout — {machine()}, {links} links redirecting off-site, AutoThrottle on")
    print("| redirects not followed | crawl |")
    print("|---|---|")
    print(f"| {report['stats'].get('redirects/offsite', 0)} | **{report['elapsed_seconds']:.1f}** s |")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["slow", "fanout"])
    ap.add_argument("--pages", type=int, default=40, help="slow: dripping pages")
    ap.add_argument("--timeout", type=float, default=30.0, help="slow: DOWNLOAD_TIMEOUT")
    ap.add_argument("--budget", type=float, default=0.0, help="slow: NEWS_SITE_TIME_BUDGET")
    ap.add_argument("--links", type=int, default=5000, help="fanout: links redirecting off-site")
    args = ap.parse_args(argv)
    if args.what == "slow":
        slow(args.pages, args.timeout, args.budget)
    else:
        fanout(args.links)


if __name__ == "__main__":
    main()
