"""What ``scrapy crawl`` checks before anything is fetched: the spider's arguments. A value
the crawl could not use is a ``UsageError`` naming it and what it accepts (the command
exits 2 with that line), never a crawl of something else."""
from __future__ import annotations

import difflib
import inspect
from typing import TYPE_CHECKING

from scrapy.exceptions import UsageError

if TYPE_CHECKING:
    from scrapy import Spider

# Words a boolean spider argument may be given as.
TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
# Arguments every spider takes: Scrapyd passes its job id as one.
SCHEDULER_ARGUMENTS = ("_job",)


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
