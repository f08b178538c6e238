"""Ticket exports in the shapes tools write them, each with a known answer: columns found by what they hold,
events collapsed to each ticket's last state, dates decided from the data, clocks in calendar and business
hours, and tickets that cannot be measured quarantined with a reason."""

import zipfile

import pandas as pd
import pytest

from etl.intake.file_task import read_staged
from etl.records import InputFileError
from etl.tickets import export
from etl.tickets.clock import Coverage, hours_between
from etl.tickets.export import priority_level, read_ticket_export

EVENT_LOG = """number,incident_state,sys_mod_count,made_sla,priority,opened_at,sys_updated_at,resolved_at,closed_at
INC1,New,0,true,1 - Critical,30/1/2025 08:00,30/1/2025 08:05,?,?
INC1,Resolved,1,true,1 - Critical,30/1/2025 08:00,30/1/2025 11:00,30/1/2025 11:00,?
INC1,Closed,2,true,1 - Critical,30/1/2025 08:00,2/2/2025 11:00,30/1/2025 11:00,2/2/2025 11:00
INC2,New,0,true,2 - High,31/1/2025 22:00,31/1/2025 22:01,?,?
INC2,Closed,1,false,2 - High,31/1/2025 22:00,1/2/2025 09:00,1/2/2025 01:00,1/2/2025 09:00
INC3,New,0,true,3 - Moderate,3/2/2025 09:00,3/2/2025 09:00,?,?
INC3,Resolved,1,true,3 - Moderate,3/2/2025 09:00,3/2/2025 12:00,3/2/2025 12:00,?
INC3,Active,2,true,3 - Moderate,3/2/2025 09:00,4/2/2025 08:00,?,?
INC3,Resolved,3,false,3 - Moderate,3/2/2025 09:00,13/2/2025 10:00,13/2/2025 10:00,?
INC4,Active,0,true,3 - Moderate,14/2/2025 09:00,14/2/2025 09:00,?,?
INC4,Resolved,1,true,3 - Moderate,14/2/2025 09:00,14/2/2025 10:00,14/2/2025 10:00,?
INC4,Active,2,NULL,3 - Moderate,14/2/2025 09:00,15/2/2025 10:00,?,?
"""


