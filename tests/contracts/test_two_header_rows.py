"""#30: a schedule whose header is two rows: a heading over the level columns ("Service Level", one merged cell
where ruled) and their roles under it ("Target", "Minimum"), with a measurement column headed only in the first
row; ruled and unruled. Written in our own wording and annotated before the reader was run on it."""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import LEVEL_FIELDS, table_rows

# name, target, minimum, window cell, (target, minimum, unit, direction, window)
LEVELS = [
    ("Email Service Availability", "99.9%", "99.7%", "Monthly", (99.9, 99.7, "percent", "higher", "monthly")),
    ("Major Incident Restoration", "3 hours", "5 hours", "Monthly", (3.0, 5.0, "hours", "lower", "monthly")),
    ("Customer Satisfaction Survey", "88%", "82%", "Quarterly", (88.0, 82.0, "percent", "higher", "quarterly")),
    ("Security Patch Deployment", "95%", "90%", "Monthly", (95.0, 90.0, "percent", "higher", "monthly")),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_two_row_header_names_the_levels_roles(tmp_path, ruled):
    rows = table_rows(
        tmp_path / "schedule.pdf",
        [
            ["Measure", "Service Level", "", "Measurement Period"],
            ["", "Target", "Minimum", ""],
            *[[n, t, m, w] for n, t, m, w, _ in LEVELS],
        ],
        ruled,
        (*LEVEL_FIELDS, "measurement_window"),
        before="The Supplier shall meet each Target and never miss the Minimum.",
        style=[("SPAN", (1, 0), (2, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (3, 0), (3, 1))],
    )
    assert rows == sorted((n, *level) for n, _, _, _, level in LEVELS)
