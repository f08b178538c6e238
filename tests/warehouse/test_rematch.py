"""A correction takes effect on the next run: the reports of an engagement are matched again whenever its
mapping file or contract files change, loaded or quarantined, and nothing is deleted or loaded twice."""

from __future__ import annotations

from datetime import datetime

import pytest

from etl.orchestration import pipeline
from etl.settings import Settings
from tests.contracts import paraphrase
from tests.warehouse.test_review_loop_real_document import _query

pytestmark = pytest.mark.e2e

ENGAGEMENT = "hosting"
REPORT = "Metric,Actual\nUptime of the hosting estate,99.9%\nChange Success Rate,97%\n"


def _run(settings: Settings, run_id: str) -> dict[str, int]:
    """The contracts load, then the reports load, as the two DAGs run them; the number of files each read."""
    read = {}
    for kind in ("contract", "report"):
        items = pipeline.discover(settings, kind)
        read[kind] = len(items)
        staged = [pipeline.stage(settings, item) for item in items]
        pipeline.load(settings, staged, run_id, datetime(2026, 1, 1), kind=kind)
    return read


def _measurements(settings: Settings) -> list[tuple]:
    rows = _query(settings, "select metric_id, period, actual from raw_measurements order by 1, 2")
    return [(r["metric_id"], r["period"], r["actual"]) for r in rows]


def test_a_mapping_line_and_a_corrected_contract_take_effect_on_the_next_run(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    (inbox / "reports" / ENGAGEMENT).mkdir(parents=True)
    paraphrase.write(inbox / "contracts" / f"{ENGAGEMENT}.pdf", "ruled table", "expected-minimum")
    (inbox / "reports" / ENGAGEMENT / "2025-03.csv").write_text(REPORT)
    settings = Settings(inbox, tmp_path / "w.duckdb")

    _run(settings, "first")
    quarantined = _query(settings, "select message from quarantine where source_path like 'reports/%'")
    assert len(quarantined) == 1 and "mappings/hosting.yml" in quarantined[0]["message"]
    # the message lists the ids a mapping line may name, each with its name in the contract
    assert "hosting_platform_availability (Hosting Platform Availability)" in quarantined[0]["message"]
    assert _measurements(settings) == [("change_success_rate", "2025-03", 97.0)]

    # the fix the message asks for
    (inbox / "mappings").mkdir()
    (inbox / "mappings" / f"{ENGAGEMENT}.yml").write_text(
        'metrics:\n  "Uptime of the hosting estate": hosting_platform_availability\n'
    )
    assert _run(settings, "second") == {"contract": 0, "report": 1}
    assert _query(settings, "select message from quarantine where source_path like 'reports/%'") == []
    after_mapping = _measurements(settings)
    assert after_mapping == [
        ("change_success_rate", "2025-03", 97.0),
        ("hosting_platform_availability", "2025-03", 99.9),
    ]

    # nothing changed: nothing is read again
    assert _run(settings, "third") == {"contract": 0, "report": 0}

    # a corrected contract re-opens the engagement's reports too; they load once, not twice
    (inbox / "contracts" / f"{ENGAGEMENT}.yml").write_text("terms:\n  currency: USD\n")
    assert _run(settings, "fourth") == {"contract": 1, "report": 1}
    assert _measurements(settings) == after_mapping
    registry = _query(settings, "select path, status from file_registry order by path")
    assert {r["path"]: r["status"] for r in registry}[f"reports/{ENGAGEMENT}/2025-03.csv"] == "loaded"
