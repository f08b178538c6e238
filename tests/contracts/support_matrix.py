"""A support-matrix paraphraser of our own: one set of incident response and resolution commitments per
priority, written in many wordings and layouts.

The most common service levels in commercial support and maintenance agreements are times per priority (or
severity): how soon the supplier responds, and how soon it resolves. Drafting habits differ in what the levels
are called (priority, severity, incident level, "P1"), what the two measures are called (response,
acknowledgement, initial reaction; resolution, restoration, fix), how the times are written ("15 minutes",
"fifteen (15) minutes", "4 hrs", "1 business day") and how it is typeset (a matrix either way round, a list, a
sentence per level, label-value blocks). Every paraphrase states the same commitments, so the rows read from each
must be the same. The invented levels and their times are below; nothing here comes from a shared document.
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
class Commitment:
    level: int  # 1 is the most urgent
    label: str  # the word a drafter gives the level
    respond: tuple[float, str]  # (value, unit as eval-sla names it)
    resolve: tuple[float, str]


COMMITMENTS = (
    Commitment(1, "Critical", (15, "minutes"), (4, "hours")),
    Commitment(2, "High", (30, "minutes"), (8, "hours")),
    Commitment(3, "Medium", (2, "hours"), (3, "business days")),
    Commitment(4, "Low", (1, "business days"), (10, "business days")),
)

WORDINGS = {
    "priority-response-resolution": dict(level="Priority", respond="Response Time", resolve="Resolution Time"),
    "severity-acknowledge-restore": dict(level="Severity", respond="Acknowledgement", resolve="Restoration"),
    "incident-reaction-fix": dict(level="Incident Level", respond="Initial Reaction", resolve="Target Fix Time"),
    "p-codes-respond-resolve": dict(level="P", respond="Respond Within", resolve="Resolve Within"),
    # added later, before the reader was run on them (#30, first sight)
    "severity-level-callback-restored": dict(
        level="Severity Level", respond="Engineer Callback", resolve="Service Restored"
    ),
    "priority-acknowledge-repair": dict(level="Priority", respond="Time to Acknowledge", resolve="Time to Repair"),
}

_SMALL = {1: "one", 2: "two", 3: "three", 4: "four", 8: "eight", 10: "ten", 15: "fifteen", 30: "thirty"}
_SINGULAR = {"minutes": "minute", "hours": "hour", "business days": "business day"}


def _time(value: float, unit: str, style: str) -> str:
    n = int(value)
    word = unit if n != 1 else _SINGULAR[unit]
    if style == "words":  # the legal habit: a number in words with its digits in brackets
        return f"{_SMALL[n]} ({n}) {word}"
    if style == "abbreviated":
        short = {"minutes": "mins", "hours": "hrs", "business days": "business days"}[unit]
        return f"{n} {short if n != 1 else short.rstrip('s') if unit != 'business days' else 'business day'}"
    return f"{n} {word}"


def _name(w: dict, c: Commitment) -> str:
    return f"P{c.level}" if w["level"] == "P" else f"{w['level']} {c.level}"


def _matrix(w: dict, style: str = "digits") -> list[list[str]]:
    rows = [[w["level"] if w["level"] != "P" else "Priority", "Description", w["respond"], w["resolve"]]]
    for c in COMMITMENTS:
        rows.append([_name(w, c), c.label, _time(*c.respond, style), _time(*c.resolve, style)])
    return rows


def _transposed(w: dict) -> list[list[str]]:
    rows = [["Measure", *(f"{_name(w, c)} ({c.label})" for c in COMMITMENTS)]]
    for key in ("respond", "resolve"):
        rows.append([w[key], *(_time(*getattr(c, key), "digits") for c in COMMITMENTS)])
    return rows


def _table(rows: list[list[str]], ruled: bool) -> Table:
    table = Table(rows, repeatRows=1, hAlign="LEFT")
    style = [("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(style))
    return table


def _list_line(w: dict, c: Commitment) -> str:
    return (
        f"{_name(w, c)} ({c.label}): {w['respond'].lower()} {_time(*c.respond, 'digits')}; "
        f"{w['resolve'].lower()} {_time(*c.resolve, 'digits')}."
    )


def _sentence(w: dict, c: Commitment) -> str:
    return (
        f"For each {_name(w, c)} incident, the Supplier shall respond within {_time(*c.respond, 'words')} "
        f"and shall resolve the incident within {_time(*c.resolve, 'words')} of its being reported."
    )


def _block(w: dict, c: Commitment) -> list[str]:
    return [
        f"{_name(w, c)} \u2013 {c.label}",
        f"{w['respond']}: {_time(*c.respond, 'abbreviated')}",
        f"{w['resolve']}: {_time(*c.resolve, 'abbreviated')}",
    ]


def _story(layout: str, w: dict) -> list:
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story: list = [
        Paragraph("EXHIBIT C \u2013 SUPPORT SERVICE LEVELS", styles["Heading2"]),
        Paragraph(
            "The Supplier shall provide support for incidents according to their priority, which the Customer "
            "assigns when it reports them. Times run from the report of the incident.",
            body,
        ),
        Spacer(1, 0.4 * cm),
    ]
    if layout in ("ruled matrix", "unruled matrix"):
        story.append(_table(_matrix(w), ruled=layout == "ruled matrix"))
    elif layout == "ruled matrix, times in words":
        story.append(_table(_matrix(w, "words"), ruled=True))
    elif layout == "ruled, transposed":
        story.append(_table(_transposed(w), ruled=True))
    elif layout == "list":
        story += [Paragraph(_list_line(w, c), body) for c in COMMITMENTS]
    elif layout == "sentence per level":
        story += [Paragraph(_sentence(w, c), body) for c in COMMITMENTS]
    elif layout == "label-value blocks":
        for c in COMMITMENTS:
            story += [Paragraph(line, body) for line in _block(w, c)] + [Spacer(1, 0.3 * cm)]
    else:
        raise ValueError(layout)
    return story


LAYOUTS = (
    "ruled matrix",
    "unruled matrix",
    "ruled matrix, times in words",
    "ruled, transposed",
    "list",
    "sentence per level",
    "label-value blocks",
)


def write(path: Path, layout: str, wording: str) -> Path:
    doc = SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1)
    doc.build(_story(layout, WORDINGS[wording]))
    return path


# grades named by words of the contract's own, under a header that says what they are; the times are the same
WORD_GRADES = {
    "severity words": dict(
        column="Severity", names=("Critical", "Major", "Minor", "Cosmetic"), respond="Response", resolve="Resolution"
    ),
    "class letters": dict(
        column="Error Class",
        names=("Emergency (A)", "Serious (B)", "Standard (C)", "Trivial (D)"),
        respond="Reaction",
        resolve="Closure",
    ),
    "category names": dict(
        column="Incident Category",
        names=("Outage", "Degraded", "Request", "Question"),
        respond="Acknowledgement",
        resolve="Restoration",
    ),
}
WORD_LAYOUTS = ("ruled matrix", "unruled matrix", "unruled, footnoted header")


def write_word_grades(path: Path, layout: str, wording: str) -> Path:
    w = WORD_GRADES[wording]
    marks = layout == "unruled, footnoted header"
    header = [
        f"{w['column']}{' (1)' if marks else ''}",
        f"{w['respond']}{' (2)' if marks else ''}",
        f"{w['resolve']}{' (3)' if marks else ''}",
    ]
    rows = [header] + [
        [name, _time(*c.respond, "digits"), _time(*c.resolve, "digits")] for name, c in zip(w["names"], COMMITMENTS)
    ]
    styles = getSampleStyleSheet()
    story = [
        Paragraph("Schedule 2 \u2013 Maintenance", styles["Heading2"]),
        Paragraph(
            "The Licensor shall correct errors in the software according to the following schedule.", styles["BodyText"]
        ),
        Spacer(1, 0.4 * cm),
        _table(rows, ruled=layout == "ruled matrix"),
    ]
    SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1).build(story)
    return path
