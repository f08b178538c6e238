"""#30: a schedule whose level cells carry their own period ("99.8% per month", "4 hours (monthly average)",
"90% each quarter"), ruled and unruled. Written in our own wording and annotated before the reader was run on
it: the value is the level and the period its window."""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import WINDOW_FIELDS, table_rows

# name, target cell, minimum cell, (target, minimum, unit, window)
LEVELS = [
    ("Platform Availability", "99.8% per month", "99.5% per month", (99.8, 99.5, "percent", "monthly")),
    ("Incident Restoration", "4 hours (monthly average)", "6 hours (monthly average)", (4.0, 6.0, "hours", "monthly")),
    ("User Satisfaction", "90% each quarter", "85% each quarter", (90.0, 85.0, "percent", "quarterly")),
    ("Backup Success", "99% per week", "97% per week", (99.0, 97.0, "percent", "weekly")),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_period_written_in_the_level_cell_is_its_window(tmp_path, ruled):
    rows = table_rows(
        tmp_path / "schedule.pdf",
        [["Service Level", "Target", "Minimum"], *[[n, t, m] for n, t, m, _ in LEVELS]],
        ruled,
        WINDOW_FIELDS,
        before="The Supplier shall meet each Target and never miss the Minimum.",
    )
    assert rows == sorted((n, *level) for n, _, _, level in LEVELS)
