"""Properties: a page holding briefs in any shape a farm prints (``tests.variants.briefpages``:
six templates, thirteen shapes, 7×24 lists, runs under their heading, briefs after the
story's end, story lines that look like briefs) reads as its model says: every brief with
its title and minute, and the story exactly, no story line taken for a brief."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from crawler.pages import ArticlePage, read_page
from crawler.pages.fingerprints import minute_of

from .variants.briefpages import brief_pages


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(brief_pages())
def test_every_brief_shape_reads_as_its_model(v):
    page = read_page(v.url, v.body, v.headers)
    assert isinstance(page, ArticlePage) and page.problem() is None, v.truth.choices
    item, briefs = page.emitted.article, page.emitted.briefs
    got = [(b.headline, b.body, minute_of(b.datePublishedRaw or "")) for b in briefs]
    assert got == v.truth.briefs, f"template {v.truth.choices}"
    story = [b["text"] for b in item.blocks]
    assert story == v.truth.story, f"template {v.truth.choices}"
