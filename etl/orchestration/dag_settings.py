"""Where a running DAG task reads and writes, from its configuration in order of precedence:
the run's params (a trigger's conf overrides them), the Airflow Variables `outsourcing_etl_inbox` and
`outsourcing_etl_warehouse`, the Airflow Connection `outsourcing_etl_warehouse`, the environment
(`OUTSOURCING_ETL_INBOX`, `OUTSOURCING_ETL_WAREHOUSE` or `WAREHOUSE_URL`), and the defaults (`samples/`,
`data/outsourcing.duckdb`).

A PostgreSQL password belongs in a Connection (Airflow masks it in the UI and in logs), never in a run's conf
or a Variable, which the UI shows as typed: a warehouse there may name a Connection as `conn:<conn_id>`, and a
URL carrying a password is refused with that advice.
"""

from __future__ import annotations

from collections.abc import Callable

from etl.settings import Settings, is_postgres, postgres_params

INBOX_VARIABLE = "outsourcing_etl_inbox"
WAREHOUSE_VARIABLE = "outsourcing_etl_warehouse"
WAREHOUSE_CONNECTION = "outsourcing_etl_warehouse"


class WarehouseSettingError(ValueError):
    pass


def choose_warehouse(
    param: str | None, variable: str | None, connection_uri: Callable[[str], str | None]
) -> str | None:
    """The warehouse from a run's param, else the Variable, else the default Connection; `conn:<id>` in either
    names a Connection. `connection_uri(conn_id)` returns its URI, or None when there is none."""
    for where, value in (("the run's conf or params", param), (f"the Variable {WAREHOUSE_VARIABLE}", variable)):
        if not value:
            continue
        if value.startswith("conn:"):
            uri = connection_uri(value[5:])
            if uri is None:
                raise WarehouseSettingError(f"{where} names the Connection {value[5:]!r}, which does not exist")
            return uri
        if is_postgres(value) and postgres_params(value)["password"]:
            raise WarehouseSettingError(
                f"{where} holds a PostgreSQL password, which the Airflow UI shows as typed: put the URL in an "
                f"Airflow Connection ({WAREHOUSE_CONNECTION}, or any id given as conn:<id>) instead"
            )
        return value
    return connection_uri(WAREHOUSE_CONNECTION)


def settings_for(params: dict) -> Settings:
    from airflow.sdk import Variable

    return Settings.resolve(
        params.get("inbox") or Variable.get(INBOX_VARIABLE, default=None),
        choose_warehouse(params.get("warehouse"), Variable.get(WAREHOUSE_VARIABLE, default=None), _connection_uri),
    )


def _connection_uri(conn_id: str) -> str | None:
    from airflow.sdk import Connection
    from airflow.sdk.exceptions import AirflowNotFoundException

    try:
        uri = Connection.get(conn_id).get_uri()
    except AirflowNotFoundException:
        return None
    # Airflow writes PostgreSQL connections as postgres://; the warehouse drivers take postgresql:// as well
    return "postgresql://" + uri.split("://", 1)[1] if uri.startswith(("postgres://", "postgresql://")) else uri
