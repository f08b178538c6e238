"""One engagement's missing term never stops the warehouse for the others (issue: partial contracts).

Six engagements through the real dbt models, each lacking a different term; every mart builds, each engagement
gets every figure it can, the figures that need the missing term are NULL with a reason (never 0), and the
complete engagement's figures are exactly those of a warehouse that holds it alone.
"""

import re
from datetime import datetime

import pandas as pd
import pytest

from etl.load.database import open_warehouse, query_records
from etl.load.schema import create_schema
from etl.outputs.html_report import build_report
from etl.outputs.kpi_summary import kpi_summary
from etl.transform.dbt_build import dbt_build

pytestmark = pytest.mark.e2e

LOADED = datetime(2026, 1, 1)
FULL = {
    "engagement_type": "ITO",
    "vendor": "Vendor Ltd.",
    "client": "Client plc",
    "currency": "USD",
    "annual_charges": "1200000",
    "cost_baseline": "1500000",
    "committed_savings_pct": "10",
    "at_risk_pct": "10",
    "effective_date": "2025-01-01",
    "expiry_date": "2027-12-31",
}
# engagement -> the term it lacks (None: complete); credits stated as a flat % per failure have no at-risk pool
LACKS = {
    "complete": None,
    "no-at-risk": "at_risk_pct",
    "no-charges": "annual_charges",
    "no-baseline": "cost_baseline",
    "no-schedule": "sla_schedule",
    "no-reports": "reports",
    "no-vendor": "vendor",
    "no-currency": "currency",
}
# values entered by hand (contracts/<engagement>.yml): they change no figure, and the summary says so
HAND_TERMS = {("no-baseline", "annual_charges"), ("no-baseline", "at_risk_pct")}
HAND_SCHEDULES = {"no-vendor", "no-baseline"}
MONTHS = ["2025-01", "2025-02"]
VALUES = [99.95, 98.0]  # met, then a Service Level Default (minimum 99.5)


def build(target: str, engagements: dict) -> str:
    db = open_warehouse(target)
    create_schema(db)
    terms, sla, measurements, registry = [], [], [], []
    for e, lacks in engagements.items():
        terms += [
            {
                "engagement_id": e,
                "field": k,
                "value": v,
                "confidence": 1.0,
                "file_sha256": f"sha-{e}",
                "file_path": f"contracts/{e}.pdf",
                "page": 1,
                "source_text": v,
                "char_offset": 0,
                "loaded_at": LOADED,
                "origin": "entered by hand" if (e, k) in HAND_TERMS else "extracted",
            }
            for k, v in FULL.items()
            if k != lacks
        ]
        registry.append(
            {
                "path": f"contracts/{e}.pdf",
                "sha256": f"sha-{e}",
                "kind": "contract",
                "engagement_id": e,
                "status": "loaded",
                "reason": "",
                "rows_loaded": 1,
                "pages": 1,
                "loaded_at": LOADED,
                "run_id": "test",
            }
        )
        if lacks == "sla_schedule":
            continue
        sla.append(
            {
                "engagement_id": e,
                "metric_id": "availability",
                "metric_name": "Availability",
                "unit": "percent",
                "direction": "higher",
                "baseline": 99.0,
                "expected": 99.9,
                "minimum": 99.5,
                "allocation_pct": 100.0,
                "measurement_window": "monthly",
                "confidence": 1.0,
                "file_sha256": f"sha-{e}",
                "file_path": f"contracts/{e}.pdf",
                "page": 2,
                "source_text": "",
                "loaded_at": LOADED,
                "origin": "entered by hand" if e in HAND_SCHEDULES else "extracted",
            }
        )
        if lacks == "reports":
            continue
        measurements += [
            {
                "engagement_id": e,
                "metric_id": "availability",
                "metric_name": "Availability",
                "match_method": "exact",
                "match_score": 1.0,
                "period": m,
                "grain": "month",
                "period_start": f"{m}-01",
                "actual": v,
                "actual_text": str(v),
                "reported_met": None,
                "file_sha256": f"sha-{e}-{m}",
                "file_path": f"reports/{e}/{m}.csv",
                "location": "row 2",
                "source_text": "",
                "loaded_at": LOADED,
            }
            for m, v in zip(MONTHS, VALUES)
        ]
    db.begin()
    for table, rows in (
        ("raw_contract_terms", terms),
        ("raw_sla_terms", sla),
        ("raw_measurements", measurements),
        ("file_registry", registry),
    ):
        db.bulk_insert(table, pd.DataFrame(rows))
    db.commit()
    db.close()
    # measured in March: the months in service are the two reported (raises if any mart fails)
    dbt_build(target, variables={"as_of_date": "cast('2025-03-15' as date)"})
    return target


@pytest.fixture(scope="module")
def kpis(tmp_path_factory):
    folder = tmp_path_factory.mktemp("partial")
    out = {}
    for name, engagements in (("all", LACKS), ("alone", {"complete": None})):
        db = open_warehouse(build(str(folder / f"{name}.duckdb"), engagements), read_only=True)
        out[name] = {
            "summary": {r["engagement_id"]: r for r in query_records(db, "select * from mart_kpi_summary")},
            "credits": query_records(db, "select * from mart_service_credits order by engagement_id, period_month"),
            "queue": query_records(db, "select engagement_id, field, why_it_matters from mart_contract_review_queue"),
            "rollup": query_records(db, "select * from mart_cost_savings_rollup"),
        }
        db.close()
        out[name]["text"] = kpi_summary(folder / f"{name}.duckdb")
        out[name]["html"] = build_report(str(folder / f"{name}.duckdb"))
    return out


def test_every_engagement_gets_a_kpi_row(kpis):
    assert set(kpis["all"]["summary"]) == set(LACKS)


