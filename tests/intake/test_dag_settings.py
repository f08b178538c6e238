"""Where a DAG run writes: a password never sits in a run's conf or a Variable, which the UI shows as typed."""

import pytest

from etl.orchestration.dag_settings import WAREHOUSE_CONNECTION, WarehouseSettingError, choose_warehouse

CONNECTIONS = {WAREHOUSE_CONNECTION: "postgresql://etl:secret@db:5432/outsourcing", "other": "/data/w.duckdb"}


def lookup(conn_id):
    return CONNECTIONS.get(conn_id)


def test_the_run_param_wins_then_the_variable_then_the_connection():
    assert choose_warehouse("/tmp/a.duckdb", "/tmp/b.duckdb", lookup) == "/tmp/a.duckdb"
    assert choose_warehouse(None, "/tmp/b.duckdb", lookup) == "/tmp/b.duckdb"
    assert choose_warehouse("", None, lookup) == CONNECTIONS[WAREHOUSE_CONNECTION]
    assert choose_warehouse(None, None, lambda _: None) is None  # then the environment, then the default


def test_a_param_or_variable_may_name_a_connection():
    assert choose_warehouse("conn:other", None, lookup) == "/data/w.duckdb"
    assert choose_warehouse(None, f"conn:{WAREHOUSE_CONNECTION}", lookup).endswith("/outsourcing")
    with pytest.raises(WarehouseSettingError, match="'missing', which does not exist"):
        choose_warehouse("conn:missing", None, lookup)


@pytest.mark.parametrize("param, variable", [("postgresql://etl:secret@db/w", None), (None, "postgres://u:p@db/w")])
def test_a_password_in_the_conf_or_a_variable_is_refused_with_the_fix(param, variable):
    with pytest.raises(WarehouseSettingError, match="Airflow Connection") as err:
        choose_warehouse(param, variable, lookup)
    assert "secret" not in str(err.value) and ":p@" not in str(err.value)


def test_a_url_without_a_password_is_fine_in_the_conf():
    assert choose_warehouse("postgresql://etl@db/w", None, lookup) == "postgresql://etl@db/w"
