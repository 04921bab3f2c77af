"""A loopback news site that publishes more than its lists show: a sitemap index (one plain
sitemap, one gzip Google News sitemap), an RSS feed and an Atom feed, each answering a
conditional request with 304 when unchanged. Every article is a page of its own words."""
from __future__ import annotations

import gzip
import random
from datetime import datetime, timedelta

from tests.loopback import page, send

ARTICLES = 500
NEWEST = 20  # what the home page lists
FEED_ITEMS = 30
WORDS = ("比特币", "以太坊", "交易所", "监管", "稳定币", "矿工", "链上数据", "机构", "基金", "市场", "分析师",
         "投资者", "合约", "钱包", "协议", "减半", "流动性", "清算", "期权", "托管", "借贷", "质押", "跨链",
         "央行", "数字人民币", "香港", "新加坡", "牌照", "审计", "黑客")
FIRST_DAY = datetime(2026, 6, 1, 9, 0)


def published(n: int) -> datetime:
    """Article n's time: one every eight hours from FIRST_DAY, +08:00."""
    return FIRST_DAY + timedelta(hours=8 * n)


def headline(n: int) -> str:
    return f"第{n}号快评：" + "与".join(random.Random(n).sample(WORDS, 2)) + "的新动向"


def article_page(n: int, dated: bool = True) -> bytes:
    rng = random.Random(n * 7919)
    paragraphs = ["".join(rng.choice(WORDS) + rng.choice("，的了在和是。") for _ in range(40)) + "。"
                  for _ in range(3)]
    date = f"<p class='info'>发布时间：{published(n):%Y-%m-%d %H:%M}</p>" if dated else ""
    return page(f"<h1>{headline(n)}</h1>{date}<div class='content'>"
                + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>").replace(b"<title>t</title>",
                                                                                f"<title>{headline(n)}</title>".encode())


def home_page(feeds: tuple[str, ...], newest: range = range(ARTICLES, ARTICLES - NEWEST, -1)) -> bytes:
    types = {"/feed.xml": "application/rss+xml", "/atom.xml": "application/atom+xml"}
    links = "".join(f'<link rel="alternate" type="{types.get(f, "application/rss+xml")}" href="{f}">' for f in feeds)
    return page(f"{links}<h1>最新</h1><ul>" + "".join(
        f'<li><a href="/info/{n}.html">{headline(n)}</a><p>摘要。</p></li>' for n in newest) + "</ul>")


def urlset(host: str, numbers: range, news: bool) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    entries = []
    for n in numbers:
        extra = (f"<news:news><news:publication><news:name>测试</news:name><news:language>zh</news:language>"
                 f"</news:publication><news:publication_date>{published(n).isoformat()}+08:00"
                 f"</news:publication_date><news:title>{headline(n)}</news:title></news:news>") if news else ""
        entries.append(f"<url><loc>http://{host}/info/{n}.html</loc>"
                       f"<lastmod>{published(n):%Y-%m-%d}</lastmod>{extra}</url>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
            + "".join(entries) + "</urlset>").encode()


def sitemap_index(host: str, children: list[tuple[str, datetime]]) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<sitemap><loc>http://{host}{path}</loc><lastmod>{when.isoformat()}+08:00</lastmod></sitemap>"
                      for path, when in children) + "</sitemapindex>").encode()


def rss(host: str, numbers: range) -> bytes:
    items = "".join(f"<item><title>{headline(n)}</title><link>http://{host}/info/{n}.html</link>"
                    f"<pubDate>{(published(n) - timedelta(hours=8)):%a, %d %b %Y %H:%M:%S} GMT</pubDate></item>"
                    for n in numbers)
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>测试</title>{items}</channel></rss>'.encode()


def atom(host: str, numbers: range) -> bytes:
    entries = "".join(f'<entry><title>{headline(n)}</title><link href="http://{host}/info/{n}.html"/>'
                      f"<id>urn:{n}</id><updated>{published(n).isoformat()}+08:00</updated></entry>"
                      for n in numbers)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>测试</title>'
            f"{entries}</feed>").encode()


def conditional(body: bytes, ctype: str = "application/xml", etag: bool = True):
    """A route answering 304 to a request that names its ETag (or, without one, its
    Last-Modified) and the body otherwise."""
    tag = f'"{hash(body) & 0xFFFFFFFF:x}"'
    stamp = "Mon, 30 Nov 2026 00:00:00 GMT"

    def route(handler):
        if (etag and handler.headers.get("If-None-Match") == tag) or (
                not etag and handler.headers.get("If-Modified-Since") == stamp):
            handler.send_response(304)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        send(handler, body, ctype=ctype, **({"ETag": tag} if etag else {"Last_Modified": stamp}))
    return route


def site_routes(host: str, *, robots_names_sitemap: bool = True, feeds: tuple[str, ...] = (),
                undated: range = range(0)) -> dict:
    """The whole site at ``host`` (host:port); its home page links ``feeds``. The articles
    numbered in ``undated`` print no date."""
    half = ARTICLES // 2
    routes = {f"/info/{n}.html": (lambda h, n=n: send(h, article_page(n, dated=n not in undated)))
              for n in range(1, ARTICLES + 1)}
    robots = "User-agent: *\nAllow: /\n" + (f"Sitemap: http://{host}/sitemap_index.xml\n" if robots_names_sitemap else "")
    routes["/robots.txt"] = lambda h: send(h, robots.encode(), ctype="text/plain")
    routes["/"] = lambda h: send(h, home_page(feeds))
    routes["/sitemap_index.xml"] = conditional(sitemap_index(host, [("/sitemap-1.xml", published(half)),
                                                                    ("/sitemap-2.xml.gz", published(ARTICLES))]))
    routes["/sitemap.xml"] = routes["/sitemap_index.xml"]
    routes["/sitemap-1.xml"] = conditional(urlset(host, range(1, half + 1), news=False))
    routes["/sitemap-2.xml.gz"] = conditional(gzip.compress(urlset(host, range(half + 1, ARTICLES + 1), news=True)),
                                              ctype="application/x-gzip", etag=False)
    newest = range(ARTICLES, ARTICLES - FEED_ITEMS, -1)
    routes["/feed.xml"] = conditional(rss(host, newest), ctype="application/rss+xml")
    routes["/atom.xml"] = conditional(atom(host, newest), ctype="application/atom+xml", etag=False)
    return routes
