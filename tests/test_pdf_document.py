import base64
import re
import zlib

import pytest

from etl.pdf_document import MAX_STREAM_BYTES, _check_streams, read_pages
from etl.records import InputFileError
from tests.conftest import SAMPLES, examples


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "empty file"),
        (b"<html>not a pdf</html>", "not a PDF"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "damaged|no pages"),
    ],
)
def test_unreadable_pdfs_get_a_clear_reason(tmp_path, content, reason):
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(InputFileError, match=reason):
        read_pages(path)


def test_truncated_pdf_is_rejected(tmp_path):
    data = (SAMPLES / "contracts" / "ito-infra-northwind.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    with pytest.raises(InputFileError):
        read_pages(path)


def test_pdf_without_text_layer_is_reported_as_scanned(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(100, 100, 300, 300, fill=1)  # an image-like page with no text
    c.save()
    with pytest.raises(InputFileError, match="no text layer"):
        read_pages(path)


def test_two_column_pages_are_read_column_by_column():
    pages = read_pages(SAMPLES / "contracts" / "ito-apps-bluepeak.pdf")
    text = " ".join(" ".join(p.text.split()) for p in pages)
    # in reading order the definition sentence stays whole instead of interleaving with the other column
    assert '"Measurement Window" means each calendar month unless the Service Level Schedule states otherwise.' in text


def _sample_pdfs():
    reports = sorted({p.parent: p for p in sorted((SAMPLES / "reports").rglob("*.pdf"))}.values())
    return sorted((SAMPLES / "contracts").glob("*.pdf")) + reports


@pytest.mark.parametrize(
    "path", _sample_pdfs(), ids=lambda p: p.name if p.parent.name == "contracts" else f"{p.parent.name}/{p.name}"
)
def test_pages_skipped_for_drawing_no_rules_are_pages_where_pdfplumber_finds_no_table(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        pdfplumber_tables = {n for n, page in enumerate(pdf.pages, 1) if page.extract_tables()}
    ours = {p.number for p in read_pages(path) if p.tables}
    assert pdfplumber_tables and ours == pdfplumber_tables


def test_only_pages_that_draw_rules_go_to_pdfplumber():
    from etl.pdf_document import _page_texts

    # page 1 of this contract is prose with no drawn rule; page 2 holds the ruled SLA table
    texts, table_pages, *_ = _page_texts(SAMPLES / "contracts" / "ito-infra-northwind.pdf", lambda text: True)
    assert len(texts) == 3 and table_pages == [2]


def _zeros_deflated(size: int) -> bytes:
    packer, out = zlib.compressobj(9), []
    block = b"\0" * (1 << 22)
    for _ in range(size // len(block)):
        out.append(packer.compress(block))
    return b"".join(out) + packer.flush()


def _stream_pdf(dictionary: bytes, payload: bytes) -> bytes:
    return b"%PDF-1.4\n1 0 obj\n<< " + dictionary + b" >>\nstream\n" + payload + b"\nendstream\nendobj\n%%EOF\n"


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """Deflated zeros that inflate past the 256 MB stream limit; 300 KB on disk."""
    return _zeros_deflated(MAX_STREAM_BYTES + (8 << 20))


@pytest.mark.parametrize(
    "shape",
    ["deflate", "deflate twice", "hex then deflate", "abbreviated names", "padded dictionary", "run length"],
)
def test_a_stream_bomb_is_refused_whatever_wraps_it(bomb, shape):
    """#29: the three ways past a check that inflated one zlib layer after a short look for /FlateDecode."""
    if shape == "deflate":
        pdf = _stream_pdf(b"/Filter /FlateDecode", bomb)
    elif shape == "deflate twice":
        pdf = _stream_pdf(b"/Filter [/FlateDecode /FlateDecode]", zlib.compress(bomb, 9))
    elif shape == "hex then deflate":
        pdf = _stream_pdf(b"/Filter [/ASCIIHexDecode /FlateDecode]", bomb.hex().encode() + b">")
    elif shape == "abbreviated names":
        pdf = _stream_pdf(b"/Filter [/AHx /Fl]", bomb.hex().encode() + b">")
    elif shape == "padded dictionary":
        pdf = _stream_pdf(b"/Filter /FlateDecode" + b" " * 5000 + b"/Length 10", bomb)
    else:  # 128 copies of a byte per two bytes: 2 MB of runs are 128 MB, 5 MB past the limit
        pdf = _stream_pdf(b"/Filter /RunLengthDecode", bytes([129, 0]) * (MAX_STREAM_BYTES // 128 + 1) + b"\x80")
    with pytest.raises(InputFileError, match="inflates past"):
        _check_streams(pdf)


@pytest.mark.parametrize(
    "dictionary, payload",
    [
        (b"/Filter [/FlateDecode /FlateDecode]", zlib.compress(zlib.compress(b"BT (hello) Tj ET" * 1000))),
        (b"/Filter [/ASCIIHexDecode /FlateDecode]", zlib.compress(b"q 1 0 0 1 0 0 cm Q" * 1000).hex().encode() + b">"),
        (b"/Filter /ASCII85Decode", base64.a85encode(b"z" * 100_000) + b"~>"),
        (b"/Filter /DCTDecode", b"\xff\xd8" + b"\0" * 1000),  # an image codec: rendering has its own limit
        (b"/Filter /FlateDecode", b"not deflate at all"),  # encrypted or broken: pdfium decides
    ],
)
def test_ordinary_layered_streams_pass(dictionary, payload):
    _check_streams(_stream_pdf(dictionary, payload))


def test_the_stream_check_passes_every_sample_contract():
    for path in sorted((SAMPLES / "contracts").glob("*.pdf")):
        _check_streams(path.read_bytes())


def test_objects_and_streams_are_found_where_the_plain_patterns_find_them():
    """#36: the stream check finds "N G obj" from its keyword and "stream" before its look-behind, which is
    several times faster; the places found must be those of the plain patterns below, on any bytes."""
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from etl.pdf_document import _STREAM_KEYWORD, _object_starts

    plain_object = re.compile(rb"(?<![0-9])[0-9]{1,10}\s{1,8}[0-9]{1,5}\s{1,8}obj\b")
    plain_stream = re.compile(rb"(?<![a-z])stream\r?\n")
    digits = st.integers(1, 12).map(lambda n: b"9" * n)
    spaces = st.lists(st.sampled_from([b" ", b"\n", b"\r", b"\t"]), max_size=10).map(b"".join)
    keyword = st.sampled_from([b"obj", b"endobj", b"objx", b"stream\n", b"stream\r\n", b"xstream\n", b"<<"])
    numbered = st.tuples(digits, spaces, digits, spaces, keyword).map(b"".join)
    pieces = st.one_of(numbered, digits, spaces, keyword)

    @settings(max_examples=examples(400), deadline=None, database=None)
    @given(st.lists(pieces, max_size=12).map(b"".join))
    def same_places(data):
        assert _object_starts(data) == [m.end() for m in plain_object.finditer(data)]
        assert [m.start() for m in _STREAM_KEYWORD.finditer(data)] == [m.start() for m in plain_stream.finditer(data)]

    same_places()


@pytest.mark.parametrize("slice_digits", [None, 10])
def test_ascii85_decodes_as_the_standard_library_does(slice_digits, monkeypatch):
    """#36: the stream check's ASCII85 decoder gives base64.a85decode's bytes, or its ValueError, for any input:
    digits, "z" inside and between groups, short last groups, overflow, characters out of range; also where a
    stream spans several of the slices it is decoded in (made two groups long here)."""
    if slice_digits:
        monkeypatch.setattr("etl.pdf_document._A85_SLICE", slice_digits)
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from etl.pdf_document import a85decode

    def outcome(decode, text):
        try:
            return decode(text)
        except ValueError:
            return ValueError

    @settings(max_examples=examples(1000), deadline=None, database=None)
    @given(st.lists(st.sampled_from(b"!#u9sz{vuuuuu" + bytes(range(33, 118))), max_size=40).map(bytes))
    def same(text):
        assert outcome(a85decode, text) == outcome(base64.a85decode, text)

    @settings(max_examples=examples(300), deadline=None, database=None)
    @given(st.binary(max_size=300))
    def round_trip(raw):
        assert a85decode(base64.a85encode(raw)) == raw

    same()
    round_trip()


def _stacked_table_pdf(path, standards, aqls):
    """One ruled table row whose standards cell stacks paragraphs, each beside its own AQL only by position."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 9)
    columns, top, bottom = [50, 150, 380, 500], 700, 700 - 70 * len(standards) - 30
    for x in columns:
        c.line(x, top + 20, x, bottom)
    for y in (top + 20, top, bottom):
        c.line(columns[0], y, columns[-1], y)
    for x, title in zip(columns, ("Service", "Standard", "AQL"), strict=False):
        c.drawString(x + 4, top + 6, title)
    c.drawString(columns[0] + 4, top - 14, "Mail room")
    for k, (lines, aql) in enumerate(zip(standards, aqls, strict=True)):
        y = top - 14 - 70 * k
        for i, line in enumerate(lines):
            c.drawString(columns[1] + 4, y - 11 * i, line)
        c.drawString(columns[2] + 4, y, aql)
    c.save()


def test_standards_stacked_in_one_cell_become_one_row_each_beside_their_own_aql(tmp_path):
    from etl.contracts.service_levels import find_levels

    path = tmp_path / "stacked.pdf"
    standards = [
        ["Parcels are logged on the day", "they arrive."],
        ["Internal mail is delivered by", "noon on the day it is received."],
        ["Outgoing mail leaves by the", "last collection of the day."],
    ]
    _stacked_table_pdf(path, standards, ["2% deviation.", "No deviation.", "5% deviation."])
    (page,) = read_pages(path, wants_tables=lambda text: True)
    rows = [r for t in page.tables for r in t if "Standard" not in r]
    assert [(r[0], r[2]) for r in rows] == [
        ("Mail room", "2% deviation."),
        ("Mail room", "No deviation."),
        ("Mail room", "5% deviation."),
    ]
    assert [r[1] for r in rows] == [" ".join(lines) for lines in standards]
    page_levels = sorted((f.name.split(": ")[-1], f.level.target) for f in find_levels([page]))
    assert page_levels == [
        ("Internal mail is delivered by noon on the day it is received.", 100.0),
        ("Outgoing mail leaves by the last collection of the day.", 95.0),
        ("Parcels are logged on the day they arrive.", 98.0),
    ]


def _ruled_rows_pdf(path, pages):
    """One ruled table per page (None: a page of prose); only the first page carries the header's cue words."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 9)
    for k, rows in enumerate(pages):
        if rows is None:
            c.drawString(50, 700, "The parties may meet each quarter to review the work.")
        else:
            rows = ([("Task", "Standard", "Acceptable Quality Level")] if k == 0 else []) + rows
            columns, top = [50, 150, 400, 520], 720
            bottom = top - 20 * len(rows)
            for x in columns:
                c.line(x, top, x, bottom)
            for i, row in enumerate(rows):
                c.line(columns[0], top - 20 * i, columns[-1], top - 20 * i)
                for x, text in zip(columns, row, strict=False):
                    c.drawString(x + 4, top - 20 * i - 14, text)
            c.line(columns[0], bottom, columns[-1], bottom)
        c.showPage()
    c.save()


def test_a_table_runs_on_over_several_pages_without_cue_words_of_their_own(tmp_path):
    """#30: a long performance table runs for pages after the one whose header names it; each page after a page
    that gave a grid is read (before, only the first page after it was), and a page of prose ends the run."""
    path = tmp_path / "long_table.pdf"
    row = [("Sweep", "Floors are clean", "5%"), ("Bins", "Bins are emptied", "10%")]
    _ruled_rows_pdf(path, [row, row, row, row, None, row])
    pages = read_pages(path, wants_tables=lambda text: "Acceptable Quality Level" in text)
    assert [bool(p.tables) for p in pages] == [True, True, True, True, False, False]
    assert pages[3].tables[0][-1] == ["Bins", "Bins are emptied", "10%"]


def test_a_matrix_labelled_by_priority_keeps_its_row_and_pairs_by_label(tmp_path):
    path = tmp_path / "graded.pdf"
    _stacked_table_pdf(
        path,
        [["Priority 1 fixed within 4 hours"], ["Priority 2 fixed within 8 hours"]],
        ["Priority 1 95%", "Priority 2 90%"],
    )
    (page,) = read_pages(path, wants_tables=lambda text: True)
    rows = [r for t in page.tables for r in t if "Standard" not in r]
    assert len(rows) == 1 and "Priority 1" in rows[0][1] and "Priority 2" in rows[0][2]


def test_the_lines_of_an_unruled_table_join_into_its_rows():
    """#30: an unruled table comes out of the text strategy one line of text at a time; lines join into rows at
    each line that opens a share (where the table leaves no blank line), the lines above the first are the header,
    and a column no header line names is wrapped text of the column to its left."""
    from etl.pdf_document import _unruled_rows

    lines = [
        ["Task", "Standard", "", "AQL"],
        ["Lift", "Cars arrive", "", "95%"],
        ["repairs", "within 2", "hours.", ""],
        ["Desk", "Calls answered", "", "90 percent"],
        ["", "in 60 seconds.", "", ""],
    ]
    assert _unruled_rows(lines) == [
        ["Task", "Standard", "AQL"],
        ["Lift repairs", "Cars arrive within 2 hours.", "95%"],
        ["Desk", "Calls answered in 60 seconds.", "90 percent"],
    ]


def test_an_unruled_table_is_kept_by_its_columns_of_shares_and_prose_is_not():
    from etl.pdf_document import _unruled_rows

    prose = [["The supplier", "shall keep", "records."], ["Each party", "may audit", "them."]]
    two_levels = [["Level", "Expected", "Minimum"], ["Uptime", "99.9%", "99.5%"], ["Desk", "90%", "85%"]]
    assert _unruled_rows(prose) is None
    # (two columns of shares: a schedule of an expected and a minimum level, kept since #30's definition column)
    assert _unruled_rows(two_levels) == two_levels


def _marked_documents(folder, marks: str) -> list:
    """The shared PDFs of `folder` whose pdfium text holds one of `marks` (the test first checks there are some)."""
    import pypdfium2 as pdfium

    from tests.conftest import need_shared

    need_shared(folder)
    marked = []
    for path in sorted(folder.glob("*.pdf")):
        doc = pdfium.PdfDocument(str(path))
        if any(any(m in page.get_textpage().get_text_bounded() for m in marks) for page in doc):
            marked.append(path)
        doc.close()
    assert marked
    return marked


def test_pdfiums_soft_hyphen_mark_reads_as_a_hyphen_in_real_documents():
    """pdfium's bounded text writes some hyphens as STX ("non\\x02availability"); the page text every reader sees
    has the hyphen."""
    from etl.pdf_document import read_pages
    from tests.conftest import SHARED

    for path in _marked_documents(SHARED / "sla" / "pdf", "\x02"):
        text = "".join(p.text for p in read_pages(path, lambda text: False))
        assert "\x02" not in text and re.search(r"[a-z]-[a-z]", text, re.I), path.name


def test_word_bullets_in_symbol_fonts_read_as_bullets_in_real_documents():
    """Word's Symbol and Wingdings bullets come out of pdfium as private-use characters; the list readers see "•"."""
    from etl.pdf_document import read_pages
    from tests.conftest import SHARED

    for path in _marked_documents(SHARED / "sla" / "unlabelled", "\uf0b7\uf0a7\uf0d8"):
        text = "".join(p.text for p in read_pages(path, lambda text: False))
        assert not re.search("[\uf0a7\uf0b7\uf0d8]", text) and "•" in text, path.name


def test_ocr_text_gets_a_level_word_back_where_one_letter_was_misread():
    from etl.pdf_document import mended_ocr

    assert mended_ocr("resolved within 24 workina hours") == "resolved within 24 working hours"
    assert mended_ocr("Answered within 30 Seconcs") == "Answered within 30 Seconds"
    # two letters off, a shorter word, or any word that is no level's: left as read
    assert mended_ocr("within 4 wurkina hours") == "within 4 wurkina hours"
    assert mended_ocr("the minute book") == "the minute book"
    assert mended_ocr("the parcel station") == "the parcel station"
