import pytest

from etl.pdf_document import read_pages
from etl.records import InputFileError
from tests.conftest import SAMPLES


@pytest.mark.parametrize("content,reason", [
    (b"", "empty file"),
    (b"<html>not a pdf</html>", "not a PDF"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "damaged|no pages"),
])
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
