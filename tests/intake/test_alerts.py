"""A failed task's record is posted to the alert webhook as JSON; an unreachable webhook is only logged."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from etl.orchestration.run_log import post_alert

RECORD = {
    "dag_id": "outsourcing_kpis",
    "run_id": "scheduled__2026-12-02T02:00:00+00:00",
    "task_id": "build_warehouse",
    "map_index": -1,
    "try_number": 3,
    "failed_at": "2026-12-02 02:05:00",
    "error": "DbtBuildError: dbt build failed",
}


def _webhook() -> tuple[HTTPServer, list[dict]]:
    """A local endpoint that takes one POST and keeps its JSON body."""
    received = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the http.server API
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.handle_request, daemon=True).start()
    return server, received


def _posted(record: dict) -> dict:
    """The JSON body the webhook received for one failure."""
    server, received = _webhook()
    try:
        assert post_alert(f"http://127.0.0.1:{server.server_port}/hook", record)
    finally:
        server.server_close()
    [body] = received
    return body


def test_the_failure_is_posted_as_json_with_a_summary_line():
    body = _posted(RECORD)
    assert body["task_id"] == "build_warehouse" and body["error"] == RECORD["error"]
    assert body["text"].startswith("outsourcing-etl: outsourcing_kpis.build_warehouse failed")


def test_an_unreachable_webhook_returns_false_and_raises_nothing():
    assert post_alert("http://127.0.0.1:9/nothing-listens-here", RECORD) is False


def test_the_webhook_is_an_airflow_notifier_and_settings_switch_each_notifier_on(monkeypatch):
    """Airflow calls a notifier with the task context; ours posts the same record. None is configured by
    default; the webhook and the e-mail each come with their setting."""
    from types import SimpleNamespace

    from airflow.sdk import BaseNotifier

    from etl.orchestration.notifications import WebhookNotifier, failure_notifiers

    monkeypatch.delenv("OUTSOURCING_ETL_ALERT_WEBHOOK", raising=False)
    monkeypatch.delenv("OUTSOURCING_ETL_ALERT_EMAIL", raising=False)
    assert failure_notifiers() == []
    monkeypatch.setenv("OUTSOURCING_ETL_ALERT_WEBHOOK", "http://127.0.0.1:9/hook")
    monkeypatch.setenv("OUTSOURCING_ETL_ALERT_EMAIL", "ops@example.com, cfo@example.com")
    webhook, mail = failure_notifiers()
    assert isinstance(webhook, BaseNotifier) and isinstance(mail, BaseNotifier)
    assert webhook.url == "http://127.0.0.1:9/hook" and mail.to == ["ops@example.com", "cfo@example.com"]

    server, received = _webhook()
    ti = SimpleNamespace(
        dag_id="outsourcing_reports", run_id="manual__x", task_id="validate_and_load", map_index=-1, try_number=3
    )
    try:
        WebhookNotifier(f"http://127.0.0.1:{server.server_port}/hook").notify(
            {"ti": ti, "exception": ValueError("boom")}
        )
    finally:
        server.server_close()
    [body] = received
    assert body["task_id"] == "validate_and_load" and body["error"] == "ValueError: boom"
    # called by Airflow on failure: an unreachable endpoint is logged, never raised over the task's own error
    from etl.orchestration.notifications import notify_failure

    monkeypatch.delenv("OUTSOURCING_ETL_ALERT_EMAIL")
    notify_failure({"ti": ti, "exception": ValueError("boom")})


def test_an_alert_pages_no_one_hides_no_link_and_quotes_no_row():
    """#37: a file's text inside an error reached Slack intact (an @channel, a disguised link) and the row a
    database quoted went with it; terminal escapes too."""
    hostile = {
        **RECORD,
        "error": (
            "DataError: invalid byte sequence <!channel> @channel see <http://evil.example|the report>\x1b[2J\n"
            'CONTEXT: COPY raw_tickets, line 3: "INC1,secret customer name,..."'
        ),
    }
    body = _posted(hostile)
    for text in (body["text"], body["error"]):
        assert "<!channel>" not in text and "<http" not in text and "@channel" not in text
        assert "secret customer name" not in text and "\x1b" not in text
    assert "DataError: invalid byte sequence" in body["text"]


def test_the_failure_mail_carries_no_error_text(monkeypatch):
    """The HTML mail names the task and the error's kind, escaped; the error's text (which can quote a file)
    stays in the warehouse and the log."""
    from types import SimpleNamespace

    import jinja2

    from etl.orchestration.notifications import failure_notifiers

    monkeypatch.setenv("OUTSOURCING_ETL_ALERT_EMAIL", "ops@example.com")
    monkeypatch.delenv("OUTSOURCING_ETL_ALERT_WEBHOOK", raising=False)
    [mail] = failure_notifiers()
    ti = SimpleNamespace(dag_id="outsourcing_<b>x</b>", task_id="load", run_id="manual")
    html = (
        jinja2.Environment()
        .from_string(mail.html_content)
        .render(ti=ti, exception=ValueError('<img src=x onerror="alert(1)"> customer row'))
    )
    assert "ValueError" in html and "&lt;b&gt;" in html
    assert "<img" not in html and "customer row" not in html
