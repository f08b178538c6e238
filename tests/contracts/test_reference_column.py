"""#30: a schedule whose first column numbers or codes each level ("1.1", "SL-02", "KPI 3"), before the name,
ruled and unruled. Written in our own wording and annotated before the reader was run on it: a reference is no
level and no part of the name."""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import table_rows

# reference styles, each a function of the row's position
REFERENCES = {
    "section numbers": lambda i: f"{i // 2 + 1}.{i % 2 + 1}",
    "codes": lambda i: f"SL-{i + 1:02d}",
    "numbered codes": lambda i: f"KPI {i + 1}",
}
LEVELS = [
    ("Application Availability", "99.7%", "99.3%", (99.7, 99.3, "percent", "higher")),
    ("Release Defect Rate", "2%", "5%", (2.0, 5.0, "percent", "lower")),
    ("Priority 2 Resolution Time", "8 hours", "12 hours", (8.0, 12.0, "hours", "lower")),
    ("Customer Satisfaction", "90%", "85%", (90.0, 85.0, "percent", "higher")),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("style", sorted(REFERENCES))
def test_a_reference_column_is_neither_a_level_nor_a_name(tmp_path, ruled, style):
    ref = REFERENCES[style]
    header = ["Ref.", "Service Level", "Target", "Minimum"]
    rows = table_rows(
        tmp_path / "schedule.pdf", [header, *[[ref(i), n, t, m] for i, (n, t, m, _) in enumerate(LEVELS)]], ruled
    )
    assert rows == sorted((n, *level) for n, _, _, level in LEVELS)
