"""A ticket export (CSV, zipped CSV or XLSX) read into one row per ticket, in its last state.

Columns are found by what they hold: an id that repeats across events (an event log) or not (records), values
that read as timestamps, a priority or severity scale, a state, a yes/no SLA flag. Header words only choose
between columns that hold the right kind of value, and a mapping file's `ticket_columns` names them where
neither decides. Timestamps are day-first or month-first as the data shows. The work runs in DuckDB: no
Python loop touches an event.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
import zipfile
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from etl.quantities import day_first_in
from etl.records import InputFileError
from etl.sandbox import confined_duckdb
from etl.settings import DBT_PROJECT_DIR, DBT_VARS
from etl.tickets.clock import DEFAULT_COVERAGE, Coverage, checked_zone, hours_between

MISSING = ["?", "", "NULL", "null", "NaN", "N/A", "n/a", "None"]
# An export's unzipped size the reader accepts; a zip that claims or inflates to more is refused whole
MAX_UNZIPPED_BYTES = int(os.environ.get("OUTSOURCING_ETL_TICKET_MAX_BYTES", 1024**3))  # 25x the ServiceNow log

# role -> header words that point at it, strongest first. A header only chooses among columns whose values
# hold the role's kind of value.
HEADER_HINTS: dict[str, list[str]] = {
    "ticket_id": [r"^(?:number|ticket|incident|case|issue|request)(?:[ _-]?(?:id|no|number|key))?$", r"\bid$|key$"],
    # a second, finer status beside the state (Status: Accepted, Sub Status: Wait - User)
    "sub_state": [r"^sub[ _-]?(?:state|status)$", r"sub[ _-]?(?:state|status)|reason"],
    "state": [r"^(?:incident_|ticket_|case_)?state$|^status$", r"state|status"],
    "priority": [r"^priority$|^severity$", r"priorit|severit|\bsev\b|\bprio"],
    "opened_at": [r"open", r"creat|report|logged|submit|raised|call[ _]?(?:date|time)|received"],
    "responded_at": [r"respon|acknowledg|first[ _]?(?:reply|touch)"],
    "resolved_at": [r"resolv|solved|fixed", r"complet"],  # TOPdesk's and ServiceDesk Plus's "Completed" time
    "closed_at": [r"clos"],
    "updated_at": [r"updat|modif|chang|event[ _]?(?:time|date)|timestamp"],
    "made_sla": [r"made[ _]?sla|sla[ _]?(?:met|made|achieved)|within[ _]?sla"],
    # ITIL's two inputs of a priority, where an export (Remedy's, say) gives them instead of one
    "impact": [r"^impact$", r"impact"],
    "urgency": [r"^urgency$", r"urgen"],
    "reopen_count": [r"reopen"],
    "update_count": [r"mod[ _]?count|update[ _]?count|sequence|version"],
}
TIMESTAMP_ROLES = ("opened_at", "responded_at", "resolved_at", "closed_at", "updated_at")
# a date and a time of day; the month as a number or a name (Jira's "05/Mar/25 9:14 AM", "05-Mar-2025 09:14"),
# or the month first, by name, as US long dates write it ("May 05, 2025 09:14 AM")
_TIMESTAMP = re.compile(
    r"^\s*(?:\d{1,4}[-/. ](?:\d{1,2}|[A-Za-z]{3,9})[-/. ]\d{2,4}|[A-Za-z]{3,9}\.? \d{1,2},? \d{4})[ T,]+\d{1,2}:\d{2}"
)
_BOOLEAN = {"true", "false", "yes", "no", "y", "n", "1", "0", "t", "f"}
# the states tools write (ServiceNow, Jira Service Management, Remedy, Zendesk, Freshservice, TOPdesk, ITIL)
_STATE_WORDS = re.compile(
    r"(?i)^(?:new|open|opened|active|assigned|accepted|queued|in progress|work in progress|closed?|resolved|"
    r"solved|completed?|done|on hold|pending|suspended|awaiting.*|waiting.*|wait\s*-.*|cancel+ed|rejected)$"
)
_CLOSED = r"(?i)^(?:closed?|cancel+ed|complete[d]?|done)$"
# states in which an event log's ticket counts as resolved (a log with no resolution column): it is resolved when
# it last entered one of them; a cancellation or rejection ends a ticket without resolving it
RESOLVED_STATES = r"^(?:resolved|solved|fixed|closed?|complete[d]?|done)\b"
NOT_RESOLVED_STATES = r"cancel|reject|not resolved|unresolved|withdrawn"
# a regex no state matches: where a mapping file lists the states itself, nothing else is excluded
_NOTHING = r"$^"
# states that stop a ticket's clock where an event log records them (waiting on the customer or a third party)
PAUSE_STATES = r"^(?:awaiting|on hold|pending|waiting|wait\b|suspended)"
# ...but never a wait on the vendor's own work: its queue, assignment, triage, a problem or change of its own
OWN_QUEUE_STATES = r"\b(?:assign\w*|queue\w*|triage|dispatch\w*|problem|change|internal|support|engineer\w*)\b"


@cache
def priority_words() -> dict[str, int]:
    """The one definition of priority words (the dbt seed priority_levels), shared with the marts."""
    with (DBT_PROJECT_DIR / "seeds" / "priority_levels.csv").open() as f:
        return {r["word"]: int(r["level"]) for r in csv.DictReader(f)}


# a level's digit stands alone: not inside a number, nor the head of an id like 1-364285768
_LEVEL_DIGIT = re.compile(r"(?<![\d.])(?<!\d-)([1-5])(?![\d.])(?!-\d)")


@cache
def _priority_word() -> re.Pattern:
    return re.compile(r"\b(" + "|".join(map(re.escape, priority_words())) + r")\b")


# "within 4 hours", "95%": a threshold, never a level (defined once, beside the dbt macro that does the same)
_NOT_A_LEVEL = re.compile(DBT_VARS["not_a_level_pattern"], re.I)


@cache
def _level_of(text: str) -> int | None:
    m = _LEVEL_DIGIT.search(_NOT_A_LEVEL.sub(" ", text))
    if m:
        return int(m.group(1))
    words = _priority_word().findall(text)
    return min((priority_words()[w] for w in words), default=None)


def priority_level(value: str | None, extra: dict[str, int] | None = None) -> int | None:
    """'1 - Critical' -> 1, 'P2' -> 2, 'Sev 3' -> 3, 'High' -> 2; None where nothing says."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if extra and text in extra:
        return int(extra[text])
    return _level_of(text)


