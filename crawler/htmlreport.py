"""The crawl report as a page a person opens: one self-contained HTML file per run, beside
its JSON report, and an index over every run of the feed folder.

Charts are drawn by matplotlib as inline SVG, with text left as text (the browser's fonts
draw the Chinese, and the numbers can be read back from the page): no script, stylesheet
or font is fetched, so the files open on a machine with no network.

    python -m crawler.htmlreport output/reports     # (re)write every run's page and the index
"""
from __future__ import annotations

import html
import io
import json
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: files only
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)

matplotlib.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False,
                            "axes.spines.right": False, "svg.hashsalt": "crawler"})
INDEX = "index.html"
TOP = 15  # bars in a chart of names (sources, hosts)
MAX_BARS = 62  # days in the publication chart; more: months
COLOURS = {"article": "#3b6ea5", "brief": "#e08a2c", "reject": "#b33a3a", "copies": "#8a8a8a"}
_STYLE = """body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222;padding:0 1em}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:.5em 0}td,th{padding:.2em .8em;border-bottom:1px solid #eee;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}.PASS{color:#2a7a2a}.FAIL{color:#b33a3a}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}.url{font-family:monospace;font-size:12px}"""
# Set once the page has laid out: how many charts drew with a size (a headless browser reads it).
_CHECK = """<script>addEventListener('load',()=>{const n=[...document.querySelectorAll('figure.chart svg')]
.filter(s=>s.getBBox().width>0).length;document.body.dataset.chartsRendered=n})</script>"""


def _svg(fig) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", bbox_inches="tight")
    plt.close(fig)
    text = out.getvalue()
    return text[text.index("<svg"):]


def _bars(title: str, counts: dict, colour: str, stacked: dict | None = None) -> str:
    """Horizontal bars, largest first; ``stacked``: a second count drawn over the first."""
    items = sorted(counts.items(), key=lambda kv: -kv[1])[:TOP][::-1]
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(items) + 0.8))
    names, values = [str(k) for k, _ in items], [v for _, v in items]
    ax.barh(names, values, color=colour)
    if stacked:
        ax.barh(names, [stacked.get(k, 0) for k, _ in items], color=COLOURS["copies"], label="copies")
        ax.legend(loc="lower right", frameon=False)
    for y, v in enumerate(values):
        ax.text(v, y, f" {v}", va="center")
    ax.set_title(title, loc="left")
    ax.xaxis.set_visible(False)
    return _svg(fig)


