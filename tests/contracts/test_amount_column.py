"""#30, #32: a schedule whose credit column prices each missed level with an amount of money, not a share of the
charges ("USD 2,500", "$1,000 per failure", "EUR 750"), ruled and unruled. Written in our own wording and
annotated before the reader was run on it: each level keeps its own amount, and no amount becomes a level. At first
sight (b0433d6) no table was exact: ruled, each level took the first row's amount as the contract's one price;
unruled, no row was read (one level and an amount on a line was no row)."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.contracts.terms import extract_contract
from tests.contracts.paraphrase import write_table_page

# name, target, credit cell, amount
LEVELS = [
    ("Portal Availability", "99.7%", "2,500", 2500.0),
    ("Payroll Accuracy", "99.5%", "1,000", 1000.0),
    ("Query Answer Rate", "92%", "750", 750.0),
]
CELLS = {
    "code before": lambda amount: f"USD {amount}",
    "symbol and per failure": lambda amount: f"${amount} per failure",
}


def _pdf(path: Path, cells: str, ruled: bool) -> Path:
    return write_table_page(
        path,
        "SCHEDULE 2 - SERVICE LEVELS AND CREDITS",
        "Each level is measured monthly. A missed level is credited as the table shows.",
        [["Service", "Target", "Service Credit"], *[[n, t, CELLS[cells](c)] for n, t, c, _ in LEVELS]],
        ruled,
    )


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("cells", CELLS)
def test_a_column_of_amounts_prices_each_level_with_its_own(tmp_path, cells, ruled):
    rows = extract_contract(_pdf(tmp_path / "schedule.pdf", cells, ruled), "e", "sha").sla_terms
    assert sorted((t.metric_name, t.expected, t.unit, t.credit_model, t.credit_amount) for t in rows) == sorted(
        (n, float(t.rstrip("%")), "percent", "amount per failure", amount) for n, t, _, amount in LEVELS
    )


# an amount per incident on levels a ticket's clock measures: each late ticket earns it (fct_service_credit_events)
INCIDENT_LEVELS = [
    ("Priority 1 Incident Resolution", "95%", "500", 500.0),
    ("Priority 2 Incident Response", "90%", "150", 150.0),
]


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_an_amount_per_incident_on_ticket_levels_is_priced_per_incident(tmp_path, ruled):
    pdf = write_table_page(
        tmp_path / "schedule.pdf",
        "SCHEDULE 2 - SERVICE LEVELS AND CREDITS",
        "Each level is measured monthly. Each incident that misses its level is credited as the table shows.",
        [["Service", "Target", "Service Credit"], *[[n, t, f"USD {c} per incident"] for n, t, c, _ in INCIDENT_LEVELS]],
        ruled,
    )
    rows = extract_contract(pdf, "e", "sha").sla_terms
    assert sorted((t.metric_name, t.credit_model, t.credit_amount) for t in rows) == sorted(
        (n, "amount per incident", amount) for n, _, _, amount in INCIDENT_LEVELS
    )
