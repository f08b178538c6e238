"""A schedule written one numbered paragraph per level, in sentences (#30): the name is the paragraph's heading, on
its own line or run in ("(a) Backup Success. ..."); the levels are the values the sentences state, whatever words
label them, paired by content (the better side is the expected level); a labelled weighting on its own line
belongs to the paragraph above it. The pages are in our own wording, each written before the reader was run on it;
the code before this change read none of their levels."""

import pytest

from etl.contracts.terms import extract_from_pages
from etl.pdf_document import PdfPage

HEADINGS_ON_THEIR_OWN_LINES = """Schedule 3 - Service Levels
3.1 Network Availability
The agreed level is 99.9% and the lowest acceptable level is 99.5%, measured each month; its weighting is 40%.
3.2 Service Desk Speed to Answer
The Supplier shall answer 90% of calls within 30 seconds, and never fewer than 85%, measured monthly. This
Critical Service Level carries a weighting of 20%.
3.3 Severity 1 Incident Resolution
Severity 1 incidents shall be resolved within 4 hours. The Expected Service Level is 95% and the Minimum Service
Level is 90%. The Measurement Window is one calendar month and the Weighting is 25%.
3.4 Payroll Accuracy
Expected performance is 99.5 percent of payslips issued without error, with a minimum of 98 percent, measured
quarterly; weighting 15 percent.
"""

RUN_IN_HEADINGS = """Critical Service Levels
(a) Application Availability. The Vendor will make the application available 99.8% of the time in each month
(the Target), and no less than 99.0% (the Floor). Weighting: 30%.
(b) Batch Completion. Nightly batch jobs shall finish by 06:00 on 98% of business days (target), with a floor of
95%. Weighting: 10%.
(c) Change Success Rate. At least 97% of changes shall succeed (the Expected Level); the Minimum Level is 94%.
Weighting: 10%.
"""

ROMAN_RUN_IN = """Annex B Key Performance Indicators
(i) Backup Success. Backups complete successfully on 99% of nights; Minimum: 97%; Weighting: 50%.
(ii) Restore Time. 95% of restore requests are completed within 8 hours, never less than 90%; Weighting: 50%.
"""


UNNUMBERED_HEADINGS = """Service Levels
Network Availability
The agreed level is 99.9% and the lowest acceptable level is 99.5%, measured each month; its weighting is 40%.
Service Desk Speed to Answer
The Supplier shall answer 90% of calls within 30 seconds, and never fewer than 85%, measured monthly. Its
weighting is 35%.
Payroll Accuracy
Expected performance is 99.5 percent of payslips issued without error, with a minimum of 98 percent, measured
quarterly; weighting 25 percent.
"""


def _rows(text: str):
    terms = extract_from_pages([PdfPage(1, text, [])], "e", "s").sla_terms
    return [(t.metric_name, t.expected, t.minimum, t.allocation_pct, t.threshold, t.threshold_unit) for t in terms]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            HEADINGS_ON_THEIR_OWN_LINES,
            [
                ("Network Availability", 99.9, 99.5, 40.0, None, None),
                # the time the share is done within is its threshold, not a third level
                ("Service Desk Speed to Answer", 90.0, 85.0, 20.0, 30.0, "seconds"),
                # a grade's number is part of the name, not a level
                ("Severity 1 Incident Resolution", 95.0, 90.0, 25.0, 4.0, "hours"),
                ("Payroll Accuracy", 99.5, 98.0, 15.0, None, None),
            ],
        ),
        (
            RUN_IN_HEADINGS,
            [
                ("Application Availability", 99.8, 99.0, 30.0, None, None),
                # a time of day is no level
                ("Batch Completion", 98.0, 95.0, 10.0, None, None),
                ("Change Success Rate", 97.0, 94.0, 10.0, None, None),
            ],
        ),
        (
            ROMAN_RUN_IN,
            [("Backup Success", 99.0, 97.0, 50.0, None, None), ("Restore Time", 95.0, 90.0, 50.0, 8.0, "hours")],
        ),
        (
            UNNUMBERED_HEADINGS,
            [
                ("Network Availability", 99.9, 99.5, 40.0, None, None),
                ("Service Desk Speed to Answer", 90.0, 85.0, 35.0, 30.0, "seconds"),
                ("Payroll Accuracy", 99.5, 98.0, 25.0, None, None),
            ],
        ),
    ],
    ids=["headings on their own lines", "run-in headings", "roman run-in headings", "unnumbered headings"],
)
def test_one_numbered_paragraph_per_level_is_read_by_content(text, expected):
    assert _rows(text) == expected


def test_the_window_each_paragraph_states_is_its_own():
    windows = [
        t.measurement_window
        for t in extract_from_pages([PdfPage(1, HEADINGS_ON_THEIR_OWN_LINES, [])], "e", "s").sla_terms
    ]
    assert windows == ["monthly", "monthly", "monthly", "quarterly"]


def test_numbered_paragraphs_that_share_out_money_are_no_schedule():
    """Numbered paragraphs whose first line wraps mid-sentence ("... sold to") are no headings, and the shares they
    state are of money: no level."""
    text = (
        "5. Fees\n"
        "5.1 For each licence the Reseller sells to\n"
        "government customers, the Reseller shall remit to the Owner the greater of five percent (5%) of list\n"
        "price or twenty-five percent (25%) of the margin it earns on that licence.\n"
        "5.2 For each licence the Reseller sells to\n"
        "education customers, the Reseller shall remit to the Owner the greater of five percent (5%) of list\n"
        "price or twenty-five percent (25%) of the margin it earns on that licence.\n"
        "5.3 For each licence the Owner sells in\n"
        "the Territory, the Owner shall remit to the Reseller the greater of five percent (5%) of list price or\n"
        "twenty-five percent (25%) of the margin it earns on that licence.\n"
    )
    assert _rows(text) == []
