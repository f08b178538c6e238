"""Open a PDF and read its pages: text through pypdfium2 (fast), tables through pdfplumber where wanted.

pdfplumber's layout model costs about 50x pypdfium2's text extraction, so it runs only on the pages a
caller asks tables of (for contracts: pages that look like a service-level schedule) and that draw at
least one line or rectangle: pdfplumber's default table finder builds cells from drawn rules, so on a
page without any it finds no table, and asking would only cost its layout pass.
"""

from __future__ import annotations

import base64
import bisect
import io
import os
import re
import zlib
from collections.abc import Callable, Iterator
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
    """Refuse a PDF with a stream that inflates past MAX_STREAM_BYTES at any of its filter layers, before pdfium
    decodes it whole. Each stream's own dictionary (however long) names its filters; every layer is decoded in
    steps and counted, so deflate inside deflate, or hex around deflate, is counted as pdfium would decode it.
    An image codec ends the count (rendering has its own pixel limit); encrypted streams are left to pdfium and
    its process's limits."""
    starts = [m.end() for m in _OBJECT.finditer(data)]
    for m in _STREAM_KEYWORD.finditer(data):
        opened = bisect.bisect_right(starts, m.start()) - 1
        if opened < 0:
            continue
        filters = _filters(data[starts[opened] : m.start()])
        if not filters:
            continue
        end = data.find(b"endstream", m.end(), m.end() + _MAX_ENCODED)
        chunks: Iterator[bytes] = iter([data[m.end() : end if end >= 0 else m.end() + _MAX_ENCODED]])
        for name in filters:
            decode = _DECODERS.get(name)
            if decode is None:
                break  # an image codec, encryption or a filter pdfium decodes under its own limits
            chunks = _counted(decode(chunks))
        try:
            for _ in chunks:
                pass
        except (zlib.error, ValueError, EOFError):
            continue  # encrypted or broken: pdfium decides


# bounded counts: a long run of digits (a hex stream) must not make the search quadratic
_OBJECT = re.compile(rb"(?<![0-9])[0-9]{1,10}\s{1,8}[0-9]{1,5}\s{1,8}obj\b")
_STREAM_KEYWORD = re.compile(rb"(?<![a-z])stream\r?\n")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_MAX_ENCODED = 64 * 1024 * 1024  # how much of one stream the check reads (the file itself is at most 50 MB)
_STEP = 1 << 20


def _filters(dictionary: bytes) -> list[bytes]:
    """The filter names a stream's dictionary applies, in decoding order (abbreviations as the spec allows)."""
    found = _FILTER.search(dictionary)
    if not found:
        return []
    names = re.findall(rb"/([A-Za-z0-9]+)", found.group(1))
    return [_ABBREVIATIONS.get(n, n) for n in names]


def _too_large() -> InputFileError:
    return InputFileError(
        f"a compressed stream in the PDF inflates past {MAX_STREAM_BYTES // 2**20} MB (a PDF built to exhaust "
        "memory, or not a document); export the contract again"
    )


def _counted(chunks: Iterator[bytes]) -> Iterator[bytes]:
    total = 0
    for chunk in chunks:
        total += len(chunk)
        if total > MAX_STREAM_BYTES:
            raise _too_large()
        yield chunk


def _inflate(chunks: Iterator[bytes]) -> Iterator[bytes]:
    inflater = zlib.decompressobj()
    for chunk in chunks:
        piece = inflater.decompress(chunk, _STEP)
        while piece:
            yield piece
            piece = inflater.decompress(inflater.unconsumed_tail, _STEP)
        if inflater.eof:
            return


def _unhex(chunks: Iterator[bytes]) -> Iterator[bytes]:
    carry = b""
    for chunk in chunks:
        digits = carry + re.sub(rb"[^0-9A-Fa-f>]", b"", chunk)
        done = digits.find(b">")
        if done >= 0:
            digits = digits[:done] + (b"0" if done % 2 else b"")
        cut = len(digits) - len(digits) % 2
        carry = digits[cut:]
        yield bytes.fromhex(digits[:cut].decode())
        if done >= 0:
            return


def _un85(chunks: Iterator[bytes]) -> Iterator[bytes]:
    text = b"".join(chunks)
    text = text[: text.find(b"~>")] if b"~>" in text else text
    # 'z' stands for four zero bytes: the one way this filter grows, counted before decoding
    if text.count(b"z") * 4 + len(text) > MAX_STREAM_BYTES:
        raise _too_large()
    yield base64.a85decode(re.sub(rb"\s", b"", text))


def _unlzw(chunks: Iterator[bytes]) -> Iterator[bytes]:
    from pdfminer.lzw import LZWDecoder

    return LZWDecoder(io.BytesIO(b"".join(chunks))).run()


def _unrun(chunks: Iterator[bytes]) -> Iterator[bytes]:
    data, i = b"".join(chunks), 0
    while i < len(data) and data[i] != 128:
        n = data[i]
        if n < 128:
            yield data[i + 1 : i + 2 + n]
            i += n + 2
        else:
            yield data[i + 1 : i + 2] * (257 - n)
            i += 2


_DECODERS = {
    b"FlateDecode": _inflate,
    b"ASCIIHexDecode": _unhex,
    b"ASCII85Decode": _un85,
    b"LZWDecode": _unlzw,
    b"RunLengthDecode": _unrun,
}
_ABBREVIATIONS = {
    b"Fl": b"FlateDecode",
    b"AHx": b"ASCIIHexDecode",
    b"A85": b"ASCII85Decode",
    b"LZW": b"LZWDecode",
    b"RL": b"RunLengthDecode",
}


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
