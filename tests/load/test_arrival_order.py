"""Reports that arrive before their contract are quarantined, and read again once the contract is loaded.

The subject is loading, so the two runs call the inbox DAGs' stage functions in this process (the DAG chain
itself runs in tests/dags/test_pipeline_run.py), and the KPI build is left out."""

import shutil

import duckdb
import pytest

from etl.settings import Settings
from tests.conftest import SAMPLES, load_directly

pytestmark = pytest.mark.e2e

ENGAGEMENT = "kpo-research-insightful"


def rows(path, sql):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_reports_before_their_contract_are_retried_when_it_arrives(tmp_path):
    inbox = tmp_path / "inbox"
    reports = inbox / "reports" / ENGAGEMENT
    reports.mkdir(parents=True)
    for name in ("2025-01.pdf", "2025-02.pdf"):
        shutil.copy(SAMPLES / "reports" / ENGAGEMENT / name, reports / name)
    settings = Settings(inbox, tmp_path / "warehouse.duckdb")

    load_directly(settings, "first", build=False)
    assert rows(settings.warehouse, "select status from file_registry order by path") == [("quarantined",)] * 2
    assert "not in the SLA schedule" in rows(settings.warehouse, "select message from quarantine limit 1")[0][0]

    (inbox / "contracts").mkdir()
    shutil.copy(SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf", inbox / "contracts" / f"{ENGAGEMENT}.pdf")
    load_directly(settings, "second", build=False)
    assert rows(settings.warehouse, "select kind, status from file_registry order by path") == [
        ("contract", "loaded"),
        ("report", "loaded"),
        ("report", "loaded"),
    ]
    assert rows(settings.warehouse, "select count(*) from quarantine") == [(0,)]
    assert rows(settings.warehouse, "select count(*) from raw_measurements")[0][0] > 0

    runs = rows(
        settings.warehouse,
        "select dag_id, files_seen, files_loaded, duration_seconds, rows_per_table "
        "from etl_runs where files_seen > 0 order by finished_at",
    )
    # every load writes its run summary: which DAG, what it saw and loaded, how long it took, rows per table
    assert [r[:3] for r in runs] == [
        ("outsourcing_reports", 2, 0),
        ("outsourcing_contracts", 1, 1),
        ("outsourcing_reports", 2, 2),
    ]
    assert runs[-1][3] > 0
    assert '"raw_measurements": ' in runs[-1][4]
