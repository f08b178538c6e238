"""Read a vendor performance report (CSV, XLSX or PDF table) into measurements as the vendor wrote them.

Layouts differ by vendor: a title block above the header, metrics as rows, the period in a column or in
the title. We look for the header row by what its cells mean, not by position, and read the rows below it.
Where the engagement's SLA schedule is already loaded, it is read against it: the name column is the one
whose cells name the most of its service levels, and of several tables those naming none are left out.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from etl.pdf_document import read_pages
from etl.quantities import CURRENCY_CODES, day_first_in, parse_number, parse_period, spelling_pattern, units
from etl.records import InputFileError, Measurement, Provenance
from etl.reports.metric_mapping import Schedule
from etl.reports.values import spreadsheet_safe

# header words -> column role; checked in order so "Achieved?" is a status, not an actual
HEADER_ROLES: list[tuple[str, tuple[str, ...]]] = [
    ("status", ("status", "met?", "achieved?", "met", "rag", "pass/fail", "sla met", "erfuellt", "breached?")),
    ("period", ("reporting month", "period", "month", "periode", "monat", "month end", "period end", "as of")),
    ("target", ("target", "expected", "sla level", "ziel", "soll", "threshold", "goal", "objective", "commitment")),
    ("actual", ("actual", "result", "achieved", "value", "score", "ist", "performance", "attainment", "measured")),
    ("unit", ("unit", "uom", "einheit")),
    ("metric", ("service level", "kpi", "metric", "measure", "sla", "indicator")),
]
# count columns: "Tickets within SLA" / "Total tickets" give the attainment as a share
MET_COUNT_WORDS = re.compile(r"(?i)\b(?:met|within|compliant|on time|in sla|successful|achieved)\b")
TOTAL_COUNT_WORDS = re.compile(r"(?i)\b(?:total|volume|count|all|number of)\b")
MAX_REPORT_ROWS = 100_000
MAX_REPORT_COLUMNS = 200
MAX_BLANK_ROWS = 1_000
# one file's measurements: a few thousand in any real report; a file of ever more month columns is not one
MAX_REPORT_MEASUREMENTS = 200_000
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
    try:
        rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        # said in words: the csv module's own text ("field larger than field limit (131072)") helps nobody
        if "field larger than field limit" in str(exc):
            raise InputFileError(
                f"a cell holds more than {csv.field_size_limit() // 1024} KB of text: not a report's table "
                "(a quote left open can swallow the rest of the file)"
            ) from None
        raise InputFileError(f"not a readable CSV table ({exc})") from None
    if len(rows) > MAX_REPORT_ROWS:
        raise InputFileError(f"report has {len(rows):,} rows, above the limit of {MAX_REPORT_ROWS:,}")
    return [_Grid(rows, "", 0, "")]


# Excel's own limit on the text of one cell: a longer one (one huge shared string that thousands of cells point
# at costs minutes of text handling per cell) was not written by a spreadsheet
EXCEL_CELL_CHARS = 32_767


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
            rows, blank_run = [], 0
            # a sheet's stated dimension can claim millions of cells for a file of a few KB, and openpyxl pads
            # every row to it: read at most MAX_REPORT_COLUMNS columns, and stop after a long run of empty rows
            for r in ws.iter_rows(values_only=True, max_col=MAX_REPORT_COLUMNS):
                # checked before any cell's text is handled: each copy of a huge string costs time
                longest = max((len(c) for c in r if isinstance(c, str)), default=0)
                if longest > EXCEL_CELL_CHARS:
                    raise InputFileError(
                        f"a cell of sheet {ws.title!r} holds {longest:,} characters, more than the "
                        f"{EXCEL_CELL_CHARS:,} an Excel cell can: not a workbook a spreadsheet wrote"
                    )
                cells = [_cell_text(c) for c in r]
                blank_run = blank_run + 1 if not any(cells) else 0
                if blank_run > MAX_BLANK_ROWS:
                    break
                rows.append(cells)
                if len(rows) > MAX_REPORT_ROWS:
                    raise InputFileError(f"sheet {ws.title!r} has more than {MAX_REPORT_ROWS:,} rows")
            context = " ".join([ws.title, *(" ".join(r) for r in rows[:6])])
            grids.append(_Grid(rows, f"sheet {ws.title}", 0, context))
    finally:
        wb.close()
    return grids


MAX_JSON_COLUMNS = 200


def _is_records(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(r, dict) for r in value)


def _scalars(record: dict, prefix: str = "") -> dict[str, object]:
    """A record's scalar fields, nested objects flattened to 'parent.child'."""
    out: dict[str, object] = {}
    for k, v in record.items():
        if isinstance(v, dict):
            out.update(_scalars(v, f"{prefix}{k}."))
        elif not isinstance(v, list):
            out[f"{prefix}{k}"] = v
    return out


