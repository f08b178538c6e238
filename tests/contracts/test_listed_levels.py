"""Levels listed under a lead-in (etl/contracts/listed_levels.py): the rule's examples, and every paraphrase of
two such lists (`tests/contracts/lead_in_lists.py`, 5 lead-in wordings x 5 item layouts) read from PDF to the
same rows."""

from __future__ import annotations

import pytest

from etl.contracts.listed_levels import NEGATIVE, POSITIVE, RULE_NAME, listed_levels
from etl.contracts.terms import extract_contract
from tests.contracts import lead_in_lists


@pytest.mark.parametrize("text,first", POSITIVE, ids=lambda v: str(v)[:30])
def test_each_positive_example_gives_its_first_level(text, first):
    found = listed_levels(text)
    assert found and (found[0].name, found[0].value, found[0].unit, found[0].direction) == first


@pytest.mark.parametrize("text", NEGATIVE, ids=lambda v: v[:30])
def test_no_negative_example_gives_a_level(text):
    """Lists of money (credits, royalties) and lists of other things give no level."""
    assert listed_levels(text) == []


@pytest.mark.parametrize("layout", lead_in_lists.LAYOUTS)
@pytest.mark.parametrize("wording", lead_in_lists.LEAD_INS)
def test_every_paraphrase_of_the_lists_gives_the_same_rows(tmp_path, wording, layout):
    terms = extract_contract(lead_in_lists.write(tmp_path / "levels.pdf", wording, layout), "e", "sha").sla_terms
    read = set()
    for t in terms:
        label = next(
            (c.label for c in lead_in_lists.SHARE + lead_in_lists.TIME if c.label in t.metric_name.lower()), ""
        )
        read.add((label, t.expected, t.unit, t.direction))
        assert t.rule == RULE_NAME, t
    assert read == lead_in_lists.expected()
    assert len(terms) == len(read)


def test_a_list_ends_at_an_enumerated_line_that_states_no_level():
    text = (
        "(a) Uptime shall be at least the following:\n(i) weekdays: 99.5%;\n(ii) weekends: 98%.\n"
        "(b) The Provider shall report uptime each month, with 2 reports a year audited."
    )
    assert [(f.label, f.value) for f in listed_levels(text)] == [("weekdays", 99.5), ("weekends", 98.0)]


def test_a_lead_in_of_money_is_never_a_list_of_levels():
    text = "Credits shall be no less than the following share of the monthly charges:\n(a) availability: 5%;"
    assert listed_levels(text) == []
