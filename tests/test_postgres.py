"""The PostgreSQL sink against the machine's real PostgreSQL on 127.0.0.1:5432: every feed
line in the database once, whatever happens to the crawl or the database."""
from __future__ import annotations

import re
import signal
import subprocess
import threading
import time
import uuid

import psycopg
import pytest

from crawler.sinks import postgres
from tests.conftest import REPO, CrawlResult, crawl_command, run_crawl

ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def database():
    name = f"crawler_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:  # .ci/run starts one when none answers
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql://postgres@127.0.0.1:5432/{name}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def rows(url: str, sql: str, *args) -> list[tuple]:
    with psycopg.connect(url) as conn:
        return conn.execute(sql, args).fetchall()


def counts(url: str) -> dict[str, int]:
    return {t: rows(url, f"SELECT count(*) FROM {t}")[0][0] for t in ("articles", "briefs", "rejects", "runs")}


def feed_counts(result: CrawlResult) -> dict[str, int]:
    return {"articles": len(result.articles), "briefs": len(result.briefs), "rejects": len(result.rejects)}


def test_a_crawl_puts_every_item_in_the_database_once(tmp_path, demo_server, database):
    start = "start_urls=" + ",".join(demo_server.urls())
    first = run_crawl(tmp_path, "-a", start, "-s", f"DATABASE_URL={database}")
    assert {**feed_counts(first), "runs": 1} == counts(database) == {"articles": 40, "briefs": 15, "rejects": 3,
                                                                     "runs": 1}
    assert "PostgreSQL: loaded 40 articles, 15 briefs, 3 rejects, 1 runs" in first.log
    seed = next(a for a in first.articles if a["url"].endswith("/info/1001.html"))
    linked = rows(database, "SELECT brief_id FROM article_briefs WHERE url = %s ORDER BY position", seed["url"])
    assert [b for (b,) in linked] == seed["briefIds"]  # in page order
    assert rows(database, "SELECT verdict, pages FROM runs") == [("PASS", first.report["pages"])]
    stored = rows(database, "SELECT item FROM articles WHERE url = %s", seed["url"])[0][0]
    assert stored == seed  # the whole item, as the feed has it
    again = run_crawl(tmp_path, "-a", start, "-s", f"DATABASE_URL={database}")  # incremental: nothing new
    assert again.report["items"] == {}
    assert counts(database) == {"articles": 40, "briefs": 15, "rejects": 3, "runs": 2}


def test_a_database_down_for_a_run_is_caught_up_by_the_next(tmp_path, demo_server, database):
    start = "start_urls=" + ",".join(demo_server.urls())
    down = run_crawl(tmp_path, "-a", start, "-s", "DATABASE_URL=postgresql://postgres@127.0.0.1:1/none")
    assert down.report["verdict"] == "PASS" and down.stats["postgres/unavailable"] == 1
    assert "PostgreSQL is unavailable" in down.log and "the next run loads them" in down.log
    run_crawl(tmp_path, "-a", start, "-s", f"DATABASE_URL={database}")
    assert counts(database) == {**feed_counts(down), "runs": 2}


def test_a_crawl_killed_midway_and_run_again_loads_each_item_once(tmp_path, demo_server, database):
    start = "start_urls=" + ",".join(demo_server.urls())
    slow = ["-s", "AUTOTHROTTLE_ENABLED=0", "-s", "DOWNLOAD_DELAY=0.15", "-s", "CONCURRENT_REQUESTS=1"]
    cmd, env = crawl_command(tmp_path, "-a", start, "-s", f"DATABASE_URL={database}", *slow)
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not list((tmp_path / "articles").glob("*.jsonl")):
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    resumed = run_crawl(tmp_path, "-a", start, "-s", f"DATABASE_URL={database}")
    assert feed_counts(resumed) == {"articles": 40, "briefs": 15, "rejects": 3}  # the union of both runs' feeds
    assert {k: v for k, v in counts(database).items() if k != "runs"} == feed_counts(resumed)
    urls = rows(database, "SELECT url FROM articles")
    assert len(urls) == len(set(urls)) == 40


def write_feed(tmp_path, n: int) -> None:
    (tmp_path / "briefs").mkdir(parents=True)
    lines = [f'{{"id": "{i:016x}", "kind": "brief", "headline": "快讯{i}", "body": "正文{i}"}}' for i in range(n)]
    (tmp_path / "briefs" / "2026-12-02T00-00-00+00-00.jsonl").write_text("\n".join(lines) + "\n", "utf-8")


def test_two_loaders_at_once_load_each_line_once(tmp_path, database):
    write_feed(tmp_path, 2000)
    results = []
    loaders = [threading.Thread(target=lambda: results.append(postgres.sync(database, tmp_path))) for _ in range(4)]
    for t in loaders:
        t.start()
    for t in loaders:
        t.join()
    assert sum(r["briefs"] for r in results) == 2000 and counts(database)["briefs"] == 2000


def test_a_load_that_fails_midway_leaves_nothing_half_done(tmp_path, database, monkeypatch):
    write_feed(tmp_path, 50)
    real, calls = postgres._LOADERS["briefs"], []

    def failing(cur, item, where):
        calls.append(item["id"])
        if len(calls) == 30:
            raise RuntimeError("the machine died here")
        real(cur, item, where)

    monkeypatch.setitem(postgres._LOADERS, "briefs", failing)
    with pytest.raises(RuntimeError):
        postgres.sync(database, tmp_path)
    assert counts(database)["briefs"] == 0  # the rows and the offset are one transaction
    monkeypatch.setitem(postgres._LOADERS, "briefs", real)
    with (tmp_path / "briefs" / "2026-12-02T00-00-00+00-00.jsonl").open("a") as f:
        f.write('{"id": "ffffffffffffffff", "kind": "brief", "headline": "半行')  # a line still being written
    assert postgres.sync(database, tmp_path)["briefs"] == 50
    assert postgres.sync(database, tmp_path)["briefs"] == 0


def test_the_schema_is_created_once_and_migrations_are_recorded(database):
    with psycopg.connect(database, autocommit=True) as conn:
        assert postgres.migrate(conn) == postgres.migrate(conn) == len(postgres.MIGRATIONS)
        assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone()[0] == len(postgres.MIGRATIONS)


def readme_queries() -> list[str]:
    text = (REPO / "README.md").read_text("utf-8")
    block = re.search(r"```sql\n(.*?)```", text, re.S).group(1)
    chunks = ["\n".join(line for line in q.splitlines() if not line.startswith("--")) for q in block.split(";")]
    return [q.strip() for q in chunks if q.strip()]


def test_the_readme_queries_run_and_answer(tmp_path, demo_server, database):
    run_crawl(tmp_path, "-a", "start_urls=" + ",".join(demo_server.urls()), "-s", f"DATABASE_URL={database}")
    queries = readme_queries()
    assert len(queries) == 3
    for query in queries:
        assert rows(database, query), query
