"""Pages in templates nobody wrote by hand, each with its answer known (Hypothesis
strategies): ``article_pages`` and ``list_pages``. The parser sees only the bytes; a
failure shrinks to the simplest template that breaks it and prints its choices."""
from .articles import Truth, Variant, article_pages
from .lists import ListTruth, list_pages

__all__ = ["ListTruth", "Truth", "Variant", "article_pages", "list_pages"]
