"""The ruled tables of a text PDF's page: pdfplumber's table model on the lines and characters pdfium reads.

pdfplumber finds a table from the rules a page draws and reads each cell from the characters inside it. To do
so it interprets the whole page in Python (pdfminer), about a tenth of a second per page here, which made the
few schedule pages of a contract cost more than all its other pages. pdfium reads the same paths and
characters in C. This module hands them to pdfplumber's own table finder and text extraction in the shape
pdfplumber gives them: a path's straight sides become edges as pdfminer makes lines, rectangles and curves of
it; a character's box spans its font size above the font's descent, as pdfminer places it. A page this does
not model (rotated, with a media box not at the origin, or holding turned text) is left to pdfplumber itself
(`etl/pdf_document.py`).
"""

from __future__ import annotations

import ctypes
from typing import Any

Obj = dict[str, Any]
# the narrowest gap, in ems, that a space pdfium infers between two characters stands for: narrower ones are
# kerning it took for a word break
SPACE_WIDTH = 0.2


class PageShapes:
    """What pdfplumber's TableFinder and Table.extract read of a page: its size, edges and characters."""

    def __init__(self, width: float, height: float, edges: list[Obj], chars: list[Obj]):
        self.bbox = (0.0, 0.0, width, height)
        self.height = height
        self.edges = edges
        self.chars = chars

    def find_tables(self) -> list:
        from pdfplumber.table import TableFinder

        return TableFinder(self).tables

    def extract_words(self) -> list[Obj]:
        from pdfplumber.utils import extract_words

        return extract_words(self.chars)


def page_shapes(page, textpage) -> PageShapes | None:
    """The page's edges and characters, or None where pdfplumber must read the page itself (above)."""
    import pypdfium2.raw as pdfium_c

    if page.get_rotation() != 0:
        return None
    left, bottom, right, top = page.get_mediabox()
    if (left, bottom) != (0, 0) or page.get_cropbox() != (left, bottom, right, top):
        return None
    chars = _chars(textpage, top)
    if chars is None:
        return None
    objects = [pdfium_c.FPDFPage_GetObject(page.raw, i) for i in range(pdfium_c.FPDFPage_CountObjects(page.raw))]
    return PageShapes(right, top, _edges(_paths(objects, _IDENTITY), top), chars)


