"""A schedule paraphraser of our own: one service-level schedule written in many wordings and layouts.

Independent of `samples/generate.py` (its wording is what the reader was first written against): the header
and label words here come from other drafting habits (critical service levels with an expected and a minimum
level, targets and floors, KPIs with committed levels, goals and trigger levels), the layouts from how
schedules are typeset (ruled and unruled tables, columns in other orders, units in a column or in the cells,
a table split over pages, a paragraph per level, label-value blocks, bullets, "shall be at least" sentences).
Every paraphrase states the same levels, so the rows read from each must be the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)


@dataclass(frozen=True)
class Level:
    name: str
    expected: float
    minimum: float
    unit: str  # "percent" | "hours"
    weight: float


# invented levels; one is a time, where the expected level is the lower one
LEVELS = (
    Level("Hosting Platform Availability", 99.8, 99.5, "percent", 25),
    Level("Service Desk Call Answer Rate", 90, 85, "percent", 20),
    Level("Change Success Rate", 98, 96, "percent", 20),
    Level("Batch Job Completion", 99, 97.5, "percent", 15),
    Level("Average Restore Time", 4, 6, "hours", 10),
    Level("Invoice Accuracy", 99.5, 98, "percent", 10),
)

WORDINGS = {
    "expected-minimum": dict(
        name="Service Level",
        exp="Expected Service Level",
        min="Minimum Service Level",
        win="Measurement Window",
        wt="Weighting",
        unit="Unit",
    ),
    "target-floor": dict(
        name="Critical Service Level",
        exp="Target",
        min="Floor",
        win="Period",
        wt="Allocation of Pool",
        unit="Measure",
    ),
    "committed-acceptable": dict(
        name="KPI",
        exp="Committed Level",
        min="Minimum Acceptable Level",
        win="Reporting Frequency",
        wt="Weight",
        unit="UoM",
    ),
    "goal-trigger": dict(
        name="Performance Indicator",
        exp="Goal",
        min="Trigger Level",
        win="Measured",
        wt="Share of At-Risk Amount",
        unit="Units",
    ),
    "target-breach": dict(
        name="Metric",
        exp="Service Target",
        min="Breach Threshold",
        win="Interval",
        wt="Credit Weighting",
        unit="Scale",
    ),
    # added later, before the reader was run on them (#30, first sight)
    "required-threshold": dict(
        name="Key Performance Indicator",
        exp="Required Performance",
        min="Service Threshold",
        win="Measurement Frequency",
        wt="Service Credit Weighting",
        unit="Unit of Measure",
    ),
    "objective-limit": dict(
        name="Service Measure",
        exp="Objective",
        min="Failure Limit",
        win="Assessment Period",
        wt="Fee at Risk",
        unit="Basis",
    ),
}


def _num(v: float) -> str:
    return f"{v:g}"


def _value(level: Level, v: float, style: str = "symbol") -> str:
    if level.unit == "hours":
        return f"{_num(v)} hours"
    return f"{_num(v)}%" if style == "symbol" else f"{_num(v)} percent"


def _table(rows: list[list[str]], ruled: bool, repeat_header: bool = True) -> Table:
    table = Table(rows, repeatRows=1 if repeat_header else 0, hAlign="LEFT")
    style = [("FONTSIZE", (0, 0), (-1, -1), 8), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    table.setStyle(TableStyle(style))
    return table


def _columns(w: dict, order: tuple[str, ...], unit_column: bool = False, words: bool = False) -> list[list[str]]:
    cols = ("name", "unit", *order[1:]) if unit_column else order
    header = [w[c] for c in cols]
    body = []
    for level in LEVELS:
        cells = {
            "name": level.name,
            "exp": _num(level.expected)
            if unit_column
            else _value(level, level.expected, "word" if words else "symbol"),
            "min": _num(level.minimum) if unit_column else _value(level, level.minimum, "word" if words else "symbol"),
            "win": "Monthly",
            "wt": f"{_num(level.weight)}%",
            "unit": "%" if level.unit == "percent" else "Hours",
        }
        body.append([cells[c] for c in cols])
    return [header, *body]


# what each level measures, as a schedule's description column says it (no bound or level of its own)
DESCRIPTIONS = (
    "The share of scheduled hours in which the hosting platform is available to users",
    "Calls answered by an agent, as a share of the calls offered",
    "Changes implemented without a rollback",
    "Scheduled batch jobs completed in their window",
    "Mean elapsed time to restore a failed service",
    "Invoices issued without a correction",
)


def _described(w: dict) -> list[list]:
    """A description column beside the name, the text of both wrapping in its cell, as a header's words do."""
    cell = getSampleStyleSheet()["BodyText"].clone("cell", fontSize=8, leading=9.5)
    header = [Paragraph(h, cell) for h in (w["name"], "Description", w["exp"], w["min"], w["win"], w["wt"])]
    rows = [
        [
            Paragraph(level.name, cell),
            Paragraph(text, cell),
            _value(level, level.expected),
            _value(level, level.minimum),
            "Monthly",
            f"{_num(level.weight)}%",
        ]
        for level, text in zip(LEVELS, DESCRIPTIONS, strict=True)
    ]
    return [header, *rows]


