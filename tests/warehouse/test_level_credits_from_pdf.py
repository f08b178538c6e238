"""Every credit model of a level's own, read from a contract's PDF and priced by the marts as a person prices it
by hand, on DuckDB and PostgreSQL (#32). Six invented engagements in one inbox, loaded once per backend and
measured to 10 May 2025, so April is a month in service. Each has a schedule of two percent levels (System
Availability 99.8 / 99.5, Call Answer Rate 95 / 90) and its own credit clauses:

- network, tiered: USD 1,200,000 a year (100,000 a month), bands for System Availability (below 99.8% earns 2% of
  the month's charges, below 99.0% 4%, below 98.0% 7%), a monthly cap of 6% and a 12-month cap of 2% of the
  period's charges. 99.9% earns nothing; 99.5% 2% = 2,000; 97.5% 7% = 7,000, the monthly cap makes it 6,000 and
  the 12-month cap leaves 2% of the three months' 300,000 less February's 2,000 = 4,000.
- helpdesk, flat: GBP 1,440,000 a year, "Monthly Charges" defined as one twelfth of it (120,000), 5% of the
  Monthly Charges for each failure, at most 8% in a month. The vendor invoices 126,000 in February and 132,000 in
  March; the contract prices on its own Monthly Charges, so February's one failure earns 6,000 (not 6,300), and
  March's two earn 12,000 before the cap and 9,600 after it (not 10,560).
- payroll, an amount per failure: USD 2,500 for each failure, and a month without a report deems every level
  missed. February's two failures earn 5,000; March and April have no report, so both levels are deemed failed
  in each: 5,000 each.
- hosting, per step short: USD 1,200,000 a year, 2% of the Monthly Charges for each 0.1% or part of it by which a
  level falls below its minimum, at most 10% in a month, and a month without a report fails every level.
  February: 99.35% is 0.15 short (2 steps, 4%) and 89.96% 0.04 short (1 step, 2%): 6,000. March: 98.9% is 0.6
  short (6 steps, 12% = 12,000 before the cap): 10,000. April has no report: deemed a failure, but with no result
  there are no steps to count, so its credit is unknown, with the reason.
- servicedesk, an amount per incident: USD 500 for each Priority 1 incident not resolved within 4 hours, on its
  level "P1 incidents resolved within 4 hours" (95 / 90), which its ticket export (January to March) measures;
  System Availability, reported, has no credit model of its own. January: 1 of 4 P1 tickets late (5 hours),
  500, although the month misses the level once; February: none late, 0; March: 2 of 3 late, 1,000.
- uptime, per hour of outage: USD 720,000 a year (60,000 a month), one thirtieth of the Monthly Charges (2,000)
  for each hour or part of an hour System Availability is out, capped at one month's charges. January (744 hours):
  99.9% is 0.744 hours out, a part hour, so 1: 2,000, although the level is met. February (672 hours): 99.5% is
  3.36 hours, 4: 8,000. March: 95% is 37.2 hours, 38: 76,000 before the cap, 60,000 after it. Call Answer Rate
  has no model of its own.
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

GRID = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
BANDS = [
    ["System Availability in the month", "Service Credit (% of the Monthly Charges)"],
    ["99.8% or above", "0%"],
    ["Below 99.8%", "2%"],
    ["Below 99.0%", "4%"],
    ["Below 98.0%", "7%"],
]
DEEMED = (
    "If the Supplier fails to report a Service Level for a month, that Service Level shall be treated as a Service "
    "Level Failure."
)
CLAUSES = {
    "network": [
        "The Annual Charges are USD 1,200,000.",
        "Service credits for System Availability are as follows.",
        BANDS,
        "Service Credits in any month shall not exceed 6% of the Monthly Charges.",
        "Service Credits in any twelve (12) month period shall not exceed 2% of the Charges for that period.",
    ],
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
    "hosting": [
        "The Annual Charges are USD 1,200,000.",
        "The Supplier shall credit 2% of the Monthly Charges for each 0.1% (or part thereof) by which a Service "
        "Level falls below its Minimum Service Level.",
        "Service Credits in any month shall not exceed 10% of the Monthly Charges.",
        DEEMED,
    ],
    "servicedesk": [
        "The Annual Charges are USD 600,000.",
        "The Supplier shall credit USD 500 for each Priority 1 Incident that is not resolved within 4 hours.",
    ],
    "uptime": [
        "The Annual Charges are USD 720,000.",
        "The Supplier shall credit one thirtieth of the Monthly Charges for each hour (or part of an hour) during "
        "which the Hosted Service is unavailable, capped at one month's charges.",
    ],
}
TICKET_LEVELS = [
    ["Service Level", "Expected Service Level", "Minimum Service Level"],
    ["P1 incidents resolved within 4 hours", "95%", "90%"],
    ["System Availability", "99.8%", "99.5%"],
]
TICKETS = """Number,State,Priority,Opened,Updated,Resolved
S-1,Closed,P1,2025-01-06 09:00,2025-01-06 10:00,2025-01-06 10:00
S-2,Closed,P1,2025-01-07 09:00,2025-01-07 12:00,2025-01-07 12:00
S-3,Closed,P1,2025-01-08 09:00,2025-01-08 14:00,2025-01-08 14:00
S-4,Closed,P1,2025-01-09 09:00,2025-01-09 11:00,2025-01-09 11:00
S-5,Closed,P1,2025-02-03 09:00,2025-02-03 10:30,2025-02-03 10:30
S-6,Closed,P2,2025-02-04 09:00,2025-02-04 19:00,2025-02-04 19:00
S-7,Closed,P1,2025-03-03 09:00,2025-03-03 15:00,2025-03-03 15:00
S-8,Closed,P1,2025-03-04 09:00,2025-03-04 17:00,2025-03-04 17:00
S-9,Closed,P1,2025-03-05 09:00,2025-03-05 12:00,2025-03-05 12:00
"""
# engagement -> month -> (System Availability, Call Answer Rate)
REPORTS = {
    "network": {"01": ("99.9%", "96%"), "02": ("99.5%", "96%"), "03": ("97.5%", "96%")},
    "helpdesk": {"01": ("99.9%", "96%"), "02": ("99.4%", "96%"), "03": ("99.0%", "85%")},
    "payroll": {"01": ("99.9%", "96%"), "02": ("99.4%", "89%")},
    "hosting": {"01": ("99.6%", "96%"), "02": ("99.35%", "89.96%"), "03": ("98.9%", "95%")},
    "servicedesk": {"01": ("99.9%", None), "02": ("99.9%", None), "03": ("99.9%", None)},
    "uptime": {"01": ("99.9%", "96%"), "02": ("99.5%", "96%"), "03": ("95.0%", "96%")},
}
# engagement -> month -> (credit_amount, credit_before_cap, report_status); None: unknown
BY_HAND = {
    "network": {
        "2025-01": (0.0, 0.0, "reported"),
        "2025-02": (2_000.0, 2_000.0, "reported"),
        "2025-03": (4_000.0, 7_000.0, "reported"),
    },
    "helpdesk": {
        "2025-01": (0.0, 0.0, "reported"),
        "2025-02": (6_000.0, 6_000.0, "reported"),
        "2025-03": (9_600.0, 12_000.0, "reported"),
    },
    "payroll": {
        "2025-01": (0.0, 0.0, "reported"),
        "2025-02": (5_000.0, 5_000.0, "reported"),
        "2025-03": (5_000.0, 5_000.0, "no report"),
        "2025-04": (5_000.0, 5_000.0, "no report"),
    },
    "hosting": {
        "2025-01": (0.0, 0.0, "reported"),
        "2025-02": (6_000.0, 6_000.0, "reported"),
        "2025-03": (10_000.0, 12_000.0, "reported"),
    },
    "servicedesk": {
        "2025-01": (500.0, 500.0, "reported"),
        "2025-02": (0.0, 0.0, "reported"),
        "2025-03": (1_000.0, 1_000.0, "reported"),
    },
    "uptime": {
        "2025-01": (2_000.0, 2_000.0, "reported"),
        "2025-02": (8_000.0, 8_000.0, "reported"),
        "2025-03": (60_000.0, 76_000.0, "reported"),
    },
}


def _contract(path, clauses: list, levels: list = TWO_LEVELS):
    body = getSampleStyleSheet()["BodyText"]
    schedule = Table(levels)
    schedule.setStyle(GRID)
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
    for clause in clauses:
        if isinstance(clause, str):
            story.append(Paragraph(clause, body))
        else:
            table = Table(clause)
            table.setStyle(GRID)
            story += [table, Spacer(1, 12)]
    SimpleDocTemplate(str(path), pagesize=LETTER).build(story)


def _inbox(root):
    (root / "contracts").mkdir(parents=True)
    for engagement, clauses in CLAUSES.items():
        _contract(
            root / "contracts" / f"{engagement}.pdf",
            clauses,
            TICKET_LEVELS if engagement == "servicedesk" else TWO_LEVELS,
        )
        (root / "reports" / engagement).mkdir(parents=True)
        for month, (availability, answered) in REPORTS[engagement].items():
            answered_line = "" if answered is None else f"Call Answer Rate,{answered}\n"
            (root / "reports" / engagement / f"2025-{month}.csv").write_text(
                f"Metric,Actual\nSystem Availability,{availability}\n{answered_line}"
            )
    (root / "tickets" / "servicedesk").mkdir(parents=True)
    (root / "tickets" / "servicedesk" / "incidents.csv").write_text(TICKETS)
    (root / "reports" / "helpdesk" / "invoices.csv").write_text(
        'Period,Measure,Value,Unit\n2025-02,Invoiced charges,"126,000.00",GBP\n2025-03,Invoiced charges,"132,000.00",GBP\n'
    )


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def marts(request, tmp_path_factory, new_postgres_database):
    """What the marts hold after one load of the engagements: the levels' models and the month's credits."""
    root = tmp_path_factory.mktemp(request.param)
    _inbox(root / "inbox")
    warehouse = str(root / "w.duckdb") if request.param == "duckdb" else new_postgres_database()
    load_directly(
        Settings(root / "inbox", warehouse),
        "run",
        loaded_at=datetime(2025, 5, 10),
        variables={"as_of_date": "cast('2025-05-10' as date)"},
    )
    db = open_warehouse(warehouse, read_only=True)
    try:
        levels = query_records(
            db,
            "select engagement_id, metric_name, credit_model, credit_tiers, credit_pct, credit_step,"
            " credit_part_step_counts from dim_sla_metric order by 1, 2",
        )
        credits = query_records(
            db,
            "select engagement_id, period_month, credit_amount, credit_before_cap, report_status, charges_source,"
            " credit_unknown_reason from mart_service_credits order by 1, 2",
        )
    finally:
        db.close()
    months: dict = {}
    for r in credits:
        months.setdefault(r["engagement_id"], {})[str(r["period_month"])[:7]] = r
    return levels, months


@pytest.mark.parametrize("engagement", sorted(BY_HAND))
def test_each_models_credits_are_priced_as_by_hand(marts, engagement):
    _, months = marts
    got = {
        month: (
            None if r["credit_amount"] is None else float(r["credit_amount"]),
            None if r["credit_before_cap"] is None else float(r["credit_before_cap"]),
            r["report_status"],
        )
        for month, r in months[engagement].items()
        if month in BY_HAND[engagement]
    }
    assert got == BY_HAND[engagement]


def test_each_level_carries_the_model_its_contract_gives(marts):
    levels, _ = marts
    models = {(r["engagement_id"], r["metric_name"]): r for r in levels}
    assert models["network", "System Availability"]["credit_tiers"] == "99.8:2; 99:4; 98:7"
    # no model of its own in the tiered contract: the default, with no pool stated
    assert models["network", "Call Answer Rate"]["credit_model"] == "at-risk pool"
    for name in ("System Availability", "Call Answer Rate"):
        assert models["helpdesk", name]["credit_model"] == "flat % per failure"
        assert models["payroll", name]["credit_model"] == "amount per failure"
        hosting = models["hosting", name]
        assert (hosting["credit_model"], hosting["credit_pct"], hosting["credit_step"]) == ("% per step short", 2, 0.1)
        assert hosting["credit_part_step_counts"] is True
    assert models["servicedesk", "P1 incidents resolved within 4 hours"]["credit_model"] == "amount per incident"
    # no ticket's clock measures availability: a credit per incident is no price of it
    assert models["servicedesk", "System Availability"]["credit_model"] == "at-risk pool"
    uptime = models["uptime", "System Availability"]
    assert (uptime["credit_model"], uptime["credit_step"], uptime["credit_part_step_counts"]) == (
        "% per hour of outage",
        1,
        True,
    )
    assert uptime["credit_pct"] == pytest.approx(100 / 30)
    # a share of calls answered tells no hours out
    assert models["uptime", "Call Answer Rate"]["credit_model"] == "at-risk pool"


def test_the_contracts_monthly_charges_not_the_invoice_price_the_flat_credits(marts):
    _, months = marts
    # the invoices are read, and the contract's basis, not they, prices the credits (above)
    assert [months["helpdesk"][m]["charges_source"] for m in ("2025-01", "2025-02", "2025-03")] == [
        "contract",
        "invoice",
        "invoice",
    ]


def test_a_deemed_failure_priced_per_step_is_unknown_with_its_reason(marts):
    _, months = marts
    april = months["hosting"]["2025-04"]
    assert april["credit_amount"] is None
    assert "per step short" in april["credit_unknown_reason"]
