"""Who hears about a failed task, through Airflow's notifier interface: a webhook (Slack, Teams, any JSON
endpoint) and e-mail (the SMTP provider's notifier and its `smtp_default` Connection), each switched on by
one setting. The `task_failures` row is written whatever is configured (etl.orchestration.run_log).

    OUTSOURCING_ETL_ALERT_WEBHOOK=https://hooks.example/...   POST a JSON summary of the failure
    OUTSOURCING_ETL_ALERT_EMAIL=ops@example.com,cfo@example.com   mail it (configure Connection smtp_default)

Both are read when a task fails, from the environment of the worker that ran it (docker-compose.yml passes
them), so a change needs no DAG re-parse.
"""

from __future__ import annotations

import logging
import os

from airflow.sdk import BaseNotifier

from etl.orchestration.run_log import failure_record, post_alert

log = logging.getLogger(__name__)


class WebhookNotifier(BaseNotifier):
    """POST the failed task's record as JSON ({"text": one line, and the record's fields})."""

    template_fields = ("url",)

    def __init__(self, url: str):
        super().__init__()
        self.url = url

    def notify(self, context) -> None:
        post_alert(self.url, failure_record(context))


def failure_notifiers() -> list[BaseNotifier]:
    """The notifiers the deployment configured; none by default."""
    notifiers: list[BaseNotifier] = []
    if url := os.environ.get("OUTSOURCING_ETL_ALERT_WEBHOOK"):
        notifiers.append(WebhookNotifier(url))
    if to := os.environ.get("OUTSOURCING_ETL_ALERT_EMAIL"):
        from airflow.providers.smtp.notifications.smtp import SmtpNotifier

        notifiers.append(
            SmtpNotifier(
                to=[a.strip() for a in to.split(",") if a.strip()],
                subject="outsourcing-etl: {{ ti.dag_id }}.{{ ti.task_id }} failed in {{ ti.run_id }}",
                # no error text in the mail: it can quote a vendor's file, and the mail is HTML. The error is in
                # the warehouse's task_failures table and the task log
                html_content=(
                    "{{ ti.dag_id | e }}.{{ ti.task_id | e }} failed in {{ ti.run_id | e }} "
                    "({{ exception.__class__.__name__ | e }}). The error is in the warehouse's task_failures "
                    "table and in the task's log."
                ),
            )
        )
    return notifiers


def notify_failure(context) -> None:
    """on_failure_callback: each configured notifier, called as Airflow calls one (templates rendered first);
    one that fails is logged and does not stop the others."""
    for notifier in failure_notifiers():
        try:
            notifier(context)
        except Exception:  # noqa: BLE001 - an alert that cannot be sent must not hide the task's own failure
            log.exception("notifier %s could not send the failure", type(notifier).__name__)
