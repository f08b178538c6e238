"""#30: a schedule grouped under section rows ("End User Services", "Infrastructure"), each a row of its own
across the table (one merged cell where ruled) between the levels. Written in our own wording and annotated
before the reader was run on it: a section row adds no level and the levels keep their own names."""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import table_rows

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


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_section_rows_add_no_level_and_leave_the_names(tmp_path, ruled):
    rows, spans = [["Service Level", "Target", "Minimum"]], []
    for section, levels in SECTIONS:
        spans.append(("SPAN", (0, len(rows)), (-1, len(rows))))
        rows.append([section, "", ""])
        rows += [[n, t, m] for n, t, m, _ in levels]
    assert table_rows(tmp_path / "schedule.pdf", rows, ruled, style=spans) == sorted(
        (n, *level) for _, levels in SECTIONS for n, _, _, level in levels
    )
