"""The real-page development set split in two fixed halves, and floors a change must not
fall under.

    python -m bench.realhalves [--set DIR] [--json SCORE.json] [--check]

A rule is written looking at half A and kept only when it does not hurt half B: a rule
that helps only the pages it was written for is no rule. The split is fixed by each page's
id (its file stem), so everyone splits alike: half A holds the pages whose
``sha1(id).hexdigest()`` starts with 0-7, half B the rest.

The project reads each page in process, as a crawl would (``bench.extractors.our_path``),
under its ``file://`` URL and again under its real URL when the answer names it: a page is
lost when its story F1 is under 0.5 under either. Title, date and author are those of the
``file://`` reading. With ``--json``, the rows come instead from the JSON that
``score.py --json`` wrote (its crawl, and its URL-hint table for the real URLs).

Pages whose stored copy is at fault (``artifact``) are left out of every row.
``--check`` exits 1 when the whole set falls under ``FLOORS``.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from . import realpages

# A page is lost when its story F1 is under this, under either URL.
LOST_F1 = 0.5
# The level the set reached, on pages not at fault: a change that falls under it regresses on
# real pages. (text F1 mean, pages lost at most, title, date, author: shares right.)
FLOORS = {"text F1": 0.990, "lost": 0, "title": 1.00, "date": 1.00, "author": 0.95}


def half(page_id: str) -> str:
    """"A" or "B", by the first hex digit of the id's SHA-1."""
    return "A" if hashlib.sha1(page_id.encode()).hexdigest()[0] in "01234567" else "B"


@dataclass
class Row:
    """One page's scores: its story F1 under each URL it was read from, and its fields."""

    id: str
    f1: float  #: under the ``file://`` URL
    worst_f1: float  #: the lower of the ``file://`` and the real URL's readings
    title: bool
    date: bool | None  #: None: the answer has no date
    author: bool | None  #: None: the answer names no writer


def measured(folder: Path) -> list[Row]:
    """Every page not at fault, read by the project in process."""
    from .extractors import our_path

    run = our_path()

    def read(page: realpages.RealPage, url: str):
        article, _ = run(url, page.body, {})
        if article is None:
            return "", None, None, None
        return (article.articleBody or "", article.headline, article.datePublished or article.datePublishedRaw,
                article.author)

    rows = []
    for page in realpages.load(folder):
        if page.flagged:
            continue
        story, title, date, author = read(page, page.file_url)
        f1 = realpages.bigram_f1(story, page.story)
        worst = f1 if page.url == page.file_url else min(f1, realpages.bigram_f1(read(page, page.url)[0], page.story))
        rows.append(Row(page.key.split("/")[-1], f1, worst,
                        bool(title) and realpages.normalized(title) in page.title,
                        None if page.date is None else realpages.day(date) == page.date,
                        None if page.author is None
                        else bool(author) and realpages.normalized(author) == realpages.normalized(page.author)))
    return rows


def from_score_json(path: Path) -> list[Row]:
    """The rows ``score.py --json`` measured: its crawl under ``file://``, its in-process
    reading under the real URL."""
    data = json.loads(path.read_text("utf-8"))
    real = {h["key"]: h["url_f1"] for h in data.get("url_hint", [])}
    rows = []
    for page in data["pages"]:
        if page.get("artifact"):
            continue
        s = page["scores"]["project"]
        f1 = s["f1"]
        rows.append(Row(page["id"], f1, min(f1, real.get(page["key"], f1)), bool(s.get("title")),
                        s.get("date"), s.get("author")))
    return rows


def summary(rows: list[Row]) -> dict[str, float]:
    """text F1 mean, pages lost, and the share right of title, date and author."""
    def share(values: list[bool | None]) -> float:
        known = [v for v in values if v is not None]
        return sum(known) / len(known) if known else 1.0

    return {"pages": len(rows), "text F1": statistics.mean(r.f1 for r in rows) if rows else 0.0,
            "lost": sum(r.worst_f1 < LOST_F1 for r in rows), "title": share([r.title for r in rows]),
            "date": share([r.date for r in rows]), "author": share([r.author for r in rows])}


def table(rows: list[Row]) -> tuple[str, dict[str, float]]:
    """The markdown table per half and for the whole set; and the whole set's summary."""
    lines = ["| half | pages | text F1 mean | pages lost (F1 < 0.5) | title | date | author |",
             "|---|---|---|---|---|---|---|"]
    whole = summary(rows)
    for name, part in (("A", [r for r in rows if half(r.id) == "A"]), ("B", [r for r in rows if half(r.id) == "B"]),
                       ("all", rows)):
        s = summary(part)
        lines.append(f"| {name} | {s['pages']} | {s['text F1']:.3f} | {s['lost']} | {s['title']:.2f} | "
                     f"{s['date']:.2f} | {s['author']:.2f} |")
    return "\n".join(lines), whole


def under_floors(whole: dict[str, float]) -> list[str]:
    """The measures of the whole set under their floor, in words."""
    out = [f"{name} {whole[name]:.3f} < {floor}" for name, floor in FLOORS.items()
           if name != "lost" and whole[name] < floor - 1e-9]
    if whole["lost"] > FLOORS["lost"]:
        out.append(f"{whole['lost']} pages lost > {FLOORS['lost']}")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", type=Path, default=realpages.DEFAULT_SET, help="the folder of real pages")
    ap.add_argument("--json", type=Path, help="read the rows from score.py --json output instead")
    ap.add_argument("--check", action="store_true", help="exit 1 when the whole set falls under FLOORS")
    args = ap.parse_args(argv)
    if args.json is None and not args.set.is_dir():
        print(f"real-page floors skipped: no development set at {args.set}")
        return 0
    rows = from_score_json(args.json) if args.json else measured(args.set)
    text, whole = table(rows)
    print(text)
    if args.check:
        failed = under_floors(whole)
        if failed:
            print("under the real-page floors: " + "; ".join(failed))
            return 1
        print("real-page floors held: " + ", ".join(f"{k} {v}" for k, v in FLOORS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
