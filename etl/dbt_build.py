"""Build and test the dbt project in warehouse/ against a warehouse file, in-process with dbt's runner."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from etl.settings import DBT_PROJECT_DIR

log = logging.getLogger(__name__)


class DbtBuildError(RuntimeError):
    pass


def dbt_build(warehouse: Path, command: str = "build") -> None:
    from dbt.cli.main import dbtRunner

    os.environ["OUTSOURCING_ETL_WAREHOUSE"] = str(warehouse)
    args = [command, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(DBT_PROJECT_DIR),
            "--target-path", str(warehouse.parent / f"{warehouse.stem}_dbt" / "target"),
            "--log-path", str(warehouse.parent / f"{warehouse.stem}_dbt" / "logs")]
    result = dbtRunner().invoke(args)
    if not result.success:
        failed = []
        for r in getattr(result.result, "results", None) or []:
            if str(r.status) not in ("success", "pass"):
                failed.append(f"{r.node.name}: {r.status} {r.message or ''}".strip())
        raise DbtBuildError(f"dbt {command} failed: " + ("; ".join(failed) or str(result.exception)))
    log.info("dbt %s succeeded", command)
