"""A loopback server that misbehaves in every way a crawl meets, beside a few good pages.

    python -m tests.faultserver      # prints its base URL, serves until killed
"""
from __future__ import annotations

import gzip
import os
import sys
from datetime import date, timedelta

from twisted.internet import reactor
from twisted.internet.task import deferLater
from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Site

from crawler.demo.site import MAIN, DemoSite

DEMO = DemoSite()
GOOD = {"/info/101.html": "/info/1001.html", "/info/102.html": "/info/1003.html", "/info/503.html": "/info/1005.html"}
FAULTS = ["/info/101.html", "/info/102.html", "/info/404.html", "/info/410.html", "/info/500.html",
          "/info/503.html", "/info/301.html", "/info/302.html", "/info/777.html", "/info/888.html",
          "/info/999.html", "/info/998.html", "/info/997.html", "/private/info/996.html",
          "/info/995.html", "/info/994.html", "/info/993.html", "/info/600.html", "/info/601.html",
          "/info/700.html", "/info/701.html", "/info/703.html", "/info/992.html"]
OTHER_PORT = "http://127.0.0.1:1"  # another port of the start host: nothing may be sent there
# How robots.txt behaves (FAULT_ROBOTS): normally, 503, huge, drop.
ROBOTS = os.environ.get("FAULT_ROBOTS", "")
BIG = 300_000  # bytes; the test caps downloads at 200 kB
BOMB = gzip.compress(b"\0" * 5_000_000)