def test_the_complete_engagement_is_untouched_by_the_others(kpis):
    assert kpis["all"]["summary"]["complete"] == kpis["alone"]["summary"]["complete"]
    assert kpis["all"]["summary"]["complete"]["credits_owed"] == 10_000.0  # 100% of 10% of 100,000


def test_no_at_risk_amount_keeps_attainment_and_savings_and_makes_credits_unknown(kpis):
    row = kpis["all"]["summary"]["no-at-risk"]
    assert row["sla_attainment_pct"] == 50.0 and row["breaches"] == 1
    assert row["savings_pct"] is not None
    assert row["credits_owed"] is None and "at-risk" in row["credits_unknown_reason"]
    months = [c for c in kpis["all"]["credits"] if c["engagement_id"] == "no-at-risk"]
    assert [c["credit_amount"] for c in months] == [0, None]  # no default: nothing owed; a default: unknown
    assert months[1]["credit_unknown_reason"]


def test_no_charges_makes_credits_and_savings_unknown(kpis):
    row = kpis["all"]["summary"]["no-charges"]
    assert row["sla_attainment_pct"] == 50.0
    assert row["credits_owed"] is None and "no charges" in row["credits_unknown_reason"]
    assert row["savings_pct"] is None and "no charges" in row["savings_unknown_reason"]


def test_no_baseline_makes_only_savings_unknown(kpis):
    row = kpis["all"]["summary"]["no-baseline"]
    assert row["credits_owed"] == 10_000.0
    assert row["savings_pct"] is None and "baseline" in row["savings_unknown_reason"]


def test_no_schedule_or_no_reports_leave_attainment_empty_not_failing(kpis):
    for e in ("no-schedule", "no-reports"):
        row = kpis["all"]["summary"][e]
        assert row["measurements"] == 0 and row["sla_attainment_pct"] is None
        assert row["savings_pct"] is not None
        # #33: nothing measured is unknown, not a clean record of 0 breaches and 0 credits
        assert row["breaches"] is None and row["credits_owed"] is None and row["credits_pct_of_charges"] is None
        assert "nothing measured" in row["credits_unknown_reason"]


def test_each_type_says_how_many_engagements_its_figures_rest_on(kpis):
    measured = sum(r["measurements"] > 0 for r in kpis["all"]["summary"].values())
    line = next(x for x in kpis["all"]["text"].splitlines() if x.startswith("ALL "))
    assert f" {measured} of {len(LACKS)} " in f" {line} "


def test_the_kpi_summary_fits_a_terminal_of_100_columns(kpis):
    """#33: the per-engagement table was 143 columns wide; it is now two tables, and the notes are wrapped."""
    for name in ("all", "alone"):
        assert max(len(line) for line in kpis[name]["text"].splitlines()) <= 100, kpis[name]["text"]


def test_each_gap_is_one_row_of_the_review_queue(kpis):
    queue = {(r["engagement_id"], r["field"]) for r in kpis["all"]["queue"]}
    expected = {(e, lacks) for e, lacks in LACKS.items() if lacks and lacks != "reports"}
    assert queue == expected
    assert all(r["why_it_matters"] for r in kpis["all"]["queue"])


def test_the_kpi_summary_and_the_html_report_say_unknown_not_zero(kpis):
    line = next(x for x in kpis["all"]["text"].splitlines() if x.startswith("no-charges"))
    assert "unknown" in line and " 0 " not in f" {line} "
    assert "see mart_contract_review_queue" in kpis["all"]["text"]
    assert "unknown" in kpis["all"]["html"]
    alone = kpis["alone"]["text"]
    assert "see mart_contract_review_queue" not in alone  # the complete engagement has every figure


def test_a_contract_without_vendor_or_currency_is_rolled_up_under_its_own_label(kpis):
    rollup = {(r["rollup_level"], r["rollup_key"], r["currency"]): r for r in kpis["all"]["rollup"]}
    assert rollup[("vendor", "unknown vendor", "USD")]["engagements"] == 1
    unknown = [r for r in kpis["all"]["rollup"] if r["currency"] == "unknown currency"]
    assert unknown and all(r["engagements"] == 1 for r in unknown)  # never summed with a known currency


def test_the_reports_credit_table_takes_the_marts_totals_and_prints_unknown(kpis):
    """#32: the report summed mart_service_credits itself, and a sum skips the unknown month, so a partial total
    read as the answer where mart_kpi_summary gives unknown."""
    html = kpis["all"]["html"]
    table = html[html.index("<h2>Service credits owed</h2>") : html.index("<h2>Renewals")]
    row = next(r for r in table.split("<tr>") if ">no-charges<" in r)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[2] == "unknown" and "no charges" in row  # credits owed, with the reason beside it
    complete = next(r for r in table.split("<tr>") if ">complete<" in r)
    assert "10,000.00" in complete


def test_the_summary_and_the_report_say_which_figures_rest_on_hand_entries(kpis):
    """#37: a figure entered by hand is marked as such in the marts and the report, not only in the raw tables."""
    summary = kpis["all"]["summary"]
    assert {e: r["entered_by_hand"] for e, r in summary.items() if r["entered_by_hand"]} == {
        "no-baseline": "annual_charges, at_risk_pct, service levels",
        "no-vendor": "service levels",
    }
    html = kpis["all"]["html"]
    assert "<th>Entered by hand</th>" in html and "annual_charges, at_risk_pct, service levels" in html
    # a warehouse with no hand entry shows no such column
    assert kpis["alone"]["summary"]["complete"]["entered_by_hand"] is None
    assert "<th>Entered by hand</th>" not in kpis["alone"]["html"]
