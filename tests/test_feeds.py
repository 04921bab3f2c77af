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


def test_readers_take_complete_lines_and_only_the_state_cuts_a_half_line(tmp_path):
    from crawler.feeds import lines

    path = tmp_path / "run.jsonl"
    path.write_bytes(b'{"id": "a"}\n\n{"id": "b"}\n{"id": "c')
    assert [(o, n) for o, _, n in lines.tail(path)] == [(0, 12), (12, 1), (13, 12)]
    assert list(lines.items(path, 12)) == [{"id": "b"}]  # a loader beside a writer leaves the half line
    assert path.read_bytes().endswith(b'"c')
    assert lines.repair(path, 12) == 25 and path.read_bytes().endswith(b'"b"}\n')
    assert lines.repair(path, 25) == 25  # nothing past the offset: nothing read, nothing cut


def test_an_over_long_line_is_skipped_unread_and_its_neighbours_read(tmp_path):
    from crawler.feeds import lines

    path = tmp_path / "run.jsonl"
    path.write_bytes(b'{"id": "a"}\n' + b"x" * 5000 + b'\n{"id": "b"}\n' + b"y" * 5000)
    read = list(lines.tail(path, max_bytes=100))
    assert [(o, line, n) for o, line, n in read] == [(0, b'{"id": "a"}\n', 12), (12, None, 5001),
                                                     (5013, b'{"id": "b"}\n', 12)]


def test_a_files_first_item(tmp_path):
    from crawler.feeds import lines

    for body, first in ((b'{"url": "http://a/1"}\n{"url": "x"}\n', {"url": "http://a/1"}), (b"", None),
                        (b'{"url": "http://a/1"', None), (b"[1]\n", None), (b"not json\n", None)):
        (tmp_path / "f").write_bytes(body)
        assert lines.first_item(tmp_path / "f") == first
