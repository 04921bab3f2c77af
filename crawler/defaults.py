"""Every setting this project adds, with its default. One prefix per component.

The add-on (``crawler.addon``) applies these at add-on priority, so ``settings.py``,
``custom_settings`` and ``-s NAME=VALUE`` all override them. See README, "Settings".
"""

# -- the news spider -------------------------------------------------------------------
NEWS_START_URLS: list[str] = []  # used when -a start_urls is not given (one of the two is required)
NEWS_MAX_LIST_PAGES = 50  # pagination cap per list: page numbers above it are not requested
NEWS_FOLLOW_RELATED = True  # follow the related-article lists of article pages
NEWS_MAX_ARTICLE_PAGES = 20  # an article printed over pages (1001_2.html…): pages read before it is emitted as is
# an article printed over pages: its joined story is cut at this many characters, with a
# story_too_long reject, so an item stays a feed line every sink takes (jsonb: 256 MiB)
NEWS_MAX_STORY_CHARS = 8_000_000
NEWS_FOLLOW_SECTIONS = True  # follow same-site section links (categories) of list pages
# -- crawler traps (0: off); a bite is counted under traps/<rule> and logged with its URL
NEWS_MAX_SEGMENT_REPEATS = 3  # a path segment repeated this often (/a/b/a/b/a/b/)
NEWS_MAX_SECTIONS_PER_SITE = 500  # section (category) links followed per host
NEWS_MAX_REQUESTS_PER_SITE = 200_000  # requests per host in one crawl
NEWS_SITE_TIME_BUDGET = 0.0  # seconds a site (host:port) may take from its first request (0: no budget)
NEWS_STAY_ON_START_PORTS = True  # a start host's other ports (a local service) are off-site
# a host other than a start host at a loopback/private/link-local address is never contacted,
# unless in these networks: a list of CIDRs (["10.0.0.0/8"]), or True for any address
NEWS_ALLOW_PRIVATE_NETWORKS: bool | list[str] = False
ROBOTSTXT_MAXSIZE = 500 * 1024  # a longer robots.txt is not read (RFC 9309): the site is disallowed this run
NEWS_MAX_HEADER_SIZE = 256 * 1024  # a response's headers past this: dropped, a headers_too_large reject (0: no bound)
NEWS_DEMO_PORT = 8713  # the demo site's port, part of its URLs (if taken: served on a free one behind them)

# -- discovery: how a site's articles are found (crawler.discovery); -a discover= overrides
# auto: lists, the sitemaps robots.txt names, the feeds start pages link; all: /sitemap.xml
# asked for too; or ways joined by commas: lists,sitemaps,feeds
DISCOVERY_WAYS = "auto"
DISCOVERY_MAX_SITEMAP_ENTRIES = 50_000  # entries one sitemap may hold (sitemaps.org's own limit)
DISCOVERY_MAX_FEED_ENTRIES = 1_000  # items one feed may hold (feedparser reads about 2,500 a second)
DISCOVERY_MAX_DEPTH = 3  # sitemap indexes nested below a site's first sitemap
DISCOVERY_MAX_DOCUMENTS_PER_SITE = 200  # sitemaps and feeds read per site in one crawl
DISCOVERY_MAX_ENTRIES_PER_SITE = 50_000  # pages requested per site from its sitemaps and feeds in one crawl

# -- feeds and the crawl report ---------------------------------------------------------
NEWS_FEED_DIR = "output"  # feeds go to <dir>/<kind>/<name>; empty: no per-kind feeds
NEWS_FEED_NAME = "%(time)s.jsonl"  # file name per run; Scrapy feed URI parameters apply
NEWS_FEED_LOCK_WAIT = 0.0  # seconds a crawl waits for another one to finish with NEWS_FEED_DIR (0: stop at once)
NEWS_REPORT_ENABLED = True  # write <dir>/reports/<time>.json at the close of each crawl
NEWS_REPORT_HTML = True  # and <time>.html beside it, with charts, and reports/index.html over every run

# -- downloader middleware: retries with backoff (Scrapy's RETRY_* settings apply) ------------
RETRY_BACKOFF_BASE = 1.0  # seconds before the first retry, doubled for each further one
RETRY_BACKOFF_MAX = 60.0  # the longest pause

