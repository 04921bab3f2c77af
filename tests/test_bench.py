"""Smoke runs of every benchmark script with small sizes, so the scripts cannot rot.
No timing is asserted here: the numbers live in BENCHMARKS.md."""
from __future__ import annotations

import json
import re
import shutil
import sys

import pytest
import redis

from bench import briefs, crawl, distributed, extractors, fairness, instructions, micro, reposts


def table_rows(text: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split("|")] for line in text.splitlines()
            if line.startswith("|") and not line.startswith("|---")]


def test_micro(capsys):
    micro.main(["--quick"])
    rows = table_rows(capsys.readouterr().out)
    assert len(rows) == 1 + 7 and all("faster" in rows[i][3] for i in (1, 6, 7))


def test_briefs(capsys):
    briefs.main(["--pages", "20", "--repeat", "1"])
    row = table_rows(capsys.readouterr().out)[1]
    assert row[0] == "20" and row[6].startswith("0 of") and row[9].endswith("%")


def test_reposts(capsys):
    reposts.main(["--pairs", "60", "--stories", "300", "--index", "200", "--repeat", "1", "--reconcile", "100"])
    out = capsys.readouterr().out
    rows = table_rows(out)
    chosen = next(r for r in rows if "(chosen)" in r[0])
    assert float(chosen[1].rstrip("%")) > 95 and chosen[2].startswith("0 of")
    assert re.search(r"Redis \d+ bytes a story", out)
    assert re.search(r"feed of 100 distinct articles.*\*\*[\d.]+ s\*\* with the signatures the run kept", out)
    assert "under its 52-character slogan: **1** linked" in out and "first 24,000 characters: **0 of 2** linked" in out


def test_extractors_speed_and_quality(capsys, tmp_path):
    extractors.main(["speed", "--pages", "20"])
    extractors.main(["quality", "--generated", "10", "--real", str(tmp_path / "no-real-pages")])
    out = capsys.readouterr().out
    rows = table_rows(out)
    # three quality tables: the demo articles, the fixtures of other templates, generated templates
    assert [r[0] for r in rows if r[0] in ("this project", "trafilatura", "GNE")] == ["this project", "trafilatura", "GNE"] * 3
    assert {r[0] for r in rows} >= set(extractors.STEPS)  # the breakdown names every step, pipelines included
    ours = [r for r in rows if r[0] == "this project"]
    assert [r[1:] for r in ours] == [["1.00"] * 6] * 3  # the quality target holds on every run


@pytest.mark.parametrize("argv", [["speed", "--pages", "30", "--repeat", "1", "--no-scrapy-bench"],
                                  ["recrawl", "--pages", "30"], ["memory", "--pages", "30", "--large", "60"],
                                  ["hostile", "--copies", "1"], ["sinks", "--pages", "30", "--repeat", "1"]])
def test_crawl_benchmarks(capsys, argv):
    crawl.main(argv)
    out = capsys.readouterr().out
    assert re.search(r"\*\*[\d.]+[×%]?\*\*", out), out


@pytest.mark.parametrize("argv", [["slow", "--pages", "4", "--timeout", "2", "--budget", "3"],
                                  ["fanout", "--links", "20"]])
def test_fairness_benchmarks(capsys, argv):
    fairness.main(argv)
    out = capsys.readouterr().out
    assert re.search(r"\*\*[\d.]+\*\* s", out), out


def test_distributed_benchmark(capsys):
    redis.Redis.from_url(distributed.REDIS_URL).ping()
    distributed.main(["--pages", "30"])
    rows = table_rows(capsys.readouterr().out)
    assert [r[0] for r in rows[1:]] == ["1", "2"]


# valgrind is a system package (Debian: apt-get install valgrind); .ci/run installs it
needs_valgrind = pytest.mark.skipif(shutil.which("valgrind") is None,
                                    reason="valgrind is not installed (Debian: apt-get install valgrind)")


@needs_valgrind
def test_instructions_under_callgrind(capsys, tmp_path, monkeypatch):
    # valgrind runs trafilatura only (this project's process imports Scrapy: a minute under
    # valgrind); this project's side of the script runs here without valgrind
    counted: dict[int, int] = {}  # pages -> callgrind's count of that run, as the table is made of
    measure = instructions.instructions
    monkeypatch.setattr(instructions, "instructions",
                        lambda name, pages_file, pages: counted.setdefault(pages, measure(name, pages_file, pages)))
    instructions.main(["--pages", "1", "--extractors", "trafilatura"])
    rows = table_rows(capsys.readouterr().out)
    # one page's share of two whole runs moves with their start and exit: its sign is noise
    assert rows[1][0] == "trafilatura" and rows[1][1].endswith(" M")
    float(rows[1][1].split()[0])  # a number, of either sign
    assert counted[1] > counted[0] / 2 > 0
    pages = tmp_path / "pages.pickle"
    instructions.save_pages(pages, 1)
    instructions.child("this project", str(pages), 1)


FAKE_VALGRIND = '''
import os, subprocess, sys
args = sys.argv[1:]
log = next(a.split("=", 1)[1] for a in args if a.startswith("--log-file="))
cmd = [a for a in args if not a.startswith("--")]
proc = subprocess.Popen(cmd)
_, status, usage = os.wait4(proc.pid, 0)
with open(log, "w") as f:  # what callgrind prints, counting CPU nanoseconds instead of instructions
    f.write(f"==1== Collected : {int((usage.ru_utime + usage.ru_stime) * 1e9)}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
'''