def _write(tmp_path, text, name="export.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def _by_id(result):
    return result.tickets.set_index("ticket_id")


def test_an_event_log_collapses_to_each_tickets_last_state(tmp_path):
    result = read_ticket_export(_write(tmp_path, EVENT_LOG))
    assert result.events == 12 and len(result.tickets) == 4
    assert result.day_first is True  # 30/1 can only be day-first
    t = _by_id(result)
    assert t.loc["INC1", "state"] == "Closed" and bool(t.loc["INC1", "is_closed"])
    assert t.loc["INC1", "events"] == 3
    assert t.loc["INC1", "resolution_hours"] == pytest.approx(3.0)
    # resolved in the month after it opened: it counts where it was resolved
    assert t.loc["INC2", "resolved_at"] == pd.Timestamp("2025-02-01 01:00")
    assert not bool(t.loc["INC2", "made_sla"])
    # reopened and resolved again: the last resolution is the ticket's, 10 days and an hour after opening
    assert t.loc["INC3", "resolved_at"] == pd.Timestamp("2025-02-13 10:00")
    assert t.loc["INC3", "resolution_hours"] == pytest.approx(241.0)
    # reopened and still open: not resolved, whatever an earlier event said; its SLA flag left blank
    assert pd.isna(t.loc["INC4", "resolved_at"]) and pd.isna(t.loc["INC4", "made_sla"])
    assert result.problems == []


def test_a_row_without_a_ticket_id_is_quarantined_with_its_row_number(tmp_path):
    text = "ticket,priority,opened,resolved\nT-1,P1,2025-03-03 09:00,2025-03-03 10:00\n,P2,2025-03-03 09:00,2025-03-03 10:00\n"
    result = read_ticket_export(_write(tmp_path, text))
    assert list(result.tickets.ticket_id) == ["T-1"]
    # row 3 of the file, as a spreadsheet numbers it (the header is row 1)
    assert [(p["location"], p["check"]) for p in result.problems] == [("row 3", "ticket_id_present")]


def test_only_waits_on_the_customer_or_a_third_party_pause_the_clock(tmp_path):
    """#35: the vendor's own queue (Awaiting Assignment) never pauses; Wait - User and Wait - Vendor do."""
    text = (
        "id,status,priority,created,updated,resolved\n"
        "B-1,Queued,High,2025-03-04 09:00,2025-03-04 09:00,\n"
        "B-1,Awaiting Assignment,High,2025-03-04 09:00,2025-03-04 09:30,\n"
        "B-1,Wait - User,High,2025-03-04 09:00,2025-03-04 10:00,\n"
        "B-1,In Progress,High,2025-03-04 09:00,2025-03-04 12:00,\n"
        "B-1,Wait - Vendor,High,2025-03-04 09:00,2025-03-04 13:00,\n"
        "B-1,Completed,High,2025-03-04 09:00,2025-03-04 14:00,2025-03-04 14:00\n"
    )
    t = read_ticket_export(_write(tmp_path, text)).tickets.iloc[0]
    assert t.resolution_hours == pytest.approx(5.0)
    assert t.paused_hours == pytest.approx(3.0)  # 10:00-12:00 on the user, 13:00-14:00 on a vendor


def test_time_waiting_on_the_customer_is_recorded_as_a_pause_before_resolution(tmp_path):
    text = (
        "id,status,priority,created,updated,resolved\n"
        "A-1,New,High,2025-03-07 16:00,2025-03-07 16:00,\n"
        "A-1,On Hold,High,2025-03-07 16:00,2025-03-07 17:00,\n"
        "A-1,In Progress,High,2025-03-07 16:00,2025-03-10 09:00,\n"
        "A-1,Resolved,High,2025-03-07 16:00,2025-03-10 11:00,2025-03-10 11:00\n"
    )
    t = read_ticket_export(_write(tmp_path, text)).tickets.iloc[0]
    assert t.resolution_hours == pytest.approx(67.0)
    assert t.paused_hours == pytest.approx(64.0)  # Friday 17:00 to Monday 09:00
    assert t.paused_business_hours == pytest.approx(2.0)  # Friday 17-18, Monday 08-09
    assert t.resolution_business_hours == pytest.approx(5.0)  # Friday 16-18, Monday 08-11


def test_columns_are_found_by_what_they_hold_not_by_one_tools_names(tmp_path):
    # a records export (one row per ticket), month-first dates on a 12-hour clock, terse headers
    text = (
        "Ref,Sev,Logged,Fixed,Owner\n"
        "CS-1001,Sev 2,02/14/2025 09:00 AM,02/14/2025 01:30 PM,Team A\n"
        "CS-1002,Sev 1,02/03/2025 04:00 PM,02/04/2025 09:00 AM,Team B\n"
    )
    result = read_ticket_export(_write(tmp_path, text))
    assert result.columns["ticket_id"] == "Ref" and result.columns["priority"] == "Sev"
    assert result.columns["opened_at"] == "Logged" and result.columns["resolved_at"] == "Fixed"
    assert result.day_first is False  # 02/14 can only be month-first
    t = _by_id(result)
    assert t.loc["CS-1001", "priority_level"] == 2 and t.loc["CS-1001", "resolution_hours"] == pytest.approx(4.5)
    assert t.loc["CS-1002", "resolution_hours"] == pytest.approx(17.0)
    assert t.loc["CS-1001", "events"] == 1


def test_an_id_written_with_a_hash_is_the_id_not_a_team_code_beside_it(tmp_path):
    """Service-desk tools that print ids as "#INC-12": the ids are all distinct, a group code ("L1") repeats."""
    text = (
        "Ticket Id,Status,Priority,Group,Created Time,Resolved Time\n"
        "#INC-12,Closed,Urgent,L1,2025-04-01 09:00:00 +0100,2025-04-01 12:00:00 +0100\n"
        "#INC-13,Resolved,High,L2,2025-04-02 10:00:00 +0100,2025-04-02 16:00:00 +0100\n"
        "#INC-14,Open,Low,L1,2025-04-03 11:00:00 +0100,\n"
        "#INC-15,Closed,Medium,L2,2025-04-04 08:00:00 +0100,2025-04-04 15:30:00 +0100\n"
    )
    result = read_ticket_export(_write(tmp_path, text))
    assert result.columns["ticket_id"] == "Ticket Id" and not result.problems
    t = _by_id(result)
    assert list(t.index) == ["#INC-12", "#INC-13", "#INC-14", "#INC-15"]
    assert t.loc["#INC-15", "resolution_hours"] == pytest.approx(7.5) and t.loc["#INC-12", "priority_level"] == 1


def test_an_id_with_a_space_and_a_call_date_read_with_no_mapping(tmp_path):
    """A desk that numbers calls "I2504 001" and logs them under "Call date" (day-first dates)."""
    text = (
        "Number,Brief description,Call date,Target date,Closed date,Priority,Status\n"
        "I2504 001,Laptop broken,01-04-2025 09:00,02-04-2025 09:00,01-04-2025 15:00,P2 - High,Closed\n"
        "I2504 002,No network,02-04-2025 10:00,02-04-2025 14:00,02-04-2025 11:00,P1 - Critical,Closed\n"
        "I2504 003,Printer jam,13-04-2025 13:00,18-04-2025 13:00,,P4 - Low,In progress\n"
    )
    result = read_ticket_export(_write(tmp_path, text))
    assert result.columns["ticket_id"] == "Number" and result.columns["opened_at"] == "Call date"
    t = _by_id(result)
    assert t.loc["I2504 001", "resolution_hours"] == pytest.approx(6.0) and t.loc["I2504 002", "priority_level"] == 1
    assert pd.isna(t.loc["I2504 003", "resolution_hours"])


def test_a_zipped_export_and_a_workbook_read_like_the_csv(tmp_path):
    csv_path = _write(tmp_path, EVENT_LOG)
    zipped = tmp_path / "export.zip"
    with zipfile.ZipFile(zipped, "w") as z:
        z.write(csv_path, "incidents/export.csv")
    sheet = tmp_path / "export.xlsx"
    pd.read_csv(csv_path, dtype=str, keep_default_na=False).to_excel(sheet, index=False)
    expected = read_ticket_export(csv_path).tickets
    for path in (zipped, sheet):
        got = read_ticket_export(path).tickets
        assert list(got.ticket_id) == list(expected.ticket_id)
        assert list(got.resolution_hours.fillna(-1).round(4)) == list(expected.resolution_hours.fillna(-1).round(4))


def test_a_zip_that_is_not_one_csv_or_inflates_past_the_limit_is_refused_with_the_setting_to_raise(
    tmp_path, monkeypatch
):
    two = tmp_path / "two.zip"
    with zipfile.ZipFile(two, "w") as z:
        z.writestr("a.csv", EVENT_LOG)
        z.writestr("b.csv", EVENT_LOG)
    with pytest.raises(InputFileError, match="exactly one .csv"):
        read_ticket_export(two)
    big = tmp_path / "big.zip"
    with zipfile.ZipFile(big, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("a.csv", EVENT_LOG + "x" * 50_000)
    monkeypatch.setattr(export, "MAX_UNZIPPED_BYTES", 10_000)
    with pytest.raises(InputFileError, match="OUTSOURCING_ETL_TICKET_MAX_BYTES"):
        read_ticket_export(big)


def test_an_unknown_priority_is_quarantined_with_its_fix_and_a_mapping_file_places_it(tmp_path):
    text = "ticket_id,priority,opened_at,resolved_at\nT-1,Whenever,2025-03-03 09:00,2025-03-03 10:00\nT-2,P1,2025-03-03 09:00,2025-03-03 11:00\n"
    result = read_ticket_export(_write(tmp_path, text))
    assert list(result.tickets.ticket_id) == ["T-2"]
    [problem] = result.problems
    assert problem["location"] == "ticket T-1" and problem["check"] == "ticket_priority_known"
    assert "'Whenever'" in problem["message"] and "ticket_priorities" in problem["message"]
    fixed = read_ticket_export(_write(tmp_path, text), {"ticket_priorities": {"Whenever": 4}})
    assert dict(zip(fixed.tickets.ticket_id, fixed.tickets.priority_level)) == {"T-1": 4, "T-2": 1}


def test_an_export_without_the_needed_columns_says_which_and_how_to_name_them(tmp_path):
    text = "a,b,c\nx,1,2\ny,3,4\n"
    with pytest.raises(InputFileError, match="ticket_columns"):
        read_ticket_export(_write(tmp_path, text))
    text = "Ref,Urgency,When,Done\nQ1,High,2025-03-03 09:00,2025-03-03 12:00\n"
    named = {"ticket_columns": {"ticket_id": "Ref", "priority": "Urgency", "opened_at": "When", "resolved_at": "Done"}}
    t = read_ticket_export(_write(tmp_path, text), named).tickets
    assert t.loc[0, "priority_level"] == 2 and t.loc[0, "resolution_hours"] == pytest.approx(3.0)


def test_business_hours_stop_at_night_and_over_the_weekend():
    friday_five_pm, monday_ten_am = (
        pd.Series([pd.Timestamp("2025-03-07 17:00")]),
        pd.Series([pd.Timestamp("2025-03-10 10:00")]),
    )
    assert hours_between(friday_five_pm, monday_ten_am).iloc[0] == pytest.approx(65.0)
    assert hours_between(friday_five_pm, monday_ten_am, Coverage()).iloc[0] == pytest.approx(3.0)  # 1 h + 2 h
    # a 24x7 desk and a six-day one
    always = Coverage(days=tuple(range(7)), start_hour=0, end_hour=24)
    assert hours_between(friday_five_pm, monday_ten_am, always).iloc[0] == pytest.approx(65.0)
    six_days = Coverage.of({"days": ["mon", "tue", "wed", "thu", "fri", "sat"], "start": "09:00", "end": "17:30"})
    assert hours_between(friday_five_pm, monday_ten_am, six_days).iloc[0] == pytest.approx(0.5 + 8.5 + 1.0)
    # opened at night, resolved before the desk opens: no business time at all; a reversed pair has none
    night = hours_between(
        pd.Series([pd.Timestamp("2025-03-11 20:00")]), pd.Series([pd.Timestamp("2025-03-12 07:00")]), Coverage()
    )
    assert night.iloc[0] == 0
    assert pd.isna(hours_between(monday_ten_am, friday_five_pm).iloc[0])


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("1 - Critical", 1),
        ("P2", 2),
        ("Sev 3", 3),
        ("Severity 4 - Low", 4),
        ("High", 2),
        ("moderate", 3),
        ("Whenever", None),
        ("P10", None),
        ("Sev-2", 2),
        ("SEV-1 Critical", 1),
        ("1-364285768", None),  # #35: a ticket id, not priority 1
        ("INC-4-22", None),
        # #35: a threshold's number is not a level; a level word or digit beside it still is
        ("Critical incidents resolved within 4 hours", 1),
        ("95% of P2 tickets resolved in 8 hours", 2),
        ("Resolved within 4 hours", None),
        ("Response in 2 business days", None),
        ("Severity 3 response within 30 minutes", 3),
        ("Lowest", 5),  # a word of its own, not "low"
        ("Highest", 1),
    ],
)
def test_priority_levels_from_digits_or_words(text, level):
    assert priority_level(text) == level


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("Support is available Monday to Friday, 8:00 to 18:00 UK time.", "mon-fri 08:00-18:00 tz Europe/London"),
        ("Support hours are 8am-6pm Monday through Friday.", "mon-fri 08:00-18:00"),
        ("The desk is staffed Monday - Saturday, 9:00 a.m. to 5:30 p.m.", "mon-sat 09:00-17:30"),
        ("Office hours 9-5 Mon-Fri.", "mon-fri 09:00-17:00"),
        ("The Service Desk operates 24x7.", "mon-sun 00:00-24:00"),
        ("Invoices are payable within 30 days, Monday to Friday.", None),
        # the public holidays the window leaves out, by the place the contract names (the holidays library's codes)
        (
            "Cover is Monday to Friday, 8:00 to 18:00, excluding public holidays in England and Wales.",
            "mon-fri 08:00-18:00 holidays GB-ENG",
        ),
        (
            "Support hours are 8am-6pm Monday through Friday, excluding U.S. federal holidays.",
            "mon-fri 08:00-18:00 holidays US",
        ),
        (
            "The desk is open Monday to Friday 9:00 to 17:00 except bank holidays in Scotland.",
            "mon-fri 09:00-17:00 holidays GB-SCT",
        ),
        (
            "Hours: Monday to Friday 9:00 to 17:00, excluding New York public holidays.",
            "mon-fri 09:00-17:00 holidays US-NY",
        ),
        ("Support hours are 8am-6pm Monday through Friday, excluding public holidays.", "mon-fri 08:00-18:00"),
        ("mon-fri 08:00-18:00 holidays DE", "mon-fri 08:00-18:00 holidays DE"),  # its own form, as entered by hand
        # the time zone written beside the hours (the words of the seed time_zone_words), not one further on
        (
            "The help desk is staffed Monday through Friday from 7:30 to 17:00 Eastern Time, excluding federal holidays.",
            "mon-fri 07:30-17:00 holidays US tz America/New_York",
        ),
        (
            "Coverage: Monday to Friday, 9 a.m. to 5 p.m. (PST), for severity 2 to 4.",
            "mon-fri 09:00-17:00 tz America/Los_Angeles",
        ),
        ("Cover is Monday to Friday, 8:00 to 17:00, local time.", "mon-fri 08:00-17:00"),
        ("Hours are Monday to Friday 8:00 to 17:00. EST QTY 12 per unit.", "mon-fri 08:00-17:00"),
        ("mon-fri 08:00-18:00 tz Asia/Kolkata", "mon-fri 08:00-18:00 tz Asia/Kolkata"),
    ],
)
def test_a_contracts_service_window_is_read_and_normalised(text, window):
    from etl.quantities import parse_coverage

    assert parse_coverage(text) == window
    if window:
        coverage = Coverage.of(window)
        assert coverage.days[0] == 0 and 0 <= coverage.start_hour < coverage.end_hour <= 24


