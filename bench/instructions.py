"""Parse-path cost in CPU instructions per page, this project against trafilatura and GNE.

    python -m bench.instructions [--pages N] [--extractors NAME,NAME] [--real DIR]
    python -m bench.instructions --breakdown [--pages N]   # this project's instructions by library
    python -m bench.instructions --split                   # the brief split's share of the parse

Wall time on a shared machine swings by 2x within a session; the number of instructions
a program runs does not. Each extractor runs in its own process under valgrind's
callgrind twice, once over a warm-up only and once over the warm-up and N more pages of a
generated site; the difference divided by N is its instructions per page (imports and
start-up cancel out). Instructions are not seconds (interpreted Python does fewer per
nanosecond than lxml's C), so this complements ``bench.extractors speed``, it does not
replace it. ``--breakdown`` counts only the measured pages (callgrind collects inside
one marked call) and splits this project's instructions by the library that ran them:
the interpreter, the regex engine, lxml/libxml2, OpenCC, the C library. Needs valgrind on
the PATH (and callgrind_annotate for the breakdown). ``--real DIR`` measures the pages of
a set of real pages (``bench/realpages.py``) instead of generated ones, in turn.
``--split`` counts, on the demo site's article pages (``bench.micro``'s), the instructions
of reading each page (``read_page(…).read_item()``) and of splitting the briefs out of what
was read (``split_article``), each collected inside its marked call after a warm-up pass.
"""
from __future__ import annotations

import argparse
import collections
import functools
import pickle
import re
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from .common import CALLGRIND, collected, env, machine

EXTRACTORS = ("this project", "trafilatura", "GNE")
WARM_UP = 5


def child(name: str, pages_file: str, pages: int) -> None:
    """Inside valgrind: the warm-up, then ``pages`` more pages through one extractor, inside
    one ``functools.reduce`` call: the mark ``--breakdown`` collects within."""
    from .extractors import gne_path, our_path, trafilatura_path

    warnings.filterwarnings("ignore")
    run = {"this project": our_path, "trafilatura": trafilatura_path, "GNE": gne_path}[name]()
    warm, site = pickle.loads(Path(pages_file).read_bytes())
    for page in site[:warm]:
        run(*page)
    functools.reduce(lambda _, page: run(*page), site[warm: warm + pages], None)


def split_child(what: str) -> None:
    """Inside valgrind: a warm-up pass, then reading (``parse``) or splitting (``split``) the
    demo's article pages inside one ``functools.reduce`` call, the mark collected within."""
    import opencc

    from crawler.pages import ArticlePage, read_page
    from crawler.pages.memo import clear_cache
    from crawler.pages.split import split_article

    from .micro import demo_articles

    t2s = opencc.OpenCC("t2s")
    pages = demo_articles()
    read = [read_page(u, b, h) for u, b, h in pages]
    items = [p.read_item() for p in read if isinstance(p, ArticlePage) and not p.problem()]

    def copies():
        out = []
        for item in items:
            copy = type(item)(**{k: v for k, v in item.__dict__.items() if k != "kind"})
            copy.blocks, copy.briefIds = list(item.blocks), []
            out.append(copy)
        return out

    for copy in copies():  # the warm-up: regexes compiled, OpenCC loaded
        split_article(copy, t2s)
    clear_cache()  # a brief weighed in the warm-up is weighed again: only the run's repeats are found
    if what == "parse":
        functools.reduce(lambda _, page: read_page(*page).read_item(), pages, None)
    else:
        functools.reduce(lambda _, copy: split_article(copy, t2s), copies(), None)
    print(len(pages), len(items), file=sys.stderr)


def split_share() -> tuple[int, int, int, int]:
    """(pages read, articles split, instructions reading them, instructions splitting them)."""
    counts = []
    for what in ("parse", "split"):
        proc = subprocess.run([*CALLGRIND, "--collect-atstart=no", "--toggle-collect=functools_reduce",
                               sys.executable, "-m", "bench.instructions", "--split-child", what],
                              env=env(), capture_output=True, text=True, check=True)
        pages, items = (int(n) for n in re.findall(r"^(\d+) (\d+)$", proc.stderr, re.M)[-1])
        counts.append(collected(proc.stderr))
    return pages, items, counts[0], counts[1]


def save_pages(path: Path, pages: int, real: Path | None = None) -> None:
    """The pages, made once outside valgrind: (url, body, headers) of article pages, of a
    generated site or, with ``real``, a set of real pages taken in turn; and how many of
    them warm up. Real pages warm up with the whole set once: each extractor's one-time
    costs (dateparser's first call, caches) are then out of the pages measured."""
    if real is not None:
        from .realpages import load

        found = [(p.url, p.body, {}) for p in load(real)]
        warm, site = len(found), [found[i % len(found)] for i in range(len(found) + pages)]
    else:
        from crawler.demo.generate import generated_site

        from .extractors import article_pages

        warm = WARM_UP
        site = [p[1:] for p in article_pages(generated_site(max(100, WARM_UP + pages + 10)))][: WARM_UP + pages]
    path.write_bytes(pickle.dumps((warm, site)))


