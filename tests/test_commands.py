"""``scrapy crawl`` as a scheduler sees it: the exit code, and one clear last line."""
from __future__ import annotations

import json
import subprocess
from collections import Counter

import pytest
from scrapy.exceptions import UsageError

from crawler.commands.crawl import check_start_urls
from tests.conftest import REPO, crawl_command


@pytest.mark.parametrize("value", ["example.com/info/1.html", "ftp://example.com/a.html,https://b.example/",
                                   "https://a.example/, javascript:alert(1)"])
def test_a_start_url_the_crawler_cannot_fetch_is_a_usage_error(value):
    with pytest.raises(UsageError):
        check_start_urls(value)


def test_fetchable_start_urls_pass():
    check_start_urls("https://a.example/,http://b.example/x, file:///tmp/page.html")
    check_start_urls(None)


def test_a_start_url_without_a_scheme_exits_2_with_one_line(tmp_path):
    cmd, env = crawl_command(tmp_path, "-a", "start_urls=example.com/info/1.html")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1].endswith("(did you mean https://example.com/info/1.html?)")
    assert "Traceback" not in proc.stderr and not (tmp_path / "reports").exists()


def test_a_failed_verdict_exits_1(demo_server, tmp_path):
    cmd, env = crawl_command(tmp_path, "-a", "start_urls=" + demo_server.urls()[0], "-s", "SPIDERMON_MIN_ITEMS=100000")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines()[-1].startswith("Crawl FAIL: ")


def test_the_outcome_comes_from_the_signals_and_the_last_line_from_the_outcome():
    from scrapy import signals as scrapy_signals
    from scrapy.signalmanager import SignalManager

    from crawler import signals
    from crawler.commands.crawl import summary
    from crawler.outcome import CrawlOutcome, Verdict

    manager, outcome = SignalManager(), CrawlOutcome()
    outcome.connect(manager)
    manager.send_catch_log(scrapy_signals.spider_closed, spider=None, reason="finished")
    manager.send_catch_log(signals.verdict_reached, verdict=Verdict(8, ("Item Count Monitor: too few",)))
    manager.send_catch_log(signals.report_written, path="r.json", error=None)
    manager.send_catch_log(signals.postgres_loaded, error="refused")
    assert outcome.failed(["finished"]) and outcome.word == "FAIL"
    # stats that say otherwise change nothing but the counts
    stats = {"items/article": 2, "monitors/verdict": "PASS", "monitors/failed": [], "finish_reason": "shutdown",
             "report/failed": "forged", "postgres/not_loaded": ""}
    assert summary(stats, outcome, True) == ("Crawl FAIL: 2 articles, 0 briefs, 0 rejects (report r.json) — Item Count "
                                             "Monitor: too few; PostgreSQL not loaded (refused): the feeds keep every "
                                             "item for the next load")
    manager.send_catch_log(signals.verdict_reached, verdict=Verdict(9))
    manager.send_catch_log(signals.report_written, path="r.json", error="OSError: disk full")
    assert outcome.word == "FAIL"  # the monitors passed it, then its report could not be written


@pytest.mark.parametrize(("min_items", "returncode", "verdict"), [("1", 0, "PASS"), ("100000", 1, "FAIL")])
def test_the_exit_code_and_last_line_are_not_decided_from_the_stats(demo_server, tmp_path, min_items, returncode,
                                                                       verdict):
    """The stats are rewritten to say the opposite once the crawl is over: the exit code and
    the last line still say what the monitors, the report and the finish said."""
    cmd, env = crawl_command(tmp_path, "-a", "start_urls=" + demo_server.urls()[1], "-s", f"SPIDERMON_MIN_ITEMS={min_items}",
                             "-s", 'EXTENSIONS={"tests.forgedstats.ForgedStats": 1000}', "-s", "FORGED_STATS=1")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == returncode, proc.stderr[-2000:]
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith(f"Crawl {verdict}: 12 articles, ") and "Forged" not in last and "forged" not in last
    assert "(report " in last and "not written" not in last
    assert ("Item Count Monitor" in last) == (verdict == "FAIL")