def _leaf_records(node, inherited: dict[str, object], path: str) -> list[tuple[str, dict[str, object]]]:
    """Every record of the innermost lists, each with the scalar fields of the objects above it (a portal's
    period or engagement in a parent object), and the path it was read from."""
    if isinstance(node, list):
        return [leaf for item in node if isinstance(item, dict) for leaf in _leaf_records(item, inherited, path)]
    if not isinstance(node, dict):
        return []
    own = {**inherited, **_scalars(node)}
    nested = [(k, v) for k, v in node.items() if _is_records(v)]
    if not nested:
        return [(path, own)]
    return [leaf for k, v in nested for leaf in _leaf_records(v, own, f"{path}.{k}" if path else k)]


def _json_grids(path: Path) -> list[_Grid]:
    """A JSON export: the innermost lists of records, at any depth, become one table, each row carrying the
    fields of its parent objects (the period of a month object, say)."""
    import json

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputFileError(f"not valid JSON ({exc})") from None
    except RecursionError:
        raise InputFileError("JSON nested deeper than Python reads (about 1,000 levels): not a report") from None
    if not (_is_records(data) or isinstance(data, dict)):
        raise InputFileError("JSON has no list of measurement records")
    try:
        leaves = _leaf_records(data, {}, "")
    except RecursionError:
        raise InputFileError("JSON nested deeper than Python reads (about 1,000 levels): not a report") from None
    if not leaves or all(p == "" for p, _ in leaves) and not _is_records(data):
        raise InputFileError("JSON has no list of measurement records")
    if len(leaves) > MAX_REPORT_ROWS:
        raise InputFileError(f"report has {len(leaves):,} records, above the limit of {MAX_REPORT_ROWS:,}")
    keys = list(dict.fromkeys(k for _, r in leaves for k in r))
    if len(keys) > MAX_JSON_COLUMNS:
        # records with ever new keys are not a report's table (and would cost records x keys cells)
        raise InputFileError(f"JSON records have {len(keys):,} distinct fields, above the limit of {MAX_JSON_COLUMNS}")
    rows = [keys] + [[_cell_text(r.get(k)) for k in keys] for _, r in leaves]
    where = ", ".join(dict.fromkeys(p for p, _ in leaves if p))
    return [_Grid(rows, f"records at {where}" if where else "", 0, "")]


def _pdf_grids(path: Path) -> list[_Grid]:
    """Tables of each page; a table's context is the text between the previous table and it (its heading, where
    a report of several months names each month), or the whole page where that names no period."""
    grids = []
    for page in read_pages(path):
        searched_to = 0
        for i, table in enumerate(page.tables, start=1):
            first = next((c for c in table[0] if c.strip()), "") if table else ""
            at = page.text.find(first.split("\n")[0], searched_to) if first else -1
            heading = page.text[searched_to:at] if at >= 0 else ""
            if at >= 0:
                searched_to = at + len(first)
            context = heading if parse_period(heading) else page.text
            grids.append(_Grid(table, f"page {page.number} table {i}", page.number, context))
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


