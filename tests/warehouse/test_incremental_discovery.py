"""Discovery leaves out what the warehouse already holds, so a daily run maps tasks over what arrived only;
the run log still counts every inbox file it saw."""

from __future__ import annotations

import os
import shutil
from datetime import datetime

import pytest

from etl.load.database import open_warehouse, query_records
from etl.orchestration import pipeline
from etl.settings import Settings
from tests.conftest import SAMPLES

pytestmark = pytest.mark.e2e


def _run(settings: Settings, run_id: str, kind: str | None = None) -> dict:
    staged = [pipeline.stage(settings, item) for item in pipeline.discover(settings, kind)]
    return pipeline.load(settings, staged, run_id, datetime(2026, 1, 1), kind=kind)


def test_unchanged_files_are_left_out_at_discovery_and_counted_as_seen(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    settings = Settings(inbox, tmp_path / "w.duckdb")
    everything = pipeline.discover(settings)
    first = _run(settings, "first")
    assert first["files_seen"] == len(everything) and first["files_loaded"] > 0

    assert pipeline.discover(settings) == []
    second = _run(settings, "second")
    assert second["files_seen"] == second["files_unchanged"] == len(everything)
    assert second["files_loaded"] == 0

    # a restated report: only it is listed, with the sha256 its path was loaded from
    report = "reports/ito-infra-northwind/2025-03.csv"
    before = (inbox / report).read_text()
    (inbox / report).write_text(before.replace("99.", "98.", 1))
    listed = pipeline.discover(settings)
    assert [i["path"] for i in listed] == [report] and listed[0]["registered_sha256"]
    # and with its engagement's loaded service levels, which the reader looks for in the report's tables
    assert len(listed[0]["schedule_names"]) >= 3 and everything[-1]["schedule_names"] == ()
    # the reports DAG counts the reports (and ticket exports) it saw; the contracts it does not list are not its
    third = _run(settings, "third", kind="report")
    reports = sum(i["kind"] in ("report", "tickets") for i in everything)
    assert third["files_loaded"] == 1 and third["files_seen"] == reports

    db = open_warehouse(str(settings.warehouse), read_only=True)
    try:
        log = query_records(db, "select run_id, files_seen, files_unchanged from etl_runs order by finished_at")
    finally:
        db.close()
    assert [r["files_unchanged"] for r in log] == [0, len(everything), reports - 1]


def test_a_file_as_it_was_hashed_is_not_read_again_and_any_other_is(tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    settings = Settings(inbox, tmp_path / "w.duckdb")
    _run(settings, "first")

    read = []
    real = pipeline.file_sha256
    monkeypatch.setattr(pipeline, "file_sha256", lambda path: read.append(path) or real(path))
    assert pipeline.discover(settings) == []
    # only mapping files, which are not registered files of their own and hold a few lines, are read
    assert read and {p.parent.name for p in read} == {"mappings"}

    # the same bytes written again (a new mtime) are read, and found unchanged
    contract = inbox / "contracts" / "ito-infra-northwind.pdf"
    contract.write_bytes(contract.read_bytes())
    # other bytes of the same size, with the mtime put back, are the one change a quick check cannot see; a
    # size that differs is seen whatever the mtime says
    report = inbox / "reports" / "ito-infra-northwind" / "2025-03.csv"
    stat = report.stat()
    report.write_text(report.read_text() + "\n")
    os.utime(report, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    listed = pipeline.discover(settings)
    assert contract in read and report in read
    assert [i["path"] for i in listed] == ["reports/ito-infra-northwind/2025-03.csv"]

    # once a run has found the re-saved contract unchanged, its new size and mtime are registered: the next
    # discovery reads no registered file again
    _run(settings, "second")
    read.clear()
    assert pipeline.discover(settings) == []
    assert {p.parent.name for p in read} == {"mappings"}
