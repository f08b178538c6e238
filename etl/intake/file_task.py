"""The per-file step: hash a file, skip it if its content is already in the warehouse, else extract and stage it.

Runs once per inbox file, inside a batch's extraction process (etl/intake/isolation.py). Never raises for bad
input: an unreadable file becomes a staged outcome with status `quarantined` and a reason, so the load task
records it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import replace
from pathlib import Path

import duckdb

from etl import staging
from etl.contracts.corrections import read_corrections
from etl.contracts.terms import extract_contract
from etl.intake.inbox import InboxFile, engagement_id_problem, entry_problem, file_sha256, file_stamp
from etl.records import ExtractedFile, InputFileError, Measurement, is_corrections, measurements_from_dicts
from etl.reports.layouts import extract_report
from etl.reports.metric_mapping import MappingFileError, Schedule, read_mapping_yaml, report_columns
from etl.reports.values import spreadsheet_safe
from etl.sandbox import confined_duckdb
from etl.settings import Settings, inside_inbox
from etl.tickets.export import read_ticket_export

log = logging.getLogger(__name__)

# memory one file may take while it is read, over what the extracting process already holds (its address space,
# etl/intake/isolation.py): a file that needs more is a bomb, not a contract or a report
FILE_MEMORY_MB = int(os.environ.get("OUTSOURCING_ETL_FILE_MEMORY_MB", "1024"))


def staged_path(settings: Settings, path: str, sha256: str) -> str:
    """The staged file's URL (etl/staging.py): named by a hash, never by anything the inbox file says."""
    key = hashlib.sha256(f"{path}\0{sha256}".encode()).hexdigest()[:32]
    return f"{settings.staging_url}/{key}.json"


def quarantined(item: InboxFile, sha256: str, reason: str) -> ExtractedFile:
    """The outcome of a file that is not read, with the reason the registry and the quarantine record."""
    return ExtractedFile(
        path=item.path,
        sha256=sha256,
        kind=item.kind,
        engagement_id=item.engagement_id,
        status="quarantined",
        reason=reason,
        context_sha256=item.context_sha256,
    )


def extract_file(settings: Settings, item: InboxFile) -> ExtractedFile:
    """Extract one file; `item.registered_sha256` (from discovery) lets unchanged content skip extraction."""
    source = settings.inbox / item.path
    if problem := entry_problem(settings.inbox, item.path):
        return quarantined(item, hashlib.sha256(item.path.encode()).hexdigest(), problem)
    if not inside_inbox(settings.inbox, item.path):
        # a link out of the inbox ("../../x.pdf") is never followed: its target is not the sender's to give
        target = str(source.readlink()) if source.is_symlink() else str(source.resolve())
        return quarantined(
            item,
            hashlib.sha256(target.encode()).hexdigest(),
            f"the file links to {target}, outside the inbox; only files inside the inbox are read",
        )
    stat = source.stat()  # before hashing: a file written meanwhile differs from it next time, and is read again
    sha = file_sha256(source)
    size, mtime_us = file_stamp(stat)
    outcome = ExtractedFile(
        path=item.path,
        sha256=sha,
        kind=item.kind,
        engagement_id=item.engagement_id,
        status="extracted",
        context_sha256=item.context_sha256,
        file_size=size,
        file_mtime_us=mtime_us,
    )
    if item.registered_sha256 == sha:
        outcome.status, outcome.reason = "unchanged", "same content as the version already loaded from this path"
        return outcome
    if item.engagement_id and (problem := engagement_id_problem(item.engagement_id)):
        outcome.status, outcome.reason = "quarantined", problem
        return outcome
    try:
        _read_by_kind(settings, item, source, outcome)
        outcome.contract_terms, outcome.sla_terms = _neutralised(outcome.contract_terms, outcome.sla_terms)
    except InputFileError as exc:
        outcome.status, outcome.reason = "quarantined", str(exc)
    except (MemoryError, duckdb.OutOfMemoryException):
        outcome.status, outcome.reason = (
            "quarantined",
            (
                f"reading it needed more than the {FILE_MEMORY_MB} MB of memory a file may use, so it is not loaded "
                "(a file needing that much is usually a decompression bomb; raise OUTSOURCING_ETL_FILE_MEMORY_MB if "
                "it is genuine)"
            ),
        )
    except Exception as exc:  # a parser bug must not stop the run; the reason names it for a developer
        log.exception("unexpected error extracting %s", item.path)
        outcome.status, outcome.reason = "quarantined", f"could not be read: {type(exc).__name__}: {exc}"
    return outcome


