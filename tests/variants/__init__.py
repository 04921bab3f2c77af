"""Pages in templates nobody wrote by hand, each with its answer known: Hypothesis
strategies (``article_pages``, ``list_pages``) for the tests, and the same pages from a
seed (``article_page(SeededDraws(seed))``) for benchmarks. The parser sees only the
bytes; a failure shrinks to the simplest template that breaks it and prints its choices."""
from .articles import Truth, article_page, article_pages, reposts
from .common import SeededDraws, Variant
from .lists import ListTruth, list_page, list_pages

__all__ = ["ListTruth", "SeededDraws", "Truth", "Variant", "article_page", "article_pages", "list_page",
           "list_pages", "reposts"]
