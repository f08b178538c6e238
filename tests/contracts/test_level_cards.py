"""#30: a schedule set as one small two-column table per level ("Service Level | Availability", "Target | 99.8%",
"Minimum | 99.5%", "Weighting | 40%"), ruled and unruled, the way a contract's exhibit describes each level on a
card of its own. Written in our own wording and annotated before the reader was run on it. At first sight (074d7e5)
no row was right in either layout: one row, the first card's, named with its label and read as a count."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from etl.contracts.terms import extract_contract

# name, target, minimum, unit, weighting
LEVELS = [
    ("Hosting Availability", 99.8, 99.5, "percent", 40.0),
    ("Incident Resolution Time", 4.0, 8.0, "hours", 35.0),
    ("Change Success Rate", 98.0, 95.0, "percent", 25.0),
]


def _cell(value: float, unit: str) -> str:
    return f"{value:g}%" if unit == "percent" else f"{value:g} hours"


def _pdf(path: Path, ruled: bool) -> Path:
    styles = getSampleStyleSheet()
    story = [
        Paragraph("EXHIBIT C - SERVICE LEVELS", styles["Heading2"]),
        Paragraph("Each Service Level is measured over the calendar month.", styles["Normal"]),
    ]
    for name, target, minimum, unit, weight in LEVELS:
        card = Table(
            [
                ["Service Level", name],
                ["Target", _cell(target, unit)],
                ["Minimum", _cell(minimum, unit)],
                ["Weighting", f"{weight:g}%"],
            ],
            hAlign="LEFT",
        )
        if ruled:
            card.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story += [Spacer(1, 14), card]
    SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1).build(story)
    return path


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_card_per_level_gives_one_row_per_card(tmp_path, ruled):
    rows = extract_contract(_pdf(tmp_path / "cards.pdf", ruled), "e", "sha").sla_terms
    assert sorted((t.metric_name, t.expected, t.minimum, t.unit, t.allocation_pct) for t in rows) == sorted(
        LEVELS, key=lambda lv: lv[0]
    )
