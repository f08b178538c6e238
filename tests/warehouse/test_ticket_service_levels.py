"""Service levels measured from tickets, through the real dbt models, on hand-made tickets with known answers,
and the real ServiceNow event log in ../shared (its own made_sla flag, computed here independently).

Engagement eng-t's contract (hand-made):
  p1_within_4h     "P1 incidents resolved within 4 hours", 80% expected (a share within a threshold)
  p2_resolution    "Priority 2 Resolution Time", 8 hours expected (an average; the name gives the priority)
  p3_business      "Severity 3 resolved within 4 business hours", 90% expected (weekdays 08:00-18:00)
  availability     not about tickets: never measured from them
Its tickets (an event log):
  P1 in January: 1, 3, 5 and 2 hours -> 3 of 4 within 4 hours = 75% (the vendor reported 100%: met becomes missed)
  P1 opened 31 January 23:00, resolved 1 February 01:00 -> February, 1 of 1 = 100% (no report: measured fills it)
  P2 in February: 6 and 10 hours, and one resolved after 2 hours, reopened, resolved 48 hours after opening
     -> (6 + 10 + 48) / 3 = 21.33 hours (the vendor reported 5: met becomes missed)
  P3 in March: Friday 17:00 to Monday 10:00 = 3 business hours (65 calendar hours), within; Monday 09:00 to
     Tuesday 09:00 = 10 business hours, not -> 50%
  P4 in April, for "Maximum P4 resolution time": 6 hours open, 4 of them awaiting the user (the clock stops):
     2 hours; and 2.5 hours -> the maximum is 2.5
Engagement eng-o has the same tickets and a contract that measures the tickets *opened* in the month: its P1
level counts T-5 in January, 4 of 5 within 4 hours = 80%, and February has none.
"""

from datetime import datetime

import pandas as pd
import pytest

from etl.load.database import open_warehouse, query_records
from etl.load.schema import RAW_COLUMNS, create_schema
from etl.tickets.export import read_ticket_export
from etl.transform.dbt_build import dbt_build
from tests.conftest import ROOT, need_shared
from tests.tickets.test_event_logs import JIRA_EXPORT, REMEDY_EXPORT, event_log

pytestmark = pytest.mark.e2e

SERVICENOW = ROOT.parent / "shared" / "tickets" / "incident_event_log.zip"
LOADED = datetime(2026, 1, 1)
EVENTS = """Number,State,Priority,Opened,Updated,Resolved
T-1,Closed,P1,2025-01-06 09:00,2025-01-06 10:00,2025-01-06 10:00
T-2,Closed,P1,2025-01-07 09:00,2025-01-07 12:00,2025-01-07 12:00
T-3,Closed,P1,2025-01-08 09:00,2025-01-08 14:00,2025-01-08 14:00
T-4,Closed,P1,2025-01-09 09:00,2025-01-09 11:00,2025-01-09 11:00
T-5,Closed,P1,2025-01-31 23:00,2025-02-01 01:00,2025-02-01 01:00
T-6,Closed,P2,2025-02-10 09:00,2025-02-10 15:00,2025-02-10 15:00
T-7,Closed,P2,2025-02-11 09:00,2025-02-11 19:00,2025-02-11 19:00
T-8,Resolved,P2,2025-02-03 09:00,2025-02-03 11:00,2025-02-03 11:00
T-8,Active,P2,2025-02-03 09:00,2025-02-04 09:00,
T-8,Closed,P2,2025-02-03 09:00,2025-02-05 09:00,2025-02-05 09:00
T-9,Closed,P3,2025-03-07 17:00,2025-03-10 10:00,2025-03-10 10:00
T-10,Closed,P3,2025-03-10 09:00,2025-03-11 09:00,2025-03-11 09:00
T-11,New,P4,2025-04-01 09:00,2025-04-01 09:00,
T-11,Awaiting User Info,P4,2025-04-01 09:00,2025-04-01 10:00,
T-11,Active,P4,2025-04-01 09:00,2025-04-01 14:00,
T-11,Closed,P4,2025-04-01 09:00,2025-04-01 15:00,2025-04-01 15:00
T-12,Closed,P4,2025-04-02 09:00,2025-04-02 11:30,2025-04-02 11:30
"""
SLAS = [  # metric, name, unit, direction, expected, minimum, threshold, threshold unit, severity
    ("p1_within_4h", "P1 incidents resolved within 4 hours", "percent", "higher", 80, 60, 4, "hours", "P1"),
    ("p2_resolution", "Priority 2 Resolution Time", "hours", "lower", 8, 12, None, None, None),
    (
        "p3_business",
        "Severity 3 resolved within 4 business hours",
        "percent",
        "higher",
        90,
        50,
        4,
        "business hours",
        None,
    ),
    ("p4_max", "Maximum P4 resolution time", "hours", "lower", 3, 5, None, None, None),
    ("availability", "Availability", "percent", "higher", 99.5, 99, None, None, None),
]
REPORTED = [("p1_within_4h", "2025-01", 100.0), ("p2_resolution", "2025-02", 5.0)]


