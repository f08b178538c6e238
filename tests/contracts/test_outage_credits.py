"""#32: a share of the month's charges for each hour the service is out (a fraction of the monthly fee per hour of
unavailability, up to a month's fees: one of the credits ../shared/DOMAIN.md lists), counted from the first hour, which
the marts take from the level's result (fct_service_credit_events.hours_of_outage). The wordings were written and
annotated before the reader was run on them; at first sight (b82ea58) none was read as this model, one was read as a
flat share per failure (a month of ten hours out would have earned 2%, not 20%), and neither cap of a whole month's
charges was read.
"""

from __future__ import annotations

import pytest

from etl.contracts.credit_clauses import priced, read_credit_terms
from etl.records import Provenance, SlaTerm

# (sentence, (share of the month's charges per hour, whether a part hour counts as a whole one))
PER_HOUR = [
    (
        "The Supplier shall credit the Customer one thirtieth of the Monthly Charges for each hour the Hosting "
        "Service is unavailable.",
        (100 / 30, False),
    ),
    (
        "A service credit equal to 2% of the monthly charges applies for each full hour of unscheduled outage.",
        (2.0, False),
    ),
    (
        "Customer will receive a credit of one-twentieth (1/20) of that month's fees per hour (or part of an hour) "
        "during which the Platform is not available.",
        (5.0, True),
    ),
    (
        "Where the Service is down, the Provider shall refund 4 per cent of the monthly service charges for every "
        "hour of the interruption or any part of an hour.",
        (4.0, True),
    ),
    ("For every hour of Downtime the Vendor shall issue a credit of 1/24th of the monthly fee.", (100 / 24, False)),
]
WHOLE_MONTH_CAPS = [
    "Outage credits in any month shall not exceed the Monthly Charges for that month.",
    "Downtime credits are payable up to one month's service charges.",
]
# hours past a level or an allowance, a price per hour of work, a share per failure: not hours out
NOT_PER_HOUR = [
    (
        "A credit of 3% of the monthly fees is due for each hour or part of an hour by which the Resolution Time "
        "exceeds its level.",
        "% per step short",
    ),
    (
        "For each hour of downtime in excess of the 4 hours allowed each month, a credit of 1% of the monthly fee "
        "applies.",
        "% per step short",
    ),
    ("The Customer shall pay USD 150 per hour for on-site support outside business hours.", None),
    (
        "For each Service Level Failure, the Supplier shall credit the Customer 4% of the Monthly Charges.",
        "flat % per failure",
    ),
]


@pytest.mark.parametrize(("sentence", "expected"), PER_HOUR, ids=[s[:40] for s, _ in PER_HOUR])
def test_a_share_for_each_hour_out_is_priced_per_hour_of_outage(sentence, expected):
    credit = read_credit_terms([sentence])
    assert credit.model == "% per hour of outage"
    assert credit.pct == pytest.approx(expected[0], abs=1e-12) and credit.step == (1.0, "hours", expected[1])


@pytest.mark.parametrize("sentence", WHOLE_MONTH_CAPS)
def test_a_cap_of_the_whole_months_charges_is_100_percent(sentence):
    assert read_credit_terms([sentence]).monthly_cap_pct == 100.0


@pytest.mark.parametrize(("sentence", "model"), NOT_PER_HOUR, ids=[s[:40] for s, _ in NOT_PER_HOUR])
def test_hours_past_a_level_or_of_work_are_not_hours_out(sentence, model):
    assert read_credit_terms([sentence]).model == model


def _level(name: str, unit: str, direction: str = "higher") -> SlaTerm:
    slug = name.lower().replace(" ", "_")
    return SlaTerm("e", slug, name, unit, direction, None, 99.9, 99.5, 0.0, "monthly", 0.9, Provenance("f", 1, name))


def test_hours_out_price_only_the_levels_that_tell_them():
    """Availability as a share of the month and downtime as a time tell the hours out; a resolution time and a
    share of calls answered do not, so they stay unpriced for review."""
    credit = read_credit_terms([PER_HOUR[2][0]])
    rows = [
        _level("System Availability", "percent"),
        _level("Unplanned Downtime", "minutes", "lower"),
        _level("Incident Resolution Time", "hours", "lower"),
        _level("Calls Answered", "percent"),
    ]
    got = {
        r.metric_name: (r.credit_model, r.credit_pct, r.credit_step, r.credit_part_step_counts)
        for r in priced(rows, credit)
    }
    assert got == {
        "System Availability": ("% per hour of outage", 5.0, 1.0, True),
        "Unplanned Downtime": ("% per hour of outage", 5.0, 1.0, True),
        "Incident Resolution Time": (None, None, None, None),
        "Calls Answered": (None, None, None, None),
    }
