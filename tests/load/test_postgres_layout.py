"""PostgreSQL keeps its layers in schemas (raw, staging, marts); a warehouse made before them is upgraded in
place, its rows kept, and every new session still finds each relation by its bare name."""

import psycopg2
import pytest

from etl.load.database import open_warehouse
from etl.load.schema import SCHEMA, SEARCH_PATH, TABLES, create_schema
from etl.settings import postgres_params

pytestmark = pytest.mark.e2e  # a PostgreSQL server


def test_an_older_warehouse_moves_its_tables_to_raw_and_keeps_their_rows(new_postgres_database):
    url = new_postgres_database()
    old = psycopg2.connect(**postgres_params(url), options="-c search_path=public")
    old.autocommit = True
    with old.cursor() as cur:
        for statement in SCHEMA.split(";"):  # the layout of earlier versions: everything in public
            if statement.strip():
                cur.execute(statement)
        cur.execute(
            "insert into file_registry (path, sha256, kind, status, rows_loaded, loaded_at, run_id) "
            "values ('contracts/a.pdf', 'abc', 'contract', 'loaded', 3, now(), 'r1')"
        )
    old.close()

    db = open_warehouse(url)
    try:
        create_schema(db)
        create_schema(db)  # idempotent: nothing left to move the second time
    finally:
        db.close()

    fresh = psycopg2.connect(**postgres_params(url))  # a new session, as psql or a BI tool opens one
    with fresh.cursor() as cur:
        cur.execute(
            "select table_schema, count(*) from information_schema.tables "
            "where table_name = any(%s) group by table_schema",
            [TABLES],
        )
        assert dict(cur.fetchall()) == {"raw": len(TABLES)}
        cur.execute("select path, rows_loaded from file_registry")  # found by its bare name
        assert cur.fetchall() == [("contracts/a.pdf", 3)]
        cur.execute("show search_path")
        assert cur.fetchone()[0] == SEARCH_PATH
    fresh.close()
