"""#30: unruled schedule tables, read from the text layer and from a scan of the same page inside a text PDF
(printed and scanned back at 200 dpi). Written in our own wording, each row's truth written before the reader
ran: a level beside a column of windows; expected and minimum times; expected and minimum shares beside a
weighting; and rows numbered 1, 2, 3 before their names. A table that states no window gets the reader's
default, monthly, the usual period of a service level (the truth was first written with no window there, so 8
of the 12 rows counted right at first sight below are right only under that convention).

At first sight (1a996bf) the text gave 12 of 16 rows and each scan the same rows as its text: the numbered rows
gave none, their numbers read as levels.

The other table sets' unruled pages, scanned the same way: at 21bc43d their scans gave 38 of the 112 rows their
text gives (and 16 rows the text does not), as OCR text joins a line's cells with one space, so an unruled table
whose cells wrap was lost. Now a scanned page's unruled table is found, like a text page's, by where its words
stand (Tesseract's word boxes through pdfplumber's text strategy): 102 of 112 (6 others). Three of those sets
are kept below."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

from etl.contracts.schedule_content import _row_numbers
from etl.contracts.terms import extract_contract
from tests.contracts import test_bulleted_standards as bullets
from tests.contracts import test_words_first_standards as words_first
from tests.contracts import test_wrapped_cells as wrapped
from tests.contracts.paraphrase import LEVEL_FIELDS, write_columns_page, write_table_page
from tests.contracts.test_scanned_pages import mixed_copy

# name: (header, column positions, rows, truth as (name, expected, minimum, unit, window, weighting))
TABLES = {
    "level and window": (
        ["Service Measure", "Target", "Measurement Period"],
        [72, 330, 430],
        [
            ["Application availability", "99.8%", "Monthly"],
            ["First contact resolution", "75%", "Monthly"],
            ["Invoice processing accuracy", "99.5%", "Quarterly"],
            ["Customer satisfaction score", "85%", "Quarterly"],
        ],
        {
            ("Application availability", 99.8, 99.8, "percent", "monthly", 0.0),
            ("First contact resolution", 75.0, 75.0, "percent", "monthly", 0.0),
            ("Invoice processing accuracy", 99.5, 99.5, "percent", "quarterly", 0.0),
            ("Customer satisfaction score", 85.0, 85.0, "percent", "quarterly", 0.0),
        },
    ),
    "expected and minimum times": (
        ["Service Level", "Expected", "Minimum"],
        [72, 330, 450],
        [
            ["Priority 1 incident response", "15 minutes", "30 minutes"],
            ["Priority 2 incident response", "1 hour", "2 hours"],
            ["Priority 1 incident resolution", "4 hours", "8 hours"],
            ["Priority 2 incident resolution", "8 hours", "12 hours"],
        ],
        {
            ("Priority 1 incident response", 15.0, 30.0, "minutes", "monthly", 0.0),
            ("Priority 2 incident response", 1.0, 2.0, "hours", "monthly", 0.0),
            ("Priority 1 incident resolution", 4.0, 8.0, "hours", "monthly", 0.0),
            ("Priority 2 incident resolution", 8.0, 12.0, "hours", "monthly", 0.0),
        },
    ),
    "expected and minimum shares with a weighting": (
        ["Critical Service Level", "Expected", "Minimum", "Weighting"],
        [72, 300, 380, 460],
        [
            ["Data centre availability", "99.95%", "99.7%", "25%"],
            ["Batch jobs completed on time", "98%", "96%", "15%"],
            ["Backup success rate", "99%", "97%", "10%"],
            ["Security patches applied in window", "95%", "90%", "10%"],
        ],
        {
            ("Data centre availability", 99.95, 99.7, "percent", "monthly", 25.0),
            ("Batch jobs completed on time", 98.0, 96.0, "percent", "monthly", 15.0),
            ("Backup success rate", 99.0, 97.0, "percent", "monthly", 10.0),
            ("Security patches applied in window", 95.0, 90.0, "percent", "monthly", 10.0),
        },
    ),
    "numbered rows": (
        ["No.", "Performance Indicator", "Standard", "Period"],
        [72, 110, 360, 450],
        [
            ["1", "Payroll runs paid on the due date", "100%", "Monthly"],
            ["2", "Supplier invoices paid within terms", "97%", "Monthly"],
            ["3", "Queries answered within 2 days", "90%", "Monthly"],
            ["4", "Month-end close completed on schedule", "95%", "Quarterly"],
        ],
        {
            ("Payroll runs paid on the due date", 100.0, 100.0, "percent", "monthly", 0.0),
            ("Supplier invoices paid within terms", 97.0, 97.0, "percent", "monthly", 0.0),
            ("Queries answered within 2 days", 90.0, 90.0, "percent", "monthly", 0.0),
            ("Month-end close completed on schedule", 95.0, 95.0, "percent", "quarterly", 0.0),
        },
    ),
}


def _contract(path: Path, header: list[str], xs: list[int], rows: list[list[str]]) -> Path:
    """A cover page of prose, then the schedule's page with its table drawn without rules."""
    return write_columns_page(
        path,
        ("SCHEDULE 3 - SERVICE LEVELS", "", "The Supplier shall meet the service levels in the table below."),
        header,
        rows,
        xs,
        "Service credits for missed service levels are set out in Schedule 4.",
        cover=("MASTER SERVICES AGREEMENT", "", "The Supplier provides the Services set out in the schedules."),
    )


