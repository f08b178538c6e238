"""The production stack's distributed path, natively from the venv: api-server, scheduler, dag-processor and two
Celery workers with the CeleryExecutor, this machine's Redis as the broker and PostgreSQL as the metadata and
Celery result database (as docker-compose.yml runs them). Sample files go into an inbox, the contracts DAG is
triggered through the REST API (/api/v2), and the test waits for the reports DAG and the asset-scheduled KPI DAG
to follow; then both workers must have run extraction batches and the warehouse (its own PostgreSQL database)
must hold the rows and marts that `outsourcing-etl run` gives over the same inbox. Everything is stopped at the
end; the workers serve one private queue, so nothing else on the Redis server is touched.

The two workers stand for two hosts (#36): each has its own copy of the inbox and its own data folder, and
staged files pass between tasks only through an S3-compatible server (moto in server mode): nothing is staged on
disk, so a load that runs on the other worker than an extraction finds that extraction's files only there.
"""

from __future__ import annotations

import json
import shutil
import time
from datetime import UTC, datetime

import psycopg2
import pytest

from etl import staging
from etl.load.database import postgres_params
from etl.orchestration.native_stack import NativeStack
from etl.settings import Settings
from etl.transform.dbt_build import as_of_variables, parse_as_of
from tests.conftest import SAMPLES, load_directly, normalised_rows

pytestmark = pytest.mark.airflow_services

FILES = {  # inbox path -> engagement
    "contracts/kpo-research-insightful.pdf": "kpo-research-insightful",
    "reports/kpo-research-insightful/2025-01.pdf": "kpo-research-insightful",
    "reports/kpo-research-insightful/2025-02.pdf": "kpo-research-insightful",
    "contracts/ito-apps-bluepeak.pdf": "ito-apps-bluepeak",
    "reports/ito-apps-bluepeak/SLA_01_2025.csv": "ito-apps-bluepeak",
    "reports/ito-apps-bluepeak/SLA_02_2025.csv": "ito-apps-bluepeak",
}
MARTS = ("mart_kpi_summary", "mart_service_credits", "mart_sla_attainment", "mart_cost_savings")


@pytest.fixture(scope="module")
def stack(tmp_path_factory, new_postgres_database, s3_server):
    work = tmp_path_factory.mktemp("airflow_services")
    hosts = {name: work / name for name in ("worker1", "worker2")}  # what each worker's host holds
    for host in hosts.values():
        for rel in FILES:
            (host / "inbox" / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(SAMPLES / rel, host / "inbox" / rel)
    metadata, warehouse = new_postgres_database("oetl_airflow"), new_postgres_database("oetl_warehouse")
    storage = s3_server()
    env = {
        "OUTSOURCING_ETL_WAREHOUSE": warehouse,
        **storage,
        # a batch per file, so this small inbox gives both workers extraction tasks
        "OUTSOURCING_ETL_MIN_BATCH_WORK": "1",
    }
    worker_env = {
        name: {"OUTSOURCING_ETL_INBOX": str(host / "inbox"), "OUTSOURCING_ETL_DATA_DIR": str(host / "data")}
        for name, host in hosts.items()
    }
    started = time.monotonic()
    up_at = datetime.now(UTC)  # a daily slot after this may fire on its own while the test runs: cron doing its job
    with NativeStack(work, metadata, executor="CeleryExecutor", workers=2, env=env, worker_env=worker_env) as running:
        print(f"stack up in {time.monotonic() - started:.0f} s")
        yield {
            "stack": running,
            "warehouse": warehouse,
            "inbox": hosts["worker1"] / "inbox",
            "staging_url": storage["OUTSOURCING_ETL_STAGING_URL"],
            "storage": storage,
            "up_at": up_at,
        }


def _marts(target: str) -> dict[str, list]:
    return {mart: normalised_rows(target, f"select * from {mart}") for mart in MARTS}


def test_triggered_through_the_rest_api_celery_workers_share_the_work_and_load_the_warehouse(stack, tmp_path):
    airflow = stack["stack"]
    started = time.monotonic()
    triggered = airflow.trigger("outsourcing_contracts")
    assert triggered["state"] == "queued" and triggered["triggered_by"] == "rest_api"

    runs = airflow.wait_for_chain(triggered, timeout=300)
    print(f"contracts -> reports -> KPIs in {time.monotonic() - started:.0f} s")
    for dag_id, dag_runs in runs.items():
        assert dag_runs and all(r["state"] == "success" for r in dag_runs), (dag_id, dag_runs)
    # one chain, once: unpausing fired no scheduled run; the contracts run triggered the reports run through
    # its Asset, and that run the KPIs, once for the change. A daily slot (01:00, 02:00 UTC) that comes while
    # the stack is up fires as it should; a scheduled run for a slot before the stack came up is the bug of
    # firing a missed slot on unpausing
    slot_runs = [r for rs in runs.values() for r in rs if r["run_type"] == "scheduled"]
    assert all(datetime.fromisoformat(r["run_after"]) >= stack["up_at"] for r in slot_runs), slot_runs
    chain = {d: [r["run_type"] for r in rs if r["run_type"] != "scheduled"] for d, rs in runs.items()}
    if slot_runs:  # a slot's own run may update the measurements Asset too, and the KPIs rebuild for it
        chain["outsourcing_kpis"] = chain["outsourcing_kpis"][:1]
    assert chain == {
        "outsourcing_contracts": ["manual"],
        "outsourcing_reports": ["asset_triggered"],
        "outsourcing_kpis": ["asset_triggered"],
    }

    truth = json.loads((SAMPLES / "ground_truth.json").read_text())
    expected_measurements = sum(
        len(truth["reports"][rel]["measurements"]) for rel in FILES if rel.startswith("reports/")
    )
    con = psycopg2.connect(**postgres_params(stack["warehouse"]))
    with con.cursor() as cur:
        cur.execute("select path, status from file_registry order by path")
        assert cur.fetchall() == sorted((rel, "loaded") for rel in FILES)
        cur.execute("select count(*) from raw_measurements")
        assert cur.fetchone()[0] == expected_measurements
        cur.execute("select engagement_id from mart_kpi_summary order by engagement_id")
        assert [r[0] for r in cur.fetchall()] == sorted(set(FILES.values()))
        cur.execute("select distinct dag_id from etl_runs")
        assert {r[0] for r in cur.fetchall()} == {"outsourcing_contracts", "outsourcing_reports"}
    con.close()

    # the work was shared: each worker ran extraction batches (small batches here: see the env above)
    extraction = {w: airflow.tasks_run_by(w, "extract_batch") for w in airflow.workers}
    print(extraction, "extraction tasks per worker")
    assert all(extraction.values()), extraction

    # staged only on the object store (on one machine a worker could still read the other's folder: so nothing
    # may be staged on disk at all), and all of it removed there once the load was done
    on_disk = [p for p in stack["stack"].work.rglob("*_staging") if "airflow" not in p.parts]  # not task logs
    assert not on_disk, f"files were staged on disk, not on object storage: {on_disk}"
    with pytest.MonkeyPatch.context() as env:
        for name, value in stack["storage"].items():
            env.setenv(name, value)
        assert not staging.names(stack["staging_url"], "")

    # the same inbox through the stage functions the tasks call, in this process, gives the same marts
    direct = Settings(stack["inbox"], tmp_path / "direct.duckdb")
    load_directly(direct, variables=as_of_variables(parse_as_of(airflow.env["OUTSOURCING_ETL_AS_OF"])))
    assert _marts(stack["warehouse"]) == _marts(direct.warehouse)