@dataclass
class TicketExport:
    tickets: pd.DataFrame  # one row per ticket (RAW_TICKET_COLUMNS below, less file and engagement)
    events: int  # rows read (one per event in an event log)
    columns: dict[str, str]  # role -> the export's column
    day_first: bool | None
    problems: list[dict] = field(default_factory=list)  # {"location", "check", "message"}: quarantined rows


def _frame_of(path: Path, work: Path) -> tuple[duckdb.DuckDBPyConnection, dict[str, str]]:
    """The export's rows as table `events` in a DuckDB confined to the file and `work` (a folder of ours), every
    cell as text, with the export's row number. Columns are named col_1, col_2, ... by us: a header is data
    (returned as generated name -> header) and never part of a statement."""
    suffix = path.suffix.lower()
    if suffix == ".zip":
        path = _unzipped(path, work)
        suffix = ".csv"
    if suffix not in (".csv", ".xlsx"):
        raise InputFileError(f"a ticket export must be .csv, .zip (holding one .csv) or .xlsx, not {suffix or 'none'}")
    con = confined_duckdb(files=[path], spill_to=work)
    try:
        if suffix == ".csv":
            # the path and every option bound as parameters; the header read once, then named by us
            header = con.execute("select * from read_csv(?, all_varchar = true, header = true) limit 0", [str(path)])
            headers = [d[0] for d in header.description]
            names = _generated(len(headers))
            con.execute(
                "create table export_rows as select * from read_csv(?, all_varchar = true, header = true, "
                "nullstr = ?, names = ?)",
                [str(path), MISSING, names],
            )
        else:
            df = pd.read_excel(path, dtype=str, engine="openpyxl").replace(MISSING, None)
            headers = [str(c) for c in df.columns]
            names = df.columns = _generated(len(headers))
            con.register("export_frame", df)
            con.execute("create table export_rows as select * from export_frame")
            con.unregister("export_frame")
        # the export's row number: a table keeps the order rows were inserted in (DuckDB preserves insertion
        # order), so its row id is the file's order, without a window over every row
        con.execute("create view events as select *, rowid + 1 as export_row from export_rows")
    except BaseException:
        con.close()
        raise
    return con, dict(zip(names, headers))


def _generated(n: int) -> list[str]:
    return [f"col_{i}" for i in range(1, n + 1)]


_GENERATED = re.compile(r"col_\d+")


def _q(column: str) -> str:
    """A column of ours, quoted for SQL; anything else is refused rather than written into a statement."""
    if not _GENERATED.fullmatch(column):
        raise ValueError(f"not a generated column name: {column!r}")
    return f'"{column}"'


def _unzipped(path: Path, into: Path) -> Path:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise InputFileError("the file is not a readable zip archive") from exc
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir() and not Path(m.filename).name.startswith(".")]
        csvs = [m for m in members if m.filename.lower().endswith(".csv")]
        if len(csvs) != 1:
            raise InputFileError(
                f"a zipped ticket export must hold exactly one .csv file; this one holds {len(csvs)} "
                f"({', '.join(m.filename for m in members[:5])})"
            )
        member = csvs[0]
        if member.file_size > MAX_UNZIPPED_BYTES:
            raise InputFileError(_too_big(member.file_size))
        target = into / "export.csv"  # never the member's own name: it could point outside the folder
        written = 0
        try:
            with archive.open(member) as src, target.open("wb") as dst:
                while chunk := src.read(1 << 20):
                    written += len(chunk)
                    if written > MAX_UNZIPPED_BYTES:  # the header can lie; the inflated bytes cannot
                        raise InputFileError(_too_big(written))
                    dst.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
            # a damaged member, sizes or checksums that lie, a password, a compression zipfile cannot undo
            raise InputFileError(f"the zipped export cannot be unpacked ({exc}); export it again") from None
    return target


def _too_big(size: int) -> str:
    return (
        f"the zipped export inflates to more than {MAX_UNZIPPED_BYTES:,} bytes ({size:,} so far); raise "
        "OUTSOURCING_ETL_TICKET_MAX_BYTES if it is genuine"
    )


