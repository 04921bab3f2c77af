"""The reader's caches: a verdict found again is the verdict weighed, a long line is never
kept, and a benchmark can forget them all."""
from crawler.pages import bylines, container, entries, labels, links, memo, story
from crawler.pages.tunables import MAX_CACHED_LINE

from .pagecases import lines


def test_a_remembered_line_reads_as_the_line_weighed():
    memo.clear_cache()
    for cached in (story._line_reason, story._furniture_reason, container._reads_as_prose, bylines.in_line,
                   labels._labelled_values, entries._without_affix):
        for text in lines():
            first = cached(text)
            assert first == cached(text) == cached.__wrapped__(text), (cached.__name__, text)


def test_a_short_line_is_kept_and_a_long_one_weighed_each_time():
    seen = []

    @memo.per_short_line
    def verdict(text: str) -> int:
        seen.append(text)
        return len(text)

    short, long = "短" * MAX_CACHED_LINE, "长" * (MAX_CACHED_LINE + 1)
    assert [verdict(short), verdict(short), verdict(long), verdict(long)] == [len(short)] * 2 + [len(long)] * 2
    assert seen == [short, long, long]


def test_clearing_forgets_every_verdict():
    links.is_article_url("https://example.com/news/2024/05/01/12345.html")
    story._line_reason("责任编辑：王小明")
    memo.clear_cache()
    assert all(c.cache_info().currsize == 0 for c in memo._CACHES)
    assert len(memo._CACHES) >= 6  # is_article_url, label_kind, and the brief and story lines' verdicts


def test_labelled_values_are_a_copy_each_time():
    line = "作者：王小明 来源：某网"
    first = labels.split_labelled(line)
    first["time"] = "2024-05-01"
    assert labels.split_labelled(line) == {"author": "王小明", "source": "某网"}


def test_an_entry_read_again_reads_as_the_entry_weighed():
    """Every entry of every stored page, read twice: the second from the cache, as read."""
    from crawler.pages.document import Document

    from .pagecases import cases, load

    memo.clear_cache()
    read = 0
    for case in cases():
        first, again = (Document(*load(case)).entries for _ in range(2))
        for a, b in zip(first, again, strict=True):
            weighed = entries._summary_and_date.__wrapped__(a.headline, a.elements)
            assert (a.summary, a.date_raw) == (b.summary, b.date_raw) == weighed, (case.name, a.url)
            read += 1
    assert read > 100


def test_a_keyed_verdict_is_kept_by_its_line_and_not_its_arguments():
    seen = []

    @memo.per_short_key(lambda name, _: name)
    def verdict(name: str, element: object) -> str:
        seen.append(element)
        return name.upper()

    one, other = object(), object()
    short, long = "a" * MAX_CACHED_LINE, "b" * (MAX_CACHED_LINE + 1)
    assert [verdict(short, one), verdict(short, other), verdict(long, one), verdict(long, other)] == [
        short.upper(), short.upper(), long.upper(), long.upper()]
    assert seen == [one, one, other]  # the short line weighed once; the long one each time
    memo.clear_cache()
    assert verdict(short, other) == short.upper() and seen[-1] is other
