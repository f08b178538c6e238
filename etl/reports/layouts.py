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
from etl.quantities import CURRENCY_CODES, parse_number, parse_period
from etl.records import InputFileError, Measurement, Provenance
from etl.reports.values import spreadsheet_safe

# header words -> column role; checked in order so "Achieved?" is a status, not an actual
HEADER_ROLES: list[tuple[str, tuple[str, ...]]] = [
    ("status", ("status", "met?", "achieved?", "met", "rag", "pass/fail", "sla met", "erfuellt")),
    ("period", ("reporting month", "period", "month", "periode", "monat")),
    ("target", ("target", "expected", "sla level", "ziel", "soll")),
    ("actual", ("actual", "result", "achieved", "value", "score", "ist", "performance")),
    ("unit", ("unit", "uom", "einheit")),
    ("metric", ("service level", "kpi", "metric", "measure", "sla")),
]
MAX_REPORT_ROWS = 100_000
MAX_REPORT_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024  # what a workbook may inflate to (zip bombs)


@dataclass
class _Grid:
    rows: list[list[str]]
    where: str  # "sheet X" / "page 2 table 1" / ""
    page: int
    context: str  # text around the table (title block), where periods are often written


def _header_roles(row: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for i, cell in enumerate(row):
        low = cell.strip().lower().replace("_", " ")
        if not low:
            continue
        for role, words in HEADER_ROLES:
            if role in roles:
                continue
            if any(low == w or (len(w) > 3 and w in low) for w in words):
                roles[role] = i
                break
    return roles


def _roles(row: list[str]) -> dict[str, int] | None:
    roles = _header_roles(row)
    return roles if {"metric", "actual"} <= roles.keys() else None


def _merged_header(upper: list[str], lower: list[str]) -> list[str]:
    """Two header rows as one: a merged parent cell ('Performance' over 'Target | Actual') is read empty
    in the cells it spans, so it is carried right and joined to each sub-label."""
    out, parent = [], ""
    for i in range(max(len(upper), len(lower))):
        top = upper[i] if i < len(upper) else ""
        parent = top or (parent if i < len(lower) and lower[i] else "")
        sub = lower[i] if i < len(lower) else ""
        out.append(" ".join(x for x in (parent if not top else top, sub) if x))
    return out


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
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return repr(value) if abs(value) < 1 else f"{value:.10g}"
    return str(value).strip()


def _csv_grids(path: Path) -> list[_Grid]:
    raw = path.read_bytes()
    if not raw.strip():
        raise InputFileError("empty file (no rows)")
    # UTF-16 announces itself with a byte-order mark, or shows NUL bytes between ASCII letters
    utf16 = raw[:2] in (b"\xff\xfe", b"\xfe\xff") or raw[:1000].count(b"\x00") > len(raw[:1000]) // 4
    for encoding in (("utf-16",) if utf16 else ()) + ("utf-8-sig", "cp1252", "latin-1"):
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
    from zipfile import BadZipFile, ZipFile

    from openpyxl import load_workbook

    try:
        with ZipFile(path) as archive:
            inflated = sum(i.file_size for i in archive.infolist())
    except BadZipFile:
        raise InputFileError("not a readable XLSX workbook (the file is not a zip archive)") from None
    if inflated > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise InputFileError(
            f"XLSX would decompress to {inflated / 1e6:,.0f} MB, above the "
            f"{MAX_XLSX_UNCOMPRESSED_BYTES / 1e6:,.0f} MB limit (a zip bomb or an export gone wrong)"
        )
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


def _json_grids(path: Path) -> list[_Grid]:
    """A JSON export: the first list of records found (top level, or under any key) becomes a table."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputFileError(f"not valid JSON ({exc})") from None
    records = (
        data
        if isinstance(data, list)
        else next((v for v in (data.values() if isinstance(data, dict) else []) if isinstance(v, list)), None)
    )
    if not records or not all(isinstance(r, dict) for r in records):
        raise InputFileError("JSON has no list of measurement records")
    if len(records) > MAX_REPORT_ROWS:
        raise InputFileError(f"report has {len(records):,} records, above the limit of {MAX_REPORT_ROWS:,}")
    keys = list(dict.fromkeys(k for r in records for k in r))
    rows = [keys] + [[_cell_text(r.get(k)) for k in keys] for r in records]
    context = (
        " ".join(f"{k} {v}" for k, v in data.items() if not isinstance(v, (list, dict)))
        if isinstance(data, dict)
        else ""
    )
    return [_Grid(rows, "", 0, context)]


def _pdf_grids(path: Path) -> list[_Grid]:
    grids = []
    for page in read_pages(path):
        for i, table in enumerate(page.tables, start=1):
            grids.append(_Grid(table, f"page {page.number} table {i}", page.number, page.text))
    return grids


def read_grids(path: Path) -> list[_Grid]:
    size = path.stat().st_size
    if size > MAX_REPORT_BYTES:
        raise InputFileError(
            f"file is {size / 1e6:.0f} MB, above the {MAX_REPORT_BYTES // 1e6:.0f} MB limit for reports"
        )
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_grids(path)
    if suffix == ".xlsx":
        return _xlsx_grids(path)
    if suffix == ".pdf":
        return _pdf_grids(path)
    if suffix == ".json":
        return _json_grids(path)
    raise InputFileError(f"unsupported report type {suffix or '(no extension)'}: use CSV, XLSX, PDF or JSON")


def _measurement(engagement_id, name, period, actual_text, status, location, grid, cells, sha256) -> Measurement:
    name, actual_text, cells = (
        spreadsheet_safe(name),
        spreadsheet_safe(actual_text),
        [spreadsheet_safe(c) for c in cells],
    )
    return Measurement(
        engagement_id=engagement_id,
        metric_name=name,
        period=period or "",
        actual_text=actual_text,
        actual=parse_number(actual_text),
        reported_met=_status(status),
        location=location,
        provenance=Provenance(sha256, grid.page, " | ".join(c for c in cells if c)),
    )


def _read_grid(grid: _Grid, engagement_id: str, sha256: str, file_period: str | None) -> list[Measurement]:
    """Measurements from one table in any of three shapes: metrics as rows (long), metrics as columns with
    a period column (wide), or metrics as rows with one column per month."""
    rows = grid.rows
    grid_period = parse_period(grid.context) or file_period
    out: list[Measurement] = []
    for h, row in enumerate(rows):
        header, body_start = row, h + 1
        roles = _roles(header)
        below = rows[h + 1] if h + 1 < len(rows) else []
        # a second header row of sub-labels under merged cells: empty first cell, words only
        sub_header = (
            bool(below)
            and not below[0].strip()
            and any(c.strip() for c in below[1:])
            and all(parse_number(c) is None for c in below if c.strip())
        )
        if (roles is None or sub_header) and below:
            merged = _merged_header(row, below)
            if _roles(merged) is not None:
                header, body_start, roles = merged, h + 2, _roles(merged)
        if roles is not None:  # long: one row per metric
            for r, cells in enumerate(rows[body_start:], start=body_start + 1):

                def get(role, cells=cells, roles=roles):
                    return cells[roles[role]] if role in roles and roles[role] < len(cells) else ""

                name = get("metric")
                if not name or _roles(cells) is not None or re.match(r"(?i)total|average|notes?\b", name):
                    continue  # blank line, a repeated header, or a summary row with no metric of its own
                actual = get("actual")
                if get("unit").strip().upper() in CURRENCY_CODES:  # an amount keeps its currency: "1,250.00 USD"
                    actual = f"{actual.strip()} {get('unit').strip().upper()}"
                out.append(
                    _measurement(
                        engagement_id,
                        name,
                        parse_period(get("period")) or grid_period,
                        actual,
                        get("status"),
                        f"{grid.where} row {r}".strip(),
                        grid,
                        cells,
                        sha256,
                    )
                )
            return out
        found = _header_roles(row)
        month_columns = {i: parse_period(c) for i, c in enumerate(row) if i != found.get("metric") and parse_period(c)}
        if "metric" in found and len(month_columns) >= 2:  # months as columns
            for r, cells in enumerate(rows[h + 1 :], start=h + 2):
                name = cells[found["metric"]] if found["metric"] < len(cells) else ""
                if not name or re.match(r"(?i)total|average", name):
                    continue
                for i, period in month_columns.items():
                    if i < len(cells):
                        out.append(
                            _measurement(
                                engagement_id,
                                name,
                                period,
                                cells[i],
                                "",
                                f"{grid.where} row {r} column {i + 1}".strip(),
                                grid,
                                [name, cells[i]],
                                sha256,
                            )
                        )
            if out:
                return out
        if (
            "period" in found
            and not parse_period(row[found["period"]])
            and len(row) - len(found) >= 1
            and not ({"metric", "actual"} & found.keys())
        ):
            metric_columns = [i for i, c in enumerate(row) if c and i not in found.values()]
            for r, cells in enumerate(rows[h + 1 :], start=h + 2):
                period = parse_period(cells[found["period"]]) if found["period"] < len(cells) else None
                if not period:
                    continue
                for i in metric_columns:
                    if i < len(cells):
                        out.append(
                            _measurement(
                                engagement_id,
                                row[i],
                                period,
                                cells[i],
                                "",
                                f"{grid.where} row {r} column {i + 1}".strip(),
                                grid,
                                [row[i], cells[i]],
                                sha256,
                            )
                        )
            if out:
                return out
    return out


def extract_report(path: Path, engagement_id: str, sha256: str) -> list[Measurement]:
    if not engagement_id:
        raise InputFileError("report is not inside a reports/<engagement_id>/ folder, so its engagement is unknown")
    grids = read_grids(path)
    file_period = parse_period(path.stem)
    measurements: list[Measurement] = []
    for grid in grids:
        measurements += _read_grid(grid, engagement_id, sha256, file_period)
    if not measurements:
        first = ""
        for g in grids:
            first = next((" ".join(r) for r in g.rows if any(r)), "")
            if first:
                break
        raise InputFileError(
            "no measurement table found: expected a header row naming the service level/KPI and its actual/result "
            f"(or one column per metric with a month column); the file begins with {first[:80]!r}"
        )
    return measurements
