"""The samples' own schedule wording, laid out five ways a real contract might lay it out: every row is read
exactly (name, unit, baseline, expected, minimum, allocation, direction) whatever the layout."""

import importlib.util
import sys

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from etl.contracts.terms import extract_contract
from etl.settings import PROJECT_ROOT

_spec = importlib.util.spec_from_file_location("sample_generator", PROJECT_ROOT / "samples" / "generate.py")
generator = importlib.util.module_from_spec(_spec)
sys.modules["sample_generator"] = generator  # dataclasses look their module up while the class is made
_spec.loader.exec_module(generator)

# every service level of every sample engagement: names, units and directions of all kinds
SLAS = [s for e in generator.ENGAGEMENTS for s in e.slas]
INTRO = (
    "Service Level Schedule. Each Service Level is measured monthly. Direction follows the levels: where the "
    "Expected Service Level is above the Minimum Service Level, higher is better; where it is below, lower is better."
)


def _expected():
    return sorted((s.metric, s.unit, s.baseline, s.expected, s.minimum, s.allocation, s.direction) for s in SLAS)


def _rows(path):
    return sorted(
        (t.metric_name, t.unit, t.baseline, t.expected, t.minimum, t.allocation_pct, t.direction)
        for t in extract_contract(path, "e", "sha").sla_terms
    )


def _pdf(path, story, pagesize=LETTER):
    SimpleDocTemplate(str(path), pagesize=pagesize).build(story)
    return path


def _table(grid: bool):
    table = Table(_table_rows(), repeatRows=1, hAlign="LEFT")
    style = [("FONTSIZE", (0, 0), (-1, -1), 8)]
    if grid:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.grey))
    table.setStyle(TableStyle(style))
    return table


def _table_rows():
    header = ["Service Level", "Unit", "Baseline", "Expected Service Level", "Minimum Service Level", "Allocation %"]
    return [header] + [
        [s.metric, s.unit, f"{s.baseline:g}", f"{s.expected:g}", f"{s.minimum:g}", f"{s.allocation:g}%"] for s in SLAS
    ]


STYLES = getSampleStyleSheet()


def ruled_grid(path):
    return _pdf(path, [Paragraph(INTRO, STYLES["BodyText"]), _table(grid=True)])


def unruled_columns(path):
    return _pdf(path, [Paragraph(INTRO, STYLES["BodyText"]), _table(grid=False)])


def paragraph_per_level(path):
    story = [Paragraph(INTRO, STYLES["BodyText"])]
    for s in SLAS:
        story.append(
            Paragraph(
                f"{s.metric}: measured in {s.unit}; Baseline {s.baseline:g}; Expected Service Level {s.expected:g}; "
                f"Minimum Service Level {s.minimum:g}; Allocation Percentage {s.allocation:g}%.",
                STYLES["BodyText"],
            )
        )
    return _pdf(path, story)


def across_a_page_break(path):
    # push the table to the foot of the page so it runs onto the next one, its header repeated
    return _pdf(path, [Paragraph(INTRO, STYLES["BodyText"]), Spacer(1, 560), _table(grid=True)])


def landscape_page(path):
    return _pdf(path, [Paragraph(INTRO, STYLES["BodyText"]), _table(grid=True)], pagesize=landscape(LETTER))


@pytest.mark.parametrize(
    "layout",
    [ruled_grid, unruled_columns, paragraph_per_level, across_a_page_break, landscape_page],
    ids=lambda f: f.__name__,
)
def test_every_row_of_the_schedule_is_read_exactly_in_each_layout(tmp_path, layout):
    assert _rows(layout(tmp_path / "schedule.pdf")) == _expected()
