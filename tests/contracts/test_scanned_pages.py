"""Scanned pages inside a text PDF: each is OCRed, and a ruled table on it is read cell by cell.

The mixed PDF is made here from a shared document's pages: every other page is replaced by an image of itself
(rendered at 200 dpi, as a scanner would), so the same schedule is read once from text and once from scans.
"""

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw, ImageFont

from etl.contracts.terms import extract_from_pages, looks_like_sla_schedule
from etl.evaluation.sla_eval import pair, read_gold
from etl.pdf_document import read_pages
from etl.scanned_tables import find_rules, read_tables
from tests.conftest import ROOT, SAMPLES, need_shared

SLA = ROOT.parent / "shared" / "sla"
DOCUMENT = "1899_Sample_Performance_Examples_and_AQLs.pdf"


def _scan_of(page: pdfium.PdfPage, into: pdfium.PdfDocument) -> None:
    width, height = page.get_size()
    image = page.render(scale=200 / 72).to_pil().convert("L")
    scanned = into.new_page(width, height)
    obj = pdfium.PdfImage.new(into)
    obj.set_bitmap(pdfium.PdfBitmap.from_pil(image))
    obj.set_matrix(pdfium.PdfMatrix().scale(width, height))
    scanned.insert_obj(obj)
    scanned.gen_content()


def mixed_copy(source, target, scanned_pages: set[int]) -> None:
    src = pdfium.PdfDocument(str(source))
    out = pdfium.PdfDocument.new()
    for i in range(len(src)):
        if i + 1 in scanned_pages:
            _scan_of(src[i], out)
        else:
            out.import_pages(src, [i])
    out.save(str(target))


def _scored(pages, gold_rows) -> tuple[int, int]:
    rows = extract_from_pages(pages, "e", "e").sla_terms
    right = sum(1 for _, g in pair(rows, gold_rows) if g.tier == "core")
    return right, len(rows)


@pytest.mark.evaluation
def test_a_text_pdf_with_scanned_pages_reads_its_service_levels_as_well_as_the_text_version(tmp_path):
    source = SLA / "pdf" / DOCUMENT
    need_shared(source)
    gold = read_gold(SLA / "gold_sla.jsonl")[DOCUMENT]
    n = len(pdfium.PdfDocument(str(source)))
    scanned = set(range(2, n + 1, 2))
    mixed = tmp_path / "mixed.pdf"
    mixed_copy(source, mixed, scanned)

    pages = read_pages(mixed, wants_tables=looks_like_sla_schedule)  # as extract_contract reads it
    assert {p.number for p in pages if p.ocr} == scanned  # only the scanned pages went through OCR
    assert any(p.tables for p in pages if p.ocr)  # their ruled tables were read too
    text_right, text_rows = _scored(read_pages(source, wants_tables=looks_like_sla_schedule), gold)
    mixed_right, mixed_rows = _scored(pages, gold)
    assert text_right > 0
    assert mixed_right >= text_right
    assert mixed_rows - mixed_right <= text_rows - text_right  # no more wrong rows than the text version


def test_a_text_page_with_an_image_is_not_ocred(tmp_path):
    # the sample contract's pages all carry text: none is sent to OCR, whatever else they draw
    pages = read_pages(SAMPLES / "contracts" / "ito-infra-northwind.pdf")
    assert not any(p.ocr for p in pages)


def _grid_image(rows: list[list[str]]) -> np.ndarray:
    cell_w, cell_h = 520, 110
    image = Image.new("L", (60 + cell_w * len(rows[0]), 60 + cell_h * len(rows)), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=34)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            draw.text((30 + c * cell_w + 20, 30 + r * cell_h + 30), text, fill=0, font=font)
    for r in range(len(rows) + 1):
        draw.line([(30, 30 + r * cell_h), (30 + cell_w * len(rows[0]), 30 + r * cell_h)], fill=0, width=3)
    for c in range(len(rows[0]) + 1):
        draw.line([(30 + c * cell_w, 30), (30 + c * cell_w, 30 + cell_h * len(rows))], fill=0, width=3)
    return np.asarray(image)


def test_a_ruled_grid_in_an_image_becomes_rows_of_cells():
    import pytesseract

    rows = [["Service", "Target", "Window"], ["Uptime", "99.5%", "monthly"], ["Response", "4 hours", "quarterly"]]
    gray = _grid_image(rows)
    horizontal, vertical = find_rules(gray)
    assert len(horizontal) == 4
    assert [int(v.at) for v in vertical if v.end - v.start > 300] == pytest.approx(
        [30 + c * 520 for c in range(4)], abs=2
    )
    read = read_tables(gray, lambda crop: pytesseract.image_to_string(Image.fromarray(crop), config="--psm 6"))
    assert read == [rows]


def test_lines_that_form_no_grid_are_not_a_table():
    image = Image.new("L", (1200, 800), 255)
    draw = ImageDraw.Draw(image)
    for y in (100, 300, 500):  # rules between paragraphs, no verticals
        draw.line([(50, y), (1150, y)], fill=0, width=2)
    assert read_tables(np.asarray(image), lambda crop: pytest.fail("no cell to read")) == []
