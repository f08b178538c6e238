"""Open a PDF and read its pages: text through pypdfium2 (fast), tables through pdfplumber's table model where
wanted.

The table model runs only on the pages a caller asks tables of (for contracts: pages that look like a
service-level schedule) and that draw at least one line or rectangle: pdfplumber's default table finder
builds cells from drawn rules, so on a page without any it finds no table. It reads the rules and characters
pdfium gives (etl/ruled_tables.py); pdfplumber's own layout pass, about 50x pypdfium2's text extraction, reads
only the pages that model does not cover.
"""

from __future__ import annotations

import bisect
import functools
import io
import logging
import os
import re
import statistics
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from etl.cues import Cue
from etl.quantities import GRADE, unit_spellings
from etl.records import InputFileError

log = logging.getLogger(__name__)

MAX_PDF_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 500
# a contract page holds a few thousand characters; far more is not prose, and would only slow every rule
MAX_PAGE_CHARS = 100_000
# a table runs on for at most this many pages without cue words of their own (a long performance requirements
# summary runs to six or eight); a document framed page by page is not read as one table to its end
MAX_RUN_ON_PAGES = 12


OCR_DPI = 300
# a letter page at 300 dpi is 8.4 M pixels; a page drawn larger is rendered at a lower resolution instead
MAX_OCR_PIXELS = 12_000_000
# OCR costs about a second a page on 2 cores; a scanned contract longer than this is split or exported as text
MAX_OCR_PAGES = 150
# each cell of a ruled table on a scanned page is one more Tesseract call (about 0.2 s): bounded per file
MAX_OCR_CELLS = 400
# what one compressed stream may inflate to: a contract's largest (a page's text, a scanned image) is a few MB;
# pdfium inflates a stream whole in memory, and a stream bomb aborts its process rather than raising
MAX_STREAM_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class PdfPage:
    number: int  # 1-based
    text: str
    tables: list[list[list[str]]]  # rows of cells; merged/empty cells as ""
    ocr: bool = False  # text came from OCR of a page image, not from the PDF's text layer


# a dash that opens a line of a cell is a bullet ("- Zero errors" under "- 100% on time"); it is kept as "•" when
# the cell's lines are joined, so the standards stacked in one cell can be read one by one
_LINE_BULLET = re.compile(r"(?m)^[ \t]*[-–][ \t]+(?=\S)")


def _clean_table(table: list[list[str | None]]) -> list[list[str]]:
    return [
        [" ".join(_LINE_BULLET.sub("• ", cell or "").split()) for cell in row]
        for row in table
        if any(cell for cell in row)
    ]


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
    starts = _object_starts(data)
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


# "12 0 obj": found from its keyword, whose literal the scan finds fast, then its numbers just before it
# (bounded counts: a long run of digits, as in a hex stream, must not make the search quadratic)
_OBJ_KEYWORD = re.compile(rb"obj\b")
_OBJECT_NUMBERS = re.compile(rb"(?<![0-9])[0-9]{1,10}\s{1,8}[0-9]{1,5}\s{1,8}\Z")
_OBJECT_NUMBERS_CHARS = 32  # longer than the longest match of _OBJECT_NUMBERS, so the look-behind sees its byte
# the literal first, the look-behind after it: a pattern that opens with a look-behind is tried at every byte
_STREAM_KEYWORD = re.compile(rb"stream(?<![a-z]stream)\r?\n")


def _object_starts(data: bytes) -> list[int]:
    """Where each object's body starts: right after its "<number> <generation> obj"."""
    return [
        m.end()
        for m in _OBJ_KEYWORD.finditer(data)
        if _OBJECT_NUMBERS.search(data, max(0, m.start() - _OBJECT_NUMBERS_CHARS), m.start())
    ]


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
    yield a85decode(re.sub(rb"\s", b"", text))


def a85decode(text: bytes) -> bytes:
    """base64.a85decode of text without whitespace, the same bytes or the same ValueError, with its groups
    decoded as arrays: the standard library's loop over every character took a tenth of the extraction time of
    a contract whose page streams are ASCII85 (reportlab writes them so)."""
    parts = text.split(b"z")  # "z": four zero bytes, allowed only between groups of five
    if any(len(p) % 5 for p in parts[:-1]):
        raise ValueError("z inside Ascii85 5-tuple")
    # in slices of whole groups: the arrays take 8 bytes per digit, so a stream is never widened whole
    return b"\0\0\0\0".join(
        b"".join(_a85_groups(part[at : at + _A85_SLICE]) for at in range(0, len(part), _A85_SLICE)) for part in parts
    )


def _a85_groups(digits_text: bytes) -> bytes:
    """The bytes of ASCII85 digits; a last group of n < 5 digits is padded with "u" and gives n - 1 bytes."""
    import numpy as np

    digits = np.frombuffer(digits_text, dtype=np.uint8)
    if digits.min() < ord("!") or digits.max() > ord("u"):
        raise ValueError("Non-Ascii85 digit found")
    short = -len(digits_text) % 5
    groups = np.concatenate([digits, np.full(short, ord("u"), np.uint8)]).reshape(-1, 5).astype(np.uint64) - 33
    values = (((groups[:, 0] * 85 + groups[:, 1]) * 85 + groups[:, 2]) * 85 + groups[:, 3]) * 85 + groups[:, 4]
    if values.max() > 0xFFFFFFFF:
        raise ValueError("Ascii85 overflow")
    out = values.astype(">u4").tobytes()
    return out[: len(out) - short]


