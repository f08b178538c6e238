"""The DAG folder imports cleanly and the DAGs follow the project's conventions."""

import pytest

from tests.conftest import ROOT

DAG_IDS = {"outsourcing_contracts", "outsourcing_reports", "outsourcing_kpis"}


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags"))


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == DAG_IDS


@pytest.mark.parametrize(
    "dag_id, asset",
    [("outsourcing_contracts", "outsourcing_contracts"), ("outsourcing_reports", "outsourcing_measurements")],
)
def test_inbox_dags_map_one_task_per_batch_and_emit_their_asset(dagbag, dag_id, asset):
    dag = dagbag.dags[dag_id]
    assert {t.task_id for t in dag.tasks} == {"list_inbox_files", "extract_batch", "validate_and_load", "clean_staging"}
    assert dag.get_task("extract_batch").upstream_task_ids == {"list_inbox_files"}
    assert dag.get_task("extract_batch").map_index_template == "{{ batch_label }}"
    load = dag.get_task("validate_and_load")
    assert load.upstream_task_ids == {"extract_batch"}
    assert [o.name for o in load.outlets] == [asset]
    assert load.pool == "outsourcing_warehouse"
    # staged files outlive the load's retries: they are removed after it, never by it (#36)
    clean = dag.get_task("clean_staging")
    assert clean.upstream_task_ids == {"extract_batch", "validate_and_load"} and clean.trigger_rule == "none_failed"


def test_kpi_dag_runs_once_per_change_on_the_measurements_asset_and_daily(dagbag):
    # contracts trigger the reports DAG, which then updates the measurements Asset: one KPI rebuild per change;
    # and a daily slot, so the months in service and the renewals move with the calendar when no file arrives
    dag = dagbag.dags["outsourcing_kpis"]
    assert type(dag.timetable).__name__ == "AssetOrTimeSchedule"
    assert dag.timetable.asset_condition.name == "outsourcing_measurements"
    assert dag.timetable.timetable.expression == "0 3 * * *"
    assert dag.get_task("kpi_summary").upstream_task_ids == {"build_warehouse"}
    # the report is written after the summary, and only where the build ran or there is none yet
    assert dag.get_task("write_report").upstream_task_ids == {"kpi_summary", "build_warehouse"}
    assert dag.get_task("build_warehouse").pool == "outsourcing_warehouse"


def test_reports_also_run_when_contracts_change(dagbag):
    timetable = dagbag.dags["outsourcing_reports"].timetable
    assert type(timetable).__name__ == "AssetOrTimeSchedule"
    assert timetable.asset_condition.name == "outsourcing_contracts"


def test_every_dag_has_tags_docs_retries_callbacks_and_no_catchup(dagbag):
    for dag in dagbag.dags.values():
        assert dag.tags, dag.dag_id
        assert dag.doc_md, dag.dag_id
        assert dag.catchup is False
        assert dag.max_active_runs == 1
        for t in dag.tasks:
            assert t.retries >= 2, t.task_id
            assert t.retry_exponential_backoff, t.task_id
            # a failure after the last retry lands in the warehouse's task_failures table
            assert t.on_failure_callback, t.task_id


def test_inbox_dags_run_daily_without_a_data_interval(dagbag):
    # a trigger timetable: the daily run processes what is in the inbox, it has no data interval of its own
    assert type(dagbag.dags["outsourcing_contracts"].timetable).__name__ == "CronTriggerTimetable"
    assert type(dagbag.dags["outsourcing_reports"].timetable.timetable).__name__ == "CronTriggerTimetable"
    # no start_date: the first run is the next slot or a trigger (test_unpausing_just_after_a_slot_...)
    assert all(dag.start_date is None for dag in dagbag.dags.values())


def test_dag_file_stays_a_declaration():
    source = (ROOT / "dags" / "outsourcing.py").read_text()
    # heavy libraries load inside tasks only, so parsing the DAG stays fast
    for heavy in ("import pandas", "import great_expectations", "import pdfplumber", "import duckdb", "from etl"):
        assert f"\n{heavy}" not in source


@pytest.mark.parametrize(
    ("dag_id", "slot_hour"), [("outsourcing_contracts", 1), ("outsourcing_reports", 2), ("outsourcing_kpis", 3)]
)
def test_unpausing_just_after_a_slot_waits_for_the_next_one(dagbag, dag_id, slot_hour, monkeypatch):
    """A DAG unpaused half an hour after its daily slot runs at the next slot, not at once: with Airflow's
    run_immediately=False it fired the missed slot within 2.4 h of it (a CI run at 01:08 UTC saw it)."""
    import datetime

    import airflow.timetables.trigger as trigger
    from airflow.timetables.base import TimeRestriction

    now = datetime.datetime(2026, 12, 5, slot_hour, 30, tzinfo=datetime.UTC)
    monkeypatch.setattr(trigger, "utcnow", lambda: now)
    declared = dagbag.dags[dag_id].timetable
    declared = getattr(declared, "timetable", declared)  # the cron inside an asset-or-time schedule
    # the scheduler's timetable with the DAG's own settings
    timetable = trigger.CronTriggerTimetable(
        declared.expression, timezone=declared.timezone, run_immediately=declared.run_immediately
    )
    info = timetable.next_dagrun_info(
        last_automated_data_interval=None, restriction=TimeRestriction(earliest=None, latest=None, catchup=False)
    )
    assert info.run_after == datetime.datetime(2026, 12, 6, slot_hour, tzinfo=datetime.UTC)
