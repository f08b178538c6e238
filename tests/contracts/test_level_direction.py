"""A level written without a sign takes its direction from one definition (`default_direction`), whichever
reader finds it: a share is better higher unless it measures what goes wrong, a time shorter unless it runs
between failures."""

import pytest

from etl.contracts.level_text import default_direction
from etl.contracts.schedule_content import schedule_terms
from etl.contracts.sla_schedule import labelled_term
from etl.pdf_document import PdfPage
from etl.records import Provenance


@pytest.mark.parametrize(
    ("name", "unit", "direction"),
    [
        ("Network uptime", "percent", "higher"),  # "uptime" holds "time" but is a share of time up
        ("Orders shipped on time", "percent", "higher"),
        ("Call abandonment rate", "percent", "lower"),
        ("Escaped defects", "percent", "lower"),
        ("Invoice errors", "percent", "lower"),
        ("Customer satisfaction", "score", "higher"),
        ("Incident restoration", "hours", "lower"),  # a time, though its name has no time word
        ("Page latency", "milliseconds", "lower"),
        ("Mean time between failures", "hours", "higher"),
        ("Substantiated complaints", "count", "lower"),
        ("Claims processed", "count", "higher"),
    ],
)
def test_an_unsigned_level_takes_its_direction_from_what_it_measures_and_its_unit(name, unit, direction):
    assert default_direction(name, unit) == direction


@pytest.mark.parametrize(
    ("name", "unit", "direction"),
    [("Network uptime", "percent", "higher"), ("Incident restoration", "hours", "lower")],
)
def test_a_schedule_row_whose_levels_are_equal_uses_the_same_definition(name, unit, direction):
    term = labelled_term("e", name, unit, {"expected": 4.0, "minimum": 4.0}, "monthly", 0.9, Provenance("s", 1, "", 0))
    assert term.direction == direction


def test_the_longer_of_two_times_between_failures_is_the_expected_level():
    table = [
        ["Measure", "Floor", "Aim", "Share"],
        ["Portal uptime", "99.0%", "99.7%", "60%"],
        ["Mean time between failures", "500 hours", "720 hours", "40%"],
    ]
    rows = schedule_terms([PdfPage(1, "", [table])], "e", "sha", "monthly", "tables")
    got = {(t.metric_name, t.expected, t.minimum, t.direction) for t in rows}
    assert ("Mean time between failures", 720.0, 500.0, "higher") in got


def test_a_schedule_typed_as_text_takes_its_unit_from_the_sign_of_its_numbers():
    """Unruled, one line per level with no unit column: "99.5% 99.9%" are shares, not counts, and their order
    gives the direction."""
    from etl.contracts.sla_schedule import read_sla_terms_from_text

    text = (
        "Service Levels\nService Level Minimum Target Weight\nPortal availability 99.5% 99.9% 60%\n"
        "First time fix 80% 85% 40%"
    )
    rows = read_sla_terms_from_text([PdfPage(1, text, [])], "e", "sha", "monthly")
    assert {(r.metric_name, r.expected, r.minimum, r.unit, r.direction) for r in rows} == {
        ("Portal availability", 99.9, 99.5, "percent", "higher"),
        ("First time fix", 85.0, 80.0, "percent", "higher"),
    }


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("Rework 2% or better", "lower"),  # a measure and its bound, no verb
        ("Keying error rate: 0.5% or better", "lower"),  # a measure labelled with its level
        ("First contact resolution rate: 75% or better", "higher"),
        ("Rework 2% or less", "lower"),
        ("Uptime 99.5% or more", "higher"),
    ],
)
def test_or_better_is_the_measures_own_better_side_in_every_reader(text, direction):
    """ "or better" bounds a level on the side its measure is better on: for an error rate that is at most."""
    from etl.contracts.level_rules import read_level

    assert read_level(text).direction == direction
