"""Deadlines by the clock and by a day after the month's end (#30), a known miss on real documents ("by 7:00
a.m."). Sentences in our own wording, annotated before the reader was run on them. A deadline met every time is
a level of 100% of the cases; one met in a share of them is that share; a day within the month is a time, as the
rule "deadline in the month" reads it. Opening hours, an invoice's date and a meeting's time are no levels."""

import pytest

from etl.contracts.terms import extract_from_pages
from etl.pdf_document import PdfPage


def _levels(sentence: str) -> list[tuple]:
    page = "Schedule 4 Service Levels\nThe Supplier shall meet the service levels below.\n" + sentence + "\n"
    rows = extract_from_pages([PdfPage(1, page, [])], "e", "s").sla_terms
    return [(t.expected, t.direction, t.unit, t.threshold, t.threshold_unit) for t in rows]


EVERY_TIME = (100.0, "higher", "percent", None, None)


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("The overnight batch cycle shall complete by 6:00 a.m. each business day.", EVERY_TIME),
        (
            "Daily sales reports shall be available to store managers no later than 08:30 local time in at least "
            "99% of cases.",
            (99.0, "higher", "percent", None, None),
        ),
        (
            "98% of payroll files shall reach the bank by 2:00 p.m. on the business day before the pay date.",
            (98.0, "higher", "percent", None, None),
        ),
        (
            "Month-end close packages shall be delivered no later than the third business day of the following "
            "month.",
            (3.0, "lower", "business days", None, None),
        ),
        (
            "Orders received before 3 p.m. shall be dispatched the same day in 97% of cases.",
            (97.0, "higher", "percent", None, None),
        ),
        ("All shipment notices shall be sent by 18:00 on the day of dispatch.", EVERY_TIME),
        (
            "Bank reconciliations for every account shall be completed by the 5th working day after month end.",
            (5.0, "lower", "business days", None, None),
        ),
        (
            "Exception reports shall be issued by noon on the next business day in 95% of instances.",
            (95.0, "higher", "percent", None, None),
        ),
    ],
)
def test_a_deadline_by_the_clock_or_after_the_months_end_is_a_level(sentence, level):
    assert _levels(sentence) == [level]


@pytest.mark.parametrize(
    "sentence",
    [
        "The office is open from 8:00 a.m. to 6:00 p.m., Monday to Friday.",
        "Invoices shall be submitted by 5:00 p.m. on the last business day of each month.",
        "The Supplier shall attend the review meeting at 10:00 a.m. on the first Tuesday of each quarter.",
    ],
)
def test_opening_hours_an_invoice_date_or_a_meeting_time_is_no_level(sentence):
    assert _levels(sentence) == []
