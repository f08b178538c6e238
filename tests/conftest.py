"""Shared fixtures. Airflow reads its configuration at import, so its environment is set here first."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"

# each pytest-xdist worker its own Airflow home: dag.test() runs keep SQLite metadata there
_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if _WORKER:
    os.environ["AIRFLOW_HOME"] = str(ROOT / ".airflow" / f"test-{_WORKER}")
os.environ.setdefault("AIRFLOW_HOME", str(ROOT / ".airflow" / "test"))
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(ROOT / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")


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
