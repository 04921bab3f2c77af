"""`scrapy parse`, as Scrapy's own, with no crawl report and no monitors' verdict. The items
it prints are those the spider yields: what the crawl writes (briefs split out, ids set).

Scrapy's command wraps each callback in one that returns a Deferred, which Scrapy's spider
middleware manager warns is deprecated; here the wrapper is awaited in a coroutine callback
instead: the same result, no warning."""
from __future__ import annotations

from scrapy import Request
from scrapy.commands.parse import Command as ScrapyCommand
from scrapy.utils.defer import maybe_deferred_to_future

from .inspect import NotACrawl


def awaited(callback):
    """``callback`` (which returns a Deferred) as a coroutine function."""
    if hasattr(callback, "awaits"):  # wrapped already
        return callback

    async def run(response, **kwargs):
        return await maybe_deferred_to_future(callback(response, **kwargs))

    run.awaits = callback  # type: ignore[attr-defined]
    return run


class Command(NotACrawl, ScrapyCommand):
    def prepare_request(self, spider, request, opts):
        request = super().prepare_request(spider, request, opts)
        request.callback = awaited(request.callback)
        return request

    def scraped_data(self, args):
        out = super().scraped_data(args)
        for x in out:  # the next level's requests (--depth): Scrapy gave them its wrapper again
            if isinstance(x, Request) and x.callback is not None:
                x.callback = awaited(x.callback)
        return out