# -- downloader middleware: encoding of undeclared pages ----------------------------------
CHARSET_DETECTION_ENABLED = True

# -- spider middleware: repeated requests stop before the engine ----------------------------
REPEATS_ENABLED = True

# -- spider middleware: splitting briefs out of stories ------------------------------------
BRIEFS_ENABLED = True

# -- pipeline: Chinese normalization ------------------------------------------------------
ZH_SCRIPT = "zh-Hans"  # zh-Hans, zh-Hant, zh-TW, zh-HK or none
ZH_REPAIR_ARTIFACTS = True  # `?` for lost spaces, zero-width characters, escaped markup
ZH_FULLWIDTH_PUNCT = False  # half-width ,:;?! between Chinese characters -> full-width

# -- pipeline: dates -----------------------------------------------------------------------
DATES_ENABLED = True
DATES_NOW = None  # ISO 8601 time to pin the clock (tests, replays); default: the crawl's start
DATES_FUTURE_TOLERANCE_HOURS = 24.0  # later than start + this: a future date, not a date
DATES_USE_DATEPARSER = True  # fall back to dateparser for forms the fast path does not know

# -- pipeline: de-duplication --------------------------------------------------------------
DEDUP_ENABLED = True

# -- incremental crawls: the crawl state (an index of the feeds) ----------------------------
INCREMENTAL_ENABLED = True  # fetch and emit only what earlier runs did not; -a full=1 fetches everything once
INCREMENTAL_KNOWN_PAGES = 1  # a list stops after this many pages in a row of only known articles
INCREMENTAL_REVISIT_HOURS = 0.0  # re-fetch known articles older than this (0: never); emitted again only if changed
STATE_PATH = None  # the SQLite state file; default <NEWS_FEED_DIR>/.state/<spider>.sqlite

# -- monitoring (Spidermon): checked when a crawl closes; the verdict goes into the report ---
SPIDERMON_ENABLED = True
SPIDERMON_SPIDER_CLOSE_MONITORS = ("crawler.extensions.monitors.CloseMonitors",)
SPIDERMON_MIN_ITEMS = 1  # items a first run must emit; a later incremental run may rightly emit none
SPIDERMON_MAX_ERRORS = 0  # ERROR log lines
SPIDERMON_MAX_RETRIES = 50
SPIDERMON_MAX_DOWNLOADER_EXCEPTIONS = 50
SPIDERMON_EXPECTED_FINISH_REASONS = ["finished"]
SPIDERMON_UNWANTED_HTTP_CODES_MAX_COUNT = 10  # 5xx, 429…: more than this is a site in trouble
SPIDERMON_ADD_FIELD_COVERAGE = True
SPIDERMON_FIELD_COVERAGE_SKIP_NONE = True  # a null field is not covered
SPIDERMON_FIELD_COVERAGE_RULES = {
    "Article/headline": 1.0, "Article/articleBody": 1.0, "Article/storyId": 1.0,
    "Brief/headline": 1.0, "Brief/body": 1.0, "Brief/datePublished": 0.9,
}

# -- distributed crawls (scrapy-redis): REDIS_URL turns a crawl into a worker ----------------
REDIS_URL = None  # e.g. redis://127.0.0.1:6379/0; None: a single-process crawl
NEWS_WORKER_ID = None  # this worker's name in feed files and claims; default: the host name
MAX_IDLE_TIME_BEFORE_CLOSE = 0  # scrapy-redis: seconds a worker waits for more start URLs (0: forever)

# -- extension: the feeds loaded into PostgreSQL (crawler.sinks.postgres) -------------------
DATABASE_URL = None  # e.g. postgresql://postgres@127.0.0.1:5432/news; None: no database

# -- pipeline: validation against the feeds' JSON Schemas ------------------------------------
VALIDATION_ENABLED = True

# -- extension: the objects a crawl starts with left out of the garbage collector's passes ---
GC_FREEZE_ENABLED = True

# -- extension: Scrapy's `scrapy` logger at LOG_LEVEL, not DEBUG (no record built to be dropped)
LOG_LEVEL_AT_SCRAPY_LOGGER = True


def all_defaults() -> dict:
    return {k: v for k, v in globals().items() if k.isupper()}