def _measurement(
    engagement_id, name, period, actual_text, status, location, grid, cells, sha256, target_text=""
) -> Measurement:
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
        reported_target_text=spreadsheet_safe(target_text),
    )


def _within_limit(values: int) -> None:
    """Refuse a table before its values are built: a 4 MB CSV of 1,000 month columns would be 2 M measurements."""
    if values > MAX_REPORT_MEASUREMENTS:
        raise InputFileError(
            f"report gives {values:,} values, above the limit of {MAX_REPORT_MEASUREMENTS:,} for one file "
            "(split it by period)"
        )


def _read_grid(grid: _Grid, engagement_id: str, sha256: str, file_period: str | None) -> list[Measurement]:
    """Measurements from one table in any of three shapes: metrics as rows (long), metrics as columns with
    a period column (wide), or metrics as rows with one column per month. The first row that heads one of
    them decides."""
    rows = grid.rows
    grid_period = parse_period(grid.context) or file_period
    for h in range(len(rows)):
        body_start, roles = _long_header(rows, h)
        if roles is not None:  # long: one row per metric
            return _long_rows(grid, roles, body_start, grid_period, engagement_id, sha256)
        found = _wide_roles(rows, h)
        out = _months_as_columns(grid, h, found, engagement_id, sha256) or _metrics_as_columns(
            grid, h, found, engagement_id, sha256
        )
        if out:
            return out
    return []


def _long_header(rows: list[list[str]], h: int) -> tuple[int, dict[str, int] | None]:
    """Where the body starts and the columns' roles, when row `h` heads a long table; a second header row of
    sub-labels under merged cells (empty first cell, words only) is merged into it."""
    row, roles = rows[h], _roles(rows[h])
    below = rows[h + 1] if h + 1 < len(rows) else []
    sub_header = (
        bool(below)
        and not below[0].strip()
        and any(c.strip() for c in below[1:])
        and all(parse_number(c) is None for c in below if c.strip())
    )
    if (roles is None or sub_header) and below:
        merged = _roles(_merged_header(row, below))
        if merged is not None:
            return h + 2, merged
    return h + 1, roles


def _long_rows(
    grid: _Grid, roles: dict[str, int], body_start: int, grid_period: str | None, engagement_id: str, sha256: str
) -> list[Measurement]:
    """One measurement per body row that names a metric."""
    rows = grid.rows
    day_first = _column_day_first(
        [c[roles["period"]] for c in rows[body_start:] if roles["period"] < len(c)] if "period" in roles else []
    )
    out = []
    for r, cells in enumerate(rows[body_start:], start=body_start + 1):

        def get(role, cells=cells):
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
                parse_period(get("period"), day_first) or grid_period,
                actual,
                get("status"),
                f"{grid.where} row {r}".strip(),
                grid,
                cells,
                sha256,
                get("target"),
            )
        )
    return out


def _wide_roles(rows: list[list[str]], h: int) -> dict[str, int]:
    """The roles row `h`'s header words give, with a period column found by its cells where no word names it
    ("Mes", "Zeitraum")."""
    found = _header_roles(rows[h])
    if "period" not in found and not ({"metric", "actual"} & found.keys()):
        periodic = _periodic_column(rows, h)
        if periodic is not None:
            found = {**found, "period": periodic}
    return found


def _months_as_columns(
    grid: _Grid, h: int, found: dict[str, int], engagement_id: str, sha256: str
) -> list[Measurement]:
    """Metrics as rows under a header of two or more months: one measurement per metric and month."""
    rows, row = grid.rows, grid.rows[h]
    month_columns = {i: parse_period(c) for i, c in enumerate(row) if i != found.get("metric") and parse_period(c)}
    if "metric" not in found or len(month_columns) < 2:
        return []
    _within_limit(len(rows) * len(month_columns))
    out = []
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
    return out


