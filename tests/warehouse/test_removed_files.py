"""The inbox is the one source of what the warehouse holds: a registered file taken out of the inbox takes its
rows with it on the next run, so the warehouse equals one built from the remaining files alone. An inbox that
lists nothing of a kind removes nothing (an unmounted folder is not a user's deletion)."""

from __future__ import annotations

import json
import shutil
from datetime import datetime

import pytest

from etl.load.database import open_warehouse
from etl.orchestration import pipeline
from etl.settings import Settings
from tests.conftest import SAMPLES, load_directly, normalised_rows

pytestmark = pytest.mark.e2e

ENGAGEMENTS = ("ito-infra-northwind", "ito-apps-bluepeak")
WAREHOUSE_STATE = {
    "file_registry": "select path, sha256, kind, engagement_id, status, reason, rows_loaded from file_registry",
    "quarantine": "select source_path, source_sha256, location, failed_check, message from quarantine",
    **{
        table: f"select * exclude (loaded_at) from {table}"
        for table in ("raw_contract_terms", "raw_sla_terms", "raw_measurements", "raw_tickets")
    },
}


def _inbox(root):
    for engagement in ENGAGEMENTS:
        shutil.copy(SAMPLES / "contracts" / f"{engagement}.pdf", root / "contracts" / f"{engagement}.pdf")
        shutil.copytree(SAMPLES / "reports" / engagement, root / "reports" / engagement)
    shutil.copytree(SAMPLES / "tickets" / "ito-infra-northwind", root / "tickets" / "ito-infra-northwind")
    return root


def _run_like_the_dags(settings: Settings, run: str) -> list[dict]:
    """The contracts DAG, then the reports DAG it triggers."""
    return load_directly(settings, run, loaded_at=datetime(2026, 1, 1), build=False)


def _state(warehouse) -> dict[str, list]:
    return {name: normalised_rows(str(warehouse), sql) for name, sql in WAREHOUSE_STATE.items()}


@pytest.fixture
def inbox(tmp_path):
    root = tmp_path / "inbox"
    (root / "contracts").mkdir(parents=True)
    (root / "reports").mkdir()
    (root / "tickets").mkdir()
    return _inbox(root)


def test_removed_files_leave_the_warehouse_as_a_clean_run_would_and_an_empty_listing_removes_nothing(inbox, tmp_path):
    settings = Settings(inbox, tmp_path / "w.duckdb")
    # a hand-corrections file that replaces a term, and a restated month: both later withdrawn
    (inbox / "contracts" / "ito-infra-northwind.yml").write_text("terms:\n  currency: EUR\n")
    _run_like_the_dags(settings, "first")
    loaded = _state(settings.warehouse)
    gone = [
        "contracts/ito-infra-northwind.yml",
        "contracts/ito-apps-bluepeak.pdf",  # its reports lose their contract, as in a run that never had it
        "reports/ito-infra-northwind/2025-03.csv",
    ]
    assert all(any(dict(r)["path"] == path for r in loaded["file_registry"]) for path in gone)
    for path in gone:
        (inbox / path).unlink()

    contracts, reports = _run_like_the_dags(settings, "second")
    assert contracts["removed_files"] == sorted(gone[:2]) and reports["removed_files"] == [gone[2]]
    # a removal alone is news: the DAG's load does not skip, so the KPIs are rebuilt
    assert pipeline.changed_warehouse({**reports, "files_loaded": 0, "files_quarantined": 0})

    clean = Settings(inbox, tmp_path / "clean.duckdb")
    _run_like_the_dags(clean, "clean")
    assert _state(settings.warehouse) == _state(clean.warehouse)
    db = open_warehouse(str(settings.warehouse), read_only=True)
    try:
        logged = db.query("select removed_files from etl_runs where run_id like 'second-%' order by run_id")
    finally:
        db.close()
    assert [json.loads(v) for v in logged.removed_files] == [sorted(gone[:2]), [gone[2]]]

    # put one back: the next run reads it as new
    shutil.copy(SAMPLES / "reports/ito-infra-northwind/2025-03.csv", inbox / gone[2])
    _, back = _run_like_the_dags(settings, "third")
    assert back["files_loaded"] == 1 and back["removed_files"] == []

    # an inbox listing no contract at all (say, a mount that did not come up) removes nothing
    before = _state(settings.warehouse)
    shutil.rmtree(inbox / "contracts")
    (inbox / "contracts").mkdir()
    contracts, _ = _run_like_the_dags(settings, "fourth")
    assert contracts["removed_files"] == [] and not pipeline.changed_warehouse(contracts)
    assert _state(settings.warehouse) == before