def _inbox_with_a_window(tmp_path, opened: str, resolved: str, window: str):
    """An inbox of one P2 ticket of engagement e1, beside a warehouse whose contract terms state `window`."""
    from datetime import datetime as dt

    from etl.load.database import open_warehouse
    from etl.load.schema import create_schema
    from etl.settings import Settings

    inbox = tmp_path / "inbox"
    (inbox / "tickets" / "e1").mkdir(parents=True)
    (inbox / "tickets" / "e1" / "x.csv").write_text(f"ticket,priority,opened,resolved\nT-1,P2,{opened},{resolved}\n")
    settings = Settings(inbox, tmp_path / "w.duckdb")
    db = open_warehouse(str(settings.warehouse))
    create_schema(db)
    terms = pd.DataFrame([{"engagement_id": "e1", "field": "coverage_hours", "value": window, "file_sha256": "c"}])
    db.bulk_insert("raw_contract_terms", terms, constants={"loaded_at": dt(2026, 1, 1)})
    db.close()
    return settings


def _staged_ticket(settings) -> pd.Series:
    """The ticket as discovery and staging measure it."""
    import duckdb

    from etl.orchestration import pipeline

    [item] = pipeline.discover(settings, "report")
    [outcome] = read_staged([pipeline.stage(settings, item)])
    return duckdb.read_parquet(outcome.staged_tickets).df().iloc[0]


