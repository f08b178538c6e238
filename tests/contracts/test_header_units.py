"""#31: a column's unit written in its header is one grammar (`level_text.header_unit`) for every table reader:
before, the matrix reader knew "(in Hours)" but not "Respond, hours", and the schedule reader the reverse."""

import pytest

from etl.contracts.level_tables import _matrix_levels
from etl.contracts.level_text import header_unit

HEADERS = [
    ("Target (%)", "percent", "Target"),
    ("Initial Response (in Hours)", "hours", "Initial Response"),
    ("Fix time (working days)", "business days", "Fix time"),
    ("Respond, hours", "hours", "Respond"),
    ("Restore, in business hours", "business hours", "Restore"),
    ("Rating (points)", "score", "Rating"),
]


@pytest.mark.parametrize(("header", "unit", "rest"), HEADERS)
def test_a_header_gives_its_unit_and_keeps_its_measure(header, unit, rest):
    assert header_unit(header) == (unit, rest)


@pytest.mark.parametrize("header", ["Service Level", "Priority (1)", "Hours of cover", "Credit (GBP)"])
def test_a_header_without_a_unit_gives_none(header):
    assert header_unit(header) is None


@pytest.mark.parametrize(("header", "unit", "rest"), [h for h in HEADERS if h[1] != "score"])
def test_a_matrix_reads_each_way_of_writing_its_unit(header, unit, rest):
    table = [["Severity", header], ["Severity 1", "2"], ["Severity 2", "8"]]
    levels = [(f.name, f.level.target, f.level.unit) for f in _matrix_levels(table, 1)]
    assert levels == [(f"Severity 1 - {rest}", 2.0, unit), (f"Severity 2 - {rest}", 8.0, unit)]
