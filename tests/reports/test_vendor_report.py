import json
import shutil

import pytest

from etl.contracts.sla_schedule import metric_id
from etl.intake.inbox import file_sha256, list_inbox
from etl.records import InputFileError
from etl.reports.layouts import extract_report
from etl.reports.metric_mapping import load_mapping_file, match_metric
from tests.conftest import SAMPLES

TRUTH = json.loads((SAMPLES / "ground_truth.json").read_text())
REPORTS = sorted(TRUTH["reports"])
BAD_FILES = {row["file"] for row in TRUTH["bad_rows"]}


def _schedule(engagement_id: str) -> dict[str, str]:
    contract = next(c for c in TRUTH["contracts"].values() if c["engagement_id"] == engagement_id)
    return {metric_id(s["metric"]): s["metric"] for s in contract["sla"]}


@pytest.mark.parametrize("rel", REPORTS)
def test_report_values_match_ground_truth_after_matching_and_unit_conversion(rel):
    import pandas as pd

    from etl.load.batch import INVOICED_CHARGES, build_batch
    from etl.records import ExtractedFile

    truth = TRUTH["reports"][rel]
    engagement = truth["engagement_id"]
    contract_rel = f"contracts/{engagement}.pdf"
    contract = TRUTH["contracts"][contract_rel]
    sla = pd.DataFrame(
        [
            {
                "engagement_id": engagement,
                "metric_id": metric_id(s["metric"]),
                "metric_name": s["metric"],
                "unit": s["unit"],
            }
            for s in contract["sla"]
        ]
    )
    report = ExtractedFile(
        rel,
        "sha",
        "report",
        engagement,
        "extracted",
        measurements=extract_report(SAMPLES / rel, engagement, file_sha256(SAMPLES / rel)),
    )
    batch = build_batch([report], sla, SAMPLES / "mappings")
    names = {metric_id(s["metric"]): s["metric"] for s in contract["sla"]} | {INVOICED_CHARGES: "Invoiced charges"}
    got = sorted(
        (r.period, names[r.metric_id], round(r.actual, 4))
        for r in batch.measurements.itertuples()
        if isinstance(r.metric_id, str) and not pd.isna(r.actual)
    )
    expected = sorted((m["period"], m["metric"], round(m["value"], 4)) for m in truth["measurements"])
    assert got == expected


def test_every_layout_is_covered():
    layouts = {r["layout"] for r in TRUTH["reports"].values()}
    assert len({layout.split(",")[0] for layout in layouts}) >= 8


def test_every_report_row_keeps_its_source_cell():
    rel = REPORTS[0]
    for m in extract_report(SAMPLES / rel, "x", "sha"):
        assert m.metric_name in m.provenance.source_text
        assert m.location.startswith(("row", "sheet", "page"))


def test_planted_bad_rows_are_extracted_not_dropped():
    for rel in BAD_FILES:
        names = {m.metric_name for m in extract_report(SAMPLES / rel, "x", "sha")}
        assert {r["metric_name"] for r in TRUTH["bad_rows"] if r["file"] == rel} <= names


def test_unmapped_metric_names_stay_unmatched_until_a_mapping_file_settles_them():
    schedule = {
        metric_id(s["metric"]): s["metric"] for s in TRUTH["contracts"]["contracts/bpo-contact-meridian.pdf"]["sla"]
    }
    assert match_metric("Service level (20s)", schedule, {}).metric_id is None
    mapped = load_mapping_file(SAMPLES / "mappings" / "bpo-contact-meridian.yml")
    assert match_metric("Service level (20s)", schedule, mapped).metric_id == "calls_answered_within_20_seconds"


@pytest.mark.parametrize("rel", TRUTH["malformed_files"])
def test_malformed_report_raises_a_reason_a_person_understands(rel):
    with pytest.raises(InputFileError, match="no measurement table found.*begins with '<html>"):
        extract_report(SAMPLES / rel, "ito-apps-bluepeak", "sha")


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty file"),
        (b"Metric;Value\n", "no measurement table found"),
    ],
)
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
    assert kinds == {"contract", "report", "tickets"}
    assert [f.path for f in files if f.kind == "tickets"] == [TRUTH["tickets"]["file"]]
    assert len([f for f in files if f.kind == "contract"]) == len(TRUTH["contracts"])
    assert len([f for f in files if f.kind == "report"]) == len(TRUTH["reports"]) + len(TRUTH["malformed_files"])
    assert {f.path.rsplit(".", 1)[-1] for f in files if f.kind == "report"} == {"csv", "xlsx", "pdf", "json"}
    assert all(f.engagement_id for f in files)
    assert not any(f.path.endswith((".py", ".yml", "ground_truth.json")) for f in files)


@pytest.mark.parametrize(
    "period,grain,start", [("2025-Q2", "quarter", "2025-04-01"), ("2025-W07", "week", "2025-02-10")]
)
def test_weekly_and_quarterly_reports_keep_their_grain(tmp_path, period, grain, start):
    import pandas as pd

    from etl.load.batch import build_batch
    from etl.records import ExtractedFile

    path = tmp_path / "scorecard.csv"
    path.write_text(f"Period,KPI,Actual\n{period},Server availability,99.95%\n")
    report = ExtractedFile(
        "reports/e/scorecard.csv", "sha", "report", "e", "extracted", measurements=extract_report(path, "e", "sha")
    )
    sla = pd.DataFrame(
        [
            {
                "engagement_id": "e",
                "metric_id": "server_availability",
                "metric_name": "Server Availability",
                "unit": "percent",
            }
        ]
    )
    row = build_batch([report], sla, tmp_path).measurements.iloc[0]
    assert (row.period, row.grain, row.period_start, row.actual) == (period, grain, start, 99.95)


def _batch_of(tmp_path, text: str, contract_terms: dict | None = None):
    import pandas as pd

    from etl.load.batch import build_batch
    from etl.records import ExtractedFile

    path = tmp_path / "2025-invoices.csv"
    path.write_text(text)
    report = ExtractedFile(
        "reports/e/2025-invoices.csv", "sha", "report", "e", "extracted", measurements=extract_report(path, "e", "sha")
    )
    sla = pd.DataFrame(
        [
            {
                "engagement_id": "e",
                "metric_id": "invoice_accuracy",
                "metric_name": "Invoice Processing Accuracy",
                "unit": "percent",
            }
        ]
    )
    return build_batch([report], sla, tmp_path, {"e": contract_terms or {"currency": "USD"}}).measurements


def test_reported_invoices_load_as_charges_in_the_contract_currency(tmp_path):
    rows = _batch_of(
        tmp_path,
        "Period,Measure,Value,Unit\n2025-01,Invoiced charges,\"154,166.67\",USD\n2025-01,Invoice accuracy,99.6%,\n",
    )
    got = {r.metric_id: (r.unit, r.actual) for r in rows.itertuples()}
    # the SLA about invoices stays an SLA; the amount is the month's charges
    assert got == {"invoiced_charges": ("money", 154166.67), "invoice_accuracy": ("percent", 99.6)}


def test_an_invoice_in_another_currency_is_not_converted(tmp_path):
    row = _batch_of(tmp_path, "Period,Measure,Value,Unit\n2025-01,Invoiced charges,1000.00,EUR\n").iloc[0]
    assert pd_isna(row.actual) and "EUR" in row.conversion and "USD" in row.conversion


def pd_isna(value) -> bool:
    import pandas as pd

    return bool(pd.isna(value))
