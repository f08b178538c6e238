"""Deadlines by the clock and by a day after the month's end (#30), a known miss on real documents ("by 7:00
a.m."). Sentences in our own wording, annotated before the reader was run on them. The shared set's annotation
notes fix the convention: a deadline by the clock states no level of its own (target null, a secondary row), so
the reader gives no row for it; where a share of the cases must meet it, the share is the level, with no
threshold; an ordinal day after a period's end is a number of days. Opening hours, an invoice's date and a
meeting's time are no levels either.

At first I annotated the two deadlines by the clock alone as met in every case (100%), against that convention,
and wrote a rule for them in c95b327; it is withdrawn, and the two are annotated as the convention has them.
Scored on the corrected annotation, the code before c95b327 read 5 of the 6 levels and gave no row for all 5 of
the sentences without one."""

import pytest

from tests.contracts.paraphrase import sentence_levels, sentence_rows


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
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
            "Month-end close packages shall be delivered no later than the third business day of the following month.",
            (3.0, "lower", "business days", None, None),
        ),
        (
            "Orders received before 3 p.m. shall be dispatched the same day in 97% of cases.",
            (97.0, "higher", "percent", None, None),
        ),
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
def test_a_share_met_by_the_clock_or_a_day_after_the_months_end_is_a_level(sentence, level):
    assert sentence_levels(sentence) == [level]


@pytest.mark.parametrize(
    "sentence",
    [
        "The overnight batch cycle shall complete by 6:00 a.m. each business day.",
        "All shipment notices shall be sent by 18:00 on the day of dispatch.",
        "The office is open from 8:00 a.m. to 6:00 p.m., Monday to Friday.",
        "Invoices shall be submitted by 5:00 p.m. on the last business day of each month.",
        "The Supplier shall attend the review meeting at 10:00 a.m. on the first Tuesday of each quarter.",
    ],
)
def test_a_deadline_by_the_clock_alone_or_a_time_that_is_no_level_gives_no_row(sentence):
    assert sentence_levels(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Daily sales reports shall be available by 7 a.m. in at least 99% of cases.", "Daily sales reports"),
        ("Orders received after 2 p.m. shall be shipped within 24 hours.", "Orders received after 2 p.m."),
    ],
)
def test_a_time_of_day_inside_a_sentence_does_not_end_it(sentence, name):
    """Cut after "a.m.", the level was read from the words after it and named by them ("in at least 99% of
    cases.")."""
    (row,) = sentence_rows(sentence)
    assert row.metric_name.startswith(name)