def _staged_business_hours(settings) -> float:
    """The ticket's resolution time in business hours."""
    return _staged_ticket(settings).resolution_business_hours


def test_the_contracts_window_reaches_the_ticket_clock_and_a_mapping_file_overrides_it(tmp_path):
    from etl.orchestration import pipeline

    # Friday 16:00 to Monday 10:00
    settings = _inbox_with_a_window(tmp_path, "2025-03-07 16:00", "2025-03-10 10:00", "mon-sat 09:00-17:30")
    [item] = pipeline.discover(settings, "report")
    assert item["kind"] == "tickets" and item["coverage_hours"] == "mon-sat 09:00-17:30"
    # Friday 16:00-17:30, Saturday 09:00-17:30, Monday 09:00-10:00
    assert _staged_business_hours(settings) == pytest.approx(1.5 + 8.5 + 1.0)
    assert _staged_ticket(settings).business_day_hours == 8.5  # a business day of this window, for "2 business days"
    (settings.inbox / "mappings").mkdir()
    (settings.inbox / "mappings" / "e1.yml").write_text(
        'business_hours: {days: [mon, tue, wed, thu, fri], start: "08:00", end: "18:00"}\n'
    )
    ticket = _staged_ticket(settings)
    assert ticket.resolution_business_hours == pytest.approx(2.0 + 2.0)  # Friday 16-18, Monday 08-10
    assert ticket.business_day_hours == 10.0


