"""A performance requirements summary (PRS) of our own, in many wordings and layouts.

Federal performance work statements and surveillance plans state each service level as a row: what is to be done,
the standard it must meet and the acceptable quality level (AQL), often with how it is checked and what a miss
costs. The header words differ from agency to agency ("Performance Objective", "Task", "Required Service";
"Performance Standard", "Measure", "Performance Threshold"; "Acceptable Quality Level", "AQL", "Acceptable Level
of Performance", "Performance Threshold"), as do the column order, a reference column, and how the AQL is written
("95%", "95 percent", "95% compliance", "5% deviation"). The content does not: the AQL column holds shares, the standard column states what is
measured, the column left of it names the service. Every paraphrase states the same levels, so the rows read
from each must be the same.

The tasks, standards and numbers are invented; none comes from a shared document.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


@dataclass(frozen=True)
class Requirement:
    task: str
    standard: str
    aql: float  # the share of cases that must meet the standard
    threshold: tuple[float, str] | None  # the time the standard bounds each case by


REQUIREMENTS = (
    Requirement(
        "Facility repair requests", "Emergency repairs are started within 2 hours of notification.", 95, (2, "hours")
    ),
    Requirement("Help desk telephone support", "Calls are answered within 60 seconds.", 90, (60, "seconds")),
    Requirement("Monthly status report", "The report is delivered by the fifth working day of the month.", 100, None),
    Requirement("Grounds upkeep", "Lawns are mowed to a height below 4 inches.", 98, None),
    Requirement(
        "Mail distribution", "Incoming mail is sorted and delivered within 4 hours of receipt.", 97, (4, "hours")
    ),
)

# header words for (task, standard, AQL, surveillance, remedy), and how the AQL cell is written (a share that must
# meet the standard, or "deviation": the share allowed to miss it)
WORDINGS = {
    "objective-standard-aql": (
        (
            "Performance Objective",
            "Performance Standard",
            "Acceptable Quality Level",
            "Method of Surveillance",
            "Incentive",
        ),
        "{:g}%",
    ),
    "task-standard-aql-abbrev": (("Task", "Standard", "AQL", "Monitoring Method", "Disincentive"), "{:g}%"),
    "required-service-threshold": (
        ("Required Service", "Performance Threshold", "Allowable Compliance Level", "Surveillance", "Remedy"),
        "{:g} percent",
    ),
    "element-measure-level": (
        ("Service Element", "Measure", "Acceptable Level of Performance", "Inspection Method", "Deduction"),
        "{:g}%",
    ),
    "requirement-standard-compliance": (
        ("Performance Requirement", "Performance Standard", "AQL", "Surveillance Method", "Consequence"),
        "{:g}% compliance",
    ),
    "objective-standard-threshold": (
        ("Performance Objective", "Performance Standard", "Performance Threshold", "Surveillance", "Disincentive"),
        "deviation",
    ),
}


def _aql_cell(aql: float, form: str) -> str:
    return f"{100 - aql:g}% deviation" if form == "deviation" else form.format(aql)


_STYLE = getSampleStyleSheet()["BodyText"]


def _p(text: str) -> Paragraph:
    return Paragraph(text, _STYLE)


def _rows(words: tuple, aql_format: str, order: tuple[int, ...], reference: bool) -> list[list]:
    header = [words[i] for i in order]
    body = [
        [
            (r.task, r.standard, _aql_cell(r.aql, aql_format), "Periodic inspection", "Re-performance at no cost")[i]
            for i in order
        ]
        for r in REQUIREMENTS
    ]
    if reference:
        header = ["PWS Para.", *header]
        body = [[f"C.{k + 3}.1", *row] for k, row in enumerate(body)]
    return [[_p(c) for c in header]] + [[_p(c) for c in row] for row in body]


def _table(rows: list[list], ruled: bool) -> Table:
    table = Table(rows, repeatRows=1)
    style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(style))
    return table


_LAYOUTS = {
    "ruled": dict(order=(0, 1, 2, 3, 4), reference=False, ruled=True),
    "ruled, surveillance before the AQL": dict(order=(0, 1, 3, 2, 4), reference=False, ruled=True),
    "ruled, no remedy column": dict(order=(0, 1, 2, 3), reference=False, ruled=True),
    "ruled, reference column first": dict(order=(0, 1, 2, 3, 4), reference=True, ruled=True),
    "ruled, split over pages": dict(order=(0, 1, 2, 3, 4), reference=False, ruled=True, low=True),
    "unruled": dict(order=(0, 1, 2, 3, 4), reference=False, ruled=False),
}
LAYOUTS = tuple(_LAYOUTS)


def write(path: Path, layout: str, wording: str) -> Path:
    spec = _LAYOUTS[layout]
    words, aql_format = WORDINGS[wording]
    story = [_p("PERFORMANCE REQUIREMENTS SUMMARY"), Spacer(1, 12)]
    if spec.get("low"):
        story.insert(0, Spacer(1, 17 * cm))  # the table starts near the foot of the page and runs on
    story.append(_table(_rows(words, aql_format, spec["order"], spec["reference"]), spec["ruled"]))
    SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1).build(story)
    return path
