"""A schedule entered by hand (contracts/<engagement>.yml) replaces the PDF's whether it arrives before, with or
after the PDF: the same rows load, the reports match the hand schedule, and nothing is quarantined as a
duplicate of the other source."""

from __future__ import annotations

from datetime import datetime

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from etl.load.database import open_warehouse, query_records
from etl.settings import Settings
from tests.conftest import load_directly

pytestmark = pytest.mark.e2e

# a contract whose schedule the reader finds: the hand entry restates one level under the id read from the PDF
# (as a review template gives it) and leaves the other out
CONTRACT = [
    "MANAGED HOSTING SERVICES AGREEMENT",
    'This Agreement is made on January 1, 2025 between Harbor Freight Lines Inc. ("Customer") and',
    'Nimbus Hosting Ltd. ("Provider"). The Annual Charges are USD 1,200,000.',
    "Service Level | Expected | Minimum",
    "System availability | 99.9% | 99.5%",
    "Backup success rate | 99% | 98%",
]
HAND = """service_levels:
  - metric_id: system_availability
    metric_name: System availability
    unit: percent
    direction: higher
    expected: 99.95
    minimum: 99.7
    allocation_pct: 100
"""
REPORTS = {
    "2025-01.csv": "Metric,Actual\nSystem availability,99.6%\n",
    "2025-02.csv": "Metric,Actual\nSystem availability,99.99%\n",
}


def _write_pdf(inbox) -> None:
    pdf = canvas.Canvas(str(inbox / "contracts" / "hosting.pdf"), pagesize=A4)
    for i, line in enumerate(CONTRACT):
        pdf.drawString(40, 800 - 16 * i, line)
    pdf.save()


def _write_hand(inbox) -> None:
    (inbox / "contracts" / "hosting.yml").write_text(HAND)


def _run(settings: Settings, run_id: str) -> None:
    load_directly(settings, run_id, loaded_at=datetime(2026, 1, 1), build=False)


def _outcome(settings: Settings) -> dict:
    db = open_warehouse(settings.warehouse, read_only=True)
    try:
        return {
            "hand levels": sorted(
                (r["metric_id"], r["expected"], r["minimum"])
                for r in query_records(
                    db, "select metric_id, expected, minimum from raw_sla_terms where origin = 'entered by hand'"
                )
            ),
            "measurements": sorted(
                (r["metric_id"], r["period"], r["actual"])
                for r in query_records(db, "select metric_id, period, actual from raw_measurements")
            ),
            "quarantined": sorted(r["message"] for r in query_records(db, "select message from quarantine")),
            "files": sorted(
                (r["path"], r["status"]) for r in query_records(db, "select path, status from file_registry")
            ),
        }
    finally:
        db.close()


@pytest.mark.parametrize("order", ["hand before the PDF", "hand with the PDF", "hand after the PDF"])
def test_a_hand_schedule_wins_in_any_order(tmp_path, order):
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    (inbox / "reports" / "hosting").mkdir(parents=True)
    for name, text in REPORTS.items():
        (inbox / "reports" / "hosting" / name).write_text(text)
    settings = Settings(inbox, tmp_path / "w.duckdb")
    first, second = {
        "hand before the PDF": ((_write_hand,), (_write_pdf,)),
        "hand with the PDF": ((_write_hand, _write_pdf), ()),
        "hand after the PDF": ((_write_pdf,), (_write_hand,)),
    }[order]
    for step, writers in enumerate((first, second)):
        for write in writers:
            write(inbox)
        _run(settings, f"run-{step}")

    got = _outcome(settings)
    assert got["hand levels"] == [("system_availability", 99.95, 99.7)]
    assert got["measurements"] == [("system_availability", "2025-01", 99.6), ("system_availability", "2025-02", 99.99)]
    assert not [m for m in got["quarantined"] if "twice" in m or "not in the schedule" in m], got["quarantined"]
    assert ("contracts/hosting.pdf", "loaded") in got["files"] and ("contracts/hosting.yml", "loaded") in got["files"]
