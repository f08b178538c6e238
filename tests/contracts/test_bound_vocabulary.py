"""#31: a bound on a level ("at least", "no more than", "a maximum of" ...) is one vocabulary, `level_text.AT_LEAST`
and `AT_MOST`; a table cell, an AQL cell and a listed level each read every phrase of it the same way. Before,
each kept its own list and each lacked phrases the others had."""

import pytest

from etl.contracts.level_rules import read_level
from etl.contracts.level_tables import _bounded_cell
from etl.contracts.listed_levels import listed_levels

AT_LEAST = [
    "at least",
    "no less than",
    "not less than",
    "no lower than",
    "a minimum of",
    "minimum",
    "min.",
    "not below",
]
AT_MOST = [
    "no more than",
    "not more than",
    "no greater than",
    "no longer than",
    "not to exceed",
    "at most",
    "a maximum of",
    "maximum",
    "max.",
]
BOUNDS = [(b, "higher") for b in AT_LEAST] + [(b, "lower") for b in AT_MOST]


@pytest.mark.parametrize(("bound", "direction"), BOUNDS)
def test_a_table_cell_reads_every_bound(bound, direction):
    assert _bounded_cell(f"{bound} 4 hours") == (4.0, "hours", direction)


@pytest.mark.parametrize(("bound", "direction"), BOUNDS)
def test_a_listed_level_reads_every_bound(bound, direction):
    text = f"Faults shall be resolved in the following times:\n(a) Weekdays: {bound} 6 hours;\n(b) Weekends: {bound} 12 hours."
    assert [(f.label, f.value, f.unit) for f in listed_levels(text)] == [
        ("Weekdays", 6.0, "hours"),
        ("Weekends", 12.0, "hours"),
    ]


@pytest.mark.parametrize("bound", AT_LEAST)
def test_an_aql_cell_reads_every_floor_before_its_share(bound):
    level = read_level("Orders are picked and packed on the day they are placed.", f"{bound} 97%")
    assert (level.target, level.allowed_deviation_pct) == (97.0, 3.0)
