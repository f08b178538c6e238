"""A schedule with its levels across the columns (#30): told from one with a level per row by what its rows and
columns hold, and rebuilt from the words' positions where no rules are drawn. The whole layout, in every wording,
is in `tests/contracts/test_paraphrase.py` ("ruled, transposed", "unruled, transposed")."""

from etl.contracts.schedule_content import _transposed
from etl.pdf_document import _levels_across

ACROSS = [
    ["Measure", "Portal Uptime", "Ticket Triage", "Mean Repair Time"],
    ["Goal", "99.9%", "95%", "3 hours"],
    ["Trigger", "99.5%", "90%", "5 hours"],
    ["Window", "Monthly", "Monthly", "Monthly"],
]


def test_levels_across_the_columns_are_told_by_the_kinds_of_their_cells():
    assert _transposed(ACROSS)
    # a level per row: each column holds one kind, each row mixes them
    assert not _transposed([list(c) for c in zip(*ACROSS, strict=True)])


def test_a_grid_of_grades_is_a_matrix_not_a_schedule_across():
    grades = [
        ["", "Priority 1", "Priority 2", "Priority 3"],
        ["Respond", "15 minutes", "1 hour", "4 hours"],
        ["Resolve", "4 hours", "8 hours", "2 days"],
        ["Window", "Monthly", "Monthly", "Monthly"],
    ]
    assert not _transposed(grades)


def test_a_table_of_values_alone_has_no_orientation_to_turn():
    assert not _transposed([["A", "B", "C"], ["1%", "2%", "3%"], ["4%", "5%", "6%"]])


def test_an_unruled_schedule_across_is_rebuilt_from_its_lines():
    lines = [
        ["The", "Provider keeps", "to the levels", "below each", "month."],
        ["", "", "", "", ""],
        ["", "Measure", "Portal", "Ticket", "Mean Repair"],
        ["", "", "Uptime", "Triage", "Time"],
        ["", "", "", "", ""],
        ["", "Goal", "99.9%", "95%", "3 hours"],
        ["", "Trigger", "99.5%", "90%", "5 hours"],
        ["", "Window", "Monthly", "Monthly", "Monthly"],
        ["", "", "", "", ""],
        ["Credits", "are set", "out in", "Schedule 5.", ""],
    ]
    assert _levels_across(lines) == ACROSS


def test_lines_with_one_level_each_or_prose_are_no_schedule_across():
    one_each = [["Portal Uptime", "99.9%", ""], ["Ticket Triage", "95%", ""], ["Mean Repair Time", "3 hours", ""]]
    assert _levels_across(one_each) is None
    prose = [["The", "fees are", "due within", "30 days"], ["of", "the invoice", "date, at", "2% a month"]]
    assert _levels_across(prose) is None


def test_a_level_per_row_with_its_weighting_down_a_column_is_not_across():
    lines = [
        ["", "Service Level", "Expected", "Minimum", "Weighting"],
        ["", "Portal Uptime", "99.9%", "99.5%", "60%"],
        ["", "Ticket Triage", "95%", "90%", "40%"],
    ]
    assert _levels_across(lines) is None