def _profile(con, headers: dict[str, str], states: set[str] = frozenset()) -> dict[str, dict]:
    """Per column: share of sampled values that look like timestamps, booleans, states (the tools' words or
    `states`), priorities; distinct and non-null counts, and the column's header. One query over a sample, one
    over the whole for counts."""
    columns = list(headers)
    sample = con.execute("select * exclude (export_row) from events using sample 1000 rows").fetchdf()
    counts = con.execute(
        "select " + ", ".join(f"approx_count_distinct({_q(c)}), count({_q(c)})" for c in columns) + " from events"
    ).fetchone()
    out = {}
    for i, c in enumerate(columns):
        values = [str(v) for v in sample[c].dropna()]
        seen = Counter(values)
        out[c] = {
            "header": headers[c],
            "timestamp": _share(seen, lambda v: bool(_TIMESTAMP.match(v))),
            "boolean": _share(seen, lambda v: v.strip().lower() in _BOOLEAN),
            "state": _share(seen, lambda v: bool(_STATE_WORDS.match(v.strip())) or v.strip().lower() in states),
            "priority": _share(seen, lambda v: priority_level(v) is not None),
            "code": _share(seen, lambda v: bool(_CODE.fullmatch(v.strip()))),
            "distinct": counts[2 * i],
            "non_null": counts[2 * i + 1],
            "values": values[:200],
        }
    return out


def _share(seen: Counter, test) -> float:
    """The share of the sampled values that pass `test`: each distinct value tested once and counted as often as
    it occurs (states, priorities and flags repeat)."""
    return sum(k for v, k in seen.items() if test(v)) / (sum(seen.values()) or 1)


# a ticket id's shape: INC0012345, SR-12, CS_1001, 1-364285768, #INC-12, I2504 001, TOPdesk's I 2504 001 (a
# space only after a prefix of one or two letters: "Printer 3" is no code)
_CODE = re.compile(r"#?(?:[A-Za-z]{0,8}[-_]?|[A-Za-z]{1,2} )\d+(?:[-_ ]\d+)*")


def _hinted(role: str, column: str) -> int:
    """How strongly the header names the role: 2 for the first pattern, 1 for a weaker one, 0 for none."""
    name = column.strip().lower()
    for rank, pattern in enumerate(HEADER_HINTS[role]):
        if re.search(pattern, name):
            return 2 - min(rank, 1)
    return 0


# what a mapping file may call a role: an event log's one time column, a second status column
ROLE_ALIASES = {"event_time": "updated_at", "event_at": "updated_at", "sub_status": "sub_state"}


def find_columns(profile: dict[str, dict], named: dict[str, str] | None = None) -> dict[str, str]:
    """Role -> column: a mapping file's names (headers) first, then by content with header words as the
    tie-breaker."""
    by_header = {p["header"]: c for c, p in reversed(profile.items())}  # a repeated header: its first column
    named = {ROLE_ALIASES.get(r, r): h for r, h in (named or {}).items()}
    roles: dict[str, str] = {r: by_header[h] for r, h in named.items() if h in by_header}
    taken = set(roles.values())

    def pick(role: str, kind: str, floor: float = 0.8, need_hint: bool = False, by_distinct: bool = False) -> None:
        if role in roles:
            return
        # the header's word first, then how many values are of the kind, then the most distinct (an id)
        candidates = [
            (_hinted(role, p["header"]), *((p["distinct"], p[kind]) if by_distinct else (p[kind], p["distinct"])), c)
            for c, p in profile.items()
            if c not in taken and p[kind] >= floor and p["non_null"] and (_hinted(role, p["header"]) or not need_hint)
        ]
        if candidates:
            roles[role] = max(candidates)[3]
            taken.add(roles[role])

    # an id: a code-like value, named as an id, repeating only in an event log; unnamed, the most distinct
    # code-like column (a team or site code repeats far more)
    pick("ticket_id", "code", floor=0.5, need_hint=True)  # named so: a few odd ids do not hide it
    pick("ticket_id", "code", by_distinct=True)
    for role in TIMESTAMP_ROLES:
        pick(role, "timestamp", floor=0.5, need_hint=True)
    if not {"opened_at", "resolved_at", "closed_at", "updated_at"} & set(roles):
        # times under no header word a role knows ('Change Date+Time'): one column of them is an event log's time
        pick("updated_at", "timestamp")
    pick("made_sla", "boolean", need_hint=True)
    pick("priority", "priority", floor=0.3, need_hint=True)  # named so: a few unknown words do not hide it
    pick("sub_state", "state", floor=0.5, need_hint=True)
    pick("state", "state", floor=0.5, need_hint=True)
    pick("state", "state")
    _pick_priority(roles, pick)
    for role in ("reopen_count", "update_count"):
        hinted = [c for c, p in profile.items() if c not in taken and _hinted(role, p["header"])]
        if role not in roles and hinted:
            roles[role] = hinted[0]
            taken.add(hinted[0])
    return roles


def _pick_priority(roles: dict[str, str], pick) -> None:
    """The priority where no header names it: ITIL's impact and urgency together give it (_checked), one of them
    alone is the priority scale itself, else a column of priority words or levels."""
    if "priority" not in roles:
        pick("impact", "priority", floor=0.5, need_hint=True)
        pick("urgency", "priority", floor=0.5, need_hint=True)
        if len({"impact", "urgency"} & set(roles)) == 1:
            roles["priority"] = roles.pop("impact", None) or roles.pop("urgency")
    if not {"impact", "urgency"} <= set(roles):
        pick("priority", "priority", floor=0.95)


