"""A benchmark-only extension: the crawl process's CPU seconds between its first and its
last response, in the stats (``bench/cpu_first``, ``bench/cpu_last``).

Wall time on a shared 2-core machine swings with the neighbours; the CPU a crawl spends
per page is what its pipelines add. Enabled by bench.common for every crawl it compares.
"""
import resource

from scrapy import signals


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class CpuClock:
    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        ext = cls(crawler.stats)
        crawler.signals.connect(ext.response_received, signal=signals.response_received)
        return ext

    def response_received(self, response, request, spider=None):
        now = _cpu()
        if self.stats.get_value("bench/cpu_first") is None:
            self.stats.set_value("bench/cpu_first", now)
        self.stats.set_value("bench/cpu_last", now)