def html(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>".encode()


def part_page(article: int, n: int, last: int, paragraphs: list[str]) -> bytes:
    """Page ``n`` of ``last`` of an article printed over several pages, DedeCMS style."""
    def url(k: int) -> str:
        return f"/info/{article}.html" if k == 1 else f"/info/{article}_{k}.html"

    pager = (f'<a href="{url(n - 1)}">上一頁</a>' if n > 1 else "") + "".join(
        f"<span>{k}</span>" if k == n else f'<a href="{url(k)}">{k}</a>' for k in range(1, last + 1))
    pager += f'<a href="{url(n + 1)}">下一頁</a>' if n < last else ""
    story = "".join(f"<p>{p}</p>" for p in paragraphs)
    return html(f"<h1>分頁文章{article}：以太坊擴容路線圖全解析</h1><p>Author:鏈捕手</p><p>Time:2024/3/18 9:30:00</p>"
                f'<div class="content">{story}</div><div class="pages">{pager}</div>')


# Articles printed over pages: 600 over three, 601 over two whose second page is gone.
PARTS = {
    "/info/600.html": part_page(600, 1, 3, ["第一頁的正文：以太坊的擴容路線圖從分片開始，經過多次調整，最終轉向以Rollup為中心的方案。"]),
    "/info/600_2.html": part_page(600, 2, 3, [
        "第二頁的正文：坎昆升級引入了Blob交易，為Rollup提供了更便宜的數據可用性空間，手續費大幅下降。",
        "以太坊完成坎昆升級:3月13日消息,以太坊主網已於今日完成坎昆升級,Blob交易正式上線。[2024/3/13 21:55:35]"]),
    "/info/600_3.html": part_page(600, 3, 3, ["第三頁的正文：下一步是完整的分片與無狀態客戶端，這將讓普通用戶也能運行驗證節點。"]),
    "/info/601.html": part_page(601, 1, 2, ["只有第一頁還在的文章：第二頁已經被網站刪除，但第一頁的內容仍然應該被保留下來。"]),
}


HOME = html("<h1>故障站</h1><ul>" + "".join(f'<li><a href="{p}">測試頁面{p}</a><p>摘要.</p></li>'
                                            for p in [*FAULTS, f"{OTHER_PORT}/info/1005.html"])
            + '</ul><p><a href="/list/inf_1.html">無盡列表</a> <a href="/calendar/2024-01-01.html">日曆</a>'
            + f' <a href="/list/one_1.html">自稱第一頁的列表</a> <a href="{OTHER_PORT}/info/1005.html">本機另一端口</a></p>')
# Traps of their own, crawled from their own start URLs: /secfarm/s0.html, /grow/g.html


def _robots(request, path):
    request.setHeader(b"Content-Type", b"text/plain")
    if ROBOTS == "503":
        request.setResponseCode(503)
        return b"busy"
    if ROBOTS == "huge":  # 1 MB of rules: more than a crawler need read (RFC 9309: 500 KiB)
        return b"User-agent: *\n" + b"Disallow: /nothing-here/\n" * 45_000
    if ROBOTS == "drop":  # the connection drops before an answer
        request.channel.transport.loseConnection()
        return NOT_DONE_YET
    return b"User-agent: *\nDisallow: /private/\n"


def _status(request, path):
    request.setResponseCode(int(path[6:9]))
    return html("error")


def _redirect(to):
    def handler(request, path):
        request.redirect(to(request, path).encode())
        return b""
    return handler


def _slow(request, path):  # slower than the test's DOWNLOAD_TIMEOUT
    d = deferLater(reactor, 3, lambda: None)
    d.addCallback(lambda _: (request.write(html("slow")), request.finish()))
    d.addErrback(lambda _: None)
    return NOT_DONE_YET


def _cut_short(request, path):  # promises 5000 bytes, sends 100, hangs up
    request.setHeader(b"Content-Length", b"5000")
    request.write(b"<html><body>" + b"x" * 88)
    request.channel.transport.loseConnection()
    return NOT_DONE_YET


def _chunked_big(request, path):  # over DOWNLOAD_MAXSIZE with no Content-Length (chunked)
    for _ in range(BIG // 10_000 + 1):
        request.write(("<p>" + "大" * 3_333 + "</p>").encode())
    request.finish()
    return NOT_DONE_YET


def _bomb(request, path):  # a decompression bomb: 5 kB that inflate to 5 MB
    request.setHeader(b"Content-Encoding", b"gzip")
    return BOMB


def _png(request, path):
    request.setHeader(b"Content-Type", b"image/png")
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _endless_list(request, path):  # pagination that never ends
    n = int(path[10:-5])
    return html(f'<h1>列表</h1><div class="pages"><a href="/list/inf_{n - 1}.html">上一頁</a> <span>{n}</span> '
                f'<a href="/list/inf_{n + 1}.html">{n + 1}</a> <a href="/list/inf_{n + 1}.html">下一頁</a></div>')


def _section_farm(request, path):  # every list links 40 new sections
    n = int(request.args.get(b"n", [b"0"])[0])
    links = "".join(f'<a href="/secfarm/s{n * 40 + k}.html?n={n * 40 + k}">欄目{n * 40 + k}</a> ' for k in range(1, 41))
    return html(f'<div class="nav">{links}</div><h1>欄目</h1>')


def _growing(request, path):  # a section link one character longer every hop
    return html(f'<div class="nav"><a href="{path[:-5]}x.html">更多欄目</a> <a href="/grow/a.html">首欄</a></div><h1>欄目</h1>')


def _all_first(request, path):  # every page calls itself page 1
    n = int(path[10:-5])
    return html(f'<h1>列表</h1><div class="pages"><span>1</span> <a href="/list/one_{n + 1}.html">下一頁</a></div>')


def _calendar(request, path):  # a calendar trap: always one more day back
    day = date.fromisoformat(path[10:-5]) - timedelta(days=1)
    return html(f'<h1>{path[10:-5]}</h1><p><a href="/calendar/{day}.html">前一天</a></p>')


def _body(data: bytes):
    return lambda request, path: data


ROUTES = {
    "/robots.txt": _robots,
    "/": lambda request, path: HOME,
    "/info/404.html": _status, "/info/410.html": _status, "/info/500.html": _status,
    # a redirect loop: a new URL every hop
    "/info/301.html": _redirect(lambda request, path: f"/info/301.html?hop={int(request.args.get(b'hop', [b'0'])[0]) + 1}"),
    "/info/302.html": _redirect(lambda request, path: "http://offsite.example.org/info/12.html"),
    "/info/700.html": _redirect(lambda request, path: f"{OTHER_PORT}/info/12.html"),  # to another port of this host
    "/info/701.html": _redirect(lambda request, path: "/info/702.html"),  # A -> B -> A
    "/info/702.html": _redirect(lambda request, path: "/info/701.html"),
    # a meta refresh to itself
    "/info/703.html": _body(html('<meta http-equiv="refresh" content="0;url=/info/703.html"><p>跳轉中</p>')),
    "/info/777.html": _slow,
    "/info/888.html": _cut_short,
    "/info/999.html": lambda request, path: html("<p>" + "大" * BIG + "</p>"),
    "/info/992.html": _chunked_big,
    "/info/998.html": _bomb,
    "/info/997.html": _png,
    "/private/info/996.html": lambda request, path: DEMO.get(MAIN, "/info/1007.html").body,
    "/info/995.html": lambda request, path: DEMO.get(MAIN, "/info/1028.html").body,  # declares UTF-8, is GBK
    # labels without values, no headline, no story
    "/info/994.html": _body(b"<html><body><p>Author:</p><p>Time:</p><p>Tags:</p></body></html>"),
    "/info/993.html": _body(b""),  # an empty 200
}
PREFIXES = (("/list/inf_", _endless_list), ("/secfarm/", _section_farm), ("/grow/", _growing),
            ("/list/one_", _all_first), ("/calendar/", _calendar))


def _not_found(request, path):
    request.setResponseCode(404)
    return html("not found")


class Faults(Resource):
    isLeaf = True
    hits: dict[str, int] = {}

    def render_GET(self, request):
        path = request.path.decode()
        self.hits[path] = self.hits.get(path, 0) + 1
        request.setHeader(b"Content-Type", b"text/html; charset=utf-8")
        if path == "/info/503.html" and self.hits[path] == 1:
            request.setResponseCode(503)  # fails once, then serves a good page
            return b"busy"
        if path in GOOD:
            return DEMO.get(MAIN, GOOD[path]).body
        if path in PARTS:
            return PARTS[path]
        route = ROUTES.get(path) or next((r for prefix, r in PREFIXES if path.startswith(prefix)), _not_found)
        return route(request, path)


def main() -> None:
    site = Site(Faults())
    site.log = lambda request: None
    port = reactor.listenTCP(0, site, interface="127.0.0.1")
    print(f"http://127.0.0.1:{port.getHost().port}/", flush=True)
    reactor.run()


if __name__ == "__main__":
    sys.exit(main())
