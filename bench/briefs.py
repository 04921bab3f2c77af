"""The brief split on pages holding briefs in every shape the farms print, in six
templates, beside story lines that look like briefs (``tests.variants.briefpages``, one
page per seed, the answer known by construction).

    python -m bench.briefs [--pages N] [--repeat R]

Reports brief precision and recall (a brief is its title and minute), how many briefs came
with the right time, story F1 over paragraphs, the story lines taken for briefs, and the
brief split's share of a page's parse cost (reading the page, then splitting it).
"""
from __future__ import annotations

import argparse
import os
import platform
from datetime import datetime

import opencc

from crawler.pages import ArticlePage, read_page
from crawler.pages.fingerprints import minute_of, text_key
from crawler.pages.memo import clear_cache
from crawler.pages.split import split_article

from .micro import best_of

T2S = opencc.OpenCC("t2s")


def key(text: str) -> str:
    return text_key(text, T2S)


def read(v) -> tuple[list[str], list[tuple[str, str]]]:
    """(story paragraphs, briefs as (title key, minute)) as the crawler reads the page."""
    page = read_page(v.url, v.body, v.headers)
    if not isinstance(page, ArticlePage):
        return [], []
    item = page.read_item()
    briefs = split_article(item, T2S)
    story = [b["text"] for b in item.blocks if b["type"] == "paragraph"]
    return story, [(key(b.headlineRaw or ""), minute_of(b.datePublishedRaw or "")) for b in briefs]


def score(pages) -> dict:
    tp = found = expected = timed = 0
    story_tp = story_found = story_expected = 0
    traps_taken = traps = 0
    for v in pages:
        story, briefs = read(v)
        gold = {(key(t), m) for t, _, m in v.truth.briefs}
        titles = {k for k, _ in gold}
        got = set(briefs)
        tp += len(got & gold)
        found += len(got)
        expected += len(gold)
        timed += sum(1 for k, m in got if k in titles and (k, m) in gold)
        want = {key(p) for p in v.truth.story}
        have = {key(p) for p in story}
        story_tp += len(want & have)
        story_found += len(have)
        story_expected += len(want)
        traps += len(v.truth.traps)
        traps_taken += sum(1 for t in v.truth.traps if key(t) not in have)
    p, r = tp / max(found, 1), tp / max(expected, 1)
    sp, sr = story_tp / max(story_found, 1), story_tp / max(story_expected, 1)
    return {"pages": len(pages), "briefs": expected, "precision": p, "recall": r,
            "timed": timed, "story_f1": 2 * sp * sr / (sp + sr) if sp + sr else 0.0,
            "traps": traps, "traps_taken": traps_taken}


def split_share(pages, repeat: int) -> dict:
    """The brief split's cost per page against reading the page (as bench.micro measures it)."""
    items = [read_page(v.url, v.body, v.headers).read_item() for v in pages]

    def split_all():
        clear_cache()  # each run weighs its briefs afresh: only repeats within the run are found again
        for item in items:
            copy = type(item)(**{k: v for k, v in item.__dict__.items() if k != "kind"})
            copy.blocks, copy.briefIds = list(item.blocks), []
            split_article(copy, T2S)

    t_parse = best_of(lambda: clear_cache() or [read_page(v.url, v.body, v.headers).read_item() for v in pages], repeat)
    t_split = best_of(split_all, repeat)
    return {"parse_us": t_parse / len(pages) * 1e6, "split_us": t_split / len(pages) * 1e6,
            "share": t_split / t_parse}


def generated(n: int) -> list:
    from tests.variants import SeededDraws
    from tests.variants.briefpages import brief_page

    return [brief_page(SeededDraws(seed)) for seed in range(n)]


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    pages = generated(args.pages)
    s, c = score(pages), split_share(pages, args.repeat)
    print(f"# bench.briefs — {datetime.now():%Y-%m-%d}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print("| pages | briefs | brief P | brief R | right time | story F1 | story lines taken for briefs "
          "| split per page | parse per page | split share |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(f"| {s['pages']} | {s['briefs']} | {s['precision']:.3f} | {s['recall']:.3f} | {s['timed']} "
          f"| {s['story_f1']:.3f} | {s['traps_taken']} of {s['traps']} | {c['split_us']:.0f} µs "
          f"| {c['parse_us']:.0f} µs | {100 * c['share']:.1f}% |")


if __name__ == "__main__":
    main()
