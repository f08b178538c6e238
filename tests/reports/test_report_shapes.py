"""Vendor reports in shapes the bundled samples do not use, each generated here and read exactly into the
canonical rows (period, the contract's service level, value in the contract's unit) for an engagement whose
schedule is a sample contract's: an ITSM tool's export, a nested portal JSON, a multi-month PDF, a multi-month
workbook, a workbook with a sheet per month, a report of counts, month-first dates, and flattened JSON fields."""

import csv
import json

import pandas as pd
import pytest
from openpyxl import Workbook
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from etl.contracts.sla_schedule import metric_id
from etl.load.batch import build_batch
from etl.records import ExtractedFile, InputFileError
from etl.reports.layouts import extract_report
from etl.reports.metric_mapping import Schedule
from tests.conftest import SAMPLES

TRUTH = json.loads((SAMPLES / "ground_truth.json").read_text())
ENGAGEMENT = "ito-infra-northwind"
CONTRACT = TRUTH["contracts"][f"contracts/{ENGAGEMENT}.pdf"]
SLAS = {s["metric"]: s["unit"] for s in CONTRACT["sla"]}
AVAILABILITY, P1, FCR, CHANGE = list(SLAS)  # percent, hours, percent, percent
MONTHS = ["2025-01", "2025-02", "2025-03"]
MONTH_NAMES = {"2025-01": "January 2025", "2025-02": "February 2025", "2025-03": "March 2025"}
MONTH_END = {"2025-01": ("31", "01"), "2025-02": ("28", "02"), "2025-03": ("31", "03")}
# the truth every layout writes in its own way: month -> service level -> value in the contract's unit
VALUES = {
    m: {AVAILABILITY: 99.91 - i * 0.3, P1: 3.5 + i, FCR: 72.0 + i * 1.5, CHANGE: 97.2 - i} for i, m in enumerate(MONTHS)
}


def _expected():
    return sorted((m, name, round(v, 4)) for m, row in VALUES.items() for name, v in row.items())


def _canonical(path, schedule=None):
    sla = pd.DataFrame(
        [{"engagement_id": ENGAGEMENT, "metric_id": metric_id(n), "metric_name": n, "unit": u} for n, u in SLAS.items()]
    )
    measurements = extract_report(path, ENGAGEMENT, "sha", schedule)
    report = ExtractedFile(path.name, "sha", "report", ENGAGEMENT, "extracted", measurements=measurements)
    batch = build_batch([report], sla, SAMPLES / "mappings")
    names = {metric_id(n): n for n in SLAS}
    return sorted(
        (r.period, names[r.metric_id], round(r.actual, 4))
        for r in batch.measurements.itertuples()
        if isinstance(r.metric_id, str) and not pd.isna(r.actual)
    )


def itsm_export(tmp):
    """The tool's own words: 'SLA Definition', a month-end 'Window End' date (day-first), 'Compliance', 'Goal'."""
    path = tmp / "sla_export.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["SLA Definition", "Window End", "Compliance", "Goal", "Breached?"])
        for m, row in VALUES.items():
            d, mo = MONTH_END[m]
            for name, v in row.items():
                w.writerow([name.upper(), f"{d}/{mo}/2025", f"{v:.4g}", "99", "no"])
    return path


def portal_json(tmp):
    """A supplier portal: service levels in a nested array, the period in the parent object."""
    path = tmp / "portal.json"
    data = {
        "supplier": {"name": "Northwind"},
        "reportingPeriods": [
            {"period": {"label": MONTH_NAMES[m]}, "serviceLevels": [{"name": n, "result": v} for n, v in row.items()]}
            for m, row in VALUES.items()
        ],
    }
    path.write_text(json.dumps(data))
    return path


def multi_month_pdf(tmp):
    """One table per month under a heading that names the month; values carry their unit."""
    path = tmp / "q1.pdf"
    styles = getSampleStyleSheet()
    story = [Paragraph("Quarterly service report Q1", styles["Title"])]
    for m, row in VALUES.items():
        story.append(Paragraph(MONTH_NAMES[m], styles["Heading2"]))
        cells = [["Service Level", "Actual"]] + [
            [n, f"{v:.4g} hrs" if SLAS[n] == "hours" else f"{v:.4g} %"] for n, v in row.items()
        ]
        table = Table(cells)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "grey")]))
        story += [table, Spacer(1, 12)]
    SimpleDocTemplate(str(path), pagesize=LETTER).build(story)
    return path


