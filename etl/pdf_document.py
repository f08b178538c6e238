"""Open a PDF with pdfplumber and read its pages as text and tables, with clear errors for unreadable files."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from etl.records import InputFileError

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 500


@dataclass(frozen=True)
class PdfPage:
    number: int                    # 1-based
    text: str
    tables: list[list[list[str]]]  # rows of cells; merged/empty cells as ""


def _column_gutter(page) -> float | None:
    """The x position of a two-column gutter, or None for a one-column page.

    pdfplumber reads lines across the whole width, which interleaves two columns; a page is two-column
    when almost no word crosses its middle while both halves carry text.
    """
    words = page.extract_words()
    if len(words) < 40:
        return None
    mid = float(page.width) / 2
    crossing = sum(1 for w in words if w["x0"] < mid - 2 and w["x1"] > mid + 2)
    left = sum(1 for w in words if w["x1"] <= mid)
    right = sum(1 for w in words if w["x0"] >= mid)
    if crossing <= 0.03 * len(words) and min(left, right) >= 0.25 * len(words):
        return mid
    return None


def _page_text(page) -> str:
    gutter = _column_gutter(page)
    if gutter is None:
        return page.extract_text() or ""
    width, height = float(page.width), float(page.height)
    left = page.crop((0, 0, gutter, height)).extract_text() or ""
    right = page.crop((gutter, 0, width, height)).extract_text() or ""
    return left + "\n" + right


def _clean_table(table: list[list[str | None]]) -> list[list[str]]:
    return [[" ".join((cell or "").split()) for cell in row] for row in table if any(cell for cell in row)]


@contextmanager
def open_pdf(path: Path) -> Iterator:
    """pdfplumber.PDF, or InputFileError saying in plain words why the file can't be read."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    size = path.stat().st_size
    if size == 0:
        raise InputFileError("empty file (0 bytes)")
    if size > MAX_PDF_BYTES:
        raise InputFileError(f"file is {size / 1e6:.0f} MB, above the {MAX_PDF_BYTES // 1e6:.0f} MB limit for PDFs")
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF" not in head:
        raise InputFileError(f"not a PDF: the file starts with {head[:20]!r}")
    try:
        pdf = pdfplumber.open(path)
    except PDFPasswordIncorrect:
        raise InputFileError("PDF is encrypted and needs a password") from None
    except (PDFSyntaxError, Exception) as exc:  # pdfminer raises many types for damaged files
        raise InputFileError(f"PDF is damaged and cannot be parsed ({type(exc).__name__}: {exc})") from None
    try:
        if len(pdf.pages) == 0:
            raise InputFileError("PDF has no pages")
        if len(pdf.pages) > MAX_PDF_PAGES:
            raise InputFileError(f"PDF has {len(pdf.pages)} pages, above the limit of {MAX_PDF_PAGES}")
        yield pdf
    finally:
        pdf.close()


def read_pages(path: Path, with_tables: bool = True) -> list[PdfPage]:
    with open_pdf(path) as pdf:
        pages = [
            PdfPage(number=i + 1, text=_page_text(p),
                    tables=[_clean_table(t) for t in p.extract_tables()] if with_tables else [])
            for i, p in enumerate(pdf.pages)
        ]
    if not any(p.text.strip() for p in pages):
        raise InputFileError("PDF has no text layer (scanned image?); OCR it before loading")
    return pages
