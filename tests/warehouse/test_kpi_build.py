"""#33: an unchanged inbox re-run skips dbt and the report. The KPI build's inputs (etl/transform/kpi_build.py)
change with a load that changes the warehouse, the as-of day, the dbt project and the money setting, and with
nothing else; a build is skipped only when its recorded inputs are the current ones. The build itself, and a
re-run that skips it, are tests/dags/test_pipeline_run's two runs."""

from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from etl.settings import DBT_PROJECT_DIR, Settings
from etl.transform.dbt_build import as_of_date
from etl.transform.kpi_build import build_inputs, build_kpis, last_build, project_digest
from tests.conftest import SAMPLES, load_directly

pytestmark = pytest.mark.e2e

ENGAGEMENT = "ito-apps-bluepeak"
DAY = date(2025, 6, 15)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """One contract loaded; the last test adds a report to it."""
    tmp_path = tmp_path_factory.mktemp("kpi_build")
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    shutil.copy(SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf", inbox / "contracts")
    settings = Settings(inbox, tmp_path / "w.duckdb")
    load_directly(settings, build=False)
    return settings


def test_a_warehouse_with_no_load_log_always_builds(tmp_path):
    assert build_inputs(str(tmp_path / "none.duckdb"), DAY) is None


def test_the_as_of_day_and_the_money_setting_are_inputs(loaded, monkeypatch):
    first = build_inputs(loaded.warehouse, DAY)
    assert build_inputs(loaded.warehouse, date(2025, 7, 1)) != first
    monkeypatch.setenv("OUTSOURCING_ETL_MONEY_AS_DOUBLE", "true")
    assert build_inputs(loaded.warehouse, DAY) != first


def test_an_edit_to_any_model_macro_or_seed_changes_the_project_digest(tmp_path):
    project = tmp_path / "warehouse"
    shutil.copytree(DBT_PROJECT_DIR, project, ignore=shutil.ignore_patterns("target", "logs", "dbt_packages"))
    digest = project_digest(project)
    assert digest == project_digest(DBT_PROJECT_DIR)
    for edited in ("models/core/fct_service_credit_events.sql", "macros/money.sql", "seeds/credit_models.csv"):
        path = project / edited
        text = path.read_text()
        path.write_text(text + "\n")
        assert project_digest(project) != digest, edited
        path.write_text(text)
    (project / "logs").mkdir(exist_ok=True)
    (project / "logs" / "dbt.log").write_text("dbt's own output")
    assert project_digest(project) == digest


def test_a_build_whose_recorded_inputs_are_current_is_skipped(loaded):
    """(A build, and its record, are the pipeline's first run in tests/dags/test_pipeline_run.)"""
    record = loaded.data_dir / f"{loaded.name}_dbt" / "last_build.json"
    record.parent.mkdir(parents=True, exist_ok=True)
    inputs = build_inputs(loaded.warehouse, as_of_date(DAY))
    record.write_text(json.dumps({"run_id": "earlier", "inputs": inputs}))
    result = build_kpis(loaded.warehouse, "now", run_date=DAY)
    assert (result.built, result.run_id, last_build(loaded.warehouse)) == (False, "earlier", "earlier")


def test_a_load_with_nothing_new_leaves_the_inputs_and_a_changing_load_moves_them(loaded):
    first = build_inputs(loaded.warehouse, DAY)
    load_directly(loaded, "again", build=False)  # the same inbox: nothing new
    assert build_inputs(loaded.warehouse, DAY) == first
    report = SAMPLES / "reports" / ENGAGEMENT
    (loaded.inbox / "reports" / ENGAGEMENT).mkdir(parents=True)
    shutil.copy(sorted(report.iterdir())[0], loaded.inbox / "reports" / ENGAGEMENT)
    load_directly(loaded, "report", build=False)
    after = build_inputs(loaded.warehouse, DAY)
    assert after["loads"] != first["loads"] and after["last_change"] != first["last_change"]
