"""Load a run's validated records into the warehouse's raw tables in one transaction.

Idempotent by content: a file whose path and sha256 are already registered is skipped before extraction;
a changed file replaces the rows of its previous version; the same content under a second path is
registered as `unchanged` and loads nothing. The raw tables are the dbt project's sources.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from etl import staging
from etl.load.batch import CanonicalBatch, build_batch, known_metric_keys
from etl.load.database import open_warehouse
from etl.load.schema import RAW_COLUMNS, TABLE_SPEC, create_schema, frame_dtypes
from etl.load.validation import RowFailure, ValidationOutcome, validate
from etl.records import ExtractedFile, Measurement, is_corrections, missing_requirements
from etl.sandbox import confined_duckdb

log = logging.getLogger(__name__)


@dataclass
class RunSummary:
    run_id: str
    dag_id: str = ""
    started_at: str | None = None
    duration_seconds: float | None = None
    files_seen: int = 0
    files_loaded: int = 0
    files_unchanged: int = 0
    files_quarantined: int = 0
    rows_loaded: dict[str, int] = field(default_factory=dict)
    rows_quarantined: int = 0
    quarantined_files: dict[str, str] = field(default_factory=dict)
    # registered files no longer in the inbox: their rows left the warehouse in this run
    removed_files: list[str] = field(default_factory=list)
    data_docs: str | None = None
    validation_page: str | None = None  # the run's own offline page of its checks

    def to_dict(self) -> dict:
        return asdict(self)

    def describe(self) -> str:
        """The run summary as an operator reads it in the task log."""
        lines = [
            f"run {self.run_id} ({self.dag_id}): {self.files_seen} files seen, {self.files_loaded} loaded, "
            f"{self.files_unchanged} unchanged, {self.files_quarantined} quarantined; "
            f"{self.rows_quarantined} rows quarantined; {self.duration_seconds or 0:.1f} s"
        ]
        lines += [f"  {table}: {n} rows loaded" for table, n in self.rows_loaded.items()]
        lines += [f"  quarantined {path}: {reason}" for path, reason in self.quarantined_files.items()]
        lines += [f"  removed {path}: no longer in the inbox, its rows were taken out" for path in self.removed_files]
        if self.validation_page:
            lines.append(f"  validation (one offline page): {self.validation_page}")
        if self.data_docs:
            lines.append(f"  Great Expectations Data Docs: {self.data_docs}")
        return "\n".join(lines)


def _insert(db, table: str, df: pd.DataFrame, loaded_at: datetime) -> int:
    return db.bulk_insert(table, df, RAW_COLUMNS[table], {"loaded_at": loaded_at})


def _without(df: pd.DataFrame, row_ids: set[str]) -> pd.DataFrame:
    """The rows of `df` not in `row_ids`; the frame itself when there are none (no copy of a million rows)."""
    return df[~df.row_id.isin(row_ids)] if row_ids else df


def _quarantine_rows(batch_frames: dict[str, pd.DataFrame], failures: list[RowFailure]) -> pd.DataFrame:
    failing_suites = {f.suite for f in failures}
    by_id = {suite: df.set_index("row_id", drop=False) for suite, df in batch_frames.items() if suite in failing_suites}
    rows = []
    for f in failures:
        rec = by_id[f.suite].loc[f.row_id].to_dict()
        kept = {
            k: (None if pd.isna(v) else v)
            for k, v in rec.items()
            if k in ("metric_name", "period", "actual_text", "metric_id")
        }
        rows.append(
            {
                "source_path": rec["file_path"],
                "source_sha256": rec["file_sha256"],
                "location": rec["location"],
                "failed_check": f.check,
                "message": f.message,
                "record": json.dumps(kept, default=str),
            }
        )
    return pd.DataFrame(rows, columns=["source_path", "source_sha256", "location", "failed_check", "message", "record"])


def _gaps(f: ExtractedFile) -> str:
    """What a contract document does not state (or states below the review threshold), for its registry row."""
    missing = [r.field for r in missing_requirements(f.contract_terms, bool(f.sla_terms))]
    if not missing:
        return ""
    return (
        f"to review: {', '.join(missing)} not found (mart_contract_review_queue says why; "
        f"enter them in contracts/{f.engagement_id}.yml)"
    )


def _refuse_corrections_without_contract(files: list[ExtractedFile], registry: pd.DataFrame) -> None:
    """A corrections file applies to the engagement it names, and only where that engagement has a contract
    (registered before, or arriving now); one without is quarantined with what to do, never an engagement of its
    own whose rows could fail the build for every other."""
    # a contract counts even where it could not be read: hand entries are how its terms get in
    pdfs = registry[registry.kind == "contract"]
    have = set(pdfs.engagement_id[~pdfs.path.map(is_corrections)]) | {
        f.engagement_id for f in files if f.kind == "contract" and f.origin == "extracted"
    }
    for f in files:
        if f.kind == "contract" and f.origin == "entered by hand" and f.status == "extracted":
            if f.engagement_id not in have:
                f.status = "quarantined"
                f.reason = (
                    f"corrections for {f.engagement_id!r}, which has no contract in the inbox: add "
                    f"contracts/{f.engagement_id}.pdf, or rename this file after the engagement it corrects"
                )
                f.contract_terms, f.sla_terms = [], []


def _rejected_files(batch: CanonicalBatch, outcome: ValidationOutcome) -> dict[str, list[str]]:
    """Contract files quarantined whole (two documents for one engagement), each with its messages."""
    path_of_contract_row = dict(zip(batch.contracts.row_id, batch.contracts.file_path))
    rejected: dict[str, list[str]] = {}
    for fail in outcome.failures:
        if fail.suite == "contract_terms" and fail.action == "reject_file":
            rejected.setdefault(path_of_contract_row[fail.row_id], []).append(fail.message)
    return rejected


def _loadable_sla(batch: CanonicalBatch, outcome: ValidationOutcome, rejected: dict[str, list[str]]) -> pd.Series:
    return ~batch.sla_terms.row_id.isin(outcome.failed_ids("sla_terms")) & ~batch.sla_terms.file_path.isin(rejected)


def _orphaned_measurements(
    batch: CanonicalBatch, outcome: ValidationOutcome, rejected: dict[str, list[str]]
) -> list[RowFailure]:
    """Measurements matched to a service level that validation then quarantined would load without their
    schedule row: they are quarantined too, saying why."""
    loadable = _loadable_sla(batch, outcome, rejected)
    if loadable.all() or batch.measurements.empty:
        return []
    bad, good = batch.sla_terms[~loadable], batch.sla_terms[loadable]
    lost = {f"{r.engagement_id}/{r.metric_id}" for r in bad.itertuples()} - {
        f"{r.engagement_id}/{r.metric_id}" for r in good.itertuples()
    }
    already = outcome.failed_ids("measurements")
    rows = batch.measurements[batch.measurements.metric_key.isin(lost) & ~batch.measurements.row_id.isin(already)]
    return [
        RowFailure(
            r.row_id,
            "measurements",
            "contract_service_level_quarantined",
            f"{r.metric_name!r} matched service level {r.metric_key}, whose contract row was quarantined; "
            "fix the contract row (see quarantine) and the report loads with it",
        )
        for r in rows.itertuples()
    ]


def validate_and_load(
    warehouse: str,
    files: list[ExtractedFile],
    run_id: str,
    loaded_at: datetime,
    mappings_dir: Path,
    docs_root: Path | None,
    parameters: dict,
    dag_id: str = "",
    started_at: datetime | None = None,
    inbox_paths: list[str] | None = None,
    inbox_kinds: set[str] | None = None,
    rows_of: Callable[[ExtractedFile], list[Measurement]] = lambda f: f.measurements,
) -> RunSummary:
    """inbox_paths: the files discovery listed; those registered and not staged here were left out as
    unchanged, and count as seen. A registered file of `inbox_kinds` (None: every kind) that is no longer in
    the inbox is removed: its rows leave the warehouse, so the inbox stays the one source of what is loaded."""
    summary = RunSummary(
        run_id=run_id, dag_id=dag_id, files_seen=len(files), started_at=started_at.isoformat() if started_at else None
    )
    db = open_warehouse(warehouse)
    try:
        if db.dialect == "postgres" and (held := db.server_privileges()):
            log.warning(
                "the warehouse role holds %s: it could run programs or touch files on the database server. The "
                "pipeline needs only to own its database; connect as such a role (docker-compose.yml does)",
                ", ".join(held),
            )
        create_schema(db)
        # one load at a time: a second run waits here, then sees what the first registered
        db.lock_for_load()
        known_sla = db.query(
            "select engagement_id, metric_id, metric_name, unit, coalesce(origin, 'extracted') as origin, file_path "
            "from raw_sla_terms"
        )
        # hand entries last, so they win in the dict below
        loaded_terms = db.query(
            "select engagement_id, field, value from raw_contract_terms "
            "where field in ('effective_date', 'expiry_date', 'termination_date', 'auto_renewal', 'renewal_term_months', "
            "'currency') "
            "order by coalesce(origin, 'extracted') = 'entered by hand'"
        )
        known_terms = {e: dict(zip(g.field, g.value)) for e, g in loaded_terms.groupby("engagement_id")}
        registry = db.query(
            "select path, sha256, status, kind, engagement_id, coalesce(context_sha256, '') as context "
            "from file_registry"
        )
        summary.files_seen += len(set(inbox_paths or []) & set(registry.path) - {f.path for f in files})

        # the same content under a second path is a duplicate, not new data: a report within its engagement (the
        # same bytes in two engagements' folders are two inputs, each validated for its own, so a stray copy in
        # a folder without a contract never shadows the real report), a contract anywhere (the same contract
        # under a second name is not a second engagement)
        def content_key(kind, engagement_id, sha):
            return (engagement_id if kind != "contract" else "", sha)

        done = registry[registry.status == "loaded"]
        loaded_shas = {
            content_key(k, e, sha): path
            for k, e, sha, path in zip(done.kind, done.engagement_id, done.sha256, done.path)
        }
        # a path counts as registered with its content and the context it was matched in (a report re-read
        # because its engagement's mapping or contract changed is not the registered version)
        registered = set(zip(registry.path, registry.sha256, registry.context))
        # of two contracts with the same bytes, the one whose engagement has reports or tickets is the original:
        # a copy under a name that sorts first must not take its place and orphan its reports
        evidence = {f.engagement_id for f in files if f.kind != "contract"} | set(
            registry.engagement_id[registry.kind != "contract"]
        )
        fresh: list[ExtractedFile] = []
        for f in sorted(files, key=lambda f: f.kind == "contract" and f.engagement_id not in evidence):
            if f.status == "unchanged" or (f.path, f.sha256, f.context_sha256) in registered:
                continue  # unchanged since discovery, or registered meanwhile by a concurrent run
            other = loaded_shas.get(content_key(f.kind, f.engagement_id, f.sha256))
            if other and other != f.path:
                f.status, f.reason = "unchanged", f"same content as {other}, already loaded"
                f.contract_terms, f.sla_terms, f.measurements, f.rows_staged_at = [], [], [], ""
            elif f.status == "extracted":
                loaded_shas.setdefault(content_key(f.kind, f.engagement_id, f.sha256), f.path)
            fresh.append(f)
        _refuse_corrections_without_contract(fresh, registry)
        summary.removed_files = _removed(registry, inbox_paths, inbox_kinds, {f.path for f in files})

        batch = build_batch(
            fresh, known_sla, mappings_dir, known_terms, run_month=f"{loaded_at:%Y-%m}-01", rows_of=rows_of
        )
        # one validation of every suite per run (Great Expectations' setup costs more than its rows)
        outcome = validate(
            {"contract_terms": batch.contracts, "sla_terms": batch.sla_terms, "measurements": batch.measurements},
            {**parameters, "known_metric_keys": known_metric_keys(batch.schedule_keys)},
            docs_root,
            run_name=run_id,
        )
        rejected = _rejected_files(batch, outcome)
        outcome.failures += _orphaned_measurements(batch, outcome, rejected)
        summary.data_docs = outcome.data_docs_index
        summary.validation_page = outcome.page
        plan = plan_load(fresh, batch, outcome, rejected, _ticket_rows(fresh), run_id, loaded_at)
        _write(db, fresh, plan, run_id, loaded_at, summary, started_at)
    finally:
        db.close()
    return summary


def _removed(
    registry: pd.DataFrame, inbox_paths: list[str] | None, inbox_kinds: set[str] | None, staged: set[str]
) -> list[str]:
    """Registered paths of the listed kinds that the inbox no longer holds. Nothing when the listing holds no
    file of those kinds at all: an unmounted or emptied folder is more likely than a user removing every file."""
    if inbox_paths is None:
        return []
    listed = registry if inbox_kinds is None else registry[registry.kind.isin(inbox_kinds)]
    if not inbox_paths:
        if len(listed):
            log.warning(
                "the inbox lists no %s file, but the warehouse holds %d: nothing is removed. To empty the "
                "warehouse, start a new one",
                "/".join(sorted(inbox_kinds or {"input"})),
                len(listed),
            )
        return []
    return sorted(set(listed.path) - set(inbox_paths) - staged)


def _delete_raw_rows(db, files: list[tuple[str, str]]) -> None:
    """The raw rows of these (path, sha256) versions (set-wise: thousands of files per run would otherwise cost
    thousands of statements)."""
    if files:
        for table in RAW_COLUMNS:
            db.execute(
                f"delete from {table} where (file_path, file_sha256) in (select unnest(?), unnest(?))",
                [[p for p, _ in files], [s for _, s in files]],
            )


def _staged_tickets(url: str) -> pd.DataFrame:
    with staging.local_copy(url) as path, confined_duckdb(files=[path]) as con:
        return con.read_parquet(str(path)).df()


def _ticket_rows(files: list[ExtractedFile]) -> pd.DataFrame:
    """The staged rows of the ticket exports read in this run, with their file and engagement."""
    frames = [
        _staged_tickets(f.staged_tickets).assign(engagement_id=f.engagement_id, file_sha256=f.sha256, file_path=f.path)
        for f in files
        if f.kind == "tickets" and f.status == "extracted" and f.staged_tickets
    ]
    if not frames:
        return pd.DataFrame(columns=RAW_COLUMNS["raw_tickets"])
    return pd.concat(frames, ignore_index=True)[RAW_COLUMNS["raw_tickets"]]


@dataclass
class LoadPlan:
    """What one load writes, planned before the transaction opens: the raw rows of each table, the quarantine,
    and each file's registry row with its status and reason."""

    rows: dict[str, pd.DataFrame]  # raw table -> rows
    quarantine: pd.DataFrame
    registry: pd.DataFrame
    unreadable_files: int  # of the quarantine's rows, whole files that could not be read
    quarantined_files: dict[str, str]  # path -> reason