def _timestamp_sql(column: str, day_first: bool | None, values: list[str]) -> str:
    """SQL reading the column's timestamps: first the one format its sampled values are in (ten times faster
    than trying a list per value), then, for a value the sample did not show, a cast and every format in turn."""
    order = "%d/%m/%Y" if day_first is not False else "%m/%d/%Y"
    formats = [
        f"{order} %H:%M:%S",
        f"{order} %H:%M",
        f"{order} %I:%M:%S %p",
        f"{order} %I:%M %p",
        f"{order.replace('/', '.')} %H:%M:%S",
        f"{order.replace('/', '.')} %H:%M",
        f"{order.replace('/', '-')} %H:%M:%S",
        f"{order.replace('/', '-')} %H:%M",
        # the month by name: Jira's default export, and the day-month-year of Remedy and Oracle-based tools
        "%d/%b/%y %I:%M %p",
        "%d/%b/%Y %I:%M %p",
        "%d/%b/%y %H:%M",
        "%d-%b-%Y %H:%M:%S",
        "%d-%b-%Y %H:%M",
        "%d %b %Y %H:%M",
        # the month first by name, with a comma after the day: ServiceDesk Plus, Salesforce and other US tools
        "%b %d, %Y %I:%M %p",
        "%b %d, %Y %I:%M:%S %p",
        "%b %d, %Y %H:%M",
        "%B %d, %Y %I:%M %p",
    ]
    col = f"trim({_q(column)})"
    values = [v.strip() for v in values if v and v.strip()]
    listed = ", ".join(f"'{f}'" for f in formats)
    every = f"try_cast({col} as timestamp), try_strptime({col}, [{listed}])"
    usual = next((f for f in formats if values and all(_parses(v, f) for v in values)), None)
    return f"coalesce(try_strptime({col}, '{usual}'), {every})" if usual else f"coalesce({every})"


# a ticket's time from 1970 to a year after today: year 1, 1900 or 9999 is a placeholder or a typo, and past
# 2262 no clock downstream can hold it. Outside, the time is unread, and the ticket says why.
_PLAUSIBLE = """
    create temp macro plausible(v) as case when v >= timestamp '1970-01-01' and v < current_date + interval 366 day
                                           then v end
"""
_OUTSIDE = "is not a date and time this reader knows, or lies outside 1970 to a year from now"


def _parses(value: str, fmt: str) -> bool:
    try:
        datetime.strptime(value, fmt)
    except ValueError:
        return False
    return True


def read_ticket_export(path: Path, mapping: dict | None = None) -> TicketExport:
    """One row per ticket, in its last state. `mapping`: the engagement's mapping file (its `ticket_columns`,
    `ticket_priorities` and `business_hours`: a mapping or a contract's 'mon-fri 08:00-18:00'), or None."""
    mapping = mapping or {}
    work = tempfile.TemporaryDirectory(prefix="tickets-")
    con = None
    try:
        con, headers = _frame_of(path, Path(work.name))
        states = _state_patterns(mapping)
        profile = _profile(con, headers, states["listed"])
        roles = find_columns(profile, mapping.get("ticket_columns"))
        derived = derived_times(roles)
        from_matrix = _priority_from_matrix(roles)
        missing = [
            r
            for r in ("ticket_id", "opened_at", "priority")
            if r not in roles and r not in derived and not (r == "priority" and from_matrix)
        ]
        if "resolved_at" not in roles and "closed_at" not in roles and "resolved_at" not in derived:
            missing.append("resolved_at or closed_at")
        if missing:
            raise InputFileError(
                f"no column holds the ticket's {', '.join(missing)} (columns: {', '.join(list(headers.values())[:20])}); name "
                "them in mappings/<engagement>.yml under ticket_columns, for example ticket_columns: "
                "{ticket_id: Ref, opened_at: Logged, priority: Sev}; a log of events with one time per row "
                "needs its event_time and state columns, for example {event_time: Changed, state: Status}"
            )
        stamps = [v for r in TIMESTAMP_ROLES if r in roles for v in profile[roles[r]]["values"]]
        day_first = day_first_in([re.sub(r"\b(\d{2})\b(?=\s)", r"20\1", v) for v in stamps])
        events = con.execute("select count(*) from events").fetchone()[0]
        samples = {r: profile[roles[r]]["values"] for r in TIMESTAMP_ROLES if r in roles}
        tickets, with_offsets = _last_states(con, roles, day_first, samples, derived, states)
        pauses = _pauses(con, roles, states)
        orphans = _without_id(con, roles, headers)
    finally:
        if con is not None:
            con.close()
        work.cleanup()
    problems = _checked(tickets, mapping.get("ticket_priorities"), from_matrix)
    bad = {p["ticket_id"] for p in problems}
    problems += orphans
    tickets = tickets[~tickets.ticket_id.isin(bad)].copy()
    backwards = _clocks(tickets, pauses, mapping, with_offsets)
    tickets = tickets.drop(
        columns=[*(f"{r}_offset" for r in ("opened", "responded", "resolved", "closed")), "impact", "urgency"]
    )
    named = {role: headers[c] for role, c in roles.items()}
    problems += backwards
    tickets = tickets[~tickets.ticket_id.isin({p["ticket_id"] for p in backwards})]
    _refuse_implausible(tickets, named, derived, mapping)
    for p in problems:
        p.pop("ticket_id")
    return TicketExport(tickets.reset_index(drop=True), events, named, day_first, problems)


_STATES_OFFSET = re.compile(r"(?:[+-]\d{2}:?\d{2}|Z)\s*$")


