"""DuckDB connections that cannot reach the machine beyond the paths they are given.

DuckDB can read and write any file and load extensions from SQL. A connection that reads a vendor's file, or
holds rows from one, is opened here: external access off, only the named files and folders reachable, and the
configuration locked, so no statement (ours by mistake, or one smuggled in a value) can widen it again.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import duckdb

# a folder in allowed_directories is a prefix of paths: the separator keeps /data/x from admitting /data/xyz
_SEP = "/"


def confined_duckdb(
    database: str | Path = ":memory:",
    *,
    files: Iterable[str | Path] = (),
    folders: Iterable[str | Path] = (),
    spill_to: str | Path | None = None,
    read_only: bool = False,
    memory_limit: str | None = None,
) -> duckdb.DuckDBPyConnection:
    """A connection that may touch only `database` (with its write-ahead log and spill folder), `files` and
    whatever lies under `folders`. An in-memory one spills to `spill_to` (a folder of the caller's) when it
    outgrows memory; `memory_limit` ("128MiB") caps what DuckDB holds before it spills or evicts. Extensions
    cannot be installed or loaded, and settings cannot change."""
    con = duckdb.connect(str(database), read_only=read_only)
    try:
        if _locked(con):  # a second connection in this process to a file already opened (and confined) here
            if con.execute("select current_setting('enable_external_access')").fetchone()[0]:
                raise RuntimeError(f"{database} is open in this process without confinement")
            return con
        allowed_files = [str(Path(f).resolve()) for f in files]
        allowed_folders = [_folder(d) for d in folders]
        if str(database) != ":memory:":
            db = Path(database).resolve()
            allowed_files += [str(db), f"{db}.wal"]
            allowed_folders.append(f"{db}.tmp{_SEP}")
            con.execute("set temp_directory = ?", [f"{db}.tmp"])
        elif spill_to is not None:
            allowed_folders.append(_folder(spill_to))
            con.execute("set temp_directory = ?", [str(Path(spill_to).resolve())])
        if memory_limit:
            con.execute("set memory_limit = ?", [memory_limit])
        if allowed_files:
            con.execute("set allowed_paths = ?", [allowed_files])
        if allowed_folders:
            con.execute("set allowed_directories = ?", [allowed_folders])
        con.execute("set autoinstall_known_extensions = false")
        con.execute("set autoload_known_extensions = false")
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def _folder(path: str | Path) -> str:
    return str(Path(path).resolve()).rstrip(_SEP) + _SEP


def _locked(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(con.execute("select current_setting('lock_configuration')").fetchone()[0])
