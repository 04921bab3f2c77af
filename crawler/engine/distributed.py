"""Distributed crawls on scrapy-redis: ``REDIS_URL`` turns a crawl into a worker.

A worker shares one frontier (scrapy-redis Scheduler and dupefilter, persisted) and one
crawl state (``crawler.state.redis``) with the others, and writes its own feed files.
A worker whose previous run did not finish (it was killed) resumes as a *sweep*: its own
scheduler walks every list again from the start URLs, and the shared claims keep it from
emitting anything another worker already emitted. That recovers the requests a dead
worker had taken off the shared queue, which scrapy-redis cannot hand back.
"""
from __future__ import annotations

import json
import socket
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


def enabled(settings: BaseSettings) -> bool:
    return bool(settings.get("REDIS_URL"))


def worker_id(settings: BaseSettings) -> str:
    return settings.get("NEWS_WORKER_ID") or socket.gethostname()


def server(settings: BaseSettings):
    from scrapy_redis import connection

    return connection.from_settings(settings)


def resuming(settings: BaseSettings, spider_name: str) -> bool:
    """True when this worker's previous run never finished."""
    raw = server(settings).hget(f"{spider_name}:state:runs", worker_id(settings))
    return raw is not None and json.loads(raw).get("finished") is None


def taken_start_urls_key(spider_name: str) -> str:
    """Every start URL a worker took from the shared key, for a sweep to start from."""
    return f"{spider_name}:start_urls:taken"
