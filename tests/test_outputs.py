"""What users read besides the feeds' main fields: the language an item is said to be in,
reject headlines, the CSV export in a spreadsheet, and a job's own log."""
from __future__ import annotations

import csv
import subprocess

import pytest
from scrapy.utils.test import get_crawler

from crawler.addon import NewsCrawlerAddon
from crawler.items import Article, Reject
from crawler.pipelines.zh import ZhNormalizePipeline
from crawler.sinks.export import main as export
from crawler.sinks.export import to_csv
from crawler.spiders.news import NewsSpider
from crawler.text.zh import language_of
from tests.conftest import REPO, crawl_command


def pipeline(**settings) -> ZhNormalizePipeline:
    return ZhNormalizePipeline.from_crawler(get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0},
                                                                                   **settings}))


def article(headline: str, body: str) -> Article:
    item = Article(url="http://x.example/info/1.html", headline=headline, headlineRaw=headline)
    item.set_story([{"type": "paragraph", "text": body}])
    return item


@pytest.mark.parametrize("headline,body,language", [
    ("Bitcoin ETF inflows hit a record", "Spot bitcoin ETFs took in 1.2 billion dollars on Monday, led by "
     "BlackRock's IBIT, while Grayscale's GBTC saw outflows for a fifth day.", "en"),
    # an English story quoting a Chinese name stays English
    ("Binance founder speaks", "Changpeng Zhao (赵长鹏) told reporters the exchange would keep its offices.", "en"),
    # a Chinese story dense with coin names and English terms stays Chinese
    ("马斯克为Twitter购买GPU", "马斯克最近为Twitter购买了1万个GPU，用于OpenAI竞品的LLM训练，BTC与ETH应声上涨。", "zh-Hans"),
    ("馬斯克為Twitter購買GPU", "馬斯克最近為Twitter購買了1萬個GPU，用於訓練大語言模型。", "zh-Hans"),
])
def test_an_item_is_said_to_be_in_its_own_language(headline, body, language):
    item = pipeline().process_item(article(headline, body))
    assert item.inLanguage == language


def test_language_of_a_text_without_letters_is_unknown():
    assert language_of("2024 — 12:00 ……") is None


def test_a_rejects_headline_is_written_in_the_output_script():
    reject = Reject(url="http://x.example/info/2.html", reason="empty_body", headline="BNB鏈生態周報")
    assert pipeline().process_item(reject).headline == "BNB链生态周报"
    reject = Reject(url="http://x.example/info/2.html", reason="empty_body", headline="BNB鏈生態周報")
    assert pipeline(ZH_SCRIPT="zh-TW").process_item(reject).headline == "BNB鏈生態週報"


def feed_dir(tmp_path):
    (tmp_path / "articles").mkdir(parents=True)
    line = '{"url": "http://x/1.html", "kind": "article", "headline": "比特币", "storyId": "0123456789abcdef"}\n'
    (tmp_path / "articles" / "2026-01-01T00-00-00.jsonl").write_text(line, "utf-8")
    return tmp_path


def test_the_csv_export_offers_a_byte_order_mark_for_excel(tmp_path, capsys):
    feeds = feed_dir(tmp_path / "feeds")
    assert export(["csv", str(feeds), str(tmp_path / "bom"), "--bom"]) == 0
    raw = (tmp_path / "bom" / "articles.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfurl,kind,") and "比特币".encode() in raw
    to_csv(feeds, tmp_path / "plain")
    assert (tmp_path / "plain" / "articles.csv").read_bytes().startswith(b"url,kind,")  # no BOM unless asked
    with (tmp_path / "bom" / "articles.csv").open(encoding="utf-8-sig", newline="") as f:
        assert next(csv.DictReader(f))["headline"] == "比特币"


def test_a_jobs_log_file_holds_the_last_line_and_a_usage_error(tmp_path, demo_server):
    """Scrapyd gives each job a LOG_FILE and keeps its stderr elsewhere: what the crawl says on
    stderr at the end (or instead of starting) must be in that file too."""
    cmd, env = crawl_command(tmp_path / "feeds", "-a", "start_urls=" + demo_server.urls()[1],
                             "-s", f"LOG_FILE={tmp_path / 'job.log'}")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    last = proc.stderr.strip().splitlines()[-1]
    assert proc.returncode == 0 and last.startswith("Crawl PASS: ")
    assert (tmp_path / "job.log").read_text("utf-8").strip().splitlines()[-1].endswith(last)
    cmd, env = crawl_command(tmp_path / "feeds", "-a", "start_urls=example.com/info/1.html",
                             "-s", f"LOG_FILE={tmp_path / 'bad.log'}")
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "ERROR: Usage error: start URL 'example.com/info/1.html' has no scheme" in (
        tmp_path / "bad.log").read_text("utf-8")
