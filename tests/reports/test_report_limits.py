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


def test_a_password_is_never_shown():
    from etl.settings import masked

    assert masked("postgresql://etl:s3cr%40t@db:5432/outsourcing") == "postgresql://etl:***@db:5432/outsourcing"
    assert masked("data/outsourcing.duckdb") == "data/outsourcing.duckdb"


def test_nul_and_control_characters_never_reach_the_warehouse(tmp_path):
    path = tmp_path / "2025-03.csv"
    path.write_bytes(b"Service Level,Actual\nAvail\x00ability\x07,99.5\n")
    [m] = extract_report(path, "e", "sha")
    assert m.metric_name == "Availability" and "\x00" not in m.provenance.source_text


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"metrics: [unclosed", "not readable YAML"),
        (b"- a\n- b\n", "must hold metrics:"),
        (b"metrics:\n  1: availability\n", "must hold metrics:"),
        (b"metrics:\n  \xff\xfe: x\n", "not readable YAML"),
        (b"!!python/object/apply:os.system ['true']\n", "not readable YAML"),
    ],
)
def test_a_broken_mapping_file_affects_only_its_engagement_and_says_why(tmp_path, content, reason):
    import pandas as pd

    from etl.load.batch import build_batch
    from etl.records import ExtractedFile

    mappings = tmp_path / "mappings"
    mappings.mkdir()
    (mappings / "bad.yml").write_bytes(content)
    report = tmp_path / "2025-03.csv"
    report.write_text("Service Level,Actual\nAvailability,99.5\nUptime of the old platform,98\n")
    sla = pd.DataFrame(
        [
            {"engagement_id": e, "metric_id": "availability", "metric_name": "Availability", "unit": "percent"}
            for e in ("bad", "good")
        ]
    )
    files = [
        ExtractedFile(
            f"reports/{e}/2025-03.csv",
            f"sha-{e}",
            "report",
            e,
            "extracted",
            measurements=extract_report(report, e, f"sha-{e}"),
        )
        for e in ("bad", "good")
    ]
    rows = build_batch(files, sla, mappings).measurements
    bad = rows[rows["engagement_id"] == "bad"]
    assert set(bad.loc[bad["metric_id"].notna(), "metric_id"]) == {"availability"}  # what matches still loads
    unmatched = bad[bad["metric_id"].isna()]
    assert unmatched["fix_hint"].str.contains(reason).all() and unmatched["fix_hint"].str.contains("bad.yml").all()
    good = rows[rows["engagement_id"] == "good"]
    assert not good["fix_hint"].str.contains("bad.yml").any()


def test_a_mapping_file_that_links_out_of_the_inbox_is_not_followed(tmp_path):
    from etl.reports.metric_mapping import MappingFileError, load_mapping_file

    outside = tmp_path / "outside.yml"
    outside.write_text('metrics:\n  "Availability": p1_resolution\n')
    link = tmp_path / "eng.yml"
    link.symlink_to(outside)
    with pytest.raises(MappingFileError, match="is a link"):
        load_mapping_file(link)


def test_a_mappings_folder_that_links_out_of_the_inbox_is_not_followed(tmp_path):
    from etl.reports.metric_mapping import MappingFileError, load_mapping_file, read_mapping_yaml

    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "eng.yml").write_text('metrics:\n  "Availability": p1_resolution\n')
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "mappings").symlink_to(outside)
    for read in (load_mapping_file, read_mapping_yaml):  # report matching, and a ticket export's settings
        with pytest.raises(MappingFileError, match="mappings folder that is a link"):
            read(inbox / "mappings" / "eng.yml")


def test_a_giant_cell_and_deep_json_are_refused_in_words_not_python_errors(tmp_path):
    giant = tmp_path / "giant.csv"
    giant.write_text('Service Level,Actual\nAvailability,"' + "x" * 200_000 + "\n")  # a quote left open
    with pytest.raises(InputFileError, match="a cell holds more than 128 KB"):
        extract_report(giant, "eng", "sha")
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 5000 + "]" * 5000)
    with pytest.raises(InputFileError, match="nested deeper"):
        extract_report(deep, "eng", "sha")
    deepish = tmp_path / "deepish.json"
    deepish.write_text('{"a":' * 900 + "[]" + "}" * 900)
    with pytest.raises(InputFileError) as err:
        extract_report(deepish, "eng", "sha")
    assert "RecursionError" not in str(err.value)


def test_a_pdf_stream_that_inflates_past_its_budget_is_refused_before_pdfium_reads_it(tmp_path):
    import zlib

    from etl.pdf_document import MAX_STREAM_BYTES

    deflate = zlib.compressobj(9)
    chunks = MAX_STREAM_BYTES // (1 << 20) + 8
    data = b"".join(deflate.compress(b"\0" * (1 << 20)) for _ in range(chunks)) + deflate.flush()
    path = tmp_path / "bomb.pdf"
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj\n<< /Filter /FlateDecode /DecodeParms << /Columns 4 >> /Length "
        + str(len(data)).encode()
        + b" >>\nstream\n"
        + data
        + b"\nendstream\nendobj\n%%EOF\n"
    )
    assert path.stat().st_size < 1_000_000
    with pytest.raises(InputFileError, match="inflates past"):
        read_pages(path)


def test_a_workbook_cell_longer_than_excel_allows_is_refused(tmp_path):
    """#37, held-out: one 8 MB shared string behind 2,500 cells took past the 600 s file budget; Excel itself
    holds at most 32,767 characters in a cell."""
    from tests.hostile.held_out import _shared_string_workbook

    path = tmp_path / "shared.xlsx"
    _shared_string_workbook(path)
    with pytest.raises(InputFileError, match=r"holds 8,388,608 characters, more than the 32,767 an Excel cell can"):
        extract_report(path, "e", "sha", None)
