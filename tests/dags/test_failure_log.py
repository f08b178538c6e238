"""A task that fails for real writes its failure into the warehouse's run log (task_failures)."""

import duckdb
import pytest

from etl.orchestration.airflow_run import airflow_environment, migrate_metadata_db
from tests.conftest import SAMPLES

pytestmark = pytest.mark.e2e


def test_failed_task_is_recorded_in_the_warehouse(tmp_path):
    import os

    env = airflow_environment()
    os.environ.update(env)
    migrate_metadata_db(env)
    from airflow.dag_processing.dagbag import DagBag

    dag = DagBag(dag_folder=env["AIRFLOW__CORE__DAGS_FOLDER"]).dags["outsourcing_kpis"]
    for t in dag.tasks:
        t.retries = 0  # fail at once instead of waiting out the back-off
    warehouse = tmp_path / "empty.duckdb"
    # nothing was ever loaded: the dbt sources do not exist, so build_warehouse fails
    run = dag.test(run_conf={"inbox": str(SAMPLES), "warehouse": str(warehouse)})
    assert str(run.state) == "failed"

    con = duckdb.connect(str(warehouse), read_only=True)
    rows = con.execute("select dag_id, task_id, run_id, error from task_failures").fetchall()
    con.close()
    assert [(r[0], r[1], r[2]) for r in rows] == [("outsourcing_kpis", "build_warehouse", run.run_id)]
    assert "dbt build failed" in rows[0][3]