def plan_load(
    files: list[ExtractedFile],
    batch: CanonicalBatch,
    outcome: ValidationOutcome,
    contract_failures: dict[str, list[str]],
    tickets: pd.DataFrame,
    run_id: str,
    loaded_at: datetime,
) -> LoadPlan:
    """The rows, quarantine and registry of a load, from the run's records and their validation (no I/O)."""
    rows = {
        "raw_contract_terms": _loadable_terms(batch, outcome, contract_failures),
        "raw_sla_terms": batch.sla_terms[_loadable_sla(batch, outcome, contract_failures)],
        "raw_measurements": _without(batch.measurements, outcome.failed_ids("measurements")),
        "raw_tickets": tickets,
    }
    unreadable = [f for f in files if f.status == "quarantined"]
    quarantine = _planned_quarantine(files, batch, outcome, unreadable)
    rows_per_file = Counter()
    for frame in rows.values():
        rows_per_file.update(frame.file_path.value_counts().to_dict())
    bad_rows_per_file = quarantine.source_path.value_counts().to_dict()
    statuses = {f.path: _file_status(f, contract_failures, rows_per_file, bad_rows_per_file) for f in files}
    registry = pd.DataFrame(
        [
            {
                "path": f.path,
                "sha256": f.sha256,
                "kind": f.kind,
                "engagement_id": f.engagement_id,
                "status": statuses[f.path][0],
                "reason": statuses[f.path][1],
                "rows_loaded": rows_per_file.get(f.path, 0),
                "pages": f.pages,
                "loaded_at": loaded_at,
                "run_id": run_id,
                "context_sha256": f.context_sha256,
                "file_size": f.file_size,
                "file_mtime_us": f.file_mtime_us,
            }
            for f in files
        ],
        columns=[c.name for c in TABLE_SPEC["file_registry"]],
    )
    # a file that was not hashed (a link out of the inbox) has no size or mtime, a report no pages; COPY wants
    # integers, not the floats pandas makes of a column with gaps
    registry = registry.astype(frame_dtypes("file_registry"))
    quarantined = {path: reason for path, (status, reason) in statuses.items() if status == "quarantined"}
    return LoadPlan(rows, quarantine, registry, len(unreadable), quarantined)


