"""The crawl's own signals, sent through ``crawler.signals`` as Scrapy's are: what one
component decides reaches the others as a typed value, never through a stats key. The
stats say the same things for the report and the people who read it; nothing decides
from them."""

#: The close monitors judged the crawl. Args: ``verdict`` (:class:`crawler.outcome.Verdict`).
verdict_reached = object()
#: The crawl report was written, or could not be. Args: ``path`` (str), ``error`` (why it
#: could not be, or None).
report_written = object()
#: The PostgreSQL sink loaded the feeds, or could not. Args: ``error`` (why it could not, or None).
postgres_loaded = object()
#: The brief middleware held a brief back (a repeat, or every brief when none is emitted).
#: Args: ``brief`` (:class:`crawler.items.Brief`), ``response``. The report still learns
#: where its flash was published.
brief_held_back = object()
