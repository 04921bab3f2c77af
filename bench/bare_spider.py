"""The baseline of bench.crawl: follows the same links as ``news`` and yields nothing.

    scrapy runspider bench/bare_spider.py -a start_urls=URL,URL -a stats_out=FILE
"""
import json
from datetime import datetime, timezone
from urllib.parse import urlsplit

import scrapy

FOLLOWED = ("/list/", "/info")


class BareSpider(scrapy.Spider):
    name = "bare"
    custom_settings = {"ADDONS": {}, "ITEM_PIPELINES": {}, "FEEDS": {}}

    def __init__(self, start_urls="", stats_out="", *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.start_urls = start_urls.split(",")
        self.allowed_domains = sorted({urlsplit(u).hostname for u in self.start_urls})
        self.stats_out = stats_out

    def parse(self, response):
        for href in response.xpath("//a/@href").getall():
            if href.startswith(FOLLOWED):
                yield response.follow(href, self.parse)

    def closed(self, reason):
        raw = self.crawler.stats.get_stats()
        # closed() runs before CoreStats sets the elapsed time: measure it the same way
        raw["elapsed_time_seconds"] = (datetime.now(timezone.utc) - raw["start_time"]).total_seconds()
        stats = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in raw.items()}
        with open(self.stats_out, "w") as f:
            json.dump(stats, f)
