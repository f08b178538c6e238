"""#30: a contact centre's schedule as such schedules write their cells: "80/20" (80% of calls answered within 20
seconds, the industry's notation), "90/24h" for e-mail, call times in minutes and seconds ("6:00"), and a bound's
sign before a level ("≤ 3%") under "Target | Minimum" headers, ruled and unruled. Written in our own wording and
annotated before the reader was run on it: at first sight it read 4 of the 12 rows (the two plain ones in each
layout); the signed row made the ruled table look transposed, and the notation and the call times were no levels.
"""

from __future__ import annotations

import pytest

from etl.contracts.schedule_content import answered_within
from tests.contracts.paraphrase import table_rows

FIELDS = ("metric_name", "expected", "minimum", "unit", "direction", "threshold", "threshold_unit")
ROWS = [
    (
        ["Inbound Call Service Level", "80/20", "75/20"],
        ("Inbound Call Service Level", 80.0, 75.0, "percent", "higher", 20.0, "seconds"),
    ),
    (
        ["Average Speed of Answer", "30 seconds", "45 seconds"],
        ("Average Speed of Answer", 30.0, 45.0, "seconds", "lower", None, None),
    ),
    (["Average Handle Time", "6:00", "7:00"], ("Average Handle Time", 6.0, 7.0, "minutes", "lower", None, None)),
    (
        ["Call Abandonment Rate", "\u2264 3%", "\u2264 5%"],
        ("Call Abandonment Rate", 3.0, 5.0, "percent", "lower", None, None),
    ),
    (
        ["First Contact Resolution", "75%", "70%"],
        ("First Contact Resolution", 75.0, 70.0, "percent", "higher", None, None),
    ),
    (
        ["Email Response Service Level", "90/24h", "85/24h"],
        ("Email Response Service Level", 90.0, 85.0, "percent", "higher", 24.0, "hours"),
    ),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_contact_centres_cells_give_each_rows_levels(tmp_path, ruled):
    rows = [["Metric", "Target", "Minimum"], *[cells for cells, _ in ROWS]]
    assert table_rows(tmp_path / "schedule.pdf", rows, ruled, FIELDS) == sorted(row for _, row in ROWS)


@pytest.mark.parametrize(
    ("cell", "bound"),
    [("80/20", "within 20 seconds"), ("90 / 30s", "within 30 seconds"), ("95/4h", "within 4 hours")],
)
def test_the_notation_gives_the_shares_bound(cell, bound):
    assert answered_within(cell) == bound


@pytest.mark.parametrize("cell", ["24/7", "1/2", "12/31", "80/2"])
def test_coverage_a_fraction_or_a_date_is_no_such_share(cell):
    assert answered_within(cell) is None
