"""
### Outsourcing pipeline

Reads the inbox (contract PDFs and vendor SLA reports), extracts each file in its own mapped task,
validates everything once with Great Expectations, loads the DuckDB warehouse in one transaction, builds
and tests the dbt models, and logs the KPI summary.

| task | does | when it fails |
|---|---|---|
| `list_inbox_files` | lists `contracts/*.pdf` and `reports/<engagement>/*` | check the `inbox` param / `OUTSOURCING_ETL_INBOX` path exists |
| `extract_file` (one per file) | hashes, skips unchanged content, extracts and stages | bad files do **not** fail it: they are quarantined with a reason; a failure here is a bug, see the log |
| `validate_and_load` | GX suites in `expectations/`, quarantine, one-transaction load | the transaction rolled back; fix and clear the task: the retry is safe |
| `build_warehouse` | `dbt build` of `warehouse/` (models and tests), then `dbt docs generate` | a dbt test failed: the log names it; query `quarantine` and `file_registry` |
| `kpi_summary` | prints the KPI table from the marts | check `build_warehouse` ran |
| `write_report` | writes the HTML KPI report beside the warehouse (`<name>_report.html`) | check the data folder is writable |

Configuration: params `inbox` and `warehouse` (a trigger's conf overrides them), else the environment
variables `OUTSOURCING_ETL_INBOX` / `OUTSOURCING_ETL_WAREHOUSE`, else `samples/` and `data/outsourcing.duckdb`.
"""

from __future__ import annotations

from datetime import timedelta

import pendulum
from airflow.sdk import dag, get_current_context, task


@dag(
    dag_id="outsourcing_pipeline",
    schedule="@daily",
    start_date=pendulum.datetime(2025, 1, 1, tz="UTC"),
    catchup=False,
    max_active_runs=1,  # DuckDB takes one writer
    default_args={
        "retries": 2,
        "retry_delay": timedelta(seconds=30),
        "retry_exponential_backoff": True,
        "max_retry_delay": timedelta(minutes=10),
    },
    params={"inbox": "", "warehouse": ""},
    tags=["outsourcing", "etl", "sla"],
    doc_md=__doc__,
)
def outsourcing_pipeline():
    def settings():
        from etl.settings import Settings

        params = get_current_context()["params"]
        return Settings.resolve(params.get("inbox") or None, params.get("warehouse") or None)

    @task
    def list_inbox_files() -> list[dict]:
        from etl import pipeline

        return pipeline.discover(settings())

    @task(map_index_template="{{ inbox_path }}")
    def extract_file(item: dict) -> str:
        from etl import pipeline

        get_current_context()["inbox_path"] = item["path"]
        return pipeline.stage(settings(), item)

    @task(trigger_rule="none_failed")
    def validate_and_load(staged: list[str]) -> dict:
        from etl import pipeline

        context = get_current_context()
        loaded_at = context.get("logical_date") or context["dag_run"].run_after
        return pipeline.load(settings(), list(staged or []), context["run_id"], loaded_at)

    @task
    def build_warehouse() -> None:
        from etl.dbt_build import dbt_build

        dbt_build(settings().warehouse)
        # model and lineage docs for analysts: <data dir>/<name>_dbt/target/index.html
        dbt_build(settings().warehouse, command="docs generate")

    @task
    def kpi_summary() -> str:
        from etl.kpi_report import kpi_summary as report

        text = report(settings().warehouse)
        print(text)
        return text

    @task
    def write_report() -> str:
        from etl.html_report import write_report as write

        current = settings()
        return str(write(current.warehouse, current.report_path))

    staged = extract_file.expand(item=list_inbox_files())
    validate_and_load(staged) >> build_warehouse() >> kpi_summary() >> write_report()


outsourcing_pipeline()
