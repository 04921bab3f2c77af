"""The README's samples of a demo crawl say what a crawl of the demo gives."""
from __future__ import annotations

import json
import re

from tests import pagecases
from tests.conftest import REPO

README = (REPO / "README.md").read_text("utf-8")


def test_the_sample_article_line_has_the_ids_the_demo_page_gives():
    line = next(x for x in README.splitlines() if x.startswith('{"url": "http://127.0.0.1:8713/info/1001.html"'))
    expected = json.loads((pagecases.ROOT / "demo-main-info-1001" / "expected.json").read_text("utf-8"))["article"]
    assert re.search(r'"storyId": "(\w+)"', line)[1] == expected["storyId"]
    assert json.loads(re.search(r'"briefIds": (\[[^]]*\])', line)[1]) == expected["briefIds"]


def test_the_recrawl_is_compared_with_the_first_runs_requests():
    first = int(re.search(r"\((\d+) requests with robots\.txt and retries\)", README)[1])
    assert re.search(r"makes 9 requests instead of (\d+)", README)[1] == str(first)