def _sectioned(w: dict) -> list[list[str]]:
    """Rows grouped under section rows that name the service they belong to, the other cells empty."""
    header, *rows = _columns(w, NAME_FIRST)
    blank = [""] * (len(header) - 1)
    return [header, ["Infrastructure", *blank], *rows[:3], ["Business Services", *blank], *rows[3:]]


def _two_header_rows(w: dict) -> list[list[str]]:
    """The level columns under one heading over both ("Service Levels"), their roles in the row below."""
    header, *rows = _columns(w, NAME_FIRST)
    return [[header[0], "Service Levels", "", header[3], header[4]], ["", header[1], header[2], "", ""], *rows]


_SPAN_HEADER = [("SPAN", (1, 0), (2, 0)), ("SPAN", (0, 0), (0, 1)), ("SPAN", (3, 0), (3, 1)), ("SPAN", (4, 0), (4, 1))]


def _spanned(rows: list[list[str]], ruled: bool) -> Table:
    table = _table(rows, ruled)
    table.setStyle(TableStyle(_SPAN_HEADER))
    return table


def _transposed(w: dict) -> list[list]:
    """The levels across the columns and what is stated of them down the rows; a name wraps in its cell."""
    cell = getSampleStyleSheet()["BodyText"].clone("cell", fontSize=8, leading=9.5)
    return [
        [w["name"], *(Paragraph(level.name, cell) for level in LEVELS)],
        [w["exp"], *(_value(level, level.expected) for level in LEVELS)],
        [w["min"], *(_value(level, level.minimum) for level in LEVELS)],
        [w["win"], *("Monthly" for _ in LEVELS)],
        [w["wt"], *(f"{_num(level.weight)}%" for level in LEVELS)],
    ]


NAME_FIRST = ("name", "exp", "min", "win", "wt")
REORDERED = ("wt", "name", "min", "exp", "win")


def _prose_name_first(w: dict, level: Level) -> str:
    return (
        f"{level.name}: the {w['exp']} is {_value(level, level.expected)} and the {w['min']} is "
        f"{_value(level, level.minimum)}, measured monthly; its {w['wt']} is {_num(level.weight)}%."
    )


def _prose_value_first(w: dict, level: Level) -> str:
    return (
        f"A {w['exp']} of {_value(level, level.expected)} and a {w['min']} of {_value(level, level.minimum)} "
        f"apply to {level.name}, measured monthly, with a {w['wt']} of {_num(level.weight)}%."
    )


def _label_block(w: dict, level: Level) -> list[str]:
    return [
        level.name,
        f"{w['exp']}: {_value(level, level.expected)}",
        f"{w['min']}: {_value(level, level.minimum)}",
        f"{w['win']}: Monthly",
        f"{w['wt']}: {_num(level.weight)}%",
    ]


def _bullet(w: dict, level: Level) -> str:
    return (
        f"\u2022 {level.name} \u2013 {w['exp']} {_value(level, level.expected)}, {w['min']} "
        f"{_value(level, level.minimum)} (monthly; {w['wt']} {_num(level.weight)}%)"
    )


def _at_least(w: dict, level: Level) -> str:
    bound = "at least" if level.unit == "percent" else "no more than"
    return (
        f"{level.name} shall be {bound} {_value(level, level.minimum)} in each month, against a {w['exp']} of "
        f"{_value(level, level.expected)}; {w['wt']}: {_num(level.weight)}%."
    )


def _numbered_parts(w: dict, level: Level) -> list[str]:
    """A level numbered before its name, each of its labels a sentence: "KPI 3: Change Success Rate. ..." """
    return [
        f"{w['name']} {LEVELS.index(level) + 1}: {level.name}.",
        f"{w['exp']}: {_value(level, level.expected)}.",
        f"{w['min']}: {_value(level, level.minimum)}.",
        f"{w['win']}: Monthly.",
        f"{w['wt']}: {_num(level.weight)}%.",
    ]


def _numbered_lines(w: dict, body) -> list:
    out: list = []
    for level in LEVELS:
        out += [Paragraph(line, body) for line in _numbered_parts(w, level)] + [Spacer(1, 0.3 * cm)]
    return out


