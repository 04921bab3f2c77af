"""Serve the demo site over HTTP on loopback.

``python -m crawler.demo.server [--port N]`` runs it on its own and prints its base URL;
``listen()`` starts it inside a running Twisted reactor (what ``scrapy crawl demo``
does). The host name picks the site: ``127.0.0.1`` is the main
site, ``localhost`` the sister site.
"""
from __future__ import annotations

import argparse
import sys
from urllib.parse import urlsplit

from twisted.web.resource import Resource
from twisted.web.server import NOT_DONE_YET, Site

from .site import HOSTNAMES, MAIN, DemoSite

NOT_FOUND = b"<!DOCTYPE html><html><head><title>404</title></head><body><h1>404 Not Found</h1></body></html>"


class DemoResource(Resource):
    isLeaf = True

    def __init__(self, site: DemoSite):
        super().__init__()
        self.site = site

    def render_GET(self, request):
        host = (request.getRequestHostname() or b"").decode("ascii", "replace")
        path = request.path.decode("ascii", "replace")
        if "://" in path:  # asked as a proxy (`GET http://127.0.0.1:8713/info/1.html`): see ``proxy_for``
            path = urlsplit(path).path or "/"
        page = self.site.get(HOSTNAMES.get(host, MAIN), path)
        if page is None:
            request.setResponseCode(404)
            request.setHeader(b"Content-Type", b"text/html; charset=utf-8")
            return NOT_FOUND
        request.setResponseCode(page.status)
        request.setHeader(b"Content-Type", page.content_type.encode("ascii"))
        if page.promised is not None:  # a transfer cut short
            request.setHeader(b"Content-Length", str(page.promised).encode("ascii"))
            request.write(page.body)
            request.channel.transport.loseConnection()
            return NOT_DONE_YET
        return page.body

    render_HEAD = render_GET


def listen(site: DemoSite | None = None, port: int = 0, reactor=None):
    """Start serving in the reactor; returns the listening port (``.getHost().port``)."""
    if reactor is None:
        from twisted.internet import reactor
    factory = Site(DemoResource(site or DemoSite()))
    factory.noisy = False
    factory.log = lambda request: None  # type: ignore[method-assign]  # no access log lines in the crawl's output
    return reactor.listenTCP(port, factory, interface="127.0.0.1")


def canonical_netlocs(port: int) -> tuple[str, ...]:
    """The demo sites' host:port pairs on a port."""
    return tuple(urlsplit(u).netloc for u in start_urls(port))


def start_urls(port: int) -> list[str]:
    """The two sites' home pages on a given port."""
    return [f"http://127.0.0.1:{port}/", f"http://localhost:{port}/"]


class ServerProcess:
    """This server in a subprocess on a free loopback port (tests, benchmarks)."""

    def __init__(self, port: int = 0, grow: int = 0, generate: int = 0, seed: int = 1, brief_pool: int | None = None):
        import subprocess

        args = ["--port", str(port), "--grow", str(grow), "--generate", str(generate), "--seed", str(seed)]
        args += ["--brief-pool", str(brief_pool)] if brief_pool else []
        self.proc = subprocess.Popen([sys.executable, "-m", "crawler.demo.server", *args],
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout is not None  # a pipe was asked for
        line = self.proc.stdout.readline().strip()
        if not line.startswith("http://"):
            self.stop()
            raise RuntimeError(f"demo server did not start: {line!r}")
        self.port = int(line.rsplit(":", 1)[1].strip("/"))

    def urls(self) -> list[str]:
        return start_urls(self.port)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--grow", type=int, default=0, help="add this many newer articles, each with a new brief")
    parser.add_argument("--generate", type=int, default=0, metavar="N",
                        help="serve a generated site of N articles instead of the demo (benchmarks)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the generated site")
    parser.add_argument("--brief-pool", type=int, default=None, metavar="N",
                        help="the generated site's pool of distinct briefs (each article carries one of them)")
    args = parser.parse_args(argv)
    from twisted.internet import reactor

    if args.generate:
        from .generate import generated_site

        site = generated_site(args.generate, args.seed, **({"brief_pool": args.brief_pool} if args.brief_pool else {}))
    else:
        site = DemoSite(grow=args.grow)
    port = listen(site, port=args.port, reactor=reactor).getHost().port
    print(f"http://127.0.0.1:{port}/", flush=True)
    sys.stdout.flush()
    reactor.run()  # type: ignore[misc]  # twisted's reactor module stands in for the instance


if __name__ == "__main__":
    main()
