"""What ``scrapy crawl`` checks before anything is fetched: the spider's arguments and the
project's settings. A value the crawl could not use is a ``UsageError`` naming it and what
it accepts (the command exits 2 with that line), never a traceback halfway through a crawl
or a whole crawl that then fails."""
from __future__ import annotations

import difflib
import inspect
import logging
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from scrapy.exceptions import UsageError
from scrapy.settings import SETTINGS_PRIORITIES, default_settings

from . import defaults
from .text.zh import SCRIPTS

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)
# Words a boolean spider argument may be given as.
TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
# Arguments every spider takes: Scrapyd passes its job id as one.
SCHEDULER_ARGUMENTS = ("_job",)
# How alike a setting's name must be to one of ours to be taken for a misspelling of it.
NEAR = 0.9


def boolean(value: str | bool) -> bool:
    """``-a full=on`` and its kin; ValueError for a word that is neither true nor false."""
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"{value!r} is not a boolean: use one of {', '.join(TRUE_WORDS + FALSE_WORDS[:-1])}")


def did_you_mean(name: str, names) -> str:
    close = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


def check_arguments(spidercls: type[Spider], arguments: dict) -> None:
    """An argument the spider's ``__init__`` does not name is a typo (Scrapy would set it
    as an attribute nobody reads, and crawl as if it were not given)."""
    parameters = inspect.signature(spidercls.__init__).parameters.values()
    named = [p.name for p in parameters if p.name != "self" and p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    for name in arguments:
        if name not in named and name not in SCHEDULER_ARGUMENTS:
            takes = ", ".join(f"-a {n}=…" for n in named) or "no argument"
            raise UsageError(f"the {spidercls.name} spider takes no argument {name!r}{did_you_mean(name, named)}; "
                             f"it takes {takes}")


def _iso_time(value: str) -> None:
    datetime.fromisoformat(value)


def _database_url(value: str) -> None:
    from psycopg import Error, conninfo

    scheme = value.split("://", 1)[0] if "://" in value else None
    if scheme is not None and scheme not in ("postgresql", "postgres"):
        raise ValueError(value)
    try:
        conninfo.conninfo_to_dict(value)
    except Error as e:
        raise ValueError(value) from e


def _script(value: str) -> None:
    if value not in SCRIPTS:
        raise ValueError(value)


def _redis_url(value: str) -> None:
    if value.split("://", 1)[0] not in ("redis", "rediss", "unix"):
        raise ValueError(value)


def _networks(value) -> None:
    from .middlewares.addresses import allowed_networks

    allowed_networks(value)


def _ways(value: str) -> None:
    from .discovery import ways

    ways(value)


# Settings whose default says nothing of the values they take: (check, what they accept).
SPECIAL: dict[str, tuple[Callable[[Any], object], str]] = {
    "NEWS_ALLOW_PRIVATE_NETWORKS": (_networks, "a boolean, or networks as CIDRs: 10.0.0.0/8,192.168.0.0/16"),
    "DISCOVERY_WAYS": (_ways, "auto, all, or ways joined by commas: lists,sitemaps,feeds"),
    "ZH_SCRIPT": (_script, "one of " + ", ".join(SCRIPTS)),
    "DATES_NOW": (_iso_time, "an ISO 8601 time, e.g. 2026-11-28T12:00:00+08:00"),
    "DATABASE_URL": (_database_url, "a PostgreSQL URL, postgresql://user@host:5432/dbname"),
    "REDIS_URL": (_redis_url, "a Redis URL, redis://host:6379/0"),
}


def check_settings(settings: BaseSettings) -> None:
    """Each setting of the project read as the type of its default (``crawler.defaults``);
    UsageError for the first that is not."""
    for name, default in defaults.all_defaults().items():
        value = settings.get(name)
        if value is None or (value == default and type(value) is type(default)):
            continue
        if value == "" and default is None:  # -s DATES_NOW= : not set
            continue
        check: Callable[[Any], object]
        if name in SPECIAL:
            check, accepts = SPECIAL[name]
        elif isinstance(default, bool):
            check, accepts = (lambda _: settings.getbool(name)), "a boolean: 1/0, true/false"
        elif isinstance(default, int):
            check, accepts = (lambda _: settings.getint(name)), "a whole number"
        elif isinstance(default, float):
            check, accepts = (lambda _: settings.getfloat(name)), "a number"
        else:
            continue
        try:
            check(value)
        except (ValueError, TypeError):
            raise UsageError(f"setting {name}={value!r} is not valid: {name} takes {accepts}") from None


def warn_misspelled_settings(settings: BaseSettings) -> list[str]:
    """A setting given by the user (project or command line) that neither Scrapy nor this
    project knows, and that is all but the name of one of ours, is a warning naming that one:
    the misspelled switch would otherwise be silently ignored."""
    ours = list(defaults.all_defaults())
    known = set(ours) | {n for n in dir(default_settings) if n.isupper()}
    warned = []
    for name in list(settings.attributes):
        if name in known or (settings.getpriority(name) or 0) < SETTINGS_PRIORITIES["project"]:
            continue
        close = difflib.get_close_matches(name, ours, n=1, cutoff=NEAR)
        if close:
            logger.warning("Unknown setting %s ignored: did you mean %s?", name, close[0])
            warned.append(name)
    return warned
