"""Where a running DAG task reads and writes, from its configuration in order of precedence:
the run's params (a trigger's conf overrides them), the Airflow Variables `outsourcing_etl_inbox` and
`outsourcing_etl_warehouse`, the environment (`OUTSOURCING_ETL_INBOX`, `OUTSOURCING_ETL_WAREHOUSE` or
`WAREHOUSE_URL`), and the defaults (`samples/`, `data/outsourcing.duckdb`)."""

from __future__ import annotations

from etl.settings import Settings

INBOX_VARIABLE = "outsourcing_etl_inbox"
WAREHOUSE_VARIABLE = "outsourcing_etl_warehouse"


def settings_for(params: dict) -> Settings:
    from airflow.sdk import Variable

    return Settings.resolve(
        params.get("inbox") or Variable.get(INBOX_VARIABLE, default=None),
        params.get("warehouse") or Variable.get(WAREHOUSE_VARIABLE, default=None),
    )
