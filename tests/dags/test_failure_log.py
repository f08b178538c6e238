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


def test_a_current_metadata_database_is_not_migrated_again(tmp_path, monkeypatch):
    """`airflow db migrate` costs 3 s a run even when nothing is to do: it runs where the home's SQLite file is
    new, or was migrated by another Airflow version, or the metadata database is set elsewhere."""
    from etl.orchestration import airflow_run

    calls = []
    monkeypatch.setattr(airflow_run.subprocess, "run", lambda cmd, **kw: calls.append(cmd[-2:]))
    monkeypatch.delenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", raising=False)
    env = airflow_environment(tmp_path / "home")
    migrate_metadata_db(env)  # no database yet
    (tmp_path / "home" / "airflow.db").write_bytes(b"")  # what the migration made
    migrate_metadata_db(env)
    migrate_metadata_db(env)
    assert calls == [["db", "migrate"]]
    (tmp_path / "home" / "airflow.db.migrated").write_text("0.0.1")  # another Airflow's migration
    migrate_metadata_db(env)
    assert len(calls) == 2
    monkeypatch.setenv("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "postgresql://elsewhere/airflow")
    migrate_metadata_db(env)
    migrate_metadata_db(env)
    assert len(calls) == 4