def _metrics_as_columns(
    grid: _Grid, h: int, found: dict[str, int], engagement_id: str, sha256: str
) -> list[Measurement]:
    """Metrics as columns beside a period column: one measurement per period row and metric column. A column of
    names under the header means metrics are rows here (read by content), not columns."""
    rows, row = grid.rows, grid.rows[h]
    if not (
        "period" in found
        and not parse_period(row[found["period"]])
        and len(row) - len(found) >= 1
        and not ({"metric", "actual"} & found.keys())
    ):
        return []
    metric_columns = [i for i, c in enumerate(row) if c and i not in found.values()]
    _within_limit(len(rows) * len(metric_columns))
    body = [r for r in rows[h + 1 : h + 80] if any(c.strip() for c in r)]
    if any(
        sum(1 for r in body if i < len(r) and r[i].strip() and not _VALUE.match(r[i])) > len(body) // 2
        for i in metric_columns
    ):
        return []
    out = []
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
    return out


def _split_at_period_headings(grid: _Grid) -> list[_Grid]:
    """A sheet or CSV holding several months one under the other, each table under a heading line that names
    its month ("March 2025"), becomes one grid per month with that heading as its context."""
    heads = [
        i
        for i, r in enumerate(grid.rows)
        if len([c for c in r if c.strip()]) == 1
        and parse_period(next(c for c in r if c.strip()))
        and i + 1 < len(grid.rows)
    ]
    if len(heads) < 2:
        return [grid]
    out = []
    for k, start in enumerate(heads):
        end = heads[k + 1] if k + 1 < len(heads) else len(grid.rows)
        heading = next(c for c in grid.rows[start] if c.strip())
        out.append(_Grid(grid.rows[start + 1 : end], f"{grid.where} {heading}".strip(), grid.page, heading))
    return out


# a time as a value cell writes it: every spelling and symbol of the seed `units` ("270 min", "4h", "250 ms")
_WRITTEN_TIME = spelling_pattern(
    f for u in units().values() if u.kind == "time" and " " not in u.name for f in (*u.spellings, *u.symbols)
)
_VALUE = re.compile(
    r"^\s*[<>≤≥~]?\s*-?\d+(?:[.,]\d+)*\s*(?:%|" + _WRITTEN_TIME + r")?\s*$"
    r"|^\s*\d+\s*h(?:ours?|rs?)?\s*\d+\s*m(?:in(?:utes?|s)?)?\s*$|^\s*\d+:\d{2}:\d{2}\s*$",
    re.I,
)


def _periodic_column(rows: list[list[str]], h: int) -> int | None:
    """The first column under header row `h` whose cells (at least two) are nearly all periods, where the header
    cell itself is not one: a wide table's period column, whatever its header says."""
    body = [r for r in rows[h + 1 : h + 80] if any(c.strip() for c in r)]
    for i, head in enumerate(rows[h]):
        values = [r[i].strip() for r in body if i < len(r) and r[i].strip()]
        if len(values) >= 2 and head.strip() and not parse_period(head):
            if sum(parse_period(v) is not None for v in values) >= 0.8 * len(values):
                return i
    return None


