"""Scheduling with Scrapyd: a real Scrapyd on loopback, the project deployed as an egg,
the spider scheduled through the HTTP API, its feed checked."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.conftest import REPO, read_jsonl_dir


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_deploy_schedule_and_read_the_feed(tmp_path):
    port = free_port()
    (tmp_path / "scrapyd.conf").write_text(
        "[scrapyd]\n"
        f"bind_address = 127.0.0.1\nhttp_port = {port}\n"
        f"eggs_dir = {tmp_path / 'eggs'}\nlogs_dir = {tmp_path / 'logs'}\ndbs_dir = {tmp_path / 'dbs'}\n"
        "items_dir =\nmax_proc = 1\npoll_interval = 0.5\n")
    bin_dir = Path(sys.executable).parent
    server = subprocess.Popen([str(bin_dir / "scrapyd")], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(100):
            try:
                if requests.get(base + "daemonstatus.json", timeout=1).json()["status"] == "ok":
                    break
            except requests.ConnectionError:
                time.sleep(0.1)
        egg = tmp_path / "crawler.egg"
        subprocess.run([str(bin_dir / "scrapyd-deploy"), "--build-egg", str(egg)], cwd=REPO, check=True,
                       capture_output=True)
        with egg.open("rb") as f:
            added = requests.post(base + "addversion.json", data={"project": "crawler", "version": "1"},
                                  files={"egg": f}, timeout=30).json()
        assert added["status"] == "ok" and added["spiders"] == 2, added  # news and demo

        feeds, unset = tmp_path / "feeds", tmp_path / "unset"
        # a job scheduled without start URLs crawls nothing (never the demo); the demo runs by name
        started = [requests.post(base + "schedule.json", data={"project": "crawler", "spider": spider,
                                                               "setting": f"NEWS_FEED_DIR={folder}"}, timeout=10).json()
                   for spider, folder in (("news", unset), ("demo", feeds))]
        assert all(job["status"] == "ok" for job in started), started
        deadline = time.time() + 120
        while time.time() < deadline:
            jobs = requests.get(base + "listjobs.json", params={"project": "crawler"}, timeout=10).json()
            if {job["jobid"] for job in started} <= {j["id"] for j in jobs["finished"]}:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the jobs did not finish")
    finally:
        server.terminate()
        server.wait(10)
    articles = read_jsonl_dir(feeds / "articles")
    assert len(articles) == 40, list((tmp_path / "logs").rglob("*.log"))
    report = json.loads(next((feeds / "reports").glob("*.json")).read_text("utf-8"))
    assert report["finish_reason"] == "finished" and report["items"]["brief"] == 15
    assert not unset.exists()
