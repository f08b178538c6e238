"""Ruled tables on a scanned page: the grid from the ruling lines in the image, each cell's text read from the
cell's own image.

pdfplumber finds a table from the lines a PDF draws; a scan has only pixels. The grid is found the same way in
the image: a horizontal rule is a run of dark pixels at least a tenth of the page wide, a vertical one a run
longer than a letter's stroke; a table is where vertical rules join consecutive horizontal ones. Rows are the bands between consecutive rules; a cell spans the columns
between the vertical rules that cross its band (a merged cell keeps its text in its first column and leaves the
others empty, as pdfplumber does). The output is the same shape as `PdfPage.tables`.

Each cell is read on its own: Tesseract's page layout analysis, given a whole page of ruled cells, drops or
merges cells (measured on a scanned schedule: 3 to 6 of 7 rows kept, by page segmentation mode), while a cell
alone is one block of text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

DARK = 160  # grey level below which a pixel is ink
# a rule is this many pixels thick at most; thicker runs are filled areas (a shaded header), not lines
MAX_RULE_THICKNESS = 12


@dataclass(frozen=True)
class Line:
    at: int  # y of a horizontal rule, x of a vertical one
    start: int
    end: int


def _runs(ink: np.ndarray, min_length: int) -> list[Line]:
    """Rules along axis 1 of `ink`: for each row, the first and last pixel of its runs of at least
    `min_length` ink pixels; adjacent rows with overlapping runs merge into one rule."""
    cum = np.concatenate([np.zeros((ink.shape[0], 1), np.int32), np.cumsum(ink, axis=1, dtype=np.int32)], axis=1)
    window = cum[:, min_length:] - cum[:, :-min_length]
    full = window == min_length  # a run of min_length starts here
    lines: list[Line] = []
    open_: list[list[int]] = []  # [first row, last row, start, end]
    for row in np.flatnonzero(full.any(axis=1)):
        starts = np.flatnonzero(full[row])
        # split the row's run starts where they are not contiguous: two rules side by side
        breaks = np.flatnonzero(np.diff(starts) > 1)
        for seg in np.split(starts, breaks + 1):
            start, end = int(seg[0]), int(seg[-1]) + min_length
            for o in open_:
                if o[1] >= row - 1 and o[2] < end and start < o[3]:
                    o[1], o[2], o[3] = row, min(o[2], start), max(o[3], end)
                    break
            else:
                open_.append([row, row, start, end])
    for first, last, start, end in open_:
        if last - first + 1 <= MAX_RULE_THICKNESS:
            lines.append(Line((first + last) // 2, start, end))
    return _joined(sorted(lines, key=lambda line: (line.at, line.start)))


def _joined(lines: list[Line], gap: int = 4) -> list[Line]:
    """Pieces of one rule (a scan breaks a line where the ink thins) joined: same position, ends that meet."""
    out: list[Line] = []
    for line in lines:
        prev = next((o for o in reversed(out) if abs(o.at - line.at) <= 2 and line.start <= o.end + gap), None)
        if prev is not None:
            out[out.index(prev)] = Line(prev.at, min(prev.start, line.start), max(prev.end, line.end))
        else:
            out.append(line)
    return out


def find_rules(gray: np.ndarray) -> tuple[list[Line], list[Line]]:
    """Horizontal and vertical rules of a greyscale page image."""
    ink = (gray < DARK).astype(np.uint8)
    height, width = ink.shape
    horizontal = _runs(ink, max(width // 10, 40))
    # a vertical rule crosses at least one table row: longer than a letter's stroke (a fifty-fifth of the width
    # is about 46 pixels on a letter page at 300 dpi, where body text is 30-40 pixels tall)
    vertical = _runs(ink.T.copy(), max(width // 55, 30))
    return horizontal, vertical


def _merge(values: list[int], tolerance: int) -> list[int]:
    out: list[int] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return out


def _grids(horizontal: list[Line], vertical: list[Line], tolerance: int) -> list[list[int]]:
    """Groups of horizontal rules that vertical rules join into one table: each group's y's."""
    grids: list[list[int]] = []
    # where several verticals stop together there is a rule, even when the scan broke it into short pieces
    ends: dict[int, int] = {}
    for v in vertical:
        for y in (v.start, v.end):
            near = next((e for e in ends if abs(e - y) <= tolerance), y)
            ends[near] = ends.get(near, 0) + 1
    ys = _merge([h.at for h in horizontal] + [y for y, n in ends.items() if n >= 3], tolerance)
    current: list[int] = []
    for upper, lower in zip(ys, ys[1:]):
        joining = [v for v in vertical if v.start <= upper + tolerance and v.end >= lower - tolerance]
        if len(joining) >= 2:
            current = current or [upper]
            current.append(lower)
        elif current:
            grids.append(current)
            current = []
    if current:
        grids.append(current)
    return grids


def read_tables(
    gray: np.ndarray,
    read_cell: Callable[[np.ndarray], str],
    rules: tuple[list[Line], list[Line]] | None = None,
) -> list[list[list[str]]]:
    """The ruled tables of a page image, rows of cells, each cell's text as `read_cell` reads its image.
    `rules`: the image's (horizontal, vertical) rules where the caller has found them already."""
    horizontal, vertical = rules if rules is not None else find_rules(gray)
    tolerance = max(gray.shape[1] // 200, 4)
    inset = MAX_RULE_THICKNESS // 2 + 2  # keep the rules themselves out of the cell image
    tables = []
    for ys in _grids(horizontal, vertical, tolerance):
        spanning = [v for v in vertical if v.start <= ys[-1] + tolerance and v.end >= ys[0] - tolerance]
        columns = _merge([v.at for v in spanning], tolerance)
        rows = []
        for upper, lower in zip(ys, ys[1:]):
            crossing = _merge(
                [v.at for v in spanning if v.start <= upper + tolerance and v.end >= lower - tolerance], tolerance
            )
            cells = [""] * (len(columns) - 1)
            for left, right in zip(crossing, crossing[1:]):
                first = min(range(len(columns)), key=lambda i: abs(columns[i] - left))
                crop = gray[upper + inset : lower - inset, left + inset : right - inset]
                if first < len(cells) and crop.size and (crop < DARK).mean() > 0.002:
                    # the cell's lines kept: a dash opening one is a bullet (pdf_document joins them as it joins
                    # a drawn table's)
                    cells[first] = "\n".join(
                        " ".join(line.split()) for line in read_cell(crop).splitlines() if line.strip()
                    )
            if any(cells):
                rows.append(cells)
        if len(rows) >= 2 and len(columns) >= 3:
            tables.append(rows)
    return tables
