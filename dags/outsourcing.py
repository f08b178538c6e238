"""
### Outsourcing ETL: three DAGs joined by Airflow Assets

```
outsourcing_contracts  (daily)  --> Asset outsourcing_contracts --> outsourcing_reports (daily, and on new
                                                                    contracts) --> Asset outsourcing_measurements
                                                                    --> outsourcing_kpis (dbt build, report; also
                                                                        daily, as the calendar moves the months)
```

`outsourcing_contracts` and `outsourcing_reports` read the inbox (`contracts/*.pdf`; `reports/<engagement>/*`),
extract the new files in batches (one mapped task each, named by its folders and file count), validate
everything once with Great Expectations, and load the warehouse in one transaction. A file whose content is already loaded is skipped
by hash (at listing, so a daily run maps tasks over what arrived, not the inbox's whole history), so
re-running a day is harmless. When a run loads something it updates its Asset; a reports run triggered by
new contracts always does, so `outsourcing_kpis` rebuilds the dbt models, tests them and writes the KPI report
once per change, after the reports are matched to the new contract.

| task | does | when it fails |
|---|---|---|
| `list_inbox_files` | lists this DAG's new or changed files in the inbox (by hash against the registry) and cuts them into at most `core.parallelism` batches of similar work (size), none under about 300 small files' worth | check the inbox exists: param `inbox`, Variable `outsourcing_etl_inbox` or `OUTSOURCING_ETL_INBOX` |
| `extract_batch` (one per batch) | extracts its files in a child process and stages each; per-file status goes to the registry and the run summary | bad files do **not** fail it: a file that cannot be read, crashes its reader or runs past its budget is quarantined with a reason; a failure here is a bug, see the log |
| `validate_and_load` | GX suites in `expectations/`, quarantine, one-transaction load; writes the run summary to `etl_runs` and the log; skipped (no Asset update) when nothing is new | the transaction rolled back, the warehouse is as before; fix and clear the task: the retry is safe |
| `build_warehouse` | `dbt build` of `warehouse/` (models and tests), then `dbt docs generate`; neither when nothing the marts rest on changed since the last build (loads, as-of day, dbt project) | a dbt test failed: the log names it; query `quarantine` and `file_registry` |
| `kpi_summary` | prints the KPI table from the marts | check `build_warehouse` ran |
| `write_report` | writes the HTML KPI report (`<data dir>/<name>_report.html`); skipped when the build was and the report is there | check the data folder is writable |

Every task retries twice with exponential back-off; after its last try a failure is written to the
warehouse's `task_failures` table. Warehouse writers share the pool `outsourcing_warehouse` (one slot), so
the three DAGs never write at once. Configuration, in order: the run's params (a trigger's conf), the
Airflow Variables `outsourcing_etl_inbox` / `outsourcing_etl_warehouse`, the Airflow Connection
`outsourcing_etl_warehouse` (where a PostgreSQL password belongs: a URL with one in the conf or a Variable is
refused; `conn:<conn_id>` names another), the environment variables `OUTSOURCING_ETL_INBOX` /
`OUTSOURCING_ETL_WAREHOUSE` (or `WAREHOUSE_URL`), else `samples/` and `data/outsourcing.duckdb`.
"""

from __future__ import annotations

from datetime import timedelta

from airflow.sdk import Asset, AssetOrTimeSchedule, CronTriggerTimetable, dag, get_current_context, task

CONTRACTS = Asset(name="outsourcing_contracts")
MEASUREMENTS = Asset(name="outsourcing_measurements")
WAREHOUSE_POOL = "outsourcing_warehouse"


def _record_failure(context):
    from etl.orchestration.run_log import record_task_failure

    record_task_failure(context)


def _notify_failure(context):
    from etl.orchestration.notifications import notify_failure

    notify_failure(context)


DEFAULTS = {
    "retries": 2,
    "retry_delay": timedelta(seconds=30),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=10),
    # the task_failures row always; a webhook or e-mail where the deployment configures one
    "on_failure_callback": [_record_failure, _notify_failure],
}
# no start_date: with one, unpausing fires the slot already missed today (the whole chain, unasked, before and
# beside any trigger); without, the cron timetables wait for their next slot, and a trigger runs the chain now
# run_immediately=False still fires the slot just missed when a DAG is unpaused within a tenth of the gap after
# it (2.4 h for a daily cron: Airflow treats False like None there); a zero buffer waits for the next slot
NEXT_SLOT_ONLY = timedelta(0)
COMMON = {
    "catchup": False,
    "max_active_runs": 1,
    "default_args": DEFAULTS,
    "params": {"inbox": "", "warehouse": ""},
    "doc_md": __doc__,
}


def _settings():
    from etl.orchestration.dag_settings import settings_for

    return settings_for(get_current_context()["params"])


def _triggered_by_assets() -> bool:
    return bool(get_current_context().get("triggering_asset_events"))


