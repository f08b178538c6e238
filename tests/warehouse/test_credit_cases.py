"""The open contract template's service-credit cases (../shared/credits/cases.json, Accord Project SLA template)
as tests of the credit marts, on DuckDB and PostgreSQL.

Each case is one engagement whose availability level carries the template's tiered credit (read from the
schedule's annex table: a level and the credit for falling below it, a % of the month's charge), its monthly and
12-month caps, and one month's result. Cases with no history go through the real models, raw tables to
mart_service_credits. The case that starts from a given history (credits and charges of the previous 11 months)
cannot be produced by months under the same caps, so the cap macro the models use is checked on every case's
stated history too.
"""

import json
import re
import subprocess
from datetime import datetime

import pandas as pd
import pytest

from etl.contracts.terms import extract_from_pages
from etl.load.database import open_warehouse, query_records
from etl.load.schema import create_schema
from etl.pdf_document import PdfPage
from etl.settings import PROJECT_ROOT, Settings
from etl.transform.dbt_build import dbt_build, dbt_command, dbt_environment
from tests.conftest import need_shared

pytestmark = pytest.mark.e2e

CASES_FILE = PROJECT_ROOT.parent / "shared" / "credits" / "cases.json"
need_shared(CASES_FILE)
CASES = json.loads(CASES_FILE.read_text())
LOADED = datetime(2026, 1, 1)
MONTH = "2025-06"


def schedule_terms(text: str) -> dict:
    """The template's own words: its caps (paragraphs 3.3, 3.4) and the annex rows 'level | credit'."""
    monthly = re.search(r"single month[^:]*?shall not exceed:\s*(\d+(?:\.\d+)?)%", text)
    yearly = re.search(r"12.month period[^:]*?shall not exceed:\s*(\d+(?:\.\d+)?)%", text)
    bands = re.findall(r"\|\s*[^|\n]+\|\s*(\d+(?:\.\d+)?)%\s*\|\s*(\d+(?:\.\d+)?)", text)
    # the annex writes the credit as "2.0 GBP"; the template applies it as a % of the month's charge
    return {
        "monthly_cap_pct": float(monthly.group(1)),
        "yearly_cap_pct": float(yearly.group(1)),
        "tiers": "; ".join(f"{level}:{credit}" for level, credit in bands),
    }


def _raw(engagement: str, case: dict) -> tuple[list, list, list]:
    terms = schedule_terms(CASES["schedules"][case["schedule"]])
    values = {
        "currency": "GBP",
        "annual_charges": str(case["monthly_charge"] * 12),
        "credit_monthly_cap_pct": str(terms["monthly_cap_pct"]),
        "credit_yearly_cap_pct": str(terms["yearly_cap_pct"]),
        "effective_date": "2025-01-01",
    }
    contract = [
        {
            "engagement_id": engagement,
            "field": k,
            "value": v,
            "confidence": 1.0,
            "file_sha256": f"sha-{engagement}",
            "file_path": f"contracts/{engagement}.pdf",
            "page": 1,
            "source_text": v,
            "char_offset": 0,
            "origin": "extracted",
            "loaded_at": LOADED,
        }
        for k, v in values.items()
    ]
    top = float(terms["tiers"].split(":")[0])
    sla = [
        {
            "engagement_id": engagement,
            "metric_id": "availability",
            "metric_name": "Availability",
            "unit": "percent",
            "direction": "higher",
            "baseline": None,
            "expected": top,
            "minimum": top,
            "allocation_pct": 0.0,
            "measurement_window": "monthly",
            "confidence": 1.0,
            "file_sha256": f"sha-{engagement}",
            "file_path": f"contracts/{engagement}.pdf",
            "page": 1,
            "source_text": "Annex 1",
            "origin": "extracted",
            "credit_model": "tiered by attainment",
            "credit_tiers": terms["tiers"],
            "loaded_at": LOADED,
        }
    ]
    measurement = [
        {
            "engagement_id": engagement,
            "metric_id": "availability",
            "metric_name": "Availability",
            "match_method": "exact",
            "match_score": 1.0,
            "period": MONTH,
            "grain": "month",
            "period_start": f"{MONTH}-01",
            "actual": float(case["monthly_service_level_pct"]),
            "actual_text": str(case["monthly_service_level_pct"]),
            "reported_met": None,
            "file_sha256": f"sha-{engagement}-{MONTH}",
            "file_path": f"reports/{engagement}/{MONTH}.csv",
            "location": "row 2",
            "source_text": "",
            "loaded_at": LOADED,
        }
    ]
    return contract, sla, measurement


