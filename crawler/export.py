"""The feeds as one CSV file per item kind, each with its kind's own columns.

    python -m crawler.export csv [FEED_DIR] [OUT_DIR]      # default: output/ and output/csv/

Scrapy's ``-O all.csv`` takes its header from the first item, so a crawl whose first item
is a brief loses every article column. Here each kind's columns are its item's fields, in
the item's order; lists and objects are JSON text; every feed file of the kind is read,
in name order, so the CSV holds every item ever emitted into ``FEED_DIR``.
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import fields
from pathlib import Path

from scrapy.utils.misc import load_object

from . import defaults, feeds
from .state.base import read_feed_items


def to_csv(feed_dir: Path, out_dir: Path, pattern: str = feeds.glob_of(defaults.NEWS_FEED_NAME)) -> dict[str, int]:
    """Write ``<out_dir>/<kind>.csv`` for each kind; returns the rows written per kind."""
    out_dir.mkdir(parents=True, exist_ok=True)
    columns = {kind: [f.name for f in fields(load_object(path))] for kind, path in feeds.KINDS.items()}
    handles = {kind: (out_dir / f"{kind}.csv").open("w", newline="", encoding="utf-8") for kind in feeds.KINDS}
    try:
        writers = {kind: csv.DictWriter(h, columns[kind], extrasaction="ignore") for kind, h in handles.items()}
        for writer in writers.values():
            writer.writeheader()
        counts = dict.fromkeys(feeds.KINDS, 0)
        for kind, item in read_feed_items(feed_dir, pattern):
            writers[kind].writerow({k: _cell(v) for k, v in item.items()})
            counts[kind] += 1
    finally:
        for h in handles.values():
            h.close()
    return counts


def _cell(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.export", description=__doc__.split("\n")[0])
    parser.add_argument("format", choices=["csv"])
    parser.add_argument("feed_dir", nargs="?", default=defaults.NEWS_FEED_DIR)
    parser.add_argument("out_dir", nargs="?")
    args = parser.parse_args(argv)
    feed_dir = Path(args.feed_dir)
    if not feed_dir.is_dir():
        print(f"no feed folder: {feed_dir}", file=sys.stderr)
        return 2
    out_dir = Path(args.out_dir) if args.out_dir else feed_dir / "csv"
    counts = to_csv(feed_dir, out_dir)
    print(", ".join(f"{out_dir / kind}.csv: {n} rows" for kind, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
