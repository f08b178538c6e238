"""The pipeline's tables are defined once, in `etl/load/schema.py` TABLE_SPEC (#31): the DDL, the migrations,
RAW_COLUMNS and the frames' dtypes follow from it, and the dbt sources must list the same columns."""

from __future__ import annotations

import dataclasses

import duckdb
import yaml

from etl.load.schema import RAW_COLUMNS, RAW_TABLES, TABLE_SPEC, Column, create_schema, frame_dtypes
from tests.conftest import ROOT

SOURCES = ROOT / "warehouse" / "models" / "staging" / "_sources.yml"


def source_drift(sources: dict, spec: dict[str, tuple[Column, ...]]) -> dict[str, object]:
    """Each source table whose columns (name and type, in order) differ from the spec's, and spec tables dbt
    does not list; empty when they agree."""
    listed = {t["name"]: t for s in sources["sources"] for t in s["tables"]}
    drift: dict[str, object] = {}
    for name, table in listed.items():
        if name in spec:
            theirs = [(c["name"], c.get("data_type")) for c in table.get("columns", [])]
            ours = [(c.name, c.type) for c in spec[name]]
            if theirs != ours:
                drift[name] = {"dbt": theirs, "spec": ours}
    drift.update({name: "not a dbt source" for name in RAW_TABLES if name not in listed})
    return drift


def test_the_dbt_sources_list_every_spec_column():
    assert source_drift(yaml.safe_load(SOURCES.read_text()), TABLE_SPEC) == {}


def test_a_planted_drift_in_the_spec_is_caught():
    sources = yaml.safe_load(SOURCES.read_text())
    added = {**TABLE_SPEC, "raw_tickets": (*TABLE_SPEC["raw_tickets"], Column("queue", "varchar", added=True))}
    retyped = {
        **TABLE_SPEC,
        "raw_sla_terms": tuple(
            dataclasses.replace(c, type="varchar") if c.name == "expected" else c for c in TABLE_SPEC["raw_sla_terms"]
        ),
    }
    assert set(source_drift(sources, added)) == {"raw_tickets"}
    assert set(source_drift(sources, retyped)) == {"raw_sla_terms"}


def test_a_new_warehouse_and_an_upgraded_one_have_the_spec_columns_in_order(tmp_path):
    class Db:  # the smallest warehouse create_schema needs
        def __init__(self, path):
            self.con = duckdb.connect(str(path))

        def execute(self, sql):
            self.con.execute(sql)

    def columns(db, table):
        rows = db.con.execute(
            "select column_name from information_schema.columns where table_name = ? order by ordinal_position",
            [table],
        ).fetchall()
        return [r[0] for r in rows]

    new = Db(tmp_path / "new.duckdb")
    create_schema(new)
    old = Db(tmp_path / "old.duckdb")  # a warehouse of the first release, then upgraded
    for table, spec in TABLE_SPEC.items():
        first = ", ".join(f"{c.name} {c.type}" for c in spec if not c.added)
        old.execute(f"create table {table} ({first})")
    create_schema(old)
    for table, spec in TABLE_SPEC.items():
        assert columns(new, table) == [c.name for c in spec], table
        assert columns(old, table) == [c.name for c in spec], table


def test_raw_columns_and_dtypes_follow_from_the_spec():
    for table in RAW_TABLES:
        assert RAW_COLUMNS[table] == [c.name for c in TABLE_SPEC[table] if c.name != "loaded_at"]
    assert frame_dtypes("raw_measurements") == {
        "match_score": "float64",
        "actual": "float64",
        "reported_met": "boolean",
        "reported_target": "float64",
    }
