"""#30: support commitments whose response and resolution times share one cell per priority ("15 minutes / 4
hours" under "Response / Resolution"), ruled and unruled. Written in our own wording and annotated before the
reader was run on it: each priority gives one row per measure, with its time and unit, named by its grade and a
word of its measure. At first sight (7e3f022) 1 of 4 tables gave exactly its six rows: with "Response /
Resolution" over "15 minutes / 4 hours", ruled, three rows more took each cell as one level; unruled, both header
lines above the rows named measures, the paragraph's as well as the table's, and each gave the six rows again."""

from __future__ import annotations

import pytest

from etl.contracts.terms import extract_contract
from tests.contracts.paraphrase import write_table_page

# grade, (response, unit), (resolution, unit)
TIMES = [
    (1, (15.0, "minutes"), (4.0, "hours")),
    (2, (30.0, "minutes"), (8.0, "hours")),
    (3, (2.0, "hours"), (3.0, "business days")),
]
HEADERS = {
    "slash": ("Incident Priority", "Response / Resolution"),
    "and": ("Priority Level", "Response and Resolution Times"),
}


def _cell(measure: tuple[float, str]) -> str:
    return f"{measure[0]:g} {measure[1]}"


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("wording", HEADERS)
def test_a_response_and_a_resolution_time_in_one_cell_are_two_rows(tmp_path, wording, ruled):
    pdf = write_table_page(
        tmp_path / "support.pdf",
        "SCHEDULE 6 - SUPPORT SERVICE LEVELS",
        "The Supplier shall respond to and resolve incidents within the times below.",
        [list(HEADERS[wording]), *[[f"Priority {g}", f"{_cell(a)} / {_cell(b)}"] for g, a, b in TIMES]],
        ruled,
    )
    terms = extract_contract(pdf, "e", "sha").sla_terms
    read = set()
    for t in terms:
        name = t.metric_name.lower()
        measure = "respond" if "respon" in name else "resolve" if "resol" in name else None
        read.add((t.severity, t.expected, t.unit, t.direction, measure))
    expected = {
        (f"priority {g}", *time, "lower", measure)
        for g, a, b in TIMES
        for time, measure in ((a, "respond"), (b, "resolve"))
    }
    assert {(s.lower() if s else s, *rest) for s, *rest in read} == expected
    assert len(terms) == len(expected)
