"""Airflow's real services, natively from the venv, against the local PostgreSQL: api-server, scheduler and
dag-processor with the LocalExecutor. Sample files go into an inbox, the contracts DAG is triggered through the
REST API (/api/v2), and the test waits for the reports DAG and the asset-scheduled KPI DAG to follow; then the
warehouse (its own PostgreSQL database) must hold the expected rows. The services are stopped at the end.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg2
import pytest

from etl.load.database import postgres_params
from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.airflow_services

BIN = Path(sys.executable).parent
FILES = {  # inbox path -> engagement
    "contracts/kpo-research-insightful.pdf": "kpo-research-insightful",
    "reports/kpo-research-insightful/2025-01.pdf": "kpo-research-insightful",
    "reports/kpo-research-insightful/2025-02.pdf": "kpo-research-insightful",
    "contracts/ito-apps-bluepeak.pdf": "ito-apps-bluepeak",
    "reports/ito-apps-bluepeak/SLA_01_2025.csv": "ito-apps-bluepeak",
    "reports/ito-apps-bluepeak/SLA_02_2025.csv": "ito-apps-bluepeak",
}
DAG_IDS = ("outsourcing_contracts", "outsourcing_reports", "outsourcing_kpis")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _api(port: int, path: str, body: dict | None = None, method: str | None = None) -> dict:
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/v2{path}",
        method=method or ("POST" if body else "GET"),
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _wait(what: str, check, timeout: float, every: float = 3.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = check()
        except OSError:  # the api-server is still starting
            result = None
        if result:
            return result
        time.sleep(every)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture(scope="module")
def stack(tmp_path_factory, new_postgres_database):
    work = tmp_path_factory.mktemp("airflow_services")
    inbox = work / "inbox"
    for rel in FILES:
        (inbox / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / rel, inbox / rel)
    metadata, warehouse = new_postgres_database("oetl_airflow"), new_postgres_database("oetl_warehouse")
    port = _free_port()
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "AIRFLOW_HOME": str(work / "airflow"),
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata.replace("postgresql://", "postgresql+psycopg2://"),
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__CORE__PARALLELISM": "4",
        "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"),
        "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
        "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{port}",
        "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
        "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
        "OUTSOURCING_ETL_INBOX": str(inbox),
        "OUTSOURCING_ETL_WAREHOUSE": warehouse,
        "OUTSOURCING_ETL_DATA_DIR": str(work / "data"),
        "GX_ANALYTICS_ENABLED": "False",
    }
    airflow = str(BIN / "airflow")
    subprocess.run([airflow, "db", "migrate"], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [airflow, "pools", "set", "outsourcing_warehouse", "1", "one warehouse writer at a time"],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    services = []
    for command in (["api-server", "--port", str(port)], ["scheduler"], ["dag-processor"]):
        log = (work / f"{command[0]}.log").open("w")
        services.append(
            subprocess.Popen([airflow, *command], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        )
    try:
        _wait(
            "the api-server, scheduler and dag-processor to report healthy",
            lambda: all(
                (_api(port, "/monitor/health").get(part) or {}).get("status") == "healthy"
                for part in ("metadatabase", "scheduler", "dag_processor")
            ),
            timeout=120,
        )
        _wait(
            "the DAGs to be parsed",
            lambda: {d["dag_id"] for d in _api(port, "/dags")["dags"]} >= set(DAG_IDS),
            timeout=120,
        )
        yield {"port": port, "warehouse": warehouse, "logs": work}
    finally:
        for process in services:  # each service and the task processes it started
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in services:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _runs(port: int, dag_id: str) -> list[dict]:
    return _api(port, f"/dags/{dag_id}/dagRuns?order_by=run_after")["dag_runs"]


def test_triggered_through_the_rest_api_the_asset_chain_loads_the_warehouse(stack):
    port = stack["port"]
    triggered = _api(port, "/dags/outsourcing_contracts/dagRuns", {"logical_date": None})
    assert triggered["state"] == "queued" and triggered["triggered_by"] == "rest_api"

    def settled():
        runs = {dag_id: _runs(port, dag_id) for dag_id in DAG_IDS}
        if any(r["state"] in ("queued", "running") for rs in runs.values() for r in rs):
            return None
        manual = [r for r in runs["outsourcing_contracts"] if r["dag_run_id"] == triggered["dag_run_id"]]
        kpis = [r for r in runs["outsourcing_kpis"] if r["state"] == "success"]
        return runs if manual and manual[0]["state"] != "queued" and kpis else None

    runs = _wait("the contracts, reports and KPI runs to finish", settled, timeout=240)
    for dag_id, dag_runs in runs.items():
        assert dag_runs and all(r["state"] == "success" for r in dag_runs), (dag_id, dag_runs)
    # the KPI DAG was started by Asset events, not by a schedule or a person
    assert {r["run_type"] for r in runs["outsourcing_kpis"]} == {"asset_triggered"}

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
