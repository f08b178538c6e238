"""#30, #32: a schedule whose levels are measured over different periods, one per row in a column of its own
("Quarterly", "Annually", "Per week", "Each calendar month"), ruled and unruled. Written in our own wording and
annotated before the reader was run on it: each row keeps its own window. At first sight (1ea9bf5) the ruled table
read "Per week" as monthly, and the unruled one dropped the two rows whose window took two or three words: 5 of 8."""

from __future__ import annotations

import pytest

from etl.contracts.terms import extract_contract
from tests.contracts.paraphrase import write_table_page

# name, expected, minimum, unit, window cell, window
LEVELS = [
    ("Hosting Availability", "99.9%", "99.5%", "percent", "Each calendar month", "monthly"),
    ("Disaster Recovery Test Success", "100%", "95%", "percent", "Annually", "yearly"),
    ("Change Success Rate", "98%", "95%", "percent", "Quarterly", "quarterly"),
    ("Service Desk Answer Rate", "90%", "85%", "percent", "Per week", "weekly"),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_each_row_keeps_the_window_its_column_states(tmp_path, ruled):
    pdf = write_table_page(
        tmp_path / "schedule.pdf",
        "SCHEDULE 4 - SERVICE LEVELS",
        "The Supplier shall meet each Service Level over the period shown beside it.",
        [
            ["Service Level", "Target", "Minimum", "Measurement Period"],
            *[[n, e, m, w] for n, e, m, _, w, _ in LEVELS],
        ],
        ruled,
    )
    rows = extract_contract(pdf, "e", "sha").sla_terms
    assert sorted((t.metric_name, t.expected, t.minimum, t.measurement_window) for t in rows) == sorted(
        (n, float(e.rstrip("%")), float(m.rstrip("%")), window) for n, e, m, _, _, window in LEVELS
    )
