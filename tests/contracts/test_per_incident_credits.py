"""#32: a credit of an amount for each incident (ticket, call, request) that misses its time, which the marts count
from the engagement's tickets (fct_service_credit_events), not once per missed level and month. The wordings were
written and annotated before the reader was run on them; at first sight (7341c85) each was read as an amount per
failure, so a month of ten late incidents would have earned one amount, not ten.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from etl.contracts.credit_clauses import read_credit_terms

PER_INCIDENT = [
    (
        "The Supplier shall credit USD 500 for each Priority 1 Incident that is not resolved within the Resolution Time.",
        500,
    ),
    ("For every Severity 1 ticket resolved late, the Customer is entitled to a service credit of EUR 250.", 250),
    ("A credit of $1,000 applies per Critical Incident not restored within four hours.", 1000),
    ("Each call not answered within the target time earns the Customer a rebate of GBP 5.", 5),
    ("Service Credits of INR 10,000 shall accrue per incident resolved outside the agreed resolution time.", 10000),
]
# an amount per missed level, whatever the level is about
PER_FAILURE = [
    (
        "For each Incident Resolution Service Level that is missed in a month, the Supplier shall credit USD 1,000.",
        1000,
    ),
    ("The Customer shall receive a credit of $2,500 for every missed Service Level.", 2500),
]


@pytest.mark.parametrize(("sentence", "amount"), PER_INCIDENT, ids=[s[:40] for s, _ in PER_INCIDENT])
def test_an_amount_for_each_incident_is_priced_per_incident(sentence, amount):
    credit = read_credit_terms([sentence])
    assert (credit.model, Decimal(str(credit.amount))) == ("amount per incident", Decimal(amount))


@pytest.mark.parametrize(("sentence", "amount"), PER_FAILURE, ids=[s[:40] for s, _ in PER_FAILURE])
def test_an_amount_for_each_missed_level_stays_per_failure(sentence, amount):
    credit = read_credit_terms([sentence])
    assert (credit.model, Decimal(str(credit.amount))) == ("amount per failure", Decimal(amount))
