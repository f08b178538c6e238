"""The other credit models of their own, each read from a contract's PDF and priced by the marts as a person prices
it by hand, on DuckDB and PostgreSQL (#32). Two invented engagements in one inbox:

- helpdesk: GBP 1,440,000 a year, "Monthly Charges" defined as one twelfth of it (120,000), 5% of the Monthly
  Charges for each failure, at most 8% in a month. The vendor invoices 126,000 in February and 132,000 in March;
  the contract prices on its own Monthly Charges, so February's one failure earns 6,000 (not 6,300), and March's
  two earn 12,000 before the cap and 9,600 after it (not 10,560).
- payroll: USD 2,500 for each failure, and a month without a report deems every level missed. February's two
  failures earn 5,000; March has no report, so both levels are deemed failed: 5,000 again.
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

# engagement -> month -> (credit_amount, credit_before_cap, report_status)
BY_HAND = {
    "helpdesk": {
        "2025-01": (0.0, 0.0, "reported"),
        "2025-02": (6_000.0, 6_000.0, "reported"),
        "2025-03": (9_600.0, 12_000.0, "reported"),
    },
    "payroll": {
        "2025-01": (0.0, 0.0, "reported"),
        "2025-02": (5_000.0, 5_000.0, "reported"),
        "2025-03": (5_000.0, 5_000.0, "no report"),
    },
}
CLAUSES = {
    "helpdesk": [
        "The Annual Charges are GBP 1,440,000. \u201cMonthly Charges\u201d means one twelfth of the Annual Charges.",
        "For each Service Level Failure, the Supplier shall credit the Customer 5% of the Monthly Charges.",
        "Service Credits in any month shall not exceed 8% of the Monthly Charges.",
    ],
    "payroll": [
        "The Annual Charges are USD 600,000.",
        "Each Service Level Failure entitles the Customer to a service credit of USD 2,500.",
        "If the Supplier does not deliver its monthly performance report, every Service Level shall be deemed missed "
        "for that month.",
    ],
}
REPORTS = {
    "helpdesk": {"01": ("99.9%", "96%"), "02": ("99.4%", "96%"), "03": ("99.0%", "85%")},
    "payroll": {"01": ("99.9%", "96%"), "02": ("99.4%", "89%")},
}


def _contract(path, clauses: list[str]):
    body = getSampleStyleSheet()["BodyText"]
    schedule = Table(TWO_LEVELS)
    schedule.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [
        Paragraph("SERVICES AGREEMENT", body),
        Paragraph(
            'This Agreement is made as of January 1, 2025 (the "Effective Date") between Kestrel Logistics Inc. '
            '("Customer") and Orbital Networks Ltd. ("Supplier"). This Agreement expires on December 31, 2027.',
            body,
        ),
        Spacer(1, 12),
        Paragraph("SCHEDULE 2 - SERVICE LEVELS", body),
        schedule,
        Spacer(1, 12),
    ]
    story += [Paragraph(c, body) for c in clauses]
    SimpleDocTemplate(str(path), pagesize=LETTER).build(story)


def _inbox(root):
    (root / "contracts").mkdir(parents=True)
    for engagement, clauses in CLAUSES.items():
        _contract(root / "contracts" / f"{engagement}.pdf", clauses)
        (root / "reports" / engagement).mkdir(parents=True)
        for month, (availability, answered) in REPORTS[engagement].items():
            (root / "reports" / engagement / f"2025-{month}.csv").write_text(
                f"Metric,Actual\nSystem Availability,{availability}\nCall Answer Rate,{answered}\n"
            )
    (root / "reports" / "helpdesk" / "invoices.csv").write_text(
        'Period,Measure,Value,Unit\n2025-02,Invoiced charges,"126,000.00",GBP\n2025-03,Invoiced charges,"132,000.00",GBP\n'
    )


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_flat_and_amount_credits_read_from_pdfs_are_priced_as_by_hand(tmp_path, backend, new_postgres_database):
    _inbox(tmp_path / "inbox")
    warehouse = str(tmp_path / "w.duckdb") if backend == "duckdb" else new_postgres_database()
    load_directly(
        Settings(tmp_path / "inbox", warehouse),
        "run",
        loaded_at=datetime(2025, 4, 10),
        variables={"as_of_date": "cast('2025-04-10' as date)"},
    )

    db = open_warehouse(warehouse, read_only=True)
    try:
        models = query_records(db, "select distinct engagement_id, credit_model from dim_sla_metric order by 1")
        credits = query_records(
            db,
            "select engagement_id, period_month, credit_amount, credit_before_cap, report_status, charges_source"
            " from mart_service_credits order by 1, 2",
        )
    finally:
        db.close()
    assert [tuple(r.values()) for r in models] == [
        ("helpdesk", "flat % per failure"),
        ("payroll", "amount per failure"),
    ]
    got: dict = {}
    for r in credits:
        got.setdefault(r["engagement_id"], {})[str(r["period_month"])[:7]] = (
            float(r["credit_amount"]),
            float(r["credit_before_cap"]),
            r["report_status"],
        )
    assert got == BY_HAND
    # the invoices are read, and the contract's basis, not they, prices the credits
    assert [r["charges_source"] for r in credits if r["engagement_id"] == "helpdesk"] == [
        "contract",
        "invoice",
        "invoice",
    ]
