"""Ticket exports of seven more tools (#35), written from each tool's documented CSV export: its column names,
id format, priority and status words and date format. Each ticket's truth (opened, resolved, priority level)
is written here as data and the export text generated from it, so the expected clock comes from the truth,
not from the reader. Read with no mapping file."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from etl.tickets.export import read_ticket_export

# ticket, priority word, status word, opened, resolved (None: not resolved), expected priority level
Truth = tuple[str, str, str, datetime, datetime | None, int]

# Zendesk Support's view export: numeric ids, Urgent/High/Normal/Low, New/Open/Pending/On-hold/Solved/Closed
ZENDESK: list[Truth] = [
    ("4821", "Urgent", "Solved", datetime(2025, 3, 3, 9, 14), datetime(2025, 3, 3, 10, 2), 1),
    ("4822", "High", "Closed", datetime(2025, 3, 3, 16, 0), datetime(2025, 3, 4, 11, 30), 2),
    ("4823", "Normal", "Pending", datetime(2025, 3, 4, 8, 30), None, 3),
    ("4824", "Low", "Solved", datetime(2025, 3, 5, 13, 0), datetime(2025, 3, 12, 9, 0), 4),
    ("4825", "Normal", "Solved", datetime(2025, 3, 6, 10, 5), datetime(2025, 3, 6, 15, 50), 3),
    ("4826", "High", "On-hold", datetime(2025, 3, 7, 11, 0), None, 2),
    ("4827", "Urgent", "Closed", datetime(2025, 3, 9, 22, 40), datetime(2025, 3, 10, 1, 10), 1),
]
# Freshservice's ticket export: INC- ids, Urgent/High/Medium/Low, Open/Pending/Resolved/Closed
FRESHSERVICE: list[Truth] = [
    ("INC-101", "Urgent", "Resolved", datetime(2025, 4, 1, 9, 0), datetime(2025, 4, 1, 11, 15), 1),
    ("INC-102", "Medium", "Closed", datetime(2025, 4, 1, 14, 20), datetime(2025, 4, 2, 9, 20), 3),
    ("INC-103", "Low", "Open", datetime(2025, 4, 2, 8, 0), None, 4),
    ("INC-104", "High", "Resolved", datetime(2025, 4, 3, 7, 45), datetime(2025, 4, 3, 12, 45), 2),
    ("INC-105", "Medium", "Pending", datetime(2025, 4, 4, 16, 0), None, 3),
    ("INC-106", "High", "Closed", datetime(2025, 4, 7, 10, 0), datetime(2025, 4, 8, 10, 30), 2),
]
# TOPdesk's incident list: numbers "I 2504 001", P1..P4 priorities, day-first dates
TOPDESK: list[Truth] = [
    ("I 2504 001", "P1", "Closed", datetime(2025, 4, 14, 9, 0), datetime(2025, 4, 14, 12, 30), 1),
    ("I 2504 002", "P3", "Completed", datetime(2025, 4, 14, 13, 10), datetime(2025, 4, 16, 9, 10), 3),
    ("I 2504 003", "P2", "In progress", datetime(2025, 4, 15, 8, 0), None, 2),
    ("I 2504 004", "P4", "Closed", datetime(2025, 4, 15, 11, 0), datetime(2025, 4, 25, 11, 0), 4),
    ("I 2504 005", "P2", "Completed", datetime(2025, 4, 17, 14, 0), datetime(2025, 4, 17, 18, 45), 2),
    ("I 2504 006", "P3", "Waiting for user", datetime(2025, 4, 18, 9, 30), None, 3),
]
# ManageEngine ServiceDesk Plus's request export: numeric ids, month-name dates with AM/PM
SERVICEDESK_PLUS: list[Truth] = [
    ("1043", "High", "Resolved", datetime(2025, 5, 5, 9, 14), datetime(2025, 5, 5, 13, 44), 2),
    ("1044", "Medium", "Closed", datetime(2025, 5, 5, 15, 0), datetime(2025, 5, 6, 15, 0), 3),
    ("1045", "Low", "Open", datetime(2025, 5, 6, 8, 30), None, 4),
    ("1046", "High", "On Hold", datetime(2025, 5, 7, 10, 0), None, 2),
    ("1047", "Low", "Closed", datetime(2025, 5, 8, 11, 20), datetime(2025, 5, 15, 11, 20), 4),
    ("1048", "Medium", "Resolved", datetime(2025, 5, 9, 12, 0), datetime(2025, 5, 9, 12, 30), 3),
]


def _zendesk(rows: list[Truth]) -> str:
    head = "Id,Subject,Requester,Status,Priority,Group,Created at,Updated at,Solved at\n"
    at = lambda d: d.strftime("%Y-%m-%d %H:%M") if d else ""  # noqa: E731
    return head + "".join(
        f"{t},Ticket {t},user{t}@client.example,{s},{p},Service Desk,{at(o)},{at(r or o)},{at(r)}\n"
        for t, p, s, o, r, _ in rows
    )


def _freshservice(rows: list[Truth]) -> str:
    head = "Ticket Id,Subject,Status,Priority,Source,Type,Agent,Group,Created Time,Due by Time,Resolved Time\n"
    at = lambda d: d.strftime("%Y-%m-%d %H:%M:%S") if d else ""  # noqa: E731
    return head + "".join(
        f"{t},Issue {t},{s},{p},Portal,Incident,Agent One,Level 1,{at(o)},{at(o.replace(hour=23))},{at(r)}\n"
        for t, p, s, o, r, _ in rows
    )


def _topdesk(rows: list[Truth]) -> str:
    head = "Number;Brief description;Caller;Priority;Status;Call date;Completed date\n"
    at = lambda d: d.strftime("%d-%m-%Y %H:%M") if d else ""  # noqa: E731
    return head + "".join(f"{t};Call {t};J. Caller;{p};{s};{at(o)};{at(r)}\n" for t, p, s, o, r, _ in rows)


def _servicedesk_plus(rows: list[Truth]) -> str:
    head = "Request ID,Subject,Requester,Technician,Status,Priority,Created Time,Resolved Time\n"

    def at(d):
        return f'"{d.strftime("%b %d, %Y %I:%M %p")}"' if d else ""

    return head + "".join(
        f"{t},Request {t},A Requester,A Technician,{s},{p},{at(o)},{at(r)}\n" for t, p, s, o, r, _ in rows
    )


# three more, written 2026-12-07 and read whole at first sight (18 of 18 tickets): BMC Helix ITSM (Remedy)'s
# incident export (its starred field names, US dates with seconds and AM/PM), Ivanti Neurons for ITSM's (numeric
# priorities 1 to 5, ISO times with a "T"), Cherwell's (numeric ids and priorities, month-first dates)
REMEDY: list[Truth] = [
    ("INC000000012301", "Critical", "Resolved", datetime(2025, 8, 4, 9, 14), datetime(2025, 8, 4, 11, 2), 1),
    ("INC000000012302", "High", "Closed", datetime(2025, 8, 4, 15, 0), datetime(2025, 8, 5, 10, 30), 2),
    ("INC000000012303", "Medium", "Pending", datetime(2025, 8, 5, 8, 30), None, 3),
    ("INC000000012304", "Low", "Closed", datetime(2025, 8, 6, 13, 0), datetime(2025, 8, 13, 9, 0), 4),
    ("INC000000012305", "Medium", "Resolved", datetime(2025, 8, 7, 10, 5), datetime(2025, 8, 7, 15, 50), 3),
    ("INC000000012306", "High", "Assigned", datetime(2025, 8, 8, 11, 0), None, 2),
]
IVANTI: list[Truth] = [
    ("10231", "1", "Resolved", datetime(2025, 9, 1, 9, 0), datetime(2025, 9, 1, 10, 45), 1),
    ("10232", "3", "Closed", datetime(2025, 9, 1, 14, 20), datetime(2025, 9, 2, 9, 20), 3),
    ("10233", "4", "Active", datetime(2025, 9, 2, 8, 0), None, 4),
    ("10234", "2", "Resolved", datetime(2025, 9, 3, 7, 45), datetime(2025, 9, 3, 12, 45), 2),
    ("10235", "3", "Waiting for 3rd Party", datetime(2025, 9, 4, 16, 0), None, 3),
    ("10236", "5", "Closed", datetime(2025, 9, 5, 10, 0), datetime(2025, 9, 12, 10, 0), 5),
]
CHERWELL: list[Truth] = [
    ("88101", "1", "Resolved", datetime(2025, 10, 6, 9, 0), datetime(2025, 10, 6, 12, 30), 1),
    ("88102", "3", "Closed", datetime(2025, 10, 6, 13, 10), datetime(2025, 10, 8, 9, 10), 3),
    ("88103", "2", "In Progress", datetime(2025, 10, 7, 8, 0), None, 2),
    ("88104", "4", "Closed", datetime(2025, 10, 7, 11, 0), datetime(2025, 10, 17, 11, 0), 4),
    ("88105", "2", "Resolved", datetime(2025, 10, 9, 14, 0), datetime(2025, 10, 9, 18, 45), 2),
    ("88106", "3", "Pending", datetime(2025, 10, 10, 9, 30), None, 3),
]


def _remedy(rows: list[Truth]) -> str:
    head = "Incident ID*+,Summary*,Priority*,Status*,Assigned Group*+,Submit Date,Last Resolved Date\n"

    def at(d):
        return f"{d.month}/{d.day}/{d.year} {d.strftime('%I:%M:%S %p').lstrip('0')}" if d else ""

    return head + "".join(f"{t},Issue {t},{p},{s},Service Desk,{at(o)},{at(r)}\n" for t, p, s, o, r, _ in rows)


def _ivanti(rows: list[Truth]) -> str:
    head = "IncidentNumber,Subject,Priority,Status,OwnerTeam,CreatedDateTime,ResolvedDateTime\n"
    at = lambda d: d.strftime("%Y-%m-%dT%H:%M:%S") if d else ""  # noqa: E731
    return head + "".join(f"{t},Subject {t},{p},{s},Service Desk,{at(o)},{at(r)}\n" for t, p, s, o, r, _ in rows)


def _cherwell(rows: list[Truth]) -> str:
    head = "Incident ID,Short Description,Priority,Status,Owned By Team,Created Date Time,Resolved Date Time\n"
    at = lambda d: d.strftime("%m/%d/%Y %H:%M") if d else ""  # noqa: E731
    return head + "".join(f"{t},Desc {t},{p},{s},Desk,{at(o)},{at(r)}\n" for t, p, s, o, r, _ in rows)


TOOLS = {
    "remedy": (_remedy, REMEDY),
    "ivanti": (_ivanti, IVANTI),
    "cherwell": (_cherwell, CHERWELL),
    "zendesk": (_zendesk, ZENDESK),
    "freshservice": (_freshservice, FRESHSERVICE),
    "topdesk": (_topdesk, TOPDESK),
    "servicedesk_plus": (_servicedesk_plus, SERVICEDESK_PLUS),
}


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_another_tools_export_gives_each_tickets_clock_and_priority(tmp_path, tool):
    write, truth = TOOLS[tool]
    path = tmp_path / f"{tool}.csv"
    path.write_text(write(truth))
    result = read_ticket_export(path)
    assert result.problems == []
    got = result.tickets.set_index("ticket_id")
    assert sorted(got.index) == sorted(t for t, *_ in truth)
    for ticket, _, _, opened, resolved, level in truth:
        row = got.loc[ticket]
        assert row.opened_at == pd.Timestamp(opened), ticket
        assert row.priority_level == level, ticket
        if resolved is None:
            assert pd.isna(row.resolved_at), ticket
        else:
            assert row.resolution_hours == pytest.approx((resolved - opened).total_seconds() / 3600, abs=0.01), ticket


# Jira Service Management's status changelog: one row per status change, from and to, beside the issue's
# creation time; "Waiting for customer" is the status its SLA clocks pause on
# ticket, priority, created, [(from, to, changed)], resolved, paused hours before the resolution
CHANGELOG = [
    (
        "ITSD-11",
        "Highest",
        datetime(2025, 6, 2, 9, 0),
        [
            ("Open", "In Progress", datetime(2025, 6, 2, 9, 30)),
            ("In Progress", "Resolved", datetime(2025, 6, 2, 12, 0)),
        ],
        datetime(2025, 6, 2, 12, 0),
        0.0,
    ),
    (
        "ITSD-12",
        "Medium",
        datetime(2025, 6, 2, 10, 0),
        [
            ("Open", "In Progress", datetime(2025, 6, 2, 11, 0)),
            ("In Progress", "Waiting for customer", datetime(2025, 6, 2, 12, 0)),
            ("Waiting for customer", "In Progress", datetime(2025, 6, 3, 9, 0)),
            ("In Progress", "Resolved", datetime(2025, 6, 3, 10, 0)),
            ("Resolved", "Closed", datetime(2025, 6, 5, 10, 0)),
        ],
        datetime(2025, 6, 3, 10, 0),
        21.0,
    ),
    (
        "ITSD-13",
        "High",
        datetime(2025, 6, 3, 8, 0),
        [
            ("Open", "Resolved", datetime(2025, 6, 3, 9, 0)),
            ("Resolved", "Reopened", datetime(2025, 6, 4, 9, 0)),
            ("Reopened", "Resolved", datetime(2025, 6, 4, 15, 0)),
        ],
        datetime(2025, 6, 4, 15, 0),
        0.0,
    ),
    ("ITSD-14", "Low", datetime(2025, 6, 4, 14, 0), [("Open", "In Progress", datetime(2025, 6, 5, 9, 0))], None, None),
    (
        "ITSD-15",
        "Lowest",
        datetime(2025, 6, 5, 9, 0),
        [("Open", "Canceled", datetime(2025, 6, 5, 9, 45))],
        None,
        None,
    ),
    (
        "ITSD-16",
        "High",
        datetime(2025, 6, 6, 13, 0),
        [
            ("Open", "Waiting for customer", datetime(2025, 6, 6, 14, 0)),
            ("Waiting for customer", "In Progress", datetime(2025, 6, 9, 9, 0)),
            ("In Progress", "Done", datetime(2025, 6, 9, 17, 0)),
        ],
        datetime(2025, 6, 9, 17, 0),
        67.0,
    ),
]


def test_a_status_changelog_with_from_and_to_gives_each_tickets_clock(tmp_path):
    at = lambda d: d.strftime("%d/%b/%y %I:%M %p")  # noqa: E731
    lines = ["Issue key,Priority,Created,Field,From,To,Changed"]
    for ticket, priority, created, changes, _, _ in CHANGELOG:
        lines += [f"{ticket},{priority},{at(created)},status,{a},{b},{at(when)}" for a, b, when in changes]
    path = tmp_path / "changelog.csv"
    path.write_text("\n".join(lines) + "\n")
    result = read_ticket_export(path)
    assert result.problems == []
    got = result.tickets.set_index("ticket_id")
    assert sorted(got.index) == sorted(t for t, *_ in CHANGELOG)
    for ticket, _, created, _, resolved, paused in CHANGELOG:
        row = got.loc[ticket]
        assert row.opened_at == pd.Timestamp(created), ticket
        if resolved is None:
            assert pd.isna(row.resolved_at), ticket
            continue
        assert row.resolution_hours == pytest.approx((resolved - created).total_seconds() / 3600, abs=0.01), ticket
        assert row.paused_hours == pytest.approx(paused, abs=0.01), ticket


# ServiceNow's state-duration metric (metric_instance) exported: one row per state a ticket was in, with its
# start and end; the ticket's priority beside it
# ticket, priority, [(state, start, end)], resolved, paused hours before the resolution
STATE_SPANS = [
    (
        "INC0040001",
        "1 - Critical",
        [
            ("New", datetime(2025, 7, 1, 8, 0), datetime(2025, 7, 1, 8, 20)),
            ("In Progress", datetime(2025, 7, 1, 8, 20), datetime(2025, 7, 1, 11, 0)),
            ("Resolved", datetime(2025, 7, 1, 11, 0), datetime(2025, 7, 4, 11, 0)),
            ("Closed", datetime(2025, 7, 4, 11, 0), None),
        ],
        datetime(2025, 7, 1, 11, 0),
        0.0,
    ),
    (
        "INC0040002",
        "3 - Moderate",
        [
            ("New", datetime(2025, 7, 2, 9, 0), datetime(2025, 7, 2, 10, 0)),
            ("In Progress", datetime(2025, 7, 2, 10, 0), datetime(2025, 7, 2, 12, 0)),
            ("On Hold", datetime(2025, 7, 2, 12, 0), datetime(2025, 7, 3, 12, 0)),
            ("In Progress", datetime(2025, 7, 3, 12, 0), datetime(2025, 7, 3, 15, 0)),
            ("Resolved", datetime(2025, 7, 3, 15, 0), None),
        ],
        datetime(2025, 7, 3, 15, 0),
        24.0,
    ),
    (
        "INC0040003",
        "2 - High",
        [
            ("New", datetime(2025, 7, 3, 7, 0), datetime(2025, 7, 3, 7, 30)),
            ("In Progress", datetime(2025, 7, 3, 7, 30), None),
        ],
        None,
        None,
    ),
    (
        "INC0040004",
        "4 - Low",
        [
            ("New", datetime(2025, 7, 4, 10, 0), datetime(2025, 7, 4, 11, 0)),
            ("Resolved", datetime(2025, 7, 4, 11, 0), datetime(2025, 7, 5, 9, 0)),
            ("In Progress", datetime(2025, 7, 5, 9, 0), datetime(2025, 7, 5, 13, 0)),
            ("Resolved", datetime(2025, 7, 5, 13, 0), None),
        ],
        datetime(2025, 7, 5, 13, 0),
        0.0,
    ),
]


def test_a_log_of_state_spans_gives_each_tickets_clock(tmp_path):
    at = lambda d: d.strftime("%Y-%m-%d %H:%M:%S") if d else ""  # noqa: E731
    lines = ["ID,Priority,Definition,Value,Start,End"]
    for ticket, priority, spans, _, _ in STATE_SPANS:
        lines += [f"{ticket},{priority},Incident State Duration,{s},{at(a)},{at(b)}" for s, a, b in spans]
    path = tmp_path / "metric_instance.csv"
    path.write_text("\n".join(lines) + "\n")
    result = read_ticket_export(path)
    assert result.problems == []
    got = result.tickets.set_index("ticket_id")
    assert sorted(got.index) == sorted(t for t, *_ in STATE_SPANS)
    for ticket, _, spans, resolved, paused in STATE_SPANS:
        row = got.loc[ticket]
        opened = spans[0][1]
        assert row.opened_at == pd.Timestamp(opened), ticket
        if resolved is None:
            assert pd.isna(row.resolved_at), ticket
            continue
        assert row.resolution_hours == pytest.approx((resolved - opened).total_seconds() / 3600, abs=0.01), ticket
        assert row.paused_hours == pytest.approx(paused, abs=0.01), ticket


def test_a_workbook_export_with_date_cells_gives_each_tickets_clock(tmp_path):
    """The Freshservice set saved as a workbook, as tools' "Export to Excel" writes it: dates as date cells, not
    text."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Ticket Id", "Subject", "Status", "Priority", "Created Time", "Resolved Time"])
    for ticket, priority, status, opened, resolved, _ in FRESHSERVICE:
        sheet.append([ticket, f"Issue {ticket}", status, priority, opened, resolved])
    path = tmp_path / "tickets.xlsx"
    book.save(path)
    result = read_ticket_export(path)
    assert result.problems == []
    got = result.tickets.set_index("ticket_id")
    for ticket, _, _, opened, resolved, level in FRESHSERVICE:
        row = got.loc[ticket]
        assert row.opened_at == pd.Timestamp(opened) and row.priority_level == level, ticket
        if resolved is None:
            assert pd.isna(row.resolved_at), ticket
        else:
            assert row.resolution_hours == pytest.approx((resolved - opened).total_seconds() / 3600, abs=0.01), ticket
