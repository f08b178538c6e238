"""Build and test the dbt project in warehouse/ against a warehouse file.

dbt runs in its own process: dbt-duckdb keeps its connection open for the life of the process, which
would lock the warehouse against the next task when Airflow runs tasks in one process (dag.test).
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from etl.settings import DBT_PROJECT_DIR

log = logging.getLogger(__name__)


class DbtBuildError(RuntimeError):
    pass


def dbt_command(warehouse: Path, *args: str) -> list[str]:
    dbt = Path(sys.executable).with_name("dbt")
    work = warehouse.parent / f"{warehouse.stem}_dbt"
    return [str(dbt), *args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(work / "target"), "--log-path", str(work / "logs")]


def dbt_build(warehouse: Path, command: str = "build") -> None:
    env = {**os.environ, "OUTSOURCING_ETL_WAREHOUSE": str(warehouse), "DO_NOT_TRACK": "1"}
    proc = subprocess.run(dbt_command(warehouse, command, "--no-use-colors"), env=env, capture_output=True, text=True)
    log.info("%s", proc.stdout)
    if proc.returncode != 0:
        failures = [line.strip() for line in proc.stdout.splitlines() if " ERROR " in line or "FAIL " in line]
        raise DbtBuildError(f"dbt {command} failed (exit {proc.returncode}): " + "; ".join(failures[-10:] or [proc.stderr[-2000:]]))
