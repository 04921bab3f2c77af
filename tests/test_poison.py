"""Poison items: text a page gives that no sink can store (NUL, unpaired surrogates) and
lines a sink refuses never lose an item nor stop the lines after them."""
from __future__ import annotations

import json
import subprocess
import sys

from crawler.pages import read_page
from crawler.sinks import postgres
from tests.conftest import REPO, run_crawl
from tests.test_postgres import counts, database, rows  # noqa: F401  (the fixture)

LD_AUTHOR_NUL = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "张\u0000三"}}
LD_DATE_NUL = {"@type": "NewsArticle", "datePublished": "2024-05-01\u0000T10:00"}
LD_AUTHOR_SURROGATE = {"@type": "NewsArticle", "author": {"@type": "Person", "name": "李\ud800四"}}


def article_page(n: int, ld: dict) -> bytes:
    """An article whose only author or date is its JSON-LD's, escaped as a CMS prints it."""
    story = "".join(f"<p>第{n}篇第{i}段：链上数据显示，一家交易所的热钱包本周转出了大批稳定币，分析师认为与季度交割有关。</p>"
                    for i in range(4))
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>坏字符测试第{n}篇</title>'
            f'<script type="application/ld+json">{json.dumps(ld)}</script></head><body>'
            f'<h1>坏字符测试第{n}篇</h1><div class="content">{story}</div></body></html>').encode()


def test_json_ld_text_reaches_the_item_as_valid_unicode():
    author = read_page("http://a.example/info/1.html", article_page(1, LD_AUTHOR_NUL))
    assert author.to_item().author == "张三" and author.doc.invalid_chars == 1
    date = read_page("http://a.example/info/2.html", article_page(2, LD_DATE_NUL))
    assert date.to_item().datePublishedRaw == "2024-05-01T10:00"
    surrogate = read_page("http://a.example/info/3.html", article_page(3, LD_AUTHOR_SURROGATE))
    assert surrogate.to_item().author == "李四" and surrogate.doc.invalid_chars == 1


def test_pages_with_nul_and_lone_surrogates_reach_the_feeds_and_the_database(tmp_path, database):  # noqa: F811
    site = tmp_path / "site"
    site.mkdir()
    urls = []
    for n, ld in enumerate([LD_AUTHOR_NUL, LD_DATE_NUL, LD_AUTHOR_SURROGATE], start=1):
        (site / f"{n}.html").write_bytes(article_page(n, ld))
        urls.append((site / f"{n}.html").as_uri())
    crawl = run_crawl(tmp_path / "out", "-a", "start_urls=" + ",".join(urls), "-s", f"DATABASE_URL={database}")
    assert sorted(a["url"] for a in crawl.articles) == sorted(urls)  # the summary and the feed agree
    assert crawl.report["items"]["article"] == 3 and crawl.stats["text/invalid_chars"] == 3
    assert "Removed 1 NUL or unpaired surrogate characters from the text of " + urls[0] in crawl.log
    assert sorted(a["author"] or "" for a in crawl.articles) == ["", "张三", "李四"]
    assert counts(database)["articles"] == 3 and crawl.stats["postgres/refused"] == 0


