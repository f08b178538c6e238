"""What discovery reads from the warehouse: which content each inbox path last loaded, and each engagement's
service-level names (the report reader looks for them in a report's tables)."""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from etl.load.database import open_warehouse, relation_exists, warehouse_exists


def _query_if_table(warehouse: str, table: str, sql: str) -> pd.DataFrame | None:
    """`sql`'s rows, or None for a new warehouse or one without `table` yet."""
    if not warehouse_exists(warehouse):
        return None
    db = open_warehouse(warehouse, read_only=True)
    try:
        return db.query(sql) if relation_exists(db, table) else None
    finally:
        db.close()


class Registered(NamedTuple):
    sha256: str
    context: str  # the context it was matched in
    size: int | None  # the file's size and mtime when it was hashed; None for a file registered before 2026-12
    mtime_us: int | None


def registered_shas(warehouse: str) -> dict[str, Registered]:
    """Inbox path -> what was last loaded from it; empty for a new warehouse. One query per run."""
    rows = _query_if_table(warehouse, "file_registry", "select * from file_registry")  # columns an old one lacks
    if rows is None:
        return {}
    rows = rows.reindex(
        columns=[*rows.columns, *({"context_sha256", "file_size", "file_mtime_us"} - set(rows.columns))]
    )
    rows = rows.astype(object).where(rows.notna(), None)
    return {
        r.path: Registered(r.sha256, r.context_sha256 or "", r.file_size, r.file_mtime_us)
        for r in rows.itertuples(index=False)
    }


def restamp(warehouse: str, stamps: list[tuple[str, str, int, int]]) -> None:
    """Record the size and mtime (path, sha256, size, mtime_us) at which a registered file was found unchanged,
    so the next discovery need not hash it again. A row whose content changed meanwhile is left alone."""
    db = open_warehouse(warehouse)
    try:
        db.begin()
        for path, sha, size, mtime_us in stamps:
            db.execute(
                "update file_registry set file_size = ?, file_mtime_us = ? where path = ? and sha256 = ?",
                [size, mtime_us, path, sha],
            )
        db.commit()
    finally:
        db.close()


def coverage_hours(warehouse: str) -> dict[str, str]:
    """Engagement -> the service window its contract states ('mon-fri 08:00-18:00'); a hand entry wins."""
    rows = _query_if_table(
        warehouse,
        "raw_contract_terms",
        "select engagement_id, value from raw_contract_terms where field = 'coverage_hours' "
        "order by coalesce(origin, 'extracted') = 'entered by hand'",
    )
    return {} if rows is None else dict(zip(rows.engagement_id, rows.value))


def schedule_names(warehouse: str) -> dict[str, tuple[str, ...]]:
    """Engagement -> the metric names of its loaded SLA schedule; empty for a new warehouse. One query per run."""
    rows = _query_if_table(
        warehouse, "raw_sla_terms", "select distinct engagement_id, metric_name from raw_sla_terms order by 1, 2"
    )
    out: dict[str, list[str]] = {}
    for engagement, name in zip(rows.engagement_id, rows.metric_name) if rows is not None else ():
        out.setdefault(engagement, []).append(name)
    return {e: tuple(names) for e, names in out.items()}
