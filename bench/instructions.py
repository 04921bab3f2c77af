"""Parse-path cost in CPU instructions per page, this project against trafilatura and GNE.

    python -m bench.instructions [--pages N] [--extractors NAME,NAME]

Wall time on a shared machine swings by 2x within a session; the number of instructions
a program runs does not. Each extractor runs in its own process under valgrind's
callgrind twice, once over a warm-up only and once over the warm-up and N more pages of a
generated site; the difference divided by N is its instructions per page (imports and
start-up cancel out). Instructions are not seconds (interpreted Python does fewer per
nanosecond than lxml's C), so this complements ``bench.extractors speed``, it does not
replace it. Needs valgrind on the PATH.
"""
from __future__ import annotations

import argparse
import pickle
import re
import subprocess
import sys
import tempfile
import warnings
from pathlib import Path

from .common import env, machine

EXTRACTORS = ("this project", "trafilatura", "GNE")
WARM_UP = 5


def child(name: str, pages_file: str, pages: int) -> None:
    """Inside valgrind: the warm-up, then ``pages`` more pages through one extractor."""
    from .extractors import gne_path, our_path, trafilatura_path

    warnings.filterwarnings("ignore")
    run = {"this project": our_path, "trafilatura": trafilatura_path, "GNE": gne_path}[name]()
    site = pickle.loads(Path(pages_file).read_bytes())
    for page in site[: WARM_UP + pages]:
        run(*page)


def save_pages(path: Path, pages: int) -> None:
    """The pages, generated once outside valgrind: (url, body, headers) of article pages."""
    from crawler.demo.generate import generated_site

    from .extractors import article_pages

    site = [p[1:] for p in article_pages(generated_site(max(100, WARM_UP + pages + 10)))]
    path.write_bytes(pickle.dumps(site[: WARM_UP + pages]))


def instructions(name: str, pages_file: Path, pages: int) -> int:
    cmd = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
           "-m", "bench.instructions", "--child", name, "--pages-file", str(pages_file), "--pages", str(pages)]
    proc = subprocess.run(cmd, env=env(), capture_output=True, text=True, check=True)
    return int(re.search(r"Collected : (\d+)", proc.stderr).group(1))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--extractors", default=",".join(EXTRACTORS))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--pages-file", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child(args.child, args.pages_file, args.pages)
    names = [n for n in args.extractors.split(",") if n]
    with tempfile.TemporaryDirectory() as tmp:
        pages_file = Path(tmp) / "pages.pickle"
        save_pages(pages_file, args.pages)
        per_page = {n: (instructions(n, pages_file, args.pages) - instructions(n, pages_file, 0)) / args.pages
                    for n in names}
    print(f"# bench.instructions — {machine()}, {args.pages} article pages of a generated site, callgrind")
    print("| extractor | instructions per page | this project runs |")
    print("|---|---|---|")
    ours = per_page.get("this project")
    for name, count in per_page.items():
        ratio = "—" if name == "this project" or ours is None else f"{count / ours:.1f}× fewer"
        print(f"| {name} | {count / 1e6:.2f} M | {ratio} |")


if __name__ == "__main__":
    main()