def test_a_time_that_cannot_be_read_is_quarantined_with_it_not_taken_as_missing(tmp_path):
    text = (
        "ticket,priority,opened,resolved\n"
        "T-1,P1,2025-03-03 09:00,2025-03-03 10:00\n"
        "T-2,P1,2025-03-03 09:00,next Tuesday\n"
        "T-3,P1,,2025-03-03 10:00\n"
    )
    result = read_ticket_export(_write(tmp_path, text))
    assert list(result.tickets.ticket_id) == ["T-1"]
    reasons = {p["location"]: (p["check"], p["message"]) for p in result.problems}
    assert reasons["ticket T-2"][0] == "ticket_resolved_at_readable" and "'next Tuesday'" in reasons["ticket T-2"][1]
    assert reasons["ticket T-3"] == ("ticket_opened_at_readable", "it has no opening time, so no clock can run")


@pytest.mark.parametrize(
    "stamp", ["0001-01-01 00:00:00", "1900-01-01 00:00:00", "9999-12-31 23:59:59", "294247-01-10 04:00:00"]
)
def test_a_placeholder_or_impossible_year_is_quarantined_with_the_range_it_missed(tmp_path, stamp):
    """#29, #37: year 1, 1900, 9999 and 294247 (past any clock downstream) never reach the warehouse."""
    text = (
        "number,priority,opened_at,resolved_at\n"
        f"INC1,2 - High,{stamp},2025-03-03 10:00:00\n"
        f"INC2,2 - High,2025-03-03 09:00:00,{stamp}\n"
        "INC3,2 - High,2025-03-03 09:00:00,2025-03-03 10:00:00\n"
    )
    result = read_ticket_export(_write(tmp_path, text))
    assert result.tickets.ticket_id.tolist() == ["INC3"]
    messages = {p["location"]: p["message"] for p in result.problems}
    assert set(messages) == {"ticket INC1", "ticket INC2"}
    assert all("outside 1970 to a year from now" in m for m in messages.values())