def _roles_by_content(
    rows: list[list[str]], h: int, schedule: Schedule | None = None
) -> tuple[dict[str, int], bool | None] | None:
    """Column roles from what the cells below a header row hold, for exports whose headers use the tool's own
    words: the period column is the one whose cells are dates or months (day-first or month-first decided from
    the column), the name column the text column, the value column the numeric one (header words break ties;
    a target or a count is never the value). None when the cells do not decide."""
    header = rows[h]
    body = [r for r in rows[h + 1 : h + 80] if any(c.strip() for c in r)]
    if not body or len([c for c in header if c.strip()]) < 2:
        return None
    width = max(len(header), *(len(r) for r in body))
    words = _header_roles(header)

    def cells(i):
        return [r[i].strip() for r in body if i < len(r) and r[i].strip()]

    def share(i, test):
        values = cells(i)
        return sum(1 for v in values if test(v)) / len(values) if values else 0.0

    numeric = {i for i in range(width) if share(i, lambda v: bool(_VALUE.match(v))) >= 0.8}
    periodic = {i for i in range(width) if i not in numeric and share(i, lambda v: parse_period(v) is not None) >= 0.8}
    texts = [i for i in range(width) if i not in numeric and i not in periodic and cells(i)]
    roles: dict[str, int] = {}
    if periodic:
        roles["period"] = words["period"] if words.get("period") in periodic else min(periodic)
    names = [i for i in texts if i not in (words.get("status"), words.get("unit"))]
    if not names:
        return None
    named = {i: schedule.count(cells(i)) for i in names} if schedule else {}
    if named and max(named.values()) > 0:
        # the column naming the most of the schedule's service levels, whatever its header says
        roles["metric"] = max(names, key=lambda i: (named[i], i == words.get("metric"), -i))
    else:
        roles["metric"] = (
            words["metric"] if words.get("metric") in names else max(names, key=lambda i: (len(set(cells(i))), -i))
        )
    value_roles = _value_roles(header, numeric, words)
    if value_roles is None:
        return None
    roles.update(value_roles)
    for role in ("status", "unit", "target"):
        if role in words and words[role] < width:
            roles.setdefault(role, words[role])
    column = [r[roles["period"]] if "period" in roles and roles["period"] < len(r) else "" for r in body]
    return roles, _column_day_first(column)


def _value_roles(header: list[str], numeric: set[int], words: dict[str, int]) -> dict[str, int] | None:
    """Which numeric column is the value: the one the header word names, else the only one that is not a target
    or a count, else a pair of met and total counts. None when the cells leave it open."""

    def head(i):
        return header[i] if i < len(header) else ""

    if words.get("actual") in numeric:
        return {"actual": words["actual"]}
    excluded = {words.get("target")} | {i for i in numeric if TOTAL_COUNT_WORDS.search(head(i))}
    candidates = [i for i in sorted(numeric) if i not in excluded and not MET_COUNT_WORDS.search(head(i))]
    if len(candidates) == 1:
        return {"actual": candidates[0]}
    met = [i for i in numeric if MET_COUNT_WORDS.search(head(i))]
    total = [i for i in numeric if TOTAL_COUNT_WORDS.search(head(i)) and i not in met]
    if len(met) == 1 and len(total) == 1:
        return {"met_count": met[0], "total_count": total[0]}
    return None


_FULL_DATE = re.compile(r"\b(\d{1,2})[./-](\d{1,2})[./-](20\d{2})\b")


def _column_day_first(cells: list[str]) -> bool | None:
    """How a period column writes full dates, decided from the whole column; a column whose every date reads
    both ways ('05/03/2025') is not guessed: the file is rejected with the reason and the fix."""
    day_first = day_first_in(cells)
    if day_first is None:
        for c in cells:
            m = _FULL_DATE.search(c or "")
            if m and m.group(1) != m.group(2) and int(m.group(1)) <= 12 and int(m.group(2)) <= 12:
                raise InputFileError(
                    f"dates like {m.group(0)!r} could be day-first or month-first and no date in the column says "
                    "which (a day above 12); write the period as 2025-03 or March 2025, or add a later date"
                )
    return day_first


def _read_by_content(
    grid: _Grid, engagement_id: str, sha256: str, file_period: str | None, schedule: Schedule | None = None
) -> list[Measurement]:
    grid_period = parse_period(grid.context) or file_period
    for h in range(min(len(grid.rows), 30)):
        found = _roles_by_content(grid.rows, h, schedule)
        if found is None:
            continue
        roles, day_first = found
        out = []
        for r, cells in enumerate(grid.rows[h + 1 :], start=h + 2):

            def get(role, cells=cells, roles=roles):
                return cells[roles[role]] if role in roles and roles[role] < len(cells) else ""

            name = get("metric").strip()
            if not name or re.match(r"(?i)total|average|notes?\b", name):
                continue
            actual = get("actual")
            if "met_count" in roles:
                met, total = parse_number(get("met_count")), parse_number(get("total_count"))
                # the share is the attainment; the counts stay in the row's source text
                actual = f"{100.0 * met / total:.6g}%" if met is not None and total else ""
            period = parse_period(get("period"), day_first) if "period" in roles else grid_period
            out.append(
                _measurement(
                    engagement_id,
                    name,
                    period,
                    actual,
                    get("status"),
                    f"{grid.where} row {r}".strip(),
                    grid,
                    cells,
                    sha256,
                    get("target"),
                )
            )
        if out:
            return out
    return []