def _offset(col, role: str, samples: dict[str, list[str]]) -> str:
    """SQL for the UTC offset a timestamp states, in seconds (0 where it states none): the instant is the local
    time less it. Skipped (0 for every row, no cost) where no sampled value of the column states one."""
    if col(role) == "null" or not any(_STATES_OFFSET.search(v) for v in samples.get(role, [])):
        return "0"
    text = col(role, "trim({c})")
    return f"coalesce(epoch(try_cast({text} as timestamp)) - epoch(try_cast({text} as timestamptz)), 0)"


def _clocks(tickets: pd.DataFrame, pauses: pd.DataFrame, mapping: dict, with_offsets: set[str]) -> list[dict]:
    """Each ticket's clocks, in place: hours to resolution and response, in calendar and business time, and the
    hours paused; returns the tickets whose times run backwards. Elapsed time is between instants (UTC), so a
    clock change or two offsets in one log cost no hour; business hours and months are on the wall clock of
    the engagement's zone (the mapping's ticket_time_zone, else the service window's), its times shown on it.
    Without a zone the wall clock is the time as written (its offset's own local time)."""
    coverage = Coverage.of(mapping.get("business_hours")) if mapping.get("business_hours") else DEFAULT_COVERAGE
    zone = checked_zone(mapping.get("ticket_time_zone")) or coverage.zone
    instant = {}
    for role in ("opened", "responded", "resolved", "closed"):
        tickets[f"{role}_at"], instant[role] = _wall_and_instant(
            tickets[f"{role}_at"], tickets[f"{role}_offset"], f"{role}_at" in with_offsets, zone
        )
    for end in ("started", "ended"):
        pauses[end] = _wall_and_instant(pauses[end], pauses[f"{end}_offset"], "updated_at" in with_offsets, zone)[0]
    done = tickets.resolved_at.fillna(tickets.closed_at)
    opened_utc, responded_utc = instant["opened"], instant["responded"]
    done_utc = instant["resolved"].where(tickets.resolved_at.notna(), instant["closed"])
    tickets["resolution_hours"] = hours_between(opened_utc, done_utc)
    tickets["resolution_business_hours"] = hours_between(tickets.opened_at, done, coverage)
    tickets["response_hours"] = hours_between(opened_utc, responded_utc)
    tickets["response_business_hours"] = hours_between(tickets.opened_at, tickets.responded_at, coverage)
    tickets["paused_hours"], tickets["paused_business_hours"] = _paused_hours(tickets, pauses, done, coverage)
    tickets["business_day_hours"] = coverage.end_hour - coverage.start_hour
    return _backwards(tickets, opened_utc, done_utc, responded_utc)


def _utc(local: pd.Series, offset_seconds: pd.Series) -> pd.Series:
    return local - pd.to_timedelta(offset_seconds.fillna(0), unit="s")


def _wall_and_instant(
    written: pd.Series, offset_seconds: pd.Series, with_offsets: bool, zone: str | None
) -> tuple[pd.Series, pd.Series]:
    """A column of times as (the wall clock of `zone`, the instant in UTC), both without a zone attached. A time
    with its offset is an instant, shown on the zone's clock; one without is the zone's wall clock (in the hour a
    clock change repeats, the later reading). Without a zone, the time as written is the wall clock."""
    written = pd.to_datetime(written)
    if with_offsets:
        instant = _utc(written, offset_seconds)
        wall = written if zone is None else instant.dt.tz_localize("UTC").dt.tz_convert(zone).dt.tz_localize(None)
        return wall, instant
    if zone is None:
        return written, written
    utc = written.dt.tz_localize(zone, ambiguous=np.zeros(len(written), dtype=bool), nonexistent="shift_forward")
    return written, utc.dt.tz_convert("UTC").dt.tz_localize(None)


def _paused_hours(tickets: pd.DataFrame, pauses: pd.DataFrame, done: pd.Series, coverage: Coverage):
    """Per ticket, the hours its clock stood still before it was resolved, in calendar and business time."""
    if pauses.empty:
        zero = pd.Series(0.0, index=tickets.index)
        return zero, zero.copy()
    end_of = dict(zip(tickets.ticket_id, done))
    p = pauses.assign(resolved=pauses.ticket_id.map(end_of))
    p = p[p.resolved.notna() & (p.started < p.resolved)]
    p["ended"] = p[["ended", "resolved"]].min(axis=1)
    p["calendar"] = hours_between(p.started, p.ended)
    p["business"] = hours_between(p.started, p.ended, coverage)
    sums = p.groupby("ticket_id")[["calendar", "business"]].sum()
    calendar = tickets.ticket_id.map(sums.calendar).fillna(0.0)
    return calendar, tickets.ticket_id.map(sums.business).fillna(0.0)


def _state_patterns(mapping: dict) -> dict:
    """The state words that resolve a ticket and that pause its clock: the ITIL defaults above, or the lists a
    mapping file gives (ticket_resolved_states, ticket_pause_states: the states exactly as the export writes
    them). `listed`: those states, lower case, which the column finder counts as state words."""

    def listed(key: str) -> list[str]:
        names = mapping.get(key) or []
        if not isinstance(names, list) or not all(isinstance(n, str | int | float) for n in names):
            raise InputFileError(f"{key} in the mapping file must be a list of states as the export writes them")
        return [str(n).strip().lower() for n in names]

    def pattern(names: list[str]) -> str | None:
        return "^(?:" + "|".join(map(re.escape, names)) + ")$" if names else None

    resolved_names, pause_names = listed("ticket_resolved_states"), listed("ticket_pause_states")
    resolved, pause = pattern(resolved_names), pattern(pause_names)
    return {
        "resolved": resolved or RESOLVED_STATES,
        "not_resolved": _NOTHING if resolved else NOT_RESOLVED_STATES,
        "pause": pause or PAUSE_STATES,
        "own_queue": _NOTHING if pause else OWN_QUEUE_STATES,
        "listed": {*resolved_names, *pause_names},
    }


