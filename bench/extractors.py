"""This project's parse path against trafilatura and GNE, on the same pages, in one process.

    python -m bench.extractors speed [--pages N]   # article pages per second, every pipeline included
    python -m bench.extractors quality [--generated N] [--real DIR]   # story-paragraph and brief P/R/F1

Quality is scored on the demo articles against the demo site's own model (crawler/demo),
on the stored fixtures of other templates against their reviewed answers, and on pages
in generated templates (tests/variants) against the model they were drawn from: which
paragraphs are story and which briefs were injected is known by construction, not by
this parser. With a set of real pages (``--real``, default ``../shared/real-world`` when it
is there), those too, by the rules in ``bench/realpages.py``.
"""
from __future__ import annotations

import argparse
import json
import time
import warnings
from pathlib import Path

import opencc

from crawler.addon import ITEM_PIPELINES
from crawler.demo.generate import generated_site
from crawler.demo.site import DemoSite
from crawler.items import Brief
from crawler.pages import ArticlePage, read_page
from crawler.pages.affixes import repeats_headline, split_headline
from crawler.pages.decode import decode_html
from crawler.pages.fingerprints import minute_of, text_key
from crawler.text import artifacts

from . import realpages
from .common import machine

T2S = opencc.OpenCC("t2s")
# The add-on's item pipelines in the order a crawl runs them.
PIPELINES = sorted(ITEM_PIPELINES, key=ITEM_PIPELINES.get)


def key(text: str | None) -> str:
    return text_key(text or "", T2S)


def our_path(clock: dict[str, float] | None = None):
    """What a crawl does with an article page, with the crawl's own components in the
    crawl's order: read_page -> item -> the brief split middleware (a brief already
    yielded is held back, as in a crawl) -> every item pipeline of the add-on.
    With ``clock``, the seconds of each step in ``STEPS`` are added up in it."""
    from scrapy.exceptions import DropItem, NotConfigured
    from scrapy.utils.misc import load_object
    from scrapy.utils.test import get_crawler

    from crawler.addon import NewsCrawlerAddon
    from crawler.middlewares.briefs import BriefsMiddleware
    from crawler.pages.split import emit
    from crawler.spiders.news import NewsSpider

    crawler = get_crawler(NewsSpider, settings_dict={"ADDONS": {NewsCrawlerAddon: 0}, "INCREMENTAL_ENABLED": False})
    crawler.stats.open_spider()
    briefs = BriefsMiddleware.from_crawler(crawler)
    pipes = []
    for path in PIPELINES:
        try:
            pipes.append((path.rsplit(".", 1)[1], load_object(path).from_crawler(crawler).process_item))
        except NotConfigured:
            pass
    clock = {} if clock is None else clock
    now = time.perf_counter

    def run(url, body, headers):
        t = now()
        page = read_page(url, body, headers)
        article = page.read_item() if isinstance(page, ArticlePage) and not page.problem() else None
        clock[STEPS[0]] = clock.get(STEPS[0], 0.0) + now() - t
        if article is None:
            return None, []
        t = now()
        # the split, with the briefs printed beside the story, as ``page.emitted`` makes it
        emitted = emit(article, beside=[parts for _, parts in page.beside.found])
        items = list(briefs.process_spider_output(None, emitted.items()))
        clock[STEPS[1]] = clock.get(STEPS[1], 0.0) + now() - t
        out = []
        for item in items:
            try:
                for name, process in pipes:
                    t = now()
                    item = process(item)
                    clock[name] = clock.get(name, 0.0) + now() - t
            except DropItem:
                clock[name] = clock.get(name, 0.0) + now() - t
                continue
            out.append(item)
        kept = article if any(i is article for i in out) else None  # a pipeline may turn it into a Reject
        return kept, [i for i in out if isinstance(i, Brief)]

    return run


# The steps of this project's path, in order, for the breakdown of its time.
STEPS = ["decoding, parsing, extraction", "brief split (a brief already yielded is held back)"] + [
    path.rsplit(".", 1)[1] for path in PIPELINES]


def trafilatura_path():
    import trafilatura

    return lambda url, body, headers: trafilatura.extract(body, url=url, include_comments=False) or ""


