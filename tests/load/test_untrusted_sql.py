"""#29: a file's contents never run as SQL, and the connections that hold them cannot reach the machine.

A ticket export's header once closed its quoted identifier and ran `copy ... to` in the reader's DuckDB: it
wrote a Python file where Airflow's DAG processor would import it. Here that header, and others aimed at every
statement the reader writes, are read as plain data; and the DuckDB connections that read files or hold their
rows refuse to touch any path but their own, even for a statement we wrote ourselves.
"""

from __future__ import annotations

import csv
import uuid
from pathlib import Path

import duckdb
import pandas as pd
import psycopg2
import pytest

from etl.load.database import DuckDBWarehouse, PostgresWarehouse, _without_nul
from etl.sandbox import confined_duckdb
from etl.tickets.export import read_ticket_export


def _attacks(canary: Path) -> list[str]:
    """Header cells that, pasted into a statement, close its identifier or string and run `copy ... to`."""
    copy = f"copy (select 'import os' as code) to '{canary}'"
    return [
        f'number"), count(1) from events; {copy}; select count(("number',  # the reported header
        f'x" from events; {copy}; --',
        f"x'); {copy}; --",
        f'"; {copy}; --',
        f"x\"), 1 from events; attach '{canary}.db' as evil; create table evil.t as select 1; select count((\"x",
        "x\") from events; select * from read_text('/etc/hostname'); --",
        "number\") from events; install httpfs; load httpfs; --",
        f"`; {copy}; --",
        "col_1",  # the reader's own generated name, as a header
        "export_row",  # the reader's own row column
    ]


def _export(path: Path, extra_header: str) -> Path:
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["number", "priority", "opened_at", "resolved_at", extra_header])
        w.writerow(["INC001", "1 - Critical", "2025-03-03 09:00:00", "2025-03-03 11:30:00", "a"])
        w.writerow(["INC002", "3 - Moderate", "2025-03-04 10:00:00", "2025-03-05 10:00:00", "b"])
    return path


@pytest.mark.parametrize("n", range(10))
def test_a_hostile_header_is_read_as_a_column_name_and_runs_nothing(tmp_path, n):
    canary = tmp_path / "planted" / "dag_code.py"
    canary.parent.mkdir()
    header = _attacks(canary)[n]
    result = read_ticket_export(_export(tmp_path / "export.csv", header))
    assert sorted(result.tickets.ticket_id) == ["INC001", "INC002"]
    assert result.tickets.resolution_hours.tolist() == [2.5, 24.0]
    assert result.columns["ticket_id"] == "number"
    assert list(canary.parent.iterdir()) == []


def test_a_mapping_file_names_a_hostile_header_as_data(tmp_path):
    header = 'Ref"; drop table events; --'
    path = tmp_path / "export.csv"
    path.write_text(
        f'"{header.replace(chr(34), chr(34) * 2)}",Sev,Logged,Fixed\nA-1,2,2025-03-03 09:00,2025-03-03 10:00\n'
    )
    result = read_ticket_export(path, {"ticket_columns": {"ticket_id": header}})
    assert result.columns["ticket_id"] == header
    assert result.tickets.ticket_id.tolist() == ["A-1"]


def test_an_unreadable_export_names_its_hostile_headers_as_text(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text('"a""); copy (select 1) to \'x\'; --",b\n1,2\n')
    with pytest.raises(Exception, match="no column holds") as err:
        read_ticket_export(path)
    assert "copy (select 1)" in str(err.value)  # quoted back as the column's name, never run


def test_a_confined_connection_reaches_only_its_own_paths(tmp_path):
    mine, other = tmp_path / "mine.csv", tmp_path / "other.csv"
    mine.write_text("a\n1\n")
    other.write_text("a\n2\n")
    con = confined_duckdb(files=[mine])
    assert con.read_csv(str(mine)).fetchall() == [(1,)]
    refused = [
        f"select * from read_csv('{other}')",
        "select * from read_text('/etc/hostname')",
        f"copy (select 1) to '{tmp_path / 'x.py'}'",
        f"attach '{tmp_path / 'x.db'}' as x",
        "install httpfs",
        "set enable_external_access = true",
        "set allowed_directories = ['/']",
    ]
    for sql in refused:
        with pytest.raises(duckdb.Error):
            con.execute(sql)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.csv", "other.csv"]


def test_the_warehouse_connection_writes_the_warehouse_only(tmp_path):
    db = DuckDBWarehouse(tmp_path / "w" / "warehouse.duckdb")
    db.execute("create table t (x varchar)")
    db.bulk_insert("t", pd.DataFrame({"x": ["kept"]}))
    for sql in (f"copy t to '{tmp_path / 'leak.csv'}'", "select * from read_text('/proc/self/environ')"):
        with pytest.raises(duckdb.Error):
            db.execute(sql)
    assert db.query("select x from t").x.tolist() == ["kept"]
    db.close()
    assert not (tmp_path / "leak.csv").exists()


@pytest.mark.parametrize("column", ['x) select 1; --', "Priority", "x y", "", "ä"])
def test_a_column_name_that_is_not_ours_never_reaches_an_insert(tmp_path, column):
    db = DuckDBWarehouse(tmp_path / "warehouse.duckdb")
    db.execute("create table t (x varchar)")
    with pytest.raises(ValueError, match="not a warehouse identifier"):
        db.bulk_insert("t", pd.DataFrame({column: ["v"]}))
    db.close()


def test_nul_in_text_is_kept_as_a_mark_for_postgresql():
    frame = _without_nul(pd.DataFrame({"id": ["A\x00B", None, "\\N"], "n": [1, 2, 3]}))
    assert frame.id.tolist()[0] == "A\ufffdB" and pd.isna(frame.id[1]) and frame.id[2] == "\\N"


@pytest.fixture
def plain_role(new_postgres_database):
    """A database owned by a role with no server privileges, as docker-compose.yml makes the warehouse's."""
    url = new_postgres_database()
    name = url.rsplit("/", 1)[1]
    role = f"oetl_role_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'create role "{role}" login')
        cur.execute(f'alter database "{name}" owner to "{role}"')
    yield url, f"postgresql://{role}@127.0.0.1:5432/{name}"
    with admin.cursor() as cur:
        cur.execute(f'drop database if exists "{name}" with (force)')
        cur.execute(f'drop role if exists "{role}"')
    admin.close()


@pytest.mark.e2e
def test_the_warehouse_role_cannot_run_programs_or_read_server_files(plain_role):
    superuser_url, plain_url = plain_role
    admin = PostgresWarehouse(superuser_url)
    assert "superuser" in admin.server_privileges()  # what the load warns about
    admin.close()
    db = PostgresWarehouse(plain_url)
    try:
        assert db.server_privileges() == []
        for sql in ("copy (select 1) to program 'true'", "select pg_read_file('/etc/hostname')"):
            with pytest.raises(psycopg2.Error):
                db.execute(sql)
        # a vendor's NUL and a \N are data, not the end of the load
        db.execute("create table t (id text, n integer)")
        db.bulk_insert("t", pd.DataFrame({"id": ["A\x00B", "\\N", None], "n": [1, 2, 3]}))
        got = db.query("select id, n from t order by n")
        assert got.id.tolist()[:2] == ["A\ufffdB", "\\N"] and got.id.isna().tolist() == [False, False, True]
    finally:
        db.close()
