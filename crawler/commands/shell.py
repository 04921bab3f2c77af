"""`scrapy shell`, as Scrapy's own, with no crawl report and no monitors' verdict."""
from scrapy.commands.shell import Command as ScrapyCommand

from .inspect import NotACrawl


class Command(NotACrawl, ScrapyCommand):
    pass
