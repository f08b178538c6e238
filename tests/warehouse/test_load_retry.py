"""#36: a retry of the load after its transaction committed succeeds and changes nothing, because the staged
files it reads are removed only after the run's last consumer (clean_staged), not by the load itself. The same
on the local staging folder and on object storage (an S3-compatible server, etl/staging.py)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from etl import staging
from etl.orchestration import pipeline
from etl.settings import Settings
from tests.conftest import SAMPLES

pytestmark = pytest.mark.e2e

ENGAGEMENT = "ito-infra-northwind"
TABLES = ("file_registry", "raw_contract_terms", "raw_sla_terms", "raw_measurements", "raw_tickets", "quarantine")


def _counts(warehouse: Path) -> dict[str, int]:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


@pytest.mark.parametrize("place", ["folder", "object storage"])
def test_a_load_retried_after_its_commit_succeeds_and_changes_nothing(place, tmp_path, monkeypatch, request):
    if place == "object storage":
        for name, value in request.getfixturevalue("s3_server")().items():
            monkeypatch.setenv(name, value)
    inbox = tmp_path / "inbox"
    for folder in ("contracts", f"reports/{ENGAGEMENT}", f"tickets/{ENGAGEMENT}"):
        (inbox / folder).mkdir(parents=True)
    shutil.copy(SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf", inbox / "contracts")
    for source in sorted((SAMPLES / "reports" / ENGAGEMENT).iterdir())[:3]:
        shutil.copy(source, inbox / "reports" / ENGAGEMENT)
    for source in (SAMPLES / "tickets" / ENGAGEMENT).iterdir():
        shutil.copy(source, inbox / "tickets" / ENGAGEMENT)
    settings = Settings(inbox, tmp_path / "w.duckdb")
    # as the extraction task stages them: in a forked child process
    staged = pipeline.stage_batch(settings, pipeline.discover(settings))
    assert all(p.startswith(settings.staging_url + "/") for p in staged)
    assert settings.staging_dir.exists() == (place == "folder")  # object storage: nothing staged on this disk

    first = pipeline.load(settings, staged, "run-1", datetime(2026, 1, 1))
    after_first = _counts(tmp_path / "w.duckdb")
    assert first["files_loaded"] >= 5 and after_first["raw_tickets"] > 0
    assert all(staging.exists(p) for p in staged)  # the load consumed nothing

    retry = pipeline.load(settings, staged, "run-1", datetime(2026, 1, 1))  # Airflow's retry: same staged files
    assert retry["files_loaded"] == 0 and retry["files_quarantined"] == 0
    assert _counts(tmp_path / "w.duckdb") == after_first

    tickets = staging.names(settings.staging_url, ".parquet")
    assert tickets and pipeline.clean_staged(staged) == len(staged) + len(tickets)
    assert not staging.names(settings.staging_url, "")  # every staged object removed
