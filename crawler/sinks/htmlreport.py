"""The crawl report as a page a person opens: one self-contained HTML file per run, beside
its JSON report, and an index over the runs of the feed folder (from ``runs.jsonl``, a
summary line appended per run).

Charts are drawn by matplotlib as inline SVG, with text left as text (the browser's fonts
draw the Chinese, and the numbers can be read back from the page): no script, stylesheet
or font is fetched, so the files open on a machine with no network.

    python -m crawler.sinks.htmlreport output/reports     # (re)write every run's page and the index
"""
from __future__ import annotations

import argparse
import html
import io
import json
import os
import sys
import warnings
from datetime import datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: files only
import matplotlib.pyplot as plt  # noqa: E402  (after the backend is chosen)
from matplotlib.ticker import MaxNLocator  # noqa: E402

from ..text.dates import CHINA_TZ  # noqa: E402

matplotlib.rcParams.update({"svg.fonttype": "none", "font.size": 9, "axes.spines.top": False,
                            "axes.spines.right": False, "svg.hashsalt": "crawler"})
INDEX = "index.html"
RUNS = "runs.jsonl"  # a summary line per run, appended: the index reads its last lines only
INDEX_RUNS = 200  # runs the index shows
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
    with warnings.catch_warnings():
        # Chinese text stays text in the SVG, drawn by the browser's fonts; matplotlib only
        # measures it, with a font that may lack its glyphs: nothing a reader should hear of
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
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
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.5 of an article
    ax.set_title(f"published per {unit} (items of this run with a date)", loc="left")
    ax.legend(frameon=False)
    return _svg(fig)


def shown_time(value: str | None) -> str:
    """A time of the report as the pages show every time: to the second, in the feeds' zone
    (+08:00, as the items' dates), whatever zone the report holds it in."""
    if not value:
        return ""
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return value
    return (when.astimezone(CHINA_TZ) if when.tzinfo else when).isoformat(sep=" ", timespec="seconds")


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
    started = shown_time(report.get("start_time")) or "?"
    parts = [f'<p><a href="{index_link}">all runs</a></p>',
             f'<h1>Crawl of {e(started)}: <span class="{e(verdict)}" data-stat="verdict">{e(verdict)}</span></h1>']
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
    parts.append(_discovery(report.get("discovery", {})))
    clusters = network.get("largest_clusters", [])
    if clusters:
        parts.append("<h2>Largest repost clusters</h2>")
        parts.append(_table(["cluster", "articles", "hosts", "first copy", "first seen"], [
            [e(c["cluster"]), c["articles"], e(", ".join(c["hosts"])), f'<span class="url">{e(c["first_url"])}</span>',
             e(shown_time(c.get("first_seen")))] for c in clusters], "clusters"))
    parts += _flash_origins(report)
    dates = {k: v for k, v in report.get("dates", {}).items() if "/" not in k}
    if dates:
        parts.append("<h2>Dates by status</h2>" + _figure(_bars("dates by status", dates, COLOURS["article"]), "dates"))
    parts.append(f'<p>Full counters: the JSON report, {len(stats)} stats.</p>')
    return _page(f"Crawl {shown_time(report.get('start_time'))}: {verdict}", "".join(parts))


def _flash_origins(report: dict) -> list[str]:
    """Per outlet whose flash page the crawl read: its flashes, how many the network
    re-injected into articles, and how late (the article's date minus the flash's)."""
    outlets = report.get("flash_origins") or {}
    if not outlets:
        return []
    e = html.escape

    def late(v: dict) -> str:
        d = v.get("delay_minutes")
        return f'{d["median"]:g} / {d["max"]:g}' if d else ""

    return ["<h2>Flashes re-injected, per outlet</h2>", _table(
        ["outlet", "flashes read", "re-injected", "injections", "minutes late (median / max)"],
        [[e(h), v["flashes"], v["reinjected"], v["injections"], late(v)] for h, v in outlets.items()],
        "flash_origins")]


def _discovery(found: dict) -> str:
    """Per site, the articles each way found and the requests each way cost."""
    sites = found.get("sites", {})
    if not sites:
        return ""
    e = html.escape
    ways = ("start", "lists", "sitemaps", "feeds")
    rows = [[e(site) + (" (capped)" if v.get("capped") else "")]
            + [v["articles"].get(w, 0) for w in ways] + [v["requests"].get(w, 0) for w in (*ways, "robots")]
            for site, v in sorted(sites.items())]
    asked = ", ".join(found.get("ways", [])) or "?"
    return (f"<h2>How articles were found</h2><p>Ways asked for: {e(asked)}. Articles emitted by the way that "
            "found their page; requests by the way that made them (a start page's own; robots.txt).</p>"
            + _table(["site", *(f"articles: {w}" for w in ways), *(f"requests: {w}" for w in (*ways, "robots"))],
                     rows, "discovery"))


