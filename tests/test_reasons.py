"""Reject reasons are one enum: every reject the crawler makes takes its reason from it, and
the README's fault table, the rejects schema and the state's policy agree with it."""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

import crawler
from crawler.reasons import PASSING, PERMANENT, RejectReason, http, invalid, policy_of, remembered
from tests.conftest import REPO

README = (REPO / "README.md").read_text("utf-8")
# A reason as the fault table writes it: `http_404`, `empty_body`, and the family `http_<status>`.
_CODE = re.compile(r"`([a-z0-9_]+|http_<status>)`")


def fault_table() -> list[tuple[str, str]]:
    """(input, what the crawl does) of each row of the README's fault table."""
    section = README.split("## Bad input, faults and traps", 1)[1].split("\n## ", 1)[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ") and "---" not in line]
    return [(row[0], row[1]) for row in rows[1:]]


def test_the_readme_fault_table_names_every_reason_and_no_other():
    named = {code for _, does in fault_table() for code in _CODE.findall(does)}
    family = {code for code in named if re.fullmatch(r"http_(\d+|<status>)", code)}
    assert named - family == {reason.value for reason in RejectReason}
    assert family  # the HTTP statuses are in the table too, as a family


def test_the_readme_fault_table_says_what_the_next_run_does_as_the_enum_does():
    for _, does in fault_table():
        codes = [c for c in _CODE.findall(does) if not c.startswith("http_")]
        retried = "next run" in does
        assert all(RejectReason(c).policy is (PASSING if retried else PERMANENT) for c in codes), does


def test_the_rejects_schema_allows_the_enums_reasons_and_http_statuses():
    schema = json.loads((Path(crawler.__file__).parent / "schemas" / "reject.json").read_text("utf-8"))
    listed, family = schema["properties"]["reason"]["anyOf"]
    assert listed["enum"] == [reason.value for reason in RejectReason]
    assert re.fullmatch(family["pattern"], "http_503") and not re.fullmatch(family["pattern"], "http_")


@pytest.mark.parametrize(("reason", "policy"), [
    (http(404), PERMANENT), (http(410), PERMANENT), (http(500), PASSING), (http(503), PASSING),
    (http(599), PASSING), (http(408), PASSING), (http(429), PASSING), (http(600), PERMANENT),
    ("timeout", PASSING), ("empty_body", PERMANENT), ("a_reason_no_longer_made", PERMANENT),
])
def test_the_policy_of_a_reason_as_the_feeds_hold_it(reason, policy):
    assert policy_of(reason) is policy
    assert remembered(reason) == (policy is PERMANENT)


def test_an_enum_reason_is_the_string_the_feeds_hold():
    assert json.dumps({"reason": RejectReason.EMPTY_BODY}) == '{"reason": "empty_body"}'
    assert f"rejects/{RejectReason.EMPTY_BODY}" == "rejects/empty_body"
    assert invalid("article") is RejectReason.INVALID_ARTICLE
    assert all(reason.__doc__ and reason.__doc__ != RejectReason.__doc__ for reason in RejectReason)


def _literal_reasons(path: Path) -> list[str]:
    """`Reject(..., reason="...")` and `reason=f"..."`: a reason written out instead of taken
    from the enum."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Reject":
            for keyword in node.keywords:
                if keyword.arg == "reason" and isinstance(keyword.value, (ast.Constant, ast.JoinedStr)):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}")
    return found


def test_every_reject_the_crawler_makes_takes_its_reason_from_the_enum():
    written_out = [hit for path in sorted((REPO / "crawler").rglob("*.py")) for hit in _literal_reasons(path)]
    assert written_out == []
