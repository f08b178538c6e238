"""The pipeline's steps as plain functions: what each Airflow task calls, testable without Airflow."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import asdict, replace
from datetime import datetime
from pathlib import Path

from etl import staging
from etl.intake import file_task, isolation
from etl.intake.batches import plan_batches
from etl.intake.inbox import KINDS_READ_WITH, InboxFile, entry_problem, file_sha256, file_stamp, list_inbox, of_kind
from etl.load import transaction
from etl.load.registry import Registered, coverage_hours, registered_shas, restamp, schedule_names
from etl.quantities import CURRENCY_CODES, unit_ranges
from etl.records import CREDIT_MODELS, is_corrections
from etl.settings import Settings, inside_inbox

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
    everything = list_inbox(settings.inbox)
    listed = [f for f in everything if of_kind(f, kind)]
    schedules = schedule_names(settings.warehouse) if any(f.kind == "report" for f in listed) else {}
    windows = coverage_hours(settings.warehouse) if any(f.kind == "tickets" for f in listed) else {}
    sha = _Hashes(settings.inbox, known)
    contexts = {
        e: _context(settings.inbox, e, everything, sha)
        for e in {f.engagement_id for f in listed if f.kind in ("report", "tickets")}
    }
    files = []
    for f in listed:
        if f.kind in ("report", "tickets"):
            context = contexts.get(f.engagement_id, "")
        elif is_corrections(f.path):
            context = _corrections_context(f.engagement_id, everything)
        else:
            context = ""
        entry = known.get(f.path)
        registered = entry.sha256 if entry else None
        if registered is not None and entry.context != context:
            registered = None  # matched in another context: read and match it again, whatever its content
        if registered is not None and sha(f.path) == registered:
            continue
        files.append(
            asdict(
                replace(
                    f,
                    registered_sha256=registered,
                    schedule_names=schedules.get(f.engagement_id, ()) if f.kind == "report" else (),
                    coverage_hours=windows.get(f.engagement_id, "") if f.kind == "tickets" else "",
                    context_sha256=context,
                )
            )
        )
    log.info("inbox %s: %d %s files, %d new or changed", settings.inbox, len(listed), kind or "input", len(files))
    return files


class _Hashes:
    """sha256 of inbox files, each hashed at most once per discovery; None for what is not read here (a link out
    of the inbox, an entry that is not a regular file, a file that cannot be read). A registered file whose size
    and modification time are those it had when it was hashed is not read again: its registered sha256 stands."""

    def __init__(self, inbox: Path, known: dict[str, Registered]):
        self.inbox, self.known, self.seen = inbox, known, {}

    def __call__(self, path: str) -> str | None:
        if path not in self.seen:
            self.seen[path] = None
            try:
                if not entry_problem(self.inbox, path) and inside_inbox(self.inbox, path):
                    stat, known = (self.inbox / path).stat(), self.known.get(path)
                    as_hashed = known is not None and known.size is not None
                    if as_hashed and (known.size, known.mtime_us) == file_stamp(stat):
                        self.seen[path] = known.sha256
                    else:
                        self.seen[path] = file_sha256(self.inbox / path)
            except OSError:
                pass  # absent (no mapping file) or unreadable: nothing to match against
        return self.seen[path]


def _corrections_context(engagement_id: str, everything: list[InboxFile]) -> str:
    """What a corrections file applies in: whether its engagement has a contract document (a corrections file
    without one is quarantined). A PDF arriving after its corrections re-opens them, so hand entries win in
    any order."""
    documents = sorted(
        f.path
        for f in everything
        if f.kind == "contract" and f.engagement_id == engagement_id and not is_corrections(f.path)
    )
    return hashlib.sha256("\n".join(["documents:", *documents]).encode()).hexdigest() if documents else ""


def _context(inbox: Path, engagement_id: str, everything: list[InboxFile], sha: _Hashes) -> str:
    """What an engagement's reports are matched in: its mapping file and its contract files (the PDF and any
    corrections), as a digest. A change to any of them re-opens every report of the engagement, loaded or
    quarantined, so a correction takes effect on the next run."""
    parts = [f"mapping:{sha(f'mappings/{engagement_id}.yml')}"]
    parts += [
        f"{f.path}:{sha(f.path)}" for f in everything if f.kind == "contract" and f.engagement_id == engagement_id
    ]
    return hashlib.sha256("\n".join(sorted(parts)).encode()).hexdigest()


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
    listed = [f.path for f in list_inbox(settings.inbox) if of_kind(f, kind)]
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
        inbox_paths=listed,
        inbox_kinds=KINDS_READ_WITH.get(kind, {kind}) if kind else None,
        rows_of=file_task.staged_measurements,
    )
    _restamp_unchanged(settings, set(listed) - {f.path for f in files})
    # the staged files stay until the run's last consumer is done (clean_staged): a retry of this load after
    # its transaction committed reads them again and finds every file registered, changing nothing
    log.info("run summary:\n%s", summary.describe())
    return summary.to_dict()


def _restamp_unchanged(settings: Settings, unstaged: set[str]) -> None:
    """A registered file discovery hashed because its size or mtime moved, and found unchanged (the same bytes
    saved again), gets its new size and mtime in the registry; otherwise every later run would hash it again.
    Hashed once more here, after its stat, so a file changed since discovery is never stamped as unchanged."""
    known, stamps = registered_shas(settings.warehouse), []
    for path in sorted(unstaged):
        entry = known.get(path)
        try:
            if entry is None or entry_problem(settings.inbox, path) or not inside_inbox(settings.inbox, path):
                continue
            stamp = file_stamp((settings.inbox / path).stat())
            if (entry.size, entry.mtime_us) != stamp and file_sha256(settings.inbox / path) == entry.sha256:
                stamps.append((path, entry.sha256, *stamp))
        except OSError:
            continue
    if stamps:
        restamp(settings.warehouse, stamps)


def changed_warehouse(summary: dict) -> bool:
    """Whether a load's summary changed the warehouse: files loaded or quarantined, or removed files taken out."""
    return bool(summary["files_loaded"] or summary["files_quarantined"] or summary["removed_files"])


def clean_staged(staged_paths: list[str]) -> int:
    """Delete a run's staged files (each file's JSON and a ticket export's Parquet) once nothing will read them
    again; returns how many were there."""
    present = [p for p in staged_paths if staging.exists(p)]
    tickets = [f.staged_tickets for f in file_task.read_staged(present) if f.staged_tickets]
    return sum(staging.remove(url) for url in [*tickets, *present])
