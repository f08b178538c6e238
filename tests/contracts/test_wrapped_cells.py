"""#30: a schedule whose names and descriptions run over two or three lines of their cell, as a narrow column
wraps them, with the shorter cells of each row at its top, middle or bottom line, ruled and unruled. Written in
our own wording and annotated before the reader was run on it."""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import table_rows

# name lines, description lines, expected cell, minimum cell, (expected, minimum, unit, direction)
LEVELS = [
    (
        ["Hosted Platform", "Availability"],
        ["Share of the month the platform", "answers requests from users"],
        "99.8%",
        "99.5%",
        (99.8, 99.5, "percent", "higher"),
    ),
    (
        ["Restoration of", "Priority 1", "Incidents"],
        ["Time from the logging of", "the incident to service restored"],
        "4 hours",
        "6 hours",
        (4.0, 6.0, "hours", "lower"),
    ),
    (
        ["Payroll Accuracy"],
        ["Payslips issued with no error,", "as a share of all payslips", "in the pay period"],
        "99.9%",
        "99.0%",
        (99.9, 99.0, "percent", "higher"),
    ),
    (
        ["Call Abandonment", "Rate"],
        ["Calls ended by the caller", "before an agent answers"],
        "3%",
        "5%",
        (3.0, 5.0, "percent", "lower"),
    ),
]


def _rows(with_description: bool) -> list[list[str]]:
    head = ["Service Level", *(["Description"] if with_description else []), "Target", "Minimum"]
    return [
        head,
        *[["\n".join(name), *(["\n".join(text)] if with_description else []), e, m] for name, text, e, m, _ in LEVELS],
    ]


@pytest.mark.parametrize("with_description", [False, True], ids=["names", "names and descriptions"])
@pytest.mark.parametrize("valign", ["TOP", "MIDDLE", "BOTTOM"])
@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_name_wrapped_over_lines_is_one_level_with_its_values(tmp_path, ruled, valign, with_description):
    rows = table_rows(
        tmp_path / "schedule.pdf",
        _rows(with_description),
        ruled,
        before="The Supplier shall meet each Target and never fall below the Minimum in any month.",
        valign=valign,
    )
    assert rows == sorted((" ".join(name), *level) for name, _, _, _, level in LEVELS)