_A85_SLICE = 5 * (1 << 18)  # digits per slice, a whole number of groups: 1.3 MB, widened to 10 MB


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


def _holds_image(page) -> bool:
    import pypdfium2.raw as pdfium_c

    return next(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2), None) is not None


# a scanned page inside a text PDF often carries a stamp of its own in text ("Page 7", a Bates number): fewer
# visible characters than this, with an image on the page, means the page's words are in the image
SCANNED_PAGE_CHARS = 40


# pdfium's bounded text writes a hyphen it takes for a soft one as the control character STX ("non\x02availability",
# "Pre\x02Planning": 517 times in 126 of the shared PDFs), and some documents set compounds with Unicode's own
# hyphens: each is the ASCII hyphen every reader's patterns expect. Word's bullets in the Symbol and Wingdings
# fonts come out as private-use characters (U+F0B7 and the like): each is the bullet the list readers know.
_MARKS_AS_READ = str.maketrans(
    {"\x02": "-", "\u2010": "-", "\u2011": "-"} | dict.fromkeys("\uf0b7\uf0a7\uf0d8\uf0a8\uf0fc\uf076\uf06e", "•")
)


def _page_texts(
    path: Path, wants_tables: Callable[[str], bool]
) -> tuple[list[str], list[int], list[int], list[int], set[int]]:
    """Each page's text, the numbers of the pages worth pdfplumber's table finder, those of the pages whose
    words are only in an image (a scan inside a text PDF), those that may continue a table page's table, and
    those that set lines holding shares in columns (see _set_in_columns)."""
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
        texts, table_pages, scanned, runs_on, columned = [], [], [], [], set()
        run = 0  # pages since the last one that wants tables
        candidate = False  # whether the page before is a table page or a run-on candidate
        for page in doc:
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n").translate(_MARKS_AS_READ)
                # the page's size is bounded before any reader looks at its text
                if len(text) > MAX_PAGE_CHARS:
                    raise InputFileError(
                        f"page {len(texts) + 1} holds {len(text):,} characters of text, above the limit of "
                        f"{MAX_PAGE_CHARS:,} per page"
                    )
                cued = wants_tables(text)
                if cued and _share_lines(text) >= 2 and _set_in_columns(textpage):
                    columned.add(len(texts) + 1)
            finally:
                textpage.close()
            texts.append(text)
            # a page after a table page may hold the rest of its table, with no cue words of its own: it is a
            # candidate, read only where the page before gave a table (read_pages), and so is the page after it
            run = 0 if cued else run + 1
            after_table = candidate and run <= MAX_RUN_ON_PAGES
            candidate = (cued or after_table) and _draws_rules(page)
            if candidate:
                (table_pages if cued else runs_on).append(len(texts))
            if len("".join(text.split())) < SCANNED_PAGE_CHARS and _holds_image(page):
                scanned.append(len(texts))
            page.close()
        return texts, table_pages, scanned, runs_on, columned
    finally:
        doc.close()


# a gap between two runs of text on one line wider than word spaces: a column's edge (a table drawn without rules
# keeps a cell's padding on each side, about 6 points)
COLUMN_GAP = 12
# lines of a page set in columns before its text is worth pdfplumber's text strategy (a table's header and a few
# rows; a page of prose has none, or a signature line or two)
COLUMNED_LINES = 4


def _set_in_columns(textpage) -> bool:
    """Whether the page sets lines in columns: pdfium splits a line's text into runs where a gap is wide, so a
    line of a table's cells is two runs or more a column's gap apart, and a line of prose one run."""
    lines: dict[int, list[tuple[float, float]]] = {}
    for i in range(textpage.count_rects()):
        left, bottom, right, _ = textpage.get_rect(i)
        lines.setdefault(round(bottom), []).append((left, right))
    apart = 0
    for runs in lines.values():
        runs.sort()
        apart += any(b[0] - a[1] > COLUMN_GAP for a, b in zip(runs, runs[1:]))
    return apart >= COLUMNED_LINES


def _tables(path: Path, pages: list[int]) -> dict[int, list[list[list[str]]]]:
    """The tables of the given pages: pdfplumber's table model on what pdfium reads of a page
    (etl/ruled_tables.py), or pdfplumber itself on a page that does not model."""
    if not pages:
        return {}
    import pypdfium2 as pdfium

    from etl.ruled_tables import page_shapes

    tables, rest = {}, []
    doc = pdfium.PdfDocument(str(path))
    try:
        for number in pages:
            page = doc[number - 1]
            textpage = page.get_textpage()
            shapes = page_shapes(page, textpage)
            if shapes is None:
                rest.append(number)
            else:
                tables[number] = _page_tables(shapes)
            textpage.close()
            page.close()
    finally:
        doc.close()
    return tables | _plumber_tables(path, rest)


def _plumber_tables(path: Path, pages: list[int]) -> dict[int, list[list[list[str]]]]:
    if not pages:
        return {}
    import pdfplumber

    try:
        # only the wanted pages: pdfplumber would otherwise build a page object for every page
        with pdfplumber.open(path, pages=pages) as pdf:
            return {page.page_number: _page_tables(page) for page in pdf.pages}
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise InputFileError(f"PDF tables cannot be parsed ({type(exc).__name__}: {exc})") from None


def _page_tables(page) -> list[list[list[str]]]:
    words = None
    out = []
    for table in page.find_tables():
        rows = table.extract()
        if any(sum(bool(c and "\n" in c) for c in row) >= 2 for row in rows):
            words = page.extract_words() if words is None else words
            rows = _unstacked(table, rows, words)
        out.append(_clean_table(rows))
    return out


