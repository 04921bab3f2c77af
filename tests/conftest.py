"""Shared test helpers: a loopback demo server in a subprocess, and a crawl runner."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crawler.demo.server import ServerProcess

REPO = Path(__file__).resolve().parents[1]


class Server(ServerProcess):
    """The demo server in a subprocess; run from the repository root so it imports this tree."""

    def __init__(self, port: int = 0, grow: int = 0, generate: int = 0, brief_pool: int | None = None):
        cwd = os.getcwd()
        os.chdir(REPO)
        try:
            super().__init__(port=port, grow=grow, generate=generate, brief_pool=brief_pool)
        finally:
            os.chdir(cwd)


@pytest.fixture(scope="session")
def demo_server():
    server = Server()
    yield server
    server.stop()


def read_jsonl_dir(path: Path) -> list[dict]:
    items = []
    for f in sorted(path.glob("*.jsonl")) if path.exists() else []:
        items += [json.loads(line) for line in f.read_text("utf-8").splitlines() if line.strip()]
    return items


class CrawlResult:
    def __init__(self, out: Path, proc: subprocess.CompletedProcess):
        self.out, self.proc = out, proc
        self.articles = read_jsonl_dir(out / "articles")
        self.briefs = read_jsonl_dir(out / "briefs")
        self.rejects = read_jsonl_dir(out / "rejects")
        reports = sorted((out / "reports").glob("*.json")) if (out / "reports").exists() else []
        self.report = json.loads(reports[-1].read_text("utf-8")) if reports else None
        self.log = proc.stderr

    @property
    def stats(self) -> dict:
        return self.report["stats"]


def crawl_command(out: Path, *args: str, spider: str = "news") -> tuple[list[str], dict]:
    cmd = [sys.executable, "-m", "scrapy", "crawl", spider, "-s", f"NEWS_FEED_DIR={out}", *args]
    return cmd, {**os.environ, "PYTHONPATH": str(REPO)}


def run_crawl(out: Path, *args: str, timeout: int = 300, returncode: int = 0, spider: str = "news") -> CrawlResult:
    """``scrapy crawl news`` as a user runs it, feeds under ``out``."""
    cmd, env = crawl_command(out, *args, spider=spider)
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == returncode, proc.stderr[-3000:]
    return CrawlResult(out, proc)


def paths(items: list[dict]) -> list[str]:
    """Item URLs without the port (servers come and go on free ports): `info/1.html@127.0.0.1`."""
    return [i["url"].split("/", 3)[3] + "@" + i["url"].split("/")[2].split(":")[0] for i in items]
