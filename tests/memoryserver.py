"""A loopback server whose every page attacks the crawler's memory at once.

    python -m tests.memoryserver      # prints the crawl's start URLs, serves until killed

Its home page links, all fetched together: responses whose headers never end, gzip and
deflate bombs, bodies just under ``DOWNLOAD_MAXSIZE`` of one huge text node or of a million
tags, an article printed over ``PART_PAGES`` pages of ``PART_BYTES`` each, links to
subdomains that a wildcard record points at this server (at 127.0.0.1), ``FAN_OUT`` pages
each redirecting to another site, and a few good articles. A second site on the same port
(``slow.example.test``, a start URL of its own) lists pages that drip a byte every half
second. The names resolve with ``tests.wildcarddns`` (``SETTINGS``). It answers at the byte
level (the headers must be able to go on forever), one request per connection.
"""
from __future__ import annotations

import os
import sys
import zlib
from functools import cache
from urllib.parse import urlsplit

from twisted.internet import reactor, task
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
FAN_OUT = COPIES * 625  # pages redirecting to other sites: 5,000 at the default 8 copies
SITE, SLOW_SITE = "www.example.test", "slow.example.test"
#: the crawl's settings: the names above (and every subdomain of them) resolve to 127.0.0.1
SETTINGS = ["-s", "TWISTED_DNS_RESOLVER=tests.wildcarddns.WildcardResolver"]
PORT = 0  # the server's, once listening


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


ATTACKS = {"headers": COPIES, "gzip": COPIES, "deflate": COPIES, "text": COPIES // 2, "many": COPIES // 2, "parts": 1,
           "wildcard": COPIES * 125, "fanout": FAN_OUT, "drip": COPIES}
ONLY = [a for a in os.environ.get("MEMORY_ATTACKS", "").split(",") if a]  # a subset ("none": good pages only)


def served(attack: str) -> bool:
    return not ONLY or attack in ONLY


def link(attack: str, n: int) -> str:
    if attack == "wildcard":  # a subdomain of the start host, on this port
        return f"http://evil{n:04d}.{SITE}:{PORT}/wildcard/{n:04d}.html"
    return f"/{attack}/{n}.html"


def _list(links: list[str]) -> bytes:
    """A list page of ``links``, each titled by its path (entries alike, whatever their host)."""
    return _page("<h1>記憶體攻擊</h1><ul>" + "".join(f'<li><a href="{u}">頁面{urlsplit(u).path}</a></li>'
                                                     for u in links) + "</ul>")


def home() -> bytes:
    links = [link(a, n) for a, copies in ATTACKS.items() if a != "drip" and served(a) for n in range(copies)]
    return _list(links + GOOD)


def start_urls() -> str:
    """The home page, and the slow site's list when it is served."""
    return f"http://{SITE}:{PORT}/" + (f",http://{SLOW_SITE}:{PORT}/drip/" if served("drip") else "")


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


def answer(path: str) -> tuple[str, dict[str, str], bytes | None]:
    """(status, headers, body) of a page that ends; None: no such page."""
    headers, kind = {"Content-Type": "text/html; charset=utf-8"}, path.split("/")[1]
    if kind in ("gzip", "deflate"):
        headers["Content-Encoding"] = kind
        return "200 OK", headers, bomb(kind)
    if kind in ("text", "many"):
        return "200 OK", headers, big(kind)
    if kind == "parts":
        name = path.rsplit("/", 1)[1].removesuffix(".html")
        n = int(name.split("_")[1]) if "_" in name else 1
        return "200 OK", headers, part(n) if n <= PART_PAGES else None
    if kind == "fanout":  # to a site of its own each
        headers["Location"] = f"http://elsewhere{path.split('/')[2].removesuffix('.html')}.example.org/"
        return "302 Found", headers, b""
    if path == "/drip/":
        return "200 OK", headers, _list([link("drip", n) for n in range(ATTACKS["drip"])])
    if path == "/":
        return "200 OK", headers, home()
    return "200 OK", headers, DEMO.get(MAIN, path).body if path in GOOD else None


class Attack(Protocol):
    def connectionMade(self):
        self.buffer = b""
        self.drip: task.LoopingCall | None = None

    def connectionLost(self, reason=None):
        if self.drip is not None and self.drip.running:
            self.drip.stop()

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
        if path.startswith("/drip/") and path != "/drip/":  # a byte every half second, at most two minutes
            self.transport.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000000\r\n\r\n")
            self.drip = task.LoopingCall(self.transport.write, b" ")
            self.drip.start(0.5)
            reactor.callLater(120, self.transport.loseConnection)
            return
        status, headers, body = answer(path)
        status = status if body is not None else "404 Not Found"
        body = body if body is not None else _page("not found")
        head = f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        self.transport.write(head.encode() + b"\r\n" + body)
        self.transport.loseConnection()


def main() -> None:
    for attack in ("gzip", "deflate"):  # built before the first request
        if attack in ONLY or not ONLY:
            bomb(attack)
    global PORT
    PORT = reactor.listenTCP(0, Factory.forProtocol(Attack), interface="127.0.0.1").getHost().port
    print(start_urls(), flush=True)
    reactor.run()


if __name__ == "__main__":
    sys.exit(main())
