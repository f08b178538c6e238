"""The hostile-input corpus (tests/hostile/make_corpus.py) through `outsourcing-etl run`, like any inbox.

For every kind: the run finishes; the file has exactly one registry row with the expected status and a reason
a person understands; good rows from a partly bad file are kept; nothing escapes to an analyst's spreadsheet
as a formula; the run's memory stays bounded; and the other sample engagements sharing the inbox come out of
it with the marts a clean run of them alone gives.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.settings import Settings
from tests.conftest import ROOT, SAMPLES, load_directly, normalised_rows
from tests.hostile.held_out import HELD_OUT
from tests.hostile.held_out import main as make_held_out
from tests.hostile.make_corpus import ENGAGEMENT, KINDS, PLANTED, TICKET_MAX_BYTES
from tests.hostile.make_corpus import main as make_corpus

pytestmark = pytest.mark.e2e

# the largest process of the run, with a 1,500-page PDF, zip bombs and 2 million rows in the inbox (measured: 556 MB)
MEMORY_LIMIT_MB = 1024
# runs the command as its child and reports the largest resident size of any process under it: this run's
# alone, not whatever else this test worker started before
_PEAK = (
    "import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
    "sys.stderr.write(f'\\nPEAK_KB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n'); sys.exit(rc)"
)


BYSTANDERS = sorted(p.stem for p in (SAMPLES / "contracts").glob("*.pdf") if p.stem != ENGAGEMENT)


def _with_bystanders(inbox: Path) -> list[str]:
    """The sample engagements other than the attacked one, copied in; their inbox paths."""
    paths = []
    for engagement in BYSTANDERS:
        for source in [SAMPLES / "contracts" / f"{engagement}.pdf", *(SAMPLES / "reports" / engagement).iterdir()]:
            target = inbox / source.relative_to(SAMPLES)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, target)
            paths.append(target.relative_to(inbox).as_posix())
        mapping = SAMPLES / "mappings" / f"{engagement}.yml"
        if mapping.exists():
            (inbox / "mappings").mkdir(exist_ok=True)
            shutil.copy(mapping, inbox / "mappings" / mapping.name)
    return paths


def _etl_run(inbox: Path, warehouse: Path, *wrapper: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*wrapper, sys.executable, "-m", "etl", "run", "--inbox", str(inbox), "--warehouse", str(warehouse)],
        cwd=ROOT,
        env={**os.environ, "OUTSOURCING_ETL_TICKET_MAX_BYTES": str(TICKET_MAX_BYTES)},
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The corpus aimed at one engagement, in an inbox it shares with the other sample engagements; and a clean
    run of those others alone, whose marts the attacks must leave as they are."""
    work = tmp_path_factory.mktemp("hostile")
    inbox = work / "inbox"
    make_corpus(inbox)
    make_held_out(inbox)
    bystander_files = _with_bystanders(inbox)
    # the reference: the stages themselves over the bystanders alone (`outsourcing-etl run` over a clean inbox is
    # tests/dags/test_pipeline_run's first run)
    load_directly(Settings(_clean_inbox(work / "clean"), work / "clean.duckdb"))
    warehouse = work / "warehouse.duckdb"
    before = _watched()
    proc = _etl_run(inbox, warehouse, sys.executable, "-c", _PEAK)
    written = _watched() ^ before
    peak_mb = int(re.search(r"PEAK_KB (\d+)", proc.stderr).group(1)) / 1024
    con = duckdb.connect(str(warehouse), read_only=True)

    def query(sql):
        cur = con.execute(sql)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    yield proc, query, peak_mb, (str(warehouse), str(work / "clean.duckdb"), bystander_files), written
    con.close()


