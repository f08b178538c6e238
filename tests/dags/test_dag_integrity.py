"""The DAG folder imports cleanly and the pipeline DAG follows the project's conventions."""

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def dagbag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(ROOT / "dags"))


def test_no_import_errors(dagbag):
    assert dagbag.import_errors == {}
    assert "outsourcing_pipeline" in dagbag.dag_ids


def test_pipeline_tasks_and_order(dagbag):
    dag = dagbag.dags["outsourcing_pipeline"]
    assert {t.task_id for t in dag.tasks} == {
        "list_inbox_files", "extract_file", "validate_and_load", "build_warehouse", "kpi_summary", "write_report"}
    assert dag.get_task("extract_file").upstream_task_ids == {"list_inbox_files"}
    assert dag.get_task("validate_and_load").upstream_task_ids == {"extract_file"}
    assert dag.get_task("build_warehouse").upstream_task_ids == {"validate_and_load"}
    assert dag.get_task("kpi_summary").upstream_task_ids == {"build_warehouse"}
    assert dag.get_task("write_report").upstream_task_ids == {"kpi_summary"}


def test_every_dag_has_tags_docs_retries_and_no_catchup(dagbag):
    for dag in dagbag.dags.values():
        assert dag.tags, dag.dag_id
        assert dag.doc_md, dag.dag_id
        assert dag.catchup is False
        for t in dag.tasks:
            assert t.retries >= 2, t.task_id
            assert t.retry_exponential_backoff, t.task_id


def test_single_writer_and_daily_schedule(dagbag):
    dag = dagbag.dags["outsourcing_pipeline"]
    assert dag.max_active_runs == 1
    # a trigger timetable: the daily run processes what is in the inbox, it has no data interval of its own
    assert type(dag.timetable).__name__ == "CronTriggerTimetable"
    assert dag.schedule == "@daily"


def test_dag_file_stays_a_declaration():
    source = (ROOT / "dags" / "outsourcing_pipeline.py").read_text()
    # heavy libraries load inside tasks only, so parsing the DAG stays fast
    for heavy in ("import pandas", "import great_expectations", "import pdfplumber", "import duckdb"):
        assert heavy not in source