def _named_columns(grid: _Grid, columns: dict[str, str]) -> tuple[int, dict[str, int]] | None:
    """Where the body starts and each role's column, in the first of the grid's first 30 rows holding every
    header the mapping file names (case and spacing aside)."""
    wanted = {role: header.lower() for role, header in columns.items()}
    for h, row in enumerate(grid.rows[:30]):
        cells = [" ".join(c.split()).lower() for c in row]
        if all(header in cells for header in wanted.values()):
            return h + 1, {role: cells.index(header) for role, header in wanted.items()}
    return None


def _read_named(
    grids: list[_Grid], columns: dict[str, str], engagement_id: str, sha256: str, file_period: str | None
) -> list[Measurement]:
    """The rows of every table whose header the mapping file's report_columns name, or a refusal that says which
    headers the report has."""
    out = []
    for grid in grids:
        found = _named_columns(grid, columns)
        if found:
            grid_period = parse_period(grid.context) or file_period
            out += _long_rows(grid, found[1], found[0], grid_period, engagement_id, sha256)
    if not out:
        heads = next((" | ".join(c for c in r if c) for g in grids for r in g.rows if any(r)), "")
        raise InputFileError(
            "no table has a header row holding every column the mapping file's report_columns names ("
            + ", ".join(f"{role}: {header!r}" for role, header in columns.items())
            + f"); the report's first row reads {heads[:120]!r}: write its headers into report_columns as they stand"
        )
    return out


def extract_report(
    path: Path,
    engagement_id: str,
    sha256: str,
    schedule: Schedule | None = None,
    columns: dict[str, str] | None = None,
) -> list[Measurement]:
    """The report's measurements; `schedule` (the engagement's loaded service levels, if any) steers the reader
    to the tables and the column that name them; `columns` (the mapping file's report_columns, role -> header)
    names the columns outright."""
    if not engagement_id:
        raise InputFileError("report is not inside a reports/<engagement_id>/ folder, so its engagement is unknown")
    grids = read_grids(path)
    file_period = parse_period(path.stem)
    if columns:
        measurements = _read_named(grids, columns, engagement_id, sha256, file_period)
        _within_limit(len(measurements))
        return measurements
    tables: list[list[Measurement]] = []
    for grid in (g for whole in grids for g in _split_at_period_headings(whole)):
        # header words first (the layouts we know read exactly that way), then what the cells hold
        tables.append(
            _read_grid(grid, engagement_id, sha256, file_period)
            or _read_by_content(grid, engagement_id, sha256, file_period, schedule)
        )
    if schedule:
        # of several tables (a summary and a ticket list, say), those naming the schedule's service levels; a
        # report naming none keeps every row, and each unmatched row is quarantined with its reason at the load
        naming = [t for t in tables if any(schedule.named(name) for name in {m.metric_name for m in t})]
        tables = naming or tables
    measurements = [m for t in tables for m in t]
    _within_limit(len(measurements))
    if not measurements:
        first = ""
        for g in grids:
            first = next((" ".join(r) for r in g.rows if any(r)), "")
            if first:
                break
        raise InputFileError(
            "no measurement table found: expected a header row naming the service level/KPI and its actual/result "
            f"(or one column per metric with a month column); the file begins with {first[:80]!r}. Where its "
            f"columns hold them under other headers, name those in mappings/{engagement_id}.yml, for example "
            'report_columns: {metric: "KPI", actual: "Result", period: "Month"}'
        )
    return measurements