def multi_month_workbook(tmp):
    """One sheet, the months one under the other, each under its own heading line."""
    path = tmp / "quarter.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.title = "Service levels"
    for m, row in VALUES.items():
        ws.append([MONTH_NAMES[m]])
        ws.append(["KPI", "Result", "Unit"])
        for n, v in row.items():
            ws.append([n, round(v, 4), SLAS[n]])
        ws.append([])
    wb.save(path)
    return path


def sheet_per_month(tmp):
    """A sheet per month, the month only in the sheet's name; minutes for an hours level."""
    path = tmp / "monthly.xlsx"
    wb = Workbook()
    wb.remove(wb.active)
    for m, row in VALUES.items():
        ws = wb.create_sheet(MONTH_NAMES[m][:3] + " 2025")
        ws.append(["Measure", "Performance"])
        for n, v in row.items():
            ws.append([n, f"{round(v * 60)} min" if SLAS[n] == "hours" else round(v, 4)])
    wb.save(path)
    return path


def counts_report(tmp):
    """Counts, not percentages: tickets within the level and the total; the share is the attainment."""
    path = tmp / "volumes.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Service", "Month", "Tickets within SLA", "Total tickets"])
        for m, row in VALUES.items():
            for n, v in row.items():
                if SLAS[n] == "percent":
                    w.writerow([n, m, round(v * 100), 10000])
    return path


def month_first_dates(tmp):
    """US dates (month first), decided from the data: a day above 12 in the second place."""
    path = tmp / "readings.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Indicator", "Date", "Reading"])
        for m, row in VALUES.items():
            d, mo = MONTH_END[m]
            for n, v in row.items():
                w.writerow([n, f"{mo}/{d}/2025", f"{v:.4g}"])
    return path


def flattened_json(tmp):
    """A list of records with nested objects: 'kpi.name', 'period.start', a duration written '4h 30m'."""
    path = tmp / "records.json"
    records = []
    for m, row in VALUES.items():
        for n, v in row.items():
            value = f"{int(v)}h {round((v - int(v)) * 60)}m" if SLAS[n] == "hours" else v
            records.append({"kpi": {"name": n, "owner": "ops"}, "period": {"start": f"{m}-01"}, "value": value})
    path.write_text(json.dumps(records))
    return path


LAYOUTS = [
    itsm_export,
    portal_json,
    multi_month_pdf,
    multi_month_workbook,
    sheet_per_month,
    counts_report,
    month_first_dates,
    flattened_json,
]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda f: f.__name__)
def test_each_new_layout_is_read_exactly(tmp_path, layout):
    expected = _expected()
    if layout is counts_report:  # a count gives a share: the hours level has none
        expected = [e for e in expected if SLAS[e[1]] == "percent"]
    assert _canonical(layout(tmp_path)) == expected


def test_a_date_column_that_never_says_which_part_is_the_month_is_rejected_with_the_reason(tmp_path):
    path = tmp_path / "ambiguous.csv"
    path.write_text("Indicator,Date,Reading\n" + "".join(f"{n},05/03/2025,{v}\n" for n, v in VALUES["2025-01"].items()))
    with pytest.raises(InputFileError, match="day-first or month-first"):
        extract_report(path, ENGAGEMENT, "sha")


def test_a_reports_own_target_is_kept_as_evidence_in_the_contracts_unit(tmp_path):
    path = sheet_per_month(tmp_path)  # no target column: none kept
    assert all(m.reported_target_text == "" for m in extract_report(path, ENGAGEMENT, "sha"))
    path = itsm_export(tmp_path)  # 'Goal' 99 beside every value
    measurements = extract_report(path, ENGAGEMENT, "sha")
    assert {m.reported_target_text for m in measurements} == {"99"}
    sla = pd.DataFrame(
        [{"engagement_id": ENGAGEMENT, "metric_id": metric_id(n), "metric_name": n, "unit": u} for n, u in SLAS.items()]
    )
    report = ExtractedFile(path.name, "sha", "report", ENGAGEMENT, "extracted", measurements=measurements)
    batch = build_batch([report], sla, SAMPLES / "mappings")
    assert set(batch.measurements["reported_target"]) == {99.0}