LOG_TEXT, LOG_TRUTH = event_log(11, "Change Date+Time")
SHAPES = {"eng-log": LOG_TEXT, "eng-jira": JIRA_EXPORT, "eng-remedy": REMEDY_EXPORT}


def _tickets(path, engagement):
    frame = read_ticket_export(path).tickets
    return frame.assign(engagement_id=engagement, file_sha256=f"sha-{engagement}", file_path=f"tickets/{engagement}/x")[
        RAW_COLUMNS["raw_tickets"]
    ]


@pytest.fixture(scope="module", params=["duckdb", "postgres"])
def warehouse(request, tmp_path_factory, new_postgres_database):
    folder = tmp_path_factory.mktemp("tickets")
    target = str(folder / "tickets.duckdb") if request.param == "duckdb" else new_postgres_database()
    (folder / "events.csv").write_text(EVENTS)
    tickets = [_tickets(folder / "events.csv", "eng-t"), _tickets(folder / "events.csv", "eng-o")]
    if SERVICENOW.exists():
        tickets.append(_tickets(SERVICENOW, "servicenow"))
    # the other ITSM shapes, read with no mapping file (tests/tickets/test_event_logs.py)
    for engagement, text in SHAPES.items():
        (folder / f"{engagement}.csv").write_text(text)
        tickets.append(_tickets(folder / f"{engagement}.csv", engagement))
    dates = {"effective_date": "2025-01-01", "expiry_date": "2025-12-31", "currency": "USD"}
    terms = pd.DataFrame(
        [
            {"engagement_id": e, "field": k, "value": v, "confidence": 1.0, "file_sha256": "c", "page": 1}
            for e, fields in (
                ("eng-t", dates),
                ("eng-o", {**dates, "ticket_month_basis": "opened"}),
                *((e, dates) for e in SHAPES),
            )
            for k, v in fields.items()
        ]
    )
    sla = pd.DataFrame(
        [
            {
                "engagement_id": "eng-t",
                "metric_id": m,
                "metric_name": name,
                "unit": unit,
                "direction": d,
                "expected": x,
                "minimum": n,
                "allocation_pct": 0.0,
                "measurement_window": "monthly",
                "threshold": t,
                "threshold_unit": tu,
                "severity": sev,
                "confidence": 1.0,
                "file_sha256": "c",
            }
            for m, name, unit, d, x, n, t, tu, sev in SLAS
        ]
    )
    p1 = sla[sla.metric_id == "p1_within_4h"]
    sla = pd.concat(
        [
            sla,
            p1.assign(engagement_id="eng-o"),
            # the event log's critical tickets within 8 hours, the clock stopped while waiting on others
            p1.assign(engagement_id="eng-log", threshold=8.0, metric_name="Critical incidents resolved within 8 hours"),
            p1.assign(engagement_id="eng-jira"),
            p1.assign(engagement_id="eng-remedy"),
        ],
        ignore_index=True,
    )
    reported = pd.DataFrame(
        [
            {
                "engagement_id": "eng-t",
                "metric_id": m,
                "metric_name": m,
                "period": p,
                "grain": "month",
                "period_start": f"{p}-01",
                "actual": v,
                "file_sha256": f"r-{p}",
                "file_path": f"reports/eng-t/{p}.csv",
            }
            for m, p, v in REPORTED
        ]
    )
    db = open_warehouse(target)
    create_schema(db)
    db.begin()
    for table, df in (
        ("raw_contract_terms", terms),
        ("raw_sla_terms", sla),
        ("raw_measurements", reported),
        ("raw_tickets", pd.concat(tickets, ignore_index=True)),
    ):
        db.bulk_insert(table, df, constants={"loaded_at": LOADED})
    db.commit()
    db.close()
    dbt_build(target, "build --select @int_ticket_service_levels +mart_ticket_outcomes --indirect-selection cautious")
    return target


