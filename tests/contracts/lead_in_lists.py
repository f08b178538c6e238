"""Levels listed under a lead-in, in many wordings and layouts, written to PDF (#30's paraphrase method).

Two measures of our own invention, each with a level per case: a share per phase of the service and a time per
kind of site. Each lead-in wording names the measure and its bound another way (a bound before "the following",
"minimum"/"maximum" before the measure, the measure as the subject, no bound at all); each item layout lists the
cases another way (letters, roman numerals, numbers, bullets, dashes; the label before or after the level; the
level on the line after its label; a page footer between items). Every paraphrase states the same levels.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer


@dataclass(frozen=True)
class Case:
    label: str
    value: float
    unit: str  # "percent" | "hours" | "days"


SHARE = (
    Case("pilot phase", 97.5, "percent"),
    Case("first contract year", 99.0, "percent"),
    Case("each later year", 99.7, "percent"),
)
TIME = (
    Case("headquarters", 2.0, "hours"),
    Case("regional offices", 8.0, "hours"),
    Case("remote depots", 2.0, "days"),
)

# lead-in per measure: (share lead-in, time lead-in)
LEAD_INS = {
    "bound before the following": (
        "The Contractor shall keep at least the following availability of the records platform, measured monthly:",
        "The Contractor shall restore service within the following periods after a fault is logged:",
    ),
    "measure as the subject": (
        "Availability of the records platform shall be no less than the following in every month:",
        "Restoration of service shall be no more than the following after a fault is logged:",
    ),
    "minimum or maximum before the measure": (
        "The records platform will have the following minimum monthly availability:",
        "The following maximum restoration times apply to faults logged with the help desk:",
    ),
    "no bound": (
        "The Contractor shall meet the following availability targets for the records platform:",
        "The Contractor shall meet the following restoration targets for logged faults:",
    ),
    "must achieve": (
        "Records platform availability must achieve not less than the following:",
        "Fault restoration must be at most the following:",
    ),
}


def _value(case: Case) -> str:
    if case.unit == "percent":
        return f"{case.value:g}%"
    return f"{case.value:g} {case.unit}" if case.value != 1 else f"1 {case.unit[:-1]}"


def _items(cases: tuple[Case, ...], layout: str) -> list[str]:
    """The list's lines in one layout."""
    lines: list[str] = []
    for k, case in enumerate(cases):
        last = k == len(cases) - 1
        if layout == "letters, label first":
            lines.append(f"({'abc'[k]}) {case.label}: {_value(case)}{'.' if last else ';'}")
        elif layout == "roman numerals, dash":
            lines.append(f"{('i', 'ii', 'iii')[k]}) {case.label.capitalize()} - {_value(case)}")
        elif layout == "numbers, level first":
            lines.append(f"{k + 1}. {_value(case)} for the {case.label}{'.' if last else ';'}")
        elif layout == "bullets, level on the next line":
            lines += [f"\u2022 {case.label.capitalize()}:", f"{_value(case)}{'.' if last else ';'}"]
        elif layout == "dashes, footer between":
            lines.append(f"- {case.label}: {_value(case)}")
            if k == 0:
                lines.append("Page 7 of 12")
    return lines


LAYOUTS = (
    "letters, label first",
    "roman numerals, dash",
    "numbers, level first",
    "bullets, level on the next line",
    "dashes, footer between",
)


def write(path: Path, wording: str, layout: str) -> Path:
    """A schedule page with both lists, each under its lead-in, then a sentence that ends the list."""
    styles = getSampleStyleSheet()
    story = [Paragraph("Schedule 4 \u2013 Service Levels", styles["Heading2"])]
    for lead_in, cases in zip(LEAD_INS[wording], (SHARE, TIME)):
        story.append(Paragraph(lead_in, styles["BodyText"]))
        story += [Paragraph(line, styles["BodyText"]) for line in _items(cases, layout)]
        story.append(Paragraph("Each level is reported in the monthly service report.", styles["BodyText"]))
        story.append(Spacer(1, 12))
    SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1).build(story)
    return path


def expected() -> set[tuple[str, float, str, str]]:
    """(label, value, unit, direction) of every level the page states."""
    return {(c.label, c.value, c.unit, "higher") for c in SHARE} | {(c.label, c.value, c.unit, "lower") for c in TIME}
