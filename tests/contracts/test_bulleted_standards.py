"""#30: a performance requirements summary whose standard cell stacks several short standards, one bullet each
("- 98% of parcels delivered by the scheduled day", "- No parcels lost in transit", "- Not more than 3 valid
customer complaints per month"), as federal work statements set them. Written in our own wording and annotated
before the reader was run on it; each bullet is a level of its own, named by its objective and its words. At first
sight (3796f10) the ruled table gave 6 of the 7 rows ("No parcels lost in transit" was no level: a fault said of
its thing, not a fault noun) and the unruled one 2 (its dashes were no bullets, so a cell's standards ran together
and a row whose share opened with a dash started no row).
"""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import assert_levels_by_word, table_rows

HEADER = ["Performance Objective", "PWS Ref", "Performance Standard", "Remedy"]
ROWS = [
    [
        "1. Deliver parcels to the\ndepots on schedule.",
        "C.3.1",
        "- 98% of parcels delivered by the\nscheduled day\n- No parcels lost in transit\n- Not more than 3 valid customer\n"
        "complaints per month",
        "5% of the monthly\nprice",
    ],
    [
        "2. Keep the fleet roadworthy.",
        "C.3.2",
        "- 100% of vehicles pass the annual\ninspection\n- Zero road accidents caused by\npoor maintenance",
        "3% of the monthly\nprice",
    ],
    [
        "3. Answer the help line.",
        "C.3.4",
        "- 90% of calls answered within 60\nseconds\n- Call abandonment rate of 5% or\nless",
        "2% of the monthly\nprice",
    ],
]
# each bullet's row: (a word its name must hold, expected, unit, direction, threshold, threshold unit)
EXPECTED = [
    ("scheduled day", 98.0, "percent", "higher", None, None),
    ("lost", 0.0, "count", "lower", None, None),
    ("complaints", 3.0, "count", "lower", None, None),
    ("inspection", 100.0, "percent", "higher", None, None),
    ("accidents", 0.0, "count", "lower", None, None),
    ("calls answered", 90.0, "percent", "higher", 60.0, "seconds"),
    ("abandonment", 5.0, "percent", "lower", None, None),
]
FIELDS = ("metric_name", "expected", "unit", "direction", "threshold", "threshold_unit")


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_each_bullet_of_a_standard_cell_is_a_level_of_its_own(tmp_path, ruled):
    _assert_read_as(tmp_path, ROWS, ruled, EXPECTED)


def _assert_read_as(tmp_path, rows: list[list[str]], ruled: bool, expected: list[tuple]) -> None:
    """The summary's rows are exactly the expected levels, each found by a word of its name."""
    read = table_rows(tmp_path / "prs.pdf", [HEADER, *rows], ruled, fields=FIELDS, heading="PERFORMANCE "
                      "REQUIREMENTS SUMMARY", before="The Contractor shall meet each standard below.")  # fmt: skip
    assert_levels_by_word(read, expected)


# two standards in one cell, joined by a semicolon, each a level of its own. Annotated before the reader was run; at
# first sight (e36ea4a) the ruled table gave 3 of the 5 rows (a cell's two standards were one, and a measure with
# its bound but no verb, "slippage no more than 3%", no level), the unruled one 3 with names run together. Drawn
# without rules it was first read as a table by _words_first_rows: its cells open with words ("At least 85%", "System
# available 99.5%"), and the unruled reader took a column for a table's only where two of its cells open a share.
JOINED = [
    [
        "1. Deliver the upgrade on\nschedule.",
        "C.4.1",
        "At least 85% of milestones met on their\nplanned date; slippage of the overall\nschedule no more than 3%",
        "Rework at no\ncost",
    ],
    [
        "2. Keep the upgraded system\nrunning.",
        "C.4.2",
        "System available 99.5% of scheduled\nhours; no more than 2 unplanned outages\nper month",
        "Rework at no\ncost",
    ],
    ["3. Resolve user problems.", "C.4.3", "95% of tickets resolved within 8\nbusiness hours", "Rework at no\ncost"],
]
JOINED_EXPECTED = [
    ("milestones", 85.0, "percent", "higher", None, None),
    ("slippage", 3.0, "percent", "lower", None, None),
    ("available", 99.5, "percent", "higher", None, None),
    ("outages", 2.0, "count", "lower", None, None),
    ("tickets resolved", 95.0, "percent", "higher", 8.0, "business hours"),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_each_of_two_standards_joined_in_a_cell_is_a_level_of_its_own(tmp_path, ruled):
    _assert_read_as(tmp_path, JOINED, ruled, JOINED_EXPECTED)


@pytest.mark.parametrize(("rows", "expected"), [(ROWS, EXPECTED), (JOINED, JOINED_EXPECTED)], ids=["bullets", "joined"])
def test_a_scan_of_the_ruled_summary_gives_the_levels_the_text_does(tmp_path, rows, expected):
    """A scanned page's ruled table is read cell by cell through Tesseract: a cell's lines are kept until the
    dashes that open them are bullets, as in a drawn table, and the table's words read again from the page's OCR
    text (its columns interleaved) are no further levels. Before, the scan of the bulleted summary gave 0 of its
    7 levels (each cell's standards ran together), and the joined one 2 rows too many."""
    from etl.contracts.terms import extract_contract
    from tests.contracts.paraphrase import write_table_page
    from tests.contracts.test_scanned_pages import mixed_copy

    text = write_table_page(
        tmp_path / "prs.pdf", "PERFORMANCE REQUIREMENTS SUMMARY", "The Contractor shall meet each standard below.",
        [HEADER, *rows], True,
    )  # fmt: skip
    mixed_copy(text, tmp_path / "scan.pdf", {1})
    read = [tuple(getattr(t, f) for f in FIELDS) for t in extract_contract(tmp_path / "scan.pdf", "e", "s").sla_terms]
    assert_levels_by_word(read, expected)