def _loadable_terms(
    batch: CanonicalBatch, outcome: ValidationOutcome, contract_failures: dict[str, list[str]]
) -> pd.DataFrame:
    """Contract terms of the files that load, without the values validation dropped one by one (one unusable
    value, the rest of the file loads)."""
    path_of_contract_row = dict(zip(batch.contracts.row_id, batch.contracts.file_path))
    dropped_values = {
        (path_of_contract_row[fail.row_id], fail.column)
        for fail in outcome.failures
        if fail.suite == "contract_terms" and fail.action == "drop_value"
    }
    terms = batch.contract_terms[~batch.contract_terms.file_path.isin(contract_failures)]
    if dropped_values:
        keys = list(zip(terms.file_path, terms.field))
        terms = terms[[k not in dropped_values for k in keys]]
    return terms


def _planned_quarantine(
    files: list[ExtractedFile], batch: CanonicalBatch, outcome: ValidationOutcome, unreadable: list[ExtractedFile]
) -> pd.DataFrame:
    """Rows that failed validation, entries of a readable file that cannot be used (a typo in a corrections
    file) one by one, and files that could not be read at all, whole."""
    failed = _quarantine_rows(
        {"contract_terms": batch.contracts, "sla_terms": batch.sla_terms, "measurements": batch.measurements},
        [f for f in outcome.failures if f.action != "review"],
    )
    problems = [
        {"source_path": f.path, "source_sha256": f.sha256, **p, "failed_check": p["check"], "record": None}
        for f in files
        if f.status == "extracted"
        for p in f.problems
    ]
    whole = [
        {
            "source_path": f.path,
            "source_sha256": f.sha256,
            "location": "file",
            "failed_check": "readable_file",
            "message": f.reason,
            "record": None,
        }
        for f in unreadable
    ]
    return pd.concat(
        [
            failed,
            pd.DataFrame(whole, columns=failed.columns),
            pd.DataFrame(problems, columns=failed.columns),
        ],
        ignore_index=True,
    )