def _priority_from_matrix(roles: dict[str, str]) -> bool:
    """No priority column, but ITIL's impact and urgency: the priority is read from both (_checked)."""
    return "priority" not in roles and {"impact", "urgency"} <= set(roles)


def derived_times(roles: dict[str, str]) -> set[str]:
    """The times an event log gives only through its events (one time per row and a state): the opening, where
    no column states it, is the ticket's first event; the resolution, where no column states a resolution or a
    closing, is when the ticket last entered a resolved state, and only if it is still in one."""
    if "updated_at" not in roles:
        return set()
    derived = set() if "opened_at" in roles else {"opened_at"}
    if "state" in roles and not {"resolved_at", "closed_at"} & set(roles):
        derived.add("resolved_at")
    return derived


# per ticket of an event log: its first event, and the start of its last unbroken run of resolved states where
# the run reaches its last event (a ticket reopened and not resolved again has none)
_EVENT_TIMES = """
    create temp table event_times as
    with flagged as (
        select ticket_id, plausible(updated_at) as event_at, updated_offset,
               regexp_matches(lower(coalesce(state, '')), $resolved)
                   and not regexp_matches(lower(coalesce(state, '')), $not_resolved) as is_resolved
        from typed where plausible(updated_at) is not null
    ),
    spans as (
        select ticket_id, min(event_at) as first_at, arg_min(updated_offset, event_at) as first_offset,
               max(event_at) filter (where not is_resolved) as last_open_at
        from flagged group by ticket_id
    )
    select spans.ticket_id, spans.first_at, spans.first_offset,
           min(flagged.event_at) filter (where flagged.is_resolved and (spans.last_open_at is null or flagged.event_at > spans.last_open_at))
               as resolved_at,
           arg_min(flagged.updated_offset, flagged.event_at)
               filter (where flagged.is_resolved and (spans.last_open_at is null or flagged.event_at > spans.last_open_at))
               as resolved_offset
    from spans join flagged using (ticket_id)
    group by spans.ticket_id, spans.first_at, spans.first_offset
"""