def test_times_with_offsets_are_measured_between_instants_across_a_clock_change(tmp_path):
    """#35, #37: offsets were dropped, so a ticket opened before the clock went forward and resolved after it
    read an hour long; and two offsets in one log (two sites) read their local times as one clock."""
    text = (
        "number,priority,opened_at,resolved_at\n"
        "INC1,2 - High,2025-03-29 23:30:00+00:00,2025-03-30 02:30:00+01:00\n"  # 23:30Z to 01:30Z
        "INC2,2 - High,2025-05-06 09:00:00-05:00,2025-05-06 11:00:00-04:00\n"  # 14:00Z to 15:00Z
        "INC3,2 - High,2025-05-06 09:00:00+02:00,2025-05-06 12:00:00+02:00\n"
        "INC4,2 - High,2025-05-06 09:00:00,2025-05-06 12:00:00\n"
    )
    t = read_ticket_export(_write(tmp_path, text)).tickets.set_index("ticket_id")
    assert t.resolution_hours.to_dict() == {"INC1": 2.0, "INC2": 1.0, "INC3": 3.0, "INC4": 3.0}
    assert t.loc["INC3", "opened_at"] == pd.Timestamp("2025-05-06 09:00")  # local time kept for business hours


def test_the_engagements_time_zone_decides_months_business_hours_and_clock_changes(tmp_path):
    """#35: times are shown and counted on the wall clock of the zone the mapping (or the contract's window)
    names. With offsets: an export in UTC resolves in May in London although its UTC time is still 30 April,
    and its business hours are New York's. Without offsets: the written times are the zone's, so the night
    the clocks go forward takes 2 hours, not 3."""
    utc = (
        "number,priority,opened_at,resolved_at\n"
        "INC1,2 - High,2025-04-30 22:30:00Z,2025-04-30 23:30:00Z\n"
        "INC2,2 - High,2025-06-02 21:00:00Z,2025-06-03 13:00:00Z\n"  # Mon 17:00 to Tue 09:00 in New York
    )
    as_written = read_ticket_export(_write(tmp_path, utc)).tickets.set_index("ticket_id")
    london = read_ticket_export(_write(tmp_path, utc), {"ticket_time_zone": "Europe/London"}).tickets
    london = london.set_index("ticket_id")
    assert as_written.loc["INC1", "resolved_at"].month == 4 and london.loc["INC1", "resolved_at"].month == 5
    assert london.loc["INC1", "resolved_at"] == pd.Timestamp("2025-05-01 00:30")
    assert london.resolution_hours.to_dict() == as_written.resolution_hours.to_dict() == {"INC1": 1.0, "INC2": 16.0}
    window = {"business_hours": "mon-fri 08:00-18:00 tz America/New_York"}  # a contract's window, its zone read
    new_york = read_ticket_export(_write(tmp_path, utc), window).tickets.set_index("ticket_id")
    assert new_york.loc["INC2", "resolution_business_hours"] == pytest.approx(2.0)  # 17-18, then 08-09
    assert as_written.loc["INC2", "resolution_business_hours"] == pytest.approx(5.0)  # 08-13 on UTC's clock

    local = "number,priority,opened_at,resolved_at\nINC9,2 - High,2025-03-30 00:30:00,2025-03-30 03:30:00\n"
    assert read_ticket_export(_write(tmp_path, local)).tickets.resolution_hours.iloc[0] == 3.0
    zoned = read_ticket_export(_write(tmp_path, local), {"ticket_time_zone": "Europe/London"}).tickets
    assert zoned.resolution_hours.iloc[0] == 2.0 and zoned.opened_at.iloc[0] == pd.Timestamp("2025-03-30 00:30")
    with pytest.raises(InputFileError, match="not in the time-zone database"):
        read_ticket_export(_write(tmp_path, local), {"ticket_time_zone": "Europe/Atlantis"})