def _story(layout: str, w: dict) -> list:
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story: list = [
        Paragraph("SCHEDULE 4 \u2013 SERVICE LEVELS", styles["Heading2"]),
        Paragraph(
            "The Supplier shall meet the levels below. Each is measured over each calendar month and reported "
            "within ten business days of the month's end.",
            body,
        ),
        Spacer(1, 0.4 * cm),
    ]
    story += _LAYOUTS[layout](w, body)
    story += [PageBreak(), Paragraph("SCHEDULE 5 \u2013 CHARGES", styles["Heading2"])]
    return story


def _blocks(w: dict, body) -> list:
    out: list = []
    for level in LEVELS:
        out += [Paragraph(line, body) for line in _label_block(w, level)] + [Spacer(1, 0.3 * cm)]
    return out


def _per_level(write):
    return lambda w, body: [Paragraph(write(w, level), body) for level in LEVELS]


_LAYOUTS = {
    "ruled table": lambda w, body: [_table(_columns(w, NAME_FIRST), ruled=True)],
    "unruled table": lambda w, body: [_table(_columns(w, NAME_FIRST), ruled=False)],
    "ruled, other column order": lambda w, body: [_table(_columns(w, REORDERED), ruled=True)],
    "unruled, other column order": lambda w, body: [_table(_columns(w, REORDERED), ruled=False)],
    "ruled, unit column": lambda w, body: [_table(_columns(w, NAME_FIRST, unit_column=True), ruled=True)],
    "ruled, units in words": lambda w, body: [_table(_columns(w, NAME_FIRST, words=True), ruled=True)],
    "unruled, unit column": lambda w, body: [_table(_columns(w, NAME_FIRST, unit_column=True), ruled=False)],
    "unruled, units in words": lambda w, body: [_table(_columns(w, NAME_FIRST, words=True), ruled=False)],
    # the table starts near the foot of the page and runs on
    "ruled, split over pages": lambda w, body: [Spacer(1, 18.5 * cm), _table(_columns(w, NAME_FIRST), ruled=True)],
    "paragraph per level, name first": _per_level(_prose_name_first),
    "paragraph per level, value first": _per_level(_prose_value_first),
    "label-value blocks": _blocks,
    "bullets": _per_level(_bullet),
    "shall be at least": _per_level(_at_least),
    "ruled, transposed": lambda w, body: [_table(_transposed(w), ruled=True)],
    "unruled, transposed": lambda w, body: [_table(_transposed(w), ruled=False)],
    # the page set in two columns of text, as many printed schedules are
    "two columns, paragraph per level": _per_level(_prose_name_first),
    "two columns, label-value blocks": _blocks,
    # added later (#30), a level numbered before its name, as one paragraph or a line per label
    "numbered paragraph per level": _per_level(lambda w, level: " ".join(_numbered_parts(w, level))),
    "numbered lines per level": _numbered_lines,
    # added later (#30): an unruled table that runs on to the next page, with its header repeated there or not
    "unruled, split over pages": lambda w, body: [Spacer(1, 18.5 * cm), _table(_columns(w, NAME_FIRST), ruled=False)],
    "ruled, description column": lambda w, body: [_table(_described(w), ruled=True)],
    "ruled, section rows": lambda w, body: [_table(_sectioned(w), ruled=True)],
    "unruled, section rows": lambda w, body: [_table(_sectioned(w), ruled=False)],
    "ruled, two header rows": lambda w, body: [_spanned(_two_header_rows(w), ruled=True)],
    "unruled, two header rows": lambda w, body: [_spanned(_two_header_rows(w), ruled=False)],
    "unruled, description column": lambda w, body: [_table(_described(w), ruled=False)],
    "unruled, split, header not repeated": lambda w, body: [
        Spacer(1, 18.5 * cm),
        _table(_columns(w, NAME_FIRST), ruled=False, repeat_header=False),
    ],
}

LAYOUTS = tuple(_LAYOUTS)


def write(path: Path, layout: str, wording: str) -> Path:
    if layout.startswith("two columns"):
        doc = BaseDocTemplate(str(path), pagesize=LETTER, invariant=1)
        half = (doc.width - 0.8 * cm) / 2
        frames = [
            Frame(doc.leftMargin + i * (half + 0.8 * cm), doc.bottomMargin, half, doc.height, id=f"column{i}")
            for i in (0, 1)
        ]
        doc.addPageTemplates([PageTemplate(id="two columns", frames=frames)])
    else:
        doc = SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1)
    doc.build(_story(layout, WORDINGS[wording]))
    return path


