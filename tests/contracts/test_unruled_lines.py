"""#30: unruled schedule tables whose columns stand apart only by where they are drawn, so the text layer joins
their cells with one space. Written here in our own wording: a column of windows beside one level per row, a
grade's number inside the name, a unit column before bare numbers; and a list of deliverables with their
frequency and due time, which is no schedule of service levels."""

from __future__ import annotations

from pathlib import Path

from etl.contracts.terms import extract_contract
from tests.contracts.paraphrase import write_columns_page


def _page(path: Path, header: list[str], rows: list[list[str]], xs: list[int]) -> Path:
    lead = ("ANNEX B - PERFORMANCE COMMITMENTS", "", "The Contractor commits to the levels in the table below.")
    return write_columns_page(path, lead, header, rows, xs, "Credits for missed levels are set out in Annex C.")


def _rows(path: Path) -> set[tuple]:
    return {
        (t.metric_name, t.expected, t.minimum, t.unit, t.measurement_window)
        for t in extract_contract(path, "e", "sha").sla_terms
    }


def test_one_level_per_row_beside_a_column_of_windows(tmp_path):
    rows = [
        ["Storage service uptime", "99.9%", "Monthly"],
        ["Severity 1 ticket acknowledgement", "20 minutes", "Monthly"],
        ["Nightly backup success", "98.5%", "Weekly"],
        ["Patch deployment on schedule", "95%", "Quarterly"],
    ]
    path = _page(tmp_path / "windows.pdf", ["Commitment", "Level", "Measured"], rows, [72, 320, 440])
    assert _rows(path) == {
        ("Storage service uptime", 99.9, 99.9, "percent", "monthly"),
        ("Severity 1 ticket acknowledgement", 20.0, 20.0, "minutes", "monthly"),
        ("Nightly backup success", 98.5, 98.5, "percent", "weekly"),
        ("Patch deployment on schedule", 95.0, 95.0, "percent", "quarterly"),
    }


def test_a_grades_number_stays_in_the_name_beside_an_expected_and_a_minimum_level(tmp_path):
    rows = [
        ["Severity 1 ticket restoration", "2 hours", "3 hours"],
        ["Severity 2 ticket restoration", "6 hours", "9 hours"],
        ["Storage service uptime", "99.9%", "99.7%"],
    ]
    path = _page(tmp_path / "grades.pdf", ["Commitment", "Goal", "Floor"], rows, [72, 320, 440])
    assert _rows(path) == {
        ("Severity 1 ticket restoration", 2.0, 3.0, "hours", "monthly"),
        ("Severity 2 ticket restoration", 6.0, 9.0, "hours", "monthly"),
        ("Storage service uptime", 99.9, 99.7, "percent", "monthly"),
    }


def test_a_unit_column_gives_its_unit_to_the_bare_numbers_after_it(tmp_path):
    rows = [
        ["Storage service uptime", "percent", "99.9", "99.7"],
        ["Severity 1 ticket restoration", "hours", "2", "3"],
        ["Nightly backup success", "percent", "98.5", "97"],
    ]
    path = _page(tmp_path / "unit.pdf", ["Commitment", "UoM", "Goal", "Floor"], rows, [72, 280, 370, 450])
    assert _rows(path) == {
        ("Storage service uptime", 99.9, 99.7, "percent", "monthly"),
        ("Severity 1 ticket restoration", 2.0, 3.0, "hours", "monthly"),
        ("Nightly backup success", 98.5, 97.0, "percent", "monthly"),
    }


def test_deliverables_with_a_frequency_and_a_due_time_are_no_service_levels(tmp_path):
    rows = [
        ["Operations status report", "5 business days", "Monthly"],
        ["Capacity forecast", "10 business days", "Quarterly"],
        ["Risk register update", "3 business days", "Monthly"],
    ]
    path = _page(tmp_path / "deliverables.pdf", ["Deliverable", "Due", "Frequency"], rows, [72, 320, 440])
    assert _rows(path) == set()
