"""A tiered credit read from a contract's PDF, priced by the marts as a person prices it by hand (#32).

The contract (our own, invented) states annual charges of USD 1,200,000 (100,000 a month), two levels, a band
table for System Availability (below 99.8% earns 2% of the month's charges, below 99.0% 4%, below 98.0% 7%), a
monthly cap of 6% and a 12-month cap of 2% of the period's charges. Three monthly reports: 99.9% (no credit),
99.5% (2% = 2,000) and 97.5% (7% = 7,000, the monthly cap makes it 6,000, and the 12-month cap leaves 2% of the
three months' 300,000 less February's 2,000 = 4,000). The same on DuckDB and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from etl.load.database import open_warehouse, query_records
from etl.settings import Settings
from tests.conftest import load_directly
from tests.contracts.test_credit_clauses import TWO_LEVELS

pytestmark = pytest.mark.e2e

BY_HAND = {"2025-01": 0.0, "2025-02": 2_000.0, "2025-03": 4_000.0}


def _contract(path):
    body = getSampleStyleSheet()["BodyText"]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    schedule = Table(TWO_LEVELS)
    schedule.setStyle(grid)
    bands = Table(
        [
            ["System Availability in the month", "Service Credit (% of the Monthly Charges)"],
            ["99.8% or above", "0%"],
            ["Below 99.8%", "2%"],
            ["Below 99.0%", "4%"],
            ["Below 98.0%", "7%"],
        ]
    )
    bands.setStyle(grid)
    lines = [
        "MANAGED NETWORK SERVICES AGREEMENT",
        'This Agreement is made as of January 1, 2025 (the "Effective Date") between Kestrel Logistics Inc. '
        '("Customer") and Orbital Networks Ltd. ("Supplier").',
        "The Annual Charges are USD 1,200,000. This Agreement expires on December 31, 2027.",
    ]
    story = [Paragraph(line, body) for line in lines]
    story += [Spacer(1, 12), Paragraph("SCHEDULE 2 - SERVICE LEVELS", body), schedule, Spacer(1, 12)]
    story += [Paragraph("Service credits for System Availability are as follows.", body), bands, Spacer(1, 12)]
    story += [
        Paragraph("Service Credits in any month shall not exceed 6% of the Monthly Charges.", body),
        Paragraph(
            "Service Credits in any twelve (12) month period shall not exceed 2% of the Charges for that period.", body
        ),
    ]
    SimpleDocTemplate(str(path), pagesize=LETTER).build(story)


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_a_tiered_credit_read_from_the_pdf_is_priced_as_by_hand(tmp_path, backend, new_postgres_database):
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    (inbox / "reports" / "network").mkdir(parents=True)
    _contract(inbox / "contracts" / "network.pdf")
    for month, availability in (("01", "99.9%"), ("02", "99.5%"), ("03", "97.5%")):
        report = inbox / "reports" / "network" / f"2025-{month}.csv"
        report.write_text(f"Metric,Actual\nSystem Availability,{availability}\nCall Answer Rate,96%\n")
    warehouse = str(tmp_path / "w.duckdb") if backend == "duckdb" else new_postgres_database()
    settings = Settings(inbox, warehouse)
    load_directly(
        settings, "run", loaded_at=datetime(2025, 4, 10), variables={"as_of_date": "cast('2025-04-10' as date)"}
    )

    db = open_warehouse(warehouse, read_only=True)
    try:
        levels = query_records(db, "select metric_name, credit_model, credit_tiers from dim_sla_metric order by 1")
        credits = query_records(
            db, "select period_month, credit_amount from mart_service_credits where engagement_id = 'network'"
        )
    finally:
        db.close()
    assert [(r["metric_name"], r["credit_model"], r["credit_tiers"]) for r in levels] == [
        ("Call Answer Rate", "at-risk pool", None),  # no model of its own: the default, with no pool stated
        ("System Availability", "tiered by attainment", "99.8:2; 99:4; 98:7"),
    ]
    assert {str(r["period_month"])[:7]: float(r["credit_amount"]) for r in credits} == BY_HAND