def cases(layouts: tuple[str, ...], wordings, not_yet: set[tuple[str, str]]) -> list:
    """One test case per layout x wording; one the reader does not read yet is a strict expected failure, so the
    day it reads it the mark has to go."""
    return [
        pytest.param(
            layout,
            wording,
            id=f"{layout} / {wording}",
            marks=[pytest.mark.xfail(strict=True, reason="not read yet")] if (layout, wording) in not_yet else [],
        )
        for layout in layouts
        for wording in wordings
    ]


def write_table_page(
    path: Path,
    heading: str,
    before: str,
    rows: list[list[str]],
    ruled: bool,
    after: str | None = None,
    valign: str | None = None,
    style: list[tuple] = (),
) -> Path:
    """One page: a heading, a paragraph, the table, ruled or unruled (its first row the header), and a paragraph
    after it if given; for tests that write one schedule table in their own words. A cell's "\n" breaks its
    line; `valign` ("TOP", "MIDDLE", "BOTTOM", reportlab's default) places the shorter cells of a row; `style`
    adds reportlab table commands (a SPAN, say)."""
    styles = getSampleStyleSheet()
    table = Table(rows, hAlign="LEFT")
    if ruled:
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    if valign:
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), valign)]))
    if style:
        table.setStyle(TableStyle(list(style)))
    story = [Paragraph(heading, styles["Heading2"]), Paragraph(before, styles["Normal"]), Spacer(1, 12), table]
    if after is not None:
        story += [Spacer(1, 12), Paragraph(after, styles["Normal"])]
    SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1).build(story)
    return path


def write_columns_page(
    path: Path,
    lead: tuple[str, ...],
    header: list[str],
    rows: list[list[str]],
    xs: list[int],
    after: str,
    cover: tuple[str, ...] = (),
) -> Path:
    """A table drawn without rules: each cell's text at its column's x, a line a row, under the `lead` lines and
    above the `after` line; a page of `cover` lines before it if given. For the unruled-table sets."""
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=LETTER, invariant=1)
    for page in [cover, lead] if cover else [lead]:
        y = 740
        for line in page:
            c.drawString(72, y, line)
            y -= 16
        if page is cover:
            c.showPage()
    for row in [header, *rows]:
        for x, cell in zip(xs, row, strict=True):
            c.drawString(x, y, cell)
        y -= 15
    c.drawString(72, y - 20, after)
    c.showPage()
    c.save()
    return path


# what the schedule table sets compare of each row read
LEVEL_FIELDS = ("metric_name", "expected", "minimum", "unit", "direction")
WINDOW_FIELDS = ("metric_name", "expected", "minimum", "unit", "measurement_window")
SCHEDULE_HEADING = "SCHEDULE 4 - SERVICE LEVELS"
SCHEDULE_LEAD = "The Supplier shall meet each Target and never miss the Minimum in any month."


def table_rows(path: Path, rows: list[list[str]], ruled: bool, fields=LEVEL_FIELDS, **page) -> list[tuple]:
    """The service-level rows read from one schedule table page (write_table_page, under the usual heading and
    lead unless `page` gives others), each as the tuple of `fields`, sorted; for the table sets."""
    from etl.contracts.terms import extract_contract

    page = {"heading": SCHEDULE_HEADING, "before": SCHEDULE_LEAD, **page}
    pdf = write_table_page(path, page.pop("heading"), page.pop("before"), rows, ruled, **page)
    return sorted(tuple(getattr(t, f) for f in fields) for t in extract_contract(pdf, "e", "sha").sla_terms)


def assert_levels_by_word(read: list[tuple], expected: list[tuple]) -> None:
    """The rows read (a name, then the fields compared) are exactly the expected levels, each found by a word its
    name must hold: (word, *fields)."""
    assert len(read) == len(expected), [r[0] for r in read]
    for word, *level in expected:
        hits = [r for r in read if word in " ".join(r[0].lower().split())]
        assert [tuple(r[1:]) for r in hits] == [tuple(level)], (word, read)


def sentence_rows(sentence: str) -> list:
    """The service-level rows read from one sentence on a schedule page of its own, for the sentence sets."""
    from etl.contracts.terms import extract_from_pages
    from etl.pdf_document import PdfPage

    page = "Schedule 4 Service Levels\nThe Supplier shall meet the service levels below.\n" + sentence + "\n"
    return extract_from_pages([PdfPage(1, page, [])], "e", "s").sla_terms


def sentence_levels(sentence: str) -> list[tuple]:
    """Each row's level as a sentence set annotates it: (expected, direction, unit, threshold, threshold unit)."""
    return [(t.expected, t.direction, t.unit, t.threshold, t.threshold_unit) for t in sentence_rows(sentence)]
