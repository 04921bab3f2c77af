"""Where the feeds live and what their files are called (crawler/feeds/__init__.py)."""
from __future__ import annotations

import pytest
from scrapy.settings import Settings

from crawler import feeds


@pytest.mark.parametrize("name,glob,worker", [
    ("%(time)s.jsonl", "*.jsonl", "%(time)s-w1.jsonl"),
    ("%(time)s.jl", "*.jl", "%(time)s-w1.jl"),
    ("%(name)s-%(time)s.json.lines", "*-*.json.lines", "%(name)s-%(time)s.json-w1.lines"),
    ("items", "items", "items-w1"),
])
def test_names_globs_and_worker_files(name, glob, worker):
    assert feeds.glob_of(name) == glob
    assert feeds.with_suffix(name, "-w1") == worker


def test_a_worker_writes_its_own_files_and_indexes_only_them(tmp_path):
    settings = Settings({"NEWS_FEED_DIR": str(tmp_path), "NEWS_FEED_NAME": "%(time)s.jl",
                         "REDIS_URL": "redis://127.0.0.1:6379/15", "NEWS_WORKER_ID": "w1"})
    assert sorted(feeds.uris(settings)) == [f"{tmp_path}/{kind}/%(time)s-w1.jl" for kind in ("articles", "briefs", "rejects")]
    for name in ("2024-w1.jl", "2024-w2.jl", "2024.jl", "2024-w1.jsonl"):
        (tmp_path / "articles").mkdir(exist_ok=True)
        (tmp_path / "articles" / name).write_text("")
    own = feeds.glob_of(feeds.file_name(settings))
    assert [p.name for _, p in feeds.files(tmp_path, own)] == ["2024-w1.jl"]