def child_cmd(name: str, pages_file: Path, pages: int) -> list[str]:
    return [sys.executable, "-m", "bench.instructions", "--child", name, "--pages-file", str(pages_file),
            "--pages", str(pages)]


def instructions(name: str, pages_file: Path, pages: int) -> int:
    proc = subprocess.run([*CALLGRIND, *child_cmd(name, pages_file, pages)], env=env(),
                          capture_output=True, text=True, check=True)
    return collected(proc.stderr)


# What each part of a callgrind profile is, by the file of the function that ran.
_PARTS = (("regular expressions (CPython's re)", ("_sre", "sre_lib.h", "sre.c")),
          ("lxml and libxml2", ("lxml/",)), ("OpenCC", ("opencc",)), ("C library (malloc, memcpy)", ("libc.so",)),
          ("CPython: interpreter, objects, str, dict", ("Python-3", "libpython")))


def breakdown(pages_file: Path, pages: int) -> dict[str, float]:
    """This project's instructions per page by part, measured pages only."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run([*CALLGRIND, f"--callgrind-out-file={out}", "--collect-atstart=no",  # the later option wins
                        "--toggle-collect=functools_reduce", *child_cmd("this project", pages_file, pages)],
                       env=env(), capture_output=True, text=True, check=True)
        report = subprocess.run(["callgrind_annotate", "--threshold=100", str(out)],
                                capture_output=True, text=True, check=True).stdout
    parts: dict[str, float] = collections.Counter()
    for line in report.splitlines():
        m = re.match(r"\s*([\d,]+) \(\s*[\d.]+%\)\s+(.+)$", line)
        if not m or "PROGRAM TOTALS" in line:
            continue
        where = m.group(2)
        name = next((part for part, keys in _PARTS if any(k in where for k in keys)), "other (hashlib, extensions…)")
        parts[name] += int(m.group(1).replace(",", "")) / pages
    return dict(parts)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--extractors", default=",".join(EXTRACTORS))
    ap.add_argument("--breakdown", action="store_true", help="this project's instructions by library")
    ap.add_argument("--real", type=Path, help="a folder of real pages (bench/realpages.py) instead of generated ones")
    ap.add_argument("--split", action="store_true", help="the brief split's share of reading the demo's articles")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--split-child", help=argparse.SUPPRESS)
    ap.add_argument("--pages-file", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args.child, args.pages_file, args.pages)
    if args.split_child:
        return split_child(args.split_child)
    if args.split:
        pages, items, parse, split = split_share()
        print(f"# bench.instructions --split — {machine()}, the demo's {pages} article pages, callgrind")
        print("| reading the pages | splitting their briefs | split share of the parse |")
        print("|---|---|---|")
        print(f"| {parse / 1e6:.1f} M | {split / 1e6:.1f} M ({items} articles) | {split / parse:.1%} |")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        pages_file = Path(tmp) / "pages.pickle"
        save_pages(pages_file, args.pages, args.real)
        if args.breakdown:
            return print_breakdown(breakdown(pages_file, args.pages), args.pages)
        names = [n for n in args.extractors.split(",") if n]
        per_page = {n: (instructions(n, pages_file, args.pages) - instructions(n, pages_file, 0)) / args.pages
                    for n in names}
    what = f"pages of {args.real.name}/ in turn" if args.real else "article pages of a generated site"
    print(f"# bench.instructions — {machine()}, {args.pages} {what}, callgrind")
    print("| extractor | instructions per page | this project runs |")
    print("|---|---|---|")
    ours = per_page.get("this project")
    for name, count in per_page.items():
        ratio = "—" if name == "this project" or ours is None else f"{count / ours:.1f}× fewer"
        print(f"| {name} | {count / 1e6:.2f} M | {ratio} |")


def print_breakdown(parts: dict[str, float], pages: int) -> None:
    total = sum(parts.values())
    print(f"# bench.instructions --breakdown — {machine()}, {pages} article pages, this project's path, callgrind")
    print("| part | instructions per page | share |")
    print("|---|---|---|")
    for part, count in sorted(parts.items(), key=lambda kv: -kv[1]):
        print(f"| {part} | {count / 1e6:.2f} M | {count / total:.0%} |")
    print(f"| all | {total / 1e6:.2f} M | 100% |")


if __name__ == "__main__":
    main()