def _rows(target, sql):
    db = open_warehouse(target, read_only=True)
    try:
        return query_records(db, sql)
    finally:
        db.close()


def test_each_service_level_is_measured_as_the_contract_defines_it(warehouse):
    got = {
        (r["metric_id"], str(r["period_month"])[:7]): (r["measured_value"], r["tickets"])
        for r in _rows(warehouse, "select * from int_ticket_service_levels where engagement_id = 'eng-t'")
    }
    assert got == {
        ("p1_within_4h", "2025-01"): (75.0, 4),
        ("p1_within_4h", "2025-02"): (100.0, 1),  # opened in January, resolved in February
        ("p2_resolution", "2025-02"): (21.33, 3),  # the reopened ticket counts once, to its last resolution
        ("p3_business", "2025-03"): (50.0, 2),  # the weekend and the nights do not count
        ("p4_max", "2025-04"): (2.5, 2),  # a maximum, with the time awaiting the user taken out
    }


def test_a_contract_that_counts_tickets_by_the_month_opened_is_followed(warehouse):
    got = {
        str(r["period_month"])[:7]: (r["measured_value"], r["tickets"])
        for r in _rows(warehouse, "select * from int_ticket_service_levels where engagement_id = 'eng-o'")
    }
    assert got == {"2025-01": (80.0, 5)}


def test_reported_beside_measured_shows_where_the_verdict_turns(warehouse):
    rows = {
        (r["metric_id"], str(r["period_month"])[:7]): r
        for r in _rows(warehouse, "select * from mart_reported_vs_measured where engagement_id = 'eng-t'")
    }
    jan = rows[("p1_within_4h", "2025-01")]
    assert (jan["reported_value"], jan["measured_value"], jan["difference"]) == (100.0, 75.0, -25.0)
    assert jan["reported_met"] and not jan["measured_met"] and jan["verdict_changes"]
    feb = rows[("p2_resolution", "2025-02")]
    assert feb["verdict_changes"] and feb["difference"] == pytest.approx(16.33)
    # a month only the tickets cover is listed with no reported value, and no verdict change claimed
    only_measured = rows[("p1_within_4h", "2025-02")]
    assert only_measured["reported_value"] is None and not only_measured["verdict_changes"]
    assert not any(m == "availability" for m, _ in rows)


def test_a_month_the_vendor_did_not_report_takes_the_measured_value_marked_as_such(warehouse):
    got = {
        (r["metric_id"], str(r["period_month"])[:7]): (r["actual_value"], r["value_source"], r["is_met"])
        for r in _rows(warehouse, "select * from fct_sla_measurement where engagement_id = 'eng-t'")
    }
    assert got[("p1_within_4h", "2025-01")] == (100.0, "reported", True)  # the report stands where there is one
    assert got[("p1_within_4h", "2025-02")] == (100.0, "measured from tickets", True)
    assert got[("p3_business", "2025-03")] == (50.0, "measured from tickets", False)


