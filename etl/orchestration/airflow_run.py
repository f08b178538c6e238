"""Run the pipeline DAGs once through Airflow itself (`dag.test()`), as `make demo` and `outsourcing-etl run` do.

Airflow reads its configuration when first imported, so the environment is prepared before the import:
a throw-away AIRFLOW_HOME inside the repository with SQLite metadata, the project's dags/ folder, no examples.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from etl.settings import PROJECT_ROOT, Settings, is_postgres, postgres_params

# the order the Assets chain them in a deployment: contracts, then reports matched to them, then the KPIs
DAG_IDS = ("outsourcing_contracts", "outsourcing_reports", "outsourcing_kpis")


def airflow_environment(airflow_home: Path | None = None) -> dict[str, str]:
    home = airflow_home or Path(os.environ.get("AIRFLOW_HOME") or PROJECT_ROOT / ".airflow")
    return {
        "AIRFLOW_HOME": str(home),
        "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__PARALLELISM": os.environ.get("AIRFLOW__CORE__PARALLELISM", "4"),
        "GX_ANALYTICS_ENABLED": "False",
        "DO_NOT_TRACK": "1",
    }


def migrate_metadata_db(env: dict[str, str]) -> None:
    """Create or upgrade Airflow's SQLite metadata database. `airflow db migrate` costs 3 s even when the database
    is current, so the version it migrated the home's own SQLite file to is noted beside it, and a run of that
    version over that file skips it; a metadata database set elsewhere is always migrated."""
    home = Path(env["AIRFLOW_HOME"])
    home.mkdir(parents=True, exist_ok=True)
    noted = home / "airflow.db.migrated"
    version = importlib.metadata.version("apache-airflow")
    own_sqlite = not os.environ.get("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN")
    if own_sqlite and (home / "airflow.db").exists() and noted.exists() and noted.read_text() == version:
        return
    airflow = Path(sys.executable).with_name("airflow")
    cmd = [str(airflow)] if airflow.exists() else [sys.executable, "-m", "airflow"]
    subprocess.run([*cmd, "db", "migrate"], env={**os.environ, **env}, check=True, stdout=subprocess.DEVNULL)
    if own_sqlite:
        noted.write_text(version)


def run_dag_once(
    settings: Settings,
    airflow_home: Path | None = None,
    dag_ids: tuple[str, ...] = DAG_IDS,
    on_dag_done: Callable[[str, str, str, float], None] | None = None,
) -> str:
    """Run the contracts, reports and KPI DAGs (or `dag_ids` of them) once, in that order, over settings.inbox
    into settings.warehouse (`dag.test()` does not follow Asset triggers, so the chain is run here). Returns
    "success", or the state of the first run that did not succeed. `on_dag_done(dag_id, run_id, state,
    seconds)` is called after each."""
    env = airflow_environment(airflow_home)
    os.environ.update(env)
    migrate_metadata_db(env)
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=env["AIRFLOW__CORE__DAGS_FOLDER"])
    if bag.import_errors:
        raise RuntimeError(f"DAG import errors: {bag.import_errors}")
    conf = {"inbox": str(settings.inbox), "warehouse": settings.warehouse}
    if is_postgres(settings.warehouse) and postgres_params(settings.warehouse)["password"]:
        # a run's conf is stored in Airflow's metadata and shown by its UI: a password travels in this process's
        # environment instead (dag.test runs the tasks here), which the DAGs read after params and Variables
        os.environ["OUTSOURCING_ETL_WAREHOUSE"] = settings.warehouse
        conf["warehouse"] = ""
    for dag_id in dag_ids:
        started = time.monotonic()
        run = bag.dags[dag_id].test(run_conf=conf)
        if on_dag_done is not None:
            on_dag_done(dag_id, run.run_id, str(run.state), time.monotonic() - started)
        if str(run.state) != "success":
            return f"{dag_id}: {run.state}"
    return "success"
