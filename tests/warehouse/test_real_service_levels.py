"""Service levels as real documents write them reach the warehouse: a contract whose levels are prose and a
performance table (no Expected/Minimum header) loads its rows with threshold, allowed deviation, severity and
the rule that read each, and the units they need are in the unit list the suites check."""

from datetime import datetime

import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

from etl.load.database import open_warehouse, query_records
from etl.orchestration import pipeline
from etl.settings import Settings

pytestmark = pytest.mark.e2e

PAGE_1 = [
    "HOSTING SERVICES AGREEMENT",
    'This Agreement is made on March 1, 2025 between Harbor Savings Bank ("Harbor") and',
    'Northwind Hosting Corporation ("NHC"). NHC shall provide the hosting services to Harbor.',
    "Harbor shall pay the Charges of USD 10,000 per month.",
    "1. Service Levels. The Hosted System shall have ninety-nine and one half percent (99.5%) Availability",
    "measured over a calendar month.",
]


def _contract(path):
    c = canvas.Canvas(str(path), pagesize=LETTER)
    y = 740
    for line in PAGE_1:
        c.drawString(50, y, line)
        y -= 14
    # a ruled performance table: requirement | standard | AQL
    c.drawString(50, y - 10, "Performance Requirements Summary")
    rows = [
        ("Requirement", "Performance Standard", "AQL"),
        ("Help desk calls", "All calls are answered within 20 seconds.", "1% deviation"),
        ("Incident resolution", "95% of incidents resolved within 4 business hours.", ""),
    ]
    top, widths = y - 30, (150, 260, 100)
    for r, row in enumerate(rows):
        x = 50
        for w, cell in zip(widths, row):
            c.rect(x, top - 20 * (r + 1), w, 20)
            c.drawString(x + 3, top - 20 * (r + 1) + 6, cell)
            x += w
    c.showPage()
    c.save()


def test_prose_and_performance_table_levels_load_with_their_new_columns(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    _contract(inbox / "contracts" / "harbor-hosting.pdf")
    settings = Settings(inbox, str(tmp_path / "warehouse.duckdb"))
    staged = [pipeline.stage(settings, item) for item in pipeline.discover(settings, "contract")]
    summary = pipeline.load(settings, staged, "run-1", datetime(2026, 1, 1), kind="contract")
    assert summary["files_loaded"] == 1, summary

    rows = query_records(
        open_warehouse(settings.warehouse),
        "select expected, unit, threshold, threshold_unit, allowed_deviation_pct, extraction_rule "
        "from raw_sla_terms order by expected",
    )
    levels = {(r["expected"], r["unit"], r["threshold"], r["threshold_unit"]) for r in rows}
    assert (99.5, "percent", None, None) in levels
    assert (95.0, "percent", 4.0, "business hours") in levels
    assert (99.0, "percent", 20.0, "seconds") in levels
    aql = next(r for r in rows if r["threshold"] == 20.0)
    assert aql["allowed_deviation_pct"] == 1.0 and aql["extraction_rule"] == "standard with an acceptable quality level"
    assert all(r["extraction_rule"] for r in rows)
