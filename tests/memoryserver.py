"""A loopback server whose every page attacks the crawler's memory at once.

    python -m tests.memoryserver      # prints its base URL, serves until killed

Its home page links, all fetched together: responses whose headers never end, gzip and
deflate bombs, bodies just under ``DOWNLOAD_MAXSIZE`` of one huge text node or of a million
tags, an article printed over ``PART_PAGES`` pages of ``PART_BYTES`` each, and a few good
articles. It answers at the byte level (the headers must be able to
go on forever), one request per connection.
"""
from __future__ import annotations

import os
import sys
import zlib
from functools import cache

from twisted.internet import reactor
from twisted.internet.interfaces import IPullProducer
from twisted.internet.protocol import Factory, Protocol
from zope.interface import implementer

from crawler.demo.site import MAIN, DemoSite

COPIES = int(os.environ.get("MEMORY_COPIES", 8))  # of each attack, linked from the home page
BOMB_BYTES = 256 << 20  # what each bomb inflates to: 16 times the default DOWNLOAD_MAXSIZE
BIG_BYTES = 15 * 1024 * 1024  # just under the default DOWNLOAD_MAXSIZE (16 MiB)
DEMO = DemoSite()
GOOD = ["/info/1001.html", "/info/1003.html", "/info/1005.html"]
PART_PAGES, PART_BYTES = 20, 11 * 1024 * 1024  # each page within DOWNLOAD_MAXSIZE, joined far past it


def _page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>記憶體</title></head><body>{body}</body></html>".encode()


@cache
def bomb(encoding: str) -> bytes:
    """256 MiB of zeros, compressed once (about 250 KB)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31 if encoding == "gzip" else 15)
    chunk = b"\0" * (1 << 24)
    return b"".join([*(compressor.compress(chunk) for _ in range(BOMB_BYTES >> 24)), compressor.flush()])


@cache
def big(kind: str) -> bytes:
    if kind == "text":  # one text node of 15 MB inside an article
        return _page("<h1>一個巨大的段落</h1><div class='content'><p>" + "比特幣" * (BIG_BYTES // 9) + "</p></div>")
    return _page("<h1>一百萬個段落</h1>" + "<p>幣</p>" * (BIG_BYTES // 10))  # a million tags


@cache
def _part_story() -> str:
    paragraph = "<p>" + "以太坊的擴容路線圖從分片開始，最終轉向以Rollup為中心的方案。" * 30 + "</p>"
    return paragraph * (PART_BYTES // len(paragraph.encode()))


def part(n: int) -> bytes:
    """Page ``n`` of an article printed over PART_PAGES pages (``/parts/0.html``, ``/parts/0_2.html``…)."""
    def url(k: int) -> str:
        return "/parts/0.html" if k == 1 else f"/parts/0_{k}.html"

    pager = "".join(f"<span>{k}</span>" if k == n else f'<a href="{url(k)}">{k}</a>' for k in range(1, PART_PAGES + 1))
    pager += f'<a href="{url(n + 1)}">下一頁</a>' if n < PART_PAGES else ""
    return _page(f"<h1>分成二十頁的長文</h1><p>Author:鏈捕手</p><p>Time:2024/3/18 9:30:00</p>"
                 f'<div class="content">{_part_story()}</div><div class="pages">{pager}</div>')


ATTACKS = {"headers": COPIES, "gzip": COPIES, "deflate": COPIES, "text": COPIES // 2, "many": COPIES // 2, "parts": 1}
ONLY = [a for a in os.environ.get("MEMORY_ATTACKS", "").split(",") if a]  # a subset ("none": good pages only)


def home() -> bytes:
    links = [f"/{a}/{n}.html" for a, copies in ATTACKS.items() if not ONLY or a in ONLY for n in range(copies)]
    links += GOOD
    return _page("<h1>記憶體攻擊</h1><ul>" + "".join(f'<li><a href="{u}">頁面{u}</a></li>' for u in links) + "</ul>")


@implementer(IPullProducer)
class EndlessHeaders:
    """Header lines of 1 KB, as fast as the client reads them."""

    line = b"X-Padding: " + b"a" * 1000 + b"\r\n"

    def __init__(self, transport):
        self.transport = transport

    def resumeProducing(self):
        self.transport.write(self.line * 64)

    def stopProducing(self):
        pass


class Attack(Protocol):
    def connectionMade(self):
        self.buffer = b""

    def dataReceived(self, data):
        self.buffer += data
        if b"\r\n\r\n" not in self.buffer or getattr(self, "answered", False):
            return
        self.answered = True
        path = self.buffer.split(b" ", 2)[1].decode()
        if path.startswith("/headers/"):
            self.transport.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n")
            self.transport.registerProducer(EndlessHeaders(self.transport), False)
            return
        headers, body = {"Content-Type": "text/html; charset=utf-8"}, None
        kind = path.split("/")[1]
        if kind in ("gzip", "deflate"):
            headers["Content-Encoding"], body = kind, bomb(kind)
        elif kind in ("text", "many"):
            body = big(kind)
        elif kind == "parts":
            name = path.rsplit("/", 1)[1].removesuffix(".html")
            n = int(name.split("_")[1]) if "_" in name else 1
            body = part(n) if n <= PART_PAGES else None
        elif path == "/":
            body = home()
        elif path in GOOD:
            body = DEMO.get(MAIN, path).body
        status = "200 OK" if body is not None else "404 Not Found"
        body = body if body is not None else _page("not found")
        head = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.transport.write(head.encode() + b"\r\n" + body)
        self.transport.loseConnection()


def main() -> None:
    for attack in ("gzip", "deflate"):  # built before the first request
        if attack in ONLY or not ONLY:
            bomb(attack)
    port = reactor.listenTCP(0, Factory.forProtocol(Attack), interface="127.0.0.1")
    print(f"http://127.0.0.1:{port.getHost().port}/", flush=True)
    reactor.run()


if __name__ == "__main__":
    sys.exit(main())
