"""What discovery reads from the warehouse: which content each inbox path last loaded, and each engagement's
service-level names (the report reader looks for them in a report's tables)."""

from __future__ import annotations

from etl.load.database import open_warehouse, warehouse_exists


def registered_shas(warehouse: str) -> dict[str, str]:
    """Inbox path -> the sha256 last loaded from it; empty for a new warehouse. One query per run."""
    if not warehouse_exists(warehouse):
        return {}
    db = open_warehouse(warehouse, read_only=True)
    try:
        found = db.query("select count(*) as n from information_schema.tables where table_name = 'file_registry'")
        if not int(found.iloc[0, 0]):
            return {}
        rows = db.query("select path, sha256 from file_registry")
        return dict(zip(rows.path, rows.sha256))
    finally:
        db.close()


def schedule_names(warehouse: str) -> dict[str, tuple[str, ...]]:
    """Engagement -> the metric names of its loaded SLA schedule; empty for a new warehouse. One query per run."""
    if not warehouse_exists(warehouse):
        return {}
    db = open_warehouse(warehouse, read_only=True)
    try:
        found = db.query("select count(*) as n from information_schema.tables where table_name = 'raw_sla_terms'")
        if not int(found.iloc[0, 0]):
            return {}
        rows = db.query("select distinct engagement_id, metric_name from raw_sla_terms order by 1, 2")
        out: dict[str, list[str]] = {}
        for engagement, name in zip(rows.engagement_id, rows.metric_name):
            out.setdefault(engagement, []).append(name)
        return {e: tuple(names) for e, names in out.items()}
    finally:
        db.close()
