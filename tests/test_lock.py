"""One crawl at a time writes a feed folder; the kernel's lock never outlives its crawl."""
from __future__ import annotations

import signal
import subprocess
import sys
import time

import pytest
from scrapy.settings import Settings

from crawler.feeds.lock import LOCK_FILE, FeedDirLock
from tests.conftest import REPO, crawl_command, run_crawl

# Another process holding the folder's lock for a while, as a crawl would.
HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT)
fcntl.flock(fd, fcntl.LOCK_EX)
os.pwrite(fd, f"{os.getpid()}\\n".encode(), 0)
print("held", flush=True)
time.sleep(float(sys.argv[2]))
"""


def hold(folder, seconds: float) -> subprocess.Popen:
    folder.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(folder / LOCK_FILE), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_two_crawls_started_at_once_write_each_item_once(tmp_path, demo_server):
    cmd, env = crawl_command(tmp_path, "-a", "start_urls=" + demo_server.urls()[1])
    procs = [subprocess.Popen(cmd, cwd=REPO, env=env, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = sorted((p.wait(300), p.stderr.read()) for p in procs)
    (ran, ran_log), (stopped, stopped_log) = results
    assert (ran, stopped) == (0, 75), ran_log[-2000:] + stopped_log[-2000:]
    last = stopped_log.strip().splitlines()[-1]
    assert last.startswith(f"Crawl not started: {tmp_path}/ is in use by another crawl (pid ")
    assert "Traceback" not in stopped_log
    result = run_crawl(tmp_path, "-a", "start_urls=" + demo_server.urls()[1])  # after: incremental, nothing new
    urls = [a["url"] for a in result.articles]
    assert len(urls) == len(set(urls)) == 12
    assert len(list((tmp_path / "reports").glob("*.json"))) == 2  # the first crawl's and this one's


def test_a_crawl_killed_with_sigkill_leaves_no_lock_behind(tmp_path, demo_server):
    cmd, env = crawl_command(tmp_path, "-a", "start_urls=" + demo_server.urls()[1], "-s", "DOWNLOAD_DELAY=1",
                             "-s", "AUTOTHROTTLE_ENABLED=0")
    first = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lock = tmp_path / LOCK_FILE
    deadline = time.time() + 60
    while time.time() < deadline and not (lock.exists() and lock.read_text().strip() == str(first.pid)):
        time.sleep(0.1)
    assert lock.read_text().strip() == str(first.pid)
    first.send_signal(signal.SIGKILL)
    first.wait()
    result = run_crawl(tmp_path, "-a", "start_urls=" + demo_server.urls()[1])
    assert len(result.articles) == 12


def test_a_crawl_told_to_wait_waits_for_the_folder(tmp_path):
    holder = hold(tmp_path, 8)  # longer than a crawl takes to start
    try:
        result = run_crawl(tmp_path, "-a", "start_urls=http://127.0.0.1:9/", "-s", "NEWS_FEED_LOCK_WAIT=60",
                           "-s", "RETRY_TIMES=0", returncode=1)  # a dead site: it ran, and failed
    finally:
        holder.wait(10)
    assert f"Waiting up to 60s for another crawl (pid {holder.pid}) to finish with {tmp_path}/" in result.log
    assert result.report["verdict"] == "FAIL" and [r["reason"] for r in result.rejects] == ["connection_refused"]


def test_a_crawl_not_told_to_wait_stops_before_touching_the_folder(tmp_path):
    holder = hold(tmp_path, 60)
    try:
        cmd, env = crawl_command(tmp_path, "-a", "start_urls=http://127.0.0.1:9/")
        proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    finally:
        holder.kill()
        holder.wait(10)
    assert proc.returncode == 75
    assert proc.stderr.strip().splitlines()[-1] == (
        f"Crawl not started: {tmp_path}/ is in use by another crawl (pid {holder.pid}): one crawl writes a feed "
        "folder at a time (-s NEWS_FEED_LOCK_WAIT=SECONDS waits for it)")
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_FILE]


@pytest.mark.parametrize("settings", [{"REDIS_URL": "redis://127.0.0.1:6379/15"}, {"NEWS_FEED_DIR": ""}])
def test_workers_of_a_distributed_crawl_and_crawls_without_feeds_take_no_lock(settings, tmp_path):
    assert FeedDirLock.for_crawl(Settings({"NEWS_FEED_DIR": str(tmp_path), **settings})) is None
    assert not (tmp_path / LOCK_FILE).exists()


def test_a_crawler_built_and_never_run_takes_no_lock(tmp_path):
    from scrapy.utils.test import get_crawler

    from crawler.addon import NewsCrawlerAddon
    from crawler.spiders.news import NewsSpider

    for _ in range(2):
        get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}, "NEWS_FEED_DIR": str(tmp_path)})
    assert not (tmp_path / LOCK_FILE).exists()
