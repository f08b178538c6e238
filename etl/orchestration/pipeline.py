"""The pipeline's steps as plain functions: what each Airflow task calls, testable without Airflow."""

from __future__ import annotations

import logging
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path

from etl.intake import file_task, isolation
from etl.intake.batches import plan_batches
from etl.intake.inbox import InboxFile, entry_problem, file_sha256, inside_inbox, list_inbox, of_kind
from etl.load import transaction
from etl.load.registry import coverage_hours, registered_shas, schedule_names
from etl.quantities import CURRENCY_CODES, unit_ranges
from etl.records import CREDIT_MODELS
from etl.settings import Settings

log = logging.getLogger(__name__)


class InboxMissingError(FileNotFoundError):
    pass


def discover(settings: Settings, kind: str | None = None) -> list[dict]:
    """Inbox files (of one kind: 'contract' or 'report', or all) that are new or changed since the warehouse
    last loaded their path, each with the sha256 it last loaded from there (one registry query). A file whose
    content is what was loaded is left out here, so a daily run maps a task over what arrived, not over the
    whole history of the inbox; the load counts it as unchanged."""
    if not settings.inbox.is_dir():
        raise InboxMissingError(
            f"the inbox {settings.inbox} does not exist: give the DAG param or --inbox, the Variable "
            "outsourcing_etl_inbox or OUTSOURCING_ETL_INBOX (a folder holding contracts/ and reports/)"
        )
    known = registered_shas(settings.warehouse)
    listed = [f for f in list_inbox(settings.inbox) if of_kind(f, kind)]
    schedules = schedule_names(settings.warehouse) if any(f.kind == "report" for f in listed) else {}
    windows = coverage_hours(settings.warehouse) if any(f.kind == "tickets" for f in listed) else {}
    files = [
        asdict(
            replace(
                f,
                registered_sha256=known.get(f.path),
                schedule_names=schedules.get(f.engagement_id, ()) if f.kind == "report" else (),
                coverage_hours=windows.get(f.engagement_id, "") if f.kind == "tickets" else "",
            )
        )
        for f in listed
        if not _unchanged(settings.inbox, f.path, known.get(f.path))
    ]
    log.info("inbox %s: %d %s files, %d new or changed", settings.inbox, len(listed), kind or "input", len(files))
    return files


def _unchanged(inbox: Path, path: str, registered_sha256: str | None) -> bool:
    # a link out of the inbox is never read (its task quarantines it); nor is what cannot be read here
    if registered_sha256 is None or entry_problem(inbox, path) or not inside_inbox(inbox, path):
        return False
    try:
        return file_sha256(inbox / path) == registered_sha256
    except OSError:
        return False


def discover_batches(settings: Settings, kind: str | None, slots: int) -> list[dict]:
    """discover(), cut into at most `slots` batches of similar work (etl/intake/batches.py)."""
    batches = plan_batches(settings.inbox, discover(settings, kind), slots)
    log.info("%d batches: %s", len(batches), "; ".join(b.label for b in batches))
    return [b.to_dict() for b in batches]


def stage(settings: Settings, item: dict) -> str:
    return file_task.stage_file(settings, InboxFile(**item))


def stage_batch(settings: Settings, items: list[dict]) -> list[str]:
    """Extract a batch in its own process: a file that kills its reader is quarantined, the rest go on."""
    return isolation.stage_batch(settings, [InboxFile(**item) for item in items])


def load(
    settings: Settings,
    staged_paths: list[str],
    run_id: str,
    loaded_at: datetime,
    dag_id: str = "",
    started_at: datetime | None = None,
    kind: str | None = None,
) -> dict:
    """Validate and load the staged files in one transaction; the run summary goes to the warehouse
    (`etl_runs`) and to the task log. `kind` is the one discovery listed (None: all): its inbox files not
    staged here are the unchanged ones discovery left out."""
    files = file_task.read_staged(staged_paths)
    parameters = {
        "units": sorted(unit_ranges()),
        "currencies": list(CURRENCY_CODES),
        "credit_models": list(CREDIT_MODELS),
    }
    summary = transaction.validate_and_load(
        settings.warehouse,
        files,
        run_id,
        loaded_at,
        mappings_dir=settings.inbox / "mappings",
        docs_root=settings.data_docs_dir,
        parameters=parameters,
        dag_id=dag_id,
        started_at=started_at,
        inbox_paths=[f.path for f in list_inbox(settings.inbox) if of_kind(f, kind)],
    )
    # the staged files stay until the run's last consumer is done (clean_staged): a retry of this load after
    # its transaction committed reads them again and finds every file registered, changing nothing
    log.info("run summary:\n%s", summary.describe())
    return summary.to_dict()


def clean_staged(staged_paths: list[str]) -> int:
    """Delete a run's staged files (each file's JSON and a ticket export's Parquet) once nothing will read them
    again; returns how many were there."""
    removed = 0
    for f in file_task.read_staged([p for p in staged_paths if Path(p).exists()]):
        if f.staged_tickets and Path(f.staged_tickets).exists():
            Path(f.staged_tickets).unlink()
            removed += 1
    for path in staged_paths:
        if Path(path).exists():
            Path(path).unlink()
            removed += 1
    return removed
