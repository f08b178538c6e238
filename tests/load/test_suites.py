"""The Great Expectations suites in expectations/ catch the planted bad rows and let the good rows through."""

import html
import json
from pathlib import Path

import pandas as pd
import pytest

from etl.intake.file_task import extract_file
from etl.intake.inbox import list_inbox
from etl.load.batch import build_batch, known_metric_keys
from etl.load.validation import load_suite_json, validate
from etl.quantities import CURRENCY_CODES, unit_ranges
from etl.records import CREDIT_MODELS
from etl.settings import EXPECTATIONS_DIR, Settings
from tests.conftest import SAMPLES

TRUTH = json.loads((SAMPLES / "ground_truth.json").read_text())
PARAMS = {"units": sorted(unit_ranges()), "currencies": list(CURRENCY_CODES), "credit_models": list(CREDIT_MODELS)}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    settings = Settings(SAMPLES, tmp_path_factory.mktemp("wh") / "none.duckdb")
    files = [extract_file(settings, item) for item in list_inbox(SAMPLES)]
    empty = pd.DataFrame(columns=["engagement_id", "metric_id", "metric_name", "unit"])
    return files, build_batch(files, empty, SAMPLES / "mappings")


@pytest.fixture(scope="module")
def outcome(batch):
    _, b = batch
    keys = known_metric_keys({f"{r.engagement_id}/{r.metric_id}" for r in b.sla_terms.itertuples()})
    return validate(
        {"contract_terms": b.contracts, "sla_terms": b.sla_terms, "measurements": b.measurements},
        {**PARAMS, "known_metric_keys": keys},
        docs_root=None,
    )


@pytest.mark.parametrize("path", sorted(EXPECTATIONS_DIR.glob("*.json")), ids=lambda p: p.name)
def test_every_suite_file_builds_every_expectation(path):
    from great_expectations.core.expectation_suite import ExpectationSuite

    spec = load_suite_json(path.stem)
    assert len(ExpectationSuite(**spec).expectations) == len(spec["expectations"])
    assert all(e["meta"].get("message") for e in spec["expectations"])


def test_malformed_file_is_quarantined_at_extraction(batch):
    files, _ = batch
    quarantined = {f.path: f.reason for f in files if f.status == "quarantined"}
    assert set(quarantined) == set(TRUTH["malformed_files"])
    assert all("no measurement table found" in r for r in quarantined.values())


def test_suites_fail_exactly_the_planted_bad_rows(batch, outcome):
    _, b = batch
    failed = b.measurements[b.measurements.row_id.isin(outcome.failed_ids("measurements"))]
    assert sorted(failed.metric_name) == sorted(r["metric_name"] for r in TRUTH["bad_rows"])
    assert set(failed.file_path) == {r["file"] for r in TRUTH["bad_rows"]}
    assert outcome.failed_ids("contract_terms") == set()
    assert outcome.failed_ids("sla_terms") == set()


def test_failures_name_the_check_and_say_what_to_do(batch, outcome):
    messages = {f.check.split("(")[0]: f.message for f in outcome.failures}
    assert "mappings/ito-infra-northwind.yml" in messages["expect_column_values_to_be_in_set"]
    assert "'180%'" in messages["expect_column_pair_values_a_to_be_greater_than_b"]


def test_good_rows_pass(batch, outcome):
    _, b = batch
    passed = b.measurements[~b.measurements.row_id.isin(outcome.failed_ids("measurements"))]
    expected = sum(len(r["measurements"]) for r in TRUTH["reports"].values()) - 1  # the 180% replaced a value
    assert len(passed) == expected


def test_contract_suite_rejects_missing_terms_and_duplicates(batch):
    _, b = batch
    broken = b.contracts.copy()
    broken.loc[0, "annual_charges"] = None
    broken.loc[1, "engagement_type"] = "outsourcing"
    broken = pd.concat([broken, broken.iloc[[2]].assign(row_id="dup")], ignore_index=True)
    result = validate({"contract_terms": broken}, PARAMS, docs_root=None)
    failed = {(f.row_id, f.check.split("(")[0]) for f in result.failures}
    assert (broken.row_id[0], "expect_column_values_to_not_be_null") in failed
    assert (broken.row_id[1], "expect_column_values_to_be_in_set") in failed
    assert ("dup", "expect_column_values_to_be_unique") in failed
    assert all(rid in {broken.row_id[0], broken.row_id[1], broken.row_id[2], "dup"} for rid, _ in failed)


def test_measurement_suite_rejects_duplicates_missing_values_and_bad_periods(batch):
    _, b = batch
    rows = b.measurements[b.measurements.match_method != "unmatched"].head(3).copy()
    rows = pd.concat([rows, rows.iloc[[0]].assign(row_id="dup")], ignore_index=True)
    rows.loc[1, "actual"] = None
    rows.loc[2, "period"] = ""
    keys = sorted(set(rows.metric_key))
    result = validate({"measurements": rows}, {**PARAMS, "known_metric_keys": keys}, docs_root=None)
    failed = {(f.row_id, f.check.split("(")[0]) for f in result.failures}
    assert ("dup", "expect_compound_columns_to_be_unique") in failed
    assert (rows.row_id[1], "expect_column_values_to_not_be_null") in failed
    assert (rows.row_id[2], "expect_column_values_to_match_regex") in failed


def test_vendor_text_reaches_the_data_docs_escaped_and_failures_still_name_their_rows(tmp_path):
    """A metric name or sheet name written as markup must not run in a reader's browser: Data Docs print
    unexpected values as HTML, so the frame they see is escaped; quarantine keeps the row as written."""
    attack = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    frame = pd.DataFrame(
        [
            {
                "row_id": f"sha:sheet {attack} row 2",
                "engagement_id": "o'brien & co",
                "metric_id": "m",
                "metric_name": attack,
                "unit": attack,
                "direction": "higher",
                "expected": 99.0,
                "minimum": 98.0,
                "allocation_pct": 0.0,
                "unit_min": 0.0,
                "unit_max": 100.0,
            },
        ]
    )
    outcome = validate({"sla_terms": frame}, PARAMS, docs_root=tmp_path, run_name="manual__2026-12-01T02:00:00")
    unit = [f for f in outcome.failures if f.column == "unit"]
    assert unit and unit[0].row_id == f"sha:sheet {attack} row 2"  # mapped back to the row as written
    assert attack in unit[0].message  # the quarantine message quotes the vendor's text as it was
    pages = [p.read_text(errors="replace") for p in tmp_path.rglob("*.html")]
    assert pages, "no Data Docs were written"
    assert not any("<script>alert(2)" in page or '<img src=x onerror="alert(1)"' in page for page in pages)
    # each validation names the Airflow run it belongs to, not "__none__"
    assert any("manual__2026-12-01T02:00:00" in page for page in pages)
    # our own page of the run's checks: offline (no script, nothing fetched), escaped, with the failing value
    page = Path(outcome.page).read_text()
    assert "manual__2026-12-01T02:00:00" in page and "expect_column_values_to_be_in_set(unit)" in page
    assert "<script" not in page and "<img" not in page and "http" not in page
    assert html.escape(attack) in page  # the failing value, shown as text
    assert page.count('class="fail"') >= 1 and page.count('class="ok"') >= 1
