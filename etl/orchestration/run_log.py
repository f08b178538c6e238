"""The warehouse's run log for operators: a task that fails writes why into `task_failures`, and, where
`OUTSOURCING_ETL_ALERT_WEBHOOK` names a URL (a Slack or Teams incoming webhook, a chat bridge, an on-call
tool), posts the same record there as JSON so someone is told.

Called by Airflow as every task's `on_failure_callback`, after the task's last try has failed. Writing and
posting are best effort: the failure may be the warehouse itself, and a callback must never hide the original
error.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.request
from datetime import UTC, datetime

import pandas as pd

from etl.load.database import open_warehouse
from etl.load.schema import create_schema
from etl.settings import Settings

log = logging.getLogger(__name__)


def failure_record(context) -> dict:
    """The row for one failed task instance, from the Airflow task context."""
    ti = context["ti"]
    error = context.get("exception")
    return {
        "dag_id": ti.dag_id,
        "run_id": ti.run_id,
        "task_id": ti.task_id,
        "map_index": getattr(ti, "map_index", -1),
        "try_number": getattr(ti, "try_number", None),
        "failed_at": datetime.now(UTC).replace(tzinfo=None),
        "error": f"{type(error).__name__}: {error}"[:4000] if error else "failed (no exception recorded)",
    }


def record_failure(warehouse: str, record: dict) -> bool:
    """Append one failure to task_failures; False (and a log line) when the warehouse cannot take it."""
    try:
        db = open_warehouse(warehouse)
        try:
            create_schema(db)
            db.begin()
            db.bulk_insert("task_failures", pd.DataFrame([record]))
            db.commit()
        finally:
            db.close()
        return True
    except Exception:  # noqa: BLE001 - the original failure is what matters; this one is only logged
        log.exception("could not record the failure of %s in the warehouse run log", record.get("task_id"))
        return False


# where an error starts quoting what it was processing: a database's DETAIL/CONTEXT lines carry the row's text
_ROW_CONTENT = re.compile(r"(?is)\s*(?:\bDETAIL:|\bCONTEXT:|\bLINE \d+:|\bCOPY \w+, line \d+).*")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def alert_error(error: str) -> str:
    """The error as an alert may carry it: its first line, without the row text a database quotes after it,
    control characters (terminal escapes) removed, and short."""
    first = _ROW_CONTENT.sub("", str(error)).strip().splitlines()[0] if str(error).strip() else ""
    return _CONTROL.sub(" ", first)[:300]


def _for_chat(text: str) -> str:
    """Slack's and Teams' message text: &, < and > escaped (no <!channel> or disguised <url|label> link), and
    an @mention broken so that no one is paged by a file's contents."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"@(?=\w)", "@\u200b", text)


def post_alert(url: str, record: dict) -> bool:
    """POST the failure as JSON ({"text": a one-line summary, plus the record's fields}); False when it fails.
    The error goes out as alert_error gives it; the warehouse's task_failures row keeps it whole."""
    safe = {**record, "error": _for_chat(alert_error(record["error"]))}
    text = f"outsourcing-etl: {record['dag_id']}.{record['task_id']} failed in {record['run_id']}: {safe['error']}"
    body = json.dumps({"text": text[:3000], **safe}, default=str).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return 200 <= response.status < 300
    except Exception:  # noqa: BLE001 - an unreachable alert endpoint must not hide the task's own failure
        log.exception("could not post the failure of %s to the alert webhook", record.get("task_id"))
        return False


def record_task_failure(context) -> None:
    """on_failure_callback: the task's configuration names the warehouse (see etl.orchestration.dag_settings)."""
    from etl.orchestration.dag_settings import settings_for

    try:
        warehouse = settings_for(context.get("params") or {}).warehouse
    except Exception:  # noqa: BLE001 - without a configuration the environment's default is the best guess
        warehouse = Settings.resolve().warehouse
    record_failure(warehouse, failure_record(context))