def _blocks(bbox: tuple, words: list[dict]) -> list[tuple[float, str]]:
    """The paragraphs of one cell, each (top, text with its lines): lines are words of one height, and a gap of
    more than half a line between two lines starts a new paragraph."""
    x0, top, x1, bottom = bbox
    inside = sorted(
        (w for w in words if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom),
        key=lambda w: (w["top"], w["x0"]),
    )
    lines: list[list[dict]] = []
    for w in inside:
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    blocks: list[tuple[float, list[str]]] = []
    last_bottom = None
    for line in lines:
        line_top, line_bottom = min(w["top"] for w in line), max(w["bottom"] for w in line)
        text = " ".join(w["text"] for w in sorted(line, key=lambda w: w["x0"]))
        if last_bottom is None or line_top - last_bottom > 0.5 * (line_bottom - line_top):
            blocks.append((line_top, [text]))
        else:
            blocks[-1][1].append(text)
        last_bottom = line_bottom
    return [(t, "\n".join(b)) for t, b in blocks]


def _unstacked(table, rows: list[list[str | None]], words: list[dict]) -> list[list[str | None]]:
    """A row whose cells stack several standards, each beside its own AQL or measure only by position (the
    common federal performance requirements table): one row per paragraph of its longest stacked column, each
    other stacked column's paragraphs going to the row they start beside; a cell of one paragraph (the service's
    name, the method) is repeated in each."""
    out: list[list[str | None]] = []
    for row, texts in zip(table.rows, rows, strict=False):
        blocks = [_blocks(bbox, words) if bbox else [] for bbox in row.cells]
        stacked = [j for j, b in enumerate(blocks) if len(b) >= 2]
        # a matrix labelled by grade ("Priority 1 ... Priority 2 ...") pairs by its labels, not by position
        graded = any(len(GRADE.findall(texts[j] or "")) >= 2 for j in stacked)
        if len(stacked) < 2 or graded:
            out.append(texts)
            continue
        anchor = max(stacked, key=lambda j: sum(len(text) for _, text in blocks[j]))
        starts = [top for top, _ in blocks[anchor]]
        split = [[None if j in stacked else text for j, text in enumerate(texts)] for _ in starts]
        for j in stacked:
            for top, text in blocks[j]:
                k = max(0, bisect.bisect_right(starts, top + 2) - 1)
                split[k][j] = f"{split[k][j]}\n{text}" if split[k][j] else text
        out.extend(split)
    return out


@functools.cache
def _level_words() -> frozenset[str]:
    """The longer words a level is measured in (the units' spellings, and the days a clock counts), which OCR must
    get right for the level to be read at all."""
    words = {w for spelling in unit_spellings("time", "share") for w in spelling.split()} | {"working", "calendar"}
    return frozenset(w for w in words if len(w) >= 6)


@functools.cache
def _glued_units() -> dict[str, str]:
    """The units written in two or more words, by their words run together ("businessdays" -> "business days")."""
    spellings = unit_spellings("time", "share")
    return {"".join(s.split()): s for s in spellings if " " in s and "".join(s.split()) not in spellings}


_OCR_WORD = re.compile(r"[A-Za-z]{6,}")


def mended_ocr(text: str) -> str:
    """OCR text with each longer word one letter off a level's word written as that word ("24 workina hours" ->
    "24 working hours"): Tesseract misreads a letter now and then, and a unit misread is a level lost. Only one
    letter substituted, and only to a word of that list, so no other word changes. A unit's words run together get
    their space back, and the signs OCR misreads in a share, a bullet and a dash are written as the page has them."""
    lexicon = _level_words()
    glued = _glued_units()

    def mend(m: re.Match) -> str:
        word = m.group(0)
        low = word.lower()
        if low in lexicon:
            return word
        if low in glued:  # "businessdays": the space between a unit's words lost
            return glued[low]
        near = [w for w in lexicon if len(w) == len(low) and sum(a != b for a, b in zip(w, low)) == 1]
        if len(near) != 1:
            return word
        return near[0].capitalize() if word[0].isupper() else near[0]

    text = _OCR_SHARE_SIGNS.sub(lambda m: "≥ " if m.group(0) == "2" else "5", _OCR_WORD.sub(mend, text))
    # Tesseract reads a spaced en dash, the separator of a name and its levels, as an em dash
    return _OCR_BULLET.sub("• ", text).replace(" — ", " – ")


# a bullet Tesseract reads as a letter or a sign ("¢", "e", "©") opening a line before a capital
_OCR_BULLET = re.compile(r"(?m)^[ \t]*[¢©®°«eo][ \t]+(?=[A-Z])")
# signs Tesseract misreads in a share: "≥" before a share of 90% or more as a "2" glued to it ("299.8%": no share
# is above 100), and a "5" as "$" or "S" right before its "%" ("$%": no amount of money is a share)
_OCR_SHARE_SIGNS = re.compile(r"(?<![\w.,])2(?=9\d(?:\.\d+)?\s?%)|(?<![\w$])[$S](?=%)")


class _CellReader:
    """Tesseract on one table cell's image, within a budget of cells per file."""

    def __init__(self, budget: int):
        self.left = budget

    def __call__(self, crop) -> str:
        import pytesseract
        from PIL import Image

        self.left -= 1
        if self.left < 0:
            return ""  # past the budget: the page's text still holds the words
        return mended_ocr(pytesseract.image_to_string(Image.fromarray(crop), config="--psm 6"))


