"""Read a vendor performance report (CSV, XLSX or PDF table) into measurements as the vendor wrote them.

Layouts differ by vendor: a title block above the header, metrics as rows, the period in a column or in
the title. We look for the header row by what its cells mean, not by position, and read the rows below it.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from etl.pdf_document import read_pages
from etl.quantities import parse_number, parse_period
from etl.records import InputFileError, Measurement, Provenance

# header words -> column role; checked in order so "Achieved?" is a status, not an actual
HEADER_ROLES: list[tuple[str, tuple[str, ...]]] = [
    ("status", ("status", "met?", "achieved?", "met", "rag", "pass/fail")),
    ("period", ("reporting month", "period", "month")),
    ("target", ("target", "expected", "sla level")),
    ("actual", ("actual", "result", "achieved", "performance", "value", "score")),
    ("unit", ("unit", "uom")),
    ("metric", ("service level", "kpi", "metric", "measure", "sla")),
]
MAX_REPORT_ROWS = 100_000
MAX_REPORT_BYTES = 20 * 1024 * 1024


@dataclass
class _Grid:
    rows: list[list[str]]
    where: str                # "sheet X" / "page 2 table 1" / ""
    page: int
    context: str              # text around the table (title block), where periods are often written


def _roles(row: list[str]) -> dict[str, int] | None:
    roles: dict[str, int] = {}
    for i, cell in enumerate(row):
        low = cell.strip().lower()
        if not low:
            continue
        for role, words in HEADER_ROLES:
            if role in roles:
                continue
            if any(low == w or (len(w) > 3 and w in low) for w in words):
                roles[role] = i
                break
    return roles if {"metric", "actual"} <= roles.keys() else None


def _status(text: str) -> bool | None:
    low = text.strip().lower()
    if low in ("met", "yes", "y", "pass", "green", "achieved", "true"):
        return True
    if low in ("missed", "no", "n", "fail", "red", "not met", "breach", "false"):
        return False
    return None


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).strip()


def _csv_grids(path: Path) -> list[_Grid]:
    raw = path.read_bytes()
    if not raw.strip():
        raise InputFileError("empty file (no rows)")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), dialect)]
    if len(rows) > MAX_REPORT_ROWS:
        raise InputFileError(f"report has {len(rows):,} rows, above the limit of {MAX_REPORT_ROWS:,}")
    return [_Grid(rows, "", 0, "")]


def _xlsx_grids(path: Path) -> list[_Grid]:
    from openpyxl import load_workbook
    from zipfile import BadZipFile

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputFileError(f"not a readable XLSX workbook ({type(exc).__name__}: {exc})") from None
    grids = []
    try:
        for ws in wb.worksheets:
            rows = []
            for r in ws.iter_rows(values_only=True):
                rows.append([_cell_text(c) for c in r])
                if len(rows) > MAX_REPORT_ROWS:
                    raise InputFileError(f"sheet {ws.title!r} has more than {MAX_REPORT_ROWS:,} rows")
            context = " ".join(" ".join(r) for r in rows[:6])
            grids.append(_Grid(rows, f"sheet {ws.title}", 0, context))
    finally:
        wb.close()
    return grids


def _pdf_grids(path: Path) -> list[_Grid]:
    grids = []
    for page in read_pages(path):
        for i, table in enumerate(page.tables, start=1):
            grids.append(_Grid(table, f"page {page.number} table {i}", page.number, page.text))
    return grids


def read_grids(path: Path) -> list[_Grid]:
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        raise InputFileError(f"file is {size / 1e6:.0f} MB, above the {MAX_REPORT_BYTES // 1e6:.0f} MB limit for reports")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_grids(path)
    if suffix == ".xlsx":
        return _xlsx_grids(path)
    if suffix == ".pdf":
        return _pdf_grids(path)
    raise InputFileError(f"unsupported report type {suffix or '(no extension)'}: use CSV, XLSX or PDF")


def extract_report(path: Path, engagement_id: str, sha256: str) -> list[Measurement]:
    if not engagement_id:
        raise InputFileError("report is not inside a reports/<engagement_id>/ folder, so its engagement is unknown")
    grids = read_grids(path)
    file_period = parse_period(path.stem)
    measurements: list[Measurement] = []
    for grid in grids:
        for h, row in enumerate(grid.rows):
            roles = _roles(row)
            if roles is None:
                continue
            grid_period = parse_period(grid.context) or file_period
            for r, cells in enumerate(grid.rows[h + 1:], start=h + 2):
                get = lambda role: cells[roles[role]] if role in roles and roles[role] < len(cells) else ""  # noqa: E731
                name = get("metric")
                if not name or _roles(cells) is not None:
                    continue  # blank line or a header repeated further down
                if re.match(r"(?i)total|average|notes?\b", name):
                    continue  # summary rows carry no metric of their own
                period = parse_period(get("period")) or grid_period
                actual_text = get("actual")
                location = f"{grid.where} row {r}".strip()
                measurements.append(Measurement(
                    engagement_id=engagement_id,
                    metric_name=name,
                    period=period or "",
                    actual_text=actual_text,
                    actual=parse_number(actual_text),
                    reported_met=_status(get("status")),
                    location=location,
                    provenance=Provenance(sha256, grid.page, " | ".join(c for c in cells if c)),
                ))
            break  # one header per grid
    if not measurements:
        first = ""
        for g in grids:
            first = next((" ".join(r) for r in g.rows if any(r)), "")
            if first:
                break
        raise InputFileError(
            "no measurement table found: expected a header row naming the service level/KPI and its actual/result; "
            f"the file begins with {first[:80]!r}")
    return measurements
