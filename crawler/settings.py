"""Scrapy settings of the project. Our own settings and their defaults live in
``crawler/defaults.py`` and are applied by the add-on below."""

BOT_NAME = "crawler"
SPIDER_MODULES = ["crawler.spiders", "crawler.demo.spider"]
NEWSPIDER_MODULE = "crawler.spiders"
ADDONS = {"crawler.addon.NewsCrawlerAddon": 0}
# `scrapy crawl` with exit codes a scheduler acts on (crawler/commands/crawl.py)
COMMANDS_MODULE = "crawler.commands"
# `scrapy check`: a page's article among its briefs (crawler/spiders/contracts.py)
SPIDER_CONTRACTS = {"crawler.spiders.contracts.ArticleContract": 10}
# Every stat is in the crawl report beside the feeds: the log ends with the verdict and a
# one-line summary, not 200 lines of stats.
STATS_DUMP = False

USER_AGENT = "crawler-zh-news/0.1 (Scrapy; a crawler of Chinese crypto news reposts)"
ROBOTSTXT_OBEY = True
TELNETCONSOLE_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

# Polite by default; on loopback the delay falls to nothing within a few responses.
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.25
AUTOTHROTTLE_MAX_DELAY = 10
AUTOTHROTTLE_TARGET_CONCURRENCY = 8.0
CONCURRENT_REQUESTS_PER_DOMAIN = 8
# Outputs of one response processed at once. Scrapy starts this many asyncio tasks for every
# response (default 100): a fifth of the CPU of a crawl (bench.crawl). Our pipelines are
# synchronous, so more than a few in flight gains nothing.
CONCURRENT_ITEMS = 8

# Public news pages need no cookies (Scrapy's advice for broad crawls, too). A hostile site
# setting 3,000 cookies of 3 KB made every later request carry a 9 MB Cookie header, and
# the cookie code's public-suffix check (tldextract) tried to download its list from the
# internet: a crawler must never reach out on its own.
COOKIES_ENABLED = False

DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2
# A request that failed for good becomes a reject (counted and logged with its URL), so giving up
# is a warning; ERROR lines stay for faults of the crawler itself (the monitors count those).
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"
# Calendar-style traps (an endless chain of "previous day" pages) end here; pagination has
# its own cap (NEWS_MAX_LIST_PAGES).
DEPTH_LIMIT = 100
# Article URLs stay far shorter; a link that grows a character per hop does not (Scrapy's
# UrlLengthMiddleware: urllength/request_ignored_count).
URLLENGTH_LIMIT = 1000
REMOTE_CONTROL_ENABLED = False  # no control port: nothing listens that the crawl does not need