def _ocr_pages(
    path: Path, wants_tables: Callable[[str], bool], numbers: list[int] | None = None, table_pages: tuple = ()
) -> dict[int, PdfPage]:
    """Pages read from their images through Tesseract, by number: every page of a scan, or the given pages.
    A page image that draws a ruled grid also gets its tables, each cell read from its own image."""
    import shutil

    import numpy as np
    import pypdfium2 as pdfium

    from etl.scanned_tables import find_rules, read_tables

    # one thread per page: the pipeline already runs files in parallel, and Tesseract's threads thrash on 2 cores
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if shutil.which("tesseract") is None:
        raise InputFileError(
            "PDF has no text layer (a scan) and Tesseract OCR is not installed to read it "
            "(install the tesseract-ocr package)"
        )
    doc = pdfium.PdfDocument(str(path))
    try:
        numbers = numbers if numbers is not None else list(range(1, len(doc) + 1))
        if len(numbers) > MAX_OCR_PAGES:
            raise InputFileError(
                f"PDF has {len(numbers):,} scanned pages without a text layer; OCR reads at most "
                f"{MAX_OCR_PAGES} (export the contract with its text layer, or split the scan)"
            )
        pages = {}
        read_cell = _CellReader(MAX_OCR_CELLS)
        for number in numbers:
            page = doc[number - 1]
            width, height = page.get_size()
            # a page drawn huge (thousands of points) would render to gigabytes at 300 dpi: cap the pixels
            scale = min(OCR_DPI / 72, (MAX_OCR_PIXELS / max(width * height, 1.0)) ** 0.5)
            image = page.render(scale=scale).to_pil().convert("L")
            page.close()
            text, ocr_words = _ocr_page(image, scale)
            gray = np.asarray(image)
            tables = []
            # as for a text page, the tables of a page that looks like a schedule, or runs on from one
            wanted = (
                wants_tables(text)
                or number - 1 in table_pages
                or (number - 1 in pages and bool(pages[number - 1].tables))
            )
            horizontal, vertical = find_rules(gray) if wanted else ([], [])
            if len(horizontal) >= 3 and len(vertical) >= 3 and read_cell.left > 0:  # a grid: cells one by one
                tables = [_clean_table(t) for t in read_tables(gray, read_cell, (horizontal, vertical))]
                if read_cell.left <= 0:
                    log.warning("%s: OCR read the cells of ruled tables up to page %d only", path.name, number)
            elif wanted and _share_lines(text) >= 2:  # no grid: an unruled table, by where OCR's words stand
                words = _WordsOfAnImage(_table_lines(ocr_words), (0, 0, width, height))
                laid_out = _set_out(words.words)
                lone = _lone_shares(laid_out) >= 2 or bool(_VALUES_ACROSS.search(laid_out))
                found = _tables_from_words(words, words.words, lone)
                # (a dash ending a cell is a speck beside its value, "99.8% —")
                tables = [[[mended_ocr(c).rstrip(" —–-") for c in row] for row in t] for t in found]
            pages[number] = PdfPage(number, text, tables, ocr=True)
        return pages
    finally:
        doc.close()


def read_pages(path: Path, wants_tables: Callable[[str], bool] = lambda text: True) -> list[PdfPage]:
    """Every page's text, and pdfplumber tables for the pages whose text `wants_tables` accepts (and that
    draw rules: see above).
    A PDF without a text layer is OCRed; so is each page of a text PDF whose words are only in an image. OCRed
    pages are marked `ocr`; their tables come from the ruled grid in the image (`etl.scanned_tables`)."""
    _check_file(path)
    texts, table_pages, scanned, runs_on, columned = _page_texts(path, wants_tables)
    if not any(t.strip() for t in texts):
        ocr = _ocr_pages(path, wants_tables)
        if not any(p.text.strip() for p in ocr.values()):
            raise InputFileError("PDF has no text layer and OCR found no text on its pages (blank or unreadable scan)")
        return [ocr[n] for n in sorted(ocr)]
    ocr = _ocr_of_scanned_pages(path, scanned, wants_tables, tuple(table_pages))
    tables = _tables(path, [n for n in table_pages if n not in ocr])
    # a table runs on page by page: each run-on page is read once the page before it has given a grid
    while follow := [n for n in runs_on if n not in tables and n not in ocr and _grid(tables.get(n - 1))]:
        tables.update(_tables(path, follow))
    # pages whose shares stand alone as cells, and those that set lines holding shares in columns (whose level
    # cells may open with words: _words_first_rows)
    lone = {n for n, text in enumerate(texts, start=1) if _lone_shares(text) >= 2 or _VALUES_ACROSS.search(text)}
    unruled = {
        n: n in lone
        for n, text in enumerate(texts, start=1)
        if n not in ocr and not tables.get(n) and (n in lone or n in columned) and wants_tables(text)
    }
    tables.update(_unruled_tables(path, unruled))
    return [ocr[n] if n in ocr else PdfPage(n, t, tables.get(n, [])) for n, t in enumerate(texts, start=1)]


def _grid(tables: list[list[list[str]]] | None) -> bool:
    """Some table of two rows and two columns: a frame drawn round a page's text is one cell, not a table."""
    return any(len(t) >= 2 and len(t[0]) >= 2 for t in tables or [])