def _last_states(
    con,
    roles: dict[str, str],
    day_first: bool | None,
    samples: dict[str, list[str]],
    derived: set[str] = frozenset(),
    states: dict | None = None,
) -> tuple[pd.DataFrame, set[str]]:
    """Collapse events to tickets: the last event by update time (then update count, then file order) is the
    ticket's state. Opening and first response are the earliest any event gives; closing the last; resolution
    is the last event's own, so a ticket reopened after a resolution is unresolved until resolved again. Times
    in `derived` come from the events themselves (derived_times). Also: the times whose column states UTC
    offsets."""

    def col(role: str, sql: str | None = None) -> str:
        if role not in roles:
            return "null"
        return sql.format(c=_q(roles[role])) if sql else _q(roles[role])

    ts = {
        r: (_timestamp_sql(roles[r], day_first, samples[r]) if r in roles else "null::timestamp")
        for r in TIMESTAMP_ROLES
    }
    offsets = {
        r: _offset(col, r, samples) for r in ("opened_at", "responded_at", "resolved_at", "closed_at", "updated_at")
    }
    # shown as the ticket's priority where it is read from impact and urgency
    priority = f"{col('impact')} || ' x ' || {col('urgency')}" if _priority_from_matrix(roles) else col("priority")
    # the finer of two status columns where the export has both ('Completed' / 'Resolved', 'Accepted' / 'Wait - User')
    state = f"coalesce(nullif(trim({col('sub_state')}), ''), {col('state')})" if "sub_state" in roles else col("state")
    order = ", ".join(
        x
        for x in (
            f"{ts['updated_at']} desc nulls last" if "updated_at" in roles else "",
            f"try_cast({col('update_count')} as integer) desc nulls last" if "update_count" in roles else "",
            "export_row desc",
        )
        if x
    )
    id_col = col("ticket_id")
    con.execute(f"""
        create temp table typed as
            select trim({id_col}) as ticket_id,
                   {priority} as priority,
                   {col("impact")} as impact, {col("urgency")} as urgency,
                   {state} as state,
                   {ts["opened_at"]} as opened_at, {ts["responded_at"]} as responded_at,
                   {ts["resolved_at"]} as resolved_at, {ts["closed_at"]} as closed_at,
                   {col("opened_at")} as opened_text, {col("resolved_at")} as resolved_text,
                   {col("made_sla", "lower(trim({c}))")} as made_sla_text,
                   try_cast({col("reopen_count")} as integer) as reopen_count,
                   {ts["updated_at"]} as updated_at,
                   try_cast({col("update_count")} as integer) as update_count,
                   {offsets["opened_at"]} as opened_offset, {offsets["responded_at"]} as responded_offset,
                   {offsets["resolved_at"]} as resolved_offset, {offsets["closed_at"]} as closed_offset,
                   {offsets["updated_at"]} as updated_offset,
                   export_row,
                   row_number() over (partition by trim({id_col}) order by {order}) as recency,
                   count(*) over (partition by trim({id_col})) as events
            from events
            where nullif(trim({id_col}), '') is not null
    """)
    con.execute(_PLAUSIBLE)
    if derived:
        states = states or _state_patterns({})
        con.execute(_EVENT_TIMES, {"resolved": states["resolved"], "not_resolved": states["not_resolved"]})
        if "opened_at" in derived:
            con.execute(
                "update typed set opened_at = event_times.first_at, opened_offset = event_times.first_offset "
                "from event_times where typed.ticket_id = event_times.ticket_id"
            )
        if "resolved_at" in derived:
            con.execute(
                "update typed set resolved_at = event_times.resolved_at, resolved_offset = event_times.resolved_offset "
                "from event_times where typed.ticket_id = event_times.ticket_id"
            )
    # the offsets of the earliest opening and response and the last closing; none to find where no column states one
    stated = any(offsets[r] != "0" for r in ("opened_at", "responded_at", "closed_at"))
    earliest_offsets = (
        "arg_min(opened_offset, plausible(opened_at)) as first_opened_offset, "
        "arg_min(responded_offset, plausible(responded_at)) as first_responded_offset, "
        "arg_max(closed_offset, plausible(closed_at)) as last_closed_offset"
        if stated
        else "0 as first_opened_offset, 0 as first_responded_offset, 0 as last_closed_offset"
    )
    sql = f"""
        with latest as (
            select ticket_id, min(plausible(opened_at)) as first_opened,
                   min(plausible(responded_at)) as first_responded, max(plausible(closed_at)) as last_closed,
                   {earliest_offsets}
            from typed group by ticket_id
        )
        select t.ticket_id, t.priority, t.state,
               coalesce(plausible(t.opened_at), l.first_opened) as opened_at,
               l.first_responded as responded_at,
               -- a reopened ticket's resolution is its last one; an event that cleared it (reopened) clears it
               plausible(t.resolved_at) as resolved_at,
               coalesce(plausible(t.closed_at), l.last_closed) as closed_at,
               case when plausible(t.opened_at) is not null then t.opened_offset else l.first_opened_offset end
                   as opened_offset,
               l.first_responded_offset as responded_offset, t.resolved_offset,
               case when plausible(t.closed_at) is not null then t.closed_offset else l.last_closed_offset end
                   as closed_offset,
               t.opened_text, t.resolved_text,
               case when t.made_sla_text in ('true', 'yes', 'y', '1', 't') then true
                    when t.made_sla_text in ('false', 'no', 'n', '0', 'f') then false end as made_sla,
               t.reopen_count, t.events, t.impact, t.urgency
        from typed t join latest l using (ticket_id)
        where t.recency = 1
        order by t.ticket_id
    """
    with_offsets = {r for r in ("opened_at", "responded_at", "resolved_at", "closed_at") if offsets[r] != "0"} | (
        {*derived, "updated_at"} if offsets["updated_at"] != "0" else set()
    )
    return con.execute(sql).fetchdf(), with_offsets


_PAUSE_COLUMNS = ("ticket_id", "started", "ended", "started_offset", "ended_offset")


def _pauses(con, roles: dict[str, str], states: dict) -> pd.DataFrame:
    """An event log's stretches in a waiting state (awaiting the user, on hold, pending): from the event that
    entered it to the next event. Empty where the export records no states over time."""
    if "updated_at" not in roles or "state" not in roles:
        return pd.DataFrame(columns=list(_PAUSE_COLUMNS))
    return con.execute(
        """
        select ticket_id, updated_at as started, next_update as ended, updated_offset as started_offset,
               next_offset as ended_offset
        from (
            select ticket_id, state, plausible(updated_at) as updated_at, updated_offset,
                   lead(plausible(updated_at)) over (partition by ticket_id order by updated_at, update_count, export_row)
                       as next_update,
                   lead(updated_offset) over (partition by ticket_id order by updated_at, update_count, export_row)
                       as next_offset
            from typed where updated_at is not null
        )
        where regexp_matches(lower(coalesce(state, '')), ?) and not regexp_matches(lower(coalesce(state, '')), ?)
          and next_update > updated_at
    """,
        [states["pause"], states["own_queue"]],
    ).fetchdf()


def _without_id(con, roles: dict[str, str], headers: dict[str, str]) -> list[dict]:
    rows = con.execute(
        f"select export_row from events where nullif(trim({_q(roles['ticket_id'])}), '') is null order by 1"
    ).fetchall()
    return [
        {
            "ticket_id": None,
            "location": f"row {n + 1}",
            "check": "ticket_id_present",
            "message": (
                f"the row has no ticket id (column {headers[roles['ticket_id']]!r} is empty), so it belongs to "
                "no ticket"
            ),
        }
        for (n,) in rows
    ]


def matrix_priority(impact: int | None, urgency: int | None) -> int | None:
    """ITIL's priority from impact and urgency, each 1 (highest) to 5: impact + urgency - 1, at most 5."""
    if impact is None or urgency is None:
        return None
    return min(5, impact + urgency - 1)


