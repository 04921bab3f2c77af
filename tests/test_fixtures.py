"""Every stored page against its expected JSON, one test per field.

Regenerate the expected files after a deliberate change with
``python -m tests.pagecases regen`` and review the diff.
"""
from __future__ import annotations

import json
from functools import lru_cache

import pytest

from tests import pagecases

CASES = pagecases.cases()


@lru_cache(maxsize=None)
def actual(name: str) -> str:
    return json.dumps(pagecases.extract(pagecases.ROOT / name), ensure_ascii=False, sort_keys=True)


def expected(name: str) -> dict:
    return json.loads((pagecases.ROOT / name / "expected.json").read_text("utf-8"))


def _params():
    for case in CASES:
        exp = expected(case.name)
        section = "article" if exp["pageKind"] == "article" else "listing"
        yield pytest.param(case.name, None, id=f"{case.name}-pageKind")
        yield pytest.param(case.name, (section, "*fields*"), id=f"{case.name}-fields")
        for key in exp[section]:
            yield pytest.param(case.name, (section, key), id=f"{case.name}-{key}")
        if section == "article":
            yield pytest.param(case.name, ("briefs",), id=f"{case.name}-briefs")
            yield pytest.param(case.name, ("problem",), id=f"{case.name}-problem")
            yield pytest.param(case.name, ("parts",), id=f"{case.name}-parts")


@pytest.mark.parametrize("case,field", list(_params()))
def test_field(case, field):
    got, exp = json.loads(actual(case)), expected(case)
    if field is None:
        assert got["pageKind"] == exp["pageKind"]
        return
    if field[-1] == "*fields*":  # a field added or dropped shows here, not only a changed value
        assert sorted(got[field[0]]) == sorted(exp[field[0]])
        return
    for key in field:
        got, exp = got[key], exp[key]
    assert got == exp


def test_there_are_fixtures_of_every_kind():
    kinds = [expected(c.name)["pageKind"] for c in CASES]
    assert kinds.count("article") >= 40 and kinds.count("list") >= 10
    assert any(c.name.startswith("unseen-") for c in CASES)


@pytest.mark.parametrize("case", [c.name for c in CASES if expected(c.name)["pageKind"] == "article"
                                  and not expected(c.name)["problem"]])
def test_good_articles_have_every_core_field(case):
    """Fundus-style: an expected value that is empty would make its test vacuous."""
    a = expected(case)["article"]
    assert a["headline"] and a["headlineRaw"] and a["articleBody"] and a["storyId"]
    assert a["blocks"] and all(b["text"] for b in a["blocks"])


def test_fixtures_store_bytes_not_text():
    """A GBK/Big5 fixture must stay in its own encoding: decoding is what is tested."""
    gbk = (pagecases.ROOT / "unseen-table-gb2312" / "body.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        gbk.decode("utf-8")
    assert expected("unseen-table-gb2312")["encoding"] == "gb18030"


def test_the_catalogue_lists_every_case_with_its_note():
    assert pagecases.CATALOGUE.read_text("utf-8") == pagecases.catalogue(), "run: python -m tests.pagecases regen"