_SHARE_TOKEN = r"(?:[≥≤<>]\s?)?\d{1,3}(?:[.,]\d+)?\s?%"
_TIME_TOKEN = r"(?:[≥≤<>]\s?)?\d{1,3}(?:\.\d+)?\s(?:(?:business|working)\s)?(?:hours?|days?|minutes?|mins|hrs)"
# a share standing as a cell of its own: at a line's start, or between runs of spaces
_LONE_SHARE = Cue(
    r"(?m)(?:(?:^|\s{2,}|\t)\s*\d{1,3}(?:[.,]\d+)?\s?(?:%|percent\b)"
    # or two levels ending a line, a share and a share or a time, a row's levels side by side ("Availability
    # 99.8% 99.5%", bands "99.0% to 99.79% < 99.0%", "Payroll run 2 business days 99.9%"): one share ending a line
    # is as often a sentence wrapped there
    r"|\s" + _SHARE_TOKEN + r"\s+(?:" + _SHARE_TOKEN + "|" + _TIME_TOKEN + r")[ \t]*$"
    r"|\s" + _TIME_TOKEN + r"\s+" + _SHARE_TOKEN + r"[ \t]*$)"
)


def _lone_shares(text: str) -> int:
    return sum(1 for _ in _LONE_SHARE.finditer(text))


def _share_lines(text: str) -> int:
    """Lines holding a share anywhere: an unruled table whose standards open with words ("At least 85% of ...")
    leaves no share alone on a line, and only where its words stand tells it from prose."""
    return sum(bool(_SHARE_WITHIN.search(line)) for line in text.splitlines())


# (a bullet may open it: one of the standards stacked in a cell, "• 98% of parcels delivered")
_SHARE_CELL = re.compile(r"^\s*(?:•\s*)?(?:[≥>=≤<]\s*)?\d{1,3}(?:[.,]\d+)?\s*(?:%|percent\b)", re.I)  # "99,5 %" too
_SHARE_WITHIN = re.compile(r"(?<![\d.,])\d{1,3}(?:[.,]\d+)?\s*(?:%|percent\b)", re.I)
# a cell that is one level: a share or a time ("99.5%", "4 hours")
_LEVEL_CELL = re.compile(
    r"^\s*(?:[≥>=≤<]\s*)?\d{1,3}(?:\.\d+)?\s*(?:%|percent|(?:business\s+|working\s+)?(?:hours?|minutes?|days?))\s*$",
    re.I,
)
# a line of four or more shares, a label before them: the levels of a schedule set across the page ("Target 99.8%
# 90% 98% 99.5%"), whose text layer keeps single spaces between its cells
_VALUES_ACROSS = Cue(r"(?m)^[A-Za-z][^\n\d%]{0,40}(?:\s\d{1,3}(?:\.\d+)?%){4}")


def _unruled_tables(path: Path, pages: dict[int, bool]) -> dict[int, list[list[list[str]]]]:
    """Tables drawn without rules, found by where their words stand (pdfplumber's text strategy), on pages
    about service levels that hold shares, by page number: True where shares stand alone as cells (see
    _tables_from_words)."""
    if not pages:
        return {}
    import pdfplumber

    out = {}
    try:
        with pdfplumber.open(path, pages=sorted(pages)) as pdf:
            for page in pdf.pages:
                words = [_signs_as_written(w) for w in page.extract_words(extra_attrs=["fontname"])]
                if merged := _tables_from_words(page, words, pages[page.page_number]):
                    out[page.page_number] = merged
    except Exception as exc:  # pdfminer raises many types for damaged files
        raise InputFileError(f"PDF tables cannot be parsed ({type(exc).__name__}: {exc})") from None
    return out


def _tables_from_words(page, words: list[dict], lone: bool) -> list[list[list[str]]]:
    """The unruled tables among a page's words. A table is kept only where one column holds a share in two or more
    rows (a performance summary's quality levels): what a page of prose splits into columns never does; on a page
    without lone shares, only a table whose level cells open with words. `page` is what pdfplumber's table finder
    reads of a page (its words, its bounding box, its drawn edges)."""
    from pdfplumber.table import TableFinder

    settings = {"vertical_strategy": "text", "horizontal_strategy": "text"}
    grids = [
        (_word_grid(t, words), [r.bbox[3] - r.bbox[1] for r in t.rows]) for t in TableFinder(page, settings).tables
    ]
    if lone:
        return [m for g, heights in grids if (m := _levels_across(g) or _unruled_rows(g, heights))]
    return [m for g, _ in grids if (m := _words_first_rows(g))]


def _by_line(words: list[dict]) -> dict[float, list[dict]]:
    """OCR's words by their line (the words of a line share its top)."""
    by_line: dict[float, list[dict]] = {}
    for w in words:
        by_line.setdefault(w["top"], []).append(w)
    return by_line


def _in_columns(line: list[dict]) -> bool:
    """Whether a line's words stand in two runs or more, a column gap apart."""
    line = sorted(line, key=lambda w: w["x0"])
    return any(b["x0"] - a["x1"] >= COLUMN_GAP for a, b in zip(line, line[1:]))


def _table_lines(words: list[dict]) -> list[dict]:
    """The words from the first line set in columns (two runs of words a column gap apart) on: the heading and the
    lead sentence above a table are single runs, and OCR's word edges shift by a point from line to line, so a
    heading word can fall in line with a column of the table below and stretch the table up over it."""
    by_line = _by_line(words)
    first = next((top for top in sorted(by_line) if _in_columns(by_line[top])), None)
    return words if first is None else [w for w in words if w["top"] >= first]


def _set_out(words: list[dict]) -> str:
    """The words' lines as text, runs of words a column gap apart set apart by a tab, as a text layer sets a
    table's cells: Tesseract joins a line's cells with one space."""
    by_line = _by_line(words)
    lines = []
    for top in sorted(by_line):
        line = sorted(by_line[top], key=lambda w: w["x0"])
        gaps = ["\t" if b["x0"] - a["x1"] >= COLUMN_GAP else " " for a, b in zip(line, line[1:])]
        lines.append(line[0]["text"] + "".join(gap + w["text"] for gap, w in zip(gaps, line[1:])))
    return "\n".join(lines)