def test_servicenow_made_sla_shares_match_an_independent_count_of_the_event_log(warehouse):
    need_shared(SERVICENOW)
    events = pd.read_csv(SERVICENOW, dtype=str, keep_default_na=False)
    assert len(events) == 119_998
    events["order"] = range(len(events))
    events["updated"] = pd.to_datetime(events.sys_updated_at, format="%d/%m/%Y %H:%M")
    events["mods"] = events.sys_mod_count.astype(int)
    last = events.sort_values(["number", "updated", "mods", "order"]).groupby("number").tail(1)
    assert len(last) == 20_769
    closed = last[(last.incident_state == "Closed") & last.made_sla.isin(["true", "false"])].copy()
    resolved = closed.resolved_at.where(closed.resolved_at != "?", closed.closed_at)
    closed["month"] = pd.to_datetime(resolved, format="%d/%m/%Y %H:%M").dt.strftime("%Y-%m")
    closed["made"] = closed.made_sla == "true"

    def share(frame):
        return len(frame), int(frame.made.sum()), pytest.approx(100 * frame.made.mean(), abs=1e-4)

    expected = {("overall", "all", None): share(closed)}
    expected |= {("priority", p, None): share(g) for p, g in closed.groupby("priority")}
    expected |= {("month", "all", m): share(g) for m, g in closed.groupby("month")}
    got = {
        (r["grain"], r["priority"], str(r["period_month"])[:7] if r["period_month"] else None): (
            r["closed_tickets"],
            r["made_sla_tickets"],
            float(r["made_sla_pct"]),
        )
        for r in _rows(warehouse, "select * from mart_ticket_outcomes where engagement_id = 'servicenow'")
    }
    assert got == expected
    assert expected[("overall", "all", None)][0] > 15_000  # the closed incidents, not the events


def _log_truth() -> dict[str, float | None]:
    """Each month's share of the event log's critical tickets resolved within 8 hours of clock time (paused
    time taken out), computed here from the events written: a month by the resolution's local time, and only
    months in which tickets were opened."""
    opened_months = {t["opened"].strftime("%Y-%m") for t in LOG_TRUTH.values()}
    months: dict[str, list[bool]] = {}
    for t in LOG_TRUTH.values():
        if t["impact"] != "Critical" or t["resolved"] is None:
            continue
        hours = (t["resolved"] - t["opened"]).total_seconds() / 3600 - t["paused"]
        months.setdefault(t["resolved"].strftime("%Y-%m"), []).append(hours <= 8)
    return {
        m: (round(100 * sum(w) / len(w), 2) if min(opened_months) <= m <= max(opened_months) else None)
        for m, w in months.items()
    }


def test_three_other_itsm_shapes_are_measured_on_either_warehouse_as_their_truth(warehouse):
    """#35: an event log with a status and a sub-status and offsets, a Jira export and a Remedy export, each read
    with no mapping file, loaded and measured through the dbt models on DuckDB and on PostgreSQL."""
    got = {
        (r["engagement_id"], str(r["period_month"])[:7]): r["measured_value"]
        for r in _rows(
            warehouse,
            "select * from int_ticket_service_levels where engagement_id in ('eng-log', 'eng-jira', 'eng-remedy')",
        )
    }
    log = {m: v for (e, m), v in got.items() if e == "eng-log"}
    assert log == _log_truth()
    assert len([v for v in log.values() if v is not None]) >= 2  # the check covers more than one month
    # Jira's Highest ticket 2.5 hours; Remedy's impact 1 x urgency 1 ticket 1.5 hours: each within 4 hours
    assert {k: v for k, v in got.items() if k[0] != "eng-log"} == {
        ("eng-jira", "2025-03"): 100.0,
        ("eng-remedy", "2025-03"): 100.0,
    }
