"""The commands that look at one page by hand: ``scrapy parse`` shows what the crawl emits,
``scrapy shell`` says why a page gave no response."""
from __future__ import annotations

import socket
import subprocess
import sys

from tests.conftest import REPO, crawl_command


def scrapy(tmp_path, *args: str) -> subprocess.CompletedProcess:
    _, env = crawl_command(tmp_path)
    return subprocess.run([sys.executable, "-m", "scrapy", *args, "-s", f"NEWS_FEED_DIR={tmp_path}"], cwd=REPO,
                          env=env, capture_output=True, text=True, timeout=120)


def refused_url() -> str:
    """A loopback port nothing listens on: a connection to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/info/1.html"


def test_scrapy_parse_shows_the_briefs_split_out_and_the_ids(tmp_path, demo_server):
    proc = scrapy(tmp_path, "parse", "--spider", "news", demo_server.urls()[0] + "info/1003.html")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.count("'kind': 'brief'") == 2 and proc.stdout.count("'kind': 'article'") == 1
    assert "'storyId': None" not in proc.stdout and "'briefIds': []" not in proc.stdout
    assert "returned a Deferred" not in proc.stderr


def test_scrapy_shell_says_a_refusing_server_refuses(tmp_path):
    url = refused_url()
    proc = scrapy(tmp_path, "shell", url, "-s", "ROBOTSTXT_OBEY=0", "-c", "response")
    assert f"No response from {url}: connection_refused: Connection was refused" in proc.stderr
    assert "Traceback" not in proc.stderr and proc.returncode == 1
    # robots.txt asked first, of the same server: the same reason, and what robots.txt met
    proc = scrapy(tmp_path, "shell", url, "-c", "response")
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(f"No response from {url}: connection_refused: robots.txt of ")
    assert "Connection was refused" in last and "AttributeError" not in proc.stderr