def build(target: str) -> str:
    db = open_warehouse(target)
    create_schema(db)
    tables = {"raw_contract_terms": [], "raw_sla_terms": [], "raw_measurements": []}
    for i, case in enumerate(CASES["cases"]):
        if case["credits_previous_11_months"] or case["charges_previous_11_months"]:
            continue  # a stated history: checked on the cap macro below
        for table, rows in zip(tables, _raw(f"case-{i}", case)):
            tables[table] += rows
    db.begin()
    for table, rows in tables.items():
        db.bulk_insert(table, pd.DataFrame(rows))
    db.commit()
    db.close()
    dbt_build(target)  # the dbt unit tests run once per backend, in test_marts
    return target


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def warehouse(request, tmp_path_factory, new_postgres_database):
    if request.param == "duckdb":
        return build(str(tmp_path_factory.mktemp("credits") / "credits.duckdb"))
    return build(new_postgres_database())


def test_each_case_without_history_gives_the_templates_credit(warehouse):
    db = open_warehouse(warehouse, read_only=True)
    # the case's month; the months in service before it have no report: their credits are unknown, as the cases
    # start from no history, not from months deemed failed
    rows = {
        r["engagement_id"]: r
        for r in query_records(db, f"select * from mart_service_credits where period_month = '{MONTH}-01'")
    }
    silent = query_records(db, f"select * from mart_service_credits where period_month < '{MONTH}-01'")
    db.close()
    assert silent and all(
        r["report_status"] == "no report" and r["credit_amount"] is None and r["credit_unknown_reason"] for r in silent
    )
    checked = 0
    for i, case in enumerate(CASES["cases"]):
        if case["credits_previous_11_months"] or case["charges_previous_11_months"]:
            continue
        row = rows[f"case-{i}"]
        assert float(row["credit_amount"]) == pytest.approx(case["expected_monthly_credit"], abs=0.005), case[
            "scenario"
        ]
        assert row["level_credit_amount"] == row["credit_amount"] and row["pool_credit_amount"] == 0
        checked += 1
    assert checked >= 4


def test_the_cap_macro_gives_every_cases_credit_from_its_stated_history(warehouse):
    """Earned credit = the tier's % of the month's charge (the tier chosen as the models choose it: the worst
    band reached), then the caps with the case's history, through the macro fct_service_credit_months uses."""
    selects = []
    for i, case in enumerate(CASES["cases"]):
        terms = schedule_terms(CASES["schedules"][case["schedule"]])
        bands = sorted((float(b.split(":")[0]), float(b.split(":")[1])) for b in terms["tiers"].split("; "))
        reached = [pct for level, pct in bands if case["monthly_service_level_pct"] < level]
        earned = case["monthly_charge"] * (reached[0] if reached else 0) / 100
        charge = case["monthly_charge"]
        macro = (
            "{{ service_credit_after_caps("
            f"'{earned}', '{charge * terms['monthly_cap_pct'] / 100}', '{terms['yearly_cap_pct']}', "
            f"'{case['charges_previous_11_months'] + charge}', '{case['credits_previous_11_months']}') }}}}"
        )
        selects.append(f"select {i} as case_number, {macro} as credit")
    settings = Settings(PROJECT_ROOT, warehouse)
    proc = subprocess.run(
        dbt_command(
            settings,
            "show",
            "--inline",
            " union all ".join(selects),
            "--output",
            "json",
            "--limit",
            "50",
            "--no-use-colors",
            "--log-format",
            "json",
        ),
        env=dbt_environment(settings),
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-2000:]
    preview = next(
        json.loads(json.loads(line)["data"]["preview"])
        for line in proc.stdout.splitlines()
        if line.startswith("{") and "preview" in json.loads(line).get("data", {})
    )
    got = {int(r["case_number"]): float(r["credit"]) for r in preview}
    for i, case in enumerate(CASES["cases"]):
        assert got[i] == pytest.approx(case["expected_monthly_credit"], abs=1e-9), case["scenario"]


@pytest.mark.parametrize("schedule", sorted(CASES["schedules"]))
def test_the_term_reader_finds_the_templates_missing_report_clause(schedule):
    """The template's reporting paragraph deems a month without its report a failure of the levels: the contract
    reader, given the schedule's text, says so (missing_report_deemed_default), with the sentence it read."""
    pages = [PdfPage(1, CASES["schedules"][schedule], [])]
    terms = {t.field: t for t in extract_from_pages(pages, "template", "sha").terms}
    term = terms.get("missing_report_deemed_default")
    assert term is not None and term.value == "true"
    assert "report" in term.provenance.source_text and "deemed" in term.provenance.source_text