def _read_by_kind(settings: Settings, item: InboxFile, source: Path, outcome: ExtractedFile) -> None:
    """Fill `outcome` with what the file holds, by its kind: a corrections file, a contract, tickets or a report."""
    sha = outcome.sha256
    if item.kind == "contract" and is_corrections(item.path):
        fixes = read_corrections(source, item.engagement_id, sha)
        outcome.contract_terms, outcome.sla_terms, outcome.problems = fixes.terms, fixes.sla_terms, fixes.problems
        outcome.origin = "entered by hand"
    elif item.kind == "contract":
        result = extract_contract(source, item.engagement_id, sha)
        outcome.contract_terms, outcome.sla_terms, outcome.pages = result.terms, result.sla_terms, result.pages
        if not result.sla_terms:
            log.warning("%s: no service-level schedule found", item.path)
    elif item.kind == "tickets":
        _stage_tickets(settings, item, source, outcome)
    else:
        mapping_file = settings.inbox / "mappings" / f"{item.engagement_id}.yml"
        schedule = Schedule.of(item.schedule_names, mapping_file)
        outcome.measurements = extract_report(source, item.engagement_id, sha, schedule, _report_columns(mapping_file))


def _report_columns(mapping_file: Path) -> dict[str, str]:
    """The columns the engagement's mapping file names for its reports; none where the file names none or cannot
    be read (the load says why such a file is not used), a refusal where the columns it names cannot be used."""
    if not mapping_file.is_file() or mapping_file.is_symlink():
        return {}
    try:
        data = read_mapping_yaml(mapping_file)
    except MappingFileError:
        return {}
    try:
        return report_columns(data, mapping_file.name)
    except MappingFileError as exc:
        raise InputFileError(f"its engagement's mapping file cannot be used: {exc}") from None


def _stage_tickets(settings: Settings, item: InboxFile, source: Path, outcome: ExtractedFile) -> None:
    """A ticket export's tickets, staged as Parquet beside the outcome; unusable tickets become problems."""
    mapping_file = settings.inbox / "mappings" / f"{item.engagement_id}.yml"
    try:
        mapping = read_mapping_yaml(mapping_file) if mapping_file.exists() or mapping_file.is_symlink() else {}
    except MappingFileError as exc:
        raise InputFileError(f"its engagement's mapping file cannot be used: {exc}") from None
    if item.coverage_hours and "business_hours" not in mapping:
        # the contract's stated window; a mapping file's business_hours overrides it
        mapping = {**mapping, "business_hours": item.coverage_hours}
    export = read_ticket_export(source, mapping)
    for column in ("ticket_id", "priority", "state"):  # vendor text on its way to marts and spreadsheets
        values = export.tickets[column].dropna().unique()
        export.tickets[column] = export.tickets[column].map({v: spreadsheet_safe(v) for v in values})
    target = staged_path(settings, item.path, outcome.sha256).removesuffix(".json") + ".tickets.parquet"
    with staging.local_target(target) as local, confined_duckdb(folders=[local.parent]) as con:
        con.from_df(export.tickets).write_parquet(str(local))  # DuckDB's own Parquet writer: no pyarrow needed
    outcome.staged_tickets, outcome.ticket_events, outcome.problems = str(target), export.events, export.problems
    log.info("%s: %d events, %d tickets, columns %s", item.path, export.events, len(export.tickets), export.columns)


def stage_file(settings: Settings, item: InboxFile) -> str:
    """Extract one file and write the outcome where the load task will find it; returns that path."""
    outcome = extract_file(settings, item)
    log.info(
        "%s: %s %s (%d terms, %d SLA rows, %d measurements)",
        item.path,
        outcome.status,
        outcome.reason,
        len(outcome.contract_terms),
        len(outcome.sla_terms),
        len(outcome.measurements),
    )
    return write_staged(settings, outcome)


def write_staged(settings: Settings, outcome: ExtractedFile) -> str:
    """Two JSON lines: the file's record without its measurements, then the measurements. The load reads every
    file's first line at once and each report's rows only when it comes to that report."""
    target = staged_path(settings, outcome.path, outcome.sha256)
    record = outcome.to_dict()
    rows = record.pop("measurements")
    # whole or not at all: a retried task never leaves half a file for the loader
    staging.write_text(target, f"{json.dumps({**record, 'measurements': []})}\n{json.dumps(rows)}\n")
    return target


def read_staged(paths: list[str]) -> list[ExtractedFile]:
    """The staged files' records; a report's measurements stay in its file (`staged_measurements`)."""
    files = []
    for p in paths:
        with staging.open_text(p) as fh:
            f = ExtractedFile.from_dict(json.loads(fh.readline()))
        f.rows_staged_at = p
        files.append(f)
    return files


def staged_measurements(f: ExtractedFile) -> list[Measurement]:
    """A file's measurements: those it holds, else those its staged file holds."""
    if f.measurements or not f.rows_staged_at:
        return f.measurements
    with staging.open_text(f.rows_staged_at) as fh:
        fh.readline()
        return measurements_from_dicts(json.loads(fh.readline() or "[]"))


def _neutralised(terms: list, sla_terms: list) -> tuple[list, list]:
    """Contract text reaches marts and analysts' spreadsheets like report text: a value or name that a
    spreadsheet would run as a formula is kept as text (etl/reports/values.spreadsheet_safe)."""

    def safe(provenance):
        return replace(provenance, source_text=spreadsheet_safe(provenance.source_text))

    return (
        [replace(t, value=spreadsheet_safe(t.value), provenance=safe(t.provenance)) for t in terms],
        [replace(t, metric_name=spreadsheet_safe(t.metric_name), provenance=safe(t.provenance)) for t in sla_terms],
    )
