"""#30: a schedule whose levels are in different units, a pair of levels each: downtime minutes, a score out of
5, a count of incidents per month and a share, ruled and unruled. Written in our own wording and annotated
before the reader was run on it: the expected level is the better one by the measure's own direction. At first sight
(42e8e16) the ruled table read 3 of 4 (the score as a count) and the unruled one none: 3 of 8."""

from __future__ import annotations

import pytest

from etl.contracts.terms import extract_contract
from tests.contracts.paraphrase import write_table_page

# name, expected cell, minimum cell, (expected, minimum, unit, direction)
LEVELS = [
    ("Unplanned Downtime", "30 minutes", "45 minutes", (30.0, 45.0, "minutes", "lower")),
    ("Customer Satisfaction Score", "4.5 out of 5", "4.0 out of 5", (4.5, 4.0, "score", "higher")),
    ("Severity 1 Incidents", "1 per month", "3 per month", (1.0, 3.0, "count", "lower")),
    ("First Time Fix Rate", "85%", "80%", (85.0, 80.0, "percent", "higher")),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_each_level_keeps_its_unit_and_its_direction(tmp_path, ruled):
    pdf = write_table_page(
        tmp_path / "schedule.pdf",
        "SCHEDULE 4 - SERVICE LEVELS",
        "The Supplier shall meet the Target Level and never fall short of the Minimum Level in any month.",
        [["Measure", "Target Level", "Minimum Level"], *[[n, e, m] for n, e, m, _ in LEVELS]],
        ruled,
    )
    rows = extract_contract(pdf, "e", "sha").sla_terms
    assert sorted((t.metric_name, t.expected, t.minimum, t.unit, t.direction) for t in rows) == sorted(
        (n, *level) for n, _, _, level in LEVELS
    )
