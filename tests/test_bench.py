"""Smoke runs of every benchmark script with small sizes, so the scripts cannot rot.
No timing is asserted here: the numbers live in BENCHMARKS.md."""
from __future__ import annotations

import re

import pytest
import redis

from bench import crawl, distributed, extractors, instructions, micro


def table_rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines()
            if line.startswith("|") and not line.startswith("|---")]


def test_micro(capsys):
    micro.main(["--quick"])
    rows = table_rows(capsys.readouterr().out)
    assert len(rows) == 1 + 4 and "faster" in rows[1][3]


def test_extractors_speed_and_quality(capsys):
    extractors.main(["speed", "--pages", "20"])
    extractors.main(["quality"])
    out = capsys.readouterr().out
    rows = table_rows(out)
    # two quality tables: the demo articles, and the fixtures of other templates
    assert [r[0] for r in rows if r[0] in ("this project", "trafilatura", "GNE")] == ["this project", "trafilatura", "GNE"] * 2
    assert {r[0] for r in rows} >= set(extractors.STEPS)  # the breakdown names every step, pipelines included
    ours = [r for r in rows if r[0] == "this project"]
    assert [r[1:] for r in ours] == [["1.00"] * 6] * 2  # the quality target holds on every run


@pytest.mark.parametrize("argv", [["speed", "--pages", "30", "--repeat", "1", "--no-scrapy-bench"],
                                  ["recrawl", "--pages", "30"], ["memory", "--pages", "30", "--large", "60"]])
def test_crawl_benchmarks(capsys, argv):
    crawl.main(argv)
    out = capsys.readouterr().out
    assert re.search(r"\*\*[\d.]+[×%]?\*\*", out), out


def test_distributed_benchmark(capsys):
    redis.Redis.from_url(distributed.REDIS_URL).ping()
    distributed.main(["--pages", "30"])
    rows = table_rows(capsys.readouterr().out)
    assert [r[0] for r in rows[1:]] == ["1", "2"]


def test_instructions_under_callgrind(capsys, tmp_path):
    # valgrind runs trafilatura only (this project's process imports Scrapy: a minute under
    # valgrind); this project's side of the script runs here without valgrind
    instructions.main(["--pages", "1", "--extractors", "trafilatura"])
    rows = table_rows(capsys.readouterr().out)
    assert rows[1][0] == "trafilatura" and float(rows[1][1].split()[0]) > 0
    pages = tmp_path / "pages.pickle"
    instructions.save_pages(pages, 1)
    instructions.child("this project", str(pages), 1)
