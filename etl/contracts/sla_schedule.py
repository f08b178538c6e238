"""Find the service-level schedule among a contract's tables, join it across pages, and read its rows."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.contracts.level_text import default_direction
from etl.pdf_document import PdfPage
from etl.quantities import parse_number, spelling_pattern, unit_spellings
from etl.records import Provenance, SlaTerm, metric_id

# header words -> column role; first match wins, so the specific roles come first
COLUMN_ROLES: list[tuple[str, tuple[str, ...]]] = [
    ("allocation", ("allocation", "weight", "credit %", "pool")),
    ("minimum", ("minimum", "min.", "floor")),
    ("expected", ("expected", "target", "committed level")),
    ("baseline", ("baseline", "current", "pre-transition")),
    ("unit", ("unit", "uom")),
    ("window", ("window", "measurement period", "frequency")),
    ("metric", ("service level", "metric", "kpi", "measure", "sla")),
]

# a unit written in a schedule's unit or level cells, by every spelling the seed `units` gives
_UNIT_SPELLINGS = unit_spellings("share", "time", "score", "count")
_UNIT_WRITTEN = re.compile(r"(?<![a-z])(?:" + spelling_pattern(_UNIT_SPELLINGS) + r")(?![a-z])", re.I)


@dataclass
class _Row:
    cells: list[str]
    page: int


def header_roles(row: list[str]) -> dict[str, int] | None:
    """Column index per role when the row is an SLA schedule header, else None."""
    roles: dict[str, int] = {}
    for i, cell in enumerate(row):
        low = cell.lower()
        for role, words in COLUMN_ROLES:
            if role not in roles and any(w in low for w in words):
                roles[role] = i
                break
    if {"metric", "expected", "minimum"} <= roles.keys():
        return roles
    return None


def _unit_of(unit_cell: str, level_cells: list[str], name: str) -> str:
    for text in [unit_cell, *level_cells]:
        written = [_UNIT_SPELLINGS[" ".join(m.group(0).lower().split())] for m in _UNIT_WRITTEN.finditer(text)]
        if written:
            return "percent" if "percent" in written else written[0]
    return "percent" if "rate" in name.lower() or "%" in name else "count"


def _direction(expected: float, minimum: float, name: str, unit: str) -> str:
    """From the levels' order; where they are equal, as any unsigned level's (level_text.default_direction)."""
    if expected != minimum:
        return "higher" if expected > minimum else "lower"
    return default_direction(name, unit)


def collect_schedule_rows(pages: list[PdfPage]) -> tuple[dict[str, int], list[_Row]] | None:
    """Rows of the SLA schedule, joined across page breaks.

    pdfplumber returns one table per page; a schedule that runs on continues either with its header
    repeated or as a headerless table of the same width at the top of the next page.
    """
    roles: dict[str, int] | None = None
    width = 0
    rows: list[_Row] = []
    open_at_page = 0  # page whose last table was the schedule, so the next page may continue it
    for page in pages:
        for t_index, table in enumerate(page.tables):
            if not table:
                continue
            found = header_roles(table[0])
            if found and roles is None:
                roles, width = found, len(table[0])
                rows += [_Row(r, page.number) for r in table[1:]]
            elif found and roles is not None and len(table[0]) == width:
                rows += [_Row(r, page.number) for r in table[1:]]  # continuation with repeated header
            elif roles is not None and t_index == 0 and open_at_page == page.number - 1 and len(table[0]) == width:
                rows += [_Row(r, page.number) for r in table]  # headerless continuation
            else:
                continue
            open_at_page = page.number if t_index == len(page.tables) - 1 else 0
    return (roles, rows) if roles else None


def read_sla_terms(pages: list[PdfPage], engagement_id: str, sha256: str, default_window: str) -> list[SlaTerm]:
    found = collect_schedule_rows(pages)
    if not found:
        return []
    roles, rows = found
    terms = []
    for row in rows:
        cell = lambda role, row=row: row.cells[roles[role]] if role in roles and roles[role] < len(row.cells) else ""  # noqa: E731
        name = cell("metric")
        expected, minimum = parse_number(cell("expected")), parse_number(cell("minimum"))
        if not name or expected is None or minimum is None:
            continue  # a sub-heading or note row inside the table
        allocation = parse_number(cell("allocation")) or 0.0
        baseline = parse_number(cell("baseline"))
        # a row missing optional columns is still a term, but less certain
        confidence = 0.95 - 0.1 * sum(1 for r in ("unit", "allocation") if r not in roles)
        terms.append(
            SlaTerm(
                engagement_id=engagement_id,
                metric_id=metric_id(name),
                metric_name=name,
                unit=(unit := _unit_of(cell("unit"), [cell("expected"), cell("minimum")], name)),
                direction=_direction(expected, minimum, name, unit),
                baseline=baseline,
                expected=expected,
                minimum=minimum,
                allocation_pct=allocation,
                measurement_window=(cell("window") or default_window).lower(),
                confidence=round(confidence, 2),
                provenance=Provenance(sha256, row.page, " | ".join(row.cells)),
            )
        )
    return terms


_NUMBER = r"-?\d+(?:[.,]\d+)?\s*%?"
_ROW = re.compile(
    r"^(?P<name>[A-Za-z][^|]*?)\s+(?:(?P<unit>" + spelling_pattern(_UNIT_SPELLINGS) + r")\s+)?"
    r"(?P<numbers>(?:" + _NUMBER + r"\s+){2,}" + _NUMBER + r")\s*$",
    re.I,
)


def labelled_term(
    engagement_id: str,
    name: str,
    unit: str,
    values: dict[str, float],
    window: str,
    confidence: float,
    provenance: Provenance,
    rule: str = "schedule table",
) -> SlaTerm:
    """A schedule row from its levels by role (expected, minimum, and optional baseline and allocation)."""
    return SlaTerm(
        engagement_id=engagement_id,
        metric_id=metric_id(name),
        metric_name=name,
        unit=unit,
        direction=_direction(values["expected"], values["minimum"], name, unit),
        baseline=values.get("baseline"),
        expected=values["expected"],
        minimum=values["minimum"],
        allocation_pct=values.get("allocation", 0.0),
        measurement_window=window,
        confidence=confidence,
        provenance=provenance,
        rule=rule,
    )


def read_sla_terms_from_text(
    pages: list[PdfPage], engagement_id: str, sha256: str, default_window: str, confidence: float = 0.6
) -> list[SlaTerm]:
    """The SLA schedule read from page text, for pages without a table model (OCR of scans).

    The header line gives the order of the numeric columns; each row is a name, an optional unit and
    the numbers in that order. Vertical rules OCR reads as '|' are dropped first.
    """
    terms = []
    for page in pages:
        numeric_roles: list[str] | None = None
        rows_under_header = 0
        for line in page.text.splitlines():
            line = " ".join(line.replace("|", " ").split())
            if not line:
                continue
            low = line.lower()
            # a sentence that names the levels ("where the Expected Service Level is above the Minimum ...") can
            # come before the header: until a row is read, a later header line replaces an earlier one
            if numeric_roles is None or rows_under_header == 0:
                if (
                    ("service level" in low or "metric" in low or "kpi" in low)
                    and "minimum" in low
                    and ("expected" in low or "target" in low)
                ):
                    positions = {
                        role: low.find(word)
                        for role, words in COLUMN_ROLES
                        if role in ("baseline", "expected", "minimum", "allocation")
                        for word in words
                        if word in low
                    }
                    numeric_roles = sorted(positions, key=positions.get)
                    continue
                if numeric_roles is None:
                    continue
            m = _ROW.match(line)
            if not m:
                if terms and re.match(r"^\d+\.\s", line):
                    break  # the next numbered clause ends the schedule
                continue
            numbers = [parse_number(n.replace(",", ".")) for n in re.findall(_NUMBER, m.group("numbers"))]
            if len(numbers) != len(numeric_roles):
                continue
            values = dict(zip(numeric_roles, numbers))
            rows_under_header += 1
            name = m.group("name").strip()
            unit = _unit_of(m.group("unit") or "", [m.group("numbers")], name)  # "99.5% 99.9%": their sign
            terms.append(
                labelled_term(
                    engagement_id,
                    name,
                    unit,
                    values,
                    default_window,
                    confidence,
                    Provenance(sha256, page.number, line, page.text.find(line.split()[0])),
                )
            )
    return terms


_LABELLED = re.compile(
    r"\b(?P<label>expected(?:\s+service\s+level)?|target(?:\s+service\s+level)?|minimum(?:\s+service\s+level)?|"
    r"baseline|allocation(?:\s+percentage)?)\s*(?:of|is|:|=)?\s*(?P<num>-?\d+(?:\.\d+)?)\s*%?",
    re.I,
)
_MEASURED_IN = re.compile(r"\bmeasured\s+in\s+(?P<unit>[a-z]+)", re.I)


def read_sla_terms_from_paragraphs(
    pages: list[PdfPage], engagement_id: str, sha256: str, default_window: str, confidence: float = 0.7
) -> list[SlaTerm]:
    """The schedule written one paragraph per service level, each level labelled: "Server Availability:
    measured in percent; Baseline 99.2; Expected Service Level 99.9; Minimum Service Level 99.5; Allocation
    Percentage 40%." A paragraph counts when it labels both an expected and a minimum level."""
    terms = []
    for page in pages:
        text = " ".join(page.text.split())
        for paragraph in re.split(r"(?<=\.)\s+(?=[A-Z])", text):
            values: dict[str, float] = {}
            for m in _LABELLED.finditer(paragraph):
                label = m.group("label").lower()
                role = next(r for r, words in COLUMN_ROLES if any(label.startswith(w.rstrip(".")) for w in words))
                values.setdefault(role, float(m.group("num")))
            if not {"expected", "minimum"} <= values.keys():
                continue
            first_label = _LABELLED.search(paragraph)
            name = re.split(r"[:;]|\s+measured\s+in\b", paragraph[: first_label.start()])[0].strip(" ,;:")
            if not name or len(name) > 120:
                continue
            measured = _MEASURED_IN.search(paragraph)
            unit = _unit_of(measured.group("unit") if measured else "", [], name)
            terms.append(
                labelled_term(
                    engagement_id,
                    name,
                    unit,
                    values,
                    default_window,
                    confidence,
                    Provenance(sha256, page.number, paragraph[:300]),
                    rule="labelled levels in a paragraph",
                )
            )
    return terms