def _by_month(per_day: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    months: dict[str, dict[str, int]] = {}
    for kind, counts in per_day.items():
        bucket = months.setdefault(kind, {})
        for day, n in counts.items():
            bucket[day[:7]] = bucket.get(day[:7], 0) + n
    return months


def _per_day(per_day: dict[str, dict[str, int]]) -> str:
    days = sorted({d for counts in per_day.values() for d in counts})
    unit = "day"
    if len(days) > MAX_BARS:  # years of archive: a bar a month stays readable, and cheap to draw
        per_day, unit = _by_month(per_day), "month"
        days = sorted({d for counts in per_day.values() for d in counts})
    fig, ax = plt.subplots(figsize=(9, 2.8))
    width = 0.4
    for i, (kind, counts) in enumerate(sorted(per_day.items())):
        ax.bar([x + (i - 0.5) * width for x in range(len(days))], [counts.get(d, 0) for d in days], width,
               label=kind, color=COLOURS[kind.rstrip("s")])
    step = max(1, len(days) // 12)
    ax.set_xticks(range(0, len(days), step), days[::step], rotation=30, ha="right")
    ax.set_title(f"published per {unit} (items of this run with a date)", loc="left")
    ax.legend(frameon=False)
    return _svg(fig)


def _figure(svg: str, name: str) -> str:
    return f'<figure class="chart" data-chart="{name}">{svg}</figure>'


def _table(headers: list[str], rows: list[list], stat: str | None = None) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in rows)
    attr = f' data-table="{stat}"' if stat else ""
    return f"<table{attr}><tr>{head}</tr>{body}</table>"


def _cell(value) -> str:
    if isinstance(value, (int, float)):
        return f'<td class="n">{value}</td>'
    return f"<td>{value}</td>"  # already escaped or markup of ours


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body>{body}{_CHECK}</body></html>")


def run_page(report: dict, index_link: str = INDEX) -> str:
    """One run's page from its JSON report."""
    e = html.escape
    verdict = report.get("verdict") or "no verdict"
    stats = report.get("stats", {})
    items, rejects = report.get("items", {}), {k: v for k, v in report.get("rejects", {}).items() if k != "total"}
    parts = [f'<p><a href="{index_link}">all runs</a></p>',
             f'<h1>Crawl of {e(report.get("start_time") or "?")}: <span class="{e(verdict)}" data-stat="verdict">'
             f"{e(verdict)}</span></h1>"]
    failed = report.get("monitors_failed") or []
    if failed:
        parts.append("<p>Failed monitors: " + ", ".join(e(str(m)) for m in failed) + "</p>")
    parts.append(_table(["", ""], [
        ["finish reason", e(str(report.get("finish_reason")))], ["pages", report.get("pages", 0)],
        ["requests", report.get("requests", 0)], ["errors logged", report.get("errors", 0)],
        ["seconds", report.get("elapsed_seconds") or 0]], "summary"))
    parts.append("<h2>Items and rejects</h2>")
    parts.append(_table(["kind", "items"], [[e(k), v] for k, v in sorted(items.items())], "items"))
    if items:
        parts.append(_figure(_bars("items by kind", items, COLOURS["article"]), "items"))
    examples = report.get("reject_examples", {})
    parts.append(_table(["reason", "rejects", "examples"], [
        [e(r), n, "<br>".join(f'<span class="url">{e(u)}</span>' for u in examples.get(r, []))]
        for r, n in sorted(rejects.items(), key=lambda kv: -kv[1])], "rejects"))
    if rejects:
        parts.append(_figure(_bars("rejects by reason", rejects, COLOURS["reject"]), "rejects"))
    per_day = report.get("published_per_day", {})
    if any(per_day.values()):
        parts.append("<h2>Published per day</h2>" + _figure(_per_day(per_day), "per_day"))
    sources = report.get("brief_sources", {})
    if sources:
        parts.append("<h2>Briefs by source</h2>" + _figure(_bars("briefs by the outlet they name", sources,
                                                                  COLOURS["brief"]), "brief_sources"))
    network = report.get("reposts", {})
    hosts = network.get("hosts", {})
    if hosts:
        parts.append("<h2>Hosts</h2>" + _figure(_bars(
            "articles per host (grey: copies of a story seen first elsewhere or earlier)",
            {h: v["articles"] for h, v in hosts.items()}, COLOURS["article"],
            {h: v["copies"] for h, v in hosts.items()}), "hosts"))
        parts.append(_table(["host", "articles", "copies", "copied share"], [
            [e(h), v["articles"], v["copies"], f'{v["copied_share"]:.0%}'] for h, v in sorted(hosts.items())], "hosts"))
    clusters = network.get("largest_clusters", [])
    if clusters:
        parts.append("<h2>Largest repost clusters</h2>")
        parts.append(_table(["cluster", "articles", "hosts", "first copy", "first seen"], [
            [e(c["cluster"]), c["articles"], e(", ".join(c["hosts"])), f'<span class="url">{e(c["first_url"])}</span>',
             e(c.get("first_seen") or "")] for c in clusters], "clusters"))
    dates = {k: v for k, v in report.get("dates", {}).items() if "/" not in k}
    if dates:
        parts.append("<h2>Dates by status</h2>" + _figure(_bars("dates by status", dates, COLOURS["article"]), "dates"))
    parts.append(f'<p>Full counters: the JSON report, {len(stats)} stats.</p>')
    return _page(f"Crawl {report.get('start_time')}: {verdict}", "".join(parts))


def index_page(reports: list[tuple[str, dict]]) -> str:
    """Every run of a feed folder, oldest first: the trend, and a link to each run."""
    e = html.escape
    names = [n for n, _ in reports]
    parts = [f"<h1>Crawl runs ({len(reports)})</h1>"]
    if reports:
        fig, ax = plt.subplots(figsize=(9, 3))
        xs = range(len(reports))
        for kind in ("article", "brief", "reject"):
            ax.plot(xs, [r.get("items", {}).get(kind, 0) for _, r in reports], marker="o", label=f"{kind}s",
                    color=COLOURS[kind])
        for x, (_, r) in zip(xs, reports):
            if r.get("verdict") != "PASS":
                ax.axvspan(x - 0.4, x + 0.4, color=COLOURS["reject"], alpha=0.15, lw=0)
        ax.set_xticks(list(xs), [n[:16] for n in names], rotation=30, ha="right")
        ax.set_title("items per run (shaded: the verdict was not PASS)", loc="left")
        ax.legend(frameon=False)
        parts.append(_figure(_svg(fig), "trend"))
    rows = []
    for name, r in reversed(reports):
        verdict = r.get("verdict") or "no verdict"
        rows.append([f'<a href="{e(Path(name).with_suffix(".html").name)}">{e(r.get("start_time") or name)}</a>',
                     f'<span class="{e(verdict)}">{e(verdict)}</span>', r.get("pages", 0),
                     *(r.get("items", {}).get(k, 0) for k in ("article", "brief", "reject"))])
    parts.append(_table(["run", "verdict", "pages", "articles", "briefs", "rejects"], rows, "runs"))
    return _page("Crawl runs", "".join(parts))


def write(directory: Path, report_path: Path | None = None) -> None:
    """Write the page of ``report_path`` (every run's, if None) and the folder's index."""
    reports = [(p.name, json.loads(p.read_text("utf-8"))) for p in sorted(directory.glob("*.json"))]
    for name, report in reports:
        if report_path is None or name == report_path.name:
            (directory / name).with_suffix(".html").write_text(run_page(report), "utf-8")
    (directory / INDEX).write_text(index_page(reports), "utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]))