def gne_path():
    from gne import GeneralNewsExtractor

    extractor = GeneralNewsExtractor()

    def run(url, body, headers):
        text = decode_html(body, headers.get("Content-Type")).text
        try:
            return extractor.extract(text).get("content", "")
        except Exception:  # noqa: BLE001 (GNE raises on some real pages: that is its answer)
            return ""

    return run


def article_pages(site: DemoSite, base: str = "http://127.0.0.1:8000"):
    for spec in site.articles:
        if not spec.flaw:
            page = site.get(spec.site, spec.path)
            yield spec, base + spec.path, page.body, {"Content-Type": page.content_type}


def speed(n: int) -> None:
    warnings.filterwarnings("ignore")
    pages = [p[1:] for p in article_pages(generated_site(n))]
    paths = {"this project (extraction + every pipeline)": our_path(), "trafilatura.extract": trafilatura_path(),
             "GNE GeneralNewsExtractor().extract": gne_path()}
    for run in paths.values():  # warm up: imports, caches
        for page in pages[:5]:
            run(*page)
    rates = dict.fromkeys(paths, 0.0)
    for _ in range(3):  # rounds alternate the extractors, so drift on a noisy machine hits all; best of 3
        for name, run in paths.items():
            rates[name] = max(rates[name], len(pages) / _seconds(run, pages))
    ours = rates["this project (extraction + every pipeline)"]
    print(f"# bench.extractors speed — {machine()}, {len(pages)} article pages of a generated site")
    print("| extractor | pages/s | this project is |")
    print("|---|---|---|")
    for name, rate in rates.items():
        print(f"| {name} | {rate:.0f} | {'—' if rate == ours else f'{ours / rate:.1f}× faster'} |")
    # where this project's time goes: each step timed as the path runs, the same pages, best of 3
    spent = dict.fromkeys(STEPS, float("inf"))
    for _ in range(3):
        clock: dict[str, float] = {}
        _seconds(our_path(clock), pages)
        for name in STEPS:
            spent[name] = min(spent[name], clock.get(name, 0.0) / len(pages) * 1e6)
    total = sum(spent.values())
    print()
    print("| step of this project's path | µs per page | share |")
    print("|---|---|---|")
    for name, own in spent.items():
        print(f"| {name} | {own:.0f} | {own / total:.0%} |")


def _seconds(run, pages) -> float:
    t = time.perf_counter()
    for page in pages:
        run(*page)
    return time.perf_counter() - t


def truth(site: DemoSite, spec):
    """Story paragraphs and (title, minute) of briefs, as the demo site's model knows them."""
    # without markup (one line per <br>, or words on lines) a heading is printed as a plain line
    story = [t for kind, t in site.story(spec) if kind == "paragraph" or spec.layout != "p"]
    if spec.story != "seed" or spec.site != "main":
        story = [site.script(spec.site, t) for t in story]
    raw_title = site.title_of(spec)
    if story and repeats_headline(story[0], split_headline(raw_title), raw_title):
        story = story[1:]
    if spec.layout == "lines":
        story = ["".join(story)]
    story = [artifacts.repair(p) for p in story]  # escaped markup is not text
    briefs = {(key(site.briefs[b][0]), minute_of(site.briefs[b][2])) for b in spec.briefs}
    if spec.story == "seed" and spec.site == "main":
        briefs = {(key(t), minute_of(w)) for t, _, w in site.seed.briefs}
    return {key(p) for p in story if key(p)}, briefs


def prf(found: set, expected: set) -> tuple[float, float, float]:
    tp = len(found & expected)
    p = tp / len(found) if found else 0.0
    r = tp / len(expected) if expected else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def fixture_pages():
    """The stored fixtures of templates other than the demo's, with their reviewed answers
    (``expected.json``): (id, url, body, headers, story paragraphs, briefs)."""
    from tests.pagecases import cases

    for case in cases():
        expected = json.loads((case / "expected.json").read_text("utf-8"))
        if case.name.startswith("demo-") or expected["pageKind"] != "article" or expected["problem"]:
            continue
        meta = json.loads((case / "meta.json").read_text("utf-8"))
        story = {key(b["text"]) for b in expected["article"]["blocks"] if b["type"] == "paragraph"}
        briefs = {(key(b["headlineRaw"]), minute_of(b["datePublishedRaw"])) for b in expected["briefs"]}
        yield case.name, meta["url"], (case / "body.html").read_bytes(), meta.get("headers") or {}, story, briefs


