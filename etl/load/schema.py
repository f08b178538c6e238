"""The warehouse's own tables: the raw tables dbt reads as sources, the file registry, quarantine and run log.

Each table is defined once, in TABLE_SPEC; `tests/load/test_table_spec.py` checks the dbt sources against it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # one SQL spelling both DuckDB and PostgreSQL accept
    not_null: bool = False
    # added after the first release: `add column if not exists` upgrades a warehouse made by an older version
    added: bool = False
    primary_key: bool = False


def _columns(spec: str, **flags: bool) -> tuple[Column, ...]:
    """'name type[, name type ...]' with `not null` or `primary key` after a type, as DDL writes them."""
    out = []
    for part in (p.strip() for p in spec.split(",") if p.strip()):
        name, rest = part.split(" ", 1)
        not_null, primary = "not null" in rest, "primary key" in rest
        out.append(
            Column(
                name,
                rest.replace("not null", "").replace("primary key", "").strip(),
                not_null,
                primary_key=primary,
                **flags,
            )
        )
    return tuple(out)


# Every table the pipeline owns, defined once. The DDL, the migrations, the columns each raw table is written
# with (RAW_COLUMNS), their pandas dtypes and the dbt sources' column lists all follow from this;
# tests/load/test_table_spec.py fails when the sources drift from it. Columns are in the order of the table
# in an upgraded warehouse: first release, then each added column in the order it was added.
TABLE_SPEC: dict[str, tuple[Column, ...]] = {
    "file_registry": _columns(
        "path varchar primary key, sha256 varchar not null, kind varchar not null, engagement_id varchar, "
        "status varchar not null, reason varchar, rows_loaded integer not null, pages integer, "
        "loaded_at timestamp not null, run_id varchar not null"
    )
    # what a report was matched against when it loaded (its engagement's mapping file and contract files): when
    # that changes, the report is read and matched again (etl/orchestration/pipeline.py); size and mtime let
    # an unchanged file skip hashing
    + _columns("context_sha256 varchar, file_size bigint, file_mtime_us bigint", added=True),
    "quarantine": _columns(
        "source_path varchar not null, source_sha256 varchar not null, location varchar not null, "
        "failed_check varchar not null, message varchar not null, record varchar, quarantined_at timestamp not null, "
        "run_id varchar not null"
    ),
    "raw_contract_terms": _columns(
        "engagement_id varchar not null, field varchar not null, value varchar, confidence double precision, "
        "file_sha256 varchar not null, file_path varchar, page integer, source_text varchar, char_offset integer, "
        "loaded_at timestamp not null"
    )
    # 'extracted' from the document or 'entered by hand' (contracts/<engagement>.yml); hand entries win in dbt;
    # the named rule that read each term (etl/contracts/term_rules.py), so a wrong value can be traced
    + _columns("origin varchar, extraction_rule varchar", added=True),
    "raw_sla_terms": _columns(
        "engagement_id varchar not null, metric_id varchar not null, metric_name varchar not null, unit varchar, "
        "direction varchar, baseline double precision, expected double precision, minimum double precision, "
        "allocation_pct double precision, measurement_window varchar, confidence double precision, "
        "file_sha256 varchar not null, file_path varchar, page integer, source_text varchar, loaded_at timestamp not null"
    )
    # service levels as real contracts write them: "95% within 4 hours", an AQL's allowed deviation, a severity;
    # then the rule that read the row and the credit model the contract gives it
    + _columns(
        "origin varchar, threshold double precision, threshold_unit varchar, allowed_deviation_pct double precision, "
        "severity varchar, extraction_rule varchar, credit_model varchar, credit_pct double precision, "
        "credit_amount double precision, credit_tiers varchar, credit_trigger_count integer, "
        "credit_trigger_months integer",
        added=True,
    )
    # a credit priced per step of shortfall ("2% for each 0.1% below")
    + _columns("credit_step double precision, credit_part_step_counts boolean", added=True),
    "raw_measurements": _columns(
        "engagement_id varchar not null, metric_id varchar not null, metric_name varchar, match_method varchar, "
        "match_score double precision, period varchar not null, grain varchar, period_start date, "
        "actual double precision, unit varchar, conversion varchar, actual_text varchar, reported_met boolean, "
        "file_sha256 varchar not null, file_path varchar, location varchar, source_text varchar, "
        "loaded_at timestamp not null"
    )
    # the target a vendor's report states beside the value, in the contract's unit: evidence, never the contract
    + _columns("reported_target double precision", added=True),
    # one row per ticket of a vendor's ticket export, in its last state (etl/tickets/export.py)
    "raw_tickets": _columns(
        "engagement_id varchar not null, ticket_id varchar not null, priority varchar, priority_level integer, "
        "state varchar, is_closed boolean, opened_at timestamp, responded_at timestamp, resolved_at timestamp, "
        "closed_at timestamp, made_sla boolean, reopen_count integer, events integer, "
        "resolution_hours double precision, resolution_business_hours double precision, "
        "response_hours double precision, response_business_hours double precision, "
        "paused_hours double precision, paused_business_hours double precision, "
        "file_sha256 varchar not null, file_path varchar, loaded_at timestamp not null"
    )
    # the hours of one covered day of the business-hours window the clocks used: a level "within 2 business
    # days" is 2 such days of business time
    + _columns("business_day_hours double precision", added=True),
    "etl_runs": _columns(
        "run_id varchar not null, finished_at timestamp not null, files_seen integer, files_loaded integer, "
        "files_unchanged integer, files_quarantined integer, rows_loaded integer, rows_quarantined integer, "
        "data_docs varchar"
    )
    # data_docs is GX's site; validation_page the run's own offline page of its validation
    # (etl/load/validation_page.py); removed_files a JSON list of the registered files a run found gone from
    # the inbox and took out of the warehouse
    + _columns(
        "dag_id varchar, started_at timestamp, duration_seconds double precision, rows_per_table varchar, "
        "quarantined_files varchar, validation_page varchar, removed_files varchar",
        added=True,
    ),
    "task_failures": _columns(
        "dag_id varchar not null, run_id varchar not null, task_id varchar not null, map_index integer, "
        "try_number integer, failed_at timestamp not null, error varchar"
    ),
}


def _ddl(column: Column) -> str:
    return " ".join(
        [
            column.name,
            column.type,
            *(["primary key"] if column.primary_key else []),
            *(["not null"] if column.not_null else []),
        ]
    )


def _create(table: str) -> str:
    first_release = ", ".join(_ddl(c) for c in TABLE_SPEC[table] if not c.added)
    return f"create table if not exists {table} ({first_release})"


def _add(table: str, column: Column) -> str:
    return f"alter table {table} add column if not exists {_ddl(column)}"


SCHEMA = "".join(_create(table) + ";\n" for table in TABLE_SPEC)
MIGRATIONS = [_add(table, c) for table, columns in TABLE_SPEC.items() for c in columns if c.added]
# the raw tables dbt reads as sources, with the columns the pipeline writes (loaded_at is the load's own time)
RAW_TABLES = ("raw_contract_terms", "raw_sla_terms", "raw_measurements", "raw_tickets")
RAW_COLUMNS = {table: [c.name for c in TABLE_SPEC[table] if c.name != "loaded_at"] for table in RAW_TABLES}
_DTYPES = {"double precision": "float64", "integer": "Int64", "bigint": "Int64", "boolean": "boolean"}


def frame_dtypes(table: str) -> dict[str, str]:
    """The pandas dtype of each numeric or boolean column of `table`, so a frame loads as its table types it."""
    return {c.name: _DTYPES[c.type] for c in TABLE_SPEC[table] if c.type in _DTYPES}


# PostgreSQL: the pipeline's tables live in schema raw, dbt's models in staging and marts
# (warehouse/macros/generate_schema_name.sql); the database's search_path lists them all, so unqualified names
# work for every session
PG_SCHEMAS = ("raw", "marts", "staging")
SEARCH_PATH = "marts, staging, raw, public"
TABLES = list(TABLE_SPEC)


def create_schema(db) -> None:
    if getattr(db, "dialect", "") == "postgres":
        _postgres_schemas(db)
    for statement in [*SCHEMA.split(";"), *MIGRATIONS]:
        if statement.strip():
            db.execute(statement)


def _postgres_schemas(db) -> None:
    """Schema raw, with a warehouse made before it existed upgraded in place: its tables move from public (the
    views over them follow); then the database's search_path, so new sessions find every layer by name."""
    db.execute("create schema if not exists raw")
    for table in TABLES:
        db.execute(
            f"do $$ begin if to_regclass('public.{table}') is not null and to_regclass('raw.{table}') is null "
            f"then alter table public.{table} set schema raw; end if; end $$"
        )
    name = db.query("select current_database() as name").iloc[0, 0]
    try:
        db.execute(f'alter database "{name}" set search_path = {SEARCH_PATH}')
    except Exception as exc:  # noqa: BLE001 - not the database's owner: this session's own path still holds
        log.warning("could not set the database's search_path (%s); qualify names with marts. in SQL", exc)