def _file_status(
    f: ExtractedFile,
    contract_failures: dict[str, list[str]],
    rows_per_file: Counter,
    bad_rows_per_file: dict[str, int],
) -> tuple[str, str]:
    """A file's registry status and reason."""
    if f.path in contract_failures:
        return "quarantined", "; ".join(contract_failures[f.path])
    if f.status == "extracted" and f.kind == "contract":
        # a readable contract always loads what it has; what it lacks goes to mart_contract_review_queue
        bad = bad_rows_per_file.get(f.path, 0)
        parts = (f"{bad} values quarantined" if bad else "", _gaps(f) if f.origin == "extracted" else "")
        return "loaded", "; ".join(part for part in parts if part)
    if f.status == "extracted":
        loaded = rows_per_file.get(f.path, 0)
        bad = bad_rows_per_file.get(f.path, 0)
        if not loaded:
            return "quarantined", "every row failed validation; see the quarantine table"
        return "loaded", f"{bad} of {loaded + bad} rows quarantined" if bad else ""
    return f.status, f.reason


def _replaced(files: list[ExtractedFile], previous: dict[str, str]) -> list[tuple[str, str]]:
    """The registered (path, sha256) versions whose rows this load replaces: a new version of a file at its path,
    or the same version read again in a new context (re-matched after a correction)."""
    return [
        (f.path, previous[f.path])
        for f in files
        if f.path in previous and (previous[f.path] != f.sha256 or f.status == "extracted")
    ]


