"""`scrapy shell`, as Scrapy's own, with no crawl report and no monitors' verdict, one try per
page (a page looked at by hand is fetched once, as ``crawler.explain`` does), and a page that
gives no response said so in one line, in the words of the crawl's reject
(``connection_refused`` for a server that refuses, whether it was asked for robots.txt or
the page), instead of ``response`` left None without a word, or a traceback."""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from scrapy import Request, Spider
from scrapy.commands.shell import Command as ScrapyCommand
from scrapy.shell import Shell
from scrapy.utils.datatypes import SequenceExclude
from scrapy.utils.spider import DefaultSpider, spidercls_for_request
from scrapy.utils.url import guess_scheme
from w3lib.url import any_to_uri

from ..spiders.news import failure_reason
from .inspect import NOT_A_CRAWL, NotACrawl

if TYPE_CHECKING:
    from argparse import Namespace

    from twisted.python.failure import Failure

# with retries, the first failure is "a retry is scheduled", and the shell would stop there
NOT_RETRIED = {**NOT_A_CRAWL, "RETRY_ENABLED": False}


class PageShell(Shell):
    """Scrapy's shell, saying why a fetch gave no response."""

    def fetch(self, request_or_url, spider=None, redirect: bool = True, **kwargs) -> None:
        request = request_or_url
        if not isinstance(request, Request):  # as Scrapy's shell makes it, with an errback
            request = Request(any_to_uri(request_or_url), dont_filter=True, **kwargs)
            if redirect:
                request.meta["handle_httpstatus_list"] = SequenceExclude(range(300, 400))
            else:
                request.meta["handle_httpstatus_all"] = True
        failures: list[Failure] = []
        request.errback = failures.append
        super().fetch(request, spider)
        if self.vars.get("response") is None:
            self.failed = why_no_response(failures)
            print(f"No response from {request.url}: {self.failed}", file=sys.stderr)


def why_no_response(failures: list) -> str:
    """The crawl's reject reason for a request that failed so, and what went wrong."""
    if not failures:
        return "the request was dropped"
    return f"{failure_reason(failures[0])}: {failures[0].value}"


class Command(NotACrawl, ScrapyCommand):
    def process_options(self, args, opts) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        self.settings.setdict(NOT_RETRIED, priority="cmdline")

    def run(self, args: list[str], opts: Namespace) -> None:
        """Scrapy's own, with ``PageShell``."""
        url = guess_scheme(args[0]) if args else None
        assert self.crawler_process
        loader = self.crawler_process.spider_loader
        spidercls: type[Spider] = DefaultSpider
        if opts.spider:
            spidercls = loader.load(opts.spider)
        elif url:
            spidercls = spidercls_for_request(loader, Request(url), spidercls, log_multiple=True)
        crawler = self.crawler_process._create_crawler(spidercls)
        crawler._apply_settings()
        loop = None
        if crawler.settings.getbool("TWISTED_REACTOR_ENABLED"):
            self._init_with_reactor(crawler)
        else:
            self._init_without_reactor(crawler)
            loop = self._get_reactorless_loop()
        shell = PageShell(crawler, update_vars=self.update_vars, code=opts.code, loop=loop)
        shell.start(url=url, redirect=not opts.no_redirect)
        if getattr(shell, "failed", None) and opts.code:
            self.exitcode = 1
