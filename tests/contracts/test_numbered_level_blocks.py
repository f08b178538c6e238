"""#30: critical service levels written one per paragraph, each numbered before its name ("Service Level 1:
<name>. Description: ... Expected Service Level: ... Minimum Service Level: ... Measurement Window: ...
Allocation Percentage: ..."), as a run-on paragraph and as a block of one labelled line each. Written in our own
wording (the industry's usual labels) and annotated before the reader was run on it: at first sight it read none
of the 8 rows and loaded 8 false ones (each "Expected Service Level: 95% resolved within 4 hours" as a level of
its own), as the numbered name was no name, a line ending its sentence ended the block, and the grade's number
and the shares' time bound counted as levels.
"""

from __future__ import annotations

import pytest
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from etl.contracts.terms import extract_contract

# (number, name, description, expected, minimum, window, allocation) and the row each gives:
# (name, expected, minimum, unit, threshold, threshold unit, allocation, window)
LEVELS = [
    (
        ("Severity 1 Incident Resolution", "the elapsed time from the logging of a Severity 1 Incident to its "
         "Resolution", "95% resolved within 4 hours", "90% resolved within 4 hours", "Monthly", "25%"),
        ("Severity 1 Incident Resolution", 95.0, 90.0, "percent", 4.0, "hours", 25.0, "monthly"),
    ),
    (
        ("Service Desk Speed to Answer", "calls answered by an agent", "85% within 30 seconds",
         "80% within 30 seconds", "Monthly", "15%"),
        ("Service Desk Speed to Answer", 85.0, 80.0, "percent", 30.0, "seconds", 15.0, "monthly"),
    ),
    (
        ("Application Availability", "the share of Scheduled Uptime in which the applications are available",
         "99.7%", "99.3%", "Monthly", "40%"),
        ("Application Availability", 99.7, 99.3, "percent", None, None, 40.0, "monthly"),
    ),
    (
        ("Change Success Rate", "changes implemented without a rollback or an incident", "98%", "95%",
         "Quarterly", "20%"),
        ("Change Success Rate", 98.0, 95.0, "percent", None, None, 20.0, "quarterly"),
    ),
]  # fmt: skip


def _parts(k: int, level: tuple) -> list[str]:
    name, description, expected, minimum, window, allocation = level
    return [
        f"Service Level {k}: {name}.",
        f"Description: {description}.",
        f"Expected Service Level: {expected}.",
        f"Minimum Service Level: {minimum}.",
        f"Measurement Window: {window}.",
        f"Allocation Percentage: {allocation}.",
    ]


def _schedule(path, heading: str, lead: str, levels: list[list[str]], layout: str):
    """A page of levels, each its parts as one run-on paragraph or as a line each."""
    styles = getSampleStyleSheet()
    story = [Paragraph(heading, styles["Heading2"]), Paragraph(lead, styles["Normal"])]
    for parts in levels:
        story.append(Spacer(1, 8))
        if layout == "a paragraph each":
            story.append(Paragraph(" ".join(parts), styles["Normal"]))
        else:
            story += [Paragraph(part, styles["Normal"]) for part in parts]
    SimpleDocTemplate(str(path), pagesize=LETTER, invariant=1).build(story)
    return path


@pytest.mark.parametrize("layout", ["a paragraph each", "a line each"])
def test_numbered_levels_are_read_whole(tmp_path, layout):
    levels = [_parts(k, level) for k, (level, _) in enumerate(LEVELS, start=1)]
    path = _schedule(
        tmp_path / "schedule.pdf",
        "SCHEDULE 3 - SERVICE LEVELS",
        "The Critical Service Levels are as follows.",
        levels,
        layout,
    )
    rows = [
        (
            t.metric_name,
            t.expected,
            t.minimum,
            t.unit,
            t.threshold,
            t.threshold_unit,
            t.allocation_pct,
            t.measurement_window,
        )
        for t in extract_contract(path, "e", "sha").sla_terms
    ]
    assert sorted(rows) == sorted(row for _, row in LEVELS)


# each level with a credit of its own, labelled, in place of a weighting: written and annotated before the reader
# was run on it; at first sight it read none of the 6 rows (a third share was no role, and in the run-on layout the
# end of a wrapped sentence, "Charges.", was taken for the next level's name)
PRICED = [
    (("Portal Availability", "99.9%", "99.5%", "5%"), ("Portal Availability", 99.9, 99.5, "percent", 5.0)),
    (("Ticket Resolution Time", "4 hours", "8 hours", "3%"), ("Ticket Resolution Time", 4.0, 8.0, "hours", 3.0)),
    (("Report Accuracy", "99%", "97%", "2%"), ("Report Accuracy", 99.0, 97.0, "percent", 2.0)),
]


@pytest.mark.parametrize("layout", ["a paragraph each", "a line each"])
def test_a_credit_labelled_in_each_level_prices_it(tmp_path, layout):
    levels = [
        [
            f"Service Level {k}: {name}.",
            f"Target: {target}.",
            f"Minimum: {minimum}.",
            f"Service Credit: {credit} of the Monthly Charges.",
        ]
        for k, ((name, target, minimum, credit), _) in enumerate(PRICED, start=1)
    ]
    path = _schedule(
        tmp_path / "schedule.pdf",
        "SCHEDULE 2 - SERVICE LEVELS AND SERVICE CREDITS",
        "Each Service Level and the Service Credit for a failure are below.",
        levels,
        layout,
    )
    rows = {
        (t.metric_name, t.expected, t.minimum, t.unit, t.credit_pct)
        for t in extract_contract(path, "e", "sha").sla_terms
        if t.credit_model == "flat % per failure"
    }
    assert rows == {row for _, row in PRICED}