def _task_slots() -> int:
    # extraction batches: as many as the scheduler runs tasks at once (core.parallelism, capped by the DAG's
    # max_active_tasks), so every slot is busy and no task start is wasted on a handful of files
    from airflow.configuration import conf

    return max(1, min(conf.getint("core", "parallelism"), conf.getint("core", "max_active_tasks_per_dag")))


def inbox_dag(dag_id: str, kind: str, asset: Asset, schedule, tags: list[str]):
    @dag(dag_id=dag_id, schedule=schedule, tags=["outsourcing", *tags], **COMMON)
    def inbox():
        @task
        def list_inbox_files() -> list[dict]:
            from etl.orchestration import pipeline

            return pipeline.discover_batches(_settings(), kind, _task_slots())

        @task(map_index_template="{{ batch_label }}")
        def extract_batch(batch: dict) -> list[str]:
            from etl.orchestration import pipeline

            get_current_context()["batch_label"] = batch["label"]
            return pipeline.stage_batch(_settings(), batch["items"])

        @task(trigger_rule="none_failed", outlets=[asset], pool=WAREHOUSE_POOL)
        def validate_and_load(staged: list[list[str]]) -> dict:
            from airflow.sdk.exceptions import AirflowSkipException

            from etl.orchestration import pipeline

            context = get_current_context()
            run = context["dag_run"]
            summary = pipeline.load(
                _settings(),
                # by index: iterating the lazy XCom sequence reads past its end, which Airflow logs as an error
                [path for i in range(len(staged or [])) for path in staged[i]],
                context["run_id"],
                context.get("logical_date") or run.run_after,
                dag_id=run.dag_id,
                started_at=run.start_date,
                kind=kind,
            )
            # a reports run that new contracts triggered updates its Asset even with no new report: it is the
            # one signal the KPI DAG waits for, so a contracts change rebuilds the KPIs once, after the reports
            # a retry finds what its first try committed already registered: that is a load done, not "nothing new"
            retry = context["ti"].try_number > 1
            if not pipeline.changed_warehouse(summary) and not retry and not _triggered_by_assets():
                raise AirflowSkipException("nothing new in the inbox: the warehouse is unchanged")
            return summary

        @task(trigger_rule="none_failed")
        def clean_staging(staged: list[list[str]]) -> int:
            """The staged files, once the load has succeeded (or found nothing new); a failed load keeps them for
            its retries and for a cleared re-run."""
            from etl.orchestration import pipeline

            return pipeline.clean_staged([path for i in range(len(staged or [])) for path in staged[i]])

        staged = extract_batch.expand(batch=list_inbox_files())
        validate_and_load(staged) >> clean_staging(staged)

    return inbox()


contracts_dag = inbox_dag(
    "outsourcing_contracts",
    "contract",
    CONTRACTS,
    CronTriggerTimetable("0 1 * * *", timezone="UTC", run_immediately=NEXT_SLOT_ONLY),
    ["contracts"],
)
# reports are matched to their contract's SLA schedule, so new contracts also trigger a reports run
reports_dag = inbox_dag(
    "outsourcing_reports",
    "report",
    MEASUREMENTS,
    AssetOrTimeSchedule(
        timetable=CronTriggerTimetable("0 2 * * *", timezone="UTC", run_immediately=NEXT_SLOT_ONLY), assets=CONTRACTS
    ),
    ["reports"],
)


# on the measurements Asset, not the contracts one: a contracts change triggers the reports DAG, whose run then updates it, so
# the KPIs are rebuilt once per change with both sides loaded (on either Asset they were built twice, the
# first time with the new contract and none of its reports matched yet)
# and daily after the inbox DAGs: the marts are measured to the run's day (months in service, renewals), which
# moves when no file arrives; the build is skipped when the day and the loads are as the last build had them
@dag(
    dag_id="outsourcing_kpis",
    schedule=AssetOrTimeSchedule(
        timetable=CronTriggerTimetable("0 3 * * *", timezone="UTC", run_immediately=NEXT_SLOT_ONLY),
        assets=MEASUREMENTS,
    ),
    tags=["outsourcing", "kpis"],
    **COMMON,
)
def outsourcing_kpis():
    @task(pool=WAREHOUSE_POOL)
    def build_warehouse() -> bool:
        from etl.transform.kpi_build import build_kpis

        run = get_current_context()["dag_run"]
        # measured to the run's own day, so clearing an old run rebuilds what it built
        return build_kpis(_settings().warehouse, run.run_id, run_date=run.run_after.date()).built

    @task
    def kpi_summary() -> str:
        from etl.outputs.kpi_summary import kpi_summary as report

        text = report(_settings().warehouse)
        print(text)
        return text

    @task
    def write_report(built: bool) -> str:
        from etl.outputs.html_report import write_report as write

        current = _settings()
        if not built and current.report_path.exists():
            from airflow.sdk.exceptions import AirflowSkipException

            raise AirflowSkipException("the marts are as the last build left them, and so is its report")
        return str(write(current.warehouse, current.report_path))

    built = build_warehouse()
    built >> kpi_summary() >> write_report(built)


kpis_dag = outsourcing_kpis()
