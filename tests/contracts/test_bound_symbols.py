"""#30: a schedule whose cells write each level's bound as a symbol or an abbreviation ("≥ 99.8%", "≤ 4 hrs",
"Max. 30 mins"), ruled and unruled. Written in our own wording and annotated before the reader was run on it: at
first sight every value, unit and direction was right in both layouts, but the four rows bounded by a sign kept
the sign in their names (2 of 6 rows exact in each layout)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.contracts.terms import extract_contract
from tests.contracts.paraphrase import write_table_page

ROWS = [
    # cells as written, then (name, expected, unit, direction) as the reader must give them
    (["Platform availability", "≥ 99.8%", "Monthly"], ("Platform availability", 99.8, "percent", "higher")),
    (["Mean time to restore", "≤ 4 hrs", "Monthly"], ("Mean time to restore", 4.0, "hours", "lower")),
    (["Abandoned calls", "< 5%", "Monthly"], ("Abandoned calls", 5.0, "percent", "lower")),
    (["Calls answered by an agent", "> 90%", "Monthly"], ("Calls answered by an agent", 90.0, "percent", "higher")),
    (["Security patch compliance", "Min. 95%", "Quarterly"], ("Security patch compliance", 95.0, "percent", "higher")),
    (["Priority 1 response", "Max. 30 mins", "Monthly"], ("Priority 1 response", 30.0, "minutes", "lower")),
]


def _pdf(path: Path, ruled: bool) -> Path:
    return write_table_page(
        path,
        "SCHEDULE 3 - SERVICE STANDARDS",
        "The Provider shall perform the Services to the standards below.",
        [["Measure", "Standard", "Frequency"], *[cells for cells, _ in ROWS]],
        ruled,
        after="Each standard is reported in the monthly service report.",
    )


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_bound_written_as_a_symbol_or_an_abbreviation_gives_the_levels_direction(tmp_path, ruled):
    rows = extract_contract(_pdf(tmp_path / "standards.pdf", ruled), "e", "sha").sla_terms
    assert sorted((t.metric_name, t.expected, t.unit, t.direction) for t in rows) == sorted(r for _, r in ROWS)
