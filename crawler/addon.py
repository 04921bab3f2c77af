"""The project's add-on: applies ``crawler.defaults``, enables the components, and
builds one JSON Lines feed per item kind under ``NEWS_FEED_DIR``."""
from __future__ import annotations

from typing import TYPE_CHECKING

from . import defaults, feeds
from .engine import distributed

if TYPE_CHECKING:
    from scrapy.crawler import Crawler
    from scrapy.settings import BaseSettings

PRIORITY = "addon"
DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.encoding.CharsetDetectionMiddleware": 580,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawler.middlewares.retry.BackoffRetryMiddleware": 550,  # where Scrapy's own sits
    "crawler.middlewares.origins.StartPortsMiddleware": 50,  # before RobotsTxtMiddleware (100) fetches anything
    "crawler.middlewares.origins.StartFoldersMiddleware": 55,  # file:// requests stay in the start folders
    "crawler.middlewares.addresses.PrivateAddressMiddleware": 60,  # after the offsite filter (50), before robots
    "crawler.middlewares.budgets.SiteTimeBudgetMiddleware": 70,  # before robots.txt is waited for
    "crawler.middlewares.robots.RobotsUnavailableMiddleware": 560,  # sees robots.txt failures before retries do
    # below decompression and redirects: sees robots.txt's body, and each page once
    "crawler.middlewares.discovery.DiscoveryMiddleware": 520,
    # Scrapy's own, raising a typed IgnoreRequest when they give up, each where Scrapy's sits
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.robots.FailClosedRobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.middlewares.ignores.MetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "crawler.middlewares.ignores.HttpCompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.middlewares.ignores.RedirectMiddleware": 600,
}
SPIDER_MIDDLEWARES = {
    "crawler.middlewares.briefs.BriefsMiddleware": 600,
    # between Scrapy's UrlLength (800) and Referer (700): after Depth and UrlLength have
    # dropped what they drop, and before Referer works out a header for a request that
    # repeats or a trap then stops (four in five of a crawl's requests repeat one)
    "crawler.middlewares.incremental.IncrementalMiddleware": 760,  # sees the spider's requests first
    "crawler.middlewares.repeats.RepeatedRequestsMiddleware": 740,  # then repeats stop, before the engine
    "crawler.middlewares.traps.TrapsMiddleware": 720,  # then traps, counting only requests not repeated
}
ITEM_PIPELINES = {
    # what earlier runs emitted, then de-duplication: most briefs are repeats, and dropping
    # them costs less than normalizing them
    "crawler.pipelines.incremental.IncrementalPipeline": 40,
    "crawler.pipelines.dedup.DedupPipeline": 50,
    "crawler.pipelines.zh.ZhNormalizePipeline": 100,
    "crawler.pipelines.dates.DatesPipeline": 200,
    "crawler.pipelines.validate.ValidationPipeline": 800,
    "crawler.pipelines.rejects.RejectsPipeline": 900,
}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "crawler.extensions.throttle.AutoThrottle": 0,  # where Scrapy's sits; off unless AUTOTHROTTLE_ENABLED
    "crawler.extensions.state.CrawlStateExtension": 100,
    "crawler.extensions.counts.ItemCounts": 300,  # items per kind: the monitors and the last line read them
    # Spidermon's extension, with a faster field-coverage count; its close monitors run
    # before the report is written
    "crawler.extensions.monitoring.Spidermon": 400,
    "spidermon.contrib.scrapy.extensions.Spidermon": None,  # never both: items counted twice
    "crawler.extensions.report.CrawlReport": 500,
    "crawler.extensions.postgres.PostgresSink": 600,  # off unless DATABASE_URL is set
    "crawler.extensions.gcfreeze.GcFreeze": 700,
    "crawler.extensions.loglevel.ScrapyLogLevel": 0,  # before the others log anything
}
# http(s) downloads with a bound on the response headers (NEWS_MAX_HEADER_SIZE)
DOWNLOAD_HANDLERS = {"http": "crawler.engine.handlers.BoundedHeadersDownloadHandler",
                     "https": "crawler.engine.handlers.BoundedHeadersDownloadHandler"}
# The feeds' format, with a shorter road for our dataclass items (same bytes as Scrapy's).
FEED_EXPORTERS = {"jsonlines": "crawler.feeds.exporter.JsonLinesItemExporter",
                  "jsonl": "crawler.feeds.exporter.JsonLinesItemExporter"}


class NewsCrawlerAddon:
    @classmethod
    def update_pre_crawler_settings(cls, settings: BaseSettings) -> None:
        """Before any crawler exists, so spiders see the defaults in ``from_crawler``."""
        for name, value in defaults.all_defaults().items():
            settings.set(name, value, priority=PRIORITY)

    def __init__(self, crawler: Crawler | None = None):
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler):
        return cls(crawler)

    def update_settings(self, settings: BaseSettings) -> None:
        self.update_pre_crawler_settings(settings)  # again, for crawlers built without a runner
        # a redirect loop ends as a redirect_loop reject instead of vanishing as a duplicate
        settings.set("DUPEFILTER_CLASS", "crawler.engine.dupefilter.RedirectLoopAwareDupeFilter", priority=PRIORITY)
        # a slow site holds only its own downloader places, a site being a host and its port
        settings.set("SCHEDULER_PRIORITY_QUEUE", "crawler.engine.queues.SiteFairPriorityQueue", priority=PRIORITY)
        settings.set("DOWNLOADER", "crawler.engine.downloader.SiteSlotsDownloader", priority=PRIORITY)
        # Scrapy's stats, less its deprecation shim's cost on every attribute read
        settings.set("STATS_CLASS", "crawler.engine.stats.MemoryStats", priority=PRIORITY)
        if distributed.enabled(settings):
            self._worker(settings)
        for setting, components in (("DOWNLOADER_MIDDLEWARES", DOWNLOADER_MIDDLEWARES),
                                    ("SPIDER_MIDDLEWARES", SPIDER_MIDDLEWARES),
                                    ("ITEM_PIPELINES", ITEM_PIPELINES), ("EXTENSIONS", EXTENSIONS),
                                    ("DOWNLOAD_HANDLERS", DOWNLOAD_HANDLERS),
                                    ("FEED_EXPORTERS", FEED_EXPORTERS)):
            for key, value in components.items():
                settings[setting].set(key, value, priority=PRIORITY)
        if settings.get("NEWS_FEED_DIR"):
            configured = settings.getdict("FEEDS")
            for uri, cls in feeds.uris(settings).items():  # each worker its own files: <time>-<worker>.jsonl
                configured.setdefault(uri, {"format": "jsonlines", "encoding": "utf-8", "item_classes": [cls],
                                            "store_empty": False, "overwrite": False,
                                            "uri_params": "crawler.feeds.uri_params"})
            priority = max(settings.getpriority("FEEDS") or 0, 15)
            settings.set("FEEDS", configured, priority=priority)

    def _worker(self, settings: BaseSettings) -> None:
        """One shared frontier on scrapy-redis, unless this worker resumes as a sweep."""
        name = self.crawler.spidercls.name if self.crawler else "news"
        if distributed.resuming(settings, name):
            return  # a local scheduler walks everything again; shared claims prevent doubles
        settings.set("SCHEDULER", "scrapy_redis.scheduler.Scheduler", priority=PRIORITY)
        settings.set("DUPEFILTER_CLASS", "crawler.engine.dupefilter.CountingRedisDupeFilter", priority=PRIORITY)
        settings.set("SCHEDULER_PERSIST", True, priority=PRIORITY)