def _count_files(summary: RunSummary, plan: LoadPlan, started_at: datetime | None, finished: datetime) -> None:
    reg = plan.registry
    summary.rows_quarantined = len(plan.quarantine) - plan.unreadable_files
    summary.quarantined_files.update(plan.quarantined_files)
    summary.files_loaded = int((reg.status == "loaded").sum()) if not reg.empty else 0
    summary.files_quarantined = int((reg.status == "quarantined").sum()) if not reg.empty else 0
    summary.files_unchanged = summary.files_seen - summary.files_loaded - summary.files_quarantined
    summary.duration_seconds = round((finished - started_at.astimezone(UTC)).total_seconds(), 2) if started_at else None


def _write(
    db,
    files: list[ExtractedFile],
    plan: LoadPlan,
    run_id: str,
    loaded_at: datetime,
    summary: RunSummary,
    started_at: datetime | None,
) -> None:
    """The load's one transaction: take out the rows of replaced and removed files, then write the plan."""
    db.begin()
    try:
        registry = db.query("select path, sha256 from file_registry")
        previous = dict(zip(registry.path, registry.sha256))
        # a file gone from the inbox takes its rows with it, as a replaced version does
        _delete_raw_rows(db, _replaced(files, previous) + [(p, previous[p]) for p in summary.removed_files])
        # each file read here is registered (and quarantined) afresh below; a removed one is not
        paths = [f.path for f in files] + summary.removed_files
        if paths:
            db.execute("delete from quarantine where source_path in (select unnest(?))", [paths])
            db.execute("delete from file_registry where path in (select unnest(?))", [paths])
        reopened = sorted({f.engagement_id for f in files if f.kind == "contract" and f.status == "extracted"})
        if reopened:
            # a new contract re-opens its engagement's quarantined reports (say, read before their contract
            # arrived): forgetting their registration makes the next reports run read them again
            db.execute(
                "delete from file_registry where engagement_id in (select unnest(?)) and kind in ('report', 'tickets') "
                "and status = 'quarantined' and path not in (select source_path from quarantine "
                "where location = 'file')",
                [reopened],
            )
        summary.rows_loaded = {table: _insert(db, table, rows, loaded_at) for table, rows in plan.rows.items()}
        db.bulk_insert("quarantine", plan.quarantine, constants={"quarantined_at": loaded_at, "run_id": run_id})
        if not plan.registry.empty:
            db.bulk_insert("file_registry", plan.registry)
        # finished_at is when the load finished (the rows' loaded_at is the run's logical date)
        finished = datetime.now(tz=UTC)
        _count_files(summary, plan, started_at, finished)
        db.execute(
            "insert into etl_runs (run_id, finished_at, files_seen, files_loaded, files_unchanged, "
            "files_quarantined, rows_loaded, rows_quarantined, data_docs, dag_id, started_at, duration_seconds, "
            "rows_per_table, quarantined_files, validation_page, removed_files) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                run_id,
                finished.replace(tzinfo=None),
                summary.files_seen,
                summary.files_loaded,
                summary.files_unchanged,
                summary.files_quarantined,
                sum(summary.rows_loaded.values()),
                summary.rows_quarantined,
                summary.data_docs,
                summary.dag_id,
                started_at.replace(tzinfo=None) if started_at else None,
                summary.duration_seconds,
                json.dumps(summary.rows_loaded),
                json.dumps(summary.quarantined_files),
                summary.validation_page,
                json.dumps(summary.removed_files),
            ],
        )
        db.commit()
    except Exception:
        db.rollback()
        raise
