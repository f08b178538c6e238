"""#30: a schedule of deliverables by measures ("Deliverable | Turnaround Time | Accuracy"), as knowledge and
business process work often states its levels: each measure column is a level of each row's deliverable, named
by both. Written in our own wording and annotated before the reader was run on it: at first sight it read 4 of
the 16 rows (ruled, the first measure column only; unruled, none, as the page's lines each end in a time and a
share, which was not taken for a table's, and the heading above the unruled table was taken for its header).
"""

from __future__ import annotations

import pytest

from etl.contracts.level_tables import table_levels
from etl.pdf_document import PdfPage
from tests.contracts.paraphrase import table_rows

DELIVERABLES = [
    ("Monthly management accounts", "5 business days", 5.0, "99.5%", 99.5),
    ("Payroll run", "2 business days", 2.0, "99.9%", 99.9),
    ("Expense claims processing", "3 business days", 3.0, "98%", 98.0),
    # a deliverable whose name holds a word of money, which is no credit
    ("Supplier invoice posting", "4 business days", 4.0, "99%", 99.0),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_each_measure_column_is_a_level_of_each_deliverable(tmp_path, ruled):
    rows = [["Deliverable", "Turnaround Time", "Accuracy"], *[[n, t, a] for n, t, _, a, _ in DELIVERABLES]]
    expected = [(f"{n} - Turnaround Time", t, t, "business days", "lower") for n, _, t, _, _ in DELIVERABLES]
    expected += [(f"{n} - Accuracy", a, a, "percent", "higher") for n, _, _, _, a in DELIVERABLES]
    assert table_rows(tmp_path / "schedule.pdf", rows, ruled) == sorted(expected)


def test_a_column_headed_as_the_target_stays_the_tables_one_level_column():
    # a target column: the level of the row's measure, whatever other level-like columns say
    table = [
        ["Service Level", "Target", "Measured over"],
        ["Email availability", "99.9%", "30 days"],
        ["Ticket resolution", "4 hours", "30 days"],
    ]
    found = table_levels(PdfPage(1, "", [table]))
    assert [(f.name, f.level.target, f.level.unit) for f in found] == [
        ("Email availability", 99.9, "percent"),
        ("Ticket resolution", 4.0, "hours"),
    ]


def test_a_credit_column_beside_a_measure_column_is_no_level():
    table = [["Service", "Availability", "Service Credit"], ["Email", "99.9%", "5%"], ["Portal", "99.5%", "3%"]]
    found = table_levels(PdfPage(1, "", [table]))
    assert [(f.name, f.level.target) for f in found] == [
        ("Email - Availability", 99.9),
        ("Portal - Availability", 99.5),
    ]
