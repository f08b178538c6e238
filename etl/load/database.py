"""One small interface over the two warehouse backends: an embedded DuckDB file, or PostgreSQL by URL.

SQL is written once with `?` placeholders and portable types; loads go through each backend's bulk path
(DuckDB reads the DataFrame directly; PostgreSQL gets COPY FROM STDIN), never row-by-row inserts.
"""

from __future__ import annotations

import io
import re
import secrets
from pathlib import Path

import pandas as pd

from etl.sandbox import confined_duckdb
from etl.settings import is_postgres, postgres_params  # noqa: F401 (re-exported)

# a table or column name written into a statement: ours (canonical snake case), never a vendor's header
_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def _identifiers(*names: str) -> None:
    bad = [n for n in names if not isinstance(n, str) or not _IDENTIFIER.fullmatch(n)]
    if bad:
        raise ValueError(f"not a warehouse identifier: {bad[:3]!r}")


# the advisory lock that serialises loads into one PostgreSQL warehouse (any fixed bigint, unique to this project)
LOAD_LOCK_KEY = 7_301_991_552


# DuckDB keeps the blocks a load writes cached up to its memory limit (80% of RAM by default), beside the run's
# frames in the same process: a million rows cost about 400 MB there and 25 MB under this cap, inserted in about
# the same time. Larger work on the connection spills to the warehouse's .tmp folder.
LOAD_MEMORY_LIMIT = "128MiB"


class DuckDBWarehouse:
    dialect = "duckdb"

    def __init__(self, path: Path, read_only: bool = False):
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
        # the warehouse holds vendors' text: its connection reaches the warehouse file and nothing else
        self.con = confined_duckdb(path, read_only=read_only, memory_limit=None if read_only else LOAD_MEMORY_LIMIT)

    def execute(self, sql: str, params: list | None = None) -> None:
        self.con.execute(sql, params or [])

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        return self.con.execute(sql, params or []).df()

    def bulk_insert(
        self, table: str, df: pd.DataFrame, columns: list[str] | None = None, constants: dict | None = None
    ) -> int:
        """Insert `columns` of `df` (default: all) plus `constants` (column -> one value for every row).
        DuckDB scans the frame in place: no copy of it is made for the selection or the constants."""
        if df.empty:
            return 0
        columns, constants = columns or list(df.columns), constants or {}
        _identifiers(table, *columns, *constants)
        self.con.register("incoming_rows", df)
        try:
            self.con.execute(
                f"insert into {table} ({', '.join([*columns, *constants])}) "
                f"select {', '.join([*columns, *('?' for _ in constants)])} from incoming_rows",
                list(constants.values()),
            )
        finally:
            self.con.unregister("incoming_rows")
        return len(df)

    def begin(self) -> None:
        self.con.execute("begin transaction")

    def commit(self) -> None:
        self.con.execute("commit")

    def rollback(self) -> None:
        self.con.execute("rollback")

    def lock_for_load(self) -> None:
        """Nothing to do: a DuckDB file takes one writing process at a time (the file lock)."""

    def close(self) -> None:
        self.con.close()


class PostgresWarehouse:
    dialect = "postgres"

    def __init__(self, url: str, read_only: bool = False):
        import psycopg2

        # the pipeline's tables are created in raw; marts and staging are read by name (etl/load/schema.py)
        self.con = psycopg2.connect(**postgres_params(url), options="-c search_path=raw,marts,staging,public")
        self.con.autocommit = True  # explicit begin/commit below make the load one transaction
        if read_only:
            self.con.set_session(readonly=True, autocommit=True)

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: list | None = None) -> None:
        with self.con.cursor() as cur:
            cur.execute(self._sql(sql) if params else sql, params or None)

    def query(self, sql: str, params: list | None = None) -> pd.DataFrame:
        with self.con.cursor() as cur:
            cur.execute(self._sql(sql) if params else sql, params or None)
            names = [d[0] for d in cur.description]
            return pd.DataFrame(cur.fetchall(), columns=names)

    def bulk_insert(
        self, table: str, df: pd.DataFrame, columns: list[str] | None = None, constants: dict | None = None
    ) -> int:
        """COPY `columns` of `df` (default: all) plus `constants` (column -> one value for every row)."""
        if df.empty:
            return 0
        frame = _without_nul(df[columns or list(df.columns)].assign(**(constants or {})))
        _identifiers(table, *frame.columns)
        # NULL is a marker no file can know in advance: a vendor's cell reading \\N stays the text \\N
        null = f"null-{secrets.token_hex(12)}"
        buffer = io.StringIO()
        frame.to_csv(buffer, index=False, header=False, na_rep=null)
        buffer.seek(0)
        with self.con.cursor() as cur:
            cur.copy_expert(
                f"copy {table} ({', '.join(frame.columns)}) from stdin with (format csv, null '{null}')", buffer
            )
        return len(df)

    def server_privileges(self) -> list[str]:
        """What this role could do to the database server's machine: superuser, or a role that runs programs or
        reads and writes server files. The pipeline needs none of them (a warehouse's owner suffices)."""
        row = self.query(
            "select r.rolsuper as superuser, "
            "pg_has_role(current_user, 'pg_execute_server_program', 'member') as pg_execute_server_program, "
            "pg_has_role(current_user, 'pg_read_server_files', 'member') as pg_read_server_files, "
            "pg_has_role(current_user, 'pg_write_server_files', 'member') as pg_write_server_files "
            "from pg_roles r where r.rolname = current_user"
        ).iloc[0]
        return [name for name, held in row.items() if held]

    def begin(self) -> None:
        self.execute("begin")

    def commit(self) -> None:
        self.execute("commit")

    def rollback(self) -> None:
        self.execute("rollback")

    def lock_for_load(self) -> None:
        """Serialise loads across processes: a session advisory lock, released when the connection closes."""
        self.execute(f"select pg_advisory_lock({LOAD_LOCK_KEY})")

    def close(self) -> None:
        self.con.close()


def query_records(db, sql: str) -> list[dict]:
    """Rows of a query as dicts, with SQL NULLs (pandas NaN/NaT/NA) as None."""
    df = db.query(sql).astype(object)
    return [{k: (None if pd.isna(v) else v) for k, v in r.items()} for r in df.to_dict("records")]


def relation_exists(db, name: str) -> bool:
    """Whether a table or view of that name is in the warehouse (any schema): a warehouse from an older version,
    or one no run has built yet, lacks some."""
    found = db.query("select count(*) as n from information_schema.tables where table_name = ?", [name])
    return bool(int(found.iloc[0, 0]))


def _without_nul(frame: pd.DataFrame) -> pd.DataFrame:
    """PostgreSQL text cannot hold NUL: a vendor's NUL becomes U+FFFD, the mark of a character that could not
    be kept, rather than failing the whole load."""
    for column in [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c]) or frame[c].dtype == object]:
        try:  # vectorised where the column holds text only
            has_nul = frame[column].str.contains("\x00", regex=False, na=False).astype(bool)
        except AttributeError:
            has_nul = frame[column].map(lambda v: isinstance(v, str) and "\x00" in v)
        if has_nul.any():
            frame = frame.assign(
                **{column: frame[column].where(~has_nul, frame[column][has_nul].str.replace("\x00", "\ufffd"))}
            )
    return frame


def open_warehouse(target: str, read_only: bool = False):
    if is_postgres(target):
        return PostgresWarehouse(target, read_only=read_only)
    return DuckDBWarehouse(Path(target), read_only=read_only)


def warehouse_exists(target: str) -> bool:
    return is_postgres(target) or Path(target).exists()
