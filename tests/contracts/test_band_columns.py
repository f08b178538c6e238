"""#30: two more schedule layouts, in our own wording, annotated before the reader was run on them.

- Red, amber and green bands ("Key Performance Indicator | Green | Amber | Red"): the green band's bound is the
  target and the red band's the minimum, whichever way the level runs.
- A performance measure and a threshold beside a key indicator, the column names of the model services
  contracts of UK public-sector outsourcing: the measure is the target and the threshold the minimum; the key
  indicator is a category that repeats, not the level's name.

At first sight the reader read 12 of the 16 rows: the unruled bands gave none and one false row, as pdfplumber
read the Symbol font's ≥ and ≤ as "‡" and "£", the page's lines of banded shares were not taken for a table's,
and the last cell of one row ran past the edge the text strategy drew.
"""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import table_rows

BANDS = [
    (
        ["Service Desk Availability", "\u2265 99.8%", "99.0% to 99.79%", "< 99.0%"],
        ("Service Desk Availability", 99.8, 99.0, "percent", "higher"),
    ),
    (
        ["Priority 2 Incident Resolution", "\u2264 8 hours", "8 to 12 hours", "> 12 hours"],
        ("Priority 2 Incident Resolution", 8.0, 12.0, "hours", "lower"),
    ),
    (
        ["Payroll Accuracy", "\u2265 99.5%", "98.5% to 99.49%", "< 98.5%"],
        ("Payroll Accuracy", 99.5, 98.5, "percent", "higher"),
    ),
    (
        ["First Contact Resolution", "\u2265 75%", "70% to 74.9%", "< 70%"],
        ("First Contact Resolution", 75.0, 70.0, "percent", "higher"),
    ),
]
MEASURE_AND_THRESHOLD = [
    (
        ["Accurate and timely invoicing", "Quality", "98%", "95%"],
        ("Accurate and timely invoicing", 98.0, 95.0, "percent", "higher"),
    ),
    (
        ["Hosting platform availability", "Availability", "99.7%", "99.0%"],
        ("Hosting platform availability", 99.7, 99.0, "percent", "higher"),
    ),
    (
        ["Service desk calls answered within 30 seconds", "Help Desk", "92%", "85%"],
        ("Service desk calls answered within 30 seconds", 92.0, 85.0, "percent", "higher"),
    ),
    (
        ["Severity 2 incidents resolved within 8 hours", "Help Desk", "95%", "90%"],
        ("Severity 2 incidents resolved within 8 hours", 95.0, 90.0, "percent", "higher"),
    ),
]
LAYOUTS = {
    "bands": (["Key Performance Indicator", "Green", "Amber", "Red"], BANDS),
    "measure and threshold": (
        [
            "Service Level Performance Criterion",
            "Key Indicator",
            "Service Level Performance Measure",
            "Service Level Threshold",
        ],
        MEASURE_AND_THRESHOLD,
    ),
}


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_each_row_is_read_with_its_target_and_minimum(tmp_path, layout, ruled):
    header, rows = LAYOUTS[layout]
    read = table_rows(tmp_path / "schedule.pdf", [header, *[cells for cells, _ in rows]], ruled)
    assert read == sorted(level for _, level in rows)


def test_a_symbol_fonts_signs_are_read_as_written_only_in_that_font():
    from etl.pdf_document import _signs_as_written

    assert _signs_as_written({"text": "£", "fontname": "Symbol"})["text"] == "\u2264"
    assert _signs_as_written({"text": "‡", "fontname": "ABCDEE+Symbol"})["text"] == "\u2265"
    # a pound sign in any other font is money
    assert _signs_as_written({"text": "£500", "fontname": "Helvetica"})["text"] == "£500"
