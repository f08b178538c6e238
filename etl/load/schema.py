"""The warehouse's own tables: the raw tables dbt reads as sources, the file registry, quarantine and run log.

Each table is defined here once; `tests/load/test_schema.py` checks the dbt sources against it.
"""

from __future__ import annotations

import logging
import re

log = logging.getLogger(__name__)

SCHEMA = """
create table if not exists file_registry (
    path varchar primary key, sha256 varchar not null, kind varchar not null, engagement_id varchar,
    status varchar not null, reason varchar, rows_loaded integer not null, pages integer,
    loaded_at timestamp not null, run_id varchar not null);
create table if not exists quarantine (
    source_path varchar not null, source_sha256 varchar not null, location varchar not null,
    failed_check varchar not null, message varchar not null, record varchar, quarantined_at timestamp not null,
    run_id varchar not null);
create table if not exists raw_contract_terms (
    engagement_id varchar not null, field varchar not null, value varchar, confidence double precision,
    file_sha256 varchar not null, file_path varchar, page integer, source_text varchar, char_offset integer,
    loaded_at timestamp not null);
create table if not exists raw_sla_terms (
    engagement_id varchar not null, metric_id varchar not null, metric_name varchar not null, unit varchar,
    direction varchar, baseline double precision, expected double precision, minimum double precision, allocation_pct double precision,
    measurement_window varchar, confidence double precision, file_sha256 varchar not null, file_path varchar,
    page integer, source_text varchar, loaded_at timestamp not null);
create table if not exists raw_measurements (
    engagement_id varchar not null, metric_id varchar not null, metric_name varchar, match_method varchar,
    match_score double precision, period varchar not null, grain varchar, period_start date,
    actual double precision, unit varchar, conversion varchar,
    actual_text varchar, reported_met boolean,
    file_sha256 varchar not null, file_path varchar, location varchar, source_text varchar,
    loaded_at timestamp not null);
create table if not exists raw_tickets (
    engagement_id varchar not null, ticket_id varchar not null, priority varchar, priority_level integer,
    state varchar, is_closed boolean, opened_at timestamp, responded_at timestamp, resolved_at timestamp,
    closed_at timestamp, made_sla boolean, reopen_count integer, events integer,
    resolution_hours double precision, resolution_business_hours double precision,
    response_hours double precision, response_business_hours double precision,
    paused_hours double precision, paused_business_hours double precision,
    file_sha256 varchar not null, file_path varchar, loaded_at timestamp not null);
create table if not exists etl_runs (
    run_id varchar not null, finished_at timestamp not null, files_seen integer, files_loaded integer,
    files_unchanged integer, files_quarantined integer, rows_loaded integer, rows_quarantined integer,
    data_docs varchar);
create table if not exists task_failures (
    dag_id varchar not null, run_id varchar not null, task_id varchar not null, map_index integer,
    try_number integer, failed_at timestamp not null, error varchar);
"""
# Columns added after the first release: `add column if not exists` upgrades a warehouse made by an older version.
MIGRATIONS = [
    "alter table etl_runs add column if not exists dag_id varchar",
    "alter table etl_runs add column if not exists started_at timestamp",
    "alter table etl_runs add column if not exists duration_seconds double precision",
    "alter table etl_runs add column if not exists rows_per_table varchar",
    "alter table etl_runs add column if not exists quarantined_files varchar",
    # the run's own offline page of its validation (etl/load/validation_page.py); data_docs is GX's site
    "alter table etl_runs add column if not exists validation_page varchar",
    # JSON list of the registered files a run found gone from the inbox and took out of the warehouse
    "alter table etl_runs add column if not exists removed_files varchar",
    # 'extracted' from the document or 'entered by hand' (contracts/<engagement>.yml); hand entries win in dbt
    "alter table raw_contract_terms add column if not exists origin varchar",
    "alter table raw_sla_terms add column if not exists origin varchar",
    # service levels as real contracts write them: "95% within 4 hours", an AQL's allowed deviation, a severity
    "alter table raw_sla_terms add column if not exists threshold double precision",
    "alter table raw_sla_terms add column if not exists threshold_unit varchar",
    "alter table raw_sla_terms add column if not exists allowed_deviation_pct double precision",
    "alter table raw_sla_terms add column if not exists severity varchar",
    "alter table raw_sla_terms add column if not exists extraction_rule varchar",
    # the named rule that read each contract term (etl/contracts/term_rules.py), so a wrong value can be traced
    "alter table raw_contract_terms add column if not exists extraction_rule varchar",
    "alter table raw_sla_terms add column if not exists credit_model varchar",
    "alter table raw_sla_terms add column if not exists credit_pct double precision",
    "alter table raw_sla_terms add column if not exists credit_amount double precision",
    "alter table raw_sla_terms add column if not exists credit_tiers varchar",
    "alter table raw_sla_terms add column if not exists credit_trigger_count integer",
    "alter table raw_sla_terms add column if not exists credit_trigger_months integer",
    # the target a vendor's report states beside the value, in the contract's unit: evidence, never the contract
    "alter table raw_measurements add column if not exists reported_target double precision",
    # what a report was matched against when it loaded (its engagement's mapping file and contract files): when
    # that changes, the report is read and matched again (etl/orchestration/pipeline.py)
    "alter table file_registry add column if not exists context_sha256 varchar",
    "alter table file_registry add column if not exists file_size bigint",
    "alter table file_registry add column if not exists file_mtime_us bigint",
]

RAW_COLUMNS = {
    "raw_contract_terms": [
        "engagement_id",
        "field",
        "value",
        "confidence",
        "file_sha256",
        "file_path",
        "page",
        "source_text",
        "char_offset",
        "origin",
        "extraction_rule",
    ],
    "raw_sla_terms": [
        "engagement_id",
        "metric_id",
        "metric_name",
        "unit",
        "direction",
        "baseline",
        "expected",
        "minimum",
        "allocation_pct",
        "measurement_window",
        "confidence",
        "file_sha256",
        "file_path",
        "page",
        "source_text",
        "origin",
        "threshold",
        "threshold_unit",
        "allowed_deviation_pct",
        "severity",
        "extraction_rule",
        "credit_model",
        "credit_pct",
        "credit_amount",
        "credit_tiers",
        "credit_trigger_count",
        "credit_trigger_months",
    ],
    "raw_measurements": [
        "engagement_id",
        "metric_id",
        "metric_name",
        "match_method",
        "match_score",
        "period",
        "grain",
        "period_start",
        "actual",
        "unit",
        "conversion",
        "actual_text",
        "reported_met",
        "reported_target",
        "file_sha256",
        "file_path",
        "location",
        "source_text",
    ],
    # one row per ticket of a vendor's ticket export, in its last state (etl/tickets/export.py)
    "raw_tickets": [
        "engagement_id",
        "ticket_id",
        "priority",
        "priority_level",
        "state",
        "is_closed",
        "opened_at",
        "responded_at",
        "resolved_at",
        "closed_at",
        "made_sla",
        "reopen_count",
        "events",
        "resolution_hours",
        "resolution_business_hours",
        "response_hours",
        "response_business_hours",
        "paused_hours",
        "paused_business_hours",
        "file_sha256",
        "file_path",
    ],
}


# PostgreSQL: the pipeline's tables live in schema raw, dbt's models in staging and marts
# (warehouse/macros/generate_schema_name.sql); the database's search_path lists them all, so unqualified names
# work for every session
PG_SCHEMAS = ("raw", "marts", "staging")
SEARCH_PATH = "marts, staging, raw, public"
TABLES = re.findall(r"create table if not exists (\w+)", SCHEMA)


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
