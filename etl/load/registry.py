"""The file registry as discovery reads it: which content each inbox path last loaded."""

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
