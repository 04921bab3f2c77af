"""Everything the reader emits, over many pages, as one digest: proof that a change meant
to move code, not behaviour, changed nothing.

    python -m bench.snapshot [--generated N] [--real DIR] [--out FILE]

Each page's result (kind, article, briefs, listing, reject, as ``tests.pagecases`` stores
it for a fixture) is written as one line ``source <tab> url <tab> sha256`` of its JSON, over
every page fixture, ``N`` pages of the generated site (articles and lists), and with
``--real`` a set of real pages read where they lie. Two runs compare with ``diff``; the last
line is the digest of all of them.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import warnings
from pathlib import Path


def _digest(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def pages(generated: int, real: Path | None):
    """(source, url, body, headers) of every page snapshotted."""
    from tests import pagecases

    for case in pagecases.cases():
        yield ("fixture", *pagecases.load(case))
    if generated:
        from crawler.demo.generate import generated_site

        site = generated_site(generated)
        for (host, path), page in sorted(site.pages.items())[: generated * 2]:
            yield "generated", f"http://{host}.test{path}", page.body, {"Content-Type": page.content_type}
    if real is not None:
        from .realpages import load

        for page in load(real):
            yield "real", page.url, page.body, {}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--generated", type=int, default=1000, help="pages of the generated site (default 1000)")
    parser.add_argument("--real", type=Path, help="a set of real pages (bench/realpages.py)")
    parser.add_argument("--out", type=Path, help="write the lines here (default: standard output)")
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    from tests.pagecases import extract_page

    total = hashlib.sha256()
    lines = []
    for source, url, body, headers in pages(args.generated, args.real):
        line = f"{source}\t{url}\t{_digest(extract_page(url, body, headers))}"
        total.update(line.encode() + b"\n")
        lines.append(line)
    lines.append(f"all\t{len(lines)} pages\t{total.hexdigest()}")
    text = "\n".join(lines) + "\n"
    if args.out:
        args.out.write_text(text)
    else:
        sys.stdout.write(text)
    print(lines[-1], file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
