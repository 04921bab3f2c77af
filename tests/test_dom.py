"""The text helpers' fast paths give exactly what their plain definitions give."""
from __future__ import annotations

import re

import opencc
from hypothesis import given
from hypothesis import strategies as st

from crawler.fingerprints import text_key, text_keys
from crawler.pages.dom import collapse
from crawler.text import artifacts

T2S = opencc.OpenCC("t2s")

# What collapse() means: every run of whitespace (zero-width characters included) is one space.
WS = re.compile(r"[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+")
TEXT = st.text(alphabet=st.sampled_from(list("ab 比特幣?\\\n\t\u00a0\u3000\u200b\u200c\u200d\ufeff\x1c\u2028\u2003")), max_size=40)


@given(TEXT)
def test_collapse_is_whitespace_runs_to_one_space(text):
    assert collapse(text) == WS.sub(" ", text).strip()


@given(st.lists(TEXT, max_size=6))
def test_repair_many_is_repair_of_each(texts):
    assert artifacts.repair_many(texts) == [artifacts.repair(t) for t in texts]


@given(st.lists(TEXT, max_size=6))
def test_text_keys_in_one_call_are_text_key_of_each(texts):
    assert text_keys(texts, T2S) == [text_key(t, T2S) for t in texts]


def test_cached_property_computes_once_per_instance():
    from crawler.pages.cache import cached_property

    class Page:
        calls = 0

        @cached_property
        def value(self):
            Page.calls += 1
            return [Page.calls]

    a, b = Page(), Page()
    assert a.value is a.value and a.value == [1]
    assert b.value == [2] and Page.calls == 2
