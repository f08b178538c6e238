"""An ITSM event log with one time per row (#35): no opened or resolved column, a status and a sub-status, UTC
offsets, reopened, waiting, cancelled and unfinished tickets. Generated here with each ticket's truth computed
from the events written, and read with no mapping file."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pandas as pd
import pytest

from etl.records import InputFileError
from etl.tickets.export import read_ticket_export

PAUSES = {"Wait - User", "Wait - Vendor"}  # the waits on others that stop the clock; the own queue does not


def _ticket(rng: random.Random, opened: datetime) -> tuple[list[tuple[str, str, datetime]], dict]:
    """One ticket's events (status, sub-status, instant) and its truth: opened, resolved, paused hours."""
    steps = [("Queued", "Awaiting Assignment", 0.5), ("Accepted", "In Progress", rng.uniform(0.5, 6))]
    if rng.random() < 0.4:
        steps += [("Accepted", rng.choice(sorted(PAUSES)), rng.uniform(1, 30)), ("Accepted", "In Progress", 2)]
    ending = rng.choices(["resolved", "reopened", "open", "cancelled"], [6, 2, 1, 1])[0]
    if ending in ("resolved", "reopened"):
        steps += [("Completed", "Resolved", rng.uniform(1, 48))]
    if ending == "reopened":
        steps += [("Accepted", "In Progress", rng.uniform(2, 20)), ("Completed", "Resolved", 24)]
    if ending in ("resolved", "reopened") and rng.random() < 0.5:
        steps += [("Completed", "Closed", 0)]
    if ending == "cancelled":
        steps += [("Completed", "Cancelled", 0)]
    events, at = [], opened
    for status, sub, hours in steps:
        events.append((status, sub, at))
        at = at + timedelta(hours=hours)
    # resolved: when the ticket last entered a resolved state, if it is still in one
    resolved = None
    for i, (_, sub, when) in enumerate(events):
        if sub in ("Resolved", "Closed") and (i == 0 or events[i - 1][1] not in ("Resolved", "Closed")):
            resolved = when
        elif sub not in ("Resolved", "Closed"):
            resolved = None
    paused = sum(
        (events[i + 1][2] - when).total_seconds() / 3600
        for i, (_, sub, when) in enumerate(events[:-1])
        if sub in PAUSES and (resolved is None or when < resolved)
    )
    return events, {"opened": opened, "resolved": resolved, "paused": paused if resolved is not None else None}


def event_log(seed: int, time_header: str) -> tuple[str, dict]:
    """A log of 80 tickets in three time zones and the truth of each ticket's clock (see _ticket)."""
    rng = random.Random(seed)
    rows, truth = [], {}
    zones = [timezone(timedelta(hours=1)), timezone(timedelta(hours=-5)), timezone(timedelta(hours=5, minutes=30))]
    for _ in range(80):
        ticket = f"1-{rng.randrange(10**8, 10**9)}"
        zone = rng.choice(zones)
        opened = datetime(2025, 1, 6, 8, tzinfo=zone) + timedelta(minutes=rng.randrange(0, 60 * 24 * 50))
        events, truth[ticket] = _ticket(rng, opened)
        impact = truth[ticket]["impact"] = rng.choice(["Critical", "High", "Medium", "Low"])
        team = rng.choice(["V30", "V31", "G12"])
        rows += [(ticket, status, sub, impact, team, at) for status, sub, at in events]
    rng.shuffle(rows)  # an export need not be in time order
    lines = [f"Item,Status,Sub Status,Impact,Group,{time_header}"]
    lines += [f"{t},{s},{sub},{i},{g},{at.isoformat()}" for t, s, sub, i, g, at in rows]
    return "\n".join(lines) + "\n", truth


# Jira's default CSV: an issue key, Highest..Lowest priorities, and dates with the month by name
JIRA_EXPORT = (
    "Issue key,Summary,Priority,Status,Created,Resolved\n"
    "SUP-101,Printer offline,Highest,Done,03/Mar/25 9:14 AM,03/Mar/25 11:44 AM\n"
    "SUP-102,VPN drops,High,Done,03/Mar/25 4:00 PM,04/Mar/25 10:00 AM\n"
    "SUP-103,New laptop,Medium,In Progress,04/Mar/25 8:30 AM,\n"
    "SUP-104,Typo on intranet,Lowest,Done,05/Mar/25 1:00 PM,12/Mar/25 1:00 PM\n"
    "SUP-105,Password reset,Low,Done,06/Mar/25 10:05 AM,06/Mar/25 10:20 AM\n"
)
# Remedy's: no priority column, but ITIL's impact and urgency
REMEDY_EXPORT = (
    "Incident ID,Impact,Urgency,Status,Submit Date,Last Resolved Date\n"
    "INC000000000101,1-Extensive/Widespread,1-Critical,Closed,3/4/2025 9:00:00 AM,3/4/2025 10:30:00 AM\n"
    "INC000000000102,2-Significant/Large,3-Medium,Resolved,3/4/2025 1:00:00 PM,3/5/2025 1:00:00 PM\n"
    "INC000000000103,4-Minor/Localized,4-Low,Closed,3/5/2025 8:00:00 AM,3/12/2025 8:00:00 AM\n"
    "INC000000000104,3-Moderate/Limited,2-High,Closed,3/13/2025 8:00:00 AM,3/13/2025 9:00:00 AM\n"
)


