"""What discovery reads from the warehouse: which content each inbox path last loaded, and each engagement's
service-level names (the report reader looks for them in a report's tables)."""

from __future__ import annotations

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


def registered_shas(warehouse: str) -> dict[str, tuple[str, str]]:
    """Inbox path -> (the sha256 last loaded from it, the context it was matched in); empty for a new warehouse.
    One query per run."""
    rows = _query_if_table(
        warehouse, "file_registry", "select path, sha256, coalesce(context_sha256, '') as context from file_registry"
    )
    return {} if rows is None else {p: (s, c) for p, s, c in zip(rows.path, rows.sha256, rows.context)}


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