@dataclass
class _WordsOfAnImage:
    """A scanned page as pdfplumber's table finder reads a page: OCR's words, the page's box, no drawn edges."""

    words: list[dict]
    bbox: tuple[float, float, float, float]
    edges: tuple = ()

    def extract_words(self, **_settings) -> list[dict]:
        return self.words


# an OCR word that says something: a letter or digit, or a sign a cell's value or bullet is written with
_OCR_MEANT = re.compile(r"[^\W_]|[%$€£<>≤≥=•*–—-]")


def _ocr_page(image, scale: float) -> tuple[str, list[dict]]:
    """A page image read once by Tesseract: its text, line by line, without the blank lines Tesseract leaves
    between what it takes for paragraphs (a bullet's wrapped line), as a text layer has none; and its words with
    their boxes, in points, as pdfplumber gives a page's words. Each word is as tall as a line of the page's type,
    centred on its line: a box round a line's own glyphs is shorter where it has no capital or descender, which
    would leave a gap between the lines of one cell that reads as the gap between two rows; the taller boxes (a
    quarter of the lines reach higher or lower) stand for the type's height."""
    import pytesseract

    data = pytesseract.image_to_data(image, config="--psm 4", output_type=pytesseract.Output.DICT)
    line_of = [(data["block_num"][i], data["par_num"][i], data["line_num"][i]) for i in range(len(data["level"]))]
    lines = {line_of[i]: (data["top"][i], data["height"][i]) for i, level in enumerate(data["level"]) if level == 4}
    texts: dict[tuple, list[str]] = {}
    for i, text in enumerate(data["text"]):
        if data["level"][i] == 5 and text.strip():
            texts.setdefault(line_of[i], []).append(text.strip())
    page_text = mended_ocr("\n".join(" ".join(words) for words in texts.values()))
    heights = sorted(h for _, h in lines.values() if h > 0)
    if not heights:
        return page_text, []
    half = heights[len(heights) * 3 // 4] / 2
    words = []
    for i, text in enumerate(data["text"]):
        line = lines.get(line_of[i])
        if data["level"][i] != 5 or not line or not line[1] or not _OCR_MEANT.search(text):
            continue  # a speck read as a mark ("°", "«", "|") beside a cell's value would make it no value
        middle = line[0] + line[1] / 2
        x0 = data["left"][i] / scale
        words.append(
            {
                "text": text.strip().strip("’‘'\"“”"),  # a speck beside a value read as a quote mark
                "x0": x0,
                "x1": x0 + data["width"][i] / scale,
                "top": (middle - half) / scale,
                "bottom": (middle + half) / scale,
            }
        )
    return page_text, words


# pdfminer decodes the standard Symbol font (not embedded, as in PDFs that set ≥ from it) by the standard
# encoding, so its signs come out as other characters at the same codes: ≤ as "£" (a level "£ 8 hours" would
# read as money), ≥ as "‡", ± as "–", × as "·", ≠ as "„", ≈ as "»". pdfium, which gives the page's text, reads them
# right
_SYMBOL_FONT_SIGNS = str.maketrans({"£": "≤", "‡": "≥", "–": "±", "·": "×", "„": "≠", "»": "≈"})


def _signs_as_written(word: dict) -> dict:
    return {**word, "text": word["text"].translate(_SYMBOL_FONT_SIGNS)} if "Symbol" in word["fontname"] else word


def _word_grid(table, words: list[dict]) -> list[list[str]]:
    """The table's lines of text, each word whole in the column its left edge stands in: the text strategy draws
    a column edge wherever words of several lines align, which can cut a longer word in another line."""
    lefts = sorted({round(c[0], 1) for c in table.cells})
    rows = [r.bbox for r in table.rows]
    grid: list[list[list[dict]]] = [[[] for _ in lefts] for _ in rows]
    x0, top, x1, bottom = table.bbox
    past_edge = []
    for w in words:
        middle = (w["top"] + w["bottom"]) / 2
        if not (x0 - 1 <= w["x0"] and top <= middle <= bottom):
            continue
        k = next((k for k, r in enumerate(rows) if r[1] <= middle <= r[3]), None)
        if k is not None and w["x0"] <= x1:
            grid[k][max(bisect.bisect_right(lefts, w["x0"] + 0.5) - 1, 0)].append(w)
        elif k is not None:
            past_edge.append((k, w))
    # the edge is drawn where most lines end: a longer last cell ("> 12 hours") runs past it, a word space on
    for k, w in sorted(past_edge, key=lambda kw: kw[1]["x0"]):
        if _continues_cell(grid[k][-1], w):
            grid[k][-1].append(w)
    for j in sorted(_word_space_edges(grid), reverse=True):
        for row in grid:
            row[j - 1] += row.pop(j)
    return [[" ".join(w["text"] for w in cell) for cell in row] for row in grid]


def _continues_cell(cell: list[dict], word: dict) -> bool:
    """Whether a word right of a table's edge goes on with the cell before it: a word space after its last word."""
    return bool(cell) and word["x0"] - cell[-1]["x1"] < 0.6 * (word["bottom"] - word["top"])


def _word_space_edges(grid: list[list[list[dict]]]) -> list[int]:
    """The column edges the text strategy drew at a space between two words of one cell ("Hosting Platform |
    Availability", where other lines' words align): in most lines of levels with words on both sides of such an
    edge they stand a word space apart (under 0.6 of their height), where a real column leaves a wider gap. Only
    lines holding a level speak: a paragraph above the table is words a space apart at every edge."""
    levels = [row for row in grid if any(_LEVEL_CELL.match(" ".join(w["text"] for w in cell)) for cell in row)]
    # a table whose levels sit in words ("Report accuracy of 98% or better"): the lines holding a share
    levels = levels or [row for row in grid if any(_SHARE_WITHIN.search(" ".join(w["text"] for w in c)) for c in row)]
    edges = []
    for j in range(1, len(grid[0]) if grid else 0):
        gaps = [
            (row[j][0]["x0"] - row[j - 1][-1]["x1"], row[j][0]["bottom"] - row[j][0]["top"])
            for row in levels
            if row[j - 1] and row[j]
        ]
        if gaps and sum(gap < 0.6 * height for gap, height in gaps) > len(gaps) / 2:
            edges.append(j)
    return edges


def _unruled_rows(lines: list[list[str]], heights: list[float] | None = None) -> list[list[str]] | None:
    """The rows of an unruled table from its lines of text: a cell's words wrap over several lines, so lines join
    into rows, split at blank lines where the table leaves them, else at each line that opens a share (a row's
    cells start on its first line). The header is the lines of column headings above the first row; a heading
    or a paragraph above them stays as rows without values, as the text strategy found them. None without a
    column of shares, or where the shares stand alone on their lines (a list, not a table). `heights`, each
    line's height, tell the gap between rows from the narrower one a cell's text leaves where it sits in the
    middle or at the foot of a taller row."""
    grid = _cells_written_plainly(lines)
    columns = _share_columns(grid)
    if not columns:
        return None
    first = next(k for k, r in enumerate(grid) if _SHARE_CELL.match(r[columns[0]]))
    # a table sets its shares beside the text they belong to, on the same line or, where a cell sits in the middle
    # or at the foot of its row, in the same row; a list sets them alone
    beside = sum(bool(_SHARE_CELL.match(r[columns[0]]) and any(r[: columns[0]])) for r in grid)
    top, end = _header_lines(grid, first, columns)
    _join_wrapped_columns(grid, grid[top:end], columns)
    if heights:
        grid = _without_gaps_within_rows(grid, heights, end)
    rows = _joined(_row_groups(grid))
    if beside < 2 and (share := _share_columns(rows)):
        beside = sum(bool(_SHARE_CELL.match(r[share[0]]) and any(r[: share[0]])) for r in rows)
    return rows if beside >= 2 else None


def _cells_written_plainly(lines: list[list[str]]) -> list[list[str]]:
    """The lines' cells, each line as wide as the widest, a dash opening a cell's line marked as a bullet."""
    width = max((len(r) for r in lines), default=0)
    return [[" ".join(_LINE_BULLET.sub("• ", c or "").split()) for c in r] + [""] * (width - len(r)) for r in lines]


def _words_first_rows(lines: list[list[str]]) -> list[list[str]] | None:
    """An unruled table whose level cells open with words ("At least 85% of ...", "System available 99.5%"), so
    no line opens a share: its rows are the runs of lines between blank lines, and it is a table where two or more
    rows below the first hold a share after words in one column with words in a column before it, and its cells
    wrap each in its own column (see _prose_cut_into_columns). Other columns may open with shares (a deduction of
    "1% of the monthly fee")."""
    grid = _cells_written_plainly(lines)
    if all(any(r) for r in grid):
        return None
    groups = _row_groups(grid)
    if _prose_cut_into_columns(groups[1:]):
        return None
    rows = _joined(groups)

    def words_first(cell: str) -> bool:
        return bool(_SHARE_WITHIN.search(cell)) and not _SHARE_CELL.match(cell)

    for j in range(1, len(rows[0]) if rows else 0):
        if sum(bool(k and words_first(r[j]) and any(r[:j])) for k, r in enumerate(rows)) >= 2:
            _join_wrapped_columns(grid, groups[0], [j])
            return _joined(groups)
    return None


def _prose_cut_into_columns(groups: list[list[list[str]]]) -> bool:
    """Whether most lines of the rows that hold a share and wrap fill every column their row fills: a paragraph's
    lines run across all the columns the text strategy drew in it, where a table's cells wrap each in its own
    column and leave others blank on some lines."""
    lines = full = 0
    for g in groups:
        if len(g) < 2 or not any(_SHARE_WITHIN.search(c) for r in g for c in r):
            continue
        used = [j for j in range(len(g[0])) if any(r[j] for r in g)]
        lines += len(g)
        full += sum(all(r[j] for j in used) for r in g)
    return full > lines / 2


def _joined(groups: list[list[list[str]]]) -> list[list[str]]:
    """Each row's cells from its lines, a cell's lines joined."""
    return [[" ".join(r[j] for r in g if r[j]) for j in range(len(g[0]))] for g in groups]


def _share_columns(grid: list[list[str]]) -> list[int]:
    """The columns holding a share in two or more lines."""
    return [j for j in range(len(grid[0]) if grid else 0) if sum(bool(_SHARE_CELL.match(r[j])) for r in grid) >= 2]


def _header_lines(grid: list[list[str]], first: int, shares: list[int]) -> tuple[int, int]:
    """The header's lines [top, end): the last line above the first share with words over a share column that
    are no share (the columns' headings: a name that wraps above its row's values has none there), with the lines
    of text right above it; without such a line, the lines of text right above the first share."""
    named = [k for k in range(first) if any(grid[k][j] and not _SHARE_CELL.match(grid[k][j]) for j in shares)]
    end = named[-1] + 1 if named else first
    top = max((k for k in range(end) if any(grid[k])), default=end)
    while top > 0 and any(grid[top - 1]):
        top -= 1
    return top, end


def _without_gaps_within_rows(grid: list[list[str]], heights: list[float], end: int) -> list[list[str]]:
    """The grid without the blank lines below the header that are narrower than the gap between rows (the
    median blank there, less a point and a half): such a blank lies inside a row, between the text of a cell
    set in the row's middle or foot and the wrapped lines of its neighbours."""
    blank = {k for k in range(end, len(grid)) if not any(grid[k])}
    if not blank:
        return grid
    gap = statistics.median(heights[k] for k in blank)
    return [r for k, r in enumerate(grid) if k not in blank or heights[k] >= gap - 1.5]


def _join_wrapped_columns(grid: list[list[str]], header: list[list[str]], shares: list[int]) -> None:
    """A column no header line names is text of the column to its left that a wrap pushed right: join it back."""
    for j in range(len(grid[0]) - 1, 0, -1):
        if j not in shares and header and not any(r[j] for r in header):
            for r in grid:
                r[j - 1] = " ".join(c for c in (r[j - 1], r.pop(j)) if c)


def _row_groups(grid: list[list[str]]) -> list[list[list[str]]]:
    """The lines of each row: split at blank lines where the table leaves them, else at each line opening a share."""
    if any(not any(r) for r in grid):
        groups, current = [], []
        for r in grid:
            if any(r):
                current.append(r)
            elif current:
                groups.append(current)
                current = []
        return groups + ([current] if current else [])
    aql = _share_columns(grid)[0]
    # a bullet alone on its line is a further standard of the cell above, not a new row
    starts = [
        k
        for k, r in enumerate(grid)
        if _SHARE_CELL.match(r[aql]) and not (r[aql].startswith("•") and not any(r[:aql] + r[aql + 1 :]))
    ]
    bounds = [0, *starts, len(grid)]
    return [grid[a:b] for a, b in zip(bounds, bounds[1:]) if grid[a:b]]


def _levels_across(lines: list[list[str]]) -> list[list[str]] | None:
    """A schedule set with its levels across the columns, unruled: a line per thing stated of them, a label and then
    a level or a window in each of three or more columns, under lines that wrap each level's name in its column.
    The rows read are the label column and the level columns: the names, joined, then a row per line of levels."""
    levels = [
        (k, cols) for k, r in enumerate(lines) if len(cols := [j for j, c in enumerate(r) if _LEVEL_CELL.match(c)]) >= 3
    ]
    if len(levels) < 2 or len({tuple(cols) for _, cols in levels}) != 1:
        return None
    columns = levels[0][1]
    label = next((j for j, c in enumerate(lines[levels[0][0]]) if c.strip()), None)
    if label is None or label >= columns[0]:
        return None
    keep = [label, *columns]

    def within(r: list[str]) -> bool:  # a line of the table writes only in its label and level columns
        return all(not c.strip() or j in keep for j, c in enumerate(r))

    first, last = levels[0][0], levels[-1][0]
    # a last line of windows or words ("Monthly ...") is one of the rows too
    while last + 1 < len(lines) and lines[last + 1][label].strip() and within(lines[last + 1]):
        last += 1
    top = first
    while top > 0 and (not any(c.strip() for c in lines[top - 1]) or within(lines[top - 1])):
        top -= 1
    names = [r for r in lines[top:first] if any(c.strip() for c in r)]
    if not names or any(not within(r) for r in lines[first : last + 1]):
        return None
    body = [[r[j] for j in keep] for r in lines[first : last + 1] if r[label].strip()]
    if not _across(body):
        return None
    header = [" ".join(r[j] for r in names if r[j].strip()) for j in keep]
    return [header, *body]


_WINDOW_CELL = re.compile(r"(?i)^\s*(?:monthly|quarterly|weekly|daily|annually|yearly)\s*$")


def _across(body: list[list[str]]) -> bool:
    """Whether the levels run across the columns rather than down them, by what the cells hold: a row of windows,
    or a row of weightings adding up to 100, where no column holds either (a table with a level per row keeps its
    windows and its weightings in columns)."""
    rows = [r[1:] for r in body]
    columns = [list(c) for c in zip(*rows, strict=True)]

    def windows(cells: list[str]) -> bool:
        return all(_WINDOW_CELL.match(c) for c in cells)

    def weights(cells: list[str]) -> bool:
        if not all(_SHARE_CELL.match(c) for c in cells):
            return False
        return abs(sum(float(re.search(r"\d+(?:\.\d+)?", c).group()) for c in cells) - 100) < 0.5

    if any(windows(c) or weights(c) for c in columns):
        return False
    return any(windows(r) or weights(r) for r in rows)


def _ocr_of_scanned_pages(
    path: Path, scanned: list[int], wants_tables: Callable[[str], bool], table_pages: tuple
) -> dict[int, PdfPage]:
    """OCR of the scanned pages inside a text PDF. Without Tesseract, or past the OCR page limit, the text
    pages still load: the scanned ones stay as their text layer has them, and the log says why."""
    if not scanned:
        return {}
    try:
        return {n: p for n, p in _ocr_pages(path, wants_tables, scanned, table_pages).items() if p.text.strip()}
    except InputFileError as exc:
        log.warning("%s: %d scanned page(s) not read: %s", path.name, len(scanned), exc)
        return {}