def _checked(tickets: pd.DataFrame, extra_priorities: dict | None, from_matrix: bool = False) -> list[dict]:
    """Tickets that cannot be measured, each with the reason a person can act on."""
    extra = {str(k).strip().lower(): int(v) for k, v in (extra_priorities or {}).items()}
    if from_matrix:
        words = {v: priority_level(v, extra) for c in ("impact", "urgency") for v in tickets[c].dropna().unique()}
        level = [
            matrix_priority(words.get(i), words.get(u)) for i, u in zip(tickets.impact, tickets.urgency, strict=True)
        ]
        tickets["priority_level"] = pd.array(level, dtype="Int64")
    else:
        levels = {v: priority_level(v, extra) for v in tickets.priority.dropna().unique()}
        tickets["priority_level"] = tickets.priority.map(levels).astype("Int64")
    tickets["is_closed"] = tickets.state.fillna("").str.match(_CLOSED)
    problems = []
    for row in tickets[tickets.priority_level.isna()].itertuples():
        problems.append(
            {
                "ticket_id": row.ticket_id,
                "location": f"ticket {row.ticket_id}",
                "check": "ticket_priority_known",
                "message": (
                    f"priority {row.priority!r} places the ticket on no severity level (1-5); add it to "
                    "mappings/<engagement>.yml under ticket_priorities, for example ticket_priorities: "
                    f"{{{str(row.priority or 'Urgent')!r}: 1}}"
                ),
            }
        )
    placed = tickets.priority_level.notna()
    for row in tickets[tickets.opened_at.isna() & placed].itertuples():
        problems.append(
            {
                "ticket_id": row.ticket_id,
                "location": f"ticket {row.ticket_id}",
                "check": "ticket_opened_at_readable",
                "message": (
                    f"its opening time {row.opened_text!r} {_OUTSIDE}"
                    if pd.notna(row.opened_text)
                    else "it has no opening time, so no clock can run"
                ),
            }
        )
    # a resolution written but not readable would make a resolved ticket look open: refused, not guessed
    unread = tickets.resolved_text.notna() & tickets.resolved_at.isna() & tickets.opened_at.notna() & placed
    for row in tickets[unread].itertuples():
        problems.append(
            {
                "ticket_id": row.ticket_id,
                "location": f"ticket {row.ticket_id}",
                "check": "ticket_resolved_at_readable",
                "message": f"its resolution time {row.resolved_text!r} {_OUTSIDE}",
            }
        )
    return problems


def _backwards(tickets: pd.DataFrame, opened: pd.Series, *ends: pd.Series) -> list[dict]:
    """Tickets whose clock runs backwards (resolved or answered before they opened, as instants): measuring them
    would leave them out of every share unseen, so they are quarantined with the times."""
    out, seen = [], set()
    for event, end in zip(("resolved", "answered"), ends):
        early = (end < opened).fillna(False)
        for i in early[early].index:
            ticket = tickets.ticket_id[i]
            if ticket in seen:
                continue
            seen.add(ticket)
            hours = (opened[i] - end[i]).total_seconds() / 3600
            out.append(
                {
                    "ticket_id": ticket,
                    "location": f"ticket {ticket}",
                    "check": "ticket_clock_forwards",
                    "message": (
                        f"it is {event} {hours:.2f} hours before it opened ({tickets.opened_at[i]}); the export's "
                        "times or the columns read as them are wrong for this ticket"
                    ),
                }
            )
    return out


# the share of tickets an export may leave unresolved before its reading, not its tickets, is suspected; a
# mapping file's ticket_unresolved_max_pct raises it for an export of open work
UNRESOLVED_MAX_PCT = 50
# a check of the whole export needs enough tickets to be more than chance
_CHECKED_FROM = 10


def _refuse_implausible(tickets: pd.DataFrame, named: dict[str, str], derived: set[str], mapping: dict) -> None:
    """Refuse an export whose reading, taken as a whole, cannot be right, with what to change: its numbers
    would otherwise fill months with answers that look exact (#35)."""
    opened = "its first event" if "opened_at" in derived else repr(named.get("opened_at"))
    ended = (
        "when it entered a resolved state"
        if "resolved_at" in derived
        else repr(named.get("resolved_at") or named.get("closed_at"))
    )
    done = tickets.resolution_hours.dropna()
    if len(done) >= _CHECKED_FROM and (done == 0).mean() >= 0.9:
        raise InputFileError(
            f"{int((done == 0).sum())} of {len(done)} resolved tickets are resolved at the very moment they opened "
            f"(opened: {opened}; resolved: {ended}), so the two times are probably one column or one event. Name "
            "the columns in mappings/<engagement>.yml under ticket_columns; for a log with one time per event, "
            "name only its event_time and state"
        )
    try:
        limit = float(mapping.get("ticket_unresolved_max_pct", UNRESOLVED_MAX_PCT))
    except (TypeError, ValueError):
        raise InputFileError("ticket_unresolved_max_pct in the mapping file must be a number from 0 to 100") from None
    open_share = 100.0 * tickets.resolution_hours.isna().mean() if len(tickets) else 0.0
    if len(tickets) >= _CHECKED_FROM and open_share > limit:
        raise InputFileError(
            f"{open_share:.0f}% of its {len(tickets)} tickets read as unresolved (resolved: {ended}), more than "
            f"the {limit:.0f}% a performance export is expected to hold, so the resolution was probably not found. "
            "Name the resolution column (ticket_columns: {resolved_at: ...}) or the states that resolve "
            "(ticket_resolved_states: [...]) in mappings/<engagement>.yml; for an export of open work, set "
            "ticket_unresolved_max_pct: 100 there"
        )