_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _then(inner: tuple, outer: tuple) -> tuple:
    """The matrix that applies `inner`, then `outer` (PDF's a b c d e f)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _paths(objects: list, outer: tuple) -> list[list[list[tuple[float, float]]]]:
    """The subpaths of every path among `objects`, those inside forms included, in page space."""
    import pypdfium2.raw as pdfium_c

    out = []
    m = pdfium_c.FS_MATRIX()
    for obj in objects:
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        pdfium_c.FPDFPageObj_GetMatrix(obj, m)
        matrix = _then((m.a, m.b, m.c, m.d, m.e, m.f), outer)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            out.append(_subpaths(obj, matrix))
        else:
            children = [pdfium_c.FPDFFormObj_GetObject(obj, i) for i in range(pdfium_c.FPDFFormObj_CountObjects(obj))]
            out += _paths(children, matrix)
    return out


def _subpaths(obj, matrix: tuple) -> list[list[tuple[float, float]]]:
    """A path object's points in page space, split where it moves to a new point (pdfminer's subpaths)."""
    import pypdfium2.raw as pdfium_c

    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    out: list[list[tuple[float, float]]] = []
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if pdfium_c.FPDFPathSegment_GetType(segment) == pdfium_c.FPDF_SEGMENT_MOVETO or not out:
            out.append([point])
        else:
            out[-1].append(point)
    return out


def _edge(x0: float, y0: float, x1: float, y1: float, height: float, orientation: str, kind: str) -> Obj:
    left, right, low, high = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
    return {
        "x0": left,
        "x1": right,
        "top": height - high,
        "bottom": height - low,
        "doctop": height - high,
        "width": right - left,
        "height": high - low,
        "orientation": orientation,
        "object_type": kind,
    }


def _edges(paths: list[list[list[tuple[float, float]]]], height: float) -> list[Obj]:
    """pdfplumber's page.edges: a two-point subpath is a line (horizontal where its ends are level, otherwise
    vertical), four sides meeting square are a rectangle's four edges, anything else a curve whose level or
    upright steps are edges; lines first, then rectangles, then curves, as pdfplumber lists them."""
    lines, rects, curves = [], [], []
    for subpaths in paths:
        for pts in subpaths:
            if len(pts) == 2:
                (x0, y0), (x1, y1) = pts
                lines.append(_edge(x0, y0, x1, y1, height, "h" if y0 == y1 else "v", "line"))
            elif (len(pts) == 4 or (len(pts) == 5 and pts[4] == pts[0])) and _square(pts):
                xs, ys = [p[0] for p in pts], [p[1] for p in pts]
                x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
                rects += [
                    _edge(x0, y1, x1, y1, height, "h", "rect_edge"),
                    _edge(x0, y0, x1, y0, height, "h", "rect_edge"),
                    _edge(x0, y0, x0, y1, height, "v", "rect_edge"),
                    _edge(x1, y0, x1, y1, height, "v", "rect_edge"),
                ]
            else:
                for (x0, y0), (x1, y1) in zip(pts, pts[1:], strict=False):
                    if y0 == y1 or x0 == x1:
                        curves.append(_edge(x0, y0, x1, y1, height, "h" if y0 == y1 else "v", "curve_edge"))
    return lines + rects + curves


def _square(pts: list[tuple[float, float]]) -> bool:
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = pts[:4]
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _chars(textpage, height: float) -> list[Obj] | None:
    """The page's characters as pdfplumber has them. A space pdfium marks as its own (it does so for some
    drawn spaces too) spans the gap between its neighbours on the line, as a drawn one would; the line ends
    it adds are left out, as pdfplumber infers its own. A soft hyphen pdfium reads as control character 2 is
    the hyphen drawn."""
    import pypdfium2.raw as pdfium_c

    tp = textpage.raw
    box = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    chars: list[Obj] = []
    gap = False  # a space pdfium added since the last character kept
    fonts: dict[int | None, tuple[float, float] | None] = {}  # per text object: its size and descent
    for i in range(pdfium_c.FPDFText_CountChars(tp)):
        code = pdfium_c.FPDFText_GetUnicode(tp, i)
        if pdfium_c.FPDFText_IsGenerated(tp, i) == 1:
            gap = gap or code == 32
            continue
        if code in (0, 10, 13, 0xFFFE, 0xFFFF):
            continue
        text_object = pdfium_c.FPDFText_GetTextObject(tp, i)
        key = ctypes.cast(text_object, ctypes.c_void_p).value
        if key not in fonts:
            fonts[key] = _size_and_descent(tp, i, text_object)
        if fonts[key] is None:
            return None  # turned or mirrored text: pdfplumber reads it by its direction
        size, descent = fonts[key]
        pdfium_c.FPDFText_GetLooseCharBox(tp, i, box)
        pdfium_c.FPDFText_GetCharOrigin(tp, i, ox, oy)
        low = oy.value + descent
        char = {
            "text": "-" if code == 2 else chr(code),
            "x0": box.left,
            "x1": box.right,
            "top": height - (low + size),
            "bottom": height - low,
            "doctop": height - (low + size),
            "upright": True,
            "size": size,
        }
        last = chars[-1] if chars else None
        # on one line where the two overlap in height (a superscript "th" and the word after it do)
        if (
            gap
            and last
            and last["text"] != " "
            and min(last["bottom"], char["bottom"]) > max(last["top"], char["top"])
            and (char["x0"] - last["x1"] > SPACE_WIDTH * size)
        ):
            chars.append({**last, "text": " ", "x0": last["x1"], "x1": char["x0"]})
        gap = False
        chars.append(char)
    return chars


def _size_and_descent(tp, i: int, text_object) -> tuple[float, float] | None:
    """The height pdfminer gives the characters of a text object (its font size as the text matrix scales it;
    pdfium's font size is before the scaling) and how far below the baseline they start; None for text
    that is turned or mirrored."""
    import pypdfium2.raw as pdfium_c

    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFText_GetMatrix(tp, i, matrix)
    if matrix.b or matrix.c or matrix.a <= 0 or matrix.d <= 0:
        return None
    size = pdfium_c.FPDFText_GetFontSize(tp, i) * (matrix.b**2 + matrix.d**2) ** 0.5
    font = pdfium_c.FPDFTextObj_GetFont(text_object) if text_object else None
    descent = ctypes.c_float()
    return size, (descent.value if font and pdfium_c.FPDFFont_GetDescent(font, size, descent) else 0.0)
