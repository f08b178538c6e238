"""A credit per step short of the level, read from a contract's PDF, priced by the marts as a person prices it by
hand (#32).

The contract (our own, invented) states annual charges of USD 1,200,000 (100,000 a month), two percent levels, a
credit of 2% of the Monthly Charges for each 0.1% or part of it by which a level falls below its minimum, a monthly
cap of 10%, and that a month without a report fails every level. Reports:
- January: 99.6% and 96%, both above their minimums (99.5, 90): no credit.
- February: 99.35% (0.15 short: 2 steps, 4%) and 89.96% (0.04 short: 1 step, 2%): 6% = 6,000.
- March: 98.9% (0.6 short: 6 steps, 12% = 12,000 before the cap) and 95%: the cap makes it 10,000.
- April: no report. Deemed a failure, but with no result there are no steps to count: unknown, with the reason.
The same on DuckDB and PostgreSQL.
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

BY_HAND = {"2025-01": (0.0, 0.0), "2025-02": (6_000.0, 6_000.0), "2025-03": (10_000.0, 12_000.0)}


def _contract(path):
    body = getSampleStyleSheet()["BodyText"]
    schedule = Table(TWO_LEVELS)
    schedule.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    lines = [
        "MANAGED HOSTING AGREEMENT",
        'This Agreement is made as of January 1, 2025 (the "Effective Date") between Kestrel Logistics Inc. '
        '("Customer") and Orbital Networks Ltd. ("Supplier").',
        "The Annual Charges are USD 1,200,000. This Agreement expires on December 31, 2027.",
    ]
    credits = [
        "The Supplier shall credit 2% of the Monthly Charges for each 0.1% (or part thereof) by which a Service "
        "Level falls below its Minimum Service Level.",
        "Service Credits in any month shall not exceed 10% of the Monthly Charges.",
        "If the Supplier fails to report a Service Level for a month, that Service Level shall be treated as a "
        "Service Level Failure.",
    ]
    story = [Paragraph(line, body) for line in lines]
    story += [Spacer(1, 12), Paragraph("SCHEDULE 2 - SERVICE LEVELS", body), schedule, Spacer(1, 12)]
    story += [Paragraph(line, body) for line in credits]
    SimpleDocTemplate(str(path), pagesize=LETTER).build(story)


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_a_credit_per_step_short_read_from_the_pdf_is_priced_as_by_hand(tmp_path, backend, new_postgres_database):
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    (inbox / "reports" / "hosting").mkdir(parents=True)
    _contract(inbox / "contracts" / "hosting.pdf")
    for month, availability, answered in (("01", "99.6%", "96%"), ("02", "99.35%", "89.96%"), ("03", "98.9%", "95%")):
        report = inbox / "reports" / "hosting" / f"2025-{month}.csv"
        report.write_text(f"Metric,Actual\nSystem Availability,{availability}\nCall Answer Rate,{answered}\n")
    warehouse = str(tmp_path / "w.duckdb") if backend == "duckdb" else new_postgres_database()
    load_directly(
        Settings(inbox, warehouse),
        "run",
        loaded_at=datetime(2025, 5, 10),
        variables={"as_of_date": "cast('2025-05-10' as date)"},
    )

    db = open_warehouse(warehouse, read_only=True)
    try:
        levels = query_records(
            db, "select credit_model, credit_pct, credit_step, credit_part_step_counts from dim_sla_metric"
        )
        credits = query_records(
            db,
            "select period_month, credit_amount, credit_before_cap, credit_unknown_reason from mart_service_credits"
            " where engagement_id = 'hosting' order by period_month",
        )
    finally:
        db.close()
    assert [tuple(r.values()) for r in levels] == [("% per step short", 2.0, 0.1, True)] * 2
    known = {str(r["period_month"])[:7]: r for r in credits if str(r["period_month"]) < "2025-04"}
    assert {m: (float(r["credit_amount"]), float(r["credit_before_cap"])) for m, r in known.items()} == BY_HAND
    [april] = [r for r in credits if str(r["period_month"]).startswith("2025-04")]
    assert april["credit_amount"] is None
    assert "per step short" in april["credit_unknown_reason"]
