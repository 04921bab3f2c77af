"""A loopback HTTP server for one test, in a thread: routes are callables of the handler,
and every request is recorded as (Host header, path)."""
from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


def send(handler: BaseHTTPRequestHandler, body: bytes, status: int = 200, ctype: str = "text/html; charset=utf-8",
         **headers: str) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", ctype)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


def page(body: str) -> bytes:
    return f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title></head><body>{body}</body></html>".encode()


class Served:
    def __init__(self, server: ThreadingHTTPServer, hits: list[tuple[str, str]]):
        self.port = server.server_address[1]
        self.hits = hits

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Served]:
    hits: list[tuple[str, str]] = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            hits.append((self.headers.get("Host", ""), self.path))
            route = routes.get(self.path.split("?")[0])
            if route is None:
                send(self, page("not found"), 404)
            else:
                route(self)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Served(server, hits)
    finally:
        server.shutdown()
        server.server_close()


def drip(handler: BaseHTTPRequestHandler, every: float = 0.5, limit: float = 120.0) -> None:
    """A page that never ends: its headers, then a byte every ``every`` seconds (at most
    ``limit`` seconds, so that no server thread outlives its test for long)."""
    import time

    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", "1000000")
    handler.end_headers()
    end = time.monotonic() + limit
    try:
        while time.monotonic() < end:
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(every)
    except OSError:
        pass  # the crawler hung up
