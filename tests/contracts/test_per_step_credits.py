"""A credit for each step a result falls short of its level ("2% of the Monthly Charges for each 0.1% below"),
read from contract text and priced on the level in its own unit (#32)."""

import pytest

from etl.contracts.credit_clauses import per_step_share, read_credit_terms
from etl.contracts.level_text import normalise
from tests.contracts.test_credit_clauses import _contract_pdf

# written before the reader was run on them, in wordings other than the rule's examples: a step before or after
# the share, in percentage points, minutes, hours and days, whole steps or parts. At first sight the reader read
# 4 of the 8 (it lacked "lower" and "excess" as shortfall words, "each day" without "for", and charges "for the
# month" reduced by a share)
WORDINGS = [
    (
        "If Availability in a month is lower than the Minimum Service Level, the Supplier shall grant a Service "
        "Credit equal to 1.5% of the Monthly Charges for every 0.1% by which it is lower.",
        (1.5, 0.1, "percent", False),
    ),
    (
        "Service Credit: 2% of the monthly fee for each whole percentage point of shortfall against the Service Level.",
        (2.0, 1.0, "percent", False),
    ),
    (
        "The Charges for the month shall be reduced by 0.5% for each 0.05% (or any part thereof) that Uptime falls "
        "short of the Service Level.",
        (0.5, 0.05, "percent", True),
    ),
    (
        "Where the average Response Time exceeds the Service Level, the Customer shall receive a credit of 1% of the "
        "Monthly Charges for each 15 minutes of excess.",
        (1.0, 15.0, "minutes", False),
    ),
    (
        "For each full hour by which Mean Time to Restore is over the Service Level, a rebate of 2 per cent of the "
        "monthly service charges shall apply.",
        (2.0, 1.0, "hours", False),
    ),
    (
        "A credit of five percent (5%) of the Monthly Fees shall be issued per one percent (1%) or fraction thereof "
        "below the committed level.",
        (5.0, 1.0, "percent", True),
    ),
    (
        "Each day, or part of a day, by which a Deliverable is late against the Service Level earns a credit of 1% "
        "of the Monthly Charges.",
        (1.0, 1.0, "days", True),
    ),
    (
        "The Supplier shall refund 3% of the month's charges for every 0.5 percentage points by which Call Answer "
        "Rate is less than the Service Level.",
        (3.0, 0.5, "percent", False),
    ),
]
NOT_PER_STEP = [
    # a flat price per failure, whose sentence also says "below"
    "The Supplier shall credit 3% of the Monthly Charges for each Service Level that falls below its Minimum.",
    "Credits for each month in which Availability falls below the level shall not exceed 10% of the Monthly Charges.",
    # a price rise, not a credit
    "For each 1% increase in volume above the baseline, the Charges shall rise by 0.8% of the monthly fees.",
]


@pytest.mark.parametrize("sentence, expected", WORDINGS)
def test_a_share_per_step_short_is_read_in_each_wording(sentence, expected):
    assert per_step_share(normalise(sentence)) == expected


@pytest.mark.parametrize("sentence", NOT_PER_STEP)
def test_a_flat_price_a_cap_or_a_price_rise_is_no_step(sentence):
    assert per_step_share(normalise(sentence)) is None


def test_a_step_short_is_not_also_read_as_a_flat_price():
    credit = read_credit_terms([WORDINGS[0][0]])
    assert (credit.model, credit.pct, credit.step) == ("% per step short", 1.5, (0.1, "percent", False))


def _priced(tmp_path, clause: str) -> dict[str, tuple]:
    from etl.contracts.terms import extract_contract

    rows = extract_contract(_contract_pdf(tmp_path / "c.pdf", [clause]), "e", "sha").sla_terms
    return {r.metric_name: (r.credit_model, r.credit_pct, r.credit_step, r.credit_part_step_counts) for r in rows}


def test_a_step_of_percentage_points_prices_the_percent_levels(tmp_path):
    # the schedule's two levels are both percentages: each is priced per 0.1 short, a part step counting
    assert _priced(tmp_path, WORDINGS[2][0]) == {
        "Portal availability": ("% per step short", 0.5, 0.05, True),
        "Ticket closure": ("% per step short", 0.5, 0.05, True),
    }


def test_a_step_of_time_cannot_price_a_percent_level_and_leaves_it_for_review(tmp_path):
    assert _priced(tmp_path, WORDINGS[3][0]) == {
        "Portal availability": (None, None, None, None),
        "Ticket closure": (None, None, None, None),
    }


def test_a_step_in_minutes_prices_a_level_in_hours_in_hours():
    from dataclasses import replace

    from etl.contracts.credit_clauses import priced
    from etl.records import Provenance, SlaTerm

    level = SlaTerm(
        "e",
        "restore",
        "Time to restore",
        "hours",
        "lower",
        None,
        4.0,
        6.0,
        0.0,
        "monthly",
        0.9,
        Provenance("f", 1, "s"),
    )
    availability = replace(level, metric_id="avail", unit="percent", direction="higher", expected=99.9, minimum=99.5)
    out = priced([level, availability], read_credit_terms([WORDINGS[3][0]]))
    assert [(r.credit_model, r.credit_step) for r in out] == [("% per step short", 0.25), (None, None)]
