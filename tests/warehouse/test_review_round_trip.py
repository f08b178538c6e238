"""A contract that states no charges and no schedule loads what it has; `review` writes a template; a person
fills it; the next run loads the hand entries beside the extracted values, and credits appear."""

from __future__ import annotations

from datetime import datetime

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from etl.contracts.review import review_engagement
from etl.load.database import open_warehouse, query_records
from etl.orchestration import pipeline
from etl.settings import Settings
from etl.transform.dbt_build import dbt_build

pytestmark = pytest.mark.e2e

CONTRACT = [
    "MANAGED HOSTING SERVICES AGREEMENT",
    'This Agreement is made on January 1, 2025 between Harbor Freight Lines Inc. ("Customer") and',
    'Nimbus Hosting Ltd. ("Provider"). Provider shall provide the hosting services described in the',
    "Order Form. Fees are set out in each Order Form. This Agreement is governed by the laws of Delaware.",
]
FILLED = """terms:
  annual_charges: 1200000
  currency: USD
  at_risk_pct: 10
  effective_date: 2025-01-01
  expiry_date: 2027-12-31
service_levels:
  - metric_id: availability
    metric_name: System availability
    unit: percent
    direction: higher
    expected: 99.9
    minimum: 99.5
    allocation_pct: 100
"""


def _run(settings: Settings, run_id: str) -> dict:
    out = {}
    for kind in ("contract", "report"):  # as the contracts DAG, then the reports DAG it triggers
        staged = [pipeline.stage(settings, item) for item in pipeline.discover(settings, kind)]
        out[kind] = pipeline.load(settings, staged, run_id, datetime(2026, 1, 1), kind=kind)
    # measured to early March: the months in service are the two reported
    dbt_build(settings.warehouse, variables={"as_of_date": "cast('2025-03-10' as date)"})
    return out


def _query(settings: Settings, sql: str) -> list[dict]:
    db = open_warehouse(settings.warehouse, read_only=True)
    try:
        return query_records(db, sql)
    finally:
        db.close()


def test_review_template_filled_by_hand_brings_credits(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    (inbox / "reports" / "hosting").mkdir(parents=True)
    pdf = canvas.Canvas(str(inbox / "contracts" / "hosting.pdf"), pagesize=A4)
    for i, line in enumerate(CONTRACT):
        pdf.drawString(40, 800 - 16 * i, line)
    pdf.save()
    (inbox / "reports" / "hosting" / "2025-01.csv").write_text("Metric,Actual\nSystem availability,99.0%\n")
    (inbox / "reports" / "hosting" / "2025-02.csv").write_text("Metric,Actual\nSystem availability,99.95%\n")
    settings = Settings(inbox, tmp_path / "w.duckdb")

    _run(settings, "first")
    registry = {r["path"]: r for r in _query(settings, "select path, status, reason from file_registry")}
    assert registry["contracts/hosting.pdf"]["status"] == "loaded"
    assert "annual_charges" in registry["contracts/hosting.pdf"]["reason"]
    queue = {r["field"] for r in _query(settings, "select field from mart_contract_review_queue")}
    assert {"annual_charges", "at_risk_pct", "sla_schedule"} <= queue
    messages = [r["message"] for r in _query(settings, "select message from quarantine")]
    assert messages and all("contracts/hosting.yml" in m for m in messages)  # not a mapping line

    text, template = review_engagement(inbox, "hosting")
    assert template == inbox / "contracts" / "hosting.yml" and "annual_charges" in text
    assert "# annual_charges:" in template.read_text()
    template.write_text(FILLED)  # the person fills it in

    _run(settings, "second")
    credits = _query(settings, "select period_month, credit_amount from mart_service_credits order by 1")
    assert [c["credit_amount"] for c in credits] == [10_000.0, 0]  # January's default: 100% of 10% of 100,000
    fields = {r["field"] for r in _query(settings, "select field from mart_contract_review_queue")}
    assert not fields & {"annual_charges", "at_risk_pct", "sla_schedule"}
    origins = {
        (r["field"], r["origin"])
        for r in _query(settings, "select field, coalesce(origin, 'extracted') as origin from raw_contract_terms")
    }
    assert ("annual_charges", "entered by hand") in origins
    assert any(origin == "extracted" for _, origin in origins)  # what was read stays beside what was entered
    hand = _query(settings, "select source_text from raw_contract_terms where field = 'annual_charges'")
    assert hand[0]["source_text"] == "line 2: annual_charges: 1200000"
