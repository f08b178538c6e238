"""Crash safety and concurrent loads on PostgreSQL, with real processes.

- A load killed with SIGKILL inside its transaction leaves the warehouse as it was; the retry (the same staged
  files, as Airflow's retry of validate_and_load would see them) completes, and the counts match a clean run.
  The kill lands mid-transaction by construction: the test holds the load lock until the loader queues for it, then
  a SHARE lock on the run log (reads pass, inserts wait), so the loader, having written its raw rows, waits on its
  last statement before commit; the test sees it waiting there and kills it.
- Two loads over overlapping inboxes at once: no fact twice, no file lost.
- Loading the same day again changes nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import psycopg2
import pytest

from etl.load.database import LOAD_LOCK_KEY, postgres_params
from etl.orchestration import pipeline
from etl.settings import Settings
from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.e2e

COUNTS = {
    "registry": "select count(*) from file_registry",
    "measurements": "select count(*) from raw_measurements",
    "distinct_measurements": "select count(*) from (select distinct file_path, metric_id, period from raw_measurements) d",
    "terms": "select count(*) from raw_contract_terms",
    "quarantine": "select count(*) from quarantine",
    "runs": "select count(*) from etl_runs",
}
LOADER = """
import json, sys
from datetime import datetime
from etl.orchestration import pipeline
from etl.settings import Settings

inbox, warehouse, run_id, staged = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])
pipeline.load(Settings(inbox, warehouse), staged, run_id, datetime(2026, 1, 15))
"""


def counts(url: str) -> dict:
    con = psycopg2.connect(**postgres_params(url))
    try:
        with con.cursor() as cur:
            out = {}
            for name, sql in COUNTS.items():
                cur.execute(sql)
                out[name] = cur.fetchone()[0]
            return out
    finally:
        con.close()


def staged_copies(settings: Settings, items: list[dict], folder: Path) -> list[str]:
    """Stage files as the extract tasks do, copied to `folder` (a load deletes what it consumed)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for item in items:
        staged = Path(pipeline.stage(settings, item))
        copy = folder / staged.name
        shutil.copy(staged, copy)
        out.append(str(copy))
    return out


def start_loader(settings: Settings, run_id: str, staged: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", LOADER, str(settings.inbox), settings.warehouse, run_id, json.dumps(staged)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


@pytest.fixture
def warehouse(new_postgres_database, tmp_path, monkeypatch):
    monkeypatch.setenv("OUTSOURCING_ETL_DATA_DIR", str(tmp_path / "data"))
    url = new_postgres_database("oetl_crash")
    settings = Settings(SAMPLES, url)
    contracts = [i for i in pipeline.discover(settings) if i["kind"] == "contract"]
    pipeline.load(
        settings, staged_copies(settings, contracts, tmp_path / "contracts"), "contracts", datetime(2026, 1, 1)
    )
    return settings, {**os.environ, "OUTSOURCING_ETL_DATA_DIR": str(tmp_path / "data")}


def reports(settings: Settings, engagements: tuple[str, ...]) -> list[dict]:
    return [i for i in pipeline.discover(settings) if i["kind"] == "report" and i["engagement_id"] in engagements]


def test_sigkill_inside_the_load_transaction_leaves_the_previous_state(warehouse, tmp_path):
    settings, env = warehouse
    before = counts(settings.warehouse)
    staged = staged_copies(settings, reports(settings, ("ito-infra-northwind", "kpo-clinical-veritas")), tmp_path / "s")

    blocker = psycopg2.connect(**postgres_params(settings.warehouse))
    blocker.autocommit = True
    # a session's view of pg_stat_activity is frozen for the length of its transaction: watch from another one
    monitor = psycopg2.connect(**postgres_params(settings.warehouse))
    monitor.autocommit = True

    def loader_waits_on(statement: str) -> bool:
        with monitor.cursor() as cur:
            cur.execute(
                "select count(*) from pg_stat_activity where datname = current_database() "
                "and wait_event_type = 'Lock' and query like %s",
                [statement + "%"],
            )
            return cur.fetchone()[0] == 1

    def wait_until(statement: str) -> None:
        deadline = time.monotonic() + 120
        while not loader_waits_on(statement):
            assert loader.poll() is None, loader.stdout.read().decode()[-3000:]
            assert time.monotonic() < deadline, f"the loader never reached {statement!r}"
            time.sleep(0.2)

    with blocker.cursor() as cur:
        cur.execute("select pg_advisory_lock(%s)", [LOAD_LOCK_KEY])
    loader = start_loader(settings, "crashing", staged, env)
    try:
        wait_until("select pg_advisory_lock")
        with blocker.cursor() as cur:
            cur.execute("begin")
            cur.execute("lock table etl_runs in share mode")
            cur.execute("select pg_advisory_unlock(%s)", [LOAD_LOCK_KEY])
        wait_until("insert into etl_runs")
        os.kill(loader.pid, signal.SIGKILL)
        loader.wait(timeout=30)
    finally:
        with blocker.cursor() as cur:
            cur.execute("rollback")
        blocker.close()
        monitor.close()
    assert loader.returncode == -signal.SIGKILL
    time.sleep(1)  # the server notices the dropped connection and rolls its transaction back
    assert counts(settings.warehouse) == before

    # the retry: the same staged files, a clean completion
    retry = start_loader(settings, "retry", staged, env)
    assert retry.wait(timeout=300) == 0, retry.stdout.read().decode()[-3000:]
    after = counts(settings.warehouse)
    assert after["measurements"] > before["measurements"]
    assert after["measurements"] == after["distinct_measurements"]
    assert after["registry"] == before["registry"] + len(staged)


def test_two_loads_over_overlapping_inboxes_at_once(warehouse, tmp_path):
    settings, env = warehouse
    first_set = reports(settings, ("ito-infra-northwind", "bpo-contact-meridian"))
    second_set = reports(settings, ("bpo-contact-meridian", "kpo-research-insightful"))
    first = start_loader(settings, "first", staged_copies(settings, first_set, tmp_path / "a"), env)
    second = start_loader(settings, "second", staged_copies(settings, second_set, tmp_path / "b"), env)
    assert first.wait(timeout=300) == 0, first.stdout.read().decode()[-3000:]
    assert second.wait(timeout=300) == 0, second.stdout.read().decode()[-3000:]

    every = {i["path"] for i in first_set + second_set}
    con = psycopg2.connect(**postgres_params(settings.warehouse))
    with con.cursor() as cur:
        cur.execute("select path, count(*) from file_registry where kind = 'report' group by path")
        registry = dict(cur.fetchall())
    con.close()
    assert set(registry) == every and set(registry.values()) == {1}  # no file lost, none twice
    after = counts(settings.warehouse)
    assert after["measurements"] == after["distinct_measurements"]  # no fact twice

    # loading the same day again changes nothing but the run log
    again = start_loader(settings, "again", staged_copies(settings, first_set + second_set, tmp_path / "c"), env)
    assert again.wait(timeout=300) == 0
    assert {k: v for k, v in counts(settings.warehouse).items() if k != "runs"} == {
        k: v for k, v in after.items() if k != "runs"
    }
