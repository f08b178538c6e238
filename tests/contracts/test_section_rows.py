"""#30: a schedule grouped under section rows ("End User Services", "Infrastructure"), each a row of its own
across the table (one merged cell where ruled) between the levels. Written in our own wording and annotated
before the reader was run on it: a section row adds no level and the levels keep their own names."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.contracts.terms import extract_contract
from tests.contracts.paraphrase import write_table_page

SECTIONS = [
    (
        "End User Services",
        [
            ("Service Desk First Contact Resolution", "75%", "70%", (75.0, 70.0, "percent", "higher")),
            ("Desk-side Visit Within One Business Day", "95%", "90%", (95.0, 90.0, "percent", "higher")),
        ],
    ),
    (
        "Infrastructure",
        [
            ("Data Centre Availability", "99.98%", "99.9%", (99.98, 99.9, "percent", "higher")),
            ("Storage Restore Time", "2 hours", "4 hours", (2.0, 4.0, "hours", "lower")),
            ("Patch Compliance", "98%", "95%", (98.0, 95.0, "percent", "higher")),
        ],
    ),
]


def _pdf(path: Path, ruled: bool) -> Path:
    rows, spans = [["Service Level", "Target", "Minimum"]], []
    for section, levels in SECTIONS:
        spans.append(("SPAN", (0, len(rows)), (-1, len(rows))))
        rows.append([section, "", ""])
        rows += [[n, t, m] for n, t, m, _ in levels]
    return write_table_page(
        path,
        "SCHEDULE 4 - SERVICE LEVELS",
        "The Supplier shall meet each Target and never miss the Minimum in any month.",
        rows,
        ruled,
        style=spans,
    )


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_section_rows_add_no_level_and_leave_the_names(tmp_path, ruled):
    rows = extract_contract(_pdf(tmp_path / "schedule.pdf", ruled), "e", "s").sla_terms
    assert sorted((t.metric_name, t.expected, t.minimum, t.unit, t.direction) for t in rows) == sorted(
        (n, *level) for _, levels in SECTIONS for n, _, _, level in levels
    )