def test_scrapy_check_runs_the_demo_spiders_contracts_on_the_demo_site(tmp_path):
    cmd, env = crawl_command(tmp_path)
    check = [cmd[0], "-m", "scrapy", "check", "-s", f"NEWS_FEED_DIR={tmp_path}"]  # every spider's
    proc = subprocess.run(check, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Ran 3 contracts" in proc.stderr and "OK" in proc.stderr


def test_scrapy_parse_reads_a_page_and_judges_no_crawl(tmp_path, demo_server):
    cmd, env = crawl_command(tmp_path)
    parse = [cmd[0], "-m", "scrapy", "parse", "--spider", "news", demo_server.urls()[0] + "info/1001.html",
             "-s", f"NEWS_FEED_DIR={tmp_path}"]
    proc = subprocess.run(parse, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "'headline': '馬斯克不講武德" in proc.stdout, proc.stderr[-2000:]
    assert "Crawl verdict" not in proc.stderr and not (tmp_path / "reports").exists()


def test_a_report_that_cannot_be_written_fails_the_crawl(demo_server, tmp_path):
    (tmp_path / "reports").write_text("a file where the reports folder should be")
    cmd, env = crawl_command(tmp_path, "-a", "start_urls=" + demo_server.urls()[0])
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "Crawl verdict: PASS" in proc.stderr  # the monitors passed it; the close then failed
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("Crawl FAIL: ") and "(report not written: FileExistsError" in last


def _exits_2(tmp_path, *args: str, spider: str = "news") -> str:
    """The last line of a crawl that must stop before anything starts, having written nothing."""
    cmd, env = crawl_command(tmp_path / "out", *args, spider=spider)
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr and "demo site at" not in proc.stderr
    return proc.stderr.strip().splitlines()[-1]


SITE = "start_urls=https://site.example/"


@pytest.mark.parametrize("args,says", [
    (("-a", "start_url=https://site.example/"), "no argument 'start_url' (did you mean start_urls?)"),
    (("-a", "start_urls="), "-a start_urls= is empty"),  # an unset variable in a crontab
    ((), "no start URL: give -a start_urls="),  # a Scrapyd job scheduled without start URLs too
    (("-a", SITE, "-a", "full=maybe"), "'maybe' is not a boolean"),
    (("-a", SITE, "-s", "ZH_SCRIPT=zh-CN"), "ZH_SCRIPT takes one of zh-Hans, zh-Hant, zh-TW, zh-HK, none"),
    (("-a", SITE, "-s", "INCREMENTAL_ENABLED=maybe"), "INCREMENTAL_ENABLED takes a boolean"),
    (("-a", SITE, "-s", "NEWS_MAX_LIST_PAGES=abc"), "NEWS_MAX_LIST_PAGES takes a whole number"),
    (("-a", SITE, "-s", "DATABASE_URL=notaurl"), "DATABASE_URL takes a PostgreSQL URL"),
    (("-a", SITE, "-s", "DATABASE_URL=mysql://u@127.0.0.1/news"), "DATABASE_URL takes a PostgreSQL URL"),
], ids=["misspelled-argument", "empty-start-urls", "no-start-url", "full", "script", "bool", "int", "url", "mysql"])
def test_what_a_crawl_could_not_use_exits_2_before_anything_starts(tmp_path, args, says):
    assert says in _exits_2(tmp_path, *args)
    assert not (tmp_path / "out").exists()  # no feed, no report, no state: nothing was crawled


def test_the_demo_never_writes_into_another_sites_feeds(tmp_path):
    theirs = tmp_path / "out" / "articles" / "2026-11-01T00-00-00+00-00.jsonl"
    theirs.parent.mkdir(parents=True)
    theirs.write_text('{"url": "https://site.example/info/1.html", "kind": "article"}\n', "utf-8")
    assert "holds another site's items (https://site.example/info/1.html)" in _exits_2(tmp_path, spider="demo")
    assert sorted(p.name for p in (tmp_path / "out").rglob("*")) == ["2026-11-01T00-00-00+00-00.jsonl", "articles"]


def test_full_takes_the_usual_words_for_true_and_false():
    from crawler.spiders.news import NewsSpider

    for word, full in (("on", True), ("yes", True), ("True", True), ("1", True), ("off", False), ("0", False),
                       ("false", False)):
        assert NewsSpider(start_urls="https://a.example/", full=word).full is full, word
    with pytest.raises(ValueError):
        NewsSpider(start_urls="https://a.example/", full="maybe")


def test_a_misspelled_setting_is_a_warning_naming_the_real_one(caplog):
    from scrapy.settings import Settings

    from crawler.checks import check_settings, warn_misspelled_settings

    settings = Settings()
    settings.setdict({"INCREMENTAL_ENABLE": "0", "ZH_SCRIPTS": "zh-Hant", "RETRY_TIMES": 5,
                      "SPIDERMON_MAX_WARNINGS": 3, "DOWNLOAD_TIMEOUT": 1}, priority="cmdline")
    check_settings(settings)
    assert warn_misspelled_settings(settings) == ["INCREMENTAL_ENABLE", "ZH_SCRIPTS"]
    assert "Unknown setting INCREMENTAL_ENABLE ignored: did you mean INCREMENTAL_ENABLED?" in caplog.text


@pytest.mark.parametrize("name,value", [("INCREMENTAL_ENABLED", "0"), ("NEWS_MAX_LIST_PAGES", "7"),
                                        ("ZH_SCRIPT", "zh-TW"), ("DATABASE_URL", "postgresql://postgres@127.0.0.1/x"),
                                        ("DATABASE_URL", "host=127.0.0.1 dbname=x"), ("RETRY_BACKOFF_BASE", "0.5"),
                                        ("INCREMENTAL_REVISIT_HOURS", "0.5"), ("REDIS_URL", ""), ("DATES_NOW", ""),
                                        ("DATES_NOW", "2026-11-28T12:00:00+08:00"), ("REDIS_URL", "redis://h:6379/0")])
def test_good_settings_pass_the_check(name, value):
    from scrapy.settings import Settings

    from crawler.checks import check_settings

    check_settings(Settings({name: value}))


def test_the_last_line_counts_what_a_single_file_output_holds(tmp_path, demo_server):
    one = tmp_path / "all.jsonl"
    cmd, env = crawl_command(tmp_path / "feeds", "-a", "start_urls=" + demo_server.urls()[1], "-O", str(one),
                             "-s", "NEWS_FEED_DIR=")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    kinds = Counter(json.loads(line)["kind"] for line in one.read_text("utf-8").splitlines())
    assert kinds["article"] == 12
    assert proc.stderr.strip().splitlines()[-1] == (
        f"Crawl PASS: {kinds['article']} articles, {kinds['brief']} briefs, {kinds['reject']} rejects in {one}")
    assert not (tmp_path / "feeds").exists()


def test_the_last_line_names_a_database_that_could_not_be_loaded(tmp_path, demo_server):
    missing = "postgresql://postgres@127.0.0.1:5432/no_such_database_for_this_crawl"
    cmd, env = crawl_command(tmp_path, "-a", "start_urls=" + demo_server.urls()[1], "-s", f"DATABASE_URL={missing}")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    last = proc.stderr.strip().splitlines()[-1]
    assert last.startswith("Crawl PASS: 12 articles, "), proc.stderr[-2000:]
    assert last.endswith('database "no_such_database_for_this_crawl" does not exist): the feeds keep every item '
                         "for the next load")
