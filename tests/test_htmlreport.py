"""The HTML crawl report: a page per run and an index, self-contained, opened in a real
browser (headless Chromium) to check that the charts drew and the numbers are the JSON
report's."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from crawler.sinks import htmlreport
from tests.conftest import REPO, run_crawl

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Chromium is a system package, like valgrind: without it the two browser tests are skipped
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install "
                                                             "chromium; .ci/run installs it)")


def browser_dom(path) -> str:
    """The page's DOM after load, as Chromium rendered it."""
    proc = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000",
                           "--dump-dom", f"file://{path}"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def table(dom: str, name: str) -> list[list[str]]:
    block = re.search(rf'<table data-table="{name}">(.*?)</table>', dom, re.S).group(1)
    return [[re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr>(.*?)</tr>", block, re.S)][1:]


@pytest.fixture(scope="module")
def crawled(demo_server, tmp_path_factory):
    out = tmp_path_factory.mktemp("html")
    start = "start_urls=" + ",".join(demo_server.urls())
    first = run_crawl(out, "-a", start)
    run_crawl(out, "-a", start)  # a quiet second run: the index has two rows
    return out, first


def test_each_run_has_a_page_and_the_folder_an_index(crawled):
    out, first = crawled
    reports = sorted((out / "reports").glob("*.json"))
    assert len(reports) == 2
    assert all(r.with_suffix(".html").exists() for r in reports) and (out / "reports" / "index.html").exists()
    assert "missing from font" not in first.log  # the charts' Chinese is text in the SVG: nothing to warn of


@needs_chromium
def test_the_run_page_draws_every_chart_in_a_browser_with_the_reports_numbers(crawled):
    out, first = crawled
    page = sorted((out / "reports").glob("*.html"))[0]
    dom = browser_dom(page)
    charts = re.findall(r'<figure class="chart" data-chart="(\w+)">', dom)
    assert charts == ["items", "rejects", "per_day", "brief_sources", "hosts", "dates"]
    assert f'data-charts-rendered="{len(charts)}"' in dom  # each SVG laid out with a size
    report = first.report
    assert 'data-stat="verdict">PASS<' in dom
    assert {k: int(v) for k, v in table(dom, "items")} == report["items"]
    rejects = {r[0]: (int(r[1]), r[2]) for r in table(dom, "rejects")}
    assert {k: n for k, (n, _) in rejects.items()} == {k: v for k, v in report["rejects"].items() if k != "total"}
    assert all(report["reject_examples"][k][0] in urls for k, (_, urls) in rejects.items())
    assert {r[0]: int(r[1]) for r in table(dom, "hosts")} == \
        {h: v["articles"] for h, v in report["reposts"]["hosts"].items()}
    assert len(table(dom, "clusters")) == len(report["reposts"]["largest_clusters"]) == 5
    # the sources chart names every source of the report, as text (not paths)
    chart = re.search(r'data-chart="brief_sources">(.*?)</figure>', dom, re.S).group(1)
    assert all(f">{source}<" in chart for source in report["brief_sources"])


@needs_chromium
def test_the_index_links_every_run_with_its_numbers(crawled):
    out, first = crawled
    dom = browser_dom(out / "reports" / "index.html")
    assert 'data-charts-rendered="1"' in dom
    rows = table(dom, "runs")
    assert len(rows) == 2
    newest, oldest = rows
    assert oldest[1:] == ["PASS", str(first.report["pages"]), "40", "15", "3"]
    assert newest[1] == "PASS" and newest[3:] == ["0", "0", "0"]
    links = re.findall(r'<a href="([^"]+\.html)">', dom)
    assert sorted(links) == sorted(p.name for p in (out / "reports").glob("2*.html"))


def test_the_pages_fetch_nothing_from_the_network(crawled):
    out, _ = crawled
    for page in (out / "reports").glob("*.html"):
        text = page.read_text("utf-8")
        assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)=', text), page
        assert "@import" not in text and not re.search(r"url\((?!#)", text)  # only the SVG's own #ids


def test_a_failed_run_is_shaded_in_the_trend_and_named_on_its_page():
    failed = {"start_time": "2026-12-02T10:00:00+00:00", "verdict": "FAIL", "monitors_failed": ["Errors"],
              "items": {"article": 1}, "rejects": {"total": 0}, "pages": 3}
    passed = {**failed, "verdict": "PASS", "monitors_failed": []}
    page = htmlreport.run_page(failed)
    assert 'class="FAIL" data-stat="verdict">FAIL<' in page and "Failed monitors: Errors" in page
    index = htmlreport.index_page([("a.json", passed), ("b.json", failed)])
    assert index.count('<span class="FAIL">FAIL</span>') == 1
    assert page.count('<figure class="chart"') == 1 and index.count('<figure class="chart"') == 1


def test_years_of_archive_are_charted_by_month():
    from datetime import date, timedelta

    days = {(date(2022, 1, 1) + timedelta(days=i)).isoformat(): 1 for i in range(400)}
    page = htmlreport.run_page({"items": {"article": 400}, "published_per_day": {"articles": days, "briefs": {}}})
    chart = re.search(r'data-chart="per_day">(.*?)</figure>', page, re.S).group(1)
    assert "published per month" in chart and ">2023-02<" in chart and ">2022-01-01<" not in chart


def report(start: str, verdict: str = "PASS", articles: int = 1) -> dict:
    return {"start_time": start, "verdict": verdict, "pages": 2, "items": {"article": articles}, "rejects": {"total": 0}}


def test_the_index_reads_no_earlier_report(tmp_path):
    """Its cost must not grow with history: a summary line a run, the index from the last
    lines. Earlier reports that could not even be read do not stop it."""
    for i in range(3000):
        (tmp_path / f"2026-01-01T00-00-{i:04d}.json").write_text("{not json", "utf-8")
    lines = [{"run": i + 1, "report": f"2026-01-01T00-00-{i:04d}.json", "start_time": "2026-01-01T00:00:00+00:00",
              "verdict": "PASS", "pages": 1, "items": {"article": i % 7}} for i in range(3000)]
    (tmp_path / htmlreport.RUNS).write_text("".join(json.dumps(x) + "\n" for x in lines), "utf-8")
    new = tmp_path / "2026-12-02T10-00-00.json"
    new.write_text(json.dumps(report("2026-12-02T10:00:00.123456+00:00", "FAIL")), "utf-8")
    htmlreport.write(tmp_path, new)
    index = (tmp_path / htmlreport.INDEX).read_text("utf-8")
    assert "<h1>Crawl runs (3001)</h1>" in index and index.count("<tr>") == htmlreport.INDEX_RUNS + 1
    assert index.index("2026-12-02 18:00:00+08:00") < index.index("2026-01-01 08:00:00+08:00")  # newest first
    assert json.loads((tmp_path / htmlreport.RUNS).read_text("utf-8").splitlines()[-1])["run"] == 3001


def test_a_folder_from_before_the_summary_file_gets_one(tmp_path):
    for hour in (1, 2, 3):
        (tmp_path / f"2026-12-02T0{hour}-00-00.json").write_text(json.dumps(report(f"2026-12-02T0{hour}:00:00+00:00")))
    htmlreport.write(tmp_path, tmp_path / "2026-12-02T03-00-00.json")
    runs = [json.loads(line) for line in (tmp_path / htmlreport.RUNS).read_text("utf-8").splitlines()]
    assert [(r["run"], r["report"]) for r in runs] == [(1, "2026-12-02T01-00-00.json"), (2, "2026-12-02T02-00-00.json"),
                                                       (3, "2026-12-02T03-00-00.json")]
    assert "<h1>Crawl runs (3)</h1>" in (tmp_path / htmlreport.INDEX).read_text("utf-8")
    assert sorted(p.name for p in tmp_path.glob("*.html")) == ["2026-12-02T03-00-00.html", "index.html"]


def test_the_pages_show_every_time_to_the_second_in_one_zone():
    page = htmlreport.run_page({**report("2026-12-02T10:00:00.123456+00:00"), "reposts": {"largest_clusters": [
        {"cluster": "c", "articles": 2, "copies": 1, "hosts": ["a"], "first_url": "http://a/1",
         "first_seen": "2026-12-02T17:59:58.5+08:00"}]}})
    assert "Crawl of 2026-12-02 18:00:00+08:00" in page and ".123456" not in page
    assert "<td>2026-12-02 17:59:58+08:00</td>" in page


def test_counts_are_charted_with_whole_ticks():
    page = htmlreport.run_page({"items": {"article": 2}, "published_per_day": {"articles": {"2026-12-01": 1,
                                                                                           "2026-12-02": 2}}})
    chart = re.search(r'data-chart="per_day">(.*?)</figure>', page, re.S).group(1)
    assert re.findall(r"<text[^>]*>(\d+\.\d+)</text>", chart) == []  # no 0.5, 1.5 of an article
    index = htmlreport.index_page([("a.json", report("2026-12-01T00:00:00+00:00", articles=1)),
                                   ("b.json", report("2026-12-02T00:00:00+00:00", articles=2))])
    assert re.findall(r"<text[^>]*>(\d+\.\d+)</text>", index) == []


def test_charts_of_chinese_names_warn_of_no_missing_glyph():
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        htmlreport.run_page({"items": {"article": 3}, "brief_sources": {"金色財經": 3, "律動BlockBeats": 1}})
    assert [str(w.message) for w in caught if "Glyph" in str(w.message)] == []


def htmlreport_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.sinks.htmlreport", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=120)


def test_the_report_command_fails_with_one_line(tmp_path):
    for args, says in [((), "the following arguments are required: reports"),
                       ((str(tmp_path / "missing"),), "no such folder"),
                       ((str(tmp_path),), "no crawl report")]:
        done = htmlreport_cli(*args)
        assert done.returncode == 2 and says in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 2, done.stderr
