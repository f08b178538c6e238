"""A held-out hostile inbox (#29, #37): attacks of other shapes and sizes than the corpus in make_corpus.py,
written without looking at how the readers handle them, and judged only by what every file must get: one
registry row, a reason a person can act on where it is not loaded, the run finishing, nothing written outside
the warehouse and staging, memory bounded. No expectation here is tuned to a file.

    python tests/hostile/held_out.py OUT_DIR

Deterministic for a seed; sizes differ from the corpus on purpose (a double deflate rather than one layer, a
shared string rather than a dimension, a lying zip member rather than a large one).
"""

from __future__ import annotations

import json
import random
import sys
import zipfile
import zlib
from pathlib import Path

from tests.hostile.make_corpus import ENGAGEMENT, HEADER, _csv, _good_rows

R = f"reports/{ENGAGEMENT}"
T = f"tickets/{ENGAGEMENT}"

# inbox path -> what it tries; every path must end with one registry row
HELD_OUT: dict[str, str] = {
    "contracts/held-double-deflate.pdf": "a stream deflated twice, inflating to 300 MB through a 1 KB file",
    "contracts/held-hex-then-flate.pdf": "a stream hex-encoded, then deflated, then inflating to 300 MB",
    "contracts/held-padded-dictionary.pdf": "a stream whose dictionary is padded past 100 KB before its filter",
    "contracts/held-ruled-lines.pdf": "one page of 3,000 ruled lines for the table finder",
    f"{R}/held-shared-string.xlsx": "one 8 MB shared string referenced by 2,500 cells",
    f"{R}/held-long-keys.json": "records whose 12 keys are 150 KB each",
    f"{R}/held-nul-and-copy-markers.csv": "NUL bytes, \\N and \\. in metric names and values",
    f"{T}/held-traversal.zip": "a zipped export whose member is named ../../ and states a size that lies",
    f"{T}/held-encrypted-flag.zip": "a zipped export whose member carries the encrypted flag",
    f"{T}/held-many-members.zip": "a zip of 60,000 empty members and one export",
    f"{T}/held-reopened.csv": "one ticket reopened 150,000 times",
    f"{T}/held-odd-years.csv": "times in years 1, 1900, 9999 and 294247, offsets mixed with none",
}


def _pdf_with_stream(filters: bytes, data: bytes, padding: bytes = b"") -> bytes:
    body = b"<< " + padding + b"/Length " + str(len(data)).encode() + b" /Filter " + filters + b" >>\nstream\n" + data
    return (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n"
        b"4 0 obj\n" + body + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n"
    )


def _deflated_zeros(mb: int) -> bytes:
    z = zlib.compressobj(9)
    return b"".join(z.compress(b"\0" * (1 << 20)) for _ in range(mb)) + z.flush()


def _pdfs(out: Path) -> None:
    zeros = _deflated_zeros(300)  # past the 256 MB stream limit; made once, wrapped three ways
    twice = zlib.compress(zeros, 9)
    (out / "contracts/held-double-deflate.pdf").write_bytes(_pdf_with_stream(b"[/FlateDecode /FlateDecode]", twice))
    hexed = zlib.compress(zeros.hex().encode() + b">", 9)
    (out / "contracts/held-hex-then-flate.pdf").write_bytes(
        _pdf_with_stream(b"[/FlateDecode /ASCIIHexDecode /FlateDecode]", hexed)
    )
    padding = b"".join(b"/Pad%d (%s) " % (i, b"x" * 200) for i in range(600))
    (out / "contracts/held-padded-dictionary.pdf").write_bytes(_pdf_with_stream(b"/FlateDecode", zeros, padding))
    from reportlab.pdfgen import canvas

    page = canvas.Canvas(str(out / "contracts/held-ruled-lines.pdf"))
    page.drawString(40, 800, "SERVICE LEVEL SCHEDULE")
    for i in range(1_500):
        y = 40 + (i % 700)
        page.line(30, y, 580, y)
        x = 30 + (i % 550)
        page.line(x, 40, x, 740)
    page.save()