def write_lines(path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


def article_line(n: int, **fields) -> str:
    item = {"url": f"http://a.example/info/{n}.html", "kind": "article", "storyId": f"{n:016x}",
            "headline": f"标题{n}", "articleBody": f"正文{n}", **fields}
    return json.dumps(item, ensure_ascii=False)


def test_a_line_the_database_refuses_is_its_reject_and_the_lines_after_it_load(tmp_path, database):  # noqa: F811
    feed = tmp_path / "articles" / "2026-12-02T00-00-00+00-00.jsonl"
    # NUL in text and in jsonb, a lone surrogate, a date PostgreSQL cannot hold, a line that is not JSON
    write_lines(feed, [article_line(1), article_line(2, author="张\u0000三"), article_line(3),
                       article_line(4, headline="李\ud800四").encode("utf-8", "surrogatepass").decode("utf-8", "replace")
                       .replace("\ufffd\ufffd\ufffd", "\\ud800"),
                       article_line(5, datePublished="2024-05-01\u0000T10:00"), '{"url": "http://a.exa', article_line(6)])
    first = postgres.sync(database, tmp_path)
    assert first == {"articles": 3, "briefs": 0, "rejects": 0, "runs": 0, "refused": 4}
    assert sorted(u for (u,) in rows(database, "SELECT url FROM articles")) == [
        f"http://a.example/info/{n}.html" for n in (1, 3, 6)]
    refused = rows(database, "SELECT url, reason, detail FROM rejects ORDER BY line_offset")
    assert [(u, r) for u, r, _ in refused] == [("http://a.example/info/2.html", "postgres_refused"),
                                              ("http://a.example/info/4.html", "postgres_refused"),
                                              ("http://a.example/info/5.html", "postgres_refused"),
                                              ("", "postgres_refused")]
    assert all(d for _, _, d in refused)
    assert postgres.sync(database, tmp_path)["refused"] == 0  # the offset moved past them: refused once
    write_lines(feed, [article_line(7)])  # a later run's clean item loads
    assert postgres.sync(database, tmp_path)["articles"] == 1 and counts(database)["articles"] == 4


def test_a_line_over_the_bound_is_refused_unread(tmp_path, database, monkeypatch):  # noqa: F811
    monkeypatch.setattr(postgres, "MAX_LINE_BYTES", 1000)
    feed = tmp_path / "articles" / "2026-12-02T00-00-00+00-00.jsonl"
    write_lines(feed, [article_line(1, articleBody="长" * 5000), article_line(2)])
    assert postgres.sync(database, tmp_path) == {"articles": 1, "briefs": 0, "rejects": 0, "runs": 0, "refused": 1}
    assert rows(database, "SELECT reason, detail FROM rejects")[0][1].startswith("a line of 15")


def test_sync_counts_the_rows_it_added_not_the_lines_it_read(tmp_path, database):  # noqa: F811
    for name in ("2026-12-02T00-00-00+00-00.jsonl", "2026-12-03T00-00-00+00-00.jsonl"):  # the same items twice
        write_lines(tmp_path / "articles" / name, [article_line(n) for n in range(40)])
    assert postgres.sync(database, tmp_path)["articles"] == 40 == counts(database)["articles"]


def sync_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "crawler.sinks.postgres", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60)


def test_the_sync_command_fails_with_one_line(tmp_path):
    cases = {("sync", str(tmp_path / "missing"), "postgresql://postgres@127.0.0.1/x"): (2, "no such folder"),
             ("sync", str(tmp_path), "nope"): (2, "not a PostgreSQL URL"),
             ("sync", str(tmp_path), "postgresql://postgres@127.0.0.1:1/none"): (1, "PostgreSQL could not load")}
    for args, (code, says) in cases.items():
        done = sync_cli(*args)
        assert done.returncode == code and says in done.stderr, done.stderr
        assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) <= 3, done.stderr


def test_the_sync_command_says_what_it_added(tmp_path, database):  # noqa: F811
    write_lines(tmp_path / "articles" / "a.jsonl", [article_line(1), article_line(2, author="张\u0000三")])
    done = sync_cli("sync", str(tmp_path), database)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1 articles, 0 briefs, 0 rejects, 0 runs added; 1 lines refused " \
                                  "(rejects with reason postgres_refused)"


def test_an_article_printed_over_pages_stops_at_the_story_bound():
    """Each later page is within DOWNLOAD_MAXSIZE, but twenty of them joined are not: the
    story is cut at NEWS_MAX_STORY_CHARS, the page that passed it is a reject, and no
    later page is fetched."""
    from scrapy import Request
    from scrapy.http import HtmlResponse

    from crawler.items import Article, Reject
    from crawler.meta import ROLE
    from tests.faultserver import PARTS
    from tests.test_components import NewsSpider, crawler_with

    crawler = crawler_with(NEWS_FOLLOW_RELATED=False, NEWS_MAX_STORY_CHARS=80)
    spider = NewsSpider.from_crawler(crawler, start_urls="https://a.example/")
    first = "https://a.example/info/600.html"
    out = list(spider.parse(HtmlResponse(first, body=PARTS["/info/600.html"], request=Request(first, meta={ROLE: "article"}))))
    (part,) = [r for r in out if isinstance(r, Request)]
    second = list(spider.parse_part(HtmlResponse(part.url, body=PARTS["/info/600_2.html"], request=part)))
    assert not [r for r in second if isinstance(r, Request)]  # page 3 is not read
    (reject,) = [r for r in second if isinstance(r, Reject)]
    (article,) = [a for a in second if isinstance(a, Article)]
    assert reject.url == "https://a.example/info/600_2.html" and reject.reason == "story_too_long"
    assert reject.detail.startswith(f"page 2 of {first}: the story passed NEWS_MAX_STORY_CHARS (80 characters)")
    assert len(article.articleBody) == 80 and article.articleBody.startswith("第一頁的正文")
    assert article.articleBody == "\n\n".join(b["text"] for b in article.blocks) == article.articleBodyRaw
    assert crawler.stats.get_value("parts/story_cut") == 1
