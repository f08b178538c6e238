"""#30: service levels as outsourcing agreements state them in a sentence each, in our own wording, annotated
before the reader was run on them: (expected, direction, unit, threshold, threshold unit)."""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import sentence_levels

SENTENCES = [
    (
        "The Supplier will ensure that no less than 98% of all Service Requests are fulfilled within five (5) "
        "Business Days.",
        [(98.0, "higher", "percent", 5.0, "business days")],
    ),
    (
        "The System shall be Available at least 99.7% of the Scheduled Uptime in each Measurement Period.",
        [(99.7, "higher", "percent", None, None)],
    ),
    (
        "Root cause analysis reports will be delivered within 10 Business Days of the resolution of a Severity 1 "
        "Incident in 95% of cases.",
        [(95.0, "higher", "percent", 10.0, "business days")],
    ),
    ("The average speed to answer shall not exceed 30 seconds.", [(30.0, "lower", "seconds", None, None)]),
    (
        "The Supplier shall achieve a first call resolution rate of at least 70%.",
        [(70.0, "higher", "percent", None, None)],
    ),
    ("The Abandonment Rate shall be less than 5%.", [(5.0, "lower", "percent", None, None)]),
    ("Backups shall complete successfully on 99% of scheduled nights.", [(99.0, "higher", "percent", None, None)]),
    (
        "Not more than two (2) Severity 1 Incidents shall occur in any calendar month.",
        [(2.0, "lower", "count", None, None)],
    ),
]


@pytest.mark.parametrize(("sentence", "levels"), SENTENCES, ids=[s[:40] for s, _ in SENTENCES])
def test_an_outsourcing_sentence_gives_its_level(sentence, levels):
    assert sentence_levels(sentence) == levels
