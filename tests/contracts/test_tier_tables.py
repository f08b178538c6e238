"""#30, #32: a tiered credit set as a table in other shapes than `test_credit_clauses.py`'s: bands written with
signs on both sides, "to under", ranges whose top is the band above's bottom less a step, "Nil" and "None" for no
credit, credits written "% of the Monthly Charges", and the bands across the columns. Written in our own wording and
annotated before the reader was run on them, ruled and unruled: each must price the level the sentence before it
names with the same bands, and leave the other level unpriced. At first sight (062699d) the first two shapes were
read, ruled and unruled; the ranges gave bands a step low (99.7 for 99.8) and the bands across none: 4 of 8."""

from __future__ import annotations

import pytest
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from etl.contracts.terms import extract_contract

SCHEDULE = [
    ["Service Level", "Expected Service Level", "Minimum Service Level"],
    ["System Availability", "99.8%", "99.5%"],
    ["Call Answer Rate", "95%", "90%"],
]

TABLES = {
    "signs on both sides": [
        ["Availability achieved", "Credit (% of monthly fee)"],
        ["\u2265 99.8%", "Nil"],
        ["\u2265 99.0% and < 99.8%", "2%"],
        ["\u2265 98.0% and < 99.0%", "4%"],
        ["< 98.0%", "7%"],
    ],
    "to under": [
        ["Monthly Uptime Percentage", "Fee Reduction"],
        ["At least 99.8%", "None"],
        ["99.0% to under 99.8%", "2%"],
        ["98.0% to under 99.0%", "4%"],
        ["Under 98.0%", "7%"],
    ],
    "ranges to a step below": [
        ["System Availability in the month", "Service Credit"],
        ["99.8 \u2013 100%", "0"],
        ["99.0 \u2013 99.7%", "2% of the Monthly Charges"],
        ["98.0 \u2013 98.9%", "4% of the Monthly Charges"],
        ["0 \u2013 97.9%", "7% of the Monthly Charges"],
    ],
    "bands across": [
        ["Availability", "\u2265 99.8%", "99.0% \u2013 99.79%", "98.0% \u2013 98.99%", "< 98.0%"],
        ["Service Credit", "0%", "2%", "4%", "7%"],
    ],
}


def _contract(path, table: list[list[str]], ruled: bool):
    body = getSampleStyleSheet()["BodyText"]
    grid = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    schedule = Table(SCHEDULE)
    schedule.setStyle(grid)
    bands = Table(table)
    if ruled:
        bands.setStyle(grid)
    story = [
        Paragraph("SCHEDULE 2 - SERVICE LEVELS", body),
        schedule,
        Spacer(1, 20),
        Paragraph("Service credits for System Availability are as follows.", body),
        bands,
    ]
    SimpleDocTemplate(str(path), pagesize=LETTER).build(story)
    return path


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("shape", TABLES)
def test_a_tier_table_in_another_shape_prices_the_level_it_names(tmp_path, shape, ruled):
    rows = extract_contract(_contract(tmp_path / "c.pdf", TABLES[shape], ruled), "e", "sha").sla_terms
    priced = {r.metric_name: (r.credit_model, r.credit_tiers) for r in rows}
    assert priced == {
        "System Availability": ("tiered by attainment", "99.8:2; 99:4; 98:7"),
        "Call Answer Rate": (None, None),
    }