def _watched() -> set[tuple]:
    """What the run must not change: the DAG folder, the package and the checkout's files (git's view, untracked
    ones included), and anything in /tmp named like a planted file. Bytecode caches, which other test workers
    may write meanwhile, are left out."""
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    code = {
        (str(p), p.stat().st_size, p.stat().st_mtime_ns)
        for folder in ("dags", "etl", "warehouse", "expectations")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    tmp = {(str(p),) for p in Path("/tmp").glob("*oetl_planted*")}
    return code | tmp | {(line,) for line in status.splitlines()}


def _clean_inbox(inbox: Path) -> Path:
    _with_bystanders(inbox)
    return inbox


def test_the_run_finishes(run):
    proc, *_ = run
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_no_statement_hidden_in_a_file_writes_or_reads_outside_the_run(run):
    """#29: headers, sheet names, JSON keys, metric names, mapping keys and folder names that are statements
    leave the DAG folder, the code, the checkout and /tmp as they were, and no local file's text reaches the
    registry."""
    *_, written = run
    assert not [p for p in PLANTED if p.exists()]
    assert not written, sorted(written)[:10]
    _, query, *_ = run
    reasons = " ".join(r["reason"] or "" for r in query("select reason from file_registry"))
    secrets = [Path("/etc/hostname").read_text().strip(), "PATH=", "HOME="]
    assert not [s for s in secrets if s and s in reasons]


@pytest.mark.parametrize("path", sorted(HELD_OUT), ids=lambda p: HELD_OUT[p])
def test_each_held_out_attack_has_one_registry_row_and_a_reason_a_person_can_act_on(run, path):
    """The held-out inbox (held_out.py) expects nothing per file beyond what every file is owed: one row, and
    where it is not loaded a reason in words, never a reader's bare exception ('could not be read: ...')."""
    _, query, *_ = run
    rows = query(f"select status, reason from file_registry where path = '{path}'")
    assert len(rows) == 1, rows
    if rows[0]["status"] != "loaded":
        assert rows[0]["reason"] and not rows[0]["reason"].startswith("could not be read"), rows[0]
    assert not Path("/tmp/oetl_planted_zip.csv").exists() and not Path("/oetl_planted_zip.csv").exists()


def test_the_corpus_has_at_least_thirty_kinds():
    assert len(KINDS) >= 30


@pytest.mark.parametrize("path", sorted(KINDS), ids=lambda p: KINDS[p][0])
def test_each_file_has_one_registry_row_with_its_status_and_reason(run, path):
    _, query, *_ = run
    kind, status, words = KINDS[path]
    rows = query(f"select status, reason from file_registry where path = '{path.replace(chr(39), chr(39) * 2)}'")
    assert len(rows) == 1, (kind, rows)
    if status:
        assert rows[0]["status"] == status, (kind, rows[0])
    if rows[0]["status"] != "loaded" or words:
        assert rows[0]["reason"], kind
    if words:
        assert words.lower() in rows[0]["reason"].lower(), (kind, rows[0]["reason"])


def test_good_rows_of_partly_bad_files_are_kept(run):
    _, query, *_ = run
    kept = {
        (r["file_path"].rsplit("/", 1)[1], r["metric_name"])
        for r in query("select file_path, metric_name from raw_measurements")
    }
    assert ("formula-injection.csv", "Server availability") in kept
    assert ("impossible-percentages.csv", "Server availability") in kept
    assert ("formulas-and-errors.xlsx", "First contact resolution") in kept  # the formula's cached 80
    assert ("future-dates.csv", "Server availability") in kept


def test_thousands_separators_of_both_conventions_read_the_same(run):
    _, query, *_ = run
    got = sorted(
        (r["period"], r["actual"])
        for r in query(
            f"select period, actual from raw_measurements where file_path = 'reports/{ENGAGEMENT}/thousands-separators.csv'"
        )
    )
    assert got == [("2025-07", 99.95), ("2025-07", 1234.5), ("2025-08", 1234.5)]


def test_bad_rows_are_quarantined_with_reasons(run):
    _, query, *_ = run
    messages = {
        r["location"]: r["message"]
        for r in query(
            f"select location, message from quarantine where source_path = 'reports/{ENGAGEMENT}/future-dates.csv'"
        )
    }
    assert any("has not happened yet" in m for m in messages.values())
    messages = [
        r["message"]
        for r in query(
            f"select message from quarantine where source_path = 'reports/{ENGAGEMENT}/impossible-percentages.csv'"
        )
    ]
    assert any("below the smallest" in m for m in messages) and any("above the largest" in m for m in messages)
    messages = [
        r["message"]
        for r in query(
            f"select message from quarantine where source_path = 'reports/{ENGAGEMENT}/formulas-and-errors.xlsx'"
        )
    ]
    assert any("#DIV/0!" in m for m in messages)


def test_no_formula_reaches_a_spreadsheet_unescaped(run):
    _, query, *_ = run
    texts = []
    for table, columns in (
        ("raw_measurements", "metric_name, actual_text, source_text"),
        ("quarantine", "message, record"),
        ("file_registry", "reason"),
        ("raw_tickets", "ticket_id, priority, state"),
    ):
        for row in query(f"select {columns} from {table}"):
            texts += [v for v in row.values() if isinstance(v, str)]
    injected = [t for t in texts if "HYPERLINK" in t or "cmd|" in t or "SUM(1+1)" in t]
    assert injected, "the injection rows vanished instead of being quarantined"
    for text in injected:
        for cell in text.split(" | "):
            assert not cell.lstrip('"{').startswith(("=", "+", "@")), text


def test_the_hostile_names_are_data_not_sql(run):
    _, query, _, (_, _, bystander_files), _ = run
    assert query("select count(*) as n from file_registry")[0]["n"] == len(KINDS) + len(HELD_OUT) + len(bystander_files)


@pytest.mark.parametrize(
    "mart",
    ["mart_kpi_summary", "mart_sla_attainment", "mart_service_credits", "mart_cost_savings", "mart_renewals"],
)
def test_the_attacks_leave_every_other_engagements_figures_as_a_clean_run_has_them(run, mart):
    _, _, _, (attacked, clean, _), _ = run
    engagements = ", ".join(f"'{e}'" for e in BYSTANDERS)
    sql = f"select * from {mart} where engagement_id in ({engagements})"
    expected = normalised_rows(clean, sql)
    assert expected, f"{mart} has no rows for the other engagements"
    assert normalised_rows(attacked, sql) == expected


def test_memory_stays_bounded(run):
    _, _, peak_mb, *_ = run
    assert peak_mb < MEMORY_LIMIT_MB