def test_crawl_instructions(capsys, tmp_path, monkeypatch):
    # the real crawls, under a stand-in for valgrind that writes callgrind's summary line
    # (four crawls under valgrind would take several minutes)
    fake = tmp_path / "fake_valgrind.py"
    fake.write_text(FAKE_VALGRIND)
    monkeypatch.setattr(crawl, "CALLGRIND", [sys.executable, str(fake)])
    crawl.main(["instructions", "--pages", "20", "--large", "60"])
    out = capsys.readouterr().out
    rows = table_rows(out)
    assert [r[0] for r in rows[1:]] == ["bare spider (same links, yields nothing)", "`news`, all pipelines and feeds"]
    small, large = (int(n) for n in rows[2][1].split(","))
    assert large > small > 20
    # the stand-in counts CPU time, which on tiny sites can even come out lower for the
    # larger one: only the shape of the result is checked here
    assert all(re.fullmatch(r"-?\d+\.\d\d M", r[2]) for r in rows[1:]), rows
    assert re.search(r"pages per instruction: \*\*-?[\d.]+\*\*", out), out


@needs_valgrind
def test_instructions_breakdown_under_callgrind(capsys):
    instructions.main(["--breakdown", "--pages", "1"])
    rows = {r[0]: r[1:] for r in table_rows(capsys.readouterr().out)[1:]}
    assert float(rows["all"][0].split()[0]) > 0.5  # M instructions for one article page
    assert float(rows["CPython: interpreter, objects, str, dict"][0].split()[0]) > 0


def test_real_pages_are_scored_by_their_answers(capsys, tmp_path):
    """A set of real pages in the layout bench/realpages.py reads, made here: one page whose
    story, title, date and author this project reads, one flagged as at fault."""
    from bench import realpages

    story = ["交易所今日宣布上线新的现货交易对，首日成交额超过十亿美元，创下今年以来的新高。",
             "分析人士认为，新交易对将吸引更多机构投资者入场，市场流动性有望进一步改善。",
             "交易所表示，未来还将陆续上线更多合规的数字资产交易对。"]
    html = ("<html><head><title>交易所上线新现货交易对</title></head><body><h1>交易所上线新现货交易对</h1>"
            "<div>2024-03-05 10:00</div><div>" + "".join(f"<p>{p}</p>" for p in story)
            + "<p>（记者 王晓蓉）</p></div></body></html>")
    (tmp_path / "site").mkdir()
    for name, artifact in (("a", None), ("b", "fragment: cut")):
        (tmp_path / "site" / f"{name}.html").write_text(html, "utf-8")
        answer = {"url": None, "file": f"{name}.html", "title": "交易所上线新现货交易对", "paragraphs": story,
                  "date": "2024-03-05", "author": "王晓蓉", "artifact": artifact}
        (tmp_path / "site" / f"{name}.json").write_text(json.dumps(answer, ensure_ascii=False), "utf-8")
    pages = realpages.load(tmp_path)
    assert [p.flagged for p in pages] == [False, True]
    realpages.print_scores(tmp_path, pages, realpages.scores(pages), "# test")
    rows = {r[0]: r for r in table_rows(capsys.readouterr().out)}
    assert rows["this project"][1:] == ["1.000", "1.000", "0", "1.00", "1.00", "1.00", "1.00"]
    assert realpages.bigram_f1("比特幣價格", "比特币价格") == 1.0 and realpages.bigram_f1("", "比特币") == 0.0


def test_real_halves_split_by_id_and_fail_under_the_floors(capsys, tmp_path):
    """Half A is the ids whose SHA-1 starts with 0-7; a page lost (its answer is another
    story) fails the check, and a missing set is skipped with a message, not a failure."""
    from bench import realhalves

    (tmp_path / "site").mkdir()
    for name, place in (("d", "北方"), ("a", "南方"), ("b", "西部")):  # three stories: no page repeats another
        story = [f"央行今日公布上月{place}金融数据，新增贷款规模明显高于市场预期，居民部门贷款有所回升。",
                 f"多位分析人士表示，{place}信贷结构的改善说明实体经济的融资需求正在逐步恢复。",
                 "央行有关负责人在发布会上表示，下一阶段将继续保持流动性合理充裕，支持重点领域融资。"]
        html = ("<html><head><title>上月新增贷款高于预期</title></head><body><h1>上月新增贷款高于预期</h1>"
                "<div>2024-04-12 17:30</div><div>" + "".join(f"<p>{p}</p>" for p in story) + "</div></body></html>")
        paragraphs = ["一段完全不同的故事文字，与页面上的内容毫无关系。"] if name == "b" else story
        (tmp_path / "site" / f"{name}.html").write_text(html, "utf-8")
        answer = {"url": None, "title": "上月新增贷款高于预期", "paragraphs": paragraphs, "date": "2024-04-12",
                  "author": None}
        (tmp_path / "site" / f"{name}.json").write_text(json.dumps(answer, ensure_ascii=False), "utf-8")
    assert [realhalves.half(i) for i in "dab"] == ["A", "B", "B"]
    assert realhalves.main(["--check", "--set", str(tmp_path)]) == 1
    rows = {r[0]: r for r in table_rows(capsys.readouterr().out)}
    assert rows["A"][1:4] == ["1", "1.000", "0"] and rows["B"][1] == "2" and rows["B"][3] == "1"
    (tmp_path / "site" / "b.json").unlink()
    assert realhalves.main(["--check", "--set", str(tmp_path)]) == 0
    assert realhalves.main(["--check", "--set", str(tmp_path / "absent")]) == 0
    assert "skipped" in capsys.readouterr().out


def test_the_split_share_children_read_and_split_the_demos_articles(capsys):
    # their counts come from valgrind (minutes a run); the work each one marks runs here without
    instructions.split_child("parse")
    instructions.split_child("split")
    assert capsys.readouterr().err.split() == ["42", "41", "42", "41"]
