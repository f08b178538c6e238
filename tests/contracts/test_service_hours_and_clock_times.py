"""#30: two habits of support schedules. A column of service hours beside the levels, holding numbers of its own
("24 x 7", "Mon-Fri 08:00-18:00"); and times written on a clock face ("00:30", "04:00") or as the next
business day. Ruled and unruled. Written in our own wording and annotated before the reader was run on it: the
service hours add no level and change none; "00:30" is half an hour and "Next Business Day" one business day."""

from __future__ import annotations

import pytest

from tests.contracts.paraphrase import table_rows

# name, service hours, target cell, minimum cell, (target, minimum, unit, direction)
WITH_HOURS = [
    ("Network Availability", "24 x 7", "99.95%", "99.9%", (99.95, 99.9, "percent", "higher")),
    ("Service Desk Answer Rate", "Mon-Fri 08:00-18:00", "92%", "88%", (92.0, 88.0, "percent", "higher")),
    ("Desktop Fix Rate", "Business Days 09:00 to 17:30", "85%", "80%", (85.0, 80.0, "percent", "higher")),
    ("Backup Success Rate", "24 x 7 x 365", "99.5%", "98%", (99.5, 98.0, "percent", "higher")),
]
CLOCK_TIMES = [
    ("Incident Response", "00:30", "01:00", (0.5, 1.0, "hours", "lower")),
    ("Incident Restoration", "04:00", "08:00", (4.0, 8.0, "hours", "lower")),
    ("Hardware Replacement", "Next Business Day", "2 Business Days", (1.0, 2.0, "business days", "lower")),
    ("Password Reset", "00:15", "00:45", (0.25, 0.75, "hours", "lower")),
]


def _read(tmp_path, rows, ruled):
    return table_rows(tmp_path / "schedule.pdf", rows, ruled)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_column_of_service_hours_adds_no_level(tmp_path, ruled):
    rows = [["Service Level", "Service Hours", "Target", "Minimum"], *[[n, h, t, m] for n, h, t, m, _ in WITH_HOURS]]
    assert _read(tmp_path, rows, ruled) == sorted((n, *level) for n, _, _, _, level in WITH_HOURS)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_times_on_a_clock_face_and_the_next_business_day_are_levels(tmp_path, ruled):
    rows = [["Service Level", "Target", "Minimum"], *[[n, t, m] for n, t, m, _ in CLOCK_TIMES]]
    assert _read(tmp_path, rows, ruled) == sorted((n, *level) for n, _, _, level in CLOCK_TIMES)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
def test_a_time_of_day_beside_them_is_no_elapsed_time(tmp_path, ruled):
    """A report due at a time of day is a clock deadline, which the shared conventions leave without a numeric
    level: only the row that measures an elapsed time reads its clock face as hours."""
    rows = [
        ["Service Level", "Target", "Minimum"],
        ["Incident Response", "00:30", "01:00"],
        ["Daily Operations Report", "06:00", "07:00"],
        ["Incident Restoration", "04:00", "08:00"],
    ]
    assert [r[:3] for r in _read(tmp_path, rows, ruled)] == [
        ("Incident Response", 0.5, 1.0),
        ("Incident Restoration", 4.0, 8.0),
    ]


@pytest.mark.parametrize(
    ("line", "plain"),
    [
        ("Incident Response 00:30 01:00", "Incident Response 0.5 hours 1 hours"),
        ("Hardware Replacement Next Business Day", "Hardware Replacement 1 business day"),
        # a range of service hours, a time after "by", "from" or "until" is a time of day, whatever the row
        ("Incident Response (08:00 to 18:00) 00:30", "Incident Response (08:00 to 18:00) 0.5 hours"),
        ("Restoration by 09:00 04:00", "Restoration by 09:00 4 hours"),
        ("Response from 08:00 until 17:30 0:15", "Response from 08:00 until 17:30 0.25 hours"),
        # a row measuring no elapsed time: its clock face is a deadline, left out
        ("Daily Operations Report 06:00 07:00", "Daily Operations Report  "),
    ],
)
def test_a_clock_face_is_an_elapsed_time_only_where_the_row_measures_one(line, plain):
    from etl.contracts.schedule_content import _elapsed_written_plainly

    assert _elapsed_written_plainly([line]) == [plain]
