import json
import shutil

import pytest

from etl.inbox import file_sha256, list_inbox
from etl.metric_mapping import load_mapping_file, match_metric
from etl.records import InputFileError
from etl.sla_table import metric_id
from etl.vendor_report import extract_report
from tests.conftest import SAMPLES

TRUTH = json.loads((SAMPLES / "ground_truth.json").read_text())
REPORTS = sorted(TRUTH["reports"])
BAD_FILES = {row["file"] for row in TRUTH["bad_rows"]}


def _schedule(engagement_id: str) -> dict[str, str]:
    contract = next(c for c in TRUTH["contracts"].values() if c["engagement_id"] == engagement_id)
    return {metric_id(s["metric"]): s["metric"] for s in contract["sla"]}


@pytest.mark.parametrize("rel", REPORTS)
def test_report_values_match_ground_truth_after_metric_matching(rel):
    truth = TRUTH["reports"][rel]
    engagement = truth["engagement_id"]
    mapping_file = SAMPLES / "mappings" / f"{engagement}.yml"
    mapped = load_mapping_file(mapping_file) if mapping_file.exists() else {}
    schedule = _schedule(engagement)
    got = {}
    for m in extract_report(SAMPLES / rel, engagement, file_sha256(SAMPLES / rel)):
        assert m.period == truth["period"]
        match = match_metric(m.metric_name, schedule, mapped)
        if match.metric_id:
            got[schedule[match.metric_id]] = m.actual
    assert got == truth["measurements"]


def test_every_report_row_keeps_its_source_cell():
    rel = REPORTS[0]
    for m in extract_report(SAMPLES / rel, "x", "sha"):
        assert m.metric_name in m.provenance.source_text
        assert m.location.startswith(("row", "sheet", "page"))


def test_planted_bad_rows_are_extracted_not_dropped():
    for rel in BAD_FILES:
        names = {m.metric_name for m in extract_report(SAMPLES / rel, "x", "sha")}
        assert {r["metric_name"] for r in TRUTH["bad_rows"] if r["file"] == rel} <= names


@pytest.mark.parametrize("rel", TRUTH["malformed_files"])
def test_malformed_report_raises_a_reason_a_person_understands(rel):
    with pytest.raises(InputFileError, match="no measurement table found.*begins with '<html>"):
        extract_report(SAMPLES / rel, "ito-apps-bluepeak", "sha")


@pytest.mark.parametrize("content,reason", [
    (b"", "empty file"),
    (b"Metric;Value\n", "no measurement table found"),
])
def test_unreadable_csv_reports(tmp_path, content, reason):
    path = tmp_path / "2025-01.csv"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=reason):
        extract_report(path, "eng", "sha")


def test_report_outside_an_engagement_folder_is_rejected(tmp_path):
    path = tmp_path / "2025-01.csv"
    shutil.copy(SAMPLES / REPORTS[0], path)
    with pytest.raises(InputFileError, match="reports/<engagement_id>/"):
        extract_report(path, "", "sha")


def test_inbox_lists_contracts_and_reports_with_their_engagement():
    files = list_inbox(SAMPLES)
    kinds = {f.kind for f in files}
    assert kinds == {"contract", "report"}
    assert len([f for f in files if f.kind == "contract"]) == len(TRUTH["contracts"])
    assert len([f for f in files if f.kind == "report"]) == len(TRUTH["reports"]) + len(TRUTH["malformed_files"])
    assert all(f.engagement_id for f in files)
    assert not any(f.path.endswith((".py", ".json", ".yml")) for f in files)