def _rows(path: Path) -> set[tuple]:
    return {
        (t.metric_name, t.expected, t.minimum, t.unit, t.measurement_window, t.allocation_pct)
        for t in extract_contract(path, "e", "sha").sla_terms
    }


@pytest.mark.parametrize("name", sorted(TABLES))
def test_an_unruled_table_reads_the_same_rows_from_text_and_from_its_scan(tmp_path, name):
    header, xs, rows, truth = TABLES[name]
    text = _contract(tmp_path / "text.pdf", header, xs, rows)
    scan = tmp_path / "scan.pdf"
    mixed_copy(text, scan, {2})
    assert _rows(text) == truth
    assert _rows(scan) == truth


def test_only_numbers_that_count_up_line_by_line_number_rows():
    assert _row_numbers(["1 Payroll paid 100%", "wrapped name", "2. Invoices paid 97%", "3 Queries 90%"]) == {0, 2, 3}
    assert _row_numbers(["3.1 Uptime 99.5%", "3.2 Restores 98%"]) == {0, 1}
    # a count or a level opening a line, with no number counting on from it, is no row's number
    assert _row_numbers(["2 on-site engineers 95%", "Backup success 99%"]) == set()
    assert _row_numbers(["99.5 percent of calls answered", "99.6 percent of calls logged"]) == set()
    assert _row_numbers(["4 Priority 1 tickets 95%", "4 Priority 2 tickets 90%"]) == set()
    assert _row_numbers(["1 Payroll paid 100%", "3 Queries 90%"]) == set()


SUMMARY = ("PERFORMANCE REQUIREMENTS SUMMARY", "The Contractor shall meet each standard below.")
SCHEDULE = ("SCHEDULE 4 - SERVICE LEVELS", "The Supplier shall meet each Target and never fall below the Minimum.")
# unruled tables of the other sets: (heading and lead, rows, valign, the fields compared)
OTHER_SETS = {
    "names and descriptions wrapped": (SCHEDULE, wrapped._rows(True), "TOP", LEVEL_FIELDS),
    "standards that open with words": (SUMMARY, [words_first.HEADER, *words_first.WRAPPED], None, words_first.FIELDS),
    "bulleted standards": (SUMMARY, [bullets.HEADER, *bullets.ROWS], None, bullets.FIELDS),
}


@pytest.mark.parametrize("name", sorted(OTHER_SETS))
def test_a_scan_of_an_unruled_table_whose_cells_wrap_reads_what_its_text_does(tmp_path, name):
    (heading, lead), rows, valign, fields = OTHER_SETS[name]
    text = write_table_page(tmp_path / "text.pdf", heading, lead, rows, False, valign=valign)
    mixed_copy(text, tmp_path / "scan.pdf", {1})

    def read(path: Path) -> list[tuple]:
        return sorted(tuple(getattr(t, f) for f in fields) for t in extract_contract(path, "e", "s").sla_terms)

    from_text = read(text)
    assert len(from_text) >= 4  # the text version reads the set's levels (its own test checks which)
    assert read(tmp_path / "scan.pdf") == from_text


# a level per bullet, its name in sentence case, set apart from its levels by a spaced hyphen or an en dash
BULLETS = [
    ("Network availability", "Target 99.9%, Floor 99.5%", 99.9, 99.5, "percent"),
    ("Severity 1 restoration", "Target 4 hours, Floor 8 hours", 4.0, 8.0, "hours"),
    ("Payroll accuracy", "Target 99.8%, Floor 99.0%", 99.8, 99.0, "percent"),
    ("Desk calls answered", "Target 92%, Floor 88%", 92.0, 88.0, "percent"),
]


@pytest.mark.parametrize("dash", [" - ", " \u2013 "], ids=["hyphen", "en dash"])
def test_a_spaced_dash_sets_a_bullets_name_apart_from_its_levels(tmp_path, dash):
    """Names in sentence case, written before the reader ran on them: at 66a1a20 one row of the four with either
    dash, and that one wrong (the restoration's floor of 8 hours read as 4): a bullet's name was only a title-case
    phrase, and a spaced hyphen joined such a phrase to the level words after it. Now a bullet opens a run-in name
    as a clause number does, and a spaced dash ends it as a colon does."""
    c = canvas.Canvas(str(tmp_path / "bullets.pdf"), pagesize=LETTER, invariant=1)
    y = 740
    lines = ["SCHEDULE 2 - SERVICE LEVELS", "The Supplier shall meet each level below in every month."]
    for line in lines + [f"\u2022 {name}{dash}{levels}" for name, levels, *_ in BULLETS]:
        c.drawString(72, y, line)
        y -= 16
    c.showPage()
    c.save()
    read = {
        (t.metric_name, t.expected, t.minimum, t.unit)
        for t in extract_contract(tmp_path / "bullets.pdf", "e", "s").sla_terms
    }
    assert read == {(name, e, m, unit) for name, _, e, m, unit in BULLETS}
