"""A copy of a report in a folder without a contract does not take the real report's place (both arrive in one
run, the stray one first in inbox order): the same bytes in two engagements' folders are two inputs, so the real
one loads and the stray one is quarantined for its own reason; within one engagement a copy is a duplicate."""

import shutil
from datetime import datetime

import pytest

from etl.load.database import open_warehouse, query_records
from etl.orchestration import pipeline
from etl.settings import Settings
from tests.conftest import SAMPLES

pytestmark = pytest.mark.e2e

ENGAGEMENT = "ito-infra-northwind"
REPORT = "2025-03.csv"


def test_a_stray_copy_does_not_make_the_real_report_a_duplicate(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    shutil.copy(SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf", inbox / "contracts")
    for folder in (ENGAGEMENT, "aaa-stray"):  # the stray folder sorts first
        (inbox / "reports" / folder).mkdir(parents=True)
        shutil.copy(SAMPLES / "reports" / ENGAGEMENT / REPORT, inbox / "reports" / folder / REPORT)
    settings = Settings(inbox, tmp_path / "w.duckdb")
    staged = [pipeline.stage(settings, item) for item in pipeline.discover(settings)]
    pipeline.load(settings, staged, "one-run", datetime(2026, 1, 1))

    db = open_warehouse(settings.warehouse, read_only=True)
    try:
        registry = {r["path"]: r for r in query_records(db, "select path, status, reason from file_registry")}
        months = query_records(
            db, f"select count(*) as n from raw_measurements where file_path = 'reports/{ENGAGEMENT}/{REPORT}'"
        )[0]["n"]
    finally:
        db.close()
    assert registry[f"reports/{ENGAGEMENT}/{REPORT}"]["status"] == "loaded" and months > 0
    stray = registry[f"reports/aaa-stray/{REPORT}"]
    assert stray["status"] == "quarantined" and "already loaded" not in (stray["reason"] or "")


def test_a_copy_within_one_engagement_is_a_duplicate(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    shutil.copy(SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf", inbox / "contracts")
    (inbox / "reports" / ENGAGEMENT).mkdir(parents=True)
    for name in (REPORT, f"copy of {REPORT}"):
        shutil.copy(SAMPLES / "reports" / ENGAGEMENT / REPORT, inbox / "reports" / ENGAGEMENT / name)
    settings = Settings(inbox, tmp_path / "w.duckdb")
    staged = [pipeline.stage(settings, item) for item in pipeline.discover(settings)]
    pipeline.load(settings, staged, "one-run", datetime(2026, 1, 1))
    db = open_warehouse(settings.warehouse, read_only=True)
    try:
        registry = {r["path"]: r for r in query_records(db, "select path, status, reason from file_registry")}
    finally:
        db.close()
    assert registry[f"reports/{ENGAGEMENT}/{REPORT}"]["status"] == "loaded"
    copy = registry[f"reports/{ENGAGEMENT}/copy of {REPORT}"]
    assert copy["status"] == "unchanged" and f"reports/{ENGAGEMENT}/{REPORT}" in copy["reason"]