@pytest.mark.parametrize("time_header", ["Change Date+Time", "When"])
def test_an_event_log_without_opened_or_resolved_columns_gives_each_tickets_clock(tmp_path, time_header):
    text, truth = event_log(7, time_header)
    path = tmp_path / "events.csv"
    path.write_text(text)
    result = read_ticket_export(path)
    assert result.columns["ticket_id"] == "Item"  # the most distinct code, not the team code
    assert result.columns["updated_at"] == time_header and result.columns["sub_state"] == "Sub Status"
    assert result.problems == []
    got = result.tickets.set_index("ticket_id")
    assert set(got.index) == set(truth)
    checked = {"resolved": 0, "unresolved": 0, "paused": 0}
    for ticket, want in truth.items():
        row = got.loc[ticket]
        opened_local = want["opened"].replace(tzinfo=None)
        assert row.opened_at == pd.Timestamp(opened_local), ticket
        if want["resolved"] is None:
            assert pd.isna(row.resolved_at) and pd.isna(row.resolution_hours), ticket
            checked["unresolved"] += 1
            continue
        hours = (want["resolved"] - want["opened"]).total_seconds() / 3600
        assert row.resolution_hours == pytest.approx(hours, abs=0.01), ticket  # 36 s
        assert row.paused_hours == pytest.approx(want["paused"], abs=0.01), ticket
        checked["resolved"] += 1
        checked["paused"] += want["paused"] > 0
    # the log exercises every path: resolved, reopened or open, and paused
    assert min(checked.values()) >= 5, checked
    assert set(got.priority_level) == {1, 2, 3, 4}


def test_a_ticket_resolved_and_reopened_counts_its_last_resolution_and_cancelled_is_not_resolved(tmp_path):
    text = (
        "id,status,priority,changed\n"
        "T-1,New,P2,2025-03-04 09:00\n"
        "T-1,Resolved,P2,2025-03-04 10:00\n"
        "T-1,In Progress,P2,2025-03-05 09:00\n"
        "T-1,Resolved,P2,2025-03-05 12:00\n"
        "T-1,Closed,P2,2025-03-08 12:00\n"
        "T-2,New,P3,2025-03-04 09:00\n"
        "T-2,Cancelled,P3,2025-03-04 09:30\n"
        "T-3,New,P3,2025-03-04 09:00\n"
        "T-3,Resolved,P3,2025-03-04 11:00\n"
        "T-3,In Progress,P3,2025-03-06 11:00\n"
    )
    path = tmp_path / "log.csv"
    path.write_text(text)
    t = read_ticket_export(path).tickets.set_index("ticket_id")
    assert t.loc["T-1", "resolved_at"] == pd.Timestamp("2025-03-05 12:00")
    assert t.loc["T-1", "resolution_hours"] == pytest.approx(27.0)
    assert pd.isna(t.loc["T-2", "resolved_at"]) and bool(t.loc["T-2", "is_closed"])
    assert pd.isna(t.loc["T-3", "resolved_at"])  # reopened and not resolved again


def _records(rows: list[tuple[str, str, str]]) -> str:
    return "ticket,priority,opened,resolved\n" + "".join(f"T-{i},P2,{o},{r}\n" for i, (o, r) in enumerate(rows))


def test_an_export_whose_tickets_all_resolve_as_they_open_is_refused_with_what_to_name(tmp_path):
    # the mapping fallback of a log: both roles named after its one time column
    path = tmp_path / "one-time.csv"
    path.write_text(_records([(f"2025-03-{d:02d} 09:00", f"2025-03-{d:02d} 09:00") for d in range(1, 21)]))
    with pytest.raises(InputFileError, match=r"20 of 20 resolved tickets are resolved at the very moment.*event_time"):
        read_ticket_export(path)


