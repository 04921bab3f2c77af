"""Real pages nobody on this project wrote, with hand-checked answers, scored the same way
for this project, trafilatura and GNE.

A set is a folder of ``<source>/<id>.html`` pages and ``<source>/<id>.json`` answers
(``title``, ``title_alternatives``, ``paragraphs``, ``date``, ``author``, ``url`` or null,
``artifact`` when the stored page itself is at fault). The pages belong to others: they
are read where they lie, never copied into this repository.

Rules: the story is scored as character bigrams (a multiset) after NFKC, OpenCC t2s,
lower case, and removing whitespace, punctuation and symbols; the title exactly, after
the same normalization, against the answer or an accepted alternative; the date by its
calendar day; the author exactly. This project reads each page with its real URL when
the answer gives one (as a crawl would), else its ``file://`` URL.
"""
from __future__ import annotations

import json
import re
import statistics
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import opencc

from .common import REPO

# Where the set lies beside a checkout of this repository.
DEFAULT_SET = REPO.parent / "shared" / "real-world"
_T2S = opencc.OpenCC("t2s")
_DAY = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w-]+)", re.I)


@dataclass
class RealPage:
    key: str
    url: str  #: the real URL when known, else the file's
    body: bytes
    title: set[str]  #: normalized accepted titles
    story: str
    date: str | None  #: the day, YYYY-MM-DD
    author: str | None
    flagged: bool  #: the stored page is at fault (a fragment, a cut answer)
    file_url: str = ""  #: the page's ``file://`` URL: what a local crawl sees


def normalized(text: str | None) -> str:
    text = _T2S.convert(unicodedata.normalize("NFKC", text or "")).lower()
    return "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch)[0] not in "PSZC")


def day(text) -> str | None:
    m = _DAY.search(str(text or ""))
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and 1 <= d <= 31 else None


def bigram_f1(found: str, answer: str) -> float:
    def grams(s: str) -> Counter:
        s = normalized(s)
        return Counter(s[i:i + 2] for i in range(len(s) - 1)) if len(s) > 1 else Counter(s)

    f, a = grams(found), grams(answer)
    hit = sum((f & a).values())
    if not hit:
        return 0.0
    p, r = hit / sum(f.values()), hit / sum(a.values())
    return 2 * p * r / (p + r)


def load(folder: Path) -> list[RealPage]:
    pages = []
    for answer in sorted(folder.glob("*/*.json")):
        gold = json.loads(answer.read_text("utf-8"))
        html = answer.with_name(gold.get("file") or answer.stem + ".html")
        pages.append(RealPage(
            key=f"{answer.parent.name}/{answer.stem}", url=gold.get("url") or html.resolve().as_uri(),
            body=html.read_bytes(), title={normalized(t) for t in [gold["title"], *gold.get("title_alternatives", [])]},
            story="\n".join(gold["paragraphs"]), date=day(gold.get("date")), author=gold.get("author"),
            flagged=bool(gold.get("artifact")), file_url=html.resolve().as_uri()))
    return pages


def decoded(body: bytes) -> str:
    """The page as text for the peers, which take text: its <meta> charset, else UTF-8, else GB18030."""
    m = _META_CHARSET.search(body[:20000])
    names = ([m.group(1).decode("ascii", "ignore").lower()] if m else []) + ["utf-8"]
    for name in names:
        try:
            return body.decode("gb18030" if name in ("gb2312", "gbk", "x-gbk") else name)
        except (LookupError, UnicodeDecodeError):
            continue
    return body.decode("gb18030", "replace")


def extractors():
    """{name: (page -> (story, title, date, author))}, each as a user calls it."""
    import trafilatura
    from gne import GeneralNewsExtractor

    from .extractors import our_path

    ours = our_path()
    gne = GeneralNewsExtractor()

    def project(page: RealPage):
        article, _ = ours(page.url, page.body, {})
        if article is None:
            return "", None, None, None
        date = article.datePublished or article.datePublishedRaw
        return article.articleBody or "", article.headline, date, article.author

    def traf(page: RealPage):
        html = decoded(page.body)
        meta = trafilatura.extract_metadata(html)
        return (trafilatura.extract(html) or "", getattr(meta, "title", None), getattr(meta, "date", None),
                getattr(meta, "author", None))

    def gne_run(page: RealPage):
        try:
            out = gne.extract(decoded(page.body))
        except Exception:  # noqa: BLE001 (GNE raises on some pages: that is its answer)
            out = {}
        return out.get("content") or "", out.get("title"), out.get("publish_time"), out.get("author")

    return {"this project": project, "trafilatura": traf, "GNE": gne_run}


def scores(pages: list[RealPage]) -> dict[str, list[dict]]:
    """Per extractor, per page: f1, title, date (None: no answer), author (None: no answer)."""
    out: dict[str, list[dict]] = {}
    for name, run in extractors().items():
        rows = []
        for page in pages:
            story, title, date, author = run(page)
            rows.append({"key": page.key, "flagged": page.flagged, "f1": bigram_f1(story, page.story),
                         "title": normalized(title) in page.title if title else False,
                         "date": None if page.date is None else day(date) == page.date,
                         "author": None if page.author is None
                         else bool(author) and normalized(author) == normalized(page.author)})
        out[name] = rows
    return out


def _share(rows: list[dict], field: str) -> str:
    known = [r[field] for r in rows if r[field] is not None]
    return f"{sum(known) / len(known):.2f}" if known else "—"


def print_scores(folder: Path, pages: list[RealPage], table: dict[str, list[dict]], title: str) -> None:
    kept = [i for i, p in enumerate(pages) if not p.flagged]
    print(f"{title}: {len(kept)} pages of {len(pages)} in {folder.name}/ "
          f"({len(pages) - len(kept)} flagged as at fault left out)")
    print("| extractor | text F1 mean | median | pages under 0.5 | at least both others | title | date | author |")
    print("|---|---|---|---|---|---|---|---|")
    for name, rows in table.items():
        rows = [rows[i] for i in kept]
        f1 = [r["f1"] for r in rows]
        best = sum(all(r["f1"] >= table[o][i]["f1"] - 0.005 for o in table if o != name)
                   for i, r in zip(kept, rows))
        print(f"| {name} | {statistics.mean(f1):.3f} | {statistics.median(f1):.3f} | {sum(x < 0.5 for x in f1)} | "
              f"{best / len(rows):.2f} | {_share(rows, 'title')} | {_share(rows, 'date')} | {_share(rows, 'author')} |")