def test_a_public_holiday_stops_the_business_clock_where_the_mapping_names_the_country():
    """#35: Friday 16:00 to Tuesday 10:00 across England's May Day (Monday 5 May 2025): 2 + 2 business hours,
    not 2 + 10 + 2. A holiday on a weekend changes nothing; without a country there are no holidays."""
    start, end = pd.Series(pd.to_datetime(["2025-05-02 16:00"])), pd.Series(pd.to_datetime(["2025-05-06 10:00"]))
    england = Coverage.of(
        {"days": ["mon", "tue", "wed", "thu", "fri"], "start": "08:00", "end": "18:00", "holidays": "gb"}
    )
    assert england.holidays == "GB"
    assert hours_between(start, end, england).iloc[0] == pytest.approx(4.0)
    assert hours_between(start, end, Coverage()).iloc[0] == pytest.approx(14.0)
    # Christmas 2027 falls on a Saturday: the weekend was never covered, and the substitute Monday is a holiday
    start, end = pd.Series(pd.to_datetime(["2027-12-24 17:00"])), pd.Series(pd.to_datetime(["2027-12-29 09:00"]))
    assert hours_between(start, end, england).iloc[0] == pytest.approx(2.0)  # Fri 17-18, Wed 08-09


def test_an_unknown_holiday_country_is_refused_in_words():
    with pytest.raises(InputFileError, match="no country the holidays library knows"):
        Coverage.of({"holidays": "Atlantis"})


def test_the_public_holidays_a_contracts_window_names_stop_the_ticket_clock(tmp_path):
    """#35: 'excluding public holidays in England' in the contract's window: Christmas and Boxing Day are not
    business hours, so a ticket from Wednesday 24 December 17:00 to Monday 29 December 09:00 took 2 hours."""
    from etl.quantities import parse_coverage

    window = parse_coverage("Monday to Friday, 8:00 to 18:00, excluding public holidays in England.")
    settings = _inbox_with_a_window(tmp_path, "2025-12-24 17:00", "2025-12-29 09:00", window)
    assert _staged_business_hours(settings) == pytest.approx(1.0 + 1.0)  # 24 Dec 17-18, 29 Dec 08-09; else 22
