"""#30: a schedule with two columns of periods, how often each level is measured and how often it is reported,
ruled and unruled. Written in our own wording and annotated before the reader was run on it: the level's window
is the period it is measured over, whatever the reporting column says."""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import WINDOW_FIELDS, table_rows

# name, target, minimum, measured, reported, (target, minimum, unit, window)
LEVELS = [
    ("Platform Availability", "99.9%", "99.5%", "Monthly", "Quarterly", (99.9, 99.5, "percent", "monthly")),
    ("Order Processing Accuracy", "99%", "98%", "Weekly", "Monthly", (99.0, 98.0, "percent", "weekly")),
    ("Customer Satisfaction", "85%", "80%", "Quarterly", "Quarterly", (85.0, 80.0, "percent", "quarterly")),
    ("Change Success Rate", "97%", "95%", "Monthly", "Monthly", (97.0, 95.0, "percent", "monthly")),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_the_window_is_the_period_measured_over_not_the_one_reported(tmp_path, ruled):
    rows = table_rows(
        tmp_path / "schedule.pdf",
        [
            ["Service Level", "Target", "Minimum", "Measured", "Reported"],
            *[[n, t, m, a, r] for n, t, m, a, r, _ in LEVELS],
        ],
        ruled,
        WINDOW_FIELDS,
        before="The Supplier shall meet each Target and never miss the Minimum.",
    )
    assert rows == sorted((n, *level) for n, _, _, _, _, level in LEVELS)
