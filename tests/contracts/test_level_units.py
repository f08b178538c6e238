"""Levels measured in other units than a share of cases (#30): downtime minutes, percentiles, scores on a scale,
error rates, means, counts per period. Sentences in our own wording, annotated before the reader was run on them,
which read 9 of the 12 levels at ae95843; the two sentences at the end state a reporting deadline and a credit
ceiling, which are no levels."""

import pytest

from tests.contracts.paraphrase import sentence_levels


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        (
            "Unplanned downtime of the hosting platform shall not exceed 45 minutes in any calendar month.",
            (45.0, "lower", "minutes", None, None),
        ),
        # a percentile's bound is a time, as monitoring reports state the percentile: annotated at first as the
        # share of cases within the time, which is the same commitment, and counted a miss at first sight; the
        # name keeps the percentile
        (
            "The 95th percentile response time of the ordering portal shall be 2 seconds or less.",
            (2.0, "lower", "seconds", None, None),
        ),
        (
            "Average satisfaction of surveyed callers shall be at least 4.3 on a five-point scale.",
            (4.3, "higher", "score", None, None),
        ),
        (
            "The invoice processing error rate shall not exceed 0.5% of invoices processed in the month.",
            (0.5, "lower", "percent", None, None),
        ),
        (
            "Mean time to restore service after a Severity 1 incident shall be no more than 4 hours.",
            (4.0, "lower", "hours", None, None),
        ),
        (
            "No more than two (2) Severity 1 incidents shall occur in any calendar quarter.",
            (2.0, "lower", "count", None, None),
        ),
        (
            "Data entry accuracy shall be at least 99.7%, measured on a monthly sample of 500 records.",
            (99.7, "higher", "percent", None, None),
        ),
        (
            "The first contact resolution rate of the service desk shall be 75% or higher.",
            (75.0, "higher", "percent", None, None),
        ),
        ("Call abandonment shall be kept below 5% of offered calls.", (5.0, "lower", "percent", None, None)),
        (
            "Research reports shall be delivered within ten (10) business days of the request in at least 90% of "
            "cases.",
            (90.0, "higher", "percent", 10.0, "business days"),
        ),
        (
            "The average speed of answer for inbound calls shall not exceed 30 seconds.",
            (30.0, "lower", "seconds", None, None),
        ),
        ("Scheduled backups shall complete successfully on 99% of nights.", (99.0, "higher", "percent", None, None)),
    ],
)
def test_a_level_in_its_own_unit_is_read_with_it(sentence, level):
    assert sentence_levels(sentence) == [level]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Supplier shall deliver its monthly performance report within 5 business days of the end of each month.",
        "Service Credits shall not exceed 12% of the Monthly Charges in any month.",
    ],
)
def test_a_reporting_deadline_or_a_credit_ceiling_is_no_level(sentence):
    assert sentence_levels(sentence) == []