def _shared_string_workbook(path: Path) -> None:
    """A workbook written by hand: its one shared string is 8 MB and 2,500 cells point at it."""
    big = "A" * (8 * 1024 * 1024)
    rows = "".join(
        f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>2025-11</t></is></c><c r="B{r}" t="s"><v>0</v></c></row>'
        for r in range(2, 2_502)
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/sharedStrings.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="Report" sheetId="1" r:id="r1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.xml"/>'
            '<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
        ),
        "xl/worksheets/sheet1.xml": (
            '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Reporting Month</t></is></c>'
            '<c r="B1" t="inlineStr"><is><t>Service Level</t></is></c></row>' + rows + "</sheetData></worksheet>"
        ),
        "xl/sharedStrings.xml": (
            '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="2500" uniqueCount="1"><si><t>{big}</t></si></sst>'
        ),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)


def _reports(out: Path) -> None:
    r = out / R
    _shared_string_workbook(r / "held-shared-string.xlsx")
    records = [{"period": "2025-11", "kpi": "Server availability"} | {f"k{i}" + "y" * 150_000: "1" for i in range(12)}]
    (r / "held-long-keys.json").write_text(json.dumps(records))
    rows = _good_rows("2025-11") + [
        ["2025-11", "Server\0availability", "99.9%", "99\0.5%", "Met"],
        ["2025-11", "\\N", "\\.", "\\N", "Met"],
        ["2025-11", "P1 resolution time\\.", "4", "\\N", "Met"],
    ]
    (r / "held-nul-and-copy-markers.csv").write_text(_csv(rows, HEADER))


def _tickets(out: Path, rng: random.Random) -> None:
    t = out / T
    header = "number,priority,state,opened_at,resolved_at\n"
    good = "INC9000001,2 - High,Closed,01/11/2025 09:00,01/11/2025 11:00\n"
    with zipfile.ZipFile(t / "held-traversal.zip", "w") as z:
        z.writestr("../../oetl_planted_zip.csv", header + good)
    # the member's stated sizes lie: patch the central directory's uncompressed size to 10 bytes
    data = bytearray((t / "held-traversal.zip").read_bytes())
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    (t / "held-traversal.zip").write_bytes(bytes(data))
    with zipfile.ZipFile(t / "held-encrypted-flag.zip", "w") as z:
        info = zipfile.ZipInfo("tickets.csv")
        info.flag_bits |= 0x1
        z.writestr(info, header + good)
    with zipfile.ZipFile(t / "held-many-members.zip", "w") as z:
        for i in range(60_000):
            z.writestr(f"empty/{i}.txt", b"")
        z.writestr("tickets.csv", header + good)
    with (t / "held-reopened.csv").open("w") as f:
        f.write("id,status,priority,changed\n")
        for i in range(150_000):
            minute = i % 60
            f.write(
                f"T-1,{'Resolved' if i % 2 else 'In Progress'},P2,2025-11-{1 + (i // 1440) % 28:02d} "
                f"{(i // 60) % 24:02d}:{minute:02d}\n"
            )
    stamps = [
        "0001-01-01 00:00",
        "1900-01-01 09:00",
        "9999-12-31 23:59",
        "294247-01-10 04:00",
        "2025-11-03 09:00:00+05:30",
        "2025-11-03 12:00",
    ]
    with (t / "held-odd-years.csv").open("w") as f:
        f.write(header)
        for i, stamp in enumerate(stamps):
            f.write(f"INC80000{i:02d},3 - Moderate,Closed,{stamp},{rng.choice(stamps)}\n")


def main(out: Path, seed: int = 29) -> list[str]:
    """Write the held-out attacks into `out` (an inbox that may hold other files); returns their paths."""
    for folder in ("contracts", R, T):
        (out / folder).mkdir(parents=True, exist_ok=True)
    _pdfs(out)
    _reports(out)
    _tickets(out, random.Random(seed))
    return sorted(HELD_OUT)


if __name__ == "__main__":
    print("\n".join(main(Path(sys.argv[1]))))