def test_a_name_that_matches_two_schedule_rows_equally_is_not_guessed_and_the_reason_names_both(tmp_path):
    path = tmp_path / "ambiguous.csv"
    path.write_text("Service Level,Period,Actual\nIncident Resolution Time,2025-01,3.5\n")
    schedule = {"Priority 1 Incident Resolution Time": "hours", "Priority 2 Incident Resolution Time": "hours"}
    sla = pd.DataFrame(
        [
            {"engagement_id": ENGAGEMENT, "metric_id": metric_id(n), "metric_name": n, "unit": u}
            for n, u in schedule.items()
        ]
    )
    report = ExtractedFile(
        path.name, "sha", "report", ENGAGEMENT, "extracted", measurements=extract_report(path, ENGAGEMENT, "sha")
    )
    row = build_batch([report], sla, tmp_path).measurements.iloc[0]
    assert row["metric_id"] is None and row["match_method"] == "ambiguous"
    assert (
        "priority_1_incident_resolution_time" in row["fix_hint"]
        and "priority_2_incident_resolution_time" in row["fix_hint"]
    )
    assert "equally well" in row["fix_hint"]
    assert f"mappings/{ENGAGEMENT}.yml" in row["fix_hint"]


# read against the contract's schedule: what header words and cell shapes alone cannot decide
SCHEDULE = Schedule.of(list(SLAS))


def export_with_free_text(tmp):
    """No header word names the service level ('Item'), and a free-text column beside it is more varied."""
    path = tmp / "export.csv"
    with path.open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Ref", "Item", "Commentary", "Window", "Outcome"])
        for i, (m, row) in enumerate(VALUES.items()):
            for j, (name, v) in enumerate(row.items()):
                w.writerow([f"R{i}{j}", name, f"reviewed by team {i * 4 + j} on call", m, f"{v:.4g}"])
    return path


def summary_and_ticket_list(tmp):
    """A workbook: the month's summary of service levels, and a sheet listing the tickets behind it."""
    path = tmp / "2025-01 pack.xlsx"
    wb = Workbook()
    summary = wb.active
    summary.title = "Summary"
    summary.append(["Measure", "Result"])
    for name, v in VALUES["2025-01"].items():
        summary.append([name, round(v, 4)])
    tickets = wb.create_sheet("Tickets")
    tickets.append(["Ticket", "Raised", "Hours"])
    for i in range(40):
        tickets.append([f"INC{1000 + i}", "2025-01-15", 1.5 + i % 7])
    wb.save(path)
    return path


def test_the_name_column_is_the_one_naming_the_schedules_service_levels(tmp_path):
    path = export_with_free_text(tmp_path)
    assert _canonical(path, SCHEDULE) == _expected()
    # without the schedule the most varied text column is taken for the names, and nothing matches
    assert _canonical(path) == []


def test_of_several_tables_only_those_naming_the_schedule_are_read(tmp_path):
    path = summary_and_ticket_list(tmp_path)
    expected = [e for e in _expected() if e[0] == "2025-01"]
    assert _canonical(path, SCHEDULE) == expected
    assert {m.metric_name for m in extract_report(path, ENGAGEMENT, "sha", SCHEDULE)} == set(SLAS)
    # without it the ticket list is read too: forty rows that match nothing, each quarantined at the load
    assert len(extract_report(path, ENGAGEMENT, "sha")) == len(SLAS) + 40


def test_a_report_naming_none_of_the_schedule_keeps_its_rows_for_the_reasons(tmp_path):
    path = tmp_path / "other.csv"
    path.write_text("Service Level,Period,Actual\nSomething Else Entirely,2025-01,5\n")
    assert [m.metric_name for m in extract_report(path, ENGAGEMENT, "sha", SCHEDULE)] == ["Something Else Entirely"]


@pytest.mark.parametrize("period_header", ["Mes", "Zeitraum", "Maand"])
def test_a_wide_table_finds_its_period_column_by_what_it_holds(tmp_path, period_header):
    """#33: a wide CSV whose month column is headed in words no list holds was refused whole."""
    path = tmp_path / "wide.csv"
    path.write_text(f"{period_header},Server availability,P1 resolution time\n2025-01,99.95%,3.5\n2025-02,99.90%,4.2\n")
    got = {(m.metric_name, m.period, m.actual) for m in extract_report(path, "e", "sha", None)}
    assert got == {
        ("Server availability", "2025-01", 99.95),
        ("P1 resolution time", "2025-01", 3.5),
        ("Server availability", "2025-02", 99.9),
        ("P1 resolution time", "2025-02", 4.2),
    }
