import pytest

from etl.pdf_document import read_pages
from etl.records import InputFileError
from tests.conftest import SAMPLES


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
    texts, table_pages = _page_texts(SAMPLES / "contracts" / "ito-infra-northwind.pdf", lambda text: True)
    assert len(texts) == 3 and table_pages == [2]
