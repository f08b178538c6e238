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


def discover(settings: Settings) -> list[dict]:
    """Inbox files, each with the sha256 the warehouse last loaded from its path (one registry query)."""
    known = warehouse_load.registered_shas(settings.warehouse)
    files = [asdict(replace(f, registered_sha256=known.get(f.path))) for f in list_inbox(settings.inbox)]
    log.info("inbox %s: %d files, %d seen before", settings.inbox, len(files),
             sum(f["registered_sha256"] is not None for f in files))
    return files


def stage(settings: Settings, item: dict) -> str:
    return file_task.stage_file(settings, InboxFile(**item))


def load(settings: Settings, staged_paths: list[str], run_id: str, loaded_at: datetime) -> dict:
    files = file_task.read_staged(staged_paths)
    parameters = {"units": sorted(unit_ranges()), "currencies": list(CURRENCY_CODES)}
    summary = warehouse_load.validate_and_load(
        settings.warehouse, files, run_id, loaded_at, mappings_dir=settings.inbox / "mappings",
        docs_root=settings.data_docs_dir, parameters=parameters)
    for path in staged_paths:  # staged results are consumed; a retry re-stages from the inbox
        Path(path).unlink(missing_ok=True)
    log.info("run summary: %s", summary.to_dict())
    return summary.to_dict()
