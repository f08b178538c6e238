"""Small files that would eat memory or CPU are refused, or read within limits, before the work is done."""

import pytest
from openpyxl import Workbook
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen import canvas

from etl.pdf_document import MAX_OCR_PAGES, read_pages
from etl.records import InputFileError
from etl.reports.layouts import MAX_REPORT_MEASUREMENTS, extract_report


def test_a_sheet_claiming_a_huge_dimension_is_read_up_to_its_data(tmp_path):
    path = tmp_path / "2025-03.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["Service Level", "Actual"])
    ws.append(["Availability", 99.5])
    ws.cell(row=100_000, column=16_384, value="x")  # the dimension now reaches XFD100000
    wb.save(path)
    measurements = extract_report(path, "e", "sha")
    assert [(m.metric_name, m.actual) for m in measurements] == [("Availability", 99.5)]


def test_a_report_of_more_values_than_one_file_holds_is_refused_before_they_are_built(tmp_path):
    months = [f"{2000 + i // 12}-{i % 12 + 1:02d}" for i in range(1_000)]
    rows = MAX_REPORT_MEASUREMENTS // len(months) + 2
    path = tmp_path / "history.csv"
    with path.open("w") as f:
        f.write("Service Level," + ",".join(months) + "\n")
        for r in range(rows):
            f.write(f"Level {r}," + ",".join(["99"] * len(months)) + "\n")
    with pytest.raises(InputFileError, match="split it by period"):
        extract_report(path, "e", "sha")


def test_a_scan_longer_than_ocr_reads_is_refused_with_the_fix(tmp_path):
    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path), pagesize=LETTER)
    for _ in range(MAX_OCR_PAGES + 1):
        c.rect(50, 50, 10, 10)  # a mark, but no text layer
        c.showPage()
    c.save()
    with pytest.raises(InputFileError, match="OCR reads at most"):
        read_pages(path)
