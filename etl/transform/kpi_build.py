"""The KPI DAG's build: `dbt build` and its docs, unless nothing the marts rest on changed since the last build
that succeeded (#33: an unchanged inbox re-run skips dbt and the report).

The marts rest on the raw tables, which change only through a load that loads, quarantines or takes out files
(`etl_runs`); on the as-of day, which decides the months in service; on the dbt project's files; and on the
money setting. The last successful build's inputs are kept beside its dbt target (`<name>_dbt/last_build.json`):
another host, or a deleted record, builds once more, never less.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etl.load.database import open_warehouse, query_records, relation_exists, warehouse_exists
from etl.settings import DBT_PROJECT_DIR, PROJECT_ROOT, Settings
from etl.transform.dbt_build import as_of_date, dbt_build, dbt_work_dir

# what dbt reads of its project; its own output (target/, logs/, packages) is not an input
_PROJECT_PARTS = ("dbt_project.yml", "packages.yml", "profiles.yml", "models", "macros", "seeds", "tests")


@dataclass(frozen=True)
class KpiBuild:
    built: bool
    run_id: str  # the run whose build the marts are


def build_kpis(warehouse: str, run_id: str, run_date: date | None = None) -> KpiBuild:
    """Build the marts and their docs for this run, unless the last successful build rests on the same inputs."""
    settings = Settings(PROJECT_ROOT, str(warehouse))
    record = _record_path(settings)
    inputs = build_inputs(warehouse, as_of_date(run_date))
    last = _read(record)
    if inputs is not None and last.get("inputs") == inputs:
        return KpiBuild(False, last.get("run_id", ""))
    record.unlink(missing_ok=True)  # a failed build leaves no record that a later run could take for current
    dbt_build(warehouse, run_date=run_date)
    # model and lineage docs for analysts: <data dir>/<name>_dbt/target/index.html
    dbt_build(warehouse, command="docs generate --no-compile")
    if inputs is not None:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps({"run_id": run_id, "inputs": inputs}))
    return KpiBuild(True, run_id)


def last_build(warehouse: str) -> str:
    """The run whose build the marts are, or "" when none is recorded."""
    return _read(_record_path(Settings(PROJECT_ROOT, str(warehouse)))).get("run_id", "")


def build_inputs(warehouse: str, as_of: date) -> dict[str, str] | None:
    """What a build's marts rest on; None where the warehouse has no load log yet (always build then)."""
    if not warehouse_exists(warehouse):
        return None
    db = open_warehouse(warehouse, read_only=True)
    try:
        if not relation_exists(db, "etl_runs"):
            return None
        changed = query_records(
            db,
            "select count(*) as loads, max(finished_at) as last_at from etl_runs "
            "where files_loaded > 0 or files_quarantined > 0 or coalesce(removed_files, '[]') <> '[]'",
        )[0]
    finally:
        db.close()
    return {
        "as_of": as_of.isoformat(),
        "loads": str(changed["loads"]),
        "last_change": str(changed["last_at"]),
        "project": project_digest(),
        "money_as_double": os.environ.get("OUTSOURCING_ETL_MONEY_AS_DOUBLE", ""),
    }


def project_digest(root: Path = DBT_PROJECT_DIR) -> str:
    """A digest of the dbt project's files, names and contents."""
    digest = hashlib.sha256()
    for part in _PROJECT_PARTS:
        base = root / part
        files = [base] if base.is_file() else sorted(p for p in base.rglob("*") if p.is_file())
        for path in files:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _record_path(settings: Settings) -> Path:
    return dbt_work_dir(settings) / "last_build.json"


def _read(record: Path) -> dict:
    try:
        return json.loads(record.read_text())
    except (OSError, ValueError):
        return {}
