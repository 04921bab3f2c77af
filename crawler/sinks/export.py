"""The feeds as one CSV file per item kind, each with its kind's own columns.

    python -m crawler.sinks.export csv [FEED_DIR] [OUT_DIR] [--bom]   # default: output/ and output/csv/

Scrapy's ``-O all.csv`` takes its header from the first item, so a crawl whose first item
is a brief loses every article column. Here each kind's columns are its item's fields, in
the item's order; lists and objects are JSON text; every feed file of the kind is read,
in name order, so the CSV holds every item ever emitted into ``FEED_DIR``, each once: a
crawl with ``INCREMENTAL_ENABLED=0`` writes again what the feeds hold, and the first
copy is kept (an article is the same item when its URL and ``storyId`` are; a changed
story is a new one). ``--bom`` starts each file with a UTF-8 byte order mark, by which
Excel knows the file is UTF-8 (without it, Excel reads Chinese text as mojibake).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import fields
from pathlib import Path

from scrapy.utils.misc import load_object

from .. import defaults, feeds
from ..state.base import read_feed_items

# What makes two lines of a kind's feed the same item: what the crawl state claims them by.
IDENTITY = {"articles": ("url", "storyId"), "briefs": ("id",), "rejects": ("url", "reason")}


def to_csv(feed_dir: Path, out_dir: Path, pattern: str = feeds.glob_of(defaults.NEWS_FEED_NAME),
           duplicates: dict[str, int] | None = None, bom: bool = False) -> dict[str, int]:
    """Write ``<out_dir>/<kind>.csv`` for each kind; returns the rows written per kind, and
    counts the lines left out as copies of an earlier one in ``duplicates``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    columns = {kind: [f.name for f in fields(load_object(path))] for kind, path in feeds.KINDS.items()}
    encoding = "utf-8-sig" if bom else "utf-8"
    handles = {kind: (out_dir / f"{kind}.csv").open("w", newline="", encoding=encoding) for kind in feeds.KINDS}
    try:
        writers = {kind: csv.DictWriter(h, columns[kind], extrasaction="ignore") for kind, h in handles.items()}
        for writer in writers.values():
            writer.writeheader()
        counts = dict.fromkeys(feeds.KINDS, 0)
        seen: dict[str, set[tuple]] = {kind: set() for kind in feeds.KINDS}
        for kind, item in read_feed_items(feed_dir, pattern):
            key = tuple(item.get(name) for name in IDENTITY[kind])
            if key in seen[kind]:
                if duplicates is not None:
                    duplicates[kind] = duplicates.get(kind, 0) + 1
                continue
            seen[kind].add(key)
            writers[kind].writerow({k: _cell(v) for k, v in item.items()})
            counts[kind] += 1
    finally:
        for h in handles.values():
            h.close()
    return counts


def _cell(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m crawler.sinks.export", description=__doc__.split("\n")[0])
    parser.add_argument("format", choices=["csv"])
    parser.add_argument("feed_dir", nargs="?", default=defaults.NEWS_FEED_DIR)
    parser.add_argument("out_dir", nargs="?")
    parser.add_argument("--bom", action="store_true", help="start each file with a UTF-8 byte order mark (for Excel)")
    args = parser.parse_args(argv)
    feed_dir = Path(args.feed_dir)
    if not feed_dir.is_dir():
        print(f"no feed folder: {feed_dir}", file=sys.stderr)
        return 2
    out_dir = Path(args.out_dir) if args.out_dir else feed_dir / "csv"
    duplicates: dict[str, int] = {}
    counts = to_csv(feed_dir, out_dir, duplicates=duplicates, bom=args.bom)
    print(", ".join(f"{out_dir / kind}.csv: {n} rows" + (f" ({duplicates[kind]} duplicates left out)"
                                                        if duplicates.get(kind) else "")
                    for kind, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
