"""pdfplumber's table model on what pdfium reads of a page gives the tables pdfplumber gives, on our PDFs and on
real ones; a page it does not model is left to pdfplumber."""

import pdfplumber
import pypdfium2 as pdfium
import pytest
from reportlab.pdfgen import canvas

from etl.pdf_document import _page_tables, read_pages
from etl.ruled_tables import page_shapes
from tests.conftest import SAMPLES, SHARED, need_shared


def _both(path, number):
    """(pdfplumber's tables, ours or None where the page is not modelled) of one page."""
    with pdfplumber.open(path, pages=[number]) as pdf:
        theirs = _page_tables(pdf.pages[0])
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[number - 1]
        shapes = page_shapes(page, page.get_textpage())
        return theirs, None if shapes is None else _page_tables(shapes)
    finally:
        doc.close()


def _ruled_pages(path):
    return [p.number for p in read_pages(path) if p.tables]


@pytest.mark.parametrize("name", ["ito-infra-northwind.pdf", "bpo-contact-meridian.pdf", "kpo-research-insightful.pdf"])
def test_sample_schedule_tables_equal_pdfplumbers(name):
    path = SAMPLES / "contracts" / name
    pages = _ruled_pages(path)
    assert pages
    for number in pages:
        theirs, ours = _both(path, number)
        assert theirs and ours == theirs


def _grid(c, x0=60, top=700, widths=(120, 160, 90), rows=("Service|Standard|AQL", "Help desk|Answer calls|95%")):
    height = 24
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w)
    bottom = top - height * len(rows)
    for x in xs:
        c.line(x, top, x, bottom)
    for k in range(len(rows) + 1):
        c.line(xs[0], top - height * k, xs[-1], top - height * k)
    for k, row in enumerate(rows):
        for x, cell in zip(xs, row.split("|"), strict=False):
            c.drawString(x + 4, top - height * k - 16, cell)


def test_rules_drawn_inside_a_form_are_placed_by_the_forms_matrix(tmp_path):
    path = tmp_path / "form.pdf"
    c = canvas.Canvas(str(path))
    c.beginForm("grid")
    _grid(c)
    c.endForm()
    c.saveState()
    c.translate(20, -150)  # the form drawn away from where it was defined
    c.doForm("grid")
    c.restoreState()
    c.save()
    theirs, ours = _both(path, 1)
    assert theirs == [[["Service", "Standard", "AQL"], ["Help desk", "Answer calls", "95%"]]]
    assert ours == theirs


def test_a_turned_page_is_left_to_pdfplumber(tmp_path):
    path = tmp_path / "turned.pdf"
    c = canvas.Canvas(str(path))
    c.setPageRotation(180)
    _grid(c)
    c.save()
    theirs, ours = _both(path, 1)
    assert ours is None and theirs
    assert [p.tables for p in read_pages(path)] == [theirs]


def test_real_schedule_pages_equal_pdfplumbers_but_for_the_bullet_glyph():
    # a federal AQL table of the shared development set; pdfium maps its bullet glyph to U+2022 where
    # pdfplumber gives the middle dot the font names
    need_shared(SHARED / "sla" / "pdf")
    path = next((SHARED / "sla" / "pdf").glob("1899_*.pdf"))
    pages = _ruled_pages(path)
    assert len(pages) >= 3
    for number in pages:
        theirs, ours = _both(path, number)
        assert ours is not None and theirs
        normalised = [[[c.replace("\u00b7", "\u2022") if c else c for c in row] for row in t] for t in theirs]
        assert ours == normalised
