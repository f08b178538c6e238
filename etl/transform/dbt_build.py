"""Build and test the dbt project in warehouse/ against a warehouse file.

dbt runs in this process (dbtRunner, its documented programmatic entry): its import and Jinja set-up are paid
once per process rather than once per build (measured: 11 s a build in a process of its own, 7 to 8 s after the
first in one process). dbt-duckdb keeps its DuckDB instance open after a build, which would lock the warehouse
against every other process (a reader, the next task): it is released after each call.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import logging
import os
import sys
from datetime import date
from pathlib import Path

from etl.load.database import postgres_params
from etl.settings import DBT_PROJECT_DIR, PROJECT_ROOT, Settings

log = logging.getLogger(__name__)


class DbtBuildError(RuntimeError):
    pass


AS_OF_ENV = "OUTSOURCING_ETL_AS_OF"


def parse_as_of(text: str) -> date:
    """An as-of day as users write it (YYYY-MM-DD); anything else is refused in words."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text[:40]!r} is not a day: write it as YYYY-MM-DD") from None


def as_of_date(run_date: date | None = None) -> date:
    """The day the marts are measured to: months in service end with the last complete month before it, and
    renewals count from it. OUTSOURCING_ETL_AS_OF (an ISO day; `run --as-of`) when set, else the run's own date
    (a re-run of an old DAG run gives what it gave), else today."""
    fixed = os.environ.get(AS_OF_ENV, "").strip()
    if fixed:
        try:
            return parse_as_of(fixed)
        except ValueError as e:
            raise DbtBuildError(f"{AS_OF_ENV}: {e}") from None
    return run_date or date.today()


def as_of_variables(as_of: date) -> dict[str, str]:
    return {"as_of_date": f"cast('{as_of.isoformat()}' as date)"}


def dbt_environment(settings: Settings) -> dict[str, str]:
    """The profile in warehouse/profiles.yml reads its target and connection from these variables."""
    env = {**os.environ, "DO_NOT_TRACK": "1"}
    if settings.is_postgres:
        p = postgres_params(settings.warehouse)
        env.update(
            {
                "DBT_TARGET": "postgres",
                "PGHOST": p["host"],
                "PGPORT": str(p["port"]),
                "PGUSER": p["user"],
                "PGPASSWORD": p["password"],
                "PGDATABASE": p["dbname"],
            }
        )
    else:
        env.update({"DBT_TARGET": "duckdb", "OUTSOURCING_ETL_WAREHOUSE": settings.warehouse})
    return env


def dbt_work_dir(settings: Settings) -> Path:
    """Where dbt keeps a warehouse's target and logs: `<data dir>/<name>_dbt`."""
    return settings.data_dir / f"{settings.name}_dbt"


def dbt_command(settings: Settings, *args: str) -> list[str]:
    dbt = Path(sys.executable).with_name("dbt")
    work = dbt_work_dir(settings)
    return [
        str(dbt),
        *args,
        "--project-dir",
        str(DBT_PROJECT_DIR),
        "--profiles-dir",
        str(DBT_PROJECT_DIR),
        "--target-path",
        str(work / "target"),
        "--log-path",
        str(work / "logs"),
    ]


def dbt_build(
    warehouse: str | Path,
    command: str = "build",
    variables: dict | None = None,
    unit_tests: bool = False,
    run_date: date | None = None,
) -> None:
    """Run `dbt <command>`; `variables` become dbt vars, as_of_date by default `as_of_date(run_date)`. dbt unit
    tests check the models' logic on fixed rows, so they belong to the test suite (`unit_tests=True`), not to
    every pipeline run."""
    settings = Settings(PROJECT_ROOT, str(warehouse))
    variables = {**as_of_variables(as_of_date(run_date)), **(variables or {})}
    extra = ["--vars", json.dumps(variables)]
    if command.split()[0] == "build" and not unit_tests:
        extra += ["--exclude-resource-type", "unit_test"]
    ok, output = _invoke(settings, dbt_command(settings, *command.split(), "--no-use-colors", *extra)[1:])
    log.info("%s", output)
    if not ok:
        failures = [line.strip() for line in output.splitlines() if " ERROR " in line or "FAIL " in line]
        raise DbtBuildError(f"dbt {command} failed: " + "; ".join(failures[-10:] or [output[-2000:]]))


def _invoke(settings: Settings, args: list[str]) -> tuple[bool, str]:
    """Run dbt with these arguments here, the profile's variables set for the call only; (success, what dbt
    printed, with the exception of a run that could not start)."""
    from dbt.cli.main import dbtRunner

    wanted = {k: v for k, v in dbt_environment(settings).items() if os.environ.get(k) != v}
    before = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            result = dbtRunner().invoke(args)
    finally:
        for key, value in before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _release_duckdb()
    output = printed.getvalue() + (f"\n{result.exception}" if result.exception else "")
    return bool(result.success), output


def _release_duckdb() -> None:
    """Close the DuckDB instance dbt-duckdb keeps for the process (its file lock goes with it)."""
    adapter = sys.modules.get("dbt.adapters.duckdb.connections")
    if adapter is not None:
        adapter.DuckDBConnectionManager.close_all_connections()
        gc.collect()