def index_page(reports: list[tuple[str, dict]], total: int | None = None) -> str:
    """The runs of a feed folder, oldest first (the latest INDEX_RUNS of ``total``): the
    trend, and a link to each run."""
    e = html.escape
    total = len(reports) if total is None else total
    shown = f", the latest {len(reports)} shown (every run: {RUNS})" if total > len(reports) else ""
    parts = [f"<h1>Crawl runs ({total})</h1>" + (f"<p>{total} runs{e(shown)}.</p>" if shown else "")]
    if reports:
        fig, ax = plt.subplots(figsize=(9, 3))
        xs = range(len(reports))
        for kind in ("article", "brief", "reject"):
            ax.plot(xs, [r.get("items", {}).get(kind, 0) for _, r in reports], marker="o", label=f"{kind}s",
                    color=COLOURS[kind])
        for x, (_, r) in zip(xs, reports):
            if r.get("verdict") != "PASS":
                ax.axvspan(x - 0.4, x + 0.4, color=COLOURS["reject"], alpha=0.15, lw=0)
        step = max(1, len(reports) // 25)
        labels = [shown_time(r.get("start_time"))[:16] or n[:16] for n, r in reports]
        ax.set_xticks(list(xs)[::step], labels[::step], rotation=30, ha="right")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_title("items per run (shaded: the verdict was not PASS)", loc="left")
        ax.legend(frameon=False)
        parts.append(_figure(_svg(fig), "trend"))
    rows = []
    for name, r in reversed(reports):
        verdict = r.get("verdict") or "no verdict"
        started = shown_time(r.get("start_time")) or name
        rows.append([f'<a href="{e(Path(name).with_suffix(".html").name)}">{e(started)}</a>',
                     f'<span class="{e(verdict)}">{e(verdict)}</span>', r.get("pages", 0),
                     *(r.get("items", {}).get(k, 0) for k in ("article", "brief", "reject"))])
    parts.append(_table(["run", "verdict", "pages", "articles", "briefs", "rejects"], rows, "runs"))
    return _page("Crawl runs", "".join(parts))


def summary(name: str, report: dict, number: int) -> dict:
    """What the index shows of a run (the folder's ``number``-th): one line of ``RUNS``."""
    items = report.get("items") or {}
    return {"run": number, "report": name, "start_time": report.get("start_time"), "verdict": report.get("verdict"),
            "pages": report.get("pages", 0), "items": {k: items.get(k, 0) for k in ("article", "brief", "reject")}}


def _rebuild_runs(directory: Path, report_path: Path | None) -> None:
    """The folder's summary file anew from every run's report, read one at a time (a folder
    from before the file, or a full rewrite); the page of ``report_path`` (every run's, if
    None) on the way."""
    tmp = directory / f".{RUNS}.{os.getpid()}.tmp"  # workers sharing the folder may rebuild at once
    with tmp.open("w", encoding="utf-8") as out:
        for number, path in enumerate(sorted(directory.glob("*.json")), 1):
            report = json.loads(path.read_text("utf-8"))
            out.write(json.dumps(summary(path.name, report, number), ensure_ascii=False) + "\n")
            if report_path is None or path.name == report_path.name:
                path.with_suffix(".html").write_text(run_page(report), "utf-8")
    tmp.replace(directory / RUNS)


def latest_runs(path: Path, n: int = INDEX_RUNS) -> tuple[list[tuple[str, dict]], int]:
    """The last ``n`` runs of a summary file, oldest first, and the number of the last: read
    from its end, never whole."""
    with path.open("rb") as f:
        pos = f.seek(0, 2)
        data = b""
        while pos > 0 and data.count(b"\n") <= n:
            step = min(pos, 64 * 1024)
            pos -= step
            f.seek(pos)
            data = f.read(step) + data
    lines = data.split(b"\n")[0 if pos == 0 else 1:]  # the first may be cut where the read began
    runs = []
    for line in lines[-n - 1:]:
        try:
            item = json.loads(line)
        except ValueError:  # empty, or half written by a killed run
            continue
        runs.append((item.get("report") or "?", item))
    runs = runs[-n:]
    return runs, (runs[-1][1].get("run") or len(runs)) if runs else 0


def write(directory: Path, report_path: Path | None = None) -> None:
    """Write the page of ``report_path`` and add its run to the folder's summary file; with
    None, every run's page and the summary file anew. Then the index, from the summary
    file's last lines: its cost does not grow with the folder's history."""
    runs = directory / RUNS
    if report_path is None or not runs.exists():
        _rebuild_runs(directory, report_path)
    else:
        report = json.loads(report_path.read_text("utf-8"))
        report_path.with_suffix(".html").write_text(run_page(report), "utf-8")
        number = latest_runs(runs, 1)[1] + 1
        with runs.open("a", encoding="utf-8") as f:  # one write of one line: workers append side by side
            f.write(json.dumps(summary(report_path.name, report, number), ensure_ascii=False) + "\n")
    (directory / INDEX).write_text(index_page(*latest_runs(runs)), "utf-8")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(prog="python -m crawler.sinks.htmlreport",
                                 description="Write every run's page and the index of a reports folder.")
    ap.add_argument("reports", help="a feed folder's reports folder (output/reports)")
    args = ap.parse_args(argv)
    folder = Path(args.reports)
    if not folder.is_dir():
        ap.error(f"{folder}: no such folder")
    if not any(folder.glob("*.json")):
        ap.error(f"{folder}: no crawl report (*.json) in it")
    try:
        write(folder)
    except (OSError, ValueError) as e:
        sys.exit(f"{ap.prog}: {type(e).__name__}: {e}")
    print(f"{folder / INDEX}")


if __name__ == "__main__":
    main()
