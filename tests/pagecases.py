"""Page fixtures: stored raw bytes + URL/headers -> expected JSON.

Each case is a folder under ``tests/fixtures/pages/``:

- ``body.html``: the page exactly as served, bytes (never decoded text);
- ``meta.json``: ``{"url": …, "headers": {…}, "note": …}``;
- ``expected.json``: what the page classes (and the brief split) make of it, and the later
  pages of an article printed over several (``parts``).

Commands (run from the repository root)::

    python -m tests.pagecases regen [CASE …]   # rewrite expected.json (and the catalogue); review the diff
    python -m tests.pagecases save-demo        # (re)store every demo page as a fixture, then regen
"""
from __future__ import annotations

import argparse
import functools
import json
import sys
from dataclasses import asdict
from pathlib import Path

from crawler.pages import ArticlePage, FlashPage, read_page
from crawler.pages.split import emit

ROOT = Path(__file__).parent / "fixtures" / "pages"
DEMO_BASES = {"main": "http://127.0.0.1:8000", "mirror": "http://localhost:8000"}


def cases() -> list[Path]:
    return sorted(p for p in ROOT.iterdir() if (p / "body.html").exists())


def load(case: Path) -> tuple[str, bytes, dict]:
    """(URL, body bytes, headers) of a stored page."""
    meta = json.loads((case / "meta.json").read_text("utf-8"))
    return meta["url"], (case / "body.html").read_bytes(), meta.get("headers") or {}


@functools.lru_cache(maxsize=1)
def lines() -> tuple[str, ...]:
    """Every text block of every stored page, and each again after a space: a corpus on
    which a fast path must answer as the pattern it stands in front of."""
    from crawler.pages.document import Document

    texts = {b.text for case in cases() for b in Document(*load(case)).blocks}
    return tuple(sorted(texts | {"\u3000" + t for t in texts} | {" " + t for t in texts}))


def extract(case: Path) -> dict:
    """What the parser makes of a stored page."""
    return extract_page(*load(case))


def extract_page(url: str, body: bytes, headers: dict) -> dict:
    """What the parser makes of a page: plain JSON-able data. A rejected page's article and
    briefs are those it would have given."""
    page = read_page(url, body, headers)
    if isinstance(page, ArticlePage):
        problem = page.problem()
        emitted = page.emitted if problem is None else emit(page.read_item())
        return {"pageKind": "article", "problem": list(problem) if problem else None,
                "encoding": page.doc.decoded.encoding, "article": asdict(emitted.article),
                "briefs": [asdict(b) for b in emitted.briefs],
                "parts": {str(n): u for n, u in sorted(page.parts().items())}}
    out = {"pageKind": "flashes" if isinstance(page, FlashPage) else "list", "encoding": page.doc.decoded.encoding,
           "listing": asdict(page.to_listing())}
    if isinstance(page, FlashPage):  # a list of news flashes: its briefs, as the spider yields them
        out["briefs"] = [asdict(b) for b in page.emitted.briefs]
    return out


CATALOGUE = ROOT.parent / "README.md"


def catalogue() -> str:
    """tests/fixtures/README.md: every case and the note in its meta.json."""
    lines = ["# Page fixtures", "",
             "Made by `python -m tests.pagecases regen` from each case's `meta.json`: do not edit by hand.",
             "Cases named `unseen-*` are pages in designs the demo site does not use; most are modelled",
             "on real markup a generic parser got wrong, or are failures of `tests/variants` kept once fixed.", "",
             "| case | URL | what it holds |", "|---|---|---|"]
    for case in cases():
        meta = json.loads((case / "meta.json").read_text("utf-8"))
        note = meta.get("note", "").replace("|", r"\|")
        lines.append(f"| `{case.name}` | {meta['url']} | {note} |")
    return "\n".join(lines) + "\n"


def write_expected(case: Path) -> bool:
    """Rewrite expected.json; True when it changed."""
    path = case / "expected.json"
    new = json.dumps(extract(case), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    old = path.read_text("utf-8") if path.exists() else None
    path.write_text(new, "utf-8")
    return new != old


def save_demo() -> None:
    from crawler.demo.site import DemoSite

    site = DemoSite()
    for (host, path), page in site.pages.items():
        if path.startswith("/tag/"):
            continue
        name = f"demo-{host}-" + (path.strip("/").replace("/", "-").replace(".html", "") or "home")
        case = ROOT / name
        case.mkdir(parents=True, exist_ok=True)
        (case / "body.html").write_bytes(page.body)
        meta = {"url": DEMO_BASES[host] + path, "headers": {"Content-Type": page.content_type},
                "note": "a page of the bundled demo site (crawler/demo)"}
        (case / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", "utf-8")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate or store page fixtures.")
    parser.add_argument("command", choices=["regen", "save-demo"])
    parser.add_argument("cases", nargs="*", help="case folder names (default: all)")
    args = parser.parse_args(argv)
    if args.command == "save-demo":
        save_demo()
    chosen = [ROOT / c for c in args.cases] if args.cases else cases()
    changed = [c.name for c in chosen if write_expected(c)]
    CATALOGUE.write_text(catalogue(), "utf-8")
    print(f"{len(chosen)} fixtures, {len(changed)} changed" + (": " + ", ".join(changed) if changed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