def generated_pages(n: int):
    """``n`` article pages in templates nobody wrote (``tests.variants``), one per seed, the
    same on every run, with the answers their model gives."""
    from tests.variants import SeededDraws, article_page

    for seed in range(n):
        v = article_page(SeededDraws(seed))
        story = {key(text) for kind, text in v.truth.story if kind == "paragraph"}
        briefs = {(key(title), minute_of(when)) for title, _, when in v.truth.briefs}
        yield f"generated-{seed}", v.url, v.body, v.headers, story - {""}, briefs


def demo_pages(site: DemoSite):
    """The good demo articles with their answers from the demo site's own model."""
    for spec, url, body, headers in article_pages(site):
        yield (spec.id, url, body, headers, *truth(site, spec))


def score(pages) -> dict:
    """Story-paragraph and brief (found, expected) sets per extractor, over ``pages``."""
    ours, traf, gne = our_path(), trafilatura_path(), gne_path()
    emitted = {}  # brief id -> Brief, as a reader of the briefs feed has them
    totals = {name: {"story": [set(), set()], "briefs": [set(), set()]}
              for name in ("this project", "trafilatura", "GNE")}
    for page_id, url, body, headers, story_truth, brief_truth in pages:
        def tag(keys, page_id=page_id):
            return {(page_id, k) for k in keys}

        article, briefs = ours(url, body, headers)
        emitted.update((b.id, b) for b in briefs)  # a repeat is not emitted again: its first copy stands
        briefs = [emitted[i] for i in article.briefIds] if article else []
        our_story = {key(b["text"]) for b in article.blocks if b["type"] == "paragraph"} if article else set()
        our_briefs = {(key(b.headlineRaw), minute_of(b.datePublishedRaw)) for b in briefs}
        outputs = {"this project": (our_story, our_briefs),
                   "trafilatura": ({key(line) for line in traf(url, body, headers).splitlines()}, set()),
                   "GNE": ({key(line) for line in gne(url, body, headers).splitlines()}, set())}
        for name, (story, found_briefs) in outputs.items():
            totals[name]["story"][0] |= tag(story - {""})
            totals[name]["story"][1] |= tag(story_truth)
            totals[name]["briefs"][0] |= tag(found_briefs)
            totals[name]["briefs"][1] |= tag(brief_truth)
    return totals


def print_scores(title: str, totals: dict) -> None:
    print(title)
    print("| extractor | story P | story R | story F1 | brief P | brief R | brief F1 |")
    print("|---|---|---|---|---|---|---|")
    for name, t in totals.items():
        sp, sr, sf = prf(*t["story"])
        bp, br, bf = prf(*t["briefs"])
        briefs = f"{bp:.2f} | {br:.2f} | {bf:.2f}" if t["briefs"][0] else "— | 0.00 | 0.00"
        print(f"| {name} | {sp:.2f} | {sr:.2f} | {sf:.2f} | {briefs} |")


def quality(generated: int, real: Path | None = None) -> None:
    warnings.filterwarnings("ignore")
    site = DemoSite()
    demo = list(demo_pages(site))
    print_scores(f"# bench.extractors quality — {machine()}, the {len(demo)} good demo articles "
                 "(answers from the demo site's model)", score(demo))
    fixtures = list(fixture_pages())
    print()
    print_scores(f"# the {len(fixtures)} article fixtures of other templates (answers: their reviewed expected.json)",
                 score(fixtures))
    drawn = list(generated_pages(generated))
    print()
    print_scores(f"# {len(drawn)} article pages in generated templates (tests/variants; answers: their model)",
                 score(drawn))
    if real is not None and real.is_dir():
        pages = realpages.load(real)
        print()
        realpages.print_scores(real, pages, realpages.scores(pages), "# real pages with hand-checked answers")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=["speed", "quality"])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--generated", type=int, default=300, help="quality: pages in generated templates")
    ap.add_argument("--real", type=Path, default=realpages.DEFAULT_SET,
                    help="quality: a folder of real pages with answers (skipped when absent)")
    args = ap.parse_args(argv)
    speed(args.pages) if args.what == "speed" else quality(args.generated, args.real)


if __name__ == "__main__":
    main()
