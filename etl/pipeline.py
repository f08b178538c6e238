"""The pipeline's steps as plain functions: what each Airflow task calls, testable without Airflow."""

from __future__ import annotations

import logging
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path

from etl import file_task, warehouse_load
from etl.inbox import InboxFile, list_inbox
from etl.quantities import CURRENCY_CODES
from etl.canonical_records import unit_ranges
from etl.settings import Settings

log = logging.getLogger(__name__)


def discover(settings: Settings, kind: str | None = None) -> list[dict]:
    """Inbox files (of one kind: 'contract' or 'report', or all), each with the sha256 the warehouse last
    loaded from its path (one registry query)."""
    known = warehouse_load.registered_shas(settings.warehouse)
    files = [asdict(replace(f, registered_sha256=known.get(f.path))) for f in list_inbox(settings.inbox)
             if kind is None or f.kind == kind]
    log.info("inbox %s: %d %s files, %d seen before", settings.inbox, len(files), kind or "input",
             sum(f["registered_sha256"] is not None for f in files))
    return files


def stage(settings: Settings, item: dict) -> str:
    return file_task.stage_file(settings, InboxFile(**item))


def load(settings: Settings, staged_paths: list[str], run_id: str, loaded_at: datetime, dag_id: str = "",
         started_at: datetime | None = None) -> dict:
    """Validate and load the staged files in one transaction; the run summary goes to the warehouse
    (`etl_runs`) and to the task log."""
    files = file_task.read_staged(staged_paths)
    parameters = {"units": sorted(unit_ranges()), "currencies": list(CURRENCY_CODES)}
    summary = warehouse_load.validate_and_load(
        settings.warehouse, files, run_id, loaded_at, mappings_dir=settings.inbox / "mappings",
        docs_root=settings.data_docs_dir, parameters=parameters, dag_id=dag_id, started_at=started_at)
    for path in staged_paths:  # staged results are consumed; a retry re-stages from the inbox
        Path(path).unlink(missing_ok=True)
    log.info("run summary:\n%s", summary.describe())
    return summary.to_dict()
