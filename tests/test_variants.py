"""Properties: a page in any template ``tests/variants`` can draw reads exactly as its
model says. An article: headline, author, date, every story block in order, every brief,
the tags, the category, the related links. A list page: every entry, the page's number,
the next page and every later page the pager prints, and no pager link taken for an
article. And one story on two sites, in two templates (one maybe printed a clause per
line), gets one story id. Run with ``--hypothesis-show-statistics`` for the spread; a
failure prints the template's choices and the field that differs."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from crawler.pages import ArticlePage, ListPage, read_page

from .variants import Variant, article_pages, list_pages, reposts

SETTINGS = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def article_reading(v: Variant) -> dict:
    page = read_page(v.url, v.body, v.headers)
    assert isinstance(page, ArticlePage), f"read as a list page: {v.truth.choices}"
    assert page.problem() is None, f"{page.problem()}: {v.truth.choices}"
    item, briefs = page.emitted.article, page.emitted.briefs
    return {
        "headline": item.headline, "headlineTag": item.headlineTag, "author": item.author,
        "datePublishedRaw": item.datePublishedRaw, "story": [(b["type"], b["text"]) for b in item.blocks],
        "briefs": [(b.headline, b.body, b.datePublishedRaw) for b in briefs], "tags": item.tags,
        "category": item.category, "related": {r["url"] for r in item.related}, "parts": page.parts(),
    }


@SETTINGS
@given(article_pages())
def test_every_article_template_reads_as_its_model(v):
    got, t = article_reading(v), v.truth
    expected = {"headline": t.headline, "author": t.author, "datePublishedRaw": t.date_raw, "story": t.story,
                "briefs": t.briefs, "tags": t.tags, "category": t.category, "parts": t.parts}
    if t.headline_tag is not None:
        expected["headlineTag"] = t.headline_tag
    for name, want in expected.items():
        assert got[name] == want, f"{name}: got {got[name]!r}, want {want!r}; template {t.choices}"
    missing = set(t.related) - got["related"]
    assert not missing, f"related links lost: {sorted(missing)}; template {t.choices}"


@SETTINGS
@given(list_pages())
def test_every_list_template_gives_its_entries_and_pages(v):
    t = v.truth
    page = read_page(v.url, v.body, v.headers)
    assert isinstance(page, ListPage), f"read as an article: {t.choices}"
    listing = page.to_listing()
    followed = {e["url"] for e in listing.entries} | set(page.article_links())  # what the spider follows
    assert not set(t.entries) - followed, f"entries lost: {sorted(set(t.entries) - followed)}; template {t.choices}"
    assert not followed & t.pager, f"pager links taken for articles: {sorted(followed & t.pager)}; template {t.choices}"
    assert listing.pageNumber == t.page, f"page {listing.pageNumber}, want {t.page}; template {t.choices}"
    assert listing.nextPage == t.next_page, f"next {listing.nextPage}, want {t.next_page}; template {t.choices}"
    pages = set(listing.pages.values()) | {listing.nextPage, listing.lastPage}
    assert not t.pager - pages, f"later pages lost: {sorted(t.pager - pages)}; template {t.choices}"


def story_id(v: Variant) -> str | None:
    return read_page(v.url, v.body, v.headers).to_item().storyId


@SETTINGS
@given(reposts())
def test_a_story_reposted_in_another_template_gets_the_same_story_id(pair):
    a, b = pair
    assert story_id(a) is not None
    assert story_id(a) == story_id(b), f"templates {a.truth.choices} and {b.truth.choices}"