def test_a_ticket_resolved_before_it_opened_is_quarantined_and_the_rest_load(tmp_path):
    rows = [(f"2025-03-{d:02d} 09:00", f"2025-03-{d:02d} 11:00") for d in range(1, 12)]
    rows[3] = ("2025-03-04 09:00", "2025-03-03 21:00")
    path = tmp_path / "backwards.csv"
    path.write_text(_records(rows))
    result = read_ticket_export(path)
    assert [(p["location"], p["check"]) for p in result.problems] == [("ticket T-3", "ticket_clock_forwards")]
    assert "12.00 hours before it opened" in result.problems[0]["message"]
    assert len(result.tickets) == 10 and (result.tickets.resolution_hours == 2.0).all()


def test_an_export_mostly_unresolved_is_refused_unless_the_mapping_says_it_holds_open_work(tmp_path):
    rows = [(f"2025-03-{d:02d} 09:00", "2025-03-28 10:00" if d <= 4 else "") for d in range(1, 13)]
    path = tmp_path / "open.csv"
    path.write_text(_records(rows))
    with pytest.raises(InputFileError, match=r"67% of its 12 tickets read as unresolved.*ticket_unresolved_max_pct"):
        read_ticket_export(path)
    assert len(read_ticket_export(path, {"ticket_unresolved_max_pct": 100}).tickets) == 12


def test_a_mapping_file_names_the_states_that_resolve_and_pause(tmp_path):
    text = (
        "id,status,priority,changed\n"
        "T-1,Logged,P2,2025-03-04 09:00\n"
        "T-1,Parked,P2,2025-03-04 10:00\n"
        "T-1,Working,P2,2025-03-04 12:00\n"
        "T-1,Fertig,P2,2025-03-04 13:00\n"
    )
    path = tmp_path / "own-words.csv"
    path.write_text(text)
    mapping = {"ticket_resolved_states": ["Fertig"], "ticket_pause_states": ["Parked"]}
    t = read_ticket_export(path, mapping).tickets.iloc[0]
    assert t.resolution_hours == pytest.approx(4.0) and t.paused_hours == pytest.approx(2.0)


def test_a_jira_style_export_is_read_without_a_mapping_file(tmp_path):
    """#35: Jira's default CSV: an issue key, Highest..Lowest priorities, and dates with the month by name."""
    path = tmp_path / "jira.csv"
    path.write_text(JIRA_EXPORT)
    result = read_ticket_export(path)
    assert result.problems == []
    assert result.columns["ticket_id"] == "Issue key" and result.columns["opened_at"] == "Created"
    t = result.tickets.set_index("ticket_id")
    assert t.priority_level.to_dict() == {"SUP-101": 1, "SUP-102": 2, "SUP-103": 3, "SUP-104": 5, "SUP-105": 4}
    assert t.loc["SUP-101", "resolution_hours"] == pytest.approx(2.5)
    assert t.loc["SUP-102", "resolution_hours"] == pytest.approx(18.0)
    assert t.loc["SUP-104", "resolution_hours"] == pytest.approx(168.0)
    assert pd.isna(t.loc["SUP-103", "resolved_at"])


def test_a_remedy_style_export_takes_its_priority_from_impact_and_urgency(tmp_path):
    """#35: no priority column, but ITIL's impact and urgency: priority = impact + urgency - 1 (at most 5)."""
    path = tmp_path / "remedy.csv"
    path.write_text(REMEDY_EXPORT)
    result = read_ticket_export(path)
    assert result.problems == [] and "priority" not in result.columns
    assert result.columns["impact"] == "Impact" and result.columns["urgency"] == "Urgency"
    t = result.tickets.set_index("ticket_id")
    assert t.priority_level.to_dict() == {
        "INC000000000101": 1,
        "INC000000000102": 4,
        "INC000000000103": 5,  # 4 + 4 - 1 = 7, the lowest level there is
        "INC000000000104": 4,
    }
    assert t.loc["INC000000000101", "resolution_hours"] == pytest.approx(1.5)
    assert t.loc["INC000000000103", "resolution_hours"] == pytest.approx(168.0)


def test_a_mapping_limit_that_is_no_number_is_refused_in_words(tmp_path):
    path = tmp_path / "open.csv"
    path.write_text(_records([(f"2025-03-{d:02d} 09:00", "2025-03-28 10:00") for d in range(1, 13)]))
    with pytest.raises(InputFileError, match="ticket_unresolved_max_pct in the mapping file must be a number"):
        read_ticket_export(path, {"ticket_unresolved_max_pct": "all of them"})
