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
REAL = f"reports/{ENGAGEMENT}/{REPORT}"


def load_once(tmp_path, copies: list[str]) -> dict[str, dict]:
    """The engagement's contract and its report at REAL and at each of `copies` (inbox paths), loaded in one
    run; returns the registry rows and, under "months", the rows loaded from REAL."""
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf", inbox / "contracts")
    for path in (REAL, *copies):
        (inbox / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLES / "reports" / ENGAGEMENT / REPORT, inbox / path)
    settings = Settings(inbox, tmp_path / "w.duckdb")
    staged = [pipeline.stage(settings, item) for item in pipeline.discover(settings)]
    pipeline.load(settings, staged, "one-run", datetime(2026, 1, 1))
    db = open_warehouse(settings.warehouse, read_only=True)
    try:
        registry = {r["path"]: r for r in query_records(db, "select path, status, reason from file_registry")}
        registry["months"] = query_records(
            db, f"select count(*) as n from raw_measurements where file_path = '{REAL}'"
        )[0]
    finally:
        db.close()
    return registry


def test_a_stray_copy_does_not_make_the_real_report_a_duplicate(tmp_path):
    registry = load_once(tmp_path, [f"reports/aaa-stray/{REPORT}"])  # the stray folder sorts first
    assert registry[REAL]["status"] == "loaded" and registry["months"]["n"] > 0
    stray = registry[f"reports/aaa-stray/{REPORT}"]
    assert stray["status"] == "quarantined" and "already loaded" not in (stray["reason"] or "")


def test_a_copy_within_one_engagement_is_a_duplicate(tmp_path):
    registry = load_once(tmp_path, [f"reports/{ENGAGEMENT}/copy of {REPORT}"])
    assert registry[REAL]["status"] == "loaded"
    copy = registry[f"reports/{ENGAGEMENT}/copy of {REPORT}"]
    assert copy["status"] == "unchanged" and REAL in copy["reason"]


def test_a_contract_copied_under_a_name_that_sorts_first_does_not_take_the_real_ones_place(tmp_path):
    """#37: a byte-identical contracts/aaa-copy.pdf made the real contract a duplicate, its reports orphans and
    the copy a new engagement. The contract whose engagement has reports is the original."""
    shutil.copy(SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf", (tmp_path / "aaa-copy.pdf"))
    inbox_copy = "contracts/aaa-copy.pdf"
    (tmp_path / "inbox" / "contracts").mkdir(parents=True)
    shutil.copy(tmp_path / "aaa-copy.pdf", tmp_path / "inbox" / inbox_copy)
    registry = load_once(tmp_path, [])
    assert registry[f"contracts/{ENGAGEMENT}.pdf"]["status"] == "loaded"
    assert registry[REAL]["status"] == "loaded" and registry["months"]["n"] > 0
    copy = registry[inbox_copy]
    assert copy["status"] == "unchanged" and f"contracts/{ENGAGEMENT}.pdf" in copy["reason"]


def test_corrections_for_an_engagement_without_a_contract_are_quarantined_with_what_to_do(tmp_path):
    """#37: a two-line corrections file for an engagement with no contract became an engagement of its own and
    failed the build for every other. It is refused with its reason; the real engagement loads as before."""
    (tmp_path / "inbox" / "contracts").mkdir(parents=True)
    (tmp_path / "inbox" / "contracts" / "ghost.yml").write_text("terms:\n  annual_charges: 0\n  currency: EUR\n")
    registry = load_once(tmp_path, [])
    ghost = registry["contracts/ghost.yml"]
    assert ghost["status"] == "quarantined" and "contracts/ghost.pdf" in ghost["reason"]
    assert registry[REAL]["status"] == "loaded" and registry["months"]["n"] > 0
