"""Scrapy commands of this project (``COMMANDS_MODULE``): ``crawl`` with an exit code a
scheduler can act on."""
