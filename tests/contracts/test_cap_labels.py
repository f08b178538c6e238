"""#30, #32: caps on service credits written as a label and its value, as credit tables and term sheets set them
("Monthly credit cap: 12% of the Monthly Charges"), rather than as a sentence. Written in our own wording and
annotated before the reader was run on them: each gives its monthly or its twelve-month cap, and not the other. All
five were read at first sight (7d59264)."""

import pytest

from etl.contracts.credit_clauses import READERS

MONTHLY, YEARLY = READERS["credit_monthly_cap_pct.stated"], READERS["credit_yearly_cap_pct.stated"]


@pytest.mark.parametrize(
    ("text", "monthly", "yearly"),
    [
        ("Maximum Service Credits per month: 12% of the Monthly Charges", 12.0, None),
        ("Monthly credit cap: 12% of the Monthly Charges", 12.0, None),
        ("Credit ceiling (per calendar month): 15% of the monthly fee", 15.0, None),
        ("Annual cap on Service Credits: 8% of the Annual Charges", None, 8.0),
        ("Aggregate Service Credits in any 12 months: capped at 8% of the charges for that period", None, 8.0),
    ],
)
def test_a_cap_written_as_a_label_and_its_value_is_read(text, monthly, yearly):
    assert (MONTHLY(text), YEARLY(text)) == (monthly, yearly)
