"""The README's "Reading the feeds" examples, run on the feeds of a real crawl."""
from __future__ import annotations

import csv
import re

import pytest

from crawler.sinks import export
from tests.conftest import REPO, run_crawl


def readme_examples() -> list[str]:
    text = (REPO / "README.md").read_text("utf-8")
    section = text.split("## Reading the feeds", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


@pytest.fixture(scope="module")
def feeds(demo_server, tmp_path_factory):
    root = tmp_path_factory.mktemp("reading")
    run_crawl(root / "output", "-a", "start_urls=" + demo_server.urls()[1])
    return root


def test_the_readme_has_two_examples():
    assert len(readme_examples()) == 2


@pytest.mark.parametrize("index", [0, 1])
def test_each_readme_example_runs_on_the_feeds(feeds, monkeypatch, index):
    monkeypatch.chdir(feeds)
    names: dict = {}
    exec(readme_examples()[index], names)  # noqa: S102 (the README's own code)
    assert len(names["articles"]) == 12
    if index == 0:
        assert all(isinstance(h, str) for h in names["flashes_in_first"])
    else:
        dates = names["articles"]["datePublished"].dropna()
        assert len(dates) and str(dates.dt.tz) == "UTC+08:00"
        assert names["per_category"].sum() <= 12


def test_csv_export_keeps_each_kinds_columns(feeds, tmp_path):
    counts = export.to_csv(feeds / "output", tmp_path)
    assert counts["articles"] == 12
    with (tmp_path / "articles.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 12 and rows[0]["headline"] and rows[0]["briefIds"].startswith("[")
    with (tmp_path / "briefs.csv").open(encoding="utf-8") as f:
        assert next(csv.reader(f))[:3] == ["id", "kind", "headline"]
