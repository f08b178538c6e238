"""Open a PDF and read its pages: text through pypdfium2 (fast), tables through pdfplumber where wanted.

pdfplumber's layout model costs about 50x pypdfium2's text extraction, so it runs only on the pages a
caller asks tables of (for contracts: pages that look like a service-level schedule) and that draw at
least one line or rectangle: pdfplumber's default table finder builds cells from drawn rules, so on a
page without any it finds no table, and asking would only cost its layout pass.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from etl.records import InputFileError

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 500
# a contract page holds a few thousand characters; far more is not prose, and would only slow every rule
MAX_PAGE_CHARS = 100_000


OCR_DPI = 300
# a letter page at 300 dpi is 8.4 M pixels; a page drawn larger is rendered at a lower resolution instead
MAX_OCR_PIXELS = 12_000_000
# OCR costs about a second a page on 2 cores; a scanned contract longer than this is split or exported as text
MAX_OCR_PAGES = 150
# what one compressed stream may inflate to: a contract's largest (a page's text, a scanned image) is a few MB;
# pdfium inflates a stream whole in memory, and a stream bomb aborts its process rather than raising
MAX_STREAM_BYTES = 256 * 1024 * 1024
_STREAM = re.compile(rb"(?s)/FlateDecode.{0,300}?\bstream\r?\n")  # also with /DecodeParms << ... >> between


@dataclass(frozen=True)
class PdfPage:
    number: int  # 1-based
    text: str
    tables: list[list[list[str]]]  # rows of cells; merged/empty cells as ""
    ocr: bool = False  # text came from OCR of a page image, not from the PDF's text layer


def _clean_table(table: list[list[str | None]]) -> list[list[str]]:
    return [[" ".join((cell or "").split()) for cell in row] for row in table if any(cell for cell in row)]


def _check_file(path: Path) -> None:
    size = path.stat().st_size
    if size == 0:
        raise InputFileError("empty file (0 bytes)")
    if size > MAX_PDF_BYTES:
        raise InputFileError(f"file is {size / 1e6:.0f} MB, above the {MAX_PDF_BYTES / 1e6:.0f} MB limit for PDFs")
    with path.open("rb") as f:
        head = f.read(1024)
    if b"%PDF" not in head:
        raise InputFileError(f"not a PDF: the file starts with {head[:20]!r}")
    _check_streams(path.read_bytes())


def _check_streams(data: bytes) -> None:
    """Refuse a PDF whose compressed stream inflates past MAX_STREAM_BYTES, counting as zlib inflates in steps,
    before pdfium inflates it whole. Streams that are not plain deflate (encrypted, other filters) are left to
    pdfium and its process's limits."""
    for m in _STREAM.finditer(data):
        inflater, total, chunk = zlib.decompressobj(), 0, data[m.end() : m.end() + 64 * 1024 * 1024]
        try:
            piece = inflater.decompress(chunk, 1 << 20)
            while piece:
                total += len(piece)
                if total > MAX_STREAM_BYTES:
                    raise InputFileError(
                        f"a compressed stream in the PDF inflates past {MAX_STREAM_BYTES // 2**20} MB (a PDF built "
                        "to exhaust memory, or not a document); export the contract again"
                    )
                piece = inflater.decompress(inflater.unconsumed_tail, 1 << 20)
        except zlib.error:
            continue  # encrypted or otherwise filtered: not ours to inflate


def _draws_rules(page) -> bool:
    """Whether the page (or a form it embeds) holds a path object: a line, rectangle or curve."""
    import pypdfium2.raw as pdfium_c

    return next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH]), None) is not None


def _page_texts(path: Path, wants_tables: Callable[[str], bool]) -> tuple[list[str], list[int]]:
    """Each page's text, and the numbers of the pages worth pdfplumber's table finder."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        message = str(exc)
        if "password" in message.lower():
            raise InputFileError("PDF is encrypted and needs a password") from None
        raise InputFileError(f"PDF is damaged and cannot be parsed ({message})") from None
    try:
        if len(doc) == 0:
            raise InputFileError("PDF has no pages")
        if len(doc) > MAX_PDF_PAGES:
            raise InputFileError(f"PDF has {len(doc)} pages, above the limit of {MAX_PDF_PAGES}")
        texts, table_pages = [], []
        for page in doc:
            textpage = page.get_textpage()
            text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n")
            textpage.close()
            if len(text) > MAX_PAGE_CHARS:
                raise InputFileError(
                    f"page {len(texts) + 1} holds {len(text):,} characters of text, above the limit of "
                    f"{MAX_PAGE_CHARS:,} per page"
                )
            texts.append(text)
            if wants_tables(text) and _draws_rules(page):
                table_pages.append(len(texts))
            page.close()
        return texts, table_pages
    finally:
        doc.close()


def _tables(path: Path, pages: list[int]) -> dict[int, list[list[list[str]]]]:
    if not pages:
        return {}
    import pdfplumber

    try:
        # only the wanted pages: pdfplumber would otherwise build a page object for every page
        with pdfplumber.open(path, pages=pages) as pdf:
            return {page.page_number: [_clean_table(t) for t in page.extract_tables()] for page in pdf.pages}
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise InputFileError(f"PDF tables cannot be parsed ({type(exc).__name__}: {exc})") from None


def _ocr_texts(path: Path) -> list[str]:
    """Text of each page image through Tesseract, for scanned PDFs."""
    import shutil

    import pypdfium2 as pdfium
    import pytesseract

    # one thread per page: the pipeline already runs files in parallel, and Tesseract's threads thrash on 2 cores
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if shutil.which("tesseract") is None:
        raise InputFileError(
            "PDF has no text layer (a scan) and Tesseract OCR is not installed to read it "
            "(install the tesseract-ocr package)"
        )
    doc = pdfium.PdfDocument(str(path))
    try:
        if len(doc) > MAX_OCR_PAGES:
            raise InputFileError(
                f"PDF has no text layer and {len(doc):,} pages; OCR reads at most {MAX_OCR_PAGES} "
                "(export the contract with its text layer, or split the scan)"
            )
        texts = []
        for page in doc:
            width, height = page.get_size()
            # a page drawn huge (thousands of points) would render to gigabytes at 300 dpi: cap the pixels
            scale = min(OCR_DPI / 72, (MAX_OCR_PIXELS / max(width * height, 1.0)) ** 0.5)
            image = page.render(scale=scale).to_pil().convert("L")
            texts.append(pytesseract.image_to_string(image, config="--psm 4"))
            page.close()
        return texts
    finally:
        doc.close()


def read_pages(path: Path, wants_tables: Callable[[str], bool] = lambda text: True) -> list[PdfPage]:
    """Every page's text, and pdfplumber tables for the pages whose text `wants_tables` accepts (and that
    draw rules: see above).
    A PDF without a text layer is OCRed; its pages are marked `ocr` and carry no tables."""
    _check_file(path)
    texts, table_pages = _page_texts(path, wants_tables)
    if not any(t.strip() for t in texts):
        texts = _ocr_texts(path)
        if not any(t.strip() for t in texts):
            raise InputFileError("PDF has no text layer and OCR found no text on its pages (blank or unreadable scan)")
        return [PdfPage(i + 1, t, [], ocr=True) for i, t in enumerate(texts)]
    tables = _tables(path, table_pages)
    return [PdfPage(i + 1, t, tables.get(i + 1, [])) for i, t in enumerate(texts)]
