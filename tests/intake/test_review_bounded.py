"""#29/#37: `review` reads a user's inbox like a pipeline run does: each file in a child process with one
file's memory and time budget, and it writes its template only inside the inbox, never through a link."""

import os
import shutil
import subprocess
import sys

from tests.conftest import ROOT, SAMPLES

ENGAGEMENT = "ito-infra-northwind"


def _review(inbox, **env):
    return subprocess.run(
        [sys.executable, "-m", "etl", "review", "--inbox", str(inbox), "--engagement", ENGAGEMENT],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def _inbox(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "contracts").mkdir(parents=True)
    shutil.copy(SAMPLES / "contracts" / f"{ENGAGEMENT}.pdf", inbox / "contracts")
    return inbox


def test_a_contract_that_exhausts_its_reader_stops_the_reader_not_the_review(tmp_path):
    inbox = _inbox(tmp_path)
    # a budget no contract fits in stands for a file built to exhaust its reader
    proc = _review(inbox, OUTSOURCING_ETL_FILE_MEMORY_MB="1")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"{ENGAGEMENT}.pdf could not be read" in proc.stdout or "stopped the extraction process" in proc.stdout
    assert "enter its terms by hand" in proc.stdout
    # the template still comes, with everything to enter
    template = inbox / "contracts" / f"{ENGAGEMENT}.yml"
    assert "annual_charges" in template.read_text()


def test_the_same_review_within_budget_reads_the_contract(tmp_path):
    inbox = _inbox(tmp_path)
    proc = _review(inbox)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "could not be read" not in proc.stdout and "service levels:" in proc.stdout
    assert "service levels: 0 rows" not in proc.stdout


def test_a_dangling_link_where_the_template_goes_is_not_written_through(tmp_path):
    inbox = _inbox(tmp_path)
    outside = tmp_path / "outside" / "planted.yml"
    outside.parent.mkdir()
    (inbox / "contracts" / f"{ENGAGEMENT}.yml").symlink_to(outside)
    proc = _review(inbox)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not outside.exists()
    assert "links outside the inbox" in proc.stdout
