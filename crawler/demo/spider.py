"""The ``demo`` spider: the ``news`` spider over the bundled demo site, served on loopback
for the crawl (``crawler.demo``). It runs only when asked for by name, and only into a feed
folder that holds nothing but the demo's own items."""
from __future__ import annotations

import json
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import UsageError

from .. import feeds
from ..spiders.news import NewsSpider, check_full
from .server import canonical_netlocs

if TYPE_CHECKING:
    from scrapy.http import Response
    from scrapy.settings import BaseSettings


class DemoSpider(NewsSpider):
    name = "demo"
    # requests for the demo's own host:port go through its server when that port was taken
    custom_settings = {"DOWNLOADER_MIDDLEWARES": {"crawler.demo.proxy.DemoProxyMiddleware": 740}}
    #: the demo server as an HTTP proxy, when its own port was taken
    demo_proxy: str | None = None

    def __init__(self, full: str | bool = False, *args, **kwargs):
        super().__init__(None, full, *args, **kwargs)

    @classmethod
    def check_arguments(cls, settings: BaseSettings, arguments: dict) -> None:
        check_full(arguments)
        folder = feeds.feed_dir(settings)
        other = _another_sites_item(folder, canonical_netlocs(settings.getint("NEWS_DEMO_PORT"))) if folder else None
        if other:
            raise UsageError(f"{folder}/ holds another site's items ({other}): the demo writes only into a folder "
                             f"of its own, e.g. -s NEWS_FEED_DIR=demo-output")

    def default_start_urls(self) -> list[str]:
        """Serve the bundled demo site on loopback for this crawl, at its own port so its
        URLs (and what later runs know of them) stay the same; when that port is taken, on a
        free one behind the same URLs (``DemoProxyMiddleware``)."""
        from twisted.internet.error import CannotListenError

        from . import server

        wanted = self.crawler.settings.getint("NEWS_DEMO_PORT")
        try:
            port = server.listen(port=wanted)
        except CannotListenError:
            port = server.listen()
            self.demo_proxy = f"http://127.0.0.1:{port.getHost().port}"
            self.logger.warning("Port %d is taken: the demo site is served on port %d, its pages still "
                                "known by their URLs on port %d", wanted, port.getHost().port, wanted)

        def stop_serving() -> None:
            port.stopListening()

        self.crawler.signals.connect(stop_serving, signal=scrapy.signals.spider_closed, weak=False)
        urls = server.start_urls(wanted)
        self.logger.info("Crawling the bundled demo site at %s", ", ".join(urls))
        return urls

    def parse(self, response: Response):
        """``scrapy check demo`` runs these contracts on the demo site:

        @url http://127.0.0.1:8713/info/1001.html
        @returns items 6 6
        @returns requests 6
        @article url headline headlineRaw headlineTag blocks articleBody tags related briefIds storyId
        """
        return super().parse(response)


def _another_sites_item(folder, netlocs: tuple[str, ...]) -> str | None:
    """The URL of an item of another site in the folder's feeds, else None. Each run writes
    files of its own, so the first line of each file tells whose run it was."""
    for kind, path in feeds.files(folder, "*"):
        with path.open("rb") as f:
            line = f.readline()
        try:
            item = json.loads(line)
        except ValueError:
            continue  # empty, or a half-written line: the state cuts it
        url = item.get("firstSeenIn") if kind == "briefs" else item.get("url")
        if url and urlsplit(url).netloc not in netlocs:
            return url
    return None
