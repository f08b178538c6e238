"""Airflow's services started natively from the venv, as the production stack runs them, for the distributed
test and the orchestrated benchmark: api-server, scheduler, dag-processor and, with the CeleryExecutor, Celery
workers on one private queue of this machine's Redis. Metadata (and Celery results) in a PostgreSQL database.

    with NativeStack(work, metadata_url, executor="CeleryExecutor", workers=2, env={...}) as stack:
        run = stack.trigger("outsourcing_contracts")
        stack.wait_for_runs(...)

Every service runs in its own process group and is stopped with it, task processes included.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path

from etl.settings import PROJECT_ROOT

BIN = Path(sys.executable).parent
DAG_IDS = ("outsourcing_contracts", "outsourcing_reports", "outsourcing_kpis")
REDIS_URL = os.environ.get("OUTSOURCING_ETL_REDIS_URL", "redis://127.0.0.1:6379/0")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what: str, check: Callable, timeout: float, every: float = 2.0):
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


class NativeStack:
    def __init__(
        self,
        work: Path,
        metadata_url: str,
        executor: str = "LocalExecutor",
        workers: int = 0,
        parallelism: int = 4,
        env: dict[str, str] | None = None,
        worker_env: dict[str, dict[str, str]] | None = None,
    ):
        self.work = Path(work)
        self.port = free_port()
        self.queue = f"oetl_{uuid.uuid4().hex[:8]}"
        self.workers = [f"worker{i + 1}" for i in range(workers if executor == "CeleryExecutor" else 0)]
        self.env = {
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            "AIRFLOW_HOME": str(self.work / "airflow"),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": metadata_url.replace("postgresql://", "postgresql+psycopg2://"),
            "AIRFLOW__CORE__EXECUTOR": executor,
            "AIRFLOW__CORE__PARALLELISM": str(parallelism),
            "AIRFLOW__CORE__DAGS_FOLDER": str(PROJECT_ROOT / "dags"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION": "False",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS": "True",
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{self.port}/execution/",
            "AIRFLOW__API__BASE_URL": f"http://127.0.0.1:{self.port}",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC": "2",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__CELERY__BROKER_URL": REDIS_URL,
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + metadata_url.replace("postgresql://", "postgresql+psycopg2://"),
            # a private queue: the workers take only this stack's tasks from a shared Redis
            "AIRFLOW__OPERATORS__DEFAULT_QUEUE": self.queue,
            "GX_ANALYTICS_ENABLED": "False",
            **(env or {}),
        }
        # what one worker sees differently from the rest ("worker1" -> its own inbox copy, data folder...): hosts
        # that share nothing but the stack's services
        self.worker_env = worker_env or {}
        self.services: list[subprocess.Popen] = []

    def airflow(self, *args: str) -> None:
        subprocess.run([str(BIN / "airflow"), *args], env=self.env, check=True, stdout=subprocess.DEVNULL)

    def __enter__(self) -> NativeStack:
        self.work.mkdir(parents=True, exist_ok=True)
        self.airflow("db", "migrate")
        self.airflow("pools", "set", "outsourcing_warehouse", "1", "one warehouse writer at a time")
        commands = {
            "api-server": ["api-server", "--port", str(self.port)],
            "scheduler": ["scheduler"],
            "dag-processor": ["dag-processor"],
        }
        for name in self.workers:
            commands[name] = [
                "celery", "worker", "--celery-hostname", f"{name}@%h", "--concurrency", "1", "--queues", self.queue,
                "--skip-serve-logs", "--without-gossip", "--without-mingle",
            ]  # fmt: skip
        try:
            for name, command in commands.items():
                log = self.log(name).open("w")
                self.services.append(
                    subprocess.Popen(
                        [str(BIN / "airflow"), *command],
                        env={**self.env, **self.worker_env.get(name, {})},
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        start_new_session=True,
                    )
                )
            wait_for(
                "the api-server, scheduler and dag-processor to report healthy",
                lambda: all(
                    (self.api("/monitor/health").get(part) or {}).get("status") == "healthy"
                    for part in ("metadatabase", "scheduler", "dag_processor")
                ),
                timeout=120,
            )
            wait_for(
                "the DAGs to be parsed",
                lambda: {d["dag_id"] for d in self.api("/dags")["dags"]} >= set(DAG_IDS),
                timeout=120,
            )
            # a run triggered before a worker consumes would all go to the first one up
            wait_for(
                "the Celery workers to consume the queue",
                lambda: all(" ready." in self.log(name).read_text(errors="replace") for name in self.workers),
                timeout=120,
            )
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def stop(self) -> None:
        for process in self.services:  # each service and the task processes it started
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for process in self.services:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def log(self, service: str) -> Path:
        return self.work / f"{service}.log"

    def api(self, path: str, body: dict | None = None, method: str | None = None) -> dict:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/api/v2{path}",
            method=method or ("POST" if body is not None else "GET"),
            data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def trigger(self, dag_id: str, conf: dict | None = None) -> dict:
        return self.api(f"/dags/{dag_id}/dagRuns", {"logical_date": None, "conf": conf or {}})

    def runs(self, dag_id: str) -> list[dict]:
        return self.api(f"/dags/{dag_id}/dagRuns?order_by=run_after")["dag_runs"]

    def wait_for_chain(self, triggered: dict, timeout: float) -> dict[str, list[dict]]:
        """After triggering the contracts DAG: wait until no run is queued or running and the KPI DAG has
        finished a run; returns every DAG's runs."""

        def settled():
            runs = {dag_id: self.runs(dag_id) for dag_id in DAG_IDS}
            if any(r["state"] in ("queued", "running") for rs in runs.values() for r in rs):
                return None
            manual = [r for r in runs["outsourcing_contracts"] if r["dag_run_id"] == triggered["dag_run_id"]]
            kpis = [r for r in runs["outsourcing_kpis"] if r["state"] in ("success", "failed")]
            return runs if manual and manual[0]["state"] != "queued" and kpis else None

        return wait_for("the contracts, reports and KPI runs to finish", settled, timeout)

    def tasks_run_by(self, worker: str, task_id: str) -> int:
        """How many `task_id` task instances a Celery worker executed (its log names each workload)."""
        text = self.log(worker).read_text(errors="replace")
        return sum(1 for line in text.splitlines() if "Executing workload" in line and task_id in line)
