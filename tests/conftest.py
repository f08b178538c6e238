"""Shared fixtures. Airflow reads its configuration at import, so its environment is set here first."""

from __future__ import annotations

import json
import os
import shutil
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def need_shared(path: Path) -> None:
    """For a test that reads ../shared: CI always has it, so there its absence fails the test (an accuracy gate
    must not vanish unnoticed); elsewhere the test is skipped with the reason."""
    if path.exists():
        return
    message = f"{path} is missing: the shared material sits beside the project"
    if os.environ.get("CI"):
        pytest.fail(message + " (and CI always has it)", pytrace=False)
    pytest.skip(message, allow_module_level=True)  # (called at a module's top too)


# each pytest-xdist worker its own Airflow home: dag.test() runs keep SQLite metadata there
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WORKER:
    os.environ["AIRFLOW_HOME"] = str(ROOT / ".airflow" / f"test-{_WORKER}")
os.environ.setdefault("AIRFLOW_HOME", str(ROOT / ".airflow" / "test"))
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(ROOT / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
# the samples' months run through 2025-12: the marts are measured to the day after, not to the day tests run
os.environ.setdefault("OUTSOURCING_ETL_AS_OF", "2026-01-01")


# `make test-fast` draws a fifth of each property's examples (--hypothesis-profile=fast); `make test` draws them all
hypothesis_settings.register_profile("fast", max_examples=20)


def examples(count: int) -> int:
    """A property's example count under the profile in force: `count` under Hypothesis' default (100), a
    fifth of it, but at least 10, under `fast`."""
    return max(10, count * hypothesis_settings.default.max_examples // 100)


@pytest.fixture(scope="session")
def ground_truth() -> dict:
    return json.loads((SAMPLES / "ground_truth.json").read_text())


@pytest.fixture(scope="session")
def new_postgres_database():
    """Factory for fresh PostgreSQL databases on the local server; every one is dropped at the end."""
    import uuid

    import psycopg2

    created = []

    def admin():
        con = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
        con.autocommit = True
        return con

    def make(prefix: str = "oetl_test") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        con = admin()
        with con.cursor() as cur:
            cur.execute(f'create database "{name}"')
        con.close()
        created.append(name)
        return f"postgresql://postgres@127.0.0.1:5432/{name}"

    yield make
    con = admin()
    with con.cursor() as cur:
        for name in created:
            cur.execute(f'drop database if exists "{name}" with (force)')
    con.close()
    # a PostgreSQL warehouse keeps its working files (staging, Data Docs, dbt's) under data/: leave no trace there
    from etl.settings import Settings

    for name in created:
        data_dir = Settings(SAMPLES, f"postgresql://postgres@127.0.0.1:5432/{name}").data_dir
        for path in data_dir.glob(f"{name}_*"):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()


# the longest files, longest first (each 1-4 minutes); measured with --durations, only the order depends on it
SLOWEST_FILES = (
    "tests/dags/test_pipeline_run.py",
    "tests/dags/test_airflow_services.py",
    "tests/hostile/test_hostile_inputs.py",
    "tests/hostile/test_contract_versions.py",
    "tests/dags/test_make_stop.py",
    "tests/test_bench.py",
    "tests/warehouse/test_marts.py",
    "tests/warehouse/test_review_loop_real_document.py",
    "tests/warehouse/test_credit_cases.py",
    "tests/warehouse/test_level_credits_from_pdf.py",
    "tests/warehouse/test_partial_terms.py",
)


@pytest.fixture(scope="session")
def s3_server():
    """An S3-compatible server on this machine (moto in server mode, on a free port) for object-storage staging.
    Returns a factory: each call makes a fresh bucket and gives the environment that stages files into it."""
    import uuid

    import boto3
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    credentials = {
        "AWS_ACCESS_KEY_ID": "staging-test",
        "AWS_SECRET_ACCESS_KEY": "staging-test",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_ENDPOINT_URL": f"http://{host}:{port}",
    }

    def bucket() -> dict[str, str]:
        name = f"oetl-{uuid.uuid4().hex[:10]}"
        client = boto3.client(
            "s3",
            endpoint_url=credentials["AWS_ENDPOINT_URL"],
            region_name="us-east-1",
            aws_access_key_id="staging-test",
            aws_secret_access_key="staging-test",
        )
        client.create_bucket(Bucket=name)
        return {**credentials, "OUTSOURCING_ETL_STAGING_URL": f"s3://{name}/staging"}

    yield bucket
    server.stop()


def pytest_collection_modifyitems(config, items):
    """Longest first: `make test` hands whole files to two workers in this order (--no-loadscope-reorder), one at
    a time as each worker frees up, so the long files start at once instead of one running alone at the end."""
    order = ("airflow_services", "e2e", "bench", "evaluation")

    def rank(item):
        path = item.nodeid.split("::")[0]
        if path in SLOWEST_FILES:
            return (0, SLOWEST_FILES.index(path))
        return (1, next((i for i, m in enumerate(order) if item.get_closest_marker(m)), len(order)))

    items.sort(key=rank)  # stable: within a file the order is kept


def load_directly(
    settings, run_id: str = "direct", *, loaded_at: datetime | None = None, build: bool = True, **build_args
) -> list[dict]:
    """What the DAG chain's tasks call, in this process and without Airflow: each inbox DAG's discovery,
    extraction and load (contracts, then reports with their ticket exports), each under its own run id
    (`<run_id>-contract`, `<run_id>-report`) and stamped `loaded_at` (default now), then the KPI DAG's dbt build
    unless `build` is False. The suite's DAG-chain runs are the few in tests/dags and tests/hostile; every other
    test reaches the stages through this. Returns the loads' summaries."""
    from etl.orchestration import pipeline
    from etl.transform.dbt_build import dbt_build

    summaries = []
    for kind, dag_id in (("contract", "outsourcing_contracts"), ("report", "outsourcing_reports")):
        started = datetime.now(UTC)
        staged = [pipeline.stage(settings, item) for item in pipeline.discover(settings, kind)]
        summaries.append(
            pipeline.load(
                settings, staged, f"{run_id}-{kind}", loaded_at or started, dag_id=dag_id, started_at=started, kind=kind
            )
        )
        pipeline.clean_staged(staged)
    if build:
        dbt_build(settings.warehouse, **build_args)
    return summaries


def normalised_rows(target: str, sql: str) -> list[tuple]:
    """A query's rows in a form two backends (or two runs) can be compared in: each row its sorted (column,
    value) pairs, numbers to 9 places, dates as dates, and the rows sorted."""
    from etl.load.database import open_warehouse, query_records

    def value(v):
        if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):  # money: Decimal or float by driver
            return round(float(v), 9)
        return str(v)[:10] if hasattr(v, "isoformat") else v

    db = open_warehouse(target, read_only=True)
    try:
        rows = query_records(db, sql)
    finally:
        db.close()
    return sorted((tuple(sorted((k, value(v)) for k, v in r.items())) for r in rows), key=str)
